import Foundation

/// The pictures a Markdown lesson links under a code cell (`NAME.files/cell3-1.png`, as
/// `lesson run --out` and `lesson import` write them), read back so that exports and pages
/// keep them. Only a relative link into a `.files/` folder beside the lesson is followed: a
/// lesson cannot make `lesson` read a file elsewhere.
extension Lesson {
    static let largestFigure = 64 << 20

    /// The cell's rich outputs: a notebook's displays, or the pictures its figure links name.
    public func displays(of cell: CodeCell) -> [DocumentedDisplay] {
        guard let paths = cell.figures?.paths else { return cell.displays }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        return cell.displays + paths.compactMap { link in
            guard let file = Self.figureFile(link, in: folder) else { return nil }
            return Self.readFigure(file)
        }
    }

    /// `NAME.files/x.png` inside `folder`, or nil for any other kind of link.
    static func figureFile(_ link: String, in folder: URL) -> URL? {
        let parts = link.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].hasSuffix(".files"), !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }),
              !link.contains("\\"), !link.contains(":"), !link.contains("%") else { return nil }
        let lowered = link.lowercased()
        guard lowered.hasSuffix(".png") || lowered.hasSuffix(".svg") else { return nil }
        return folder.appendingPathComponent(String(parts[0])).appendingPathComponent(String(parts[1]))
    }

    static func readFigure(_ file: URL) -> DocumentedDisplay? {
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? nil
        guard let size, size <= largestFigure, let data = FileManager.default.contents(atPath: file.path) else { return nil }
        if file.pathExtension.lowercased() == "png" {
            return PNGSize.read(data) == nil ? nil : DocumentedDisplay(content: .png(data), text: "<Figure>")
        }
        return String(data: data, encoding: .utf8).map { DocumentedDisplay(content: .svg($0)) }
    }
}
