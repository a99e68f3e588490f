import NumPy
import Script

/// `tensorflow.keras`, `keras`, `tf.keras`: the modules Keras tutorials import, backed by
/// the CNN library. Anything else a lesson asks of them is a clear NotSupported error.
public enum KerasBindings {
    static let kerasVersion = "3.15.1"
    static let tensorflowVersion = "2.21.0"

    public static func register(in registry: ModuleRegistry, context: BindingContext) {
        for prefix in ["tensorflow.keras", "keras"] { register(prefix: prefix, in: registry, context: context) }
        registry.register("tensorflow") {
            let tf = ModuleValue(name: "tensorflow")
            tf.members["__version__"] = .str(tensorflowVersion)
            let random = ModuleValue(name: "tensorflow.random")
            random.addFunction("set_seed") { [unowned context] args in try context.tfSeeds.set(args); return .none }
            tf.members["random"] = .module(random)
            tf.members["newaxis"] = Value.none
            tf.addFunction("zeros") { [unowned context] args in try TFFunctions.filled(0, args, context: context) }
            tf.addFunction("ones") { [unowned context] args in try TFFunctions.filled(1, args, context: context) }
            tf.members["function"] = .function(BuiltinFunction("function") { args in try tfFunction(args) })
            TFOps.install(into: tf, context: context)
            return tf
        }
        registry.register("tensorflow.nn") { let nn = TFFunctions.nn(context: context); TFOps.installNN(into: nn, context: context); return nn }
    }

    static func register(prefix: String, in registry: ModuleRegistry, context: BindingContext) {
        let sequential = KerasClass.value("Sequential", path: "keras.src.models.sequential") { [unowned context] args in
            let bound = try args.bind(["layers", "name", "trainable"], required: 0)
            let layers = bound.has("layers") ? (bound["layers"]?.sequenceElements ?? []) : []
            if let graph = try KerasSequentialOfModels.make(layers, name: bound.has("name") ? try bound.string("name") : nil, context: context) { return graph }
            let model = try KerasModelObject(layers: layers, name: bound.has("name") ? try bound.string("name") : nil, context: context)
            context.performed(.build)
            return .object(model)
        }
        let layerClasses = KerasLayerObject.classes(path: "keras.src.layers", context: context)
            .merging(KerasMergeLayerObject.classes(path: "keras.src.layers", context: context)) { a, _ in a }
        // `keras.Model(inputs, outputs)` called, or derived from (KerasSubclassing.swift).
        let functional = Value.object(KerasSubclassBaseClass(.model, path: "keras.src.models.model", context: context) { [unowned context] args in
            .object(try KerasFunctionalModelObject(args, context: context))
        })
        let layerBase = Value.object(KerasSubclassBaseClass(.layer, path: "keras.src.layers.layer", context: context))

        registry.register(prefix) {
            let keras = ModuleValue(name: prefix)
            keras.members["__version__"] = .str(kerasVersion)
            keras.members["Sequential"] = sequential
            keras.members["Input"] = layerClasses["Input"]
            keras.members["Model"] = functional
            keras.members["Layer"] = layerBase
            keras.members["Variable"] = TFOps.kerasVariable(context: context)
            keras.members["ops"] = .module(KerasOps.module(prefix + ".ops", context: context))
            return keras
        }
        registry.register(prefix + ".models") {
            leaf(prefix + ".models", ["Sequential": sequential, "Model": functional])
        }
        registry.register(prefix + ".layers") { leaf(prefix + ".layers", layerClasses.merging(["Layer": layerBase]) { a, _ in a }) }
        registry.register(prefix + ".ops") { KerasOps.module(prefix + ".ops", context: context) }
        registry.register(prefix + ".datasets") { ModuleValue(name: prefix + ".datasets") }
        for name in ["mnist", "fashion_mnist"] {
            registry.register(prefix + ".datasets." + name) { KerasDatasets.module(name, prefix: prefix, context: context) }
        }
        registry.register(prefix + ".optimizers") { leaf(prefix + ".optimizers", KerasOptimizerObject.classes(path: "keras.src.optimizers")) }
        registry.register(prefix + ".losses") { leaf(prefix + ".losses", KerasLossObject.classes(path: "keras.src.losses").merging(KerasLossFunctionObject.classes(path: "keras.src.losses.losses", context: context)) { a, _ in a }) }
        registry.register(prefix + ".metrics") { leaf(prefix + ".metrics", KerasMetricObject.classes(path: "keras.src.metrics").merging(KerasMetricTracker.classes(path: "keras.src.metrics", context: context)) { _, tracker in tracker }) }
        registry.register(prefix + ".regularizers") { leaf(prefix + ".regularizers", KerasRegularizerObject.classes(path: "keras.src.regularizers.regularizers", context: context)) }
        registry.register(prefix + ".initializers") { leaf(prefix + ".initializers", KerasInitializerObject.module(path: "keras.src.initializers", context: context)) }
        registry.register(prefix + ".callbacks") { leaf(prefix + ".callbacks", KerasCallbacks.classes(path: "keras.src.callbacks", context: context)) }
        registry.register(prefix + ".activations") {
            leaf(prefix + ".activations", Dictionary(uniqueKeysWithValues: LayerSpec.activations.map { ($0, Value.object(KerasCallable($0))) }))
        }
        registry.register(prefix + ".utils") {
            let utils = ModuleValue(name: prefix + ".utils")
            utils.addFunction("to_categorical") { args in
                let bound = try args.bind(["x", "num_classes"], required: 1)
                let labels = try ValueConversion.array(bound["x"] ?? .none, name: "x").array
                context.performed(.reshape)
                return NDArrayObject.value(in: context, try NumPyCall.run { try NDArray.oneHot(labels, classes: bound.has("num_classes") ? try bound.int("num_classes") : nil, charging: context.run) })
            }
            utils.addFunction("pad_sequences") { args in try KerasPadSequences.call(args, context: context) }
            // Runs are already deterministic for the lesson's seed (front matter or --seed); on
            // TensorFlow it also calls tf.random.set_seed, which tf.data's shuffle orders follow.
            utils.addFunction("set_random_seed") { [unowned context] args in try context.tfSeeds.set(args); return .none }
            return utils
        }
        registry.register(prefix + ".preprocessing") { ModuleValue(name: prefix + ".preprocessing") }
        registry.register(prefix + ".preprocessing.sequence") {
            let sequence = ModuleValue(name: prefix + ".preprocessing.sequence")
            sequence.addFunction("pad_sequences") { args in try KerasPadSequences.call(args, context: context) }
            return sequence
        }
    }

    /// `tf.function`: lessons run eagerly, so it gives back the function it decorates, used
    /// bare (`@tf.function`) or with options (`@tf.function(jit_compile=True)`).
    static func tfFunction(_ args: Arguments) throws -> Value {
        let bound = try args.bind(["func", "input_signature", "autograph", "jit_compile", "reduce_retracing",
                                   "experimental_implements", "experimental_autograph_options", "experimental_attributes",
                                   "experimental_relax_shapes", "experimental_compile", "experimental_follow_type_hints"], required: 0)
        if let function = bound["func"], !function.isNone { return function }
        return .function(BuiltinFunction("function") { inner in try inner.bind(["func"])["func"] ?? .none })
    }

    /// A module of classes; any other name is a NotSupported error listing what is there.
    static func leaf(_ name: String, _ members: [String: Value]) -> ModuleValue {
        ModuleValue(name: name, members: members) { attribute in
            guard !attribute.hasPrefix("__") else { return nil }
            throw ScriptError.notSupported("\(name).\(attribute) is not supported in lessons (available: \(members.keys.sorted().joined(separator: ", ")))")
        }
    }
}
