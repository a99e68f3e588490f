import CNN
import Script

/// What a Keras model will allocate, worked out from the layers' specs before the CNN
/// library allocates it: weights when a layer is built, activations when a batch goes
/// through. All sizes are overflow-checked; the run's context refuses what is too big
/// (MemoryError), so a lesson asking for `Conv2D(10**6, 3)` on 32 images gets an error,
/// not a failed allocation.
enum KerasMemory {
    /// Each weight costs 16 bytes: its value, its gradient and two optimizer slots.
    static let bytesPerWeight = 16
    /// A float32 activation; training keeps each one with its gradient and a temporary.
    static let bytesPerActivation = 4
    static let trainingCopies = 3

    /// The per-sample output shape of a layer for a per-sample input shape, nil when a size
    /// overflows or the layer cannot take the input (the CNN library then says why).
    static func outputShape(_ spec: LayerSpec, input: [Int]) -> [Int]? {
        switch spec.kind {
        case .input: return spec.inputShape ?? input
        case .dropout, .softmax: return input
        case .conv2DTranspose, .upSampling2D: return LayerSpec.upscaledShape(spec, input: input)
        case .globalMaxPooling2D, .globalAveragePooling2D: return input.count == 3 ? [input[2]] : nil
        case .globalMaxPooling1D, .globalAveragePooling1D: return input.count == 2 ? [input[1]] : nil
        case .embedding: return input + [spec.outputDim]
        case .lstm, .gru, .simpleRNN: return LayerSpec.recurrentOutputShape(spec, input: input)
        case .flatten: return RunContext.product(input).map { [$0] }
        case .dense:
            guard !input.isEmpty else { return nil }
            return input.dropLast() + [spec.units]
        case .conv2D, .maxPooling2D:
            guard input.count == 3 else { return nil }
            let window = spec.kind == .conv2D ? spec.kernelSize : spec.poolSize
            guard window.count == 2, spec.strides.count == 2 else { return nil }
            var sizes: [Int] = []
            for axis in 0..<2 {
                let size = input[axis], stride = max(1, spec.strides[axis])
                if spec.padding == "same" {
                    sizes.append(size / stride + (size % stride == 0 ? 0 : 1))
                } else {
                    guard size >= window[axis] else { return nil }
                    sizes.append((size - window[axis]) / stride + 1)
                }
            }
            return sizes + [spec.kind == .conv2D ? spec.filters : input[2]]
        }
    }

    /// The weights a layer makes for a per-sample input shape; nil when the count overflows.
    static func weightCount(_ spec: LayerSpec, input: [Int]) -> Int? {
        if spec.kind == .embedding { return RunContext.product([spec.inputDim, spec.outputDim]) }
        if spec.isRecurrent { return LayerSpec.recurrentWeightCount(spec, input: input) }
        guard let channels = input.last else { return 0 }
        switch spec.kind {
        case .dense:
            return RunContext.sum(channels, 1).flatMap { RunContext.product([$0, spec.units]) }
        case .conv2D, .conv2DTranspose:
            return RunContext.product(spec.kernelSize + [channels]).flatMap { RunContext.sum($0, 1) }
                .flatMap { RunContext.product([$0, spec.filters]) }
        default:
            return 0
        }
    }

    /// Refuses a layer whose weights are more than the run allows, before they are made.
    static func chargeWeights(_ spec: LayerSpec, input: [Int], run: RunContext) throws {
        // The kernel alone can overflow (`Conv2D(8, (2**40, 2**40))`), whatever the input.
        let count = (spec.kind == .conv2D || spec.kind == .conv2DTranspose) && RunContext.product(spec.kernelSize + [spec.filters]) == nil ? nil : weightCount(spec, input: input)
        guard let count, let bytes = RunContext.bytes(elements: count, bytesPerElement: bytesPerWeight),
              bytes <= run.limits.maxAllocationBytes else {
            let shown = count.map { "\($0)" } ?? "more than \(Int.max)"
            throw ScriptError.memoryError("\(spec.kind.rawValue) would have \(shown) weights; a lesson run allows \(run.limits.maxAllocationBytes) bytes for one value (\(bytesPerWeight) bytes a weight with its gradient and optimizer slots)")
        }
        try run.chargeResident(bytes, what: "the weights of \(spec.kind.rawValue)")
    }

    /// Refuses a pass of `samples` samples (`batch` at a time) through `specs` when its
    /// activations, or weights not made yet, would pass the run's limits. `what` names
    /// the call (`predict`, `fit`).
    static func chargePass(_ what: String, specs: [LayerSpec], sample input: [Int], samples: Int, batch: Int,
                           training: Bool, unbuilt: Bool, run: RunContext) throws {
        let perBatch = max(1, min(max(batch, 1), max(samples, 1)))
        var shape = input
        var perSample = RunContext.product(input)
        var largest = perSample ?? 0
        for spec in specs {
            if unbuilt { try chargeWeights(spec, input: shape, run: run) }
            guard let next = outputShape(spec, input: shape) else {
                // A shape Keras would refuse: the library says so; an overflow is ours to refuse.
                if spec.kind == .flatten || RunContext.product(shape) == nil { perSample = nil }
                break
            }
            // A recurrent layer keeps every step's gates, cells and outputs, and their
            // gradients: at most about 18 values a unit a step beyond its output (LSTM).
            let workspace = spec.isRecurrent ? RunContext.product([shape.first ?? 1, spec.units, 18]) : 0
            shape = next
            let size = RunContext.product(shape).flatMap { s in workspace.flatMap { RunContext.sum(s, $0) } }
            perSample = perSample.flatMap { total in size.flatMap { RunContext.sum(total, $0) } }
            largest = max(largest, size ?? Int.max)
            if perSample == nil { break }
        }
        let copies = training ? trainingCopies : 1
        let elements = perSample.flatMap { RunContext.product([$0, perBatch, copies]) }
        guard let elements, let bytes = RunContext.bytes(elements: elements, bytesPerElement: bytesPerActivation),
              bytes <= run.limits.maxAllocationBytes, largest < Int.max else {
            let shown = elements.flatMap { RunContext.bytes(elements: $0, bytesPerElement: bytesPerActivation) }.map { "\($0) bytes" } ?? "more bytes than a 64-bit size holds"
            throw ScriptError.memoryError("\(what): the activations of a batch of \(perBatch) would take \(shown); a lesson run allows \(run.limits.maxAllocationBytes) bytes for one value")
        }
        try run.chargeResident(bytes, what: "\(what): the activations of a batch of \(perBatch)")
        // What predict returns: every sample's output.
        if !training, let last = RunContext.product(shape) {
            try run.charge(elements: RunContext.product([last, max(samples, 0)]) ?? Int.max, bytesPerElement: bytesPerActivation, what: "\(what): the outputs")
        }
    }
}
