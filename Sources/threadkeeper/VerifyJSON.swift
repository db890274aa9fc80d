import Archive

/// `verify --json`: the counts, `ok`, and every problem with its file, whether it was repaired and whether
/// it is only the leftover of an interrupted write.
struct VerifyJSON: Encodable {
    var result: VerifyReport

    private enum CodingKeys: String, CodingKey {
        case threads, versions, captures, warcFiles, warcRecords, ok, problems
    }

    private enum ProblemKeys: String, CodingKey { case file, message, repaired, leftover }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(result.threads, forKey: .threads)
        try c.encode(result.versions, forKey: .versions)
        try c.encode(result.captures, forKey: .captures)
        try c.encode(result.warcFiles, forKey: .warcFiles)
        try c.encode(result.warcRecords, forKey: .warcRecords)
        try c.encode(result.failures.isEmpty, forKey: .ok)
        var problems = c.nestedUnkeyedContainer(forKey: .problems)
        for problem in result.problems {
            var p = problems.nestedContainer(keyedBy: ProblemKeys.self)
            try p.encode(problem.file, forKey: .file)
            try p.encode(problem.message, forKey: .message)
            try p.encode(problem.repaired, forKey: .repaired)
            try p.encode(problem.isLeftover, forKey: .leftover)
        }
    }
}
