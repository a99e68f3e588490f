// swift-tools-version:6.0
// The architecture is in DESIGN.md: CNN and Script know nothing of each other;
// LessonKit joins them; the `lesson` executable only parses arguments.
import PackageDescription

let package = Package(
    name: "lesson",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "lesson", targets: ["lesson"]),
        .library(name: "CNN", targets: ["CNN"]),
        .library(name: "Script", targets: ["Script"]),
        .library(name: "NumPy", targets: ["NumPy"]),
        .library(name: "Pyplot", targets: ["Pyplot"]),
        .library(name: "KerasBindings", targets: ["KerasBindings"]),
        .library(name: "LessonKit", targets: ["LessonKit"]),
        .library(name: "FuzzTargets", targets: ["FuzzTargets"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // `lesson serve` only: its own target so LessonKit and its tests do not build a web server.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // System libraries: Debian's packages, found through pkg-config. zlib is `CGzip` because
        // ZIPFoundation already defines a module named `CZlib`.
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(name: "CGzip", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        // Keras 3's `.weights.h5` files (read and written by CNN/Saving/HDF5.swift).
        .systemLibrary(name: "CHDF5", pkgConfig: "hdf5", providers: [.apt(["libhdf5-dev"])]),

        // cpuid, OpenBLAS loaded with dlopen after choosing its core, element-wise loops per vector width.
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O3", "-ffp-contract=off", "-fno-math-errno"])],
                linkerSettings: [.linkedLibrary("dl"), .linkedLibrary("pthread")]),
        .target(
            name: "CNN",
            // Plain -O (bounds and overflow checks kept): -Ounchecked measured no faster, the hot
            // loops being in C, oneDNN and OpenBLAS.
            dependencies: ["CKernels", "CGzip", "CHDF5", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .executableTarget(name: "CNNBench", dependencies: ["CNN"], path: "Sources/CNNBench"),
        // Sequential vs a functional graph of the same layers, engine only (issue 19, item 6).
        .executableTarget(name: "GraphBench", dependencies: ["CNN"], path: "Sources/GraphBench"),
        .target(name: "Script"),
        // The host libraries lesson code imports (numpy, matplotlib.pyplot), on Script's
        // host-object API; they know nothing of lessons.
        .target(name: "NumPy", dependencies: ["Script"]),
        .target(name: "Pyplot", dependencies: ["Script", "NumPy", "CGzip", "CPNG"]),
        // `keras`, `tensorflow.keras` and `tf` on the CNN library; LessonKit registers them and
        // gives them the running cell's output (`KerasCellOutput`) and checkpoints.
        .target(name: "KerasBindings", dependencies: ["CNN", "Script", "NumPy"]),
        .target(
            name: "LessonKit",
            dependencies: [
                "CNN", "Script", "NumPy", "Pyplot", "KerasBindings", "CCmark", "CGzip",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "LessonServe",
            dependencies: ["LessonKit", .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "Logging", package: "swift-log")]
        ),
        .executableTarget(
            name: "lesson",
            dependencies: ["LessonKit", "LessonServe",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // The fuzz bodies, once: Fuzz/'s libFuzzer executables and the regression tests call them.
        .target(name: "FuzzTargets", dependencies: ["CNN", "Script", "NumPy", "LessonKit"]),

        .testTarget(name: "CNNTests", dependencies: ["CNN", "CKernels", "FuzzTargets"]),
        .testTarget(name: "ScriptTests", dependencies: ["Script", "FuzzTargets"], exclude: ["Conformance"]),
        .testTarget(name: "NumPyTests", dependencies: ["NumPy", "Pyplot", "Script", "FuzzTargets"], exclude: ["Fixtures"]),
        .testTarget(name: "LessonKitTests", dependencies: ["LessonKit", "KerasBindings", "NumPy", "Pyplot", "FuzzTargets"], exclude: ["Fixtures"]),
        // Runs the built `lesson` binary as a user would: arguments, output, exit codes.
        // `lesson serve` as a user starts it (the built binary), and its parts.
        .testTarget(name: "ServeTests", dependencies: ["lesson", "LessonServe", "LessonKit", "KerasBindings"], exclude: ["Fixtures", "Browser"]),
        .testTarget(name: "CLITests", dependencies: ["lesson", "CNN"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v5]
)
