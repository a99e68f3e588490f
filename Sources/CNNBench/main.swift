// Trains the seed model of the CNN lesson on real MNIST and prints speed figures: the CPU,
// the features and kernels used, the machine's measured FP32 FMA peak, and the share of it
// one epoch reaches.
// Usage: CNNBench [--epochs N] [--threads N] [--train N] [--no-peak]
import CNN
import Foundation

var epochs = 1, threads = defaultThreadCount(), trainCount = 0, measurePeak = true
var args = CommandLine.arguments.dropFirst().makeIterator()
func fail(_ message: String) -> Never { FileHandle.standardError.write(Data((message + "\n").utf8)); exit(2) }
func positive(_ s: String?, _ flag: String) -> Int {
    guard let s, let n = Int(s), n > 0 else { fail("\(flag) needs a positive integer") }
    return n
}
while let a = args.next() {
    switch a {
    case "--epochs": epochs = positive(args.next(), a)
    case "--threads": threads = positive(args.next(), a)
    case "--train": trainCount = positive(args.next(), a)  // the first N training images (quick A/B runs)
    case "--no-peak": measurePeak = false
    default: fail("unknown argument \(a)")
    }
}

func peakRSSMB() -> Double {
    guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = s.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
    return kb / 1024
}

print("cpu: \(KernelLibrary.cpuModel) (\(ProcessInfo.processInfo.activeProcessorCount) cores)")
print("features: \(KernelLibrary.features.joined(separator: " "))")
print("kernels: OpenBLAS core \(KernelLibrary.blasCore) (chosen by \(KernelLibrary.blasChoice); the features call for \(KernelLibrary.coreForFeatures ?? "no particular core")), element-wise loops at \(KernelLibrary.fmaLanes) lanes")
print("convolutions: " + (KernelLibrary.convolutionISA == "none" ? "im2col + OpenBLAS (oneDNN not found)" : "oneDNN, ISA \(KernelLibrary.convolutionISA) (its own cpuid choice)"))
let measured = measurePeak ? KernelLibrary.measuredPeak(threads: threads) : (wall: 0, perCore: 0)
// The peak of `threads` cores: per-core CPU-time rate × threads (a busy machine lowers the
// wall-clock figure, not what each core does while it runs us); the wall figure is printed too.
let peak = measured.perCore * Double(threads)
if measurePeak {
    print(String(format: "peak: %.1f GFLOP/s FP32 FMA (%d lanes; %.1f per core × %d threads; %.1f by the wall clock now)",
                 peak, KernelLibrary.fmaLanes, measured.perCore, threads, measured.wall))
}
func cpuSeconds() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6 + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) / 1e6
}

do {
    let data = try MNIST.load()
    var x = try data.train.x.toFloat(scale: 1 / 255).reshaped([-1, 28, 28, 1])
    var y = data.train.y.toFloat()
    if trainCount > 0 { let n = Swift.min(trainCount, x.shape[0]); x = x.slice(0..<n); y = y.slice(0..<n) }
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
    var epochSeconds: [Double] = [], epochCPU: [Double] = []
    var steps = 0, cpuAtBegin = 0.0
    // `progress:` by name: a trailing closure would bind to the last parameter, `validationProgress`.
    try model.fit(x: x, y: y, epochs: epochs, batchSize: 32, validationSplit: 0.1, progress: { event in
        if case .epochBegin = event { cpuAtBegin = cpuSeconds() }
        if case let .epochEnd(epoch, metrics, seconds, s) = event {
            epochSeconds.append(seconds); epochCPU.append(cpuSeconds() - cpuAtBegin); steps = s
            let m = metrics.map { "\($0.0): \(String(format: "%.4f", $0.1))" }.joined(separator: " - ")
            print("epoch \(epoch)/\(epochs): \(String(format: "%.2f", seconds)) s - \(m)")
        }
    })
    for case let conv as Conv2D in model.layers {
        let k = (0..<3).map { conv.kernelName(batch: 32, pass: $0) }
        print("\(conv.name) at batch 32: forward \(k[0]), backward-data \(k[1]), backward-weights \(k[2])")
    }
    let t0 = Date()
    let r = try model.evaluate(x: xt, y: data.test.y)
    let evalSeconds = Date().timeIntervalSince(t0)
    guard !epochSeconds.isEmpty, !epochCPU.isEmpty else { fail("error: fit reported no epoch") }
    let sorted = epochSeconds.sorted(), median = sorted[sorted.count / 2]
    // 15.4 MFLOP per trained image, 5.3 per validated one (DESIGN.md): 863 GFLOP a full epoch.
    let trained = Double(x.shape[0]) * 0.9, validated = Double(x.shape[0]) - trained.rounded(.down)
    let gflop = (trained * 15.4e6 + validated * 5.3e6) / 1e9
    let pct = peak > 0 ? gflop / median / peak * 100 : 0
    // The same share with the epoch's CPU seconds spread over the threads: what the run would
    // take with the cores to itself (a busy machine stretches the wall clock, not this).
    let cpuMedian = epochCPU.sorted()[epochCPU.count / 2], cpuEpoch = cpuMedian / Double(threads)
    let pctCPU = peak > 0 ? gflop / cpuEpoch / peak * 100 : 0
    print("ours: threads \(threads)")
    print(String(format: "ours: %.2f ms/step, %.2f s/epoch (median of %d), %.1f GFLOP/s, %.1f%% of the measured peak",
                 median * 1000 / Double(Swift.max(steps, 1)), median, epochSeconds.count, gflop / median, pct))
    print(String(format: "ours: %.2f CPU-s an epoch = %.2f s on %d free cores, %.1f%% of the peak by CPU time", cpuMedian, cpuEpoch, threads, pctCPU))
    print(String(format: "ours: test accuracy %.4f, test loss %.4f (evaluate %.2f s), peak RSS %.0f MB", r[1], r[0], evalSeconds, peakRSSMB()))
    print(String(format: "RESULT ours_epoch_s=%.3f peak_gflops=%.1f pct_peak=%.1f ours_cpu_epoch_s=%.3f pct_peak_cpu=%.1f ours_acc=%.4f ours_rss_mb=%.0f",
                 median, peak, pct, cpuEpoch, pctCPU, r[1], peakRSSMB()) + " ours_core=\(KernelLibrary.blasCore) ours_conv_isa=\(KernelLibrary.convolutionISA)")
} catch {
    print("error: \(error)")
    exit(1)
}
