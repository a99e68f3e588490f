import Foundation
import KerasBindings
import NumPy
import Script

/// An array is kept as its shape, dtype and a blob of its elements (little-endian, as in
/// memory). `X / 255.0` stays compact: the image bytes (the same blob as the `uint8` images
/// it came from) and a 256-entry table.
extension NDArrayObject: CheckpointableObject {
    static var checkpointKind: String { "ndarray" }

    func checkpointState(_ writer: CheckpointWriter) throws -> JSONValue {
        let array = self.array
        var state: [String: JSONValue] = [
            "shape": .array(array.shape.map { .number(Double($0)) }),
            "dtype": .string(array.dtype.rawValue),
        ]
        func bytes<T>(_ elements: [T]) -> Data { elements.withUnsafeBufferPointer { Data(buffer: $0) } }
        switch array.storage {
        case .uint8(let a):
            state["storage"] = .string("uint8")
            state["blob"] = .string(try writer.blob(for: array) { Data(a) })
        case .int64(let a):
            state["storage"] = .string("int64")
            state["blob"] = .string(try writer.blob(for: array) { bytes(a.map { Int64($0) }) })
        case .float32(let a):
            state["storage"] = .string("float32")
            state["blob"] = .string(try writer.blob(for: array) { bytes(a) })
        case .float64(let a):
            state["storage"] = .string("float64")
            state["blob"] = .string(try writer.blob(for: array) { bytes(a) })
        case .bool(let a):
            state["storage"] = .string("bool")
            state["blob"] = .string(try writer.blob(for: array) { Data(a.map { $0 ? 1 : 0 }) })
        case .byteTable(let a, let table):
            state["storage"] = .string("byteTable")
            state["blob"] = .string(try writer.blob(for: array) { Data(a) })
            state["table"] = .string(try writer.blob(for: array, part: "table") { bytes(table) })
        }
        return .object(state)
    }

    static func restore(_ state: JSONValue, _ reader: CheckpointReader, _ context: BindingContext) throws -> Value {
        guard let shape = CheckpointReader.shape(state["shape"]), let dtypeName = state["dtype"]?.string, let dtype = DType(rawValue: dtypeName),
              let kind = state["storage"]?.string, let blob = state["blob"]?.string else {
            throw CheckpointError.damaged("an array's description is incomplete")
        }
        let count = shape.reduce(1, *)
        let storage: NDStorage
        switch (kind, dtype) {
        case ("uint8", .uint8): storage = .uint8(try reader.elements(blob, count: count, as: UInt8.self))
        case ("int64", .int64), ("int64", .int32): storage = .int64(try reader.elements(blob, count: count, as: Int64.self).map { Int($0) })
        case ("float32", .float32): storage = .float32(try reader.elements(blob, count: count, as: Float.self))
        case ("float64", .float64): storage = .float64(try reader.elements(blob, count: count, as: Double.self))
        case ("bool", .bool):
            let bytes = try reader.elements(blob, count: count, as: UInt8.self)
            guard bytes.allSatisfy({ $0 <= 1 }) else { throw CheckpointError.damaged("a bool array holds a byte that is not 0 or 1") }
            storage = .bool(bytes.map { $0 == 1 })
        case ("byteTable", .float32), ("byteTable", .float64):
            guard let tableName = state["table"]?.string else { throw CheckpointError.damaged("a byte-table array has no table") }
            storage = .byteTable(try reader.elements(blob, count: count, as: UInt8.self), table: try reader.elements(tableName, count: 256, as: Double.self))
        default:
            throw CheckpointError.damaged("an array of dtype \(dtypeName) cannot be stored as \(kind.prefix(20))")
        }
        return .object(NDArrayObject(NDArray(shape: shape, dtype: dtype, storage: storage), context: context.run))
    }
}

/// `x.dtype` held in a variable.
extension DTypeObject: CheckpointableObject {
    static var checkpointKind: String { "numpy.dtype" }

    func checkpointState(_ writer: CheckpointWriter) throws -> JSONValue { .object(["dtype": .string(dtype.rawValue)]) }

    static func restore(_ state: JSONValue, _ reader: CheckpointReader, _ context: BindingContext) throws -> Value {
        guard let name = state["dtype"]?.string, let dtype = DType(rawValue: name) else { throw CheckpointError.damaged("a dtype has no name") }
        return .object(DTypeObject(dtype))
    }
}
