// The seed model trained 3 epochs (batch 32, Adam, unshuffled) on the first N MNIST images,
// as a Sequential (its fused Conv2D→MaxPooling2D path) or as a functional graph of the same
// layers (the tape engine that graphs, subclassed models and GradientTape loops run on), with
// no interpreter in between: issue 19's "a graph trains at the same speed as Sequential".
// Usage: GraphBench sequential|functional [N]   (time pairs of runs with /usr/bin/time -v)
import CNN
import Foundation

func fail(_ message: String) -> Never { FileHandle.standardError.write(Data((message + "\n").utf8)); exit(2) }
func cpuSeconds() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6 + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) / 1e6
}
let args = CommandLine.arguments
let kind = args.count > 1 ? args[1] : "sequential"
guard kind == "sequential" || kind == "functional" else { fail("usage: GraphBench sequential|functional [N]") }
guard let requested = args.count > 2 ? Int(args[2]) : 6000, requested > 0 else { fail("N must be a positive integer") }
do {
    let data = try MNIST.load()
    let all = try data.train.x.toFloat(scale: 1 / 255).reshaped([-1, 28, 28, 1])
    let n = Swift.min(requested, all.shape[0])
    let x = all.slice(0..<n), y = data.train.y.toFloat().slice(0..<n)
    let s = NameScope()
    let layers: [Layer] = [
        try Conv2D(filters: 32, kernelSize: (3, 3), activation: "relu", inputShape: [28, 28, 1], scope: s),
        try MaxPooling2D(poolSize: (2, 2), scope: s),
        try Conv2D(filters: 64, kernelSize: (3, 3), activation: "relu", scope: s),
        try MaxPooling2D(poolSize: (2, 2), scope: s),
        try Flatten(scope: s),
        try Dense(units: 128, activation: "relu", scope: s),
        try Dense(units: 10, activation: "softmax", scope: s),
    ]
    let c0 = cpuSeconds()
    let history: History
    if kind == "sequential" {
        let model = try Sequential(layers: layers, scope: s, threads: defaultThreadCount())
        try model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
        history = try model.fit(x: x, y: y, epochs: 3, batchSize: 32, shuffle: false)
    } else {
        var rng = SeededRNG(seed: 42)
        let input = try GraphNode.input(shape: [28, 28, 1], scope: s)
        var node = input
        for l in layers { node = try node.applying(l, rng: &rng) }
        let model = try GraphModel(inputs: [input], outputs: [node], scope: s)
        try model.compile(optimizer: try Optimizer.named("adam"),
                          losses: [try GraphLoss(name: "sparse_categorical_crossentropy", accuracy: true)])
        history = try model.fit(x: [x], y: [y], epochs: 3, batchSize: 32, shuffle: false)
    }
    print(String(format: "%@: %d images x 3 epochs, %.2f CPU-s training, accuracy %.3f", kind, n, cpuSeconds() - c0,
                 history.history["accuracy"]?.last ?? 0))
} catch {
    print("error: \(error)")
    exit(1)
}
