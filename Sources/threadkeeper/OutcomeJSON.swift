import Archive

/// What storing a thread did, as `import --json` and `archive --json` print it: `outcome` (`new`, `changed`,
/// `unchanged`), `thread` (host/id), `version`, and for a new version its summary.
struct OutcomeJSON: Encodable {
    var outcome: StoreOutcome

    private enum CodingKeys: String, CodingKey { case outcome, thread, version, summary }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let (name, summary): (String, ChangeSummary?) =
            switch outcome {
            case .new(_, let summary): ("new", summary)
            case .changed(_, _, let summary): ("changed", summary)
            case .unchanged: ("unchanged", nil)
            }
        try c.encode(name, forKey: .outcome)
        try c.encode(outcome.key.description, forKey: .thread)
        try c.encode(outcome.version, forKey: .version)
        try c.encode(summary, forKey: .summary)
    }
}
