import Foundation
import KerasBindings
import Script

/// `IPython.display.Image`, `HTML`, `Markdown` and `SVG`: objects whose display is a rich
/// output. Their repr is IPython's (`<IPython.core.display.HTML object>`), `.data` is what
/// they hold, as in IPython.
final class IPythonDisplayObject: HostObject {
    let display: RichDisplay
    let className: String
    let filename: String?

    init(_ content: RichDisplay.Content, className: String, filename: String? = nil) {
        self.className = className
        self.filename = filename
        display = RichDisplay(content: content, text: "<IPython.core.display.\(className) object>")
    }

    var typeName: String { className }
    func repr() -> String { display.text }

    func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "filename": return filename.map(Value.str) ?? Value.none
        case "data":
            switch display.content {
            case .png: return nil  // bytes: lessons have no bytes type yet
            case .svg(let text), .html(let text), .markdown(let text): return .str(text)
            }
        default: return nil
        }
    }

    /// The objects' constructors, reading files through the run's file policy and limits.
    static func addConstructors(to module: ModuleValue, context: BindingContext) {
        module.addFunction("Image") { [unowned context] args in
            let a = try args.bind(["data", "url", "filename", "format", "embed", "width", "height", "retina", "unconfined", "metadata"], required: 0)
            var filename = a["filename"].flatMap(\.stringValue)
            if filename == nil, let data = a["data"]?.stringValue { filename = data }  // IPython: a str names a file
            if a["url"].map({ !$0.isNone }) ?? false {
                throw ScriptError.valueError("Image(url=...): lessons may not reach the network; save the image beside the lesson and pass filename=")
            }
            guard let filename else {
                if let data = a["data"], !data.isNone { throw ScriptError.typeError("Image(data=...) takes a file name here: lessons have no bytes objects") }
                throw ScriptError.valueError("No image data found. Expecting filename, url, or data.")
            }
            let bytes = try read(filename, call: "Image", context: context)
            guard bytes.starts(with: PNGSize.signature) else {
                throw ScriptError.valueError("Image(filename='\(filename)'): lessons show PNG images only; this file is no PNG")
            }
            return .object(IPythonDisplayObject(.png(bytes), className: "Image", filename: filename))
        }
        for (name, make) in [("HTML", RichDisplay.Content.html), ("Markdown", RichDisplay.Content.markdown), ("SVG", RichDisplay.Content.svg)] {
            module.addFunction(name) { [unowned context] args in
                let a = try args.bind(["data", "url", "filename", "metadata"], required: 0)
                if a["url"].map({ !$0.isNone }) ?? false { throw ScriptError.valueError("\(name)(url=...): lessons may not reach the network") }
                let text: String
                if let file = a["filename"]?.stringValue {
                    text = String(decoding: try read(file, call: name, context: context), as: UTF8.self)
                } else if let data = a["data"], !data.isNone {
                    guard let s = data.stringValue else { throw ScriptError.typeError("\(name)() data must be a str, not \(data.typeName)") }
                    text = s
                } else {
                    text = ""
                }
                return .object(IPythonDisplayObject(make(text), className: name, filename: a["filename"]?.stringValue))
            }
        }
    }

    /// A file lesson code may read, within the run's allocation limit.
    static func read(_ path: String, call: String, context: BindingContext) throws -> Data {
        let url = try context.run.files.readable(path, call: call)
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        try context.run.charge(elements: size ?? 0, bytesPerElement: 1, what: "\(call) file")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ScriptError(.fileNotFoundError, "[Errno 2] No such file or directory: '\(path)'")
        }
        try context.run.charge(elements: data.count, bytesPerElement: 1, what: "\(call) file")
        return data
    }
}
