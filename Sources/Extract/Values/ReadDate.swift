public import Foundation

/// A point in time read from a page, and whether the page showed it only roughly.
public struct ReadDate: Sendable, Equatable {
    /// The instant read.
    public var date: Date
    /// Whether the page did not show this instant in full: relative text (`17 hrs ago`, `Yesterday`,
    /// `Wednesday`), a month without a day (`February 2018`) or a day without a year (`Dec 10`).
    public var isApproximate: Bool

    /// A read time.
    public init(date: Date, isApproximate: Bool) {
        self.date = date
        self.isApproximate = isApproximate
    }
}
