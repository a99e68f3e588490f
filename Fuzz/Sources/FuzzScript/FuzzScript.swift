import Foundation
import FuzzDriver
import Script

/// The Python subset: scan and parse any text, then run what parses with small limits and no
/// modules (imports fail), as a lesson from a stranger would be run.
func fuzzOne(_ data: Data) {
    let source = String(decoding: data, as: UTF8.self)
    guard let program = try? Parser.parse(source: source, origin: SourceOrigin(file: "fuzz.md", lineOffset: 3)) else { return }
    _ = program.topLevelLiteralAssignments()
    _ = program.keywordArguments(named: "epochs")
    let interpreter = Interpreter(output: CapturedOutput(), limits: ExecutionLimits(maxSteps: 5_000, maxCollectionLength: 100_000, maxAllocationBytes: 1 << 24))
    if let shown = try? interpreter.run(program) { _ = interpreter.displayText(shown) }
}

@_cdecl("FuzzScript_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzOne)
}
