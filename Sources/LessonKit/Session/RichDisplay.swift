import Foundation

/// What IPython's rich display objects (`Image`, `HTML`, `Markdown`, `SVG`) show when a cell
/// displays one: a Jupyter `display_data` output, one MIME type beside its `text/plain` form.
public struct RichDisplay: Equatable {
    public enum Content: Equatable {
        case png(Data)
        case svg(String)
        /// Lesson HTML: every page shows it sanitised (`HTMLTableHTML`), never as it came.
        case html(String)
        case markdown(String)
    }

    public var content: Content
    /// IPython's `text/plain`: `<IPython.core.display.Image object>`.
    public var text: String

    public init(content: Content, text: String) { self.content = content; self.text = text }

    public var mimeType: String {
        switch content {
        case .png: return "image/png"
        case .svg: return "image/svg+xml"
        case .html: return "text/html"
        case .markdown: return "text/markdown"
        }
    }

    /// A picture is written and compared as a figure is; HTML and Markdown are text.
    public var picture: DocumentedDisplay? {
        switch content {
        case .png(let data): return DocumentedDisplay(content: .png(data), text: text)
        case .svg(let svg): return DocumentedDisplay(content: .svg(svg), text: text)
        case .html, .markdown: return nil
        }
    }

    /// Jupyter's `data` of the output: the MIME type (PNG as base64) and `text/plain`.
    public var mimeBundle: [String: String] {
        let payload: String
        switch content {
        case .png(let data): payload = data.base64EncodedString()
        case .svg(let text), .html(let text), .markdown(let text): payload = text
        }
        return [mimeType: payload, "text/plain": text]
    }
}
