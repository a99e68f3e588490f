// swift-tools-version:6.0
// Fuzz targets for libFuzzer, kept out of the main package: built only by scripts/fuzz with
// `-sanitize=fuzzer,address`. Each target feeds arbitrary bytes to one reader of untrusted input;
// the bodies live in the main package's FuzzTargets library, which the regression tests call too.
import Foundation
import PackageDescription

// The main package is the folder above; SwiftPM names it after that folder.
let main = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "LessonFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(name: "FuzzLesson", dependencies: ["FuzzDriver", .product(name: "FuzzTargets", package: main)]),
        .executableTarget(name: "FuzzNotebook", dependencies: ["FuzzDriver", .product(name: "FuzzTargets", package: main)]),
        .executableTarget(name: "FuzzScript", dependencies: ["FuzzDriver", .product(name: "FuzzTargets", package: main)]),
        .executableTarget(name: "FuzzIDX", dependencies: ["FuzzDriver", .product(name: "FuzzTargets", package: main)]),
        .executableTarget(name: "FuzzNPZ", dependencies: ["FuzzDriver", .product(name: "FuzzTargets", package: main)]),
        .executableTarget(name: "FuzzComparer", dependencies: ["FuzzDriver", .product(name: "FuzzTargets", package: main)]),
        .executableTarget(name: "FuzzKerasIO", dependencies: ["FuzzDriver", .product(name: "FuzzTargets", package: main)]),
        .executableTarget(name: "FuzzMyST", dependencies: ["FuzzDriver", .product(name: "FuzzTargets", package: main)]),
        .executableTarget(name: "FuzzPercent", dependencies: ["FuzzDriver", .product(name: "FuzzTargets", package: main)]),
        .executableTarget(name: "FuzzQuarto", dependencies: ["FuzzDriver", .product(name: "FuzzTargets", package: main)]),
        .executableTarget(name: "FuzzNumPy", dependencies: ["FuzzDriver", .product(name: "FuzzTargets", package: main)]),
        .executableTarget(name: "FuzzWeightsH5", dependencies: ["FuzzDriver", .product(name: "FuzzTargets", package: main)]),
    ],
    swiftLanguageModes: [.v5]
)
