/// What a live page hears from the server (as Server-Sent Events).
public enum LiveEvent: Sendable, Equatable {
    /// A whole new page: the browser swaps its content in, keeping the scroll position.
    case page(version: Int, html: String)
    /// The outputs of the cell that is running, so far (progress bar, chart, text).
    case cell(number: Int, html: String)
}
