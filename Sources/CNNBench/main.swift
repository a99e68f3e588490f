// Trains the seed model of the CNN lesson on real MNIST and prints speed figures.
// Usage: CNNBench [--epochs N] [--threads N]
import CNN
import Foundation

var epochs = 1, threads = 2
var args = CommandLine.arguments.dropFirst().makeIterator()
while let a = args.next() {
    switch a {
    case "--epochs": epochs = Int(args.next() ?? "") ?? 1
    case "--threads": threads = Int(args.next() ?? "") ?? 2
    default: FileHandle.standardError.write("unknown argument \(a)\n".data(using: .utf8)!); exit(2)
    }
}


func peakRSSMB() -> Double {
    guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = s.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
    return kb / 1024
}

do {
    let data = try MNIST.load()
    let x = try data.train.x.toFloat(scale: 1 / 255).reshaped([-1, 28, 28, 1])
    let xt = try data.test.x.toFloat(scale: 1 / 255).reshaped([-1, 28, 28, 1])
    let s = NameScope()
    let model = try Sequential(layers: [
        Conv2D(filters: 32, kernelSize: (3, 3), activation: "relu", inputShape: [28, 28, 1], scope: s),
        MaxPooling2D(poolSize: (2, 2), scope: s),
        Conv2D(filters: 64, kernelSize: (3, 3), activation: "relu", scope: s),
        MaxPooling2D(poolSize: (2, 2), scope: s),
        Flatten(scope: s),
        Dense(units: 128, activation: "relu", scope: s),
        Dense(units: 10, activation: "softmax", scope: s),
    ], scope: s, threads: threads)
    try model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
    var epochSeconds: [Double] = []
    var steps = 0
    try model.fit(x: x, y: data.train.y, epochs: epochs, batchSize: 32, validationSplit: 0.1) { event in
        if case let .epochEnd(epoch, metrics, seconds, s) = event {
            epochSeconds.append(seconds); steps = s
            let m = metrics.map { "\($0.0): \(String(format: "%.4f", $0.1))" }.joined(separator: " - ")
            print("epoch \(epoch)/\(epochs): \(String(format: "%.2f", seconds)) s - \(m)")
        }
    }
    let t0 = Date()
    let r = try model.evaluate(x: xt, y: data.test.y)
    let evalSeconds = Date().timeIntervalSince(t0)
    let sorted = epochSeconds.sorted(), median = sorted[sorted.count / 2]
    let gflop = (54_000 * 15.4e6 + 6_000 * 5.3e6) / 1e9
    print("ours: threads \(threads)")
    print(String(format: "ours: %.2f ms/step, %.2f s/epoch (median of %d), %.1f GFLOP/s, %.1f%% of 156 GFLOP/s peak",
                 median * 1000 / Double(steps), median, epochSeconds.count, gflop / median, gflop / median / 156 * 100))
    print(String(format: "ours: test accuracy %.4f, test loss %.4f (evaluate %.2f s), peak RSS %.0f MB", r[1], r[0], evalSeconds, peakRSSMB()))
    print(String(format: "RESULT ours_epoch_s=%.3f ours_acc=%.4f ours_rss_mb=%.0f", median, r[1], peakRSSMB()))
} catch {
    print("error: \(error)")
    exit(1)
}
