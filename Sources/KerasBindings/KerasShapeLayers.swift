import CNN
import Script

/// `layers.Conv2DTranspose`, `layers.UpSampling2D` and `layers.Softmax`: their Keras
/// arguments (what the shared `LayerSpec.parse` does not check) and the CNN layers made from them.
extension LayerSpec {
    static func parseShapeLayer(_ kind: Kind, _ bound: BoundArguments, into spec: inout LayerSpec) throws {
        switch kind {
        case .upSampling2D:
            spec.upSize = bound.has("size") ? try pair(bound.intList("size"), "size", kind) : [2, 2]
            let interpolation = bound.has("interpolation") ? try bound.string("interpolation") : "nearest"
            guard interpolation == "nearest" else {
                throw ScriptError.notSupported("UpSampling2D(interpolation='\(interpolation)') is not supported in lessons; 'nearest' (the default) is")
            }
            try channelsLast(bound, kind)
        case .softmax:
            if bound.has("axis") {
                let axis = try bound.int("axis")
                guard axis == -1 else { throw ScriptError.notSupported("Softmax(axis=\(axis)) is not supported in lessons; the last axis (axis=-1) is") }
            }
        case .embedding:
            spec.inputDim = try bound.int("input_dim"); spec.outputDim = try bound.int("output_dim")
            guard spec.inputDim > 0, spec.outputDim > 0 else {
                throw ScriptError.valueError("Both `input_dim` and `output_dim` should be positive, Received input_dim=\(spec.inputDim) and output_dim=\(spec.outputDim)")
            }
            let initializer = bound.has("embeddings_initializer") ? try bound.string("embeddings_initializer") : "uniform"
            guard initializer == "uniform" else {
                throw ScriptError.notSupported("Embedding(embeddings_initializer='\(initializer)') is not supported; lessons use Keras's default 'uniform'")
            }
            if bound.has("mask_zero"), try bound.bool("mask_zero") { throw ScriptError.notSupported("Embedding(mask_zero=True) is not supported in lessons") }
            if bound.has("input_length") { spec.inputShape = try positive([try bound.int("input_length")], "input_length", kind) }
        case .globalMaxPooling2D, .globalAveragePooling2D, .globalMaxPooling1D, .globalAveragePooling1D:
            try channelsLast(bound, kind)
            if bound.has("keepdims"), try bound.bool("keepdims") {
                throw ScriptError.notSupported("\(kind.rawValue)(keepdims=True) is not supported in lessons")
            }
        default:
            break
        }
    }

    /// Lessons hold NHWC images: `data_format` may only say so.
    static func channelsLast(_ bound: BoundArguments, _ kind: Kind) throws {
        guard bound.has("data_format"), let value = bound["data_format"], !value.isNone else { return }
        let format = try bound.string("data_format")
        guard format == "channels_last" else {
            throw ScriptError.notSupported("\(kind.rawValue)(data_format='\(format)') is not supported in lessons; images are channels_last")
        }
    }

    func makeShapeLayer(scope: NameScope) throws -> Layer {
        switch kind {
        case .conv2DTranspose:
            return try Conv2DTranspose(filters: filters, kernelSize: (kernelSize[0], kernelSize[1]), strides: (strides[0], strides[1]),
                                       padding: padding, activation: activation, inputShape: inputShape, name: name, scope: scope)
        case .upSampling2D:
            return try UpSampling2D(size: (upSize[0], upSize[1]), name: name, scope: scope)
        case .softmax:
            return Softmax(name: name, scope: scope)
        case .globalMaxPooling2D:
            return GlobalPooling2D(.max, name: name, scope: scope)
        case .globalAveragePooling2D:
            return GlobalPooling2D(.average, name: name, scope: scope)
        case .globalMaxPooling1D:
            return GlobalPooling2D(.max, rank: 1, name: name, scope: scope)
        case .globalAveragePooling1D:
            return GlobalPooling2D(.average, rank: 1, name: name, scope: scope)
        case .embedding:
            return try Embedding(inputDim: inputDim, outputDim: outputDim, name: name, scope: scope)
        default:
            throw ScriptError.notSupported("\(kind.rawValue) is not a shape layer")
        }
    }

    /// The per-sample output of Conv2DTranspose and UpSampling2D, nil when a size overflows
    /// or the input is not an image (the CNN library then says why).
    static func upscaledShape(_ spec: LayerSpec, input: [Int]) -> [Int]? {
        guard input.count == 3 else { return nil }
        var sizes: [Int] = []
        for axis in 0..<2 {
            if spec.kind == .upSampling2D {
                let (n, overflow) = input[axis].multipliedReportingOverflow(by: spec.upSize[axis])
                guard !overflow else { return nil }
                sizes.append(n)
            } else {
                let (scaled, o1) = input[axis].multipliedReportingOverflow(by: spec.strides[axis])
                guard !o1 else { return nil }
                let (n, o2) = scaled.addingReportingOverflow(spec.padding == "same" ? 0 : max(spec.kernelSize[axis] - spec.strides[axis], 0))
                guard !o2 else { return nil }
                sizes.append(n)
            }
        }
        return sizes + [spec.kind == .upSampling2D ? input[2] : spec.filters]
    }
}
