import Foundation

/// Where a page sits in a site: every lesson (file and title) for the contents sidebar and
/// previous/next, and the search index the site's pages carry (no search host).
public struct SiteNavigation: Equatable {
    public struct Page: Equatable {
        public var file: String
        public var title: String
        /// Headings and prose words, for search.
        public var text: String
        public init(file: String, title: String, text: String) { self.file = file; self.title = title; self.text = text }
    }

    public var pages: [Page]
    /// The index of this page in `pages`.
    public var current: Int

    public init(pages: [Page], current: Int) { self.pages = pages; self.current = current }

    public var previous: Page? { current > 0 && current - 1 < pages.count ? pages[current - 1] : nil }
    public var next: Page? { current + 1 < pages.count && current >= -1 ? pages[current + 1] : nil }

    /// The sidebar list of lessons, this one marked.
    public var contentsHTML: String {
        "<ul class=\"site-pages\">" + pages.enumerated().map { index, page in
            let mark = index == current ? " class=\"current\" aria-current=\"page\"" : ""
            return "<li\(mark)><a href=\"\(HTMLEscaping.escape(CourseSite.percentEncoded(page.file)))\">\(HTMLEscaping.escape(page.title))</a></li>"
        }.joined() + "</ul>"
    }

    /// The previous / next links at the foot of the page.
    public var pagerHTML: String {
        func link(_ page: Page?, _ rel: String, _ label: String) -> String {
            guard let page else { return "<span></span>" }
            return "<a class=\"\(rel)\" rel=\"\(rel)\" href=\"\(HTMLEscaping.escape(CourseSite.percentEncoded(page.file)))\">"
                + "<small>\(label)</small>\(HTMLEscaping.escape(page.title))</a>"
        }
        return "<nav class=\"pager\" aria-label=\"Previous and next\">" + link(previous, "prev", "Previous") + link(next, "next", "Next") + "</nav>"
    }

    /// The search index as JSON inside `<script type="application/json">`: `<` is written
    /// `\u003c` so no text can close the element.
    public var searchIndexJSON: String {
        let entries = pages.map { ["file": $0.file, "title": $0.title, "text": $0.text] }
        guard let data = try? JSONSerialization.data(withJSONObject: entries, options: [.sortedKeys]),
              let json = String(data: data, encoding: .utf8) else { return "[]" }
        return json.replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }

    /// A page's searchable text: its title, prose and code, whitespace folded, bounded.
    public static func searchText(of lesson: Lesson, limit: Int = 20_000) -> String {
        var words: [Substring] = []
        var count = 0
        for cell in lesson.cells {
            let text: String
            switch cell {
            case .prose(let prose): text = prose.text
            case .code(let code): text = code.code
            }
            for word in text.split(whereSeparator: { $0.isWhitespace }) {
                count += word.count + 1
                if count > limit { return words.joined(separator: " ") }
                words.append(word)
            }
        }
        return words.joined(separator: " ")
    }
}
