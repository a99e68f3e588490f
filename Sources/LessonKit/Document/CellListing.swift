import Foundation

/// What `lesson cells` prints: one row per cell and per documented output.
public enum CellListing {
    public static func table(_ lesson: Lesson) -> String {
        var rows: [[String]] = [["#", "kind", "lines", "first line"]]
        for (index, cell) in lesson.cells.enumerated() {
            switch cell {
            case .prose(let prose):
                rows.append(["\(index + 1)", "prose", "\(prose.lines)", firstLine(prose.text)])
            case .code(let code):
                rows.append(["\(index + 1)", "code [\(code.number)]", "\(code.lines)", firstLine(code.code)])
                for output in code.outputs {
                    let kind = output.stream == .stderr ? "  └ stderr" : "  └ output"
                    rows.append(["", kind + (output.options.ignore ? " (ignored)" : ""), "\(output.lines)", firstLine(output.text)])
                }
            }
        }
        let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var text = "\(lesson.path): \(lesson.codeCells.count) code cells, \(lesson.cells.count) cells\n"
        for row in rows {
            text += (0..<3).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
            text += "  " + row[3] + "\n"
        }
        return text
    }

    public static func json(_ lesson: Lesson) -> String {
        let cells: [JSONValue] = lesson.cells.enumerated().map { index, cell in
            switch cell {
            case .prose(let prose):
                return .object(["index": .number(Double(index + 1)), "kind": .string("prose"),
                                "first_line": .number(Double(prose.lines.first)), "last_line": .number(Double(prose.lines.last)),
                                "text": .string(prose.text)])
            case .code(let code):
                return .object([
                    "index": .number(Double(index + 1)), "kind": .string("code"), "number": .number(Double(code.number)),
                    "first_line": .number(Double(code.lines.first)), "last_line": .number(Double(code.lines.last)),
                    "code": .string(code.code),
                    "outputs": .array(code.outputs.map { output in
                        .object(["stream": .string(output.stream.rawValue), "info": .string(output.info),
                                 "first_line": .number(Double(output.lines.first)), "last_line": .number(Double(output.lines.last)),
                                 "ignore": .bool(output.options.ignore), "text": .string(output.text)])
                    }),
                ])
            }
        }
        var root: [String: JSONValue] = ["path": .string(lesson.path), "cells": .array(cells)]
        if let title = lesson.title { root["title"] = .string(title) }
        return JSONValue.object(root).serialized(indent: 2)
    }

    static func firstLine(_ text: String) -> String {
        let line = text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
        return line.count > 60 ? String(line.prefix(57)) + "..." : line
    }
}
