import XCTest
@testable import Script

/// A toy array standing in for the NumPy binding: records how it is indexed and combined.
final class FakeArray: HostObject {
    var shape: [Int]
    var scale: Double
    init(_ shape: [Int], scale: Double = 1) {
        self.shape = shape
        self.scale = scale
    }
    var typeName: String { "ndarray" }
    func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "shape": return .tuple(shape.map { .int($0) })
        case "reshape":
            return .function(BuiltinFunction("reshape", isMethod: true) { [unowned self] args in
                var dims = try args.positional.map { v -> Int in
                    guard let i = v.intValue else { throw ScriptError.typeError("'\(v.typeName)' object cannot be interpreted as an integer") }
                    return i
                }
                let total = self.shape.reduce(1, *)
                if let k = dims.firstIndex(of: -1) {
                    let known = dims.filter { $0 != -1 }.reduce(1, *)
                    dims[k] = total / max(known, 1)
                }
                guard dims.reduce(1, *) == total else {
                    throw ScriptError.valueError("cannot reshape array of size \(total) into shape \(PythonFormat.repr(.tuple(dims.map { .int($0) })))")
                }
                return .object(FakeArray(dims, scale: self.scale))
            })
        default: return nil
        }
    }
    func binaryOp(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> OperatorResult {
        guard let d = other.doubleValue else { return nil }
        switch (op, reflected) {
        case (.divide, false): return .object(FakeArray(shape, scale: scale / d))
        case (.divide, true): return .object(FakeArray(shape, scale: d / scale))
        case (.multiply, _): return .object(FakeArray(shape, scale: scale * d))
        default: return nil
        }
    }
    func unaryOp(_ op: UnaryOperator) throws -> OperatorResult {
        op == .negate ? .object(FakeArray(shape, scale: -scale)) : nil
    }
    var lastIndex: Value = .none
    func getItem(_ index: Value) throws -> Value {
        lastIndex = index
        if case .slice(let s) = index, let first = shape.first {
            return .object(FakeArray([try s.indices(length: first).count] + shape.dropFirst(), scale: scale))
        }
        return .str(PythonFormat.repr(index))
    }
    func length() throws -> Int? { shape.first }
    func repr() -> String { "array(shape=\(PythonFormat.repr(.tuple(shape.map { .int($0) }))), scale=\(PythonFormat.floatRepr(scale)))" }
    func iterate() throws -> ValueIterator? {
        var i = 0
        let n = shape.first ?? 0
        return ValueIterator { [shape, scale] in
            guard i < n else { return nil }
            i += 1
            return .object(FakeArray(Array(shape.dropFirst()), scale: scale))
        }
    }
}

final class FakeHistory: HostObject {
    var typeName: String { "History" }
    func repr() -> String { "<keras.src.callbacks.history.History at 0x209cf1b4830>" }
    func getAttribute(_ name: String) throws -> Value? {
        name == "history" ? .dict(DictStorage([("accuracy", .list([.float(0.9)])), ("loss", .list([.float(0.1)]))])) : nil
    }
}

final class FakeModel: HostObject {
    let output: ScriptOutput
    init(output: ScriptOutput) { self.output = output }
    var typeName: String { "Sequential" }
    func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "compile":
            return .function(BuiltinFunction("compile", isMethod: true) { args in
                _ = try args.bind(["optimizer", "loss", "metrics"], required: 0)
                return .none
            })
        case "fit":
            return .function(BuiltinFunction("fit", isMethod: true) { [unowned self] args in
                let b = try args.bind(["x", "y", "batch_size", "epochs", "verbose"], required: 0,
                                      keywordOnly: ["validation_split", "validation_data"])
                let epochs = try b.int("epochs", default: 1)
                for e in 1...max(1, epochs) { self.output.write("Epoch \(e)/\(epochs)\n", to: .stdout) }
                return .object(FakeHistory())
            })
        case "evaluate":
            return .function(BuiltinFunction("evaluate", isMethod: true) { _ in
                .list([.float(0.0377), .float(Double(Float(0.9884)))])
            })
        default: return nil
        }
    }
}

/// The host API end to end: modules, builtin functions, host objects, operators in both
/// directions, subscripts, display values and argument errors; the seed lesson's cells.
final class HostAPITests: XCTestCase {
    var out = CapturedOutput()
    var interp: Interpreter!

    override func setUp() {
        out = CapturedOutput()
        let modules = ModuleRegistry()
        let output = out
        modules.register("tensorflow.keras.datasets") {
            let mnist = ModuleValue(name: "tensorflow.keras.datasets.mnist")
            mnist.addFunction("load_data") { args in
                _ = try args.bind([])
                output.write("Downloading data from https://example/mnist.npz\n", to: .stdout)
                return .tuple([.tuple([.object(FakeArray([60000, 28, 28])), .object(FakeArray([60000]))]),
                               .tuple([.object(FakeArray([10000, 28, 28])), .object(FakeArray([10000]))])])
            }
            return ModuleValue(name: "tensorflow.keras.datasets", members: ["mnist": .module(mnist)])
        }
        modules.register("tensorflow.keras.models") {
            let m = ModuleValue(name: "tensorflow.keras.models")
            m.addFunction("Sequential") { args in
                let b = try args.bind(["layers", "name"], required: 0)
                _ = b
                return .object(FakeModel(output: output))
            }
            return m
        }
        modules.register("tensorflow.keras.layers") {
            let m = ModuleValue(name: "tensorflow.keras.layers")
            for layer in ["Conv2D", "MaxPooling2D", "Flatten", "Dense"] {
                m.addFunction(layer) { args in
                    let b = try args.bind(["units_or_filters", "kernel_size"], required: 0,
                                          keywordOnly: ["activation", "input_shape"])
                    if b.has("input_shape") {
                        output.write("  super().__init__(activity_regularizer=activity_regularizer, **kwargs)\n", to: .stderr)
                    }
                    return .str(layer)
                }
            }
            return m
        }
        modules.register("tensorflow.keras") { ModuleValue(name: "tensorflow.keras") }
        modules.register("numpy") {
            let np = ModuleValue(name: "numpy")
            np.addFunction("zeros") { args in
                let b = try args.bind(["shape", "dtype"], required: 1)
                return .object(FakeArray(try b.intList("shape")))
            }
            return np
        }
        interp = Interpreter(importer: modules, output: out)
    }

    func run(_ code: String, line: Int = 1) throws -> Value? {
        try interp.run(source: code, origin: SourceOrigin(file: "cnn-mnist.md", lineOffset: line - 1))
    }

    func testSeedLessonCells() throws {
        XCTAssertNil(try run("""
        from tensorflow.keras.datasets import mnist

        (X_train, y_train), (X_test, y_test) = mnist.load_data()

        print(X_train.shape)  # (60000, 28, 28)
        print(y_train.shape)  # (60000,)
        """))
        XCTAssertEqual(out.stdout, "Downloading data from https://example/mnist.npz\n(60000, 28, 28)\n(60000,)\n")
        XCTAssertNil(try run("""
        # Normalize
        X_train = X_train / 255.0
        X_test = X_test / 255.0

        # Reshape for CNN
        X_train = X_train.reshape(-1, 28, 28, 1)
        X_test = X_test.reshape(-1, 28, 28, 1)
        """))
        XCTAssertEqual(interp.globals["X_train"]?.repr, "array(shape=(60000, 28, 28, 1), scale=0.00392156862745098)")
        out.clear()
        XCTAssertNil(try run("""
        from tensorflow.keras.models import Sequential
        from tensorflow.keras.layers import Conv2D, MaxPooling2D, Flatten, Dense

        model = Sequential([
            Conv2D(32, (3,3), activation='relu', input_shape=(28,28,1)),
            MaxPooling2D((2,2)),
            
            Conv2D(64, (3,3), activation='relu'),
            MaxPooling2D((2,2)),
            
            Flatten(),
            Dense(128, activation='relu'),
            Dense(10, activation='softmax')
        ])
        """))
        XCTAssertEqual(out.stderr, "  super().__init__(activity_regularizer=activity_regularizer, **kwargs)\n")
        out.clear()
        let shown = try run("""
        model.compile(
            optimizer='adam',
            loss='sparse_categorical_crossentropy',
            metrics=['accuracy']
        )

        model.fit(X_train, y_train, epochs=5, validation_split=0.1)
        """)
        XCTAssertEqual(out.stdout, (1...5).map { "Epoch \($0)/5\n" }.joined())
        XCTAssertEqual(interp.displayText(shown), "<keras.src.callbacks.history.History at 0x209cf1b4830>")
        out.clear()
        XCTAssertNil(try run("""
        test_loss, test_accuracy = model.evaluate(X_test, y_test)
        print("Test Accuracy:", test_accuracy)
        print(f"Test Accuracy: {test_accuracy:.4f}")
        """))
        XCTAssertEqual(out.stdout, "Test Accuracy: 0.9883999824523926\nTest Accuracy: 0.9884\n")
    }

    func testHostArgumentErrorsAreLocated() throws {
        _ = try run("from tensorflow.keras.models import Sequential\nmodel = Sequential()")
        XCTAssertThrowsError(try run("h = model.fit(1, 2,\n    epoch=5)", line: 57)) { e in
            let err = e as? ScriptError
            XCTAssertEqual(err?.kind, .typeError)
            XCTAssertEqual(err?.message, "fit() got an unexpected keyword argument 'epoch'")
            XCTAssertEqual(err?.location?.description, "cnn-mnist.md:57:5")
        }
        XCTAssertThrowsError(try run("model.fitt()", line: 10)) { e in
            XCTAssertEqual((e as? ScriptError)?.description, "cnn-mnist.md:10:1: AttributeError: 'Sequential' object has no attribute 'fitt'\n    model.fitt()\n    ^")
        }
        XCTAssertThrowsError(try run("import numpy as np\nx = np.zeros((2, 3))\ny = x.reshape(4, 4)")) { e in
            XCTAssertEqual((e as? ScriptError)?.message, "cannot reshape array of size 6 into shape (4, 4)")
            XCTAssertEqual((e as? ScriptError)?.location?.line, 3)
        }
    }

    func testOperatorsSubscriptsAndIteration() throws {
        _ = try run("import numpy as np\nx = np.zeros((4, 28, 28))\na = 255.0 / x\nb = x / 255.0\nc = -x\nd = x * 2")
        XCTAssertEqual(interp.globals["a"]?.repr, "array(shape=(4, 28, 28), scale=255.0)")
        XCTAssertEqual(interp.globals["b"]?.repr, "array(shape=(4, 28, 28), scale=0.00392156862745098)")
        XCTAssertEqual(interp.globals["c"]?.repr, "array(shape=(4, 28, 28), scale=-1.0)")
        _ = try run("print(x[0, 10:12, :, 0])\nprint(x[:2].shape, len(x), x[-1])\nfor row in x:\n    print(row.shape)")
        XCTAssertEqual(out.stdout, "(0, slice(10, 12, None), slice(None, None, None), 0)\n(2, 28, 28) 4 -1\n(28, 28)\n(28, 28)\n(28, 28)\n(28, 28)\n")
        XCTAssertThrowsError(try run("y = x + 'a'")) { e in
            XCTAssertEqual((e as? ScriptError)?.message, "unsupported operand type(s) for +: 'ndarray' and 'str'")
        }
    }

    func testImports() throws {
        _ = try run("import tensorflow.keras.datasets\nimport tensorflow.keras.datasets as ds\nfrom tensorflow.keras import datasets\nimport numpy as np")
        _ = try run("print(ds.mnist, tensorflow.keras.datasets is ds, datasets is ds, np)")
        XCTAssertEqual(out.stdout, "<module 'tensorflow.keras.datasets.mnist'> True True <module 'numpy'>\n")
        XCTAssertThrowsError(try run("from numpy import nothing")) { e in
            XCTAssertEqual((e as? ScriptError)?.kind, .importError)
            XCTAssertEqual((e as? ScriptError)?.message, "cannot import name 'nothing' from 'numpy'")
        }
    }

    func testArgumentBinding() throws {
        let a = Arguments(functionName: "fit", positional: [.int(1)], keywords: [("epochs", .int(3))])
        let b = try a.bind(["x", "y", "epochs"], required: 1)
        XCTAssertEqual(try b.int("epochs"), 3)
        XCTAssertEqual(try b.int("batch_size", default: 32), 32)
        XCTAssertThrowsError(try Arguments(functionName: "f", positional: [], keywords: []).bind(["x", "y"])) { e in
            XCTAssertEqual((e as? ScriptError)?.message, "f() missing 2 required positional arguments: 'x' and 'y'")
        }
        XCTAssertThrowsError(try Arguments(functionName: "f", positional: [.int(1), .int(2)], keywords: [("x", .int(1))]).bind(["x", "y"])) { e in
            XCTAssertEqual((e as? ScriptError)?.message, "f() got multiple values for argument 'x'")
        }
        XCTAssertThrowsError(try Arguments(functionName: "f", positional: [.str("a")], keywords: []).bind(["n"]).int("n")) { e in
            XCTAssertEqual((e as? ScriptError)?.message, "f() argument 'n' must be int, not str")
        }
    }

    func testCurrentLocationDuringHostCalls() throws {
        var seen: SourceLocation? = nil
        interp.builtins["probe"] = .function(BuiltinFunction("probe") { [unowned self] _ in
            seen = self.interp.currentLocation
            return .none
        })
        _ = try run("x = 1\n\nprobe()", line: 20)
        XCTAssertEqual(seen?.description, "cnn-mnist.md:22:1")
    }
}
