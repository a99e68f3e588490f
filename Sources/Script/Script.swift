// Placeholder namespace; the interpreter is filled by issue #4.
public enum ScriptLanguage { public static let version = "0.1.0" }
