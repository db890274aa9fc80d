import Archive
import Foundation
import Model
import Search

/// Generated forum text for the search benchmark: deterministic for a seed.
struct SearchCorpus {
    static let functionWords = """
        the of and to a in is that it for was on you he be with as by at have are this not but had his they from \
        she which or we an there her were one do been all their has would will what if can when so no said who \
        more about up them some could him into its then two time my out like did only me your now other may just \
        over also new any these than how first way well because very after should even most where those much \
        through back still own us being both many here why before people
        """.split(separator: " ").map(String.init)

    static let topicalWords = """
        police cameras flock surveillance ice court ruling appeal supreme election ballot senate house vote \
        budget tariff tariffs economy climate change vaccine vaccines mandate immigration border report local \
        federal state city council mayor governor president congress bill law judge jury trial lawsuit emails \
        records data privacy license plate readers alpr contract vendor company tech news article story source \
        media journalist reporter editor forum thread post reply comment member moderator poll survey percent \
        million billion taxes wages jobs inflation prices housing rent market stocks bank energy oil gas solar \
        wind power grid water drought flood storm wildfire heat school teacher students university campus \
        health hospital doctors insurance medicare medicaid drug prices protest march rally strike union \
        workers farm farmers trade china russia ukraine europe nato military troops war peace treaty deal \
        café naïve résumé façade piñata jalapeño crème brûlée smörgåsbord
        """.split(separator: " ").map(String.init)

    static let phrases = [
        "flock cameras", "supreme court", "local police", "climate change", "license plate readers",
        "drug prices", "city council", "federal judge",
    ]

    static let syllables = """
        ka ri to mu sa ne lo vi da pe zu ko ra mi te no bu shi ga fe lu ya wo xi qua bre stri plo gna tor ven dal \
        mor sin par tek lor wix zan
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    static let sites = [
        ("du", "democraticunderground.com"), ("hn", "news.ycombinator.com"), ("reddit", "old.reddit.com"),
        ("phpbb", "forum.phpbb-example.org"), ("discourse", "discuss.example.net"),
    ]

    var random: SplitMix64
    let vocabulary: [String]
    let wordWeights: [Double]
    let authors: [String]
    let authorWeights: [Double]
    /// 2024-01-01T00:00:00Z.
    let epoch: TimeInterval = 1_704_067_200

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
        var words = Self.functionWords + Self.topicalWords
        var seen = Set(words)
        var made = SplitMix64(seed: seed ^ 0x5eed)
        while words.count < 50_000 {
            let count = 2 + Int(made.next() % 3)
            let word = (0..<count).map { _ in Self.syllables[Int(made.next() % UInt64(Self.syllables.count))] }.joined()
            if seen.insert(word).inserted { words.append(word) }
        }
        vocabulary = words
        wordWeights = Self.cumulative(count: words.count, exponent: 1.0)
        var names: [String] = []
        var nameSet = Set<String>()
        while names.count < 20_000 {
            let base = (0..<2).map { _ in Self.syllables[Int(made.next() % UInt64(Self.syllables.count))] }.joined()
            let name = made.next() % 3 == 0 ? base + String(made.next() % 100) : base
            if nameSet.insert(name).inserted { names.append(name) }
        }
        authors = names
        authorWeights = Self.cumulative(count: names.count, exponent: 0.9)
    }

    /// Running sums of 1/rank^exponent.
    static func cumulative(count: Int, exponent: Double) -> [Double] {
        var sums: [Double] = []
        sums.reserveCapacity(count)
        var total = 0.0
        for rank in 1...count {
            total += 1 / pow(Double(rank), exponent)
            sums.append(total)
        }
        return sums
    }

    mutating func uniform() -> Double { Double(random.next() >> 11) / Double(1 << 53) }

    /// An index drawn with the weights whose running sums are `sums`.
    mutating func draw(_ sums: [Double]) -> Int {
        let target = uniform() * sums[sums.count - 1]
        var low = 0
        var high = sums.count - 1
        while low < high {
            let middle = (low + high) / 2
            if sums[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Posts per thread: weights 1/rank^0.6 in a shuffled order, scaled to `posts` in all, at least 2 each.
    mutating func threadSizes(threads: Int, posts: Int) -> [Int] {
        var weights = (1...threads).map { 1 / pow(Double($0), 0.6) }
        for index in stride(from: weights.count - 1, to: 0, by: -1) {
            weights.swapAt(index, Int(random.next() % UInt64(index + 1)))
        }
        let total = weights.reduce(0, +)
        var sizes = weights.map { max(2, Int(Double(posts) * $0 / total)) }
        var difference = posts - sizes.reduce(0, +)
        var index = 0
        while difference != 0 {
            if difference > 0 {
                sizes[index % threads] += 1
                difference -= 1
            } else if sizes[index % threads] > 2 {
                sizes[index % threads] -= 1
                difference += 1
            }
            index += 1
        }
        return sizes
    }

    mutating func sentence(words: Int) -> String {
        var text = ""
        var sinceStop = 0
        var stopAfter = 8 + Int(random.next() % 8)
        var count = 0
        while count < words {
            var word: String
            if random.next() % 50 == 0 {
                word = Self.phrases[Int(random.next() % UInt64(Self.phrases.count))]
                count += 2
            } else {
                word = vocabulary[draw(wordWeights)]
                count += 1
            }
            if sinceStop == 0 { word = word.prefix(1).uppercased() + word.dropFirst() }
            text += word
            sinceStop += 1
            if sinceStop >= stopAfter || count >= words {
                text += ". "
                sinceStop = 0
                stopAfter = 8 + Int(random.next() % 8)
            } else {
                text += random.next() % 12 == 0 ? ", " : " "
            }
        }
        return String(text.dropLast())
    }

    /// Thread `number` with `count` posts, as one fetched page.
    mutating func capture(number: Int, posts count: Int) -> ThreadCapture {
        let (site, host) = Self.sites[Int(random.next() % UInt64(Self.sites.count))]
        let threadAuthors = (0..<(2 + Int(random.next() % 7))).map { _ in authors[draw(authorWeights)] }
        var time = epoch + uniform() * 730 * 86_400
        var posts: [Post] = []
        posts.reserveCapacity(count)
        for position in 1...count {
            let words = 3 + Int(pow(uniform(), 2.2) * 120)
            let text = sentence(words: words)
            let author = position == 1 ? threadAuthors[0] : threadAuthors[Int(random.next() % UInt64(threadAuthors.count))]
            posts.append(
                Post(
                    id: "\(number)-\(position)", position: position, author: Author(name: author),
                    published: Timestamp(iso: ISOTime.string(Date(timeIntervalSince1970: time.rounded())), text: nil),
                    html: "<p>\(text)</p>", text: text))
            time += 60 + uniform() * 36_000 / Double(max(1, count / 20))
        }
        let title = sentence(words: 4 + Int(random.next() % 8)).replacingOccurrences(of: ".", with: "")
        let url = "https://\(host)/t/\(number)"
        let page = Discussion(
            site: site, profile: site, id: "\(number)", url: url, title: title, forum: ["General"],
            counts: Counts(replies: count - 1), posts: posts)
        let response = CapturedResponse(
            url: url, status: 200, fetchedAt: Date(timeIntervalSince1970: time + 3_600),
            responseHeaders: [HeaderField("Content-Type", "text/html; charset=utf-8")],
            body: Array("<html><title>thread \(number)</title></html>".utf8))
        return ThreadCapture(pages: [page], responses: [response], profile: site, tool: "threadkeeper-bench")
    }

    /// 20 queries: single words of several frequencies, phrases, prefixes, exclusion, OR, diacritics, filters.
    func queries() -> [SearchQuery] {
        let prolific = authors[0]
        let rare = vocabulary[20_000]
        return [
            SearchQuery("cameras"), SearchQuery("flock cameras"), SearchQuery("\"flock cameras\""),
            SearchQuery("surveil*"), SearchQuery("police -ice"), SearchQuery("election OR ballot"),
            SearchQuery("court ruling appeal"), SearchQuery("\"supreme court\" judge"), SearchQuery("cafe"),
            SearchQuery("tariff* economy"), SearchQuery("climate site:hn"),
            SearchQuery("budget from:2025-06 to:2025-06"), SearchQuery("author:\(prolific)"),
            SearchQuery("senate", author: prolific), SearchQuery("people"), SearchQuery(rare),
            SearchQuery("par*"), SearchQuery("\"local police\" report"),
            SearchQuery("vaccine OR vaccines -mandate"), SearchQuery("immigration from:2024 to:2024", site: "du"),
        ]
    }
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
