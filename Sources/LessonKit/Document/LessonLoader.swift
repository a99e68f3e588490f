import Foundation

/// Finds and loads a lesson from what a user typed: a path to a `.md` or `.ipynb`, or a bare
/// name like `cnn-mnist.md` (or `cnn-mnist`) that is looked for in `Lessons/` of this folder
/// or of a folder above it.
public enum LessonLoader {
    public static func resolve(_ name: String, fileManager: FileManager = .default) throws -> String {
        if fileManager.fileExists(atPath: name) { return name }
        var looked = [name]
        if !name.contains("/") {
            var folder = URL(fileURLWithPath: fileManager.currentDirectoryPath)
            let candidates = extensions.contains(where: { name.hasSuffix($0) }) ? [name] : [name] + extensions.map { name + $0 }
            while true {
                for candidate in candidates {
                    let path = folder.appendingPathComponent("Lessons").appendingPathComponent(candidate).path
                    if fileManager.fileExists(atPath: path) { return relative(path, to: fileManager.currentDirectoryPath) }
                    if looked.count < 4 { looked.append(path) }
                }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        throw LessonError(path: name, message: "no such lesson (looked at \(looked.joined(separator: ", ")))")
    }

    static let extensions = [".md", ".ipynb", ".qmd", ".py"]

    /// `path` relative to `folder` when it lies inside it, so messages stay short.
    static func relative(_ path: String, to folder: String) -> String {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// Loads a lesson in any format `LessonReader` knows: our Markdown, keras.io pages, MyST,
    /// jupytext percent scripts, Quarto, a `.ipynb` notebook, or a `.txt` transcript.
    public static func load(_ name: String) throws -> Lesson {
        try LessonReader.read(path: try resolve(name))
    }
}
