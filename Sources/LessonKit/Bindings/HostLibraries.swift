import KerasBindings
import NumPy
import Pyplot
import Script

/// How LessonKit joins the host libraries (NumPy, Pyplot) to its own run: arrays belong to
/// the run's `RunContext`, and a figure becomes the cell's `Figure`.
extension NumPyModule {
    static func make(context: BindingContext?) -> ModuleValue { make(context: context?.run, seed: context?.seed ?? 0) }
}

extension Figure {
    init(_ figure: RenderedFigure) { self.init(png: figure.png, svg: figure.svg, title: figure.title) }
}
