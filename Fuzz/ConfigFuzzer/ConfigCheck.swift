import Config
import Extract
import Foundation
import FuzzSupport

/// `config.json` loading on one input: syntax check, strict decoding with JSON paths in errors, each site's
/// merged settings, and each profile in `profiles` compiled over the built-in set (as a pipeline does).
enum ConfigCheck {
    static let builtIn: ProfileSet = {
        do {
            return try ProfileSet.builtIn()
        } catch {
            FuzzReplay.fail("the built-in profiles do not load: \(error)")
        }
    }()

    /// Loads the built-in profiles before the first input is timed.
    static func warmUp() {
        _ = builtIn
        run(Array(#"{"profiles": [{"name": "hackernews", "timeZone": "UTC"}]}"#.utf8))
    }

    static func run(_ input: [UInt8]) {
        let config: ThreadkeeperConfig
        do {
            config = try ThreadkeeperConfig.decode(Data(input), source: "fuzz.json")
        } catch {
            checkOneLine(error.description)
            return
        }
        for site in config.sites {
            _ = config.fetchSettings(for: site)
            _ = config.politeness(for: site)
        }
        var set = builtIn
        for document in config.profiles {
            do {
                try set.add(json: document.json, source: "fuzz.json \(document.path)")
            } catch {
                checkOneLine(error.description)
            }
        }
    }

    static func checkOneLine(_ message: String) {
        if message.contains(where: \.isNewline) {
            FuzzReplay.fail("an error message of more than one line: \(message.debugDescription)")
        }
    }
}
