import Foundation

/// Where `lesson step` reads its commands: "" (Enter), "s", "b", "r", "o", "d", "g 3", "q".
public protocol StepInput: AnyObject {
    /// Shows `prompt` and reads one command; nil at the end of the input (which quits).
    func read(prompt: String) -> String?
    /// A cell is about to run: a terminal in single-key mode goes back to normal, so that
    /// Ctrl-C interrupts the cell.
    func cellWillRun()
    func cellDidRun()
}

extension StepInput {
    public func cellWillRun() {}
    public func cellDidRun() {}
}

/// Commands one per line: typed on a terminal, or read from a pipe or a file, when each is
/// written after its prompt so that the transcript reads as the session went.
public final class LineInput: StepInput {
    let readLine: () -> String?
    let write: (String) -> Void
    let echo: Bool

    public init(echo: Bool, write: @escaping (String) -> Void, readLine: @escaping () -> String? = { Swift.readLine(strippingNewline: true) }) {
        self.echo = echo
        self.write = write
        self.readLine = readLine
    }

    public func read(prompt: String) -> String? {
        write(prompt)
        guard let line = readLine() else {
            if echo { write("\n") }
            return nil
        }
        if echo { write(line + "\n") }
        return line
    }
}

/// Single keys on a terminal: Enter or → runs, ← goes back, a letter is its command; `g`
/// asks for the cell's number on a line. Ctrl-C or Ctrl-D while waiting quits. The
/// terminal's own mode comes back while a cell runs and when this is released.
public final class TerminalKeyInput: StepInput {
    let descriptor: Int32
    let write: (String) -> Void
    private var original = termios()
    private var raw = termios()
    private var isRaw = false

    /// Nil when `descriptor` is not a terminal.
    public init?(descriptor: Int32 = STDIN_FILENO, write: @escaping (String) -> Void) {
        guard isatty(descriptor) == 1, tcgetattr(descriptor, &original) == 0 else { return nil }
        self.descriptor = descriptor
        self.write = write
        raw = original
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
    }

    deinit { restore() }

    public func restore() {
        if isRaw { tcsetattr(descriptor, TCSANOW, &original); isRaw = false }
    }

    func enterRaw() {
        if !isRaw { tcsetattr(descriptor, TCSANOW, &raw); isRaw = true }
    }

    public func cellWillRun() { restore() }
    public func cellDidRun() {}

    func readByte() -> UInt8? {
        var byte: UInt8 = 0
        while true {
            let n = Foundation.read(descriptor, &byte, 1)
            if n == 1 { return byte }
            if n < 0 && errno == EINTR { continue }
            return nil
        }
    }

    public func read(prompt: String) -> String? {
        write(prompt)
        enterRaw()
        defer { restore() }
        while true {
            guard let byte = readByte() else { write("\n"); return nil }
            switch byte {
            case 0x0D, 0x0A, 0x20:
                write("run\n"); return ""
            case 0x03, 0x04:
                write("quit\n"); return "q"
            case 0x1B:
                // Arrow keys: ESC [ C (→) runs, ESC [ D (←) goes back; anything else is ignored.
                guard readByte() == UInt8(ascii: "["), let key = readByte() else { continue }
                if key == UInt8(ascii: "C") { write("run\n"); return "" }
                if key == UInt8(ascii: "D") { write("back\n"); return "b" }
            case UInt8(ascii: "g"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                restore()
                let typed = byte == UInt8(ascii: "g") ? "" : String(UnicodeScalar(byte))
                write("go to cell: " + typed)
                guard let rest = Swift.readLine(strippingNewline: true) else { return nil }
                return "g " + typed + rest
            default:
                let key = String(UnicodeScalar(byte))
                let names = ["s": "skip", "b": "back", "r": "re-run", "o": "output", "d": "diff", "q": "quit", "h": "help", "?": "help"]
                write((names[key] ?? key) + "\n")
                return key
            }
        }
    }
}
