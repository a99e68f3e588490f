/// HTML as the text a terminal would show: tags dropped, entities decoded, table cells
/// separated by spaces and rows by line ends. Used for keras.io's `<pre>` summaries and
/// notebooks' `text/html` tables. Linear in the input; never fails.
public enum HTMLText {
    public static func terminalText(_ html: String) -> String {
        var out = ""
        var index = html.startIndex
        while index < html.endIndex {
            let character = html[index]
            if character == "<" {
                guard let close = html[index...].firstIndex(of: ">") else { out += html[index...]; break }
                let tag = html[html.index(after: index)..<close].lowercased()
                let name = tag.prefix { $0.isLetter || $0.isNumber || $0 == "/" }
                switch name {
                case "/tr", "br", "br/", "/p", "/div", "/h1", "/h2", "/h3", "/li", "/thead", "/caption":
                    if !out.hasSuffix("\n") { out += "\n" }
                case "td", "th":
                    if let last = out.last, last != "\n", last != " " { out += " " }
                default: break
                }
                index = html.index(after: close)
            } else if character == "&" {
                let end = html[index...].prefix(12).firstIndex(of: ";")
                if let end, let decoded = entity(String(html[html.index(after: index)..<end])) {
                    out.append(decoded)
                    index = html.index(after: end)
                } else {
                    out.append("&")
                    index = html.index(after: index)
                }
            } else {
                out.append(character)
                index = html.index(after: index)
            }
        }
        return out
    }

    /// `amp`, `lt`, `#39`, `#x27` → the character; nil for what is not an entity we know.
    static func entity(_ name: String) -> Character? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return " "
        default: break
        }
        guard name.hasPrefix("#") else { return nil }
        let digits = name.dropFirst()
        let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
        guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
        return Character(scalar)
    }
}
