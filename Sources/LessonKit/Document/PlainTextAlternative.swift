/// An HTML value's `text/plain` form (a DataFrame's text beside its table), which a notebook
/// stores with the HTML. In a Markdown lesson it is an ```` ```output plain ```` block right
/// after the ```` ```output html ```` one: read onto that output and its display, written
/// back after it, exported again as the notebook's `text/plain`. It is not compared.
extension CodeCell {
    /// Attaches `content` to the cell's last output when that is an HTML value without one;
    /// false otherwise. The block's lines become the HTML output's, so `--update` replaces both.
    mutating func attachPlainText(_ content: String, lines: LineRange) -> Bool {
        guard let last = outputs.indices.last, outputs[last].html != nil, outputs[last].plainText == nil else { return false }
        let text = content.hasSuffix("\n") ? String(content.dropLast()) : content
        outputs[last].plainText = text
        outputs[last].lines.last = lines.last
        outputs[last].sourceBlocks += 1
        let htmlDisplays = displays.indices.filter { if case .html = displays[$0].content { return true } else { return false } }
        let position = outputs[..<last].filter { $0.html != nil }.count
        if position < htmlDisplays.count, displays[htmlDisplays[position]].text == nil { displays[htmlDisplays[position]].text = text }
        return true
    }
}

enum PlainTextAlternative {
    /// The ```` ```output plain ```` block for `text`, its fence longer than any backtick run in it.
    static func block(_ text: String) -> String {
        OutputRewriter.render(FreshOutput(stream: .stdout, text: text.hasSuffix("\n") ? text : text + "\n"), info: "output plain")
    }
}
