import Foundation

/// Provides the modules a lesson may import, by dotted name.
public protocol ModuleImporter: AnyObject {
    /// The module for a dotted name (`numpy`, `tensorflow.keras.datasets`), or nil if the
    /// host does not provide it.
    func importModule(named name: String) throws -> ModuleValue?
    /// Names listed in the `ModuleNotFoundError` message.
    var supportedModules: [String] { get }
}

/// A simple importer: modules registered by name, built lazily on first import and cached.
public final class ModuleRegistry: ModuleImporter {
    private var builders: [String: () throws -> ModuleValue] = [:]
    private var cache: [String: ModuleValue] = [:]
    private var order: [String] = []

    public init() {}

    /// Registers a module built on first import.
    public func register(_ name: String, _ build: @escaping () throws -> ModuleValue) {
        if builders[name] == nil { order.append(name) }
        builders[name] = build
        cache[name] = nil
    }

    /// Registers a ready module under its own name.
    public func register(_ module: ModuleValue) {
        register(module.name) { module }
    }

    public func importModule(named name: String) throws -> ModuleValue? {
        if let m = cache[name] { return m }
        guard let b = builders[name] else { return nil }
        let m = try b()
        cache[name] = m
        return m
    }

    public var supportedModules: [String] { order }
}
