public enum LessonKitInfo { public static let version = "0.1.0" }
