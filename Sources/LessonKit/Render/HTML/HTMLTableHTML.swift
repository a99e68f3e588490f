import Foundation

/// A document's HTML value (a notebook's `text/html`, e.g. a pandas DataFrame) as the page
/// shows it: its tables kept as tables, nothing else of its markup. Only `table`, `caption`,
/// `thead`, `tbody`, `tfoot`, `tr`, `th` and `td` survive, with no attribute but a numeric
/// `colspan`/`rowspan`; every text is decoded and escaped again; `script`, `style` and comments
/// go with their content; tags are balanced and nesting is bounded. Linear in the input.
enum HTMLTableHTML {
    static let tableTags: Set<String> = ["table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"]
    static let droppedWithContent: Set<String> = ["script", "style", "template", "textarea", "title", "noscript"]
    static let maxDepth = 32

    /// The sanitised HTML, or nil when the value holds no table (then it shows as its text).
    static func render(_ html: String) -> String? {
        guard html.range(of: "<table", options: .caseInsensitive) != nil else { return nil }
        var out = ""
        var open: [String] = []
        var text = ""
        /// Text between tags: inside a table it is a cell's; outside, a line of its own.
        func flushText() {
            let decoded = HTMLText.terminalText(text)
            text = ""
            if open.isEmpty {
                let line = decoded.trimmingCharacters(in: .whitespacesAndNewlines)
                if !line.isEmpty { out += "<p>" + HTMLEscaping.escape(line) + "</p>" }
            } else {
                out += HTMLEscaping.escape(decoded)
            }
        }
        var index = html.startIndex
        while index < html.endIndex {
            guard html[index] == "<" else {
                let next = html[index...].firstIndex(of: "<") ?? html.endIndex
                text += html[index..<next]
                index = next
                continue
            }
            if html[index...].hasPrefix("<!--") {
                index = html[index...].range(of: "-->")?.upperBound ?? html.endIndex
                continue
            }
            guard let close = html[index...].firstIndex(of: ">") else { break }
            let body = html[html.index(after: index)..<close]
            index = html.index(after: close)
            let closing = body.hasPrefix("/")
            let name = String(body.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }).lowercased()
            if !closing, droppedWithContent.contains(name) {
                index = html[index...].range(of: "</" + name, options: .caseInsensitive).map { range in
                    html[range.upperBound...].firstIndex(of: ">").map { html.index(after: $0) } ?? html.endIndex
                } ?? html.endIndex
                continue
            }
            guard tableTags.contains(name) else {
                if name == "br" || name == "p" || name == "div" { text += " " }
                continue
            }
            flushText()
            if closing {
                // Close up to the matching open tag; a stray closing tag is dropped.
                guard let at = open.lastIndex(of: name) else { continue }
                while open.count > at { out += "</" + open.removeLast() + ">" }
            } else if open.count < maxDepth {
                out += "<" + name + spans(body) + ">"
                open.append(name)
            }
        }
        flushText()
        while let name = open.popLast() { out += "</" + name + ">" }
        return "<div class=\"output html-value\">" + out + "</div>"
    }

    /// ` colspan="2"` and ` rowspan="3"` when the tag says so with a number from 1 to 1000.
    static func spans(_ tag: Substring) -> String {
        var result = ""
        let lower = tag.lowercased()
        for attribute in ["colspan", "rowspan"] {
            guard let start = lower.range(of: attribute + "=") else { continue }
            let digits = lower[start.upperBound...].drop { $0 == "\"" || $0 == "'" }.prefix { $0.isASCII && $0.isNumber }.prefix(5)
            if let n = Int(digits), (1...1000).contains(n) { result += " \(attribute)=\"\(n)\"" }
        }
        return result
    }
}
