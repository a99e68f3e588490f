import NumPy
import XCTest

/// `np.set_printoptions` holds for its own run only: the next run prints with NumPy's defaults.
final class PrintOptionsTests: XCTestCase {
    func testOptionsDoNotLeakIntoTheNextRun() {
        let program = "import numpy as np\nprint(np.array([1 / 3]))\nnp.set_printoptions(precision=2)\nprint(np.array([1 / 3]))\n"
        let first = NumPyDifferentialTests.run(program, name: "first.py")
        let second = NumPyDifferentialTests.run(program, name: "second.py")
        XCTAssertEqual(first, "[0.33333333]\n[0.33]\n")
        XCTAssertEqual(second, first)
    }

    func testTheContextManagerRestoresAfterAnException() {
        let program = """
        import numpy as np
        try:
            with np.printoptions(precision=1):
                print(np.array([0.25]))
                raise ValueError("x")
        except ValueError:
            pass
        print(np.array([0.25]))
        """
        XCTAssertEqual(NumPyDifferentialTests.run(program, name: "with.py"), "[0.2]\n[0.25]\n")
    }
}
