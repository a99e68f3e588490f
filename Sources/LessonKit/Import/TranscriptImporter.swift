import Foundation
import Script

/// Turns a tutorial pasted from a rendered notebook (prose, `In [N]:` markers, code, printed
/// output) into lesson Markdown: prose stays prose, each cell's code becomes a ```` ```python ````
/// fence, its printed output an ```` ```output ```` fence, and warning-like output an
/// ```` ```output stderr ```` fence.
///
/// How a cell is split: after an `In [N]:` line (dropped), the code is the longest run of
/// lines that parses with the lesson parser, preferring one that ends before a gap of two
/// blank lines (how rendered notebooks separate code from output). The output runs from
/// there to the next Markdown heading or `In [N]:` marker. Lines that look like stderr
/// (`...Warning:`, `Traceback`, the indented source line Python prints under a warning) go
/// to the stderr fence; the rest, including a displayed value such as
/// `<keras.src.callbacks.history.History at 0x...>`, go to stdout.
public enum TranscriptImporter {
    public static func markdown(fromTranscript text: String, title: String?) throws -> String {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        var out: [String] = []
        let resolvedTitle = title ?? lines.first(where: { $0.hasPrefix("# ") }).map { String($0.dropFirst(2)).trimmingCharacters(in: .whitespaces) }
        if let t = resolvedTitle, !t.isEmpty {
            out.append("---")
            out.append("title: " + yamlString(t))
            out.append("---")
        }
        let headerCount = out.count
        var i = 0
        var inFence: String? = nil
        var prose: [String] = []
        func flushProse() {
            while let l = prose.last, isBlank(l) { prose.removeLast() }
            while let f = prose.first, isBlank(f) { prose.removeFirst() }
            if !prose.isEmpty {
                if !out.isEmpty && !(out.last.map(isBlank) ?? true) && out.count != headerCount { out.append("") }
                out.append(contentsOf: prose)
            }
            prose = []
        }
        while i < lines.count {
            let line = lines[i]
            // Track fences in prose so that a marker inside one is left alone.
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let f = inFence {
                prose.append(line)
                if trimmed.hasPrefix(f) && trimmed.allSatisfy({ $0 == f.first }) { inFence = nil }
                i += 1
                continue
            }
            if let f = fenceOpening(trimmed) {
                inFence = f
                prose.append(line)
                i += 1
                continue
            }
            guard let firstCode = inMarker(line) else {
                prose.append(line)
                i += 1
                continue
            }
            flushProse()
            // The cell's region: up to the next marker or heading.
            var region: [String] = []
            if !firstCode.isEmpty { region.append(firstCode) }
            var j = i + 1
            while j < lines.count, inMarker(lines[j]) == nil, !endsCell(lines, j, regionStart: i + 1) {
                region.append(lines[j])
                j += 1
            }
            i = j
            let (code, output) = splitCell(region)
            if !code.isEmpty {
                if out.count != headerCount { out.append("") }
                out.append(contentsOf: fence("python", code))
            }
            for (stream, block) in outputBlocks(output) {
                if out.count != headerCount { out.append("") }
                out.append(contentsOf: fence(stream == .stderr ? "output stderr" : "output", block))
            }
            out.append("")
        }
        flushProse()
        while let l = out.last, isBlank(l) { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

    /// A Markdown heading ends a cell's region, but a Python comment looks like one: a line
    /// counts as a heading when it starts with `##`, or with `#` after two blank lines.
    static func endsCell(_ lines: [String], _ j: Int, regionStart: Int) -> Bool {
        guard j > regionStart, isHeading(lines[j]), j >= 1, isBlank(lines[j - 1]) else { return false }
        if lines[j].hasPrefix("##") { return true }
        return j >= 2 && isBlank(lines[j - 2])
    }

    static func isBlank(_ s: String) -> Bool { s.allSatisfy { $0 == " " || $0 == "\t" } }

    static func isHeading(_ s: String) -> Bool {
        let hashes = s.prefix(while: { $0 == "#" }).count
        guard hashes >= 1 && hashes <= 6 else { return false }
        let rest = s.dropFirst(hashes)
        return rest.isEmpty || rest.first == " "
    }

    static func fenceOpening(_ trimmed: String) -> String? {
        for ch in ["`", "~"] {
            let run = trimmed.prefix(while: { String($0) == ch }).count
            if run >= 3 { return String(repeating: ch, count: run) }
        }
        return nil
    }

    /// The code after an `In [N]:` marker on its line ("" when alone), or nil if no marker.
    static func inMarker(_ line: String) -> String? {
        let t = line.trimmingCharacters(in: .whitespaces)
        guard t.hasPrefix("In ["), let close = t.firstIndex(of: "]") else { return nil }
        let inside = t[t.index(t.startIndex, offsetBy: 4)..<close].trimmingCharacters(in: .whitespaces)
        guard inside.isEmpty || inside == "*" || inside.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let after = t[t.index(after: close)...]
        guard after.hasPrefix(":") else { return nil }
        return String(after.dropFirst()).trimmingCharacters(in: .whitespaces)
    }

    static func parses(_ lines: ArraySlice<String>) -> Bool {
        let src = lines.joined(separator: "\n")
        return (try? Parser.parse(source: src)) != nil
    }

    /// Splits a cell's region into code lines and output lines.
    static func splitCell(_ region: [String]) -> ([String], [String]) {
        var start = 0
        while start < region.count, isBlank(region[start]) { start += 1 }
        let body = Array(region[start...])
        var best: Int? = nil, bestBeforeGap: Int? = nil
        for end in stride(from: body.count, through: 1, by: -1) where !isBlank(body[end - 1]) {
            guard parses(body[0..<end]) else { continue }
            if best == nil { best = end }
            let gapAfter = end == body.count || (end + 1 < body.count && isBlank(body[end]) && isBlank(body[end + 1]))
                || body[end...].allSatisfy(isBlank)
            if gapAfter { bestBeforeGap = end; break }
        }
        let end = bestBeforeGap ?? best ?? 0
        return (Array(body[0..<end]), Array(body[end...]))
    }

    static func isStderrLine(_ line: String, previousWasStderr: Bool) -> Bool {
        let t = line.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("Traceback (most recent call last)") { return true }
        // `path.py:113: UserWarning: ...` or `ValueError: ...` (not prose such as "Test Error: 0.1").
        if t.range(of: #"^(\S.*:\d+: )?[A-Z][A-Za-z]*(Warning|Error|Exception): "#, options: .regularExpression) != nil { return true }
        // The source line Python prints under a warning: indented code ending in a call.
        if line.hasPrefix("  "), t.range(of: #"^[A-Za-z_][\w.]*(\(\))?[\w.]*\(.*\)$"#, options: .regularExpression) != nil {
            return true
        }
        if previousWasStderr && line.hasPrefix(" ") && !t.isEmpty { return true }
        return false
    }

    /// Groups output lines into consecutive stdout/stderr blocks. Runs of two or more blank
    /// lines (the gaps a rendered notebook puts between outputs) are dropped.
    static func outputBlocks(_ output: [String]) -> [(OutputStreamKind, [String])] {
        // `Out[4]: value` (Jupyter's displayed value) keeps only the value.
        var lines = output.map { line -> String in
            guard line.hasPrefix("Out["), let close = line.firstIndex(of: "]"),
                  line[line.index(after: close)...].hasPrefix(":") else { return line }
            var rest = line[line.index(close, offsetBy: 2)...]
            if rest.first == " " { rest = rest.dropFirst() }
            return String(rest)
        }
        while let f = lines.first, isBlank(f) { lines.removeFirst() }
        while let l = lines.last, isBlank(l) { lines.removeLast() }
        var cleaned: [String] = []
        var k = 0
        while k < lines.count {
            if isBlank(lines[k]) {
                var n = k
                while n < lines.count, isBlank(lines[n]) { n += 1 }
                if n - k == 1 { cleaned.append("") }
                k = n
                continue
            }
            cleaned.append(lines[k])
            k += 1
        }
        var blocks: [(OutputStreamKind, [String])] = []
        var prevErr = false
        for line in cleaned {
            let stream: OutputStreamKind = isBlank(line) ? (prevErr ? .stderr : .stdout) : (isStderrLine(line, previousWasStderr: prevErr) ? .stderr : .stdout)
            prevErr = stream == .stderr
            if let last = blocks.last, last.0 == stream {
                blocks[blocks.count - 1].1.append(line)
            } else {
                blocks.append((stream, [line]))
            }
        }
        return blocks.map { b in
            var ls = b.1
            while let l = ls.last, isBlank(l) { ls.removeLast() }
            return (b.0, ls)
        }.filter { !$0.1.isEmpty }
    }

    /// A fence long enough not to clash with backtick runs in `content`.
    static func fence(_ info: String, _ content: [String]) -> [String] {
        var longest = 0
        for l in content {
            var run = 0
            for ch in l { if ch == "`" { run += 1; longest = max(longest, run) } else { run = 0 } }
        }
        let f = String(repeating: "`", count: max(3, longest + 1))
        return [f + info] + content + [f]
    }

    static func yamlString(_ s: String) -> String {
        let plainOK = s.range(of: #"^[A-Za-z0-9][^:#\n"'{}\[\],&*!|>%@`]*$"#, options: .regularExpression) != nil
        if plainOK { return s }
        return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
