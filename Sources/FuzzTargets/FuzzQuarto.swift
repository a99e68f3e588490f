import Foundation

/// Quarto documents (`{python}`, `#|` options): see `PublishedDocumentFuzz`.
public enum FuzzQuarto {
    public static func fuzzOne(_ data: Data) throws { PublishedDocumentFuzz.fuzzOne(data, path: "fuzz.qmd") }
}
