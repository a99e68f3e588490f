/// The arguments `Conv2D` and `Conv2DTranspose` take, checked in one place: positive filters,
/// kernel size and strides, Keras's padding names and a known activation.
struct ConvolutionArguments {
    let filters: Int
    let kernelSize: (Int, Int)
    let strides: (Int, Int)
    let samePadding: Bool
    let activation: Activation

    init(layer: String, filters: Int, kernelSize: (Int, Int), strides: (Int, Int), padding: String, activation: String?) throws {
        guard filters > 0, kernelSize.0 > 0, kernelSize.1 > 0, strides.0 > 0, strides.1 > 0 else {
            throw CNNError.invalidArgument("\(layer) needs positive filters, kernel size and strides (got filters=\(filters), kernel_size=\(kernelSize), strides=\(strides)).")
        }
        self.filters = filters; self.kernelSize = kernelSize; self.strides = strides
        samePadding = try parsePadding(padding)
        self.activation = try Activation(name: activation)
    }
}

/// `Conv2D` and `Conv2DTranspose` take a kernel size and strides as pairs; this gives both
/// Keras's one-number form, `Conv2D(64, 3)`, which means a square kernel and equal strides.
public protocol SquareKernelConvolution {
    init(filters: Int, kernelSize: (Int, Int), strides: (Int, Int), padding: String,
         activation: String?, inputShape: [Int]?, name: String?, scope: NameScope) throws
}

extension SquareKernelConvolution {
    public init(filters: Int, kernelSize: Int, strides: Int = 1, padding: String = "valid",
                activation: String? = nil, inputShape: [Int]? = nil, name: String? = nil, scope: NameScope) throws {
        try self.init(filters: filters, kernelSize: (kernelSize, kernelSize), strides: (strides, strides), padding: padding,
                      activation: activation, inputShape: inputShape, name: name, scope: scope)
    }
}
