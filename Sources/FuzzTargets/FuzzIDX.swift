import CNN
import Foundation

/// IDX files (raw or gzip) as MNIST ships them: decoded, or refused with a CNNError naming the input.
public enum FuzzIDX {
    public static func fuzzOne(_ data: Data) throws {
        let tensor: ByteTensor
        do { tensor = try IDX.decode(data, name: "fuzz.idx") } catch let error as CNNError {
            guard error.description.hasPrefix("fuzz.idx") else { throw FuzzFailure("FuzzIDX", "the error does not name the input: \(error)") }
            return
        } catch {
            throw FuzzFailure("FuzzIDX", "not a CNNError: \(error)")
        }
        // The shape must describe exactly the values read.
        let stored = tensor.withUnsafeBufferPointer { $0.count }
        guard tensor.count == stored else { throw FuzzFailure("FuzzIDX", "shape says \(tensor.count) values, \(stored) read") }
    }
}
