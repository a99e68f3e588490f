import Foundation

/// Images and labels of one split, uint8 as Keras returns them: (N, 28, 28) and (N,).
public typealias DatasetSplit = (x: ByteTensor, y: ByteTensor)

/// Finds and reads an MNIST-format dataset. No download happens on this machine: when
/// nothing is found the error lists every place searched and says to run `scripts/bootstrap`.
public struct IDXDataset {
    /// Folder name under data roots (`mnist`, `fashion-mnist`) and Keras's cache names.
    let folder: String
    let kerasNPZ: String?
    let kerasFolder: String?
    let systemFolders: [String]

    /// Candidate places, in search order (see docs/cnn.md).
    func searchPlaces(explicit: String?, environment: [String: String]) -> [String] {
        var places: [String] = []
        if let e = explicit { places += [e, e + "/" + folder] }
        if let d = environment["LESSON_DATA"], !d.isEmpty { places += [d + "/" + folder, d] }
        let home = environment["HOME"] ?? NSHomeDirectory()
        if let n = kerasNPZ { places.append(home + "/.keras/datasets/" + n) }
        if let f = kerasFolder { places.append(home + "/.keras/datasets/" + f) }
        let xdg = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/share"
        places.append(xdg + "/lesson/datasets/" + folder)
        places += systemFolders
        return places
    }

    /// The four IDX files of a folder, any of the spellings, or nil if one is missing.
    static func idxFiles(in dir: String) -> [String]? {
        let fm = FileManager.default
        var found: [String] = []
        for (stem, kind) in [("train-images", "idx3"), ("train-labels", "idx1"), ("t10k-images", "idx3"), ("t10k-labels", "idx1")] {
            let names = ["\(stem).\(kind)-ubyte", "\(stem)-\(kind)-ubyte"].flatMap { [$0, $0 + ".gz"] }
            guard let hit = names.map({ dir + "/" + $0 }).first(where: { fm.fileExists(atPath: $0) }) else { return nil }
            found.append(hit)
        }
        return found
    }

    func load(folder explicit: String?, environment: [String: String]) throws -> (train: DatasetSplit, test: DatasetSplit) {
        let places = searchPlaces(explicit: explicit, environment: environment)
        let fm = FileManager.default
        for place in places {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: place, isDirectory: &isDir) else { continue }
            if !isDir.boolValue, place.hasSuffix(".npz") { return try Self.loadNPZ(place) }
            guard isDir.boolValue else { continue }
            if let files = Self.idxFiles(in: place) {
                let r = try files.map(IDX.read)
                return try (Self.check(r[0], r[1], files[0]), Self.check(r[2], r[3], files[2]))
            }
            if let n = kerasNPZ, fm.fileExists(atPath: place + "/" + n) { return try Self.loadNPZ(place + "/" + n) }
        }
        throw CNNError.dataset("""
            \(folder) dataset not found. Looked in (in order):
            \(places.map { "  - " + $0 }.joined(separator: "\n"))
            Expected train-images.idx3-ubyte, train-labels.idx1-ubyte, t10k-images.idx3-ubyte, t10k-labels.idx1-ubyte \
            (dashed names and .gz also accepted)\(kerasNPZ.map { " or \($0)" } ?? ""). Downloads are not possible here: run scripts/bootstrap.
            """)
    }

    static func check(_ x: ByteTensor, _ y: ByteTensor, _ path: String) throws -> DatasetSplit {
        guard x.rank == 3, y.rank == 1, x.shape[0] == y.shape[0] else {
            throw CNNError.file(path: path, problem: "images \(formatShape(x.shape)) and labels \(formatShape(y.shape)) do not match")
        }
        return (x, y)
    }

    static func loadNPZ(_ path: String) throws -> (train: DatasetSplit, test: DatasetSplit) {
        let a = try NPY.readArchive(path)
        func get(_ k: String) throws -> ByteTensor {
            guard let v = a[k] else { throw CNNError.file(path: path, problem: "has no array '\(k)' (expected x_train, y_train, x_test, y_test)") }
            guard case .uint8(let t) = v else { throw CNNError.file(path: path, problem: "array '\(k)' is not uint8") }
            return t
        }
        return try (check(get("x_train"), get("y_train"), path), check(get("x_test"), get("y_test"), path))
    }
}

/// `keras.datasets.mnist.load_data()`.
public enum MNIST {
    static let dataset = IDXDataset(folder: "mnist", kerasNPZ: "mnist.npz", kerasFolder: nil, systemFolders: [])
    /// Search order: `folder`, `$LESSON_DATA`(/mnist), `~/.keras/datasets/mnist.npz`,
    /// `${XDG_DATA_HOME:-~/.local/share}/lesson/datasets/mnist/`.
    public static func load(folder: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> (train: DatasetSplit, test: DatasetSplit) {
        try dataset.load(folder: folder, environment: environment)
    }
    public static func searchPlaces(folder: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        dataset.searchPlaces(explicit: folder, environment: environment)
    }
}

/// `keras.datasets.fashion_mnist.load_data()`.
public enum FashionMNIST {
    static let dataset = IDXDataset(folder: "fashion-mnist", kerasNPZ: nil, kerasFolder: "fashion-mnist",
                                    systemFolders: ["/usr/share/datasets/fashion-mnist"])
    /// Search order: `folder`, `$LESSON_DATA`(/fashion-mnist), `~/.keras/datasets/fashion-mnist/`,
    /// `${XDG_DATA_HOME:-~/.local/share}/lesson/datasets/fashion-mnist/`, `/usr/share/datasets/fashion-mnist`.
    public static func load(folder: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> (train: DatasetSplit, test: DatasetSplit) {
        try dataset.load(folder: folder, environment: environment)
    }
    public static func searchPlaces(folder: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        dataset.searchPlaces(explicit: folder, environment: environment)
    }
}
