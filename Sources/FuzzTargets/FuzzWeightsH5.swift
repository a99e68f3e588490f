import CNN
import Foundation

/// Keras 3 `.weights.h5` files (HDF5, read by our own reader from bytes in memory): read and loaded
/// into a small model, or refused with a CNNError naming the input. Never a crash or a hang.
public enum FuzzWeightsH5 {
    public static func fuzzOne(_ data: Data) throws {
        let name = "fuzz.weights.h5"
        do {
            let root = try HDF5.read(data: data, name: name, maxBytes: 1 << 24)
            let scope = NameScope()
            let model = try Sequential(layers: [try Input(shape: [4], scope: scope), try Dense(units: 3, scope: scope), try Dense(units: 2, scope: scope)], scope: scope)
            try model.build()
            _ = KerasWeightsLayout.load(root, into: KerasWeightsLayout.saveables(of: model), optimizer: Adam(), trainable: model.namedParameters)
        } catch let error as CNNError {
            guard error.description.hasPrefix(name) else { throw FuzzFailure("FuzzWeightsH5", "the error does not name \(name): \(error)") }
        } catch {
            throw FuzzFailure("FuzzWeightsH5", "not a CNNError: \(error)")
        }
    }
}
