import Foundation

/// A folder of lessons as a static site: one page per lesson and an `index.html` listing
/// titles, steps and final metrics. Links are relative, so the site works from disk.
public enum CourseSite {
    public struct Entry {
        public var file: String
        public var title: String
        public var steps: [Step]
        public var finalMetric: String?
        public init(file: String, title: String, steps: [Step], finalMetric: String?) {
            self.file = file; self.title = title; self.steps = steps; self.finalMetric = finalMetric
        }
    }

    /// The lesson files of a folder (`.md`, `.ipynb`), sorted by name.
    public static func lessonFiles(in folder: String) throws -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw LessonError(path: folder, message: "cannot read the folder: \(error.localizedDescription)")
        }
        return names.filter { $0.hasSuffix(".md") || $0.hasSuffix(".ipynb") }
            .filter { $0.lowercased() != "readme.md" }
            .sorted()
            .map { (folder as NSString).appendingPathComponent($0) }
    }

    /// Writes every lesson's page and the index into `site`; returns the entries written.
    /// `results` gives a lesson path's cell results when it ran; nil uses documented outputs.
    @discardableResult
    public static func build(folder: String, site: String, options: HTMLOptions = HTMLOptions(),
                             results: (String) throws -> [Int: CellResult]? = { _ in nil }) throws -> [Entry] {
        let files = try lessonFiles(in: folder)
        guard !files.isEmpty else { throw LessonError(path: folder, message: "no lessons (.md or .ipynb) in this folder") }
        do {
            try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        } catch {
            throw LessonError(path: site, message: "cannot create the folder: \(error.localizedDescription)")
        }
        var options = options
        options.indexHref = "index.html"
        options.imageSite = site
        let lessons = try files.map { try LessonLoader.load($0) }
        let navigation = pages(lessons)
        var entries: [Entry] = []
        for (index, lesson) in lessons.enumerated() {
            options.site = SiteNavigation(pages: navigation, current: index)
            let page = HTMLPage(lesson: lesson, results: try results(lesson.path), options: options)
            let file = navigation[index].file
            try AtomicFile.write(try page.html(options: options), to: (site as NSString).appendingPathComponent(file))
            entries.append(Entry(file: file, title: page.title, steps: unique(page.steps), finalMetric: page.finalMetric))
        }
        try AtomicFile.write(index(entries), to: (site as NSString).appendingPathComponent("index.html"))
        return entries
    }

    /// Each lesson's page file (`NAME.html`, unique), title and searchable text, in order.
    public static func pages(_ lessons: [Lesson]) -> [SiteNavigation.Page] {
        var usedNames: Set<String> = ["index"]
        return lessons.map { lesson in
            let base = ((lesson.path as NSString).lastPathComponent as NSString).deletingPathExtension
            var name = base
            if usedNames.contains(name) { name = base + "-" + (lesson.path as NSString).pathExtension }
            var n = 2
            while usedNames.contains(name) { name = base + "-\(n)"; n += 1 }
            usedNames.insert(name)
            let title = lesson.title ?? base
            return SiteNavigation.Page(file: name + ".html", title: title, text: SiteNavigation.searchText(of: lesson))
        }
    }

    /// The steps a lesson takes, once each, in the order a tutorial goes.
    static func unique(_ steps: [Step]) -> [Step] {
        Step.allCases.filter(steps.contains)
    }

    /// The index page: a list of lessons, each with its steps and final metric.
    public static func index(_ entries: [Entry]) -> String {
        let items = entries.map { entry in
            let steps = entry.steps.map { "<span class=\"step\">\($0.rawValue)</span>" }.joined(separator: " ")
            let metric = entry.finalMetric.map { "<span class=\"metric\">\(HTMLEscaping.escape($0))</span>" } ?? ""
            return "<li><a href=\"\(HTMLEscaping.escape(percentEncoded(entry.file)))\">\(HTMLEscaping.escape(entry.title))</a>"
                + "<div class=\"meta\">\(steps) \(metric)</div></li>"
        }.joined(separator: "\n")
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <title>Lessons</title>
        <style>\(indexCSS)</style>
        </head>
        <body>
        <main>
        <h1>Lessons</h1>
        <ul class="lessons">
        \(items)
        </ul>
        </main>
        </body>
        </html>

        """
    }

    static func percentEncoded(_ file: String) -> String {
        file.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? file
    }

    static let indexCSS = """
    :root { --bg:#fdfdfc; --fg:#1d1f21; --muted:#6a6f76; --line:#dde1e6; --accent:#2f6fdb; }
    @media (prefers-color-scheme: dark) { :root { --bg:#16181b; --fg:#e4e6e9; --muted:#9aa1a9; --line:#2e3238; --accent:#7aa7ff; } }
    body { margin:0; background:var(--bg); color:var(--fg); font:16px/1.55 system-ui, sans-serif; }
    main { max-width:760px; margin:0 auto; padding:1.5rem 1rem; }
    a { color:var(--accent); font-weight:600; font-size:1.1rem; }
    ul.lessons { list-style:none; padding:0; }
    ul.lessons li { border:1px solid var(--line); border-radius:8px; padding:.8rem 1rem; margin:.8rem 0; }
    .meta { margin-top:.3rem; font-size:.85rem; color:var(--muted); }
    .step { border:1px solid var(--line); border-radius:999px; padding:0 .5rem; }
    .metric { display:inline-block; white-space:nowrap; margin-left:.5rem; font-family:ui-monospace, monospace; color:var(--fg); }
    """
}
