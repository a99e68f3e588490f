import KerasBindings
import Script

/// The parts of IPython that notebooks import: `IPython.core.magic.register_cell_magic` and
/// `register_line_magic` (decorators that give the function back; a `%%name` line in a lesson is
/// a no-op, so the cell runs as it would under the backend the notebook asks for), and
/// `IPython.display.display`, which shows each object as Jupyter's text/plain output does.
enum IPythonModules {
    static func register(in registry: ModuleRegistry, context: BindingContext) {
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
                    context.output?.write(PythonFormat.repr(value) + "\n", to: .stdout)
                }
                return .none
            }
            return display
        }
    }
}
