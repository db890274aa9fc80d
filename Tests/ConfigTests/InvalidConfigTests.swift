import Config
import Foundation
import Testing

/// One configuration that must be rejected, and the exact line the user must see.
struct RejectedConfig: Sendable, CustomTestStringConvertible {
    var label: String
    var json: String
    var expected: String
    var code: ConfigError.Code = .invalidValue

    var testDescription: String { label }
}

/// A site entry with everything required, to which a row adds the key under test.
private func site(_ extra: String = "", name: String = "du") -> String {
    #"{"name": "\#(name)", "profile": "democraticunderground", "seeds": ["https://forum.example/"]\#(extra)}"#
}

/// `{"sites": [entries…]}`.
private func sites(_ entries: String...) -> String {
    #"{"sites": ["# + entries.joined(separator: ", ") + "]}"
}

private let rejected: [RejectedConfig] = [
    // Unknown keys, at every level.
    RejectedConfig(
        label: "unknown top-level key",
        json: #"{"archiv": "archive"}"#,
        expected: "test.json: $.archiv: unknown key (expected one of: archive, fetch, politeness, profiles, "
            + "schedule, sites, userAgent)"
    ),
    RejectedConfig(
        label: "unknown key in a site",
        json: sites(site(#", "robots": false"#)),
        expected: "test.json: $.sites[0].robots: unknown key (expected one of: fetch, forums, listingPages, name, "
            + "politeness, profile, seeds, threadPages, timeZone)"
    ),
    RejectedConfig(
        label: "unknown key in fetch",
        json: #"{"fetch": {"timeOut": 5}}"#,
        expected: "test.json: $.fetch.timeOut: unknown key (expected one of: connectTimeout, maxBodyBytes, "
            + "maxRedirects, retries, stallTimeout, timeout)"
    ),
    RejectedConfig(
        label: "unknown key in politeness",
        json: #"{"politeness": {"crawlDelay": 5}}"#,
        expected: "test.json: $.politeness.crawlDelay: unknown key (expected one of: delay, maxConcurrent, "
            + "maxCrawlDelay, perHost, robots)"
    ),
    RejectedConfig(
        label: "unknown key in schedule",
        json: #"{"schedule": {"interval": "1h"}}"#,
        expected: "test.json: $.schedule.interval: unknown key (expected one of: maxInterval, minInterval, retireAfter)"
    ),
    RejectedConfig(
        label: "unknown key in a site's politeness override",
        json: sites(site(), site(#", "politeness": {"robot": false}"#, name: "hn")),
        expected: "test.json: $.sites[1].politeness.robot: unknown key (expected one of: delay, maxConcurrent, "
            + "maxCrawlDelay, perHost, robots)"
    ),
    RejectedConfig(
        label: "unknown key in a site's fetch override",
        json: sites(site(#", "fetch": {"retry": 1}"#)),
        expected: "test.json: $.sites[0].fetch.retry: unknown key (expected one of: connectTimeout, maxBodyBytes, "
            + "maxRedirects, retries, stallTimeout, timeout)"
    ),

    // Politeness.
    RejectedConfig(
        label: "perHost 0",
        json: #"{"politeness": {"perHost": 0}}"#,
        expected: "test.json: $.politeness.perHost: expected an integer ≥ 1, found 0"
    ),
    RejectedConfig(
        label: "perHost above maxConcurrent",
        json: #"{"politeness": {"maxConcurrent": 4, "perHost": 5}}"#,
        expected: "test.json: $.politeness.perHost: expected an integer from 1 to maxConcurrent (4), found 5"
    ),
    RejectedConfig(
        label: "maxConcurrent below the default perHost",
        json: #"{"politeness": {"maxConcurrent": 1}}"#,
        expected: "test.json: $.politeness.maxConcurrent: expected an integer from perHost (2) to 256, found 1"
    ),
    RejectedConfig(
        label: "maxConcurrent above 256",
        json: #"{"politeness": {"maxConcurrent": 257}}"#,
        expected: "test.json: $.politeness.maxConcurrent: expected an integer from 1 to 256, found 257"
    ),
    RejectedConfig(
        label: "negative delay",
        json: #"{"politeness": {"delay": -0.5}}"#,
        expected: "test.json: $.politeness.delay: expected a number of seconds ≥ 0, found -0.5"
    ),
    RejectedConfig(
        label: "delay written as a duration string",
        json: #"{"politeness": {"delay": "1s"}}"#,
        expected: #"test.json: $.politeness.delay: expected a number of seconds ≥ 0, found "1s""#
    ),
    RejectedConfig(
        label: "robots not a boolean",
        json: #"{"politeness": {"robots": "yes"}}"#,
        expected: #"test.json: $.politeness.robots: expected true or false, found "yes""#
    ),

    // Fetch.
    RejectedConfig(
        label: "zero timeout",
        json: #"{"fetch": {"timeout": 0}}"#,
        expected: "test.json: $.fetch.timeout: expected a number of seconds > 0, found 0"
    ),
    RejectedConfig(
        label: "retries above 10",
        json: #"{"fetch": {"retries": 11}}"#,
        expected: "test.json: $.fetch.retries: expected an integer from 0 to 10, found 11"
    ),
    RejectedConfig(
        label: "maxRedirects fractional",
        json: #"{"fetch": {"maxRedirects": 2.5}}"#,
        expected: "test.json: $.fetch.maxRedirects: expected an integer from 0 to 50, found 2.5"
    ),
    RejectedConfig(
        label: "maxBodyBytes a string",
        json: #"{"fetch": {"maxBodyBytes": "20MiB"}}"#,
        expected: #"test.json: $.fetch.maxBodyBytes: expected an integer ≥ 1, found "20MiB""#
    ),
    RejectedConfig(
        label: "fetch not an object",
        json: #"{"fetch": 5}"#,
        expected: "test.json: $.fetch: expected an object, found 5"
    ),

    // Schedule.
    RejectedConfig(
        label: "duration with an unknown unit",
        json: #"{"schedule": {"minInterval": "15x"}}"#,
        expected: #"test.json: $.schedule.minInterval: expected a duration such as "90s", "15m", "6h", "1d" or "#
            + #""1h30m", found "15x""#
    ),
    RejectedConfig(
        label: "duration given as a number",
        json: #"{"schedule": {"retireAfter": 900}}"#,
        expected: #"test.json: $.schedule.retireAfter: expected a duration such as "90s", "15m", "6h", "1d" or "#
            + #""1h30m", found 900"#
    ),
    RejectedConfig(
        label: "zero duration",
        json: #"{"schedule": {"retireAfter": "0d"}}"#,
        expected: #"test.json: $.schedule.retireAfter: expected a duration longer than 0s, found "0d""#
    ),
    RejectedConfig(
        label: "minInterval above maxInterval",
        json: #"{"schedule": {"minInterval": "2d"}}"#,
        expected: #"test.json: $.schedule.minInterval: expected a duration no longer than maxInterval (1d), "#
            + #"found "2d""#
    ),
    RejectedConfig(
        label: "maxInterval below the default minInterval",
        json: #"{"schedule": {"maxInterval": "10m"}}"#,
        expected: #"test.json: $.schedule.maxInterval: expected a duration no shorter than minInterval (15m), "#
            + #"found "10m""#
    ),

    // Top level.
    RejectedConfig(
        label: "top level an array",
        json: "[]",
        expected: "test.json: $: expected an object, found []"
    ),
    RejectedConfig(
        label: "null instead of leaving the key out",
        json: #"{"archive": null}"#,
        expected: "test.json: $.archive: expected a non-empty path, found null"
    ),
    RejectedConfig(
        label: "userAgent with a line break",
        json: #"{"userAgent": "tk\r\nX-Injected: 1"}"#,
        expected: #"test.json: $.userAgent: expected a non-empty string without control characters, "#
            + #"found "tk\r\nX-Injected: 1""#
    ),
    RejectedConfig(
        label: "repeated key",
        json: "{\"archive\": \"a\",\n \"archive\": \"b\"}",
        expected: "test.json: $.archive: duplicate key (first given on line 1)"
    ),
    RejectedConfig(
        label: "repeated key in a nested object",
        json: "{\"sites\": [{\"name\": \"a\",\n\n \"fetch\": {\"retries\": 1, \"retries\": 2}}]}",
        expected: "test.json: $.sites[0].fetch.retries: duplicate key (first given on line 3)"
    ),

    // Sites.
    RejectedConfig(
        label: "ftp seed",
        json: #"{"sites": [{"name": "du", "profile": "p", "seeds": ["https://a.example/", "ftp://a.example/pub"]}]}"#,
        expected: #"test.json: $.sites[0].seeds[1]: expected an http or https URL, found "ftp://a.example/pub""#
    ),
    RejectedConfig(
        label: "relative seed",
        json: #"{"sites": [{"name": "du", "profile": "p", "seeds": ["/forum?id=1"]}]}"#,
        expected: #"test.json: $.sites[0].seeds[0]: expected an http or https URL, found "/forum?id=1""#
    ),
    RejectedConfig(
        label: "no seeds",
        json: #"{"sites": [{"name": "du", "profile": "p", "seeds": []}]}"#,
        expected: "test.json: $.sites[0].seeds: expected a non-empty array of http or https URLs, found []"
    ),
    RejectedConfig(
        label: "seeds missing",
        json: #"{"sites": [{"name": "du", "profile": "p"}]}"#,
        expected: "test.json: $.sites[0].seeds: required key is missing"
    ),
    RejectedConfig(
        label: "name missing",
        json: #"{"sites": [{"profile": "p", "seeds": ["https://a.example/"]}]}"#,
        expected: "test.json: $.sites[0].name: required key is missing"
    ),
    RejectedConfig(
        label: "profile missing",
        json: #"{"sites": [{"name": "du", "seeds": ["https://a.example/"]}]}"#,
        expected: "test.json: $.sites[0].profile: required key is missing"
    ),
    RejectedConfig(
        label: "site name with capitals",
        json: sites(site(name: "DU")),
        expected: #"test.json: $.sites[0].name: expected a name of 1 to 64 lowercase letters, digits, '_' or '-', "#
            + #"found "DU""#
    ),
    RejectedConfig(
        label: "site name escaping the archive",
        json: sites(site(name: "../x")),
        expected: #"test.json: $.sites[0].name: expected a name of 1 to 64 lowercase letters, digits, '_' or '-', "#
            + #"found "../x""#
    ),
    RejectedConfig(
        label: "unknown time zone",
        json: sites(site(#", "timeZone": "Mars/Olympus_Mons""#)),
        expected: #"test.json: $.sites[0].timeZone: expected a time zone identifier such as "America/New_York" "#
            + #"or "UTC", found "Mars/Olympus_Mons""#
    ),
    RejectedConfig(
        label: "duplicate site names",
        json: sites(site(), site(name: "hn"), site()),
        expected: #"test.json: $.sites[2].name: expected a site name not used before, found "du" "#
            + "(already the name of $.sites[0])"
    ),
    RejectedConfig(
        label: "listingPages 0",
        json: sites(site(#", "listingPages": 0"#)),
        expected: "test.json: $.sites[0].listingPages: expected an integer ≥ 1, found 0"
    ),
    RejectedConfig(
        label: "forums -1",
        json: sites(site(#", "forums": -1"#)),
        expected: "test.json: $.sites[0].forums: expected an integer ≥ 0, found -1"
    ),
    RejectedConfig(
        label: "threadPages a string",
        json: sites(site(#", "threadPages": "50""#)),
        expected: #"test.json: $.sites[0].threadPages: expected an integer ≥ 1, found "50""#
    ),
    RejectedConfig(
        label: "site perHost above the global maxConcurrent",
        json: #"{"politeness": {"maxConcurrent": 4}, "sites": ["# + site(#", "politeness": {"perHost": 8}"#) + "]}",
        expected: "test.json: $.sites[0].politeness.perHost: expected an integer from 1 to maxConcurrent (4), found 8"
    ),
    RejectedConfig(
        label: "site maxConcurrent below the global perHost",
        json: #"{"politeness": {"perHost": 3}, "sites": ["# + site(#", "politeness": {"maxConcurrent": 2}"#) + "]}",
        expected: "test.json: $.sites[0].politeness.maxConcurrent: expected an integer from perHost (3) to 256, found 2"
    ),
    RejectedConfig(
        label: "site fetch override out of range",
        json: sites(site(#", "fetch": {"stallTimeout": -1}"#)),
        expected: "test.json: $.sites[0].fetch.stallTimeout: expected a number of seconds > 0, found -1"
    ),
    RejectedConfig(
        label: "site not an object",
        json: #"{"sites": ["du"]}"#,
        expected: #"test.json: $.sites[0]: expected an object, found "du""#
    ),
    RejectedConfig(
        label: "sites not an array",
        json: #"{"sites": {}}"#,
        expected: "test.json: $.sites: expected an array, found {}"
    ),

    // Profiles.
    RejectedConfig(
        label: "non-object profile",
        json: #"{"profiles": [{"name": "a"}, "democraticunderground"]}"#,
        expected: #"test.json: $.profiles[1]: expected an object, found "democraticunderground""#
    ),
    RejectedConfig(
        label: "profile without name",
        json: #"{"profiles": [{"fields": {"author": ".//a"}}]}"#,
        expected: "test.json: $.profiles[0].name: required key is missing"
    ),
    RejectedConfig(
        label: "profile name not a string",
        json: #"{"profiles": [{"name": 7}]}"#,
        expected: "test.json: $.profiles[0].name: expected a non-empty string, found 7"
    ),
    RejectedConfig(
        label: "two profiles with one name",
        json: #"{"profiles": [{"name": "a"}, {"name": "b"}, {"name": "a"}]}"#,
        expected: #"test.json: $.profiles[2].name: expected a profile name not used before, found "a" "#
            + "(already the name of $.profiles[0])"
    ),

    // Not JSON at all: the line and column a person can find in an editor.
    RejectedConfig(
        label: "empty file",
        json: "",
        expected: "test.json: not valid JSON: line 1, column 1: unexpected end of file, expected a value",
        code: .notJSON
    ),
    RejectedConfig(
        label: "trailing comma",
        json: "{\n  \"archive\": \"a\",\n}",
        expected: "test.json: not valid JSON: line 3, column 1: trailing comma before '}'",
        code: .notJSON
    ),
    RejectedConfig(
        label: "missing comma",
        json: "{\n  \"archive\": \"a\"\n  \"userAgent\": \"b\"\n}",
        expected: "test.json: not valid JSON: line 3, column 3: unexpected '\"', expected ',' or '}'",
        code: .notJSON
    ),
    RejectedConfig(
        label: "comment",
        json: "// settings\n{}",
        expected: "test.json: not valid JSON: line 1, column 1: unexpected '/', expected a value",
        code: .notJSON
    ),
    RejectedConfig(
        label: "misspelt literal",
        json: #"{"politeness": {"robots": tru}}"#,
        expected: "test.json: not valid JSON: line 1, column 30: unexpected '}', expected true",
        code: .notJSON
    ),
    RejectedConfig(
        label: "text after the object",
        json: "{} x",
        expected: "test.json: not valid JSON: line 1, column 4: unexpected 'x' after the end of the JSON value",
        code: .notJSON
    ),
    RejectedConfig(
        label: "leading zero",
        json: #"{"fetch": {"retries": 03}}"#,
        expected: "test.json: not valid JSON: line 1, column 24: a number must not start with 0",
        code: .notJSON
    ),
    RejectedConfig(
        label: "column counts characters, not bytes",
        json: #"{"userAgent": "é", "x" 1}"#,
        expected: "test.json: not valid JSON: line 1, column 24: unexpected '1', expected ':' after a key",
        code: .notJSON
    ),
    RejectedConfig(
        label: "unterminated string",
        json: #"{"archive": "arch"#,
        expected: "test.json: not valid JSON: line 1, column 18: unterminated string",
        code: .notJSON
    ),
]

@Suite("Rejected configurations")
struct InvalidConfigTests {
    @Test(arguments: rejected)
    func rejectsWithPathAndExpectation(_ row: RejectedConfig) {
        #expect {
            _ = try ThreadkeeperConfig.decode(Data(row.json.utf8), source: "test.json")
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            #expect(error.description == row.expected)
            #expect(error.code == row.code)
            return error.description == row.expected && error.code == row.code
        }
    }

    @Test func invalidUTF8InsideAStringIsNotJSON() {
        var bytes = Array(#"{"archive": "a"#.utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array(#""}"#.utf8)
        #expect(throws: ConfigError.notJSON("bad.json", reason: "line 1, column 13: string is not valid UTF-8")) {
            _ = try ThreadkeeperConfig.decode(Data(bytes), source: "bad.json")
        }
    }

    @Test func invalidValueCarriesThePathSeparately() throws {
        let error = try #require(throws: ConfigError.self) {
            _ = try ThreadkeeperConfig.decode(Data(#"{"sites": [{"name": "x", "profile": "p", "seeds": ["gopher://h/"]}]}"#.utf8), source: "c.json")
        }
        #expect(error.path == "$.sites[0].seeds[0]")
        #expect(error.reason == #"expected an http or https URL, found "gopher://h/""#)
        #expect(error.source == "c.json")
    }
}
