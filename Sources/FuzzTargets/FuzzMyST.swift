import Foundation

/// MyST notebooks (`{code-cell}`, `:tags:`, `+++`): see `PublishedDocumentFuzz`.
public enum FuzzMyST {
    public static func fuzzOne(_ data: Data) throws { PublishedDocumentFuzz.fuzzOne(data, path: "fuzz.md") }
}
