import XCTest
@testable import Script

/// A host class (here a fake `keras.callbacks.Callback`) subclassed by lesson code: the host
/// makes its part of each instance and calls the methods the lesson overrides.
final class HostSubclassTests: XCTestCase {
    /// The host part of one callback: what the host's own methods see.
    final class FakeCallbackPart: HostObject {
        weak var lessonObject: InstanceObject?
        var initArguments: [Value]
        var typeName: String { "Callback" }
        init(_ instance: InstanceObject, _ args: [Value]) {
            lessonObject = instance
            initArguments = args
        }
        func getAttribute(_ name: String) throws -> Value? {
            switch name {
            case "on_epoch_end", "on_train_begin": return .function(BuiltinFunction(name) { _ in .none })
            case "host_value": return .int(42)
            default: return nil
            }
        }
    }

    final class FakeCallbackClass: HostClass {
        var className: String { "Callback" }
        var typeName: String { "type" }
        var made: [FakeCallbackPart] = []
        func makeHostPart(for instance: InstanceObject, positional: [Value], keywords: [(String, Value)]) throws -> HostObject {
            let part = FakeCallbackPart(instance, positional)
            made.append(part)
            return part
        }
        /// The host's training loop: calls each callback's `on_epoch_end`.
        func train(_ callbacks: [Value], epochs: Int) throws {
            for epoch in 0..<epochs {
                for c in callbacks {
                    let logs = DictStorage()
                    try logs.set(.str("loss"), .float(1.0 / Double(epoch + 1)))
                    if let i = c.object(as: InstanceObject.self) {
                        _ = try i.callMethod("on_epoch_end", positional: [.int(epoch)], keywords: [("logs", .dict(logs))])
                    }
                }
            }
        }
    }

    func testLessonSubclassOfAHostClassIsCalledBack() throws {
        let host = FakeCallbackClass()
        let out = CapturedOutput()
        let modules = ModuleRegistry()
        modules.register(ModuleValue(name: "keras.callbacks", members: ["Callback": .object(host)]))
        let interp = Interpreter(importer: modules, output: out)
        try interp.run(source: """
        from keras.callbacks import Callback
        class Printer(Callback):
            def __init__(self, prefix):
                super().__init__()
                self.prefix = prefix
            def on_epoch_end(self, epoch, logs=None):
                print(self.prefix, epoch, round(logs["loss"], 2), self.host_value)
        p = Printer("epoch")
        print(isinstance(p, Callback), type(p).__name__)
        """)
        guard let p = interp.globals["p"] else { return XCTFail("no p") }
        try host.train([p], epochs: 2)
        XCTAssertEqual(out.stdout, "True Printer\nepoch 0 1.0 42\nepoch 1 0.5 42\n")
        XCTAssertEqual(host.made.count, 1)
        XCTAssertTrue(host.made.first?.lessonObject === p.object(as: InstanceObject.self))
        // A method the lesson does not override is the host's.
        XCTAssertNil(try p.object(as: InstanceObject.self)?.callMethod("on_train_begin"))
        XCTAssertNotNil(try p.object(as: InstanceObject.self)?.getAttribute("on_train_begin"))
    }

    func testWithoutAnInitTheClassCallGoesToTheHost() throws {
        let host = FakeCallbackClass()
        let modules = ModuleRegistry()
        modules.register(ModuleValue(name: "keras.callbacks", members: ["Callback": .object(host)]))
        let interp = Interpreter(importer: modules, output: CapturedOutput())
        try interp.run(source: "from keras.callbacks import Callback\nclass C(Callback):\n    pass\nc = C(7)")
        XCTAssertEqual(host.made.first?.initArguments.first?.intValue, 7)
    }

    /// A lesson mixin and the host class as bases: the mixin's methods come first, the host's
    /// part is made by the cooperative `super().__init__()` at the end of the MRO.
    func testMixinWithOneHostBase() throws {
        let host = FakeCallbackClass()
        let out = CapturedOutput()
        let modules = ModuleRegistry()
        modules.register(ModuleValue(name: "keras.callbacks", members: ["Callback": .object(host)]))
        let interp = Interpreter(importer: modules, output: out)
        try interp.run(source: """
        from keras.callbacks import Callback
        class Named:
            def __init__(self, *args):
                self.label = "named"
                super().__init__(*args)
            def describe(self):
                return self.label + " " + str(self.host_value)
        class Printer(Named, Callback):
            def on_epoch_end(self, epoch, logs=None):
                print(self.describe(), epoch)
        p = Printer(3)
        print(isinstance(p, Callback), isinstance(p, Named), [k.__name__ for k in Printer.__mro__[:2]], len(Printer.__mro__), Printer.__mro__[2] is Callback)
        """)
        guard let p = interp.globals["p"] else { return XCTFail("no p") }
        try host.train([p], epochs: 1)
        XCTAssertEqual(out.stdout, "True True ['Printer', 'Named'] 4 True\nnamed 42 0\n")
        XCTAssertEqual(host.made.count, 1)
        XCTAssertEqual(host.made.first?.initArguments.first?.intValue, 3)
    }

    func testTwoHostBasesAreRefused() throws {
        let modules = ModuleRegistry()
        modules.register(ModuleValue(name: "keras.callbacks", members: ["Callback": .object(FakeCallbackClass()),
                                                                       "Other": .object(FakeCallbackClass())]))
        let interp = Interpreter(importer: modules, output: CapturedOutput())
        XCTAssertThrowsError(try interp.run(source: "from keras.callbacks import Callback, Other\nclass C(Callback, Other):\n    pass")) { e in
            XCTAssertEqual((e as? ScriptError)?.kind, .notSupported)
        }
    }
}
