import Foundation
import Model

extension SiteConfig: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, profile, timeZone, seeds, listingPages, threadPages, forums, politeness, fetch
    }

    /// Decodes one `sites` entry: known keys only, valid name, time zone and seed URLs. Unique names and
    /// `perHost` against the merged `maxConcurrent` are checked by the configuration, which sees all sites.
    public init(from decoder: any Decoder) throws {
        try decoder.requireObject()
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.require(
            container.string(
                .name,
                expected: "a name of 1 to \(Self.maxNameLength) lowercase letters, digits, '_' or '-'",
                where: Self.isValidName
            ),
            .name
        )
        profile = try container.require(container.string(.profile, expected: "a profile name"), .profile)
        timeZone = try container.string(
            .timeZone,
            expected: #"a time zone identifier such as "America/New_York" or "UTC""#,
            where: { TimeZone(identifier: $0) != nil }
        )
        seeds = try container.require(Self.decodeSeeds(container), .seeds)
        listingPages = try container.integer(.listingPages, minimum: 1) ?? 1
        threadPages = try container.integer(.threadPages, minimum: 1) ?? 50
        forums = try container.integer(.forums, minimum: 0) ?? 50
        politeness = try container.nested(PolitenessOverrides.self, .politeness) ?? PolitenessOverrides()
        fetch = try container.nested(FetchOverrides.self, .fetch) ?? FetchOverrides()
    }

    private static func decodeSeeds(_ container: KeyedDecodingContainer<CodingKeys>) throws -> [String]? {
        guard let raw = try container.raw(.seeds) else { return nil }
        guard case .array(let elements) = raw, !elements.isEmpty else {
            throw DecodingError.invalid(
                at: container.path(.seeds), expected: "a non-empty array of http or https URLs", found: raw)
        }
        return try elements.enumerated().map { position, element in
            guard case .string(let text) = element, isWebURL(text) else {
                throw DecodingError.invalid(
                    at: container.path(.seeds) + [AnyCodingKey(intValue: position)],
                    expected: "an http or https URL",
                    found: element
                )
            }
            return text
        }
    }

    /// Whether `text` is an absolute http(s) URL with a host, the only kind the fetcher will request.
    static func isWebURL(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return false }
        return !text.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 0x20 }
    }
}
