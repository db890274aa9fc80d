/// Synthetic pages and configurations the CLI tests write into their temporary folders. None is copied
/// from a real site: the phpBB topic only follows the markup the built-in `phpbb` profile reads.
enum Fixtures {
    /// A phpBB 3.3 (prosilver) topic of two posts, recognised by the built-in `phpbb` profile through its
    /// markers (`body#phpbb`, the phpbb.com footer link). `secondBody` is the second post's HTML.
    static func phpbbTopic(secondBody: [UInt8] = Array("Yes, I did.".utf8)) -> [UInt8] {
        Array(phpbbTopicHead.utf8) + secondBody + Array(phpbbTopicTail.utf8)
    }

    /// The title `phpbbTopic` carries.
    static let phpbbTitle = "Synthetic thread about a story"

    private static let phpbbTopicHead = """
        <!DOCTYPE html>
        <html dir="ltr" lang="en-gb">
        <head>
        <meta charset="utf-8" />
        <title>Synthetic thread about a story - Loopback Board</title>
        <link rel="canonical" href="https://forum.example.org/viewtopic.php?t=4242">
        </head>
        <body id="phpbb" class="nojs notouch section-viewtopic ltr">
        <div id="wrap" class="wrap">
        <ul id="nav-breadcrumbs" class="nav-breadcrumbs linklist navlinks" role="menubar">
        <li class="breadcrumbs">
        <span class="crumb"><a href="./index.php"><span itemprop="name">Board index</span></a></span>
        <span class="crumb"><a href="./viewforum.php?f=3"><span itemprop="name">News and politics</span></a></span>
        </li>
        </ul>
        <div id="page-body" class="page-body">
        <h2 class="topic-title"><a href="./viewtopic.php?t=4242">Synthetic thread about a story</a></h2>
        <div id="p101" class="post has-profile bg2">
        <div class="inner">
        <dl class="postprofile" id="profile101">
        <dt class="has-profile-rank"><a href="./memberlist.php?mode=viewprofile&amp;u=2" class="username">alice</a></dt>
        <dd class="profile-posts"><strong>Posts:</strong> <a href="./search.php?author_id=2">1,234</a></dd>
        </dl>
        <div class="postbody">
        <div id="post_content101">
        <h3 class="first"><a href="#p101">Synthetic thread about a story</a></h3>
        <p class="author"><span class="responsive-hide">by <strong><a href="./memberlist.php?mode=viewprofile&amp;u=2" class="username">alice</a></strong> &raquo; </span><time datetime="2024-03-01T10:15:00+00:00">Fri Mar 01, 2024 10:15 am</time></p>
        <div class="content">Have you read <a href="https://www.news.example.com/story/?utm_source=feed" class="postlink">this story</a>? Caf\u{E9} au lait.</div>
        </div>
        </div>
        </div>
        </div>
        <div id="p102" class="post has-profile bg1">
        <div class="inner">
        <dl class="postprofile" id="profile102">
        <dt><a href="./memberlist.php?mode=viewprofile&amp;u=3" class="username">bob</a></dt>
        <dd class="profile-posts"><strong>Posts:</strong> <a href="./search.php?author_id=3">56</a></dd>
        </dl>
        <div class="postbody">
        <div id="post_content102">
        <h3><a href="#p102">Re: Synthetic thread about a story</a></h3>
        <p class="author"><span class="responsive-hide">by <strong><a href="./memberlist.php?mode=viewprofile&amp;u=3" class="username">bob</a></strong> &raquo; </span><time datetime="2024-03-01T11:30:00+00:00">Fri Mar 01, 2024 11:30 am</time></p>
        <div class="content">
        """

    private static let phpbbTopicTail = """
        </div>
        </div>
        </div>
        </div>
        </div>
        </div>
        <div id="page-footer" class="page-footer"><a href="https://www.phpbb.com/">phpBB</a></div>
        </div>
        </body>
        </html>

        """

    /// A page of no known engine, without schema.org markup.
    static let unknownEnginePage = """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>My holiday</title></head>
        <body><h1>My holiday</h1><p>We went to the sea. It rained.</p></body></html>

        """

    /// The first bytes of a PNG image.
    static let pngBytes: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x10, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0xF3, 0xFF, 0x61,
    ]

    /// The profile `loopforum`, defined in config (not built in): a forum listing of `ul#topics` rows.
    static let loopForumProfile = """
        {"name": "loopforum", "description": "A forum that exists only in the CLI tests",
         "detect": {"markers": ["/html/body[@id='loopforum']"], "listing": ["//ul[@id='topics']"]},
         "listing": {"title": "//h1", "rows": "//ul[@id='topics']/li", "url": "a/@href", "threadTitle": "a",
                     "counts": {"replies": "span[@class='replies']"}}}
        """

    /// A `loopforum` listing page of `count` threads.
    static func loopForumListing(count: Int) -> String {
        let rows = (1...count).map { number in
            "<li><a href=\"/t/\(number)\">Thread \(number)</a> <span class=\"replies\">\(number * 3)</span></li>"
        }
        return """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>Loop Forum</title></head>
            <body id="loopforum"><h1>Loop Forum</h1>
            <ul id="topics">
            \(rows.joined(separator: "\n"))
            </ul></body></html>

            """
    }

    /// A configuration for loopback tests: robots.txt off, no politeness delay, no retries, short
    /// timeouts, the `loopforum` profile, and one site `loop` with `seeds` (all on 127.0.0.1).
    static func loopbackConfig(seeds: [String], profile: String = "loopforum") -> String {
        let seedList = seeds.map { "\"\($0)\"" }.joined(separator: ", ")
        let sites =
            seeds.isEmpty ? "[]" : "[{\"name\": \"loop\", \"profile\": \"\(profile)\", \"seeds\": [\(seedList)]}]"
        return """
            {
              "userAgent": "threadkeeper-cli-tests/0.1",
              "fetch": {"connectTimeout": 5, "timeout": 20, "stallTimeout": 10, "retries": 0, "maxRedirects": 5},
              "politeness": {"maxConcurrent": 4, "perHost": 2, "delay": 0, "robots": false},
              "profiles": [\(loopForumProfile)],
              "sites": \(sites)
            }

            """
    }
}
