/// Prose through cmark's HTML renderer (safe mode unless asked), with ids on headings for
/// the table of contents, and pipe tables (which cmark core lacks) drawn as real tables.
struct ProseHTML {
    struct Heading { var level: Int; var text: String; var id: String }

    var unsafeHTML: Bool
    /// Ids already given on this page, so each heading's id is unique.
    var usedIDs: Set<String> = []
    var headings: [Heading] = []
    /// Where prose images are read from (nil: left as links).
    var imageFolder: String?
    /// A site folder to copy prose images into (nil: they are inlined).
    var imageSite: String?

    init(unsafeHTML: Bool) { self.unsafeHTML = unsafeHTML }

    mutating func render(_ source: String) -> String {
        var math = ProseMath()
        let markdown = math.extract(source)
        let known = headings.count
        let html = renderMarkdown(markdown)
        // A heading's text (for the contents) shows its formulas as written.
        for i in known..<headings.count { headings[i].text = math.source(headings[i].text) }
        let withMath = math.restore(html)
        guard let imageFolder else { return withMath }
        return ProseImages.inline(withMath, folder: imageFolder, site: imageSite)
    }

    mutating func renderMarkdown(_ markdown: String) -> String {
        let tree = MarkdownTree(markdown)
        let lines = markdown.components(separatedBy: "\n")
        var out = ""
        for node in tree.document.children {
            switch node.kind {
            case .heading:
                let text = unsafeHTML ? node.plainText : ProseHTML.textWithoutHTML(node)
                let id = uniqueID(HTMLEscaping.slug(text))
                let level = min(6, max(1, node.headingLevel))
                headings.append(Heading(level: level, text: text, id: id))
                var html = node.html(safe: !unsafeHTML)
                let open = "<h\(level)>"
                if html.hasPrefix(open) { html = "<h\(level) id=\"\(id)\">" + html.dropFirst(open.count) }
                out += html
            case .paragraph:
                let first = node.startLine - 1, last = node.endLine - 1
                if first >= 0, last < lines.count, first <= last, let table = PipeTable(Array(lines[first...last])) {
                    out += table.html
                } else {
                    out += node.html(safe: !unsafeHTML)
                }
            default:
                out += node.html(safe: !unsafeHTML)
            }
        }
        return out
    }

    /// A heading's text as safe mode shows it: inline raw HTML is dropped there, so here too.
    static func textWithoutHTML(_ node: MarkdownNode) -> String {
        // Not recursive: a hostile heading may nest emphasis thousands deep.
        node.text(includingHTML: false)
    }

    mutating func uniqueID(_ base: String) -> String {
        var id = base, n = 2
        while usedIDs.contains(id) { id = "\(base)-\(n)"; n += 1 }
        usedIDs.insert(id)
        return id
    }
}

/// A GitHub-style pipe table: every line starts with `|`, the second is a `---` separator.
struct PipeTable {
    var header: [String]
    var rows: [[String]]

    init?(_ lines: [String]) {
        let trimmed = lines.map { $0.trimmingCharacters(in: .whitespaces) }
        guard trimmed.count >= 2, trimmed.allSatisfy({ $0.hasPrefix("|") }) else { return nil }
        let separator = PipeTable.cells(trimmed[1])
        guard !separator.isEmpty, separator.allSatisfy({ cell in
            !cell.isEmpty && cell.contains("-") && cell.allSatisfy { $0 == "-" || $0 == ":" }
        }) else { return nil }
        header = PipeTable.cells(trimmed[0])
        rows = trimmed.dropFirst(2).map(PipeTable.cells)
    }

    static func cells(_ line: String) -> [String] {
        var body = Substring(line)
        if body.hasPrefix("|") { body = body.dropFirst() }
        if body.hasSuffix("|") { body = body.dropLast() }
        return body.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    var html: String {
        func row(_ cells: [String], _ tag: String) -> String {
            "<tr>" + cells.map { "<\(tag)>\(HTMLEscaping.escape($0))</\(tag)>" }.joined() + "</tr>\n"
        }
        return "<table class=\"data\">\n<thead>\n" + row(header, "th") + "</thead>\n<tbody>\n"
            + rows.map { row($0, "td") }.joined() + "</tbody>\n</table>\n"
    }
}
