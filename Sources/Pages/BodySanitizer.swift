/// Turns a post body's archived HTML (other people's markup: hostile) into HTML safe to show in a browser.
/// Interim: escapes everything until the allow-list sanitiser lands.
public struct BodySanitizer: Sendable {
    /// Whether `<img>` may keep a remote `src` (off by default: loading it tells the forum who reads what).
    public var allowRemoteImages: Bool

    public init(allowRemoteImages: Bool = false) {
        self.allowRemoteImages = allowRemoteImages
    }

    /// `html` with only allow-listed elements and attributes left; relative links resolved against `baseURL`.
    public func sanitize(_ html: String, baseURL: String?) -> String {
        var out = ""
        for character in html {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
