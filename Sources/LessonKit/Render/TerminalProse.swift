/// Prose for a terminal, from cmark's tree: headings, paragraphs, lists, quotes, code and
/// tables (which CommonMark leaves as paragraphs of `|` lines: shown as written).
public struct TerminalProse {
    public var style: TerminalStyle

    public init(style: TerminalStyle) { self.style = style }

    /// Blocks and inlines nested deeper than this are shown as their plain text: a hostile
    /// lesson can nest thousands deep, and each level would recurse and widen the indent.
    static let maxNesting = 16

    public func render(_ lessonMarkdown: String) -> String {
        // Controls made visible before parsing: no literal or heading carries an escape.
        let markdown = TerminalText.visible(lessonMarkdown)
        let tree = MarkdownTree(markdown)
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return tree.document.children.map { block($0, lines: lines, indent: "", depth: 0) }.filter { !$0.isEmpty }.joined(separator: "\n\n") + "\n"
    }

    func block(_ node: MarkdownNode, lines: [String], indent: String, depth: Int) -> String {
        if depth > Self.maxNesting { return indent + node.plainText.replacingOccurrences(of: "\n", with: " ") }
        switch node.kind {
        case .heading:
            let text = inline(node)
            return indent + (node.headingLevel <= 1 ? style.bold(style.underline(text)) : style.bold(text))
        case .paragraph:
            let source = sourceLines(node, lines)
            if source.count >= 2, source.allSatisfy({ $0.trimmingCharacters(in: [" "]).hasPrefix("|") }) {
                return source.map { indent + $0.trimmingCharacters(in: [" "]) }.joined(separator: "\n") // a table
            }
            return indent + inline(node).replacingOccurrences(of: "\n", with: "\n" + indent)
        case .list:
            var number = node.listStart
            return node.children.map { item -> String in
                let marker = node.isOrderedList ? "\(number). " : "• "
                number += 1
                let body = item.children.map { block($0, lines: lines, indent: indent + "  ", depth: depth + 1) }.joined(separator: "\n")
                let trimmed = body.hasPrefix(indent + "  ") ? String(body.dropFirst(indent.count + 2)) : body
                return indent + marker + trimmed
            }.joined(separator: "\n")
        case .blockQuote:
            return node.children.map { block($0, lines: lines, indent: indent + style.dim("│ "), depth: depth + 1) }.joined(separator: "\n")
        case .codeBlock:
            let code = (node.literal ?? "").trimmingLineEnd()
            return code.split(separator: "\n", omittingEmptySubsequences: false).map { indent + "    " + style.dim(String($0)) }.joined(separator: "\n")
        case .thematicBreak:
            return indent + style.dim(String(repeating: "─", count: 40))
        case .htmlBlock:
            return indent + style.dim((node.literal ?? "").trimmingLineEnd())
        default:
            return indent + inline(node)
        }
    }

    func inline(_ node: MarkdownNode, depth: Int = 0) -> String {
        if depth > Self.maxNesting { return node.plainText }
        return node.children.map { child -> String in
            switch child.kind {
            case .text: return child.literal ?? ""
            case .softBreak: return " "
            case .lineBreak: return "\n"
            case .code: return style.cyan(child.literal ?? "")
            case .emphasis: return style.italic(inline(child, depth: depth + 1))
            case .strong: return style.bold(inline(child, depth: depth + 1))
            case .link:
                let text = inline(child, depth: depth + 1)
                let url = child.url ?? ""
                return url.isEmpty || url == text ? style.underline(text) : style.underline(text) + style.dim(" (\(url))")
            case .image: return style.dim("[image: \(inline(child, depth: depth + 1))]")
            case .htmlInline: return child.literal ?? ""
            default: return inline(child, depth: depth + 1)
            }
        }.joined()
    }

    func sourceLines(_ node: MarkdownNode, _ lines: [String]) -> [String] {
        guard node.startLine >= 1, node.endLine >= node.startLine, node.endLine <= lines.count else { return [] }
        return Array(lines[(node.startLine - 1)..<node.endLine])
    }
}
