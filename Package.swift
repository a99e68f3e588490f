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
        .library(name: "LessonKit", targets: ["LessonKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // System libraries: Debian's packages, found through pkg-config. zlib is `CGzip` because
        // ZIPFoundation already defines a module named `CZlib`.
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CGzip", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        .target(
            name: "CNN",
            dependencies: ["CBLAS", "CGzip", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
        ),
        .executableTarget(name: "CNNBench", dependencies: ["CNN"], path: "Sources/CNNBench",
                          swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]),
        .target(name: "Script"),
        .target(
            name: "LessonKit",
            dependencies: [
                "CNN", "Script", "CCmark", "CGzip",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "lesson",
            dependencies: ["LessonKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        .testTarget(name: "CNNTests", dependencies: ["CNN"]),
        .testTarget(name: "ScriptTests", dependencies: ["Script"], exclude: ["Conformance"]),
        .testTarget(name: "LessonKitTests", dependencies: ["LessonKit"], exclude: ["Fixtures"]),
        // Runs the built `lesson` binary as a user would: arguments, output, exit codes.
        .testTarget(name: "CLITests", dependencies: ["lesson", "CNN"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v5]
)
