import Foundation

/// An IPython display on a page. Lesson output is untrusted: pictures go in as `<img>` with
/// their data inline (an SVG is never page markup, so nothing in it runs), HTML keeps only its
/// tables (`HTMLTableHTML`) or else shows as its text, and Markdown goes through cmark's safe
/// mode (raw HTML and `javascript:` links dropped).
enum RichDisplayHTML {
    static func render(_ display: RichDisplay) -> String {
        if let picture = display.picture { return OutputHTML.render(picture) }
        switch display.content {
        case .html(let html):
            if let table = HTMLTableHTML.render(html) { return table }
            let text = HTMLText.terminalText(html).trimmingCharacters(in: .whitespacesAndNewlines)
            return "<div class=\"output html-value\"><p>" + HTMLEscaping.escape(text) + "</p></div>"
        case .markdown(let markdown):
            var prose = ProseHTML(unsafeHTML: false)
            return "<div class=\"output markdown-value\">" + prose.renderMarkdown(markdown) + "</div>"
        case .png, .svg:
            return ""
        }
    }
}
