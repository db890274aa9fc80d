import Config
import Foundation
import Testing

@Suite("Duration strings")
struct ConfigDurationTests {
    @Test(arguments: [
        ("90s", 90.0), ("15m", 900), ("6h", 21_600), ("1d", 86_400), ("30d", 2_592_000), ("1h30m", 5_400),
        ("1d2h3m4s", 93_784), ("0s", 0), ("120m", 7_200),
    ])
    func parses(_ text: String, _ seconds: TimeInterval) {
        #expect(ConfigDuration.seconds(in: text) == seconds)
    }

    @Test(arguments: [
        "", "15", "15x", "1.5h", "30m1h", "1h1h", " 1h", "1h ", "-1h", "h", "1H", "99999999999999999999d",
        "999999999999999d",
    ])
    func rejects(_ text: String) {
        #expect(ConfigDuration.seconds(in: text) == nil)
    }

    @Test(arguments: [(90.0, "1m30s"), (900, "15m"), (86_400, "1d"), (5_400, "1h30m"), (0, "0s"), (93_784, "1d2h3m4s")])
    func formats(_ seconds: TimeInterval, _ text: String) {
        #expect(ConfigDuration.string(for: seconds) == text)
    }
}
