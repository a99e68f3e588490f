/// Text from a lesson (a path, an error message) made safe for the server's terminal: control
/// characters and bidirectional overrides are shown as `\u{…}` instead of acting.
enum TerminalSafe {
    static func line(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let control = v < 0x20 && scalar != "\n" && scalar != "\t" || (0x7F...0x9F).contains(v)
            let bidi = (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
            if control || bidi { out += "\\u{\(String(v, radix: 16))}" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
