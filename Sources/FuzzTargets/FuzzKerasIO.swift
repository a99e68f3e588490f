import Foundation

/// keras.io pages (`k-default-codeblock` divs, `<pre>` summaries): see `PublishedDocumentFuzz`.
public enum FuzzKerasIO {
    public static func fuzzOne(_ data: Data) throws { PublishedDocumentFuzz.fuzzOne(data, path: "fuzz.md") }
}
