import Foundation

extension Sequential {
    /// `model.summary()` as Keras 3 prints it (box-drawing table, thousands separators,
    /// totals with sizes in float32 bytes). Returned, never printed.
    public func summary() -> String {
        let widths = [33, 24, 15]
        func line(_ l: String, _ fill: String, _ m: String, _ r: String) -> String {
            l + widths.map { String(repeating: fill, count: $0) }.joined(separator: m) + r
        }
        func row(_ cells: [String], _ sep: String, rightAlignLast: Bool = true) -> String {
            var parts: [String] = []
            for (i, c) in cells.enumerated() {
                let w = widths[i] - 2
                let text = c.count > w ? String(c.prefix(w - 1)) + "…" : c
                let pad = String(repeating: " ", count: w - text.count)
                parts.append(" " + (i == 2 && rightAlignLast ? pad + text : text + pad) + " ")
            }
            return sep + parts.joined(separator: sep) + sep
        }
        var out = ["Model: \"\(name)\"", line("┏", "━", "┳", "┓"),
                   row(["Layer (type)", "Output Shape", "Param #"], "┃"), line("┡", "━", "╇", "┩")]
        for (i, l) in layers.enumerated() {
            let shape = l.isBuilt ? formatBatchShape(l.outputShape) : "?"
            let params = l.isBuilt ? grouped(l.parameterCount) : "0 (unbuilt)"
            out.append(row(["\(l.name) (\(l.typeName))", shape, params], "│"))
            if i < layers.count - 1 { out.append(line("├", "─", "┼", "┤")) }
        }
        out.append(line("└", "─", "┴", "┘"))
        let n = parameterCount
        out.append(" Total params: \(grouped(n)) (\(byteSize(n * 4)))")
        out.append(" Trainable params: \(grouped(n)) (\(byteSize(n * 4)))")
        out.append(" Non-trainable params: 0 (0.00 B)")
        return out.joined(separator: "\n")
    }
}

/// 225034 → "225,034".
func grouped(_ n: Int) -> String {
    let s = String(n.magnitude)
    var out = ""
    for (i, ch) in s.enumerated() {
        if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return (n < 0 ? "-" : "") + out
}

/// Keras's readable size: 900136 → "879.04 KB" (powers of 1024, two decimals).
func byteSize(_ bytes: Int) -> String {
    var v = Double(bytes)
    for unit in ["B", "KB", "MB", "GB"] {
        if v < 1024 || unit == "GB" { return String(format: "%.2f", v) + " " + unit }
        v /= 1024
    }
    return String(format: "%.2f TB", v)
}
