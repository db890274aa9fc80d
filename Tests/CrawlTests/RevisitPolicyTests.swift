import Archive
import Config
import Crawl
import Foundation
import Testing

extension CrawlSuite {
    @Suite("Revisit policy")
    struct RevisitPolicyTests {
        /// 15 minutes to 1 day; retired after 30 days without change.
        let policy = RevisitPolicy(minInterval: 900, maxInterval: 86_400, retireAfter: 30 * 86_400)
        let now = Date(timeIntervalSince1970: 1_750_150_000)

        private func iso(_ date: Date) -> String {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime]
            return formatter.string(from: date)
        }

        private func schedule(interval: Int, due: Date, retired: Bool = false, activity: String? = "3 2025-06-16T15:17:00Z")
            -> RevisitSchedule
        {
            RevisitSchedule(interval: interval, due: iso(due), retired: retired, listingActivity: activity)
        }

        private func state(_ schedule: RevisitSchedule?) -> ThreadState {
            ThreadState(
                key: ThreadKey(host: "forum.example", id: "1"), site: "tiny", title: "A thread", url: "https://forum.example/t/1",
                story: nil, versions: 1, posts: 4, postsEver: 4, lastChanged: iso(now.addingTimeInterval(-3600)),
                observed: Observation(fetchedAt: iso(now.addingTimeInterval(-3600)), status: 200, views: nil, version: 1, pages: []),
                schedule: schedule)
        }

        @Test("a first visit schedules the minimum interval from now")
        func firstVisit() {
            for changed in [true, false] {
                let next = policy.next(after: nil, changed: changed, lastChanged: nil, listingActivity: "1 -", now: now)
                #expect(next.interval == 900)
                #expect(next.due == iso(now.addingTimeInterval(900)))
                #expect(!next.retired)
                #expect(next.listingActivity == "1 -")
            }
        }

        @Test("changed: the interval halves, down to minInterval and no further")
        func changedHalves() {
            var previous = schedule(interval: 86_400, due: now)
            var seen: [Int] = []
            for _ in 0..<10 {
                previous = policy.next(after: previous, changed: true, lastChanged: now, listingActivity: nil, now: now)
                seen.append(previous.interval)
                #expect(previous.due == iso(now.addingTimeInterval(TimeInterval(previous.interval))))
                #expect(!previous.retired)
            }
            #expect(seen == [43_200, 21_600, 10_800, 5_400, 2_700, 1_350, 900, 900, 900, 900])
        }

        @Test("unchanged: the interval doubles, up to maxInterval and no further")
        func unchangedDoubles() {
            var previous = schedule(interval: 900, due: now)
            var seen: [Int] = []
            for _ in 0..<10 {
                previous = policy.next(after: previous, changed: false, lastChanged: now, listingActivity: nil, now: now)
                seen.append(previous.interval)
            }
            #expect(seen == [1_800, 3_600, 7_200, 14_400, 28_800, 57_600, 86_400, 86_400, 86_400, 86_400])
        }

        @Test("the listing activity is remembered: a new one replaces it, none keeps the old")
        func activityIsRemembered() {
            let previous = schedule(interval: 900, due: now, activity: "3 a")
            #expect(policy.next(after: previous, changed: false, lastChanged: now, listingActivity: nil, now: now).listingActivity == "3 a")
            #expect(policy.next(after: previous, changed: true, lastChanged: now, listingActivity: "4 b", now: now).listingActivity == "4 b")
        }

        @Test("why a thread is fetched: new, unscheduled, due, not yet due")
        func reasons() {
            #expect(policy.reason(for: nil, listingActivity: "1 -", now: now) == .new)
            #expect(policy.reason(for: state(nil), listingActivity: nil, now: now) == .unscheduled)
            let activity = "3 2025-06-16T15:17:00Z"
            #expect(policy.reason(for: state(schedule(interval: 900, due: now)), listingActivity: activity, now: now) == .due)
            #expect(policy.reason(for: state(schedule(interval: 900, due: now.addingTimeInterval(-1))), listingActivity: nil, now: now) == .due)
            #expect(policy.reason(for: state(schedule(interval: 900, due: now.addingTimeInterval(1))), listingActivity: activity, now: now) == nil)
            #expect(policy.reason(for: state(schedule(interval: 900, due: now.addingTimeInterval(1))), listingActivity: nil, now: now) == nil)
        }

        @Test("listing activity makes a thread due now, before its time and even when retired")
        func activityMakesDue() {
            let later = schedule(interval: 86_400, due: now.addingTimeInterval(80_000))
            #expect(policy.reason(for: state(later), listingActivity: "4 2025-06-16T16:00:00Z", now: now) == .activity)
            let retired = schedule(interval: 86_400, due: now.addingTimeInterval(80_000), retired: true)
            #expect(policy.reason(for: state(retired), listingActivity: "4 2025-06-16T16:00:00Z", now: now) == .activity)
            // The same row as before is no activity.
            #expect(policy.reason(for: state(retired), listingActivity: "3 2025-06-16T15:17:00Z", now: now) == nil)
        }

        @Test("unchanged for longer than retireAfter: retired, and never due on its schedule again")
        func retireAfter() {
            let previous = schedule(interval: 86_400, due: now)
            let stale = now.addingTimeInterval(-(30 * 86_400 + 60))
            let retired = policy.next(after: previous, changed: false, lastChanged: stale, listingActivity: nil, now: now)
            #expect(retired.retired)
            #expect(policy.reason(for: state(retired), listingActivity: nil, now: now.addingTimeInterval(365 * 86_400)) == nil)
            // Not yet that old: still live.
            let recent = now.addingTimeInterval(-(30 * 86_400 - 60))
            #expect(!policy.next(after: previous, changed: false, lastChanged: recent, listingActivity: nil, now: now).retired)
            // A change revives it whatever its age.
            #expect(!policy.next(after: retired, changed: true, lastChanged: stale, listingActivity: nil, now: now).retired)
        }

        @Test("the configured site that revisits a thread: its schedule's, else the old label, else its host's site")
        func revisitingSite() throws {
            let json = #"""
                {"sites": [{"name": "tiny", "profile": "phpbb", "seeds": ["https://forum.example/list"]},
                           {"name": "other", "profile": "phpbb", "seeds": ["https://elsewhere.example/"]}]}
                """#
            let config = try ThreadkeeperConfig.decode(Data(json.utf8), source: "config.json")
            let tiny = try #require(config.site(named: "tiny"))
            let other = try #require(config.site(named: "other"))
            // Planned by a pass of `other` (its listing links a thread on forum.example): `other` revisits it.
            var planned = state(policy.next(after: nil, changed: true, lastChanged: nil, listingActivity: nil, now: now, site: "other"))
            planned.site = "forum.example"
            #expect(planned.schedule?.site == "other")
            #expect(RevisitPolicy.isRevisited(planned, by: other, in: config))
            #expect(!RevisitPolicy.isRevisited(planned, by: tiny, in: config))
            // A schedule written before the site was recorded, with the config's name as the thread's site.
            let old = state(schedule(interval: 900, due: now))
            #expect(old.site == "tiny" && old.schedule?.site == nil)
            #expect(RevisitPolicy.isRevisited(old, by: tiny, in: config))
            #expect(!RevisitPolicy.isRevisited(old, by: other, in: config))
            // Neither: the site whose seeds share the thread's host.
            var hostOnly = old
            hostOnly.site = "forum.example"
            #expect(RevisitPolicy.isRevisited(hostOnly, by: tiny, in: config))
            #expect(!RevisitPolicy.isRevisited(hostOnly, by: other, in: config))
            // A site renamed in config since: the thread's host decides.
            var renamed = hostOnly
            renamed.schedule?.site = "old-name"
            #expect(RevisitPolicy.isRevisited(renamed, by: tiny, in: config))
            #expect(!RevisitPolicy.isRevisited(renamed, by: other, in: config))
            // The next visit keeps the site a schedule names when none is given.
            #expect(policy.next(after: planned.schedule, changed: false, lastChanged: now, listingActivity: nil, now: now).site == "other")
        }
    }
}
