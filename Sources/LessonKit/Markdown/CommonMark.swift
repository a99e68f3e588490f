import CCmark
import Foundation

/// A thin, typed layer over cmark's C API. The C types stay in this file: the rest of
/// LessonKit sees `MarkdownTree` and `MarkdownNode` only.
public final class MarkdownTree {
    fileprivate let root: OpaquePointer

    /// Parses CommonMark text. cmark never fails on any input; it only allocates.
    public init(_ text: String) {
        var utf8 = Array(text.utf8)
        utf8.append(0)
        root = utf8.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parse_document($0, buffer.count - 1, CMARK_OPT_DEFAULT)
            }
        }
    }

    deinit { cmark_node_free(root) }

    public var document: MarkdownNode { MarkdownNode(tree: self, pointer: root) }

    /// HTML for the whole tree. `safe` drops raw HTML and dangerous URLs (cmark's default).
    public func html(safe: Bool = true) -> String {
        Self.html(of: root, safe: safe)
    }

    fileprivate static func html(of node: OpaquePointer, safe: Bool) -> String {
        let options = safe ? CMARK_OPT_DEFAULT : CMARK_OPT_UNSAFE
        guard let cString = cmark_render_html(node, options) else { return "" }
        defer { free(cString) }
        return String(cString: cString)
    }
}

/// One node of a parsed tree. It keeps its tree alive.
public struct MarkdownNode {
    public enum Kind: Equatable {
        case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock, paragraph,
             heading, thematicBreak, text, softBreak, lineBreak, code, htmlInline, customInline,
             emphasis, strong, link, image, none
    }

    let tree: MarkdownTree
    let pointer: OpaquePointer

    public var kind: Kind {
        switch cmark_node_get_type(pointer) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST: return .list
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK: return .codeBlock
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock
        case CMARK_NODE_CUSTOM_BLOCK: return .customBlock
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code
        case CMARK_NODE_HTML_INLINE: return .htmlInline
        case CMARK_NODE_CUSTOM_INLINE: return .customInline
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK: return .link
        case CMARK_NODE_IMAGE: return .image
        default: return .none
        }
    }

    public var children: [MarkdownNode] {
        var result: [MarkdownNode] = []
        var child = cmark_node_first_child(pointer)
        while let node = child {
            result.append(MarkdownNode(tree: tree, pointer: node))
            child = cmark_node_next(node)
        }
        return result
    }

    /// Text of a text, code or code-block node.
    public var literal: String? { cmark_node_get_literal(pointer).map { String(cString: $0) } }
    /// The info string of a fenced code block ("python", "output stderr").
    public var fenceInfo: String? { cmark_node_get_fence_info(pointer).map { String(cString: $0) } }
    public var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }
    public var url: String? { cmark_node_get_url(pointer).map { String(cString: $0) } }
    public var isOrderedList: Bool { cmark_node_get_list_type(pointer) == CMARK_ORDERED_LIST }
    public var listStart: Int { Int(cmark_node_get_list_start(pointer)) }

    /// 1-based source positions as cmark reports them (columns count bytes).
    public var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
    public var startColumn: Int { Int(cmark_node_get_start_column(pointer)) }
    public var endLine: Int { Int(cmark_node_get_end_line(pointer)) }
    public var endColumn: Int { Int(cmark_node_get_end_column(pointer)) }

    /// HTML of this node alone.
    public func html(safe: Bool = true) -> String { MarkdownTree.html(of: pointer, safe: safe) }

    /// The plain text of the node's inline content.
    public var plainText: String { text(includingHTML: true) }

    /// The text of the node and everything under it, in order. Walked with a stack rather
    /// than by recursion: cmark nests as deep as the input does (60,000 `>` make 60,000
    /// block quotes), and recursion that deep overflows the stack.
    public func text(includingHTML: Bool) -> String {
        var out = ""
        var pending: [MarkdownNode] = [self]
        while let node = pending.popLast() {
            switch node.kind {
            case .text, .code: out += node.literal ?? ""
            case .htmlInline: if includingHTML { out += node.literal ?? "" }
            case .softBreak: out += " "
            case .lineBreak: out += "\n"
            default: pending += node.children.reversed()
            }
        }
        return out
    }
}
