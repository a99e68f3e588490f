import Foundation

/// `model.summary()` of a functional model as Keras 3 prints it (summary_utils.print_summary
/// on rich's table): layers in Keras's order (deepest first, then first seen), a "Connected to"
/// column unless the graph is a plain chain, cells wrapped on spaces, an 80-column terminal.
extension GraphModel {
    /// Keras's operation order: depth from the outputs (largest first), ties by the order a
    /// depth-first walk from the outputs first meets them (keras.src.ops.function.map_graph).
    public func summaryOrder() -> (ops: [[GraphNode]], sequentialLike: Bool) {
        func key(_ n: GraphNode) -> ObjectIdentifier { n.layer.map(ObjectIdentifier.init) ?? n.model.map(ObjectIdentifier.init) ?? n.custom.map(ObjectIdentifier.init) ?? ObjectIdentifier(n) }
        var opIndex: [ObjectIdentifier: Int] = [:], finished = Set<ObjectIdentifier>(), postOrder: [GraphNode] = []
        for out in outputs {
            var stack: [(GraphNode, Bool)] = [(out, false)]
            while let (node, done) = stack.popLast() {
                if done { postOrder.append(node); continue }
                guard finished.insert(ObjectIdentifier(node)).inserted else { continue }
                if opIndex[key(node)] == nil { opIndex[key(node)] = opIndex.count }
                stack.append((node, true))
                for i in node.inputs.reversed() { stack.append((i, false)) }
            }
        }
        // The walk above marks a node when it is entered, so a node reached twice appears once.
        var nodeDepth: [ObjectIdentifier: Int] = [:], opDepth: [ObjectIdentifier: Int] = [:]
        for node in postOrder.reversed() {
            let depth = Swift.max(nodeDepth[ObjectIdentifier(node)] ?? 0, opDepth[key(node)] ?? 0)
            opDepth[key(node)] = depth; nodeDepth[ObjectIdentifier(node)] = depth
            for p in node.inputs { nodeDepth[ObjectIdentifier(p)] = Swift.max(depth + 1, nodeDepth[ObjectIdentifier(p)] ?? 0) }
        }
        var byOp: [ObjectIdentifier: [GraphNode]] = [:]
        for n in nodes { byOp[key(n), default: []].append(n) }
        let ops = byOp.keys.sorted { a, b in
            let da = opDepth[a] ?? 0, db = opDepth[b] ?? 0
            return da != db ? da > db : (opIndex[a] ?? -1) < (opIndex[b] ?? -1)
        }.compactMap { byOp[$0] }
        var perDepth: [Int: Int] = [:]
        for n in nodes { perDepth[nodeDepth[ObjectIdentifier(n)] ?? 0, default: 0] += 1 }
        let chain = perDepth.values.allSatisfy { $0 == 1 } && nodes.allSatisfy { $0.inputs.count <= 1 } && ops.allSatisfy { $0.count == 1 }
        return (ops, chain)
    }

    /// `hidingInputs`: a Sequential's summary, which lists no InputLayer.
    public func summary(hidingInputs: Bool = false) -> String {
        var (ops, chain) = summaryOrder()
        if hidingInputs { ops = ops.filter { group in !group.allSatisfy { if case .input = $0.operation { return true }; return false } } }
        let header = chain ? ["Layer (type)", "Output Shape", "Param #"] : ["Layer (type)", "Output Shape", "Param #", "Connected to"]
        let widths = richColumnWidths(lineLength: Swift.min(chain ? 88 : 108, 76), positions: chain ? [0.45, 0.80, 1.0] : [0.3, 0.56, 0.74, 1.0])
        // A node's index among its layer's calls, as Keras's `[node_index][tensor_index]`.
        var callIndex: [ObjectIdentifier: Int] = [:]
        for group in ops { for (i, n) in group.enumerated() { callIndex[ObjectIdentifier(n)] = i } }
        func line(_ l: String, _ fill: String, _ m: String, _ r: String) -> String {
            l + widths.map { String(repeating: fill, count: $0) }.joined(separator: m) + r
        }
        func row(_ cells: [String], _ sep: String) -> [String] {
            let wrapped = cells.enumerated().map { i, c in wrapCell(c, width: widths[i] - 2) }
            let height = wrapped.map(\.count).max() ?? 1
            return (0..<height).map { k in
                sep + wrapped.enumerated().map { i, lines in
                    let text = k < lines.count ? lines[k] : ""
                    let pad = String(repeating: " ", count: Swift.max(widths[i] - 2 - text.count, 0))
                    return " " + (i == 2 ? pad + text : text + pad) + " "
                }.joined(separator: sep) + sep
            }
        }
        var out = ["Model: \"\(name)\"", line("┏", "━", "┳", "┓")] + row(header, "┃") + [line("┡", "━", "╇", "┩")]
        for (k, group) in ops.enumerated() {
            guard let last = group.last else { continue }
            let shape = "(" + ([last.batchSize.map(String.init) ?? "None"] + last.shape.map(String.init)).joined(separator: ", ") + ")"
            var cells = ["\(last.layerName) (\(last.typeName))", shape, grouped(last.layer?.parameterCount ?? (last.model?.parameters ?? last.custom?.parameters)?.reduce(0) { $0 + $1.value.count } ?? 0)]
            if !chain {
                let links = group.flatMap { n in n.inputs.map { "\($0.layerName)[\(callIndex[ObjectIdentifier($0)] ?? 0)][0]" } }
                cells.append(links.isEmpty ? "-" : links.joined(separator: ", "))
            }
            out += row(cells, "│")
            if k < ops.count - 1 { out.append(line("├", "─", "┼", "┤")) }
        }
        out.append(line("└", "─", "┴", "┘"))
        let trainable = trainableParameters.reduce(0) { $0 + $1.value.count }
        let total = parameters.reduce(0) { $0 + $1.value.count }
        out.append(" Total params: \(grouped(total)) (\(byteSize(total * 4)))")
        out.append(" Trainable params: \(grouped(trainable)) (\(byteSize(trainable * 4)))")
        out.append(" Non-trainable params: \(grouped(total - trainable)) (\(byteSize((total - trainable) * 4)))")
        return out.joined(separator: "\n")
    }
}

/// Rich's widths for fixed-width columns that do not fit: each asks `width + 2` (padding),
/// then the excess over the line less its borders is taken evenly (rich's ratio_reduce,
/// with Python's round-half-to-even).
func richColumnWidths(lineLength: Int, positions: [Double]) -> [Int] {
    var asked: [Int] = [], current = 0
    for p in positions { let w = Int(p * Double(lineLength)) - current; asked.append(w + 2); current += w }
    let available = lineLength - (positions.count + 1)
    var excess = asked.reduce(0, +) - available
    guard excess > 0 else { return asked }
    var ratio = asked.count
    return asked.map { w in
        let d = Swift.min(w, Int((Double(excess) / Double(ratio)).rounded(.toNearestOrEven)))
        excess -= d; ratio -= 1
        return w - d
    }
}

/// Rich's word wrap of a column with its default overflow ("ellipsis"): words split on
/// spaces, a word longer than the line kept on a line of its own and cut with "…".
func wrapCell(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [text] }
    var lines: [String] = [], current = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
        let candidate = current.isEmpty ? word : current + " " + word
        if candidate.count <= width { current = candidate; continue }
        if !current.isEmpty { lines.append(current) }
        current = word
    }
    lines.append(current)
    return lines.map { $0.count > width ? String($0.prefix(width - 1)) + "…" : $0 }
}
