import Foundation

/// A long list (a checkpoint's objects, its globals) stored as content-defined chunks: a chunk
/// ends after an item whose hash starts with `0` (one in 16) or at 256 items, so a list that
/// only grows at the end or changes in one place shares all its other chunks with the list
/// of the checkpoint before. A manifest names the chunks, a few per checkpoint, instead of
/// every item: that keeps the cost of a lesson's checkpoints linear in its cells.
enum CheckpointChunks {
    static let maxItems = 256

    /// Stores `items` as chunks; returns their blob names in order.
    static func put(_ items: [JSONValue], in store: CheckpointStore) throws -> [String] {
        var names: [String] = []
        var chunk: [JSONValue] = []
        func flush() throws {
            guard !chunk.isEmpty else { return }
            let data = Data(JSONValue.array(chunk).serialized(indent: 0).utf8)
            let name = CheckpointStore.hash(data)
            try store.putBlob(data, named: name)
            names.append(name)
            chunk = []
        }
        for item in items {
            chunk.append(item)
            let ends = CheckpointStore.hash(Data(item.serialized(indent: 0).utf8)).hasPrefix("0")
            if ends || chunk.count >= maxItems { try flush() }
        }
        try flush()
        return names
    }

    /// The items of the chunks named `names`, in order; throws when one is missing or damaged.
    static func items(_ names: [JSONValue], in store: CheckpointStore) throws -> [JSONValue] {
        var items: [JSONValue] = []
        for json in names {
            guard let name = json.string else { throw CheckpointError.damaged("a chunk name is not a string") }
            let data = try store.blob(name)
            guard let chunk = try? JSONValue.parse(data), let list = chunk.array else {
                throw CheckpointError.damaged("chunk \(name.prefix(12)) is not a list")
            }
            items += list
        }
        return items
    }
}
