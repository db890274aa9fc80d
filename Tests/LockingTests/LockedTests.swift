import Dispatch
import Locking
import Testing

@Suite struct LockedTests {
    @Test func incrementsFromManyThreadsAreNotLost() {
        let counter = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<20_000 {
                counter.withLock { $0 += 1 }
            }
        }
        #expect(counter.withLock { $0 } == 160_000)
    }

    @Test func aCompoundUpdateIsSeenWhole() {
        // Two fields changed together: no reader may see one changed without the other.
        struct Pair { var a = 0, b = 0 }
        let pair = Locked(Pair())
        let torn = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for _ in 0..<10_000 {
                if worker.isMultiple(of: 2) {
                    pair.withLock { $0.a += 1; $0.b += 1 }
                } else if pair.withLock({ $0.a != $0.b }) {
                    torn.withLock { $0 += 1 }
                }
            }
        }
        #expect(torn.withLock { $0 } == 0)
        #expect(pair.withLock { $0.a } == 20_000)
    }

    @Test func anErrorThrownInsideReleasesTheLock() {
        struct Refused: Error {}
        let value = Locked("kept")
        #expect(throws: Refused.self) {
            try value.withLock { (text: inout String) throws(Refused) in
                text = "changed"
                throw Refused()
            }
        }
        // The lock is free again, and what the body wrote before throwing stands.
        #expect(value.withLock { $0 } == "changed")
    }
}
