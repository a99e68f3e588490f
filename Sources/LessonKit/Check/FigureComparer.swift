import Foundation

/// Compares the pictures a document stores for a cell with those a fresh run drew. By
/// default only that each is there and its size in pixels (a picture's pixels change with
/// fonts and library versions); with a pixel tolerance (`lesson check --images 0.02`), PNGs
/// of the same size must also differ by at most that mean absolute difference (0 to 1).
/// Each side is described as lines (`figure 1: 640×480 png`) compared like text, so a
/// difference reads as a diff.
enum FigureComparer {
    static func compare(documented: [DocumentedDisplay], fresh: [Figure], pixelTolerance: Double?) -> OutputComparison {
        let pictures = documented.filter(\.isPicture)
        var expected: [String] = [], actual: [String] = []
        for index in 0..<max(pictures.count, fresh.count) {
            let name = "figure \(index + 1)"
            let mine = pictures[safe: index]
            let theirs = fresh[safe: index].map(display)
            guard let mine, let theirs else {
                if let mine { expected.append(describe(name, mine)) }
                if let theirs { actual.append(describe(name, theirs)) }
                continue
            }
            // Sizes compare only between pictures of one kind (an SVG's size is in points).
            guard kind(mine) == kind(theirs) else { expected.append(name); actual.append(name); continue }
            expected.append(describe(name, mine))
            var line = describe(name, theirs)
            if let tolerance = pixelTolerance, case .png(let a) = mine.content, case .png(let b) = theirs.content,
               let left = PNGPixels(a), let right = PNGPixels(b), let difference = left.difference(from: right), difference > tolerance {
                line += String(format: ", pixels differ by %.4f (--images %.4g)", difference, tolerance)
            }
            actual.append(line)
        }
        let lines = { (lines: [String]) in lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n" }
        return OutputComparer.compare(documented: lines(expected), fresh: lines(actual))
    }

    static func display(_ figure: Figure) -> DocumentedDisplay {
        if let png = figure.png { return DocumentedDisplay(content: .png(png)) }
        return DocumentedDisplay(content: .svg(figure.svg ?? ""))
    }

    static func kind(_ display: DocumentedDisplay) -> String {
        switch display.content { case .png: return "png"; case .svg: return "svg"; case .html: return "html" }
    }

    static func describe(_ name: String, _ display: DocumentedDisplay) -> String {
        guard let size = display.pixelSize else { return "\(name): \(kind(display))" }
        return "\(name): \(size.width)×\(size.height) \(kind(display))"
    }
}
