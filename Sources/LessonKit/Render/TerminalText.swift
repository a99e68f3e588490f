/// Text from a lesson made safe to write to a terminal: every C0 and C1 control character,
/// DEL and bidirectional override is shown as a visible character instead of acting, so a
/// lesson cannot clear the screen, set the window title, write the clipboard (OSC 52), hide
/// text or reorder it. Newlines and tabs stay; `\r\n` becomes `\n`. Applied where lesson
/// text reaches the terminal, before `TerminalStyle` adds its own colour.
public enum TerminalText {
    /// C0 controls and DEL as the Unicode control pictures (ESC → ␛, NUL → ␀, CR → ␍, DEL → ␡);
    /// C1 controls as Python writes them in a repr (`\x9b`); bidi controls as `<U+202E>`.
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            if scalar == "\r", pending == "\n" { continue }
            guard isUnsafe(scalar) else { result.append(scalar); continue }
            result.append(contentsOf: shown(scalar).unicodeScalars)
        }
        return String(result)
    }

    /// Whether the scalar acts on a terminal (or on how text is ordered) instead of showing.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    static func shown(_ scalar: Unicode.Scalar) -> String {
        let value = scalar.value
        switch value {
        case 0x00...0x1F: return String(Character(Unicode.Scalar(0x2400 + value) ?? "?"))
        case 0x7F: return "\u{2421}"
        case 0x80...0x9F: return "\\x" + hex(value, digits: 2)
        default: return "<U+" + hex(value, digits: 4) + ">"
        }
    }

    static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: digits > 2)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
