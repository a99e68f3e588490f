/// Prose for a terminal, from cmark's tree: headings, paragraphs, lists, quotes, code and
/// tables (which CommonMark leaves as paragraphs of `|` lines: shown as written).
public struct TerminalProse {
    public var style: TerminalStyle

    public init(style: TerminalStyle) { self.style = style }

    public func render(_ markdown: String) -> String {
        let tree = MarkdownTree(markdown)
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return tree.document.children.map { block($0, lines: lines, indent: "") }.filter { !$0.isEmpty }.joined(separator: "\n\n") + "\n"
    }

    func block(_ node: MarkdownNode, lines: [String], indent: String) -> String {
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
                let body = item.children.map { block($0, lines: lines, indent: indent + "  ") }.joined(separator: "\n")
                let trimmed = body.hasPrefix(indent + "  ") ? String(body.dropFirst(indent.count + 2)) : body
                return indent + marker + trimmed
            }.joined(separator: "\n")
        case .blockQuote:
            return node.children.map { block($0, lines: lines, indent: indent + style.dim("│ ")) }.joined(separator: "\n")
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

    func inline(_ node: MarkdownNode) -> String {
        node.children.map { child -> String in
            switch child.kind {
            case .text: return child.literal ?? ""
            case .softBreak: return " "
            case .lineBreak: return "\n"
            case .code: return style.cyan(child.literal ?? "")
            case .emphasis: return style.italic(inline(child))
            case .strong: return style.bold(inline(child))
            case .link:
                let text = inline(child)
                let url = child.url ?? ""
                return url.isEmpty || url == text ? style.underline(text) : style.underline(text) + style.dim(" (\(url))")
            case .image: return style.dim("[image: \(inline(child))]")
            case .htmlInline: return child.literal ?? ""
            default: return inline(child)
            }
        }.joined()
    }

    func sourceLines(_ node: MarkdownNode, _ lines: [String]) -> [String] {
        guard node.startLine >= 1, node.endLine >= node.startLine, node.endLine <= lines.count else { return [] }
        return Array(lines[(node.startLine - 1)..<node.endLine])
    }
}
