import Foundation

/// A figure as an `<img>` with a data: URI. SVG goes through a data URI too, so any script
/// inside it cannot run in the page.
enum FigureHTML {
    static func render(_ figure: Figure) -> String {
        let alt = HTMLEscaping.escape(figure.title ?? "figure")
        let source: String
        if let png = figure.png {
            source = "data:image/png;base64," + png.base64EncodedString()
        } else if let svg = figure.svg {
            source = "data:image/svg+xml;base64," + Data(svg.utf8).base64EncodedString()
        } else {
            return ""
        }
        let caption = figure.title.map { "<figcaption>\(HTMLEscaping.escape($0))</figcaption>" } ?? ""
        return "<figure class=\"plot\"><img alt=\"\(alt)\" src=\"\(source)\">\(caption)</figure>"
    }
}
