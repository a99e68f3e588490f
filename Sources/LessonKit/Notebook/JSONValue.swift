import Foundation

/// JSON as a value, read with Foundation's parser and written deterministically (keys
/// sorted, one-space indent, as Jupyter writes notebooks) so that exports diff cleanly.
public enum JSONValue: Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public static func parse(_ data: Data) throws -> JSONValue {
        let any = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        return JSONValue(any)
    }

    init(_ any: Any) {
        switch any {
        case let string as String: self = .string(string)
        case let number as NSNumber:
            // JSONSerialization gives booleans as NSNumber too; their type code is "c".
            if String(cString: number.objCType) == "c" { self = .bool(number.boolValue) } else { self = .number(number.doubleValue) }
        case let array as [Any]: self = .array(array.map(JSONValue.init))
        case let dictionary as [String: Any]: self = .object(dictionary.mapValues(JSONValue.init))
        default: self = .null
        }
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    public var string: String? { if case .string(let s) = self { return s } else { return nil } }
    public var array: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    public var object: [String: JSONValue]? { if case .object(let o) = self { return o } else { return nil } }
    public var number: Double? { if case .number(let n) = self { return n } else { return nil } }
    public var boolean: Bool? { if case .bool(let b) = self { return b } else { return nil } }

    /// Jupyter's multiline strings: a string, or a list of strings to concatenate.
    public var multilineText: String? {
        switch self {
        case .string(let s): return s
        case .array(let parts):
            var text = ""
            for part in parts {
                guard let s = part.string else { return nil }
                text += s
            }
            return text
        default: return nil
        }
    }

    /// A multiline string the way Jupyter stores it: a list of lines, each keeping its "\n".
    public static func lines(_ text: String) -> JSONValue {
        var lines: [JSONValue] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == "\n" { lines.append(.string(current)); current = "" }
        }
        if !current.isEmpty { lines.append(.string(current)) }
        return .array(lines)
    }

    public func serialized(indent: Int = 1) -> String {
        var out = ""
        write(to: &out, level: 0, indent: indent)
        return out + "\n"
    }

    private func write(to out: inout String, level: Int, indent: Int) {
        let pad = String(repeating: " ", count: (level + 1) * indent)
        let closePad = String(repeating: " ", count: level * indent)
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n):
            if n == n.rounded(), abs(n) < 1e15 { out += String(Int(n)) } else { out += "\(n)" }
        case .string(let s): out += Self.quote(s)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                item.write(to: &out, level: level + 1, indent: indent)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += closePad + "]"
        case .object(let object):
            if object.isEmpty { out += "{}"; return }
            out += "{\n"
            let keys = object.keys.sorted()
            for (i, key) in keys.enumerated() {
                out += pad + Self.quote(key) + ": "
                object[key]?.write(to: &out, level: level + 1, indent: indent)
                out += i + 1 < keys.count ? ",\n" : "\n"
            }
            out += closePad + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
