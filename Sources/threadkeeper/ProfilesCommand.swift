import ArgumentParser
import Crawl
import Extract

/// `threadkeeper profiles`: the profiles available, built-in and from config.
struct ProfilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles", abstract: "List the site profiles (built-in and from config.json).")

    @OptionGroup var options: ConfigOptions

    func run() throws {
        for profile in try options.loadPipeline(for: "profiles").pipeline.profiles.profiles {
            let kinds = [profile.thread != nil ? "thread" : nil, profile.listing != nil ? "listing" : nil]
                .compactMap { $0 }.joined(separator: "+")
            print("\(profile.name)\t\(kinds)\t\(profile.description ?? "")")
        }
    }
}
