import Foundation

/// jupytext percent scripts (`# %%`, commented front matter): see `PublishedDocumentFuzz`.
public enum FuzzPercent {
    public static func fuzzOne(_ data: Data) throws { PublishedDocumentFuzz.fuzzOne(data, path: "fuzz.py") }
}
