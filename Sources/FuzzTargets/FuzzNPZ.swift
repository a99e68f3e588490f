import CNN
import Foundation

/// `.npy` arrays and `.npz` archives (ZIP), as Keras's mnist.npz and saved weights are: read,
/// or refused with a CNNError naming the input.
public enum FuzzNPZ {
    public static func fuzzOne(_ data: Data) throws {
        try named("fuzz.npy") { _ = try NPY.parse(data, name: "fuzz.npy").floatTensor.count }
        try named("fuzz.npz") { for (_, array) in try NPY.readArchive(data: data, name: "fuzz.npz") { _ = array.floatTensor.count } }
    }

    static func named(_ label: String, _ body: () throws -> Void) throws {
        do { try body() } catch let error as CNNError {
            guard error.description.hasPrefix(label) else { throw FuzzFailure("FuzzNPZ", "the error does not name \(label): \(error)") }
        } catch {
            throw FuzzFailure("FuzzNPZ", "not a CNNError: \(error)")
        }
    }
}
