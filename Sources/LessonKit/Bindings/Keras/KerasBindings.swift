import Script

/// `tensorflow.keras`, `keras`, `tf.keras`: the modules Keras tutorials import.
enum KerasBindings {
    static func register(in registry: ModuleRegistry, context: BindingContext) {
    }
}
