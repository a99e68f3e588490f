import KerasBindings
import Script

/// The parts of IPython that notebooks import: `IPython.core.magic.register_cell_magic` and
/// `register_line_magic` (decorators that give the function back; a `%%name` line in a lesson is
/// a no-op, so the cell runs as it would under the backend the notebook asks for), and
/// `IPython.display`: `display`, which shows a rich object (`Image`, `HTML`, `Markdown`, `SVG`)
/// as its `display_data` output (`show`) and any other object as its text/plain form.
enum IPythonModules {
    static func register(in registry: ModuleRegistry, context: BindingContext, show: @escaping (RichDisplay) -> Void) {
        registry.register("IPython") { ModuleValue(name: "IPython") }
        registry.register("IPython.core") { ModuleValue(name: "IPython.core") }
        registry.register("IPython.core.magic") {
            let magic = ModuleValue(name: "IPython.core.magic")
            for name in ["register_cell_magic", "register_line_magic", "register_line_cell_magic"] {
                magic.addFunction(name) { args in try args.bind(["magic_func"])["magic_func"] ?? .none }
            }
            return magic
        }
        registry.register("IPython.display") {
            let display = ModuleValue(name: "IPython.display")
            display.addFunction("display") { [unowned context] args in
                for value in args.positional where !value.isNone {
                    if let rich = value.object(as: IPythonDisplayObject.self) { show(rich.display); continue }
                    context.output?.write(PythonFormat.repr(value) + "\n", to: .stdout)
                }
                return .none
            }
            IPythonDisplayObject.addConstructors(to: display, context: context)
            return display
        }
    }
}
