// Placeholder namespace; the library is filled by issue #3.
public enum CNNLibrary { public static let version = "0.1.0" }
