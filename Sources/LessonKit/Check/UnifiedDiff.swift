/// A small unified diff of normalised lines, with three lines of context around changes.
public enum UnifiedDiff {
    public enum Line: Equatable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// Renders `lines` (the documented side's `-`, the fresh side's `+`); "" when nothing changed.
    public static func render(_ lines: [Line], from: String = "documented", to: String = "fresh", context: Int = 3) -> String {
        let changed = lines.indices.filter { if case .same = lines[$0] { return false } else { return true } }
        guard let firstChange = changed.first else { return "" }
        // Group the changes whose context windows touch into hunks.
        var hunks: [ClosedRange<Int>] = []
        var start = max(0, firstChange - context), end = min(lines.count - 1, firstChange + context)
        for index in changed.dropFirst() {
            if index - context <= end + 1 {
                end = min(lines.count - 1, index + context)
            } else {
                hunks.append(start...end)
                start = max(0, index - context); end = min(lines.count - 1, index + context)
            }
        }
        hunks.append(start...end)

        var output = ["--- \(from)", "+++ \(to)"]
        for hunk in hunks {
            // Line numbers on each side at the hunk's start.
            var oldLine = 1, newLine = 1
            for line in lines[..<hunk.lowerBound] {
                switch line {
                case .same: oldLine += 1; newLine += 1
                case .removed: oldLine += 1
                case .added: newLine += 1
                }
            }
            var oldCount = 0, newCount = 0, body: [String] = []
            for line in lines[hunk] {
                switch line {
                case .same(let text): oldCount += 1; newCount += 1; body.append(" " + text)
                case .removed(let text): oldCount += 1; body.append("-" + text)
                case .added(let text): newCount += 1; body.append("+" + text)
                }
            }
            output.append("@@ -\(oldCount == 0 ? oldLine - 1 : oldLine),\(oldCount) +\(newCount == 0 ? newLine - 1 : newLine),\(newCount) @@")
            output += body
        }
        return output.joined(separator: "\n") + "\n"
    }
}
