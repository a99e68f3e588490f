import Foundation

/// Finds `$…$` and `$$…$$` in Markdown before cmark sees it (whose emphasis rules would
/// break `a_1 * b_2`), swapping each for a placeholder that the HTML gets back as MathML.
/// Code (fenced blocks, backtick spans) is left alone; `$5 and $10` is not math (pandoc's rule:
/// no space inside the dollars, no digit right after the closing one).
struct ProseMath {
    var formulas: [(tex: String, display: Bool)] = []

    static let open: Character = "\u{E000}", close: Character = "\u{E001}"

    mutating func extract(_ markdown: String) -> String {
        guard markdown.contains("$") else { return markdown }
        var out = ""
        var inFence = false
        // A `$$` line opens a display formula that a later `$$` line closes.
        var display: [String]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if var lines = display {
                if trimmed == "$$" {
                    out += placeholder(lines.joined(separator: " "), display: true) + "\n"
                    display = nil
                } else { lines.append(line); display = lines }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle() }
            if !inFence, trimmed == "$$" { display = []; continue }
            out += inFence || trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") ? line : inline(line)
            out += "\n"
        }
        if let lines = display { out += "$$\n" + lines.joined(separator: "\n") + "\n" }
        if out.hasSuffix("\n") { out.removeLast() }
        return out
    }

    mutating func inline(_ line: String) -> String {
        let chars = Array(line)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "`" {
                // A code span: copied as it is, up to the same run of backticks.
                var run = 0
                while i + run < chars.count, chars[i + run] == "`" { run += 1 }
                var j = i + run, end: Int?
                while j < chars.count {
                    if chars[j] == "`" {
                        var k = 0
                        while j + k < chars.count, chars[j + k] == "`" { k += 1 }
                        if k == run { end = j + k; break }
                        j += k
                    } else { j += 1 }
                }
                let stop = end ?? i + run
                out += String(chars[i..<stop]); i = stop
                continue
            }
            if c == "\\", i + 1 < chars.count, chars[i + 1] == "$" { out += "\\$"; i += 2; continue }
            if c == "$" {
                let display = i + 1 < chars.count && chars[i + 1] == "$"
                let start = i + (display ? 2 : 1)
                if let end = closing(chars, from: start, display: display) {
                    let tex = String(chars[start..<end])
                    out += placeholder(tex, display: display)
                    i = end + (display ? 2 : 1)
                    continue
                }
            }
            out.append(c); i += 1
        }
        return out
    }

    func closing(_ chars: [Character], from start: Int, display: Bool) -> Int? {
        guard start < chars.count else { return nil }
        if !display && chars[start] == " " { return nil }
        var j = start
        while j < chars.count {
            if chars[j] == "\\" { j += 2; continue }
            if chars[j] == "$" {
                if display {
                    if j + 1 < chars.count, chars[j + 1] == "$", j > start { return j }
                } else {
                    guard j > start, chars[j - 1] != " " else { return nil }
                    if j + 1 < chars.count, chars[j + 1].isNumber { return nil }
                    return j
                }
            }
            j += 1
        }
        return nil
    }

    mutating func placeholder(_ tex: String, display: Bool) -> String {
        formulas.append((tex, display))
        return "\(ProseMath.open)\(formulas.count - 1)\(ProseMath.close)"
    }

    /// Text with each placeholder replaced by its TeX between dollars.
    func source(_ text: String) -> String {
        guard !formulas.isEmpty, text.contains(ProseMath.open) else { return text }
        var out = text
        for (n, formula) in formulas.enumerated() {
            let mark = formula.display ? "$$" : "$"
            out = out.replacingOccurrences(of: "\(ProseMath.open)\(n)\(ProseMath.close)", with: mark + formula.tex + mark)
        }
        return out
    }

    /// The HTML with each placeholder replaced by its MathML.
    func restore(_ html: String) -> String {
        guard !formulas.isEmpty, html.contains(ProseMath.open) else { return html }
        var out = ""
        var rest = Substring(html)
        while let start = rest.firstIndex(of: ProseMath.open) {
            out += rest[..<start]
            let after = rest[rest.index(after: start)...]
            guard let end = after.firstIndex(of: ProseMath.close), let n = Int(after[..<end]), n >= 0, n < formulas.count else {
                out.append(ProseMath.open); rest = after; continue
            }
            out += MathML.render(formulas[n].tex, display: formulas[n].display)
            rest = after[after.index(after: end)...]
        }
        return out + rest
    }
}
