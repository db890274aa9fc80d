public import Foundation
import HTML
import Model

/// The profiles an extractor can use: the built-in ones, plus those `config.json` adds or overrides.
public struct ProfileSet: Sendable {
    /// The profiles, sorted by name.
    public private(set) var profiles: [Profile]
    /// Each profile's JSON object as loaded, so an override can be merged field by field.
    private var documents: [String: Data]

    /// An empty set.
    public init() {
        profiles = []
        documents = [:]
    }

    /// The profiles shipped with Threadkeeper (`Sources/Extract/Profiles/*.json`).
    public static func builtIn() throws(ExtractError) -> ProfileSet {
        var set = ProfileSet()
        guard let folder = Bundle.module.resourceURL?.appendingPathComponent("Profiles") else {
            throw ExtractError(.invalidProfile, source: "built-in profiles", "the resource bundle is missing")
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let urls = names.filter { $0.hasSuffix(".json") }.sorted().map { folder.appendingPathComponent($0) }
        for url in urls {
            let source = "built-in profile \(url.lastPathComponent)"
            guard let data = try? Data(contentsOf: url) else {
                throw ExtractError(.invalidProfile, source: source, "cannot be read")
            }
            try set.add(json: data, source: source)
        }
        return set
    }

    /// The profile called `name`.
    public func profile(named name: String) -> Profile? {
        profiles.first { $0.name == name }
    }

    /// The names of all profiles.
    public var names: [String] { profiles.map(\.name) }

    /// Adds a profile, or overrides the fields of the existing one with the same `name`: objects
    /// merge key by key, any other value (arrays included) replaces, `null` removes.
    /// - Parameter source: where the JSON came from, for errors (`config.json $.profiles[2]`).
    public mutating func add(json: Data, source: String) throws(ExtractError) {
        guard let object = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] else {
            throw ExtractError(.invalidProfile, source: source, "a profile must be a JSON object")
        }
        guard let name = object["name"] as? String, !name.isEmpty else {
            throw ExtractError(.invalidProfile, source: source, "$.name: a profile needs a string name")
        }
        var merged = object
        if let existing = documents[name],
            let base = (try? JSONSerialization.jsonObject(with: existing)) as? [String: Any]
        {
            merged = Self.merge(base, object)
        }
        guard let data = try? JSONSerialization.data(withJSONObject: merged, options: [.sortedKeys]) else {
            throw ExtractError(.invalidProfile, source: source, "cannot be encoded")
        }
        let profile: Profile
        do {
            profile = try JSONDecoder().decode(Profile.self, from: data)
        } catch let error as DecodingError {
            throw ExtractError(.invalidProfile, source: source, "profile \(name): \(error.summary)")
        } catch {
            throw ExtractError(.invalidProfile, source: source, "profile \(name): \(error)")
        }
        for (field, xpath) in profile.xpaths where CompiledXPath.shared(xpath).expression == nil {
            do {
                _ = try XPathExpression(xpath)
            } catch {
                throw ExtractError(
                    .invalidProfile, source: source, "profile \(name): $.\(field): \(error.detail)", htmlCode: error.code)
            }
        }
        documents[name] = data
        profiles.removeAll { $0.name == name }
        profiles.append(profile)
        profiles.sort { $0.name < $1.name }
    }

    private static func merge(_ base: [String: Any], _ override: [String: Any]) -> [String: Any] {
        var result = base
        for (key, value) in override {
            if value is NSNull {
                result.removeValue(forKey: key)
            } else if let object = value as? [String: Any], let existing = base[key] as? [String: Any] {
                result[key] = merge(existing, object)
            } else {
                result[key] = value
            }
        }
        return result
    }
}
