import CNN
import Foundation
import NumPy
import Script

extension NDArray {
    /// The elements as the CNN library's Float32 tensor, made once per call (a fit reads it
    /// every epoch) and kept with the array, except for arrays of bytes (`X / 255.0` is bytes
    /// plus a table): their copy is 4× the array and remade in one pass, so it is freed when
    /// the fit or evaluate ends instead of staying with the bytes (cnn-mnist: 188 MB).
    func tensor(charging run: RunContext? = nil) throws -> Tensor {
        if let tensorCache { return tensorCache }
        var keep = true
        switch storage {
        case .byteTable, .uint8: keep = false
        default: break
        }
        try run?.charge(elements: count, bytesPerElement: 4, what: "the float32 copy the model reads")
        var result = Tensor(zeros: shape.isEmpty ? [1] : shape)
        result.withUnsafeMutableBufferPointer { out in
            switch storage {
            case .byteTable(let bytes, let table):
                let floats = table.map { Float($0) }
                for i in bytes.indices { out[i] = floats[Int(bytes[i])] }
            case .uint8(let bytes):
                for i in bytes.indices { out[i] = Float(bytes[i]) }
            case .float32(let values):
                for i in values.indices { out[i] = values[i] }
            default:
                for i in 0..<count { out[i] = Float(storage.double(i)) }
            }
        }
        if keep { tensorCache = result }
        return result
    }

    /// The samples a fit, evaluate or predict reads: arrays of bytes (`X / 255.0`, uint8) are read
    /// through their table batch by batch, with no Float32 copy of the whole set; others as `tensor`.
    func rows(charging run: RunContext? = nil) throws -> any RowSource {
        if tensorCache == nil, !shape.isEmpty {
            switch storage {
            case .byteTable(let bytes, let table): return try ByteRows(bytes: bytes, table: table.map { Float($0) }, shape: shape)
            case .uint8(let bytes): return try ByteRows(bytes: bytes, shape: shape)
            default: break
            }
        }
        return try tensor(charging: run)
    }

    /// A float32 array holding a tensor's values (what `model.predict` returns).
    static func float32(_ tensor: Tensor) -> NDArray {
        let result = NDArray(shape: tensor.shape, dtype: .float32, storage: .float32(tensor.scalars))
        result.tensorCache = tensor
        return result
    }

    static func bytes(_ tensor: ByteTensor) -> NDArray {
        NDArray(shape: tensor.shape, dtype: .uint8, storage: .uint8(tensor.scalars))
    }
}

extension ScriptError.Kind {
    public static let fileNotFoundError = ScriptError.Kind(rawValue: "FileNotFoundError")
    public static let osError = ScriptError.Kind(rawValue: "OSError")
    public static let permissionError = ScriptError.Kind(rawValue: "PermissionError")
}

/// CNN library errors as the Python exceptions Keras raises for the same faults.
public enum KerasCall {
    public static func run<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as CNNError { throw scriptError(error) }
        catch let error as NumPyError { throw ScriptError(ScriptError.Kind(rawValue: error.kind), error.message) }
    }

    static func scriptError(_ error: CNNError) -> ScriptError {
        switch error {
        case .shapeMismatch(let m), .invalidArgument(let m), .notBuilt(let m): return .valueError(m)
        case .notCompiled(let m): return .runtimeError(m)
        case .nonFiniteLoss: return .runtimeError(error.description)
        case .cancelled: return ScriptError(.keyboardInterrupt, error.description)
        case .dataset(let m): return ScriptError(.fileNotFoundError, m)
        case .file: return ScriptError(.osError, error.description)
        }
    }
}

/// `keras.datasets.mnist` and `fashion_mnist`: `load_data()` reads the local copy that
/// `scripts/bootstrap` installed (no download happens during a lesson).
enum KerasDatasets {
    static func module(_ name: String, prefix: String, context: BindingContext) -> ModuleValue {
        let module = ModuleValue(name: "\(prefix).datasets.\(name)")
        module.addFunction("load_data") { [unowned context] args in
            _ = try args.bind(["path"], required: 0)
            context.performed(.load)
            let data = try KerasCall.run { name == "mnist" ? try MNIST.load() : try FashionMNIST.load() }
            return .tuple([
                .tuple([NDArrayObject.value(in: context, .bytes(data.train.x)), NDArrayObject.value(in: context, .bytes(data.train.y))]),
                .tuple([NDArrayObject.value(in: context, .bytes(data.test.x)), NDArrayObject.value(in: context, .bytes(data.test.y))]),
            ])
        }
        return module
    }
}
