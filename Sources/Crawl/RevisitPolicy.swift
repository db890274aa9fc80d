public import Archive
public import Config
public import Foundation
public import Model

/// When a thread is visited again: changed → sooner, unchanged → later, between the configured minimum and
/// maximum; a listing row showing new activity makes it due at once; no change for `retireAfter` retires it.
public struct RevisitPolicy: Sendable {
    public var minInterval: TimeInterval
    public var maxInterval: TimeInterval
    public var retireAfter: TimeInterval

    public init(minInterval: TimeInterval, maxInterval: TimeInterval, retireAfter: TimeInterval) {
        self.minInterval = minInterval
        self.maxInterval = maxInterval
        self.retireAfter = retireAfter
    }

    init(_ settings: ScheduleSettings) {
        self.init(minInterval: settings.minInterval, maxInterval: settings.maxInterval, retireAfter: settings.retireAfter)
    }

    /// Why a thread is fetched this pass, or nil when it is not.
    public enum Reason: String, Sendable, Codable {
        case new, activity, due, unscheduled
    }

    /// Whether `state` (nil: never archived) is to be fetched at `now`, given its listing row's activity
    /// (nil when no listing showed it this pass).
    public func reason(for state: ThreadState?, listingActivity: String?, now: Date) -> Reason? {
        guard let state else { return .new }
        guard let schedule = state.schedule else { return .unscheduled }
        if let listingActivity, listingActivity != schedule.listingActivity, schedule.listingActivity != nil {
            return .activity
        }
        if schedule.retired { return nil }
        guard let due = ISOTime.date(schedule.due) else { return .due }
        return due <= now ? .due : nil
    }

    /// Whether the pass of the configured site `site` revisits `state` on its schedule: the site recorded in
    /// its schedule while the config still has it; otherwise (a schedule written before the site was
    /// recorded, or a site renamed since) the state's `site` when it is a config name, else the site whose
    /// seeds share the thread's host.
    public static func isRevisited(_ state: ThreadState, by site: SiteConfig, in config: ThreadkeeperConfig) -> Bool {
        if let planned = state.schedule?.site, config.site(named: planned) != nil { return planned == site.name }
        if state.site == site.name { return true }
        return config.site(for: state.url)?.name == site.name
    }

    /// The schedule after a visit at `now` that found the thread `changed` (or not); `site` is the configured
    /// site whose pass made the visit (nil keeps the previous schedule's).
    public func next(
        after previous: RevisitSchedule?, changed: Bool, lastChanged: Date?, listingActivity: String?, now: Date,
        site: String? = nil
    ) -> RevisitSchedule {
        let base = TimeInterval(previous?.interval ?? Int(minInterval))
        var interval = changed ? base / 2 : base * 2
        if previous == nil { interval = minInterval }
        interval = min(maxInterval, max(minInterval, interval))
        let idle = now.timeIntervalSince(changed ? now : (lastChanged ?? now))
        return RevisitSchedule(
            interval: Int(interval.rounded()), due: ISOTime.string(now.addingTimeInterval(interval)),
            retired: !changed && idle > retireAfter,
            listingActivity: listingActivity ?? previous?.listingActivity, site: site ?? previous?.site)
    }

    /// A listing row's activity as one comparable string: its reply count and, when exact, its last-post time.
    public static func activity(of entry: ListingEntry) -> String? {
        let replies = entry.counts.replies.map(String.init)
        let time = entry.lastActivity.isApproximate ? nil : entry.lastActivity.iso
        guard replies != nil || time != nil else { return nil }
        return "\(replies ?? "-") \(time ?? "-")"
    }

}
