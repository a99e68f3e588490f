import Foundation

/// A place in a lesson file: 1-based line and column (columns count characters).
public struct SourcePosition: Equatable, Comparable, Codable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) { self.line = line; self.column = column }
    public static func < (a: Self, b: Self) -> Bool { (a.line, a.column) < (b.line, b.column) }
    public var description: String { "\(line):\(column)" }
}

/// Lines `first...last` of a file (1-based, inclusive).
public struct LineRange: Equatable, Codable, CustomStringConvertible {
    public var first: Int
    public var last: Int
    public init(_ first: Int, _ last: Int) { self.first = first; self.last = last }
    public var description: String { first == last ? "\(first)" : "\(first)-\(last)" }
}

/// The text of a lesson file, split into lines with their terminators kept, so that any
/// line range can be cut out and put back byte for byte.
public struct SourceText {
    public let path: String
    public let text: String
    /// Each line with its terminator ("\n", "\r\n", "\r" or none on the last line).
    public let lines: [Substring]
    /// The terminator most lines use; new text written into the file uses it too.
    public let newline: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
        var lines: [Substring] = []
        var start = text.startIndex
        var crlf = 0, lf = 0
        var index = text.startIndex
        // Swift treats "\r\n" as one Character, which is what we want for line ends.
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == "\n" || character == "\r\n" || character == "\r" {
                if character == "\r\n" { crlf += 1 } else { lf += 1 }
                lines.append(text[start..<next])
                start = next
            }
            index = next
        }
        if start < text.endIndex { lines.append(text[start..<text.endIndex]) }
        self.lines = lines
        self.newline = crlf > lf ? "\r\n" : "\n"
    }

    /// Reads a file as UTF-8 text; binary data is an error naming the file and the place.
    public static func read(path: String) throws -> SourceText {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                throw LessonError(path: path, message: isDirectory.boolValue ? "is a folder, not a lesson file" : "cannot be read (permission?)")
            }
            throw LessonError(path: path, message: "no such file")
        }
        return try decode(data, path: path)
    }

    public static func decode(_ data: Data, path: String) throws -> SourceText {
        if let zero = data.firstIndex(of: 0) {
            let position = position(ofByte: zero - data.startIndex, in: data)
            throw LessonError(path: path, position: position, message: "binary data (a NUL byte): this is not a text lesson")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let bad = firstInvalidUTF8(data) ?? 0
            throw LessonError(path: path, position: position(ofByte: bad, in: data), message: "not valid UTF-8 text")
        }
        // A UTF-8 byte order mark is not part of the lesson.
        return SourceText(path: path, text: text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
    }

    /// The line's text without its terminator, or "" past the end.
    public func line(_ number: Int) -> String {
        guard number >= 1, number <= lines.count else { return "" }
        return String(lines[number - 1]).trimmingLineEnd()
    }

    /// Lines `range` joined exactly as in the file (terminators included).
    public func slice(_ first: Int, _ last: Int) -> String {
        guard first <= last, first >= 1 else { return "" }
        let upper = min(last, lines.count)
        guard first <= upper else { return "" }
        return lines[(first - 1)..<upper].joined()
    }

    private static func position(ofByte offset: Int, in data: Data) -> SourcePosition {
        var line = 1, column = 1
        for byte in data.prefix(offset) {
            if byte == 10 { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return SourcePosition(line: line, column: column)
    }

    private static func firstInvalidUTF8(_ data: Data) -> Int? {
        let bytes = [UInt8](data)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
            if length == 0 || i + length > bytes.count { return i }
            if length > 1, !bytes[(i + 1)..<(i + length)].allSatisfy({ $0 & 0xC0 == 0x80 }) { return i }
            if String(bytes: bytes[i..<(i + length)], encoding: .utf8) == nil { return i }
            i += length
        }
        return nil
    }
}

extension String {
    /// The string without a trailing "\n", "\r\n" or "\r".
    func trimmingLineEnd() -> String {
        var s = Substring(self)
        while let last = s.last, last == "\n" || last == "\r\n" || last == "\r" { s = s.dropLast() }
        return String(s)
    }
}
