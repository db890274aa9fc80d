import Config
import Foundation
import Model
import Testing

@Suite("Defaults and explicit values")
struct DefaultsTests {
    @Test func emptyObjectGivesTheDocumentedDefaults() throws {
        let config = try ThreadkeeperConfig.decode(Data("{}".utf8), source: "empty.json")
        #expect(config == ThreadkeeperConfig(source: "empty.json"))
        #expect(config.source == "empty.json")
        #expect(config.archive == "archive")
        #expect(config.userAgent == "threadkeeper/0.1 (+https://example.org/contact)")
        #expect(config.fetch.connectTimeout == 10)
        #expect(config.fetch.timeout == 60)
        #expect(config.fetch.stallTimeout == 30)
        #expect(config.fetch.maxBodyBytes == 20 * 1024 * 1024)
        #expect(config.fetch.retries == 3)
        #expect(config.fetch.maxRedirects == 10)
        #expect(config.politeness.maxConcurrent == 16)
        #expect(config.politeness.perHost == 2)
        #expect(config.politeness.delay == 1)
        #expect(config.politeness.robots)
        #expect(config.politeness.maxCrawlDelay == 30)
        #expect(config.schedule.minInterval == 15 * 60)
        #expect(config.schedule.maxInterval == 24 * 3600)
        #expect(config.schedule.retireAfter == 30 * 24 * 3600)
        #expect(config.profiles.isEmpty)
        #expect(config.sites.isEmpty)
    }

    /// Config's defaults and the HTTP client's come from one place, `Model.Defaults`.
    @Test func defaultsComeFromModelDefaults() {
        func seconds(_ duration: Duration) -> TimeInterval { duration / .seconds(1) }
        let config = ThreadkeeperConfig()
        #expect(config.userAgent == Defaults.userAgent)
        #expect(
            config.fetch
                == FetchSettings(
                    connectTimeout: seconds(Defaults.connectTimeout), timeout: seconds(Defaults.timeout),
                    stallTimeout: seconds(Defaults.stallTimeout), maxBodyBytes: Defaults.maxBodyBytes,
                    retries: Defaults.retries, maxRedirects: Defaults.maxRedirects))
        #expect(
            config.politeness
                == PolitenessSettings(
                    maxConcurrent: Defaults.maxConcurrent, perHost: Defaults.perHost, delay: seconds(Defaults.delay),
                    robots: Defaults.robots, maxCrawlDelay: seconds(Defaults.maxCrawlDelay)))
        #expect(
            config.schedule
                == ScheduleSettings(
                    minInterval: seconds(Defaults.minInterval), maxInterval: seconds(Defaults.maxInterval),
                    retireAfter: seconds(Defaults.retireAfter)))
        // And the values are the documented ones (DESIGN.md's config.json).
        #expect(Defaults.maxBodyBytes == 20_971_520)
        #expect(Defaults.userAgent == "threadkeeper/0.1 (+https://example.org/contact)")
    }

    @Test func siteDefaults() throws {
        let json = #"{"sites": [{"name": "x", "profile": "phpbb", "seeds": ["http://forum.example/index.php"]}]}"#
        let site = try #require(ThreadkeeperConfig.decode(Data(json.utf8), source: "t.json").sites.first)
        #expect(site.listingPages == 1)
        #expect(site.threadPages == 50)
        #expect(site.forums == 50)
        #expect(site.timeZone == nil)
        #expect(site.politeness == PolitenessOverrides())
        #expect(site.fetch == FetchOverrides())
    }

    /// Every key given a value unlike its default, so a key read into the wrong field shows.
    @Test func everyKeyIsReadIntoItsField() throws {
        let json = """
            {
              "archive": "/var/lib/threadkeeper",
              "userAgent": "tk-test/9 (ops@example.org)",
              "fetch": {"connectTimeout": 2.5, "timeout": 41, "stallTimeout": 7, "maxBodyBytes": 1000,
                        "retries": 0, "maxRedirects": 50},
              "politeness": {"maxConcurrent": 256, "perHost": 256, "delay": 0, "robots": false, "maxCrawlDelay": 0},
              "schedule": {"minInterval": "90s", "maxInterval": "1h30m", "retireAfter": "1d12h"},
              "profiles": [{"name": "myforum", "engine": "phpbb"}],
              "sites": [{"name": "my_forum-2", "profile": "myforum", "timeZone": "Europe/Berlin",
                         "seeds": ["HTTP://Forum.Example/viewforum.php?f=2", "https://forum.example/t/1"],
                         "listingPages": 3, "threadPages": 1,
                         "politeness": {"delay": 4}, "fetch": {"retries": 5}}]
            }
            """
        let config = try ThreadkeeperConfig.decode(Data(json.utf8), source: "t.json")
        #expect(config.archive == "/var/lib/threadkeeper")
        #expect(config.userAgent == "tk-test/9 (ops@example.org)")
        #expect(
            config.fetch
                == FetchSettings(
                    connectTimeout: 2.5, timeout: 41, stallTimeout: 7, maxBodyBytes: 1000, retries: 0, maxRedirects: 50)
        )
        #expect(
            config.politeness
                == PolitenessSettings(maxConcurrent: 256, perHost: 256, delay: 0, robots: false, maxCrawlDelay: 0))
        #expect(config.schedule == ScheduleSettings(minInterval: 90, maxInterval: 5400, retireAfter: 129_600))
        #expect(config.profiles.map(\.name) == ["myforum"])
        #expect(
            config.sites == [
                SiteConfig(
                    name: "my_forum-2", profile: "myforum", timeZone: "Europe/Berlin",
                    seeds: ["HTTP://Forum.Example/viewforum.php?f=2", "https://forum.example/t/1"],
                    listingPages: 3, threadPages: 1, politeness: PolitenessOverrides(delay: 4),
                    fetch: FetchOverrides(retries: 5))
            ]
        )
    }
}
