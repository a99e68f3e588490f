/// Python source as HTML: highlighter spans, each escaped, in classed `<span>`s.
public enum PythonHTML {
    public static func render(_ code: String) -> String {
        PythonHighlighter.spans(code).map { span in
            let text = HTMLEscaping.escape(span.text)
            switch span.kind {
            case .plain: return text
            case .keyword: return "<span class=\"kw\">\(text)</span>"
            case .builtin: return "<span class=\"bi\">\(text)</span>"
            case .string: return "<span class=\"st\">\(text)</span>"
            case .number: return "<span class=\"nu\">\(text)</span>"
            case .comment: return "<span class=\"co\">\(text)</span>"
            }
        }.joined()
    }
}
