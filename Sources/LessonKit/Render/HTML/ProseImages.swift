import Foundation

/// Prose images (`![a plot](images/loss.png)`) from the lesson's own folder, put into the
/// page as data: URIs so the self-contained page shows them under its strict
/// Content-Security-Policy. A path that leaves the folder, a link to another host, a file
/// too big or of another type is left as it was (and the policy keeps the browser from
/// fetching it). A site (`lesson build`) copies them beside its pages instead, same relative path.
enum ProseImages {
    static let maxBytes = 8 << 20
    static let types: [String: String] = ["png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
                                          "webp": "image/webp", "svg": "image/svg+xml"]

    /// `site`: copy each image into this folder and keep its address; nil: inline it.
    static func inline(_ html: String, folder: String, site: String? = nil) -> String {
        guard html.contains("<img src=\"") else { return html }
        var out = ""
        var rest = Substring(html)
        let marker = "<img src=\""
        while let range = rest.range(of: marker) {
            out += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            let source = String(rest[..<end])
            if let site, copy(escapedSource: source, folder: folder, site: site) {
                out += source
            } else {
                out += dataURI(escapedSource: source, folder: folder) ?? source
            }
            rest = rest[end...]
        }
        return out + rest
    }

    /// The image file an `src` (as cmark escaped it) names inside `folder`, its path relative
    /// to the folder and its MIME type; nil when it is not one to show.
    static func image(escapedSource: String, folder: String) -> (file: URL, relative: String, type: String)? {
        let unescaped = escapedSource.replacingOccurrences(of: "&amp;", with: "&")
        guard !unescaped.contains(":"), !unescaped.hasPrefix("/"), !unescaped.contains("?"),
              let relative = unescaped.removingPercentEncoding, !relative.isEmpty else { return nil }
        let base = URL(fileURLWithPath: folder).standardizedFileURL.resolvingSymlinksInPath()
        let file = base.appendingPathComponent(relative).standardizedFileURL.resolvingSymlinksInPath()
        guard file.path.hasPrefix(base.path + "/"),
              let type = types[file.pathExtension.lowercased()],
              let attributes = try? FileManager.default.attributesOfItem(atPath: file.path),
              attributes[.type] as? FileAttributeType == .typeRegular,
              let size = (attributes[.size] as? NSNumber)?.intValue, size <= maxBytes else { return nil }
        return (file, String(file.path.dropFirst(base.path.count + 1)), type)
    }

    static func dataURI(escapedSource: String, folder: String) -> String? {
        guard let image = image(escapedSource: escapedSource, folder: folder),
              let data = try? Data(contentsOf: image.file), data.count <= maxBytes else { return nil }
        return "data:\(image.type);base64," + data.base64EncodedString()
    }

    /// Copies the image into `site` at its relative path (through a temporary file and a rename).
    static func copy(escapedSource: String, folder: String, site: String) -> Bool {
        guard let image = image(escapedSource: escapedSource, folder: folder),
              let data = try? Data(contentsOf: image.file), data.count <= maxBytes else { return false }
        let target = URL(fileURLWithPath: site).appendingPathComponent(image.relative).standardizedFileURL
        guard target.path.hasPrefix(URL(fileURLWithPath: site).standardizedFileURL.path + "/") else { return false }
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.write(data, to: target.path)
            return true
        } catch {
            return false
        }
    }
}
