import Foundation

/// The pieces of a live page that are not a whole lesson: a running cell's outputs and the
/// page shown when the lesson does not load.
public enum LivePage {
    /// The outputs of a cell so far, escaped as the page's own are.
    public static func cellOutput(_ partial: CellResult) -> String {
        HTMLPage.outputHTML(partial.outputs.map { ($0.stream, $0.text) }, result: partial, ran: true)
    }

    /// A page naming where the lesson is wrong, with its line and a caret under the column.
    public static func loadError(_ error: LessonError, options: HTMLOptions) -> String {
        let body = "<section class=\"block\"><div class=\"output error load-error\"><pre>"
            + HTMLEscaping.escape(error.description) + "</pre></div></section>"
        let page = HTMLPage(title: (error.path as NSString).lastPathComponent, bodyHTML: body)
        return (try? page.html(options: options)) ?? "<!DOCTYPE html><pre>" + HTMLEscaping.escape(error.description) + "</pre>"
    }
}
