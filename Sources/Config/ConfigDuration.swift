public import Foundation

/// The duration strings of config.json: `"90s"`, `"15m"`, `"6h"`, `"1d"`, or whole-number parts in that
/// order of units, largest first (`"1h30m"`, `"1d12h"`).
public enum ConfigDuration {
    /// How many seconds each unit letter stands for, largest first: the order parts must appear in.
    private static let units: [(letter: Character, seconds: Int)] = [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)]

    /// The number of seconds `text` stands for, or `nil` when it is not a duration string.
    ///
    /// Each part is a whole number and a unit (`s`, `m`, `h`, `d`); each unit appears at most once, larger
    /// units first. No spaces, signs or fractions: `"90m"` or `"1h30m"`, not `"1.5h"`.
    public static func seconds(in text: String) -> TimeInterval? {
        var total = 0
        var digits = ""
        var nextUnit = 0
        var sawPart = false
        for character in text {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            guard !digits.isEmpty, let count = Int(digits),
                let unitIndex = units[nextUnit...].firstIndex(where: { $0.letter == character })
            else { return nil }
            let (part, partOverflow) = count.multipliedReportingOverflow(by: units[unitIndex].seconds)
            let (sum, sumOverflow) = total.addingReportingOverflow(part)
            guard !partOverflow, !sumOverflow else { return nil }
            total = sum
            digits = ""
            nextUnit = unitIndex + 1
            sawPart = true
        }
        guard sawPart, digits.isEmpty else { return nil }
        return TimeInterval(total)
    }

    /// The shortest duration string for a whole number of seconds: `5400` gives `"1h30m"`, `0` gives `"0s"`.
    ///
    /// Fractions of a second are dropped.
    public static func string(for seconds: TimeInterval) -> String {
        guard seconds.isFinite, seconds >= 1 else { return "0s" }
        var remaining = seconds >= TimeInterval(Int.max) ? Int.max : Int(seconds)
        var text = ""
        for unit in units where remaining >= unit.seconds {
            text += "\(remaining / unit.seconds)\(unit.letter)"
            remaining %= unit.seconds
        }
        return text
    }
}
