import Foundation

/// A small, learnable stand-in for MNIST in MNIST's own file format: each class is a bright
/// square at its own place on a noisy 28×28 image. Tests and demos train on it in seconds
/// without the real dataset (`lesson` finds it through `$LESSON_DATA`).
public enum SyntheticDigits {
    /// Writes the four IDX files into `folder`/mnist (and fashion-mnist) with `train` and
    /// `test` images.
    public static func write(to folder: String, train: Int, test: Int, seed: UInt64 = 7) throws {
        var rng = SeededRNG(seed: seed)
        for name in ["mnist", "fashion-mnist"] {
            let dir = (folder as NSString).appendingPathComponent(name)
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            for (prefix, count) in [("train", train), ("t10k", test)] {
                let (images, labels) = make(count, rng: &rng)
                try idx(magic: 0x0803, shape: [count, 28, 28], images).write(to: URL(fileURLWithPath: dir + "/\(prefix)-images.idx3-ubyte"))
                try idx(magic: 0x0801, shape: [count], labels).write(to: URL(fileURLWithPath: dir + "/\(prefix)-labels.idx1-ubyte"))
            }
        }
    }

    static func make(_ count: Int, rng: inout SeededRNG) -> (images: [UInt8], labels: [UInt8]) {
        var images = [UInt8](repeating: 0, count: count * 784), labels = [UInt8](repeating: 0, count: count)
        for i in 0..<count {
            let label = Int(rng.next() % 10)
            labels[i] = UInt8(label)
            for p in 0..<784 { images[i * 784 + p] = UInt8(rng.next() % 90) }
            // Class k: a bright 6×4 block in cell (k / 5, k % 5) of a 2×5 grid, jittered a
            // little; a fainter block elsewhere in a third of the images keeps it from being trivial.
            block(i, label, brightness: 110, &images, &rng)
            if rng.next() % 3 == 0 { block(i, Int(rng.next() % 10), brightness: 70, &images, &rng) }
        }
        return (images, labels)
    }

    static func block(_ image: Int, _ label: Int, brightness: UInt8, _ images: inout [UInt8], _ rng: inout SeededRNG) {
        let top = 4 + (label / 5) * 12 + Int(rng.next() % 3), left = 1 + (label % 5) * 5 + Int(rng.next() % 2)
        for y in top..<min(top + 6, 28) {
            for x in left..<min(left + 4, 28) { images[image * 784 + y * 28 + x] = max(images[image * 784 + y * 28 + x], brightness + UInt8(rng.next() % 60)) }
        }
    }

    static func idx(magic: UInt32, shape: [Int], _ body: [UInt8]) -> Data {
        var data = Data()
        for word in [magic] + shape.map({ UInt32($0) }) { withUnsafeBytes(of: word.bigEndian) { data.append(contentsOf: $0) } }
        data.append(contentsOf: body)
        return data
    }
}
