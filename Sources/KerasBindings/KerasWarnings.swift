/// What Keras 3 writes to stderr, word for word (shared/reference/keras-3-outputs.md).
enum KerasWarnings {
    /// A layer given `input_shape=`/`input_dim=` in a Sequential model. The file and line are
    /// where Keras 3.15 raises it for each layer family.
    static func inputShape(layerClass: String) -> String {
        let origin: String
        switch layerClass {
        case "Conv2D", "Conv1D": origin = "keras/src/layers/convolutional/base_conv.py:113"
        case "Dense": origin = "keras/src/layers/core/dense.py:93"
        case "Flatten": origin = "keras/src/layers/reshaping/flatten.py:37"
        case "MaxPooling2D": origin = "keras/src/layers/pooling/base_pooling.py:23"
        case "Dropout": origin = "keras/src/layers/regularization/dropout.py:42"
        default: origin = "keras/src/layers/layer.py:421"
        }
        let call = layerClass == "Conv2D" || layerClass == "Conv1D" ? "super().__init__(activity_regularizer=activity_regularizer, **kwargs)" : "super().__init__(**kwargs)"
        return ".../\(origin): UserWarning: Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.\n  \(call)\n"
    }
}
