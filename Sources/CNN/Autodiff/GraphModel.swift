import Foundation

/// A functional model (Keras's `keras.Model(inputs, outputs)`): a graph of layers and merges
/// between input and output nodes, run by the autodiff engine. Shared layers, fan-out and
/// several inputs and outputs are what the tape handles; Sequential keeps its own fast path.
public final class GraphModel {
    public let name: String
    public let inputs: [GraphNode]
    public let outputs: [GraphNode]
    /// What losses, metrics and logs call each output (`priority_loss`): its layer's name, or
    /// the key of a dict of outputs (Keras's `output_names`).
    public var outputNames: [String]
    /// Every node from the inputs to the outputs, each after the nodes it reads.
    public let nodes: [GraphNode]
    public private(set) var optimizer: Optimizer?
    public private(set) var losses: [GraphLoss] = []
    public private(set) var lossWeights: [Float] = []
    /// Layers whose weights `fit` leaves alone (Keras's `layer.trainable = False`).
    public var frozen: Set<ObjectIdentifier> = []
    public let seed: UInt64
    /// Keras's class of the model: "Functional", or "Sequential" for one made from a Sequential
    /// (its saved weights sit under `sequential`, without an InputLayer).
    public var kerasClass = "Functional"
    /// Threads each pass splits a batch over (default: every core), handed to the layers.
    public var threads: Int = defaultThreadCount()

    /// Hands the model's thread count to its layers before a pass.
    func prepareThreads() {
        if workers?.requested != threads { workers = threads > 1 ? Workers(count: threads) : nil }
        for l in layers { l.threads = Swift.max(1, threads); l.workers = workers }
    }
    /// The threads of `threads`, made on the first pass that uses them.
    public private(set) var workers: Workers?

    public init(inputs: [GraphNode], outputs: [GraphNode], name: String? = nil, seed: UInt64 = 42, scope: NameScope) throws {
        guard !inputs.isEmpty, !outputs.isEmpty else { throw CNNError.invalidArgument("A functional model needs at least one input and one output.") }
        var order: [GraphNode] = [], seen = Set<ObjectIdentifier>(), inputIDs = Set(inputs.map(ObjectIdentifier.init))
        // Depth-first from the outputs, iterative so a deep graph cannot exhaust the stack.
        for out in outputs {
            var stack: [(GraphNode, Bool)] = [(out, false)]
            while let (node, expanded) = stack.popLast() {
                let id = ObjectIdentifier(node)
                if seen.contains(id) { continue }
                if expanded { seen.insert(id); order.append(node); continue }
                if case .input = node.operation, !inputIDs.contains(id) {
                    throw CNNError.invalidArgument("Output depends on input '\(node.layerName)', which is not among the model's inputs.")
                }
                stack.append((node, true))
                for i in node.inputs.reversed() where !seen.contains(ObjectIdentifier(i)) { stack.append((i, false)) }
            }
        }
        inputIDs.subtract(order.map(ObjectIdentifier.init))
        // Unused inputs still come first, in the order given, as Keras keeps them.
        nodes = inputs.filter { inputIDs.contains(ObjectIdentifier($0)) } + order
        self.inputs = inputs; self.outputs = outputs; outputNames = outputs.map(\.layerName)
        self.name = name ?? scope.uniqueName("functional")
        self.seed = seed
    }

    /// Distinct layers in graph order, those of nested models included (inputs' InputLayers
    /// are not layers of the CNN library).
    public var layers: [Layer] {
        var seen = Set<ObjectIdentifier>()
        return nodes.flatMap { n in n.layer.map { [$0] } ?? n.model?.layers ?? [] }.filter { seen.insert(ObjectIdentifier($0)).inserted }
    }
    /// Layers frozen here or inside a nested model.
    var allFrozen: Set<ObjectIdentifier> { nodes.compactMap(\.model).reduce(frozen) { $0.union($1.allFrozen) } }
    /// Distinct custom layers (lesson code) in graph order, those of nested models included.
    public var customLayers: [GraphCustomLayer] {
        var seen = Set<ObjectIdentifier>()
        return nodes.flatMap { n in n.custom.map { [$0] } ?? n.model?.customLayers ?? [] }.filter { seen.insert(ObjectIdentifier($0)).inserted }
    }
    /// What owns weights, in graph order (Keras's order of `weights`).
    public enum WeightOwner { case layer(Layer), custom(GraphCustomLayer) }
    public var weightOwners: [WeightOwner] {
        var seen = Set<ObjectIdentifier>()
        return nodes.flatMap { n -> [WeightOwner] in
            switch n.operation {
            case .layer(let l): return [.layer(l)]
            case .custom(let c): return [.custom(c)]
            case .model(let m): return m.weightOwners
            case .input, .merge: return []
            }
        }.filter { o in
            switch o { case .layer(let l): return seen.insert(ObjectIdentifier(l)).inserted; case .custom(let c): return seen.insert(ObjectIdentifier(c)).inserted }
        }
    }
    public var parameters: [Parameter] {
        weightOwners.flatMap { o -> [Parameter] in
            switch o { case .layer(let l): return l.parameters; case .custom(let c): return c.parameters }
        }
    }
    public var trainableParameters: [Parameter] {
        let off = allFrozen
        return weightOwners.flatMap { o -> [Parameter] in
            switch o {
            case .layer(let l): return off.contains(ObjectIdentifier(l)) ? [] : l.parameters
            case .custom(let c): return c.trainableParameters
            }
        }
    }
    /// Losses beyond the compiled ones that its owner adds each step (Keras's weight
    /// penalties), on the step's tape.
    public var extraLosses: ((Tape?) throws -> [Variable])?
    /// Keras's activity regularizers: by layer, the penalty of its output, taken each forward.
    public var activityPenalties: [ObjectIdentifier: (Variable, Tape?) throws -> Variable] = [:]
    /// The activity penalties of the latest forward.
    private var activityLosses: [Variable] = []
    /// The `add_loss` values of the latest forward, over every custom layer, its activity
    /// penalties, then `extraLosses`.
    func addedLosses(tape: Tape?) throws -> [Variable] {
        try customLayers.flatMap { try $0.addedLosses(tape: tape) } + activityLosses + (extraLosses?(tape) ?? [])
    }

    /// Runs the graph on one batch per input; records on `tape` when given.
    public func forward(_ xs: [Tensor], training: Bool, tape: Tape?) throws -> [Variable] {
        try forward(variables: xs.map { Variable(constant: $0) }, training: training, tape: tape)
    }

    /// Runs of layer nodes that `Ops.apply(chain:)` runs as one op, by their first node, and
    /// the nodes after the first of each. A run grows while its last value has one reader, is
    /// no output and has no activity penalty, and the reader is a layer called nowhere else in
    /// the graph (a shared layer keeps its own op, which recomputes per call).
    private var layerRuns: (runs: [ObjectIdentifier: [GraphNode]], inRun: Set<ObjectIdentifier>) {
        var readers: [ObjectIdentifier: [GraphNode]] = [:], calls: [ObjectIdentifier: Int] = [:]
        for n in nodes {
            for i in n.inputs { readers[ObjectIdentifier(i), default: []].append(n) }
            if let l = n.layer { calls[ObjectIdentifier(l), default: 0] += 1 }
        }
        let outputIDs = Set(outputs.map(ObjectIdentifier.init))
        func single(_ n: GraphNode) -> Layer? {
            guard let l = n.layer, n.inputs.count == 1, calls[ObjectIdentifier(l)] == 1 else { return nil }
            return l
        }
        var runs: [ObjectIdentifier: [GraphNode]] = [:], inRun = Set<ObjectIdentifier>()
        for n in nodes where !inRun.contains(ObjectIdentifier(n)) && single(n) != nil {
            var run = [n]
            while let last = run.last, let l = last.layer, !outputIDs.contains(ObjectIdentifier(last)),
                  activityPenalties[ObjectIdentifier(l)] == nil,
                  let r = readers[ObjectIdentifier(last)], r.count == 1, let next = r.first,
                  let nl = single(next), !nl.validatesInput {
                run.append(next)
            }
            guard run.count > 1 else { continue }
            runs[ObjectIdentifier(n)] = run
            for m in run.dropFirst() { inRun.insert(ObjectIdentifier(m)) }
        }
        return (runs, inRun)
    }

    /// The same on variables, so gradients flow into a nested model's input.
    public func forward(variables xs: [Variable], training: Bool, tape: Tape?) throws -> [Variable] {
        guard xs.count == inputs.count else {
            throw CNNError.invalidArgument("Model '\(name)' expects \(inputs.count) input(s), but it received \(xs.count) input tensors.")
        }
        var values: [ObjectIdentifier: Variable] = [:]
        activityLosses = []
        for (node, x) in zip(inputs, xs) {
            guard Array(x.shape.dropFirst()) == node.shape else {
                throw CNNError.shapeMismatch("Input '\(node.layerName)' expects shape \(formatBatchShape(node.shape)), got \(formatShape(x.shape))")
            }
            values[ObjectIdentifier(node)] = x
        }
        let (runs, inRun) = layerRuns
        for node in nodes {
            if inRun.contains(ObjectIdentifier(node)) { continue }
            if let run = runs[ObjectIdentifier(node)], let head = node.inputs.first, let x = values[ObjectIdentifier(head)],
               let last = run.last {
                let y = try Ops.apply(chain: run.compactMap(\.layer), x, training: training, tape: tape)
                values[ObjectIdentifier(last)] = y
                if let l = last.layer, let penalty = activityPenalties[ObjectIdentifier(l)] { activityLosses.append(try penalty(y, tape)) }
                continue
            }
            let args = try node.inputs.map { i -> Variable in
                guard let v = values[ObjectIdentifier(i)] else { throw CNNError.invalidArgument("Graph of '\(name)' is disconnected at '\(i.layerName)'.") }
                return v
            }
            switch node.operation {
            case .input: continue
            case .layer(let l):
                let y = try Ops.apply(l, args[0], training: training, tape: tape)
                values[ObjectIdentifier(node)] = y
                if let penalty = activityPenalties[ObjectIdentifier(l)] { activityLosses.append(try penalty(y, tape)) }
            case .merge(.add): values[ObjectIdentifier(node)] = try Ops.add(args, tape: tape)
            case .merge(.subtract): values[ObjectIdentifier(node)] = try Ops.subtract(args[0], args[1], tape: tape)
            case .merge(.multiply): values[ObjectIdentifier(node)] = try Ops.multiply(args, tape: tape)
            case .merge(.concatenate): values[ObjectIdentifier(node)] = try Ops.concatenate(args, tape: tape)
            case .model(let m): values[ObjectIdentifier(node)] = try m.forward(variables: args, training: training, tape: tape)[0]
            case .custom(let c): values[ObjectIdentifier(node)] = try c.forward(args[0], training: training, tape: tape)
            }
        }
        return try outputs.map { o in
            guard let v = values[ObjectIdentifier(o)] else { throw CNNError.invalidArgument("Output '\(o.layerName)' is not reached.") }
            return v
        }
    }

    /// One loss per output (a single loss applies to all), with optional weights.
    public func compile(optimizer: Optimizer, losses: [GraphLoss], lossWeights: [Float]? = nil) throws {
        let l = losses.count == 1 ? Array(repeating: losses[0], count: outputs.count) : losses
        guard l.count == outputs.count else {
            throw CNNError.invalidArgument("Model '\(name)' has \(outputs.count) outputs but \(losses.count) losses were given.")
        }
        let w = lossWeights ?? Array(repeating: 1, count: outputs.count)
        guard w.count == outputs.count, w.allSatisfy(\.isFinite) else {
            throw CNNError.invalidArgument("loss_weights must give one finite number per output (\(outputs.count)).")
        }
        self.optimizer = optimizer; self.losses = l; self.lossWeights = w
    }
}
