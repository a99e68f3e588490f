import XCTest
@testable import Script

/// Runs `source` in a fresh interpreter and returns stdout (plus the displayed value's repr
/// on a last line prefixed with "Out: ").
func runScript(_ source: String, importer: ModuleImporter = ModuleRegistry(), limits: ExecutionLimits = ExecutionLimits(),
               file: String = "t.md", lineOffset: Int = 0) throws -> String {
    let out = CapturedOutput()
    let interp = Interpreter(importer: importer, output: out, limits: limits)
    let shown = try interp.run(source: source, origin: SourceOrigin(file: file, lineOffset: lineOffset))
    var text = out.stdout
    if let d = interp.displayText(shown) { text += "Out: " + d + "\n" }
    return text
}

func scriptError(_ source: String, importer: ModuleImporter = ModuleRegistry(), limits: ExecutionLimits = ExecutionLimits(),
                 lineOffset: Int = 0) -> ScriptError? {
    do {
        _ = try runScript(source, importer: importer, limits: limits, lineOffset: lineOffset)
        return nil
    } catch let e as ScriptError {
        return e
    } catch {
        return ScriptError(.runtimeError, "unexpected error \(error)")
    }
}
