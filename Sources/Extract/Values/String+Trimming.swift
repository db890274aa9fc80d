extension String {
    /// The text without Unicode white space (spaces, no-break spaces, newlines) at either end.
    ///
    /// Inner white space is kept as it is. Cheaper than Foundation's `trimmingCharacters(in:)`, which
    /// goes through `NSString`, for the common case of nothing to trim.
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return self }
        guard first.properties.isWhitespace || last.properties.isWhitespace else { return self }
        let kept = scalars.drop { $0.properties.isWhitespace }
        guard let end = kept.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(kept[...end])
    }
}
