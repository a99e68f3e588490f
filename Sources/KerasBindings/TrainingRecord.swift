/// The History of one `fit`: metric name → one value per epoch.
public struct TrainingRecord: Equatable {
    public var epochs: Int
    public var metrics: [(name: String, values: [Double])]
    public init(epochs: Int, metrics: [(name: String, values: [Double])]) { self.epochs = epochs; self.metrics = metrics }

    public static func == (a: Self, b: Self) -> Bool {
        a.epochs == b.epochs && a.metrics.map(\.name) == b.metrics.map(\.name) && a.metrics.map(\.values) == b.metrics.map(\.values)
    }

    public func values(_ name: String) -> [Double]? { metrics.first { $0.name == name }?.values }
}
