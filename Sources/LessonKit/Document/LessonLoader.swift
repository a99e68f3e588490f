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
            let candidates = name.hasSuffix(".md") || name.hasSuffix(".ipynb") ? [name] : [name, name + ".md", name + ".ipynb"]
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

    /// `path` relative to `folder` when it lies inside it, so messages stay short.
    static func relative(_ path: String, to folder: String) -> String {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// Loads a `.md` lesson, a `.ipynb` notebook as the lesson it holds, or a `.txt`
    /// transcript pasted from a rendered notebook as the lesson `lesson import` makes of it.
    public static func load(_ name: String) throws -> Lesson {
        let path = try resolve(name)
        if path.lowercased().hasSuffix(".ipynb") {
            let notebook = try Notebook.read(path: path)
            return try LessonParser.parse(text: try NotebookConversion.markdown(from: notebook), path: path)
        }
        if path.lowercased().hasSuffix(".txt") {
            let text = try SourceText.read(path: path).text
            return try LessonParser.parse(text: try TranscriptImporter.markdown(fromTranscript: text, title: nil), path: path)
        }
        return try LessonParser.parse(path: path)
    }
}
