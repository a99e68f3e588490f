/// A small TeX-to-MathML renderer for math in prose (`$…$`, `$$…$$`), so formulas show
/// without a script from another host. It knows what tutorials write: letters, numbers,
/// operators, `^` and `_`, `\frac`, `\sqrt`, Greek letters, `\sum`, `\text`, `\mathbf`,
/// `\left(`/`\right)`; an unknown command shows as its name. Every character is escaped.
public enum MathML {
    public static func render(_ tex: String, display: Bool) -> String {
        var parser = Parser(Array(tex.unicodeScalars.map(Character.init)))
        let body = parser.row(until: nil)
        let mode = display ? " display=\"block\"" : ""
        return "<math\(mode)><mrow>\(body)</mrow></math>"
    }

    static let symbols: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ", "eta": "η",
        "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ",
        "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Phi": "Φ",
        "Psi": "Ψ", "Omega": "Ω", "infty": "∞", "partial": "∂", "nabla": "∇", "ell": "ℓ",
    ]
    static let operators: [String: String] = [
        "sum": "∑", "prod": "∏", "int": "∫", "cdot": "⋅", "times": "×", "div": "÷", "pm": "±", "leq": "≤", "le": "≤",
        "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈", "sim": "∼", "equiv": "≡", "in": "∈", "to": "→",
        "rightarrow": "→", "leftarrow": "←", "Rightarrow": "⇒", "mapsto": "↦", "ldots": "…", "cdots": "⋯", "dots": "…",
        "forall": "∀", "exists": "∃", "cup": "∪", "cap": "∩", "subset": "⊂", "odot": "⊙", "otimes": "⊗", "circ": "∘",
        "langle": "⟨", "rangle": "⟩", "|": "‖", "{": "{", "}": "}", ",": " ", ";": " ", "quad": " ", "qquad": "  ",
    ]
    static let functions: Set<String> = ["log", "ln", "exp", "sin", "cos", "tan", "max", "min", "arg", "argmax", "argmin",
                                         "softmax", "tanh", "sigmoid", "lim", "det", "dim", "sup", "inf"]

    struct Parser {
        let chars: [Character]
        var i = 0
        /// Bounds nesting: a hostile formula may open thousands of braces.
        var depth = 0
        init(_ chars: [Character]) { self.chars = chars }

        mutating func row(until close: Character?) -> String {
            var out = ""
            while i < chars.count {
                if let close, chars[i] == close { i += 1; return out }
                out += scripted()
            }
            return out
        }

        /// One atom with the `^` and `_` that follow it.
        mutating func scripted() -> String {
            let base = atom()
            var sub: String?, sup: String?
            while i < chars.count, chars[i] == "^" || chars[i] == "_" {
                let mark = chars[i]
                i += 1
                let script = atom()
                if mark == "^" { sup = script } else { sub = script }
            }
            switch (sub, sup) {
            case let (b?, p?): return "<msubsup>\(wrap(base))\(wrap(b))\(wrap(p))</msubsup>"
            case let (b?, nil): return "<msub>\(wrap(base))\(wrap(b))</msub>"
            case let (nil, p?): return "<msup>\(wrap(base))\(wrap(p))</msup>"
            default: return base
            }
        }

        func wrap(_ s: String) -> String { "<mrow>\(s)</mrow>" }

        mutating func group() -> String {
            guard depth < 64 else { i = chars.count; return "" }
            depth += 1; defer { depth -= 1 }
            while i < chars.count, chars[i] == " " { i += 1 }
            if i < chars.count, chars[i] == "{" { i += 1; return row(until: "}") }
            return atom()
        }

        mutating func atom() -> String {
            guard depth < 64 else { i = chars.count; return "" }
            depth += 1; defer { depth -= 1 }
            while i < chars.count, chars[i] == " " { i += 1 }
            guard i < chars.count else { return "" }
            let c = chars[i]
            i += 1
            if c == "{" { return row(until: "}") }
            if c == "\\" { return command() }
            if c.isNumber || c == "." {
                var number = String(c)
                while i < chars.count, chars[i].isNumber || chars[i] == "." { number.append(chars[i]); i += 1 }
                return "<mn>\(HTMLEscaping.escape(number))</mn>"
            }
            if c.isLetter { return "<mi>\(HTMLEscaping.escape(String(c)))</mi>" }
            if c == "}" { return "" }
            let text = c == "-" ? "−" : (c == "'" ? "′" : String(c))
            return "<mo>\(HTMLEscaping.escape(text))</mo>"
        }

        mutating func command() -> String {
            var name = ""
            while i < chars.count, chars[i].isLetter { name.append(chars[i]); i += 1 }
            if name.isEmpty, i < chars.count { name = String(chars[i]); i += 1 }
            switch name {
            case "frac", "dfrac", "tfrac":
                let top = group(), bottom = group()
                return "<mfrac><mrow>\(top)</mrow><mrow>\(bottom)</mrow></mfrac>"
            case "sqrt":
                return "<msqrt>\(group())</msqrt>"
            case "text", "mathrm", "operatorname":
                return "<mtext>\(HTMLEscaping.escape(rawGroup()))</mtext>"
            case "mathbf", "boldsymbol":
                return "<mrow mathvariant=\"bold\">\(group())</mrow>".replacingOccurrences(of: "<mi>", with: "<mi mathvariant=\"bold\">")
            case "hat": return "<mover accent=\"true\"><mrow>\(group())</mrow><mo>^</mo></mover>"
            case "bar", "overline": return "<mover accent=\"true\"><mrow>\(group())</mrow><mo>¯</mo></mover>"
            case "left", "right", "big", "Big", "bigg", "Bigg":
                return atom()
            default:
                if let symbol = MathML.symbols[name] { return "<mi>\(symbol)</mi>" }
                if let op = MathML.operators[name] { return "<mo>\(HTMLEscaping.escape(op))</mo>" }
                if MathML.functions.contains(name) { return "<mi>\(name)</mi>" }
                return "<mtext>\(HTMLEscaping.escape("\\" + name))</mtext>"
            }
        }

        /// The text inside `{…}`, as written.
        mutating func rawGroup() -> String {
            while i < chars.count, chars[i] == " " { i += 1 }
            guard i < chars.count, chars[i] == "{" else { return "" }
            i += 1
            var text = "", level = 0
            while i < chars.count {
                let c = chars[i]; i += 1
                if c == "{" { level += 1 } else if c == "}" { if level == 0 { break }; level -= 1 }
                text.append(c)
            }
            return text
        }
    }
}
