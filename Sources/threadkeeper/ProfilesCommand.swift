import ArgumentParser
import Crawl
import Extract

/// `threadkeeper profiles`: the profiles available, built-in and from config.
struct ProfilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles", abstract: "List the site profiles (built-in and from config.json).",
        discussion: """
            One line per profile under a header line: its name, the kinds of page it reads (thread, \
            listing) and its description. --json prints one JSON object per profile instead.
            """)

    @Flag(help: "One JSON object per profile: name, kinds, description.")
    var json = false

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let profiles = try options.loadPipeline(for: "profiles").pipeline.profiles.profiles
        if !json { print("profile\tkinds\tdescription") }
        for profile in profiles {
            let kinds = [profile.thread != nil ? "thread" : nil, profile.listing != nil ? "listing" : nil]
                .compactMap { $0 }
            if json {
                try printJSON(ProfileLine(name: profile.name, kinds: kinds, description: profile.description))
            } else {
                print("\(profile.name)\t\(kinds.joined(separator: "+"))\t\(profile.description ?? "")")
            }
        }
    }

    /// A profile as `--json` prints it.
    struct ProfileLine: Encodable {
        var name: String
        var kinds: [String]
        var description: String?

        private enum CodingKeys: String, CodingKey { case name, kinds, description }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(kinds, forKey: .kinds)
            try c.encode(description, forKey: .description)
        }
    }
}
