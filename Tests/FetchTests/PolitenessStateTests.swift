import Testing

@testable import Fetch

/// The politeness bookkeeping with an injected `now`: no sleeping.
@Suite("Politeness state")
struct PolitenessStateTests {
    let t0 = ContinuousClock.now

    @Test("the per-host cap blocks a third transfer until one ends")
    func perHostCap() {
        var state = PolitenessState(maxConcurrent: 16, perHost: 2, delay: .zero)
        state.start("a:80", at: t0)
        state.start("a:80", at: t0)
        #expect(state.readiness(of: "a:80", at: t0) == .blocked)
        #expect(state.readiness(of: "b:80", at: t0) == .ready)
        state.finish("a:80", at: t0)
        #expect(state.readiness(of: "a:80", at: t0) == .ready)
    }

    @Test("the global cap blocks every host")
    func globalCap() {
        var state = PolitenessState(maxConcurrent: 2, perHost: 2, delay: .zero)
        state.start("a:80", at: t0)
        state.start("b:80", at: t0)
        #expect(state.isSaturated)
        #expect(state.readiness(of: "c:80", at: t0) == .blocked)
        state.finish("b:80", at: t0)
        #expect(state.readiness(of: "c:80", at: t0) == .ready)
    }

    @Test("the delay counts from the last start to the same host")
    func delay() {
        var state = PolitenessState(maxConcurrent: 16, perHost: 4, delay: .seconds(1))
        state.start("a:80", at: t0)
        #expect(state.readiness(of: "a:80", at: t0 + .milliseconds(500)) == .notBefore(t0 + .seconds(1)))
        #expect(state.readiness(of: "a:80", at: t0 + .seconds(1)) == .ready)
        #expect(state.readiness(of: "b:80", at: t0) == .ready)
        state.finish("a:80", at: t0 + .milliseconds(10))
        #expect(state.readiness(of: "a:80", at: t0 + .milliseconds(20)) == .notBefore(t0 + .seconds(1)))
    }

    @Test("a Crawl-delay learnt after a request spaces the next one from that request")
    func crawlDelay() {
        var state = PolitenessState(maxConcurrent: 16, perHost: 2, delay: .zero)
        state.start("a:80", at: t0)  // robots.txt
        state.finish("a:80", at: t0 + .milliseconds(50))
        state.setDelay(.seconds(5), for: "a:80")
        #expect(state.readiness(of: "a:80", at: t0 + .seconds(1)) == .notBefore(t0 + .seconds(5)))
        // Never below the configured delay.
        var polite = PolitenessState(maxConcurrent: 16, perHost: 2, delay: .seconds(2))
        polite.setDelay(.seconds(1), for: "a:80")
        polite.start("a:80", at: t0)
        #expect(polite.readiness(of: "a:80", at: t0) == .notBefore(t0 + .seconds(2)))
    }

    @Test("each host has its own cap and delay, under the one global cap")
    func perHostLimits() {
        var state = PolitenessState(maxConcurrent: 4, perHost: 2, delay: .seconds(1))
        let narrow = PolitenessState.Limits(perHost: 1, delay: .zero)
        let wide = PolitenessState.Limits(perHost: 3, delay: .seconds(5))
        state.start("a:80", limits: narrow, at: t0)
        #expect(state.readiness(of: "a:80", limits: narrow, at: t0) == .blocked)
        state.start("b:80", limits: wide, at: t0)
        #expect(state.readiness(of: "b:80", limits: wide, at: t0) == .notBefore(t0 + .seconds(5)))
        state.start("b:80", limits: wide, at: t0 + .seconds(5))
        state.start("b:80", limits: wide, at: t0 + .seconds(10))
        #expect(state.isSaturated)  // four in all: the global cap holds, whatever the hosts allow
        state.finish("a:80", at: t0 + .seconds(10))
        #expect(state.readiness(of: "b:80", limits: wide, at: t0 + .seconds(15)) == .blocked)
        #expect(state.readiness(of: "a:80", limits: narrow, at: t0 + .seconds(10)) == .ready)
        // A host without limits of its own gets the defaults.
        #expect(state.readiness(of: "c:80", at: t0 + .seconds(10)) == .ready)
        // A Crawl-delay longer than the host's own delay wins; a shorter one does not.
        state.setDelay(.seconds(2), for: "a:80")
        #expect(state.hosts["a:80"]?.delay == .seconds(2))
        state.setDelay(.seconds(2), for: "b:80")
        #expect(state.hosts["b:80"]?.delay == .seconds(5))
    }

    @Test("a hold (Retry-After) and a per-request earliest start are honoured")
    func holds() {
        var state = PolitenessState(maxConcurrent: 16, perHost: 2, delay: .zero)
        state.hold("a:80", until: t0 + .seconds(3))
        #expect(state.readiness(of: "a:80", at: t0) == .notBefore(t0 + .seconds(3)))
        #expect(state.readiness(of: "a:80", at: t0 + .seconds(3)) == .ready)
        #expect(state.readiness(of: "b:80", earliest: t0 + .seconds(1), at: t0) == .notBefore(t0 + .seconds(1)))
        #expect(state.readiness(of: "b:80", earliest: t0 + .seconds(1), at: t0 + .seconds(2)) == .ready)
    }

    @Test("idle hosts are forgotten once the table is large, hosts with a Crawl-delay are kept")
    func pruning() {
        var state = PolitenessState(maxConcurrent: 16, perHost: 2, delay: .zero)
        state.setDelay(.seconds(10), for: "slow:80")
        for index in 0...PolitenessState.pruneThreshold {
            state.start("h\(index):80", at: t0)
            state.finish("h\(index):80", at: t0)
        }
        #expect(state.hosts.count < 10)
        #expect(state.hosts["slow:80"]?.delay == .seconds(10))
        #expect(state.activeTotal == 0)
    }
}
