import Foundation

/// `summary()` of a subclassed Keras model: the table Keras 3 prints. Output shapes are those
/// of each layer's last eager call (`(2, 64)`), `?` for a layer never called.
public enum SubclassSummary {
    /// `(2, 64)`.
    public static func shapeText(_ shape: [Int]?) -> String { shape.map(formatShape) ?? "?" }
    /// `50,240`.
    public static func count(_ n: Int) -> String { grouped(n) }

    public static func table(name: String, rows: [(layer: String, type: String, shape: String, params: String)], trainable: Int, nonTrainable: Int) -> String {
        let widths = [33, 24, 15]
        func line(_ l: String, _ fill: String, _ m: String, _ r: String) -> String {
            l + widths.map { String(repeating: fill, count: $0) }.joined(separator: m) + r
        }
        func row(_ cells: [String], _ sep: String) -> String {
            var parts: [String] = []
            for (i, c) in cells.enumerated() {
                let w = widths[i] - 2
                let text = c.count > w ? String(c.prefix(w - 1)) + "…" : c
                let pad = String(repeating: " ", count: w - text.count)
                parts.append(" " + (i == 2 ? pad + text : text + pad) + " ")
            }
            return sep + parts.joined(separator: sep) + sep
        }
        var out = ["Model: \"\(name)\"", line("┏", "━", "┳", "┓"),
                   row(["Layer (type)", "Output Shape", "Param #"], "┃"), line("┡", "━", "╇", "┩")]
        for (i, r) in rows.enumerated() {
            out.append(row(["\(r.layer) (\(r.type))", r.shape, r.params], "│"))
            if i < rows.count - 1 { out.append(line("├", "─", "┼", "┤")) }
        }
        out.append(line("└", "─", "┴", "┘"))
        let n = trainable + nonTrainable
        out.append(" Total params: \(grouped(n)) (\(byteSize(n * 4)))")
        out.append(" Trainable params: \(grouped(trainable)) (\(byteSize(trainable * 4)))")
        out.append(" Non-trainable params: \(grouped(nonTrainable)) (\(byteSize(nonTrainable * 4)))")
        return out.joined(separator: "\n")
    }
}
