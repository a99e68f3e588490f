import Foundation
import Mustache

/// Fills a mustache template with a page. `{{x}}` is escaped by mustache; the values given
/// to `{{{x}}}` are HTML this module made and escaped itself.
public enum PageTemplate {
    public static func render(_ page: HTMLPage, template: String? = nil, indexHref: String? = nil) throws -> String {
        let parsed: MustacheTemplate
        do {
            parsed = try MustacheTemplate(string: template ?? PageTemplate.default)
        } catch {
            throw LessonError(path: "template", message: "the HTML template does not parse: \(error)")
        }
        var values = context(page)
        if let indexHref { values["indexHref"] = indexHref }
        return parsed.render(values)
    }

    /// What a template may name: title, ran, finalMetric, sections, blocks, style, script
    /// (and indexHref on a course site's pages).
    public static func context(_ page: HTMLPage) -> [String: Any] {
        let blocks: [[String: Any]] = page.blocks.enumerated().map { index, block in
            var entry: [String: Any] = ["index": index, "prose": block.proseHTML, "hasProse": !block.proseHTML.isEmpty]
            if let code = block.code {
                entry["code"] = [
                    "number": code.number,
                    "steps": code.steps.map(\.rawValue),
                    "hasSteps": !code.steps.isEmpty,
                    "html": code.codeHTML,
                    "output": code.outputHTML,
                    "hasOutput": !code.outputHTML.isEmpty,
                ] as [String: Any]
            }
            return entry
        }
        var context: [String: Any] = [
            "title": page.title,
            "ran": page.ran,
            "sections": page.sections.map { ["level": $0.level, "title": $0.title, "id": $0.id, "indent": $0.level > 1] as [String: Any] },
            "hasSections": !page.sections.isEmpty,
            "blocks": blocks,
            "style": PageStyle.css,
            "script": PageStyle.script,
        ]
        if let metric = page.finalMetric { context["finalMetric"] = metric }
        return context
    }

    public static let `default` = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
    <title>{{title}}</title>
    <style>{{{style}}}</style>
    </head>
    <body>
    <header class="top">
    {{#indexHref}}<a class="home" href="{{indexHref}}">&larr; Lessons</a>{{/indexHref}}
    <span class="name">{{title}}</span>
    <span class="source">{{#ran}}outputs from this run{{/ran}}{{^ran}}outputs as documented{{/ran}}</span>
    <button id="present" type="button" title="Present one cell at a time (p); arrows move">Present</button>
    </header>
    <div class="layout">
    {{#hasSections}}
    <nav class="toc" aria-label="Contents"><h2>Contents</h2><ul>
    {{#sections}}<li class="{{#indent}}sub{{/indent}}"><a href="#{{id}}">{{title}}</a></li>
    {{/sections}}</ul></nav>
    {{/hasSections}}
    <main>
    {{#blocks}}
    <section class="block" data-index="{{index}}">
    {{#hasProse}}<div class="prose">{{{prose}}}</div>{{/hasProse}}
    {{#code}}
    <div class="cell" id="cell-{{number}}">
    <div class="cell-head"><span class="prompt">In [{{number}}]</span>{{#steps}}<span class="step step-{{.}}">{{.}}</span>{{/steps}}</div>
    <pre class="code"><code>{{{html}}}</code></pre>
    {{#hasOutput}}<div class="outputs">{{{output}}}</div>{{/hasOutput}}
    </div>
    {{/code}}
    </section>
    {{/blocks}}
    </main>
    </div>
    <footer class="present-bar"><button id="back" type="button">&larr;</button><span id="where"></span><button id="next" type="button">&rarr;</button></footer>
    <script>{{{script}}}</script>
    </body>
    </html>

    """
}
