import Foundation

/// Bytes that lesson values take as they are built (lists, dicts, sets, strings, tuples),
/// charged to the run before the value is made. A large value (16 MB or more) is checked
/// against the run's limits at once; small ones only add to a counter, and every
/// `growthCheckBytes` of them the process's resident memory is read: a nested comprehension
/// or a loop of appends ends in a MemoryError before it passes LESSON_MEMORY_LIMIT_MB, at the
/// cost of an addition per value.
extension Interpreter {
    /// How much small growth is allowed between two reads of the resident memory.
    static let growthCheckBytes = 32 << 20

    /// The bytes a lesson value of `elements` items of `bytesPerElement` bytes would take.
    static func valueBytes(_ elements: Int, _ bytesPerElement: Int) -> Int {
        RunContext.bytes(elements: max(0, elements), bytesPerElement: bytesPerElement) ?? Int.max
    }

    /// Charges a value about to be built; throws MemoryError when the run cannot hold it.
    func chargeGrowth(elements: Int, bytesPerElement: Int = MemoryLayout<Value>.stride, _ what: String) throws {
        let bytes = Self.valueBytes(elements, bytesPerElement)
        if bytes >= RunContext.smallBytes {
            try context.charge(elements: max(0, elements), bytesPerElement: bytesPerElement, what: what)
            return
        }
        runtime.growthSinceResidentCheck &+= bytes
        if runtime.growthSinceResidentCheck >= Self.growthCheckBytes { try checkResidentGrowth(what) }
    }

    /// One element appended (a comprehension, `append`): an addition, a read of /proc now and then.
    @inline(__always)
    func chargeElement(_ what: String) throws {
        runtime.growthSinceResidentCheck &+= MemoryLayout<Value>.stride
        if runtime.growthSinceResidentCheck >= Self.growthCheckBytes { try checkResidentGrowth(what) }
    }

    /// A string about to be built of `count` UTF-8 bytes.
    func chargeString(_ count: Int) throws {
        try chargeGrowth(elements: count, bytesPerElement: 1, "a string")
    }

    private func checkResidentGrowth(_ what: String) throws {
        let grown = runtime.growthSinceResidentCheck
        runtime.growthSinceResidentCheck = 0
        try context.chargeResident(max(grown, RunContext.smallBytes), what: what)
    }
}
