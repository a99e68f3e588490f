import Foundation
import Script

/// The Python subset: scan and parse any text, then run what parses with small limits and no
/// modules (imports fail), as a lesson from a stranger would be run. Every failure must be a
/// located `ScriptError`.
public enum FuzzScript {
    public static func fuzzOne(_ data: Data) throws {
        let source = String(decoding: data, as: UTF8.self)
        do {
            let program = try Parser.parse(source: source, origin: SourceOrigin(file: "fuzz.md", lineOffset: 3))
            _ = program.topLevelLiteralAssignments()
            _ = program.keywordArguments(named: "epochs")
            let interpreter = Interpreter(output: CapturedOutput(),
                                          limits: ExecutionLimits(maxSteps: 5_000, maxCollectionLength: 100_000, maxAllocationBytes: 1 << 24))
            if let shown = try interpreter.run(program) { _ = interpreter.displayText(shown) }
        } catch let error as ScriptError {
            _ = error.description
        } catch {
            throw FuzzFailure("FuzzScript", "not a ScriptError: \(error)")
        }
    }
}
