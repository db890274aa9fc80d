import Model

extension ThreadkeeperConfig: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case archive, userAgent, fetch, politeness, schedule, profiles, sites
    }

    /// Decodes and validates a whole configuration. Prefer `decode(_:source:)`, which also checks the JSON
    /// syntax strictly and reports failures as `ConfigError`.
    public init(from decoder: any Decoder) throws {
        try decoder.requireObject()
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = ThreadkeeperConfig()
        source = "decoded JSON"
        archive = try container.string(.archive, expected: "a non-empty path") ?? defaults.archive
        userAgent =
            try container.string(
                .userAgent,
                expected: "a non-empty string without control characters",
                where: Self.isValidUserAgent
            ) ?? defaults.userAgent
        fetch = defaults.fetch.merged(with: try container.nested(FetchOverrides.self, .fetch) ?? FetchOverrides())
        politeness = try defaults.politeness.merged(
            checking: try container.nested(PolitenessOverrides.self, .politeness) ?? PolitenessOverrides(),
            at: container.path(.politeness)
        )
        schedule = try container.nested(ScheduleSettings.self, .schedule) ?? defaults.schedule
        profiles = try Self.decodeProfiles(container)
        sites = try container.array(of: SiteConfig.self, .sites) ?? []
        try checkSites(at: container.path(.sites))
    }

    private static func decodeProfiles(_ container: KeyedDecodingContainer<CodingKeys>) throws -> [ProfileDocument] {
        guard let entries = try container.array(of: JSONValue.self, .profiles) else { return [] }
        var firstIndex: [String: Int] = [:]
        return try entries.enumerated().map { index, raw in
            let entryPath = container.path(.profiles) + [AnyCodingKey(intValue: index)]
            let profile = try ProfileDocument(raw: raw, index: index, codingPath: entryPath)
            if let first = firstIndex[profile.name] {
                throw DecodingError.invalid(
                    at: entryPath + [AnyCodingKey(stringValue: "name")],
                    "expected a profile name not used before, found \(String(reflecting: profile.name)) "
                        + "(already the name of $.profiles[\(first)])"
                )
            }
            firstIndex[profile.name] = index
            return profile
        }
    }

    /// Checks what no single site can: names are unique, and each site's `perHost` fits its `maxConcurrent`
    /// once merged with the global politeness.
    private func checkSites(at sitesPath: [any CodingKey]) throws {
        var firstIndex: [String: Int] = [:]
        for (index, site) in sites.enumerated() {
            let sitePath = sitesPath + [AnyCodingKey(intValue: index)]
            if let first = firstIndex[site.name] {
                throw DecodingError.invalid(
                    at: sitePath + [SiteConfig.CodingKeys.name],
                    "expected a site name not used before, found \(String(reflecting: site.name)) "
                        + "(already the name of $.sites[\(first)])"
                )
            }
            firstIndex[site.name] = index
            _ = try politeness.merged(checking: site.politeness, at: sitePath + [SiteConfig.CodingKeys.politeness])
        }
    }
}
