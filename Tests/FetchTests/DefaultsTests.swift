import Fetch
import Model
import Testing

@Suite("Defaults")
struct FetchDefaultsTests {
    @Test("FetchConfiguration() takes every config.json default from Model.Defaults")
    func configurationUsesDefaults() {
        let configuration = FetchConfiguration()
        #expect(configuration.userAgent == Defaults.userAgent)
        #expect(configuration.connectTimeout == Defaults.connectTimeout)
        #expect(configuration.timeout == Defaults.timeout)
        #expect(configuration.stallTimeout == Defaults.stallTimeout)
        #expect(configuration.maxBodyBytes == Defaults.maxBodyBytes)
        #expect(configuration.retries == Defaults.retries)
        #expect(configuration.maxRedirects == Defaults.maxRedirects)
        #expect(configuration.maxConcurrent == Defaults.maxConcurrent)
        #expect(configuration.perHost == Defaults.perHost)
        #expect(configuration.delay == Defaults.delay)
        #expect(configuration.robots == Defaults.robots)
        #expect(configuration.maxCrawlDelay == Defaults.maxCrawlDelay)
        #expect(configuration.hostPolicies.isEmpty)
    }

    @Test("the default client runs with the defaults (nothing below a minimum)")
    func clientUsesDefaults() async {
        let client = HTTPClient()
        #expect(client.configuration == FetchConfiguration())
        await client.shutdown()
    }
}
