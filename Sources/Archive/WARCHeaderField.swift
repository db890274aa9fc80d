/// One HTTP header line, as sent or received: name and value without the line break.
package struct WARCHeaderField: Sendable, Hashable, Codable {
    /// The header's name, such as `Content-Type`.
    package var name: String
    /// The header's value, such as `text/html; charset=utf-8`; UTF-8 bytes beyond ASCII are kept.
    package var value: String

    /// Creates a header field.
    package init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
