import Script

/// Names NumPy 2 removed, which older tutorials still use (`np.Inf` in a callback's
/// `self.best = np.Inf`): the AttributeError NumPy 2 raises for each, with its migration note.
enum ExpiredAttributes {
    static let notes: [String: String] = [
        "Inf": "Use `np.inf` instead.", "Infinity": "Use `np.inf` instead.", "infty": "Use `np.inf` instead.",
        "PINF": "Use `np.inf` instead.", "NINF": "Use `-np.inf` instead.", "NaN": "Use `np.nan` instead.",
        "NZERO": "Use `-0.0` instead.", "PZERO": "Use `0.0` instead.",
        "float_": "Use `np.float64` instead.", "complex_": "Use `np.complex128` instead.", "cfloat": "Use `np.complex128` instead.",
        "string_": "Use `np.bytes_` instead.", "unicode_": "Use `np.str_` instead.", "round_": "Use `np.round` instead.",
        "alltrue": "Use `np.all` instead.", "sometrue": "Use `np.any` instead.", "cast": "Use `np.asarray(arr, dtype=dtype)` instead.",
    ]

    static func lookup(_ name: String) throws -> Value? {
        guard let note = notes[name] else { return nil }
        throw ScriptError.attributeError("`np.\(name)` was removed in the NumPy 2.0 release. \(note)")
    }
}
