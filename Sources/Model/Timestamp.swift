/// A moment as a page shows it: the UTC time we read from it and the text as shown.
public struct Timestamp: Sendable, Hashable {
    /// UTC ISO 8601 (`2025-06-16T15:17:00Z`), or `nil` when the text could not be read as a time.
    public var iso: String?
    /// The text as the page shows it (`Mon Jun 16, 2025, 11:17 AM`, `17 hrs ago`).
    public var text: String?
    /// Whether `iso` was resolved from relative text (`17 hrs ago`) and is only as exact as that text.
    public var isApproximate: Bool

    public init(iso: String?, text: String?, isApproximate: Bool = false) {
        self.iso = iso
        self.text = text
        self.isApproximate = isApproximate
    }

    /// No time at all.
    public static let none = Timestamp(iso: nil, text: nil)
}
