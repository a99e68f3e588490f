import Foundation
import Mustache

/// Fills a mustache template with a page. `{{x}}` is escaped by mustache; the values given
/// to `{{{x}}}` are HTML this module made and escaped itself.
public enum PageTemplate {
    public static func render(_ page: HTMLPage, template: String? = nil, options: HTMLOptions = HTMLOptions()) throws -> String {
        let parsed: MustacheTemplate
        do {
            parsed = try MustacheTemplate(string: template ?? PageTemplate.default)
        } catch {
            throw LessonError(path: "template", message: "the HTML template does not parse: \(error)")
        }
        var values = context(page)
        if let indexHref = options.indexHref { values["indexHref"] = indexHref }
        if let site = options.site {
            values["site"] = ["pages": site.contentsHTML, "pager": site.pagerHTML, "searchIndex": site.searchIndexJSON] as [String: Any]
        }
        if let role = options.live {
            switch role {
            case .preview: values["live"] = ["role": "preview", "version": options.liveVersion] as [String: Any]
            case .follower: values["live"] = ["role": "follower", "version": options.liveVersion] as [String: Any]
            case .teacher(let token):
                values["live"] = ["role": "teacher", "token": token, "teacher": true, "version": options.liveVersion] as [String: Any]
            }
            values["script"] = PageScript.script + LiveScript.script
        }
        values["csp"] = contentSecurityPolicy(live: options.live != nil, siteImages: options.imageSite != nil)
        return parsed.render(values)
    }

    /// Nothing leaves the page: images only from data: URIs, inline style and script; a live
    /// page may also talk to the server it came from (its events and, for a teacher, controls).
    /// A site's pages may also show the images copied beside them.
    static func contentSecurityPolicy(live: Bool, siteImages: Bool = false) -> String {
        "default-src 'none'; img-src \(siteImages ? "'self' " : "")data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
            + (live ? "; connect-src 'self'; form-action 'none'" : "; form-action 'none'")
            + "; base-uri 'none'"
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
            "script": PageScript.script,
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
    <meta http-equiv="Content-Security-Policy" content="{{{csp}}}">
    <title>{{title}}</title>
    <style>{{{style}}}</style>
    </head>
    <body{{#live}} data-live="{{role}}" data-version="{{version}}"{{#token}} data-token="{{token}}"{{/token}}{{/live}}>
    <header class="top">
    {{#indexHref}}<a class="home" href="{{indexHref}}">&larr; Lessons</a>{{/indexHref}}
    <span class="name">{{title}}</span>
    {{#site}}<span class="search"><input id="search" type="search" placeholder="Search the lessons" aria-label="Search the lessons" autocomplete="off"><ul id="search-results" hidden></ul></span>{{/site}}
    <span class="source">{{#ran}}outputs from this run{{/ran}}{{^ran}}outputs as documented{{/ran}}</span>
    {{#live}}<span id="live-status" class="live-status" role="status">live</span>{{/live}}
    <button id="present" type="button" title="Present one cell at a time (p); arrows move">Present</button>
    </header>
    {{#live}}{{#teacher}}<div class="teacher-bar" role="toolbar" aria-label="Class controls"><button type="button" data-action="back">&larr; Back</button><button type="button" data-action="next">Run next step &rarr;</button><span id="teacher-where"></span></div>{{/teacher}}{{/live}}
    <div class="layout">
    {{#hasSections}}
    <nav class="toc" aria-label="Contents">{{#site}}<h2>Lessons</h2>{{{pages}}}{{/site}}<h2>Contents</h2><ul>
    {{#sections}}<li class="{{#indent}}sub{{/indent}}"><a href="#{{id}}">{{title}}</a></li>
    {{/sections}}</ul></nav>
    {{/hasSections}}
    {{^hasSections}}{{#site}}<nav class="toc" aria-label="Contents"><h2>Lessons</h2>{{{pages}}}</nav>{{/site}}{{/hasSections}}
    <main>
    {{#blocks}}
    <section class="block" data-index="{{index}}">
    {{#hasProse}}<div class="prose">{{{prose}}}</div>{{/hasProse}}
    {{#code}}
    <div class="cell" id="cell-{{number}}" data-cell="{{number}}">
    <div class="cell-head"><span class="prompt">In [{{number}}]:</span>{{#steps}}<span class="step step-{{.}}">{{.}}</span>{{/steps}}<button class="copy" type="button" title="Copy the code" aria-label="Copy the code of cell {{number}}">Copy</button></div>
    <pre class="code"><code>{{{html}}}</code></pre>
    <div class="outputs{{^hasOutput}} empty{{/hasOutput}}">{{{output}}}</div>
    </div>
    {{/code}}
    </section>
    {{/blocks}}
    {{#site}}{{{pager}}}{{/site}}
    </main>
    </div>
    <footer class="present-bar"><button id="back" type="button">&larr;</button><span id="where"></span><button id="next" type="button">&rarr;</button></footer>
    {{#site}}<script type="application/json" id="search-index">{{{searchIndex}}}</script>{{/site}}
    <script>{{{script}}}</script>
    </body>
    </html>

    """
}
