import Foundation
import XCTest
@testable import CNN

/// The model's spinning threads (`Workers`, workers.c): every part runs once, part k of a
/// split always covers the same rows, nested and concurrent runs fall back to running inline.
final class WorkersTests: XCTestCase {
    func testEveryPartRunsOnceAndPartZeroOnTheCaller() {
        let workers = Workers(count: 3)
        XCTAssertEqual(workers.count, 3)
        let caller = pthread_self()
        for parts in 1...3 {
            var ran = [Int](repeating: 0, count: parts)
            var zeroOnCaller = false
            ran.withUnsafeMutableBufferPointer { ran in
                let base = ran.baseAddress
                workers.run(parts: parts) { k in
                    base?[k] += 1
                    if k == 0 { zeroOnCaller = pthread_equal(pthread_self(), caller) != 0 }
                }
            }
            XCTAssertEqual(ran, [Int](repeating: 1, count: parts), "\(parts) parts")
            XCTAssertTrue(zeroOnCaller)
        }
    }

    func testManyRunsInARowAndAfterTheWorkersSlept() {
        let workers = Workers(count: 2)
        var total = [Int](repeating: 0, count: 2)
        total.withUnsafeMutableBufferPointer { t in
            let base = t.baseAddress
            for i in 0..<20_000 { workers.run(parts: 2) { k in base?[k] += i & 1 } }
            usleep(200_000)  // long past the spin: the worker sleeps and must be woken
            workers.run(parts: 2) { k in base?[k] += 1 }
        }
        XCTAssertEqual(total, [10_001, 10_001])
    }

    func testNestedAndConcurrentRunsFinish() {
        let workers = Workers(count: 2)
        let sums = UnsafeMutablePointer<Int>.allocate(capacity: 8)
        sums.initialize(repeating: 0, count: 8)
        defer { sums.deallocate() }
        workers.run(parts: 2) { k in
            workers.run(parts: 2) { j in sums[k * 2 + j] += 1 }  // inside a run: inline
        }
        XCTAssertEqual(Array(UnsafeBufferPointer(start: sums, count: 4)), [1, 1, 1, 1])
        DispatchQueue.concurrentPerform(iterations: 2) { outer in
            for _ in 0..<500 { workers.run(parts: 2) { k in sums[4 + outer * 2 + k] += 1 } }
        }
        XCTAssertEqual(Array(UnsafeBufferPointer(start: sums + 4, count: 4)), [500, 500, 500, 500])
    }

    /// A forward and backward pass on the model's own threads gives the bits of one on
    /// libdispatch's (the same split of the batch either way).
    func testPassesOnWorkersEqualPassesOnDispatch() throws {
        let s = NameScope()
        let model = try Sequential(layers: [
            try Conv2D(filters: 4, kernelSize: (3, 3), activation: "relu", inputShape: [8, 8, 1], scope: s),
            try MaxPooling2D(poolSize: (2, 2), scope: s), try Flatten(scope: s),
            try Dense(units: 3, activation: "softmax", scope: s),
        ], scope: s, threads: 2)
        try model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy")
        var rng = SeededRNG(seed: 4)
        let x = Tensor(zeros: [24, 8, 8, 1]), dy = Tensor(zeros: [24, 3])
        for i in 0..<x.count { x.base[i] = rng.nextFloat() * 2 - 1 }
        for i in 0..<dy.count { dy.base[i] = rng.nextFloat() * 2 - 1 }
        func pass(onWorkers: Bool) -> [[Float]] {
            model.prepareThreads()
            if !onWorkers { for l in model.layers { l.workers = nil } }
            let y = model.forward(x, training: true).scalars
            model.backward(dy)
            return [y] + model.parameters.map(\.grad.scalars)
        }
        let spun = pass(onWorkers: true)
        XCTAssertEqual(model.workers?.count, 2)
        let dispatched = pass(onWorkers: false)
        XCTAssertEqual(spun.count, 5)
        XCTAssertEqual(spun, dispatched)
    }
}
