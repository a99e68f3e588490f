import Foundation

/// Prose images (`![a plot](images/loss.png)`) from the lesson's own folder, put into the
/// page as data: URIs so the self-contained page shows them under its strict
/// Content-Security-Policy. A path that leaves the folder, a link to another host, a file
/// too big or of another type is left as it was (and the policy keeps the browser from
/// fetching it).
enum ProseImages {
    static let maxBytes = 8 << 20
    static let types: [String: String] = ["png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
                                          "webp": "image/webp", "svg": "image/svg+xml"]

    static func inline(_ html: String, folder: String) -> String {
        guard html.contains("<img src=\"") else { return html }
        var out = ""
        var rest = Substring(html)
        let marker = "<img src=\""
        while let range = rest.range(of: marker) {
            out += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            let source = String(rest[..<end])
            out += dataURI(escapedSource: source, folder: folder) ?? source
            rest = rest[end...]
        }
        return out + rest
    }

    /// The file an `src` (as cmark escaped it) names inside `folder`, as a data: URI.
    static func dataURI(escapedSource: String, folder: String) -> String? {
        let unescaped = escapedSource.replacingOccurrences(of: "&amp;", with: "&")
        guard !unescaped.contains(":"), !unescaped.hasPrefix("/"), !unescaped.contains("?"),
              let relative = unescaped.removingPercentEncoding, !relative.isEmpty else { return nil }
        let base = URL(fileURLWithPath: folder).standardizedFileURL.resolvingSymlinksInPath()
        let file = base.appendingPathComponent(relative).standardizedFileURL.resolvingSymlinksInPath()
        guard file.path.hasPrefix(base.path + "/"),
              let type = types[file.pathExtension.lowercased()],
              let attributes = try? FileManager.default.attributesOfItem(atPath: file.path),
              attributes[.type] as? FileAttributeType == .typeRegular,
              let size = (attributes[.size] as? NSNumber)?.intValue, size <= maxBytes,
              let data = try? Data(contentsOf: file) else { return nil }
        return "data:\(type);base64," + data.base64EncodedString()
    }
}
