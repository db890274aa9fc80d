/// Link addresses as posts carry them: resolving, canonical story links, external or not.
public enum Links {
    /// Schemes a link may keep; every other (`javascript:`, `mailto:`, `data:`, `tel:`, …) reads as no link.
    static let webSchemes: Set<String> = ["http", "https", "ftp", "ftps"]

    /// Resolves href against base (relative, protocol-relative, absolute); trims whitespace; nil for javascript:, mailto:, data:, #fragment-only, empty, or unparseable.
    ///
    /// Follows RFC 3986 §5 with the repairs browsers make: surrounding whitespace and control characters
    /// and inner tabs and newlines are removed, `\` in the path reads as `/`, characters a URL may not hold
    /// (spaces, quotes, Unicode) are percent-encoded, Unicode host names become punycode, and an empty
    /// path becomes `/`. Only `http`, `https`, `ftp` and `ftps` results are returned; a relative href needs
    /// an absolute `base`.
    ///
    /// Session ids that forum engines append to every link (`PHPSESSID`, phpBB's `sid`, vBulletin's `s`,
    /// `jsessionid`…) are removed: they differ per visit, and a link must name the same page every crawl.
    public static func absolute(_ href: String, base: String?) -> String? {
        guard var parts = absoluteParts(href, base: base) else { return nil }
        parts.removeSessionIDs()
        return parts.text
    }

    /// The canonical form of a story link, so the same story found on different forums compares equal.
    ///
    /// For `http` and `https` links only (nil otherwise, or when `url` is not absolute):
    /// - scheme and host in lower case (the scheme itself is kept: `http` stays `http`); userinfo and the
    ///   default port dropped; the host prefixes `www.`, `m.`, `mobile.` and `amp.` dropped, as is the
    ///   `.m` of mobile Wikimedia hosts (`en.m.wikipedia.org`);
    /// - AMP wrappers unwrapped: `google.com/amp/s/HOST/PATH` and `….cdn.ampproject.org/c/s/HOST/PATH` →
    ///   `https://HOST/PATH` (`http` without the `s/`); an `amp` first or last path segment, a `.amp` (or
    ///   `.amp.html` → `.html`) ending, and `amp=1`/`amp`/`amp=true` or `outputType=amp` parameters removed;
    /// - the fragment dropped, except a `#!` hash-bang, which becomes part of the path;
    /// - tracking parameters removed (see `trackingParameters`, `trackingPrefixes` and
    ///   `siteTrackingParameters`), empty parameters dropped, the rest sorted by key (stably, so repeated
    ///   keys keep their order); the case of paths and values is kept;
    /// - percent-encoding normalised: escapes of unreserved characters decoded, other escapes in upper case;
    /// - dot segments resolved and trailing slashes removed (the root is no path at all).
    public static func canonical(_ url: String) -> String? {
        canonical(url, unwrapping: 3)
    }

    /// Whether url points off the forum (host differs from the page's host, ignoring "www.").
    ///
    /// `url` is resolved against `pageURL` first, so a relative link is never external. Hosts compare after
    /// the same prefix removal as `canonical(_:)` (`www.`, `m.`, `mobile.`, `amp.`). A link that is no web
    /// address (`mailto:`, `javascript:`, unparseable) is not external; an absolute link with no page URL is.
    public static func isExternal(_ url: String, pageURL: String?) -> Bool {
        guard let link = absoluteParts(url, base: pageURL), let linkHost = link.authority?.host else { return false }
        guard let pageURL, let page = absoluteParts(pageURL, base: nil), let pageHost = page.authority?.host else {
            return true
        }
        return siteHost(linkHost) != siteHost(pageHost)
    }

    // MARK: - Resolution

    static func absoluteParts(_ href: String, base: String?) -> URLParts? {
        let reference = cleaned(href)
        guard !reference.isEmpty, !reference.hasPrefix("#"),
            var parts = URLParts(reference)
        else { return nil }
        if parts.scheme == nil {
            guard let base, let baseParts = URLParts(cleaned(base)),
                let baseScheme = baseParts.scheme, webSchemes.contains(baseScheme), baseParts.authority != nil
            else { return nil }
            parts = parts.resolved(against: baseParts)
        } else {
            parts = parts.resolved(against: parts)
        }
        guard let scheme = parts.scheme, webSchemes.contains(scheme), let authority = parts.authority,
            !authority.host.isEmpty
        else { return nil }
        if parts.path.isEmpty { parts.path = "/" }
        parts.path = PercentEncoding.repaired(parts.path)
        parts.query = parts.query.map(PercentEncoding.repaired)
        parts.fragment = parts.fragment.map(PercentEncoding.repaired)
        parts.authority?.userinfo = authority.userinfo.map(PercentEncoding.repaired)
        return parts
    }

    /// The href without surrounding whitespace or control characters, inner tabs and newlines, and with
    /// `\` read as `/` before any query or fragment (as browsers do for web addresses).
    private static func cleaned(_ href: String) -> String {
        // Most hrefs need nothing: printable ASCII without backslashes.
        if href.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") }) { return href }
        var scalars = Substring(href).unicodeScalars.drop { $0.value <= 0x20 || $0.properties.isWhitespace }
        while let last = scalars.last, last.value <= 0x20 || last.properties.isWhitespace { scalars.removeLast() }
        var out = String.UnicodeScalarView()
        var inQuery = false
        for scalar in scalars {
            switch scalar {
            case "\t", "\n", "\r": continue
            case "?", "#":
                inQuery = true
                out.append(scalar)
            case "\\" where !inQuery: out.append("/")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    // MARK: - Canonical form

    private static func canonical(_ url: String, unwrapping depth: Int) -> String? {
        guard var parts = absoluteParts(url, base: nil), let scheme = parts.scheme,
            scheme == "http" || scheme == "https", var authority = parts.authority
        else { return nil }
        if depth > 0, let inner = unwrappedAMP(parts) { return canonical(inner, unwrapping: depth - 1) }

        if let fragment = parts.fragment, fragment.hasPrefix("!") {
            // A hash-bang address (`/#!/user/status/1`) names the page in its fragment.
            var bang = fragment.dropFirst().drop { $0 == "/" }
            if let mark = bang.utf8.firstIndex(of: UInt8(ascii: "?")) {
                let bangQuery = String(bang[bang.utf8.index(after: mark)...])
                parts.query = parts.query.map { $0 + "&" + bangQuery } ?? bangQuery
                bang = bang[..<mark]
            }
            if !bang.isEmpty { parts.path = (parts.path.hasSuffix("/") ? parts.path : parts.path + "/") + bang }
        }
        parts.fragment = nil

        authority.userinfo = nil
        authority.host = siteHost(authority.host)
        if (scheme == "http" && authority.port == 80) || (scheme == "https" && authority.port == 443) {
            authority.port = nil
        }
        parts.authority = authority

        parts.path = canonicalPath(PercentEncoding.normalized(parts.path))
        parts.query = canonicalQuery(parts.query, host: authority.host)
        return parts.text
    }

    /// The host without the `www.`, `m.`, `mobile.` and `amp.` prefixes (while a dot remains), and without
    /// the `.m` of mobile Wikimedia hosts.
    static func siteHost(_ host: String) -> String {
        var host = Substring(host)
        var changed = true
        while changed {
            changed = false
            for prefix in ["www.", "m.", "mobile.", "amp."] where host.utf8.starts(with: prefix.utf8) {
                let rest = host.dropFirst(prefix.utf8.count)
                if rest.utf8.contains(UInt8(ascii: ".")) {
                    host = rest
                    changed = true
                }
            }
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count == 4, labels[1] == "m", wikimediaSites.contains(String(labels[2])) {
            return [labels[0], labels[2], labels[3]].joined(separator: ".")
        }
        return String(host)
    }

    private static let wikimediaSites: Set<String> = [
        "wikipedia", "wikimedia", "wiktionary", "wikiquote", "wikibooks", "wikisource", "wikinews",
        "wikivoyage", "wikiversity", "wikidata", "mediawiki", "wikifunctions",
    ]

    /// The inner address of a Google AMP viewer or AMP cache link, or nil.
    private static func unwrappedAMP(_ parts: URLParts) -> String? {
        guard let host = parts.authority.map({ siteHost($0.host) }) else { return nil }
        let path = Substring(parts.path)
        var inner: Substring
        if isGoogle(host), path.hasPrefix("/amp/") {
            inner = path.dropFirst(5)
        } else if host == "cdn.ampproject.org" || host.hasSuffix(".cdn.ampproject.org"),
            path.hasPrefix("/c/") || path.hasPrefix("/v/")
        {
            inner = path.dropFirst(3)
        } else {
            return nil
        }
        var scheme = "http"
        if inner.hasPrefix("s/") {
            scheme = "https"
            inner = inner.dropFirst(2)
        }
        let innerHost = inner.prefix { $0 != "/" }
        guard innerHost.utf8.contains(UInt8(ascii: ".")), !innerHost.utf8.contains(UInt8(ascii: "%")) else {
            return nil
        }
        var text = scheme + "://" + inner
        if let query = parts.query { text += "?" + query }
        return text
    }

    /// Whether `host` is Google's search site in some country: `google.com`, `google.de`, `google.co.uk`.
    private static func isGoogle(_ host: String) -> Bool {
        guard host.hasPrefix("google.") else { return false }
        let labels = host.dropFirst(7).split(separator: ".", omittingEmptySubsequences: false)
        return (1...2).contains(labels.count) && labels.allSatisfy { (2...3).contains($0.count) }
    }

    /// The path with dot segments resolved, AMP markers removed, and no trailing slash.
    private static func canonicalPath(_ path: String) -> String {
        var segments = URLParts.removingDotSegments(path).split(separator: "/", omittingEmptySubsequences: false)
        // segments[0] is the empty string before the leading slash.
        if segments.count > 2, segments[1] == "amp", segments[2...].contains(where: { !$0.isEmpty }) {
            segments.remove(at: 1)
        }
        while segments.count > 1, segments[segments.count - 1].isEmpty { segments.removeLast() }
        if segments.count > 2, segments[segments.count - 1] == "amp" { segments.removeLast() }
        if segments.count > 1 {
            let last = segments[segments.count - 1]
            if last.hasSuffix(".amp.html"), last.count > 9 {
                segments[segments.count - 1] = last.dropLast(9) + ".html"
            } else if last.hasSuffix(".amp"), last.count > 4 {
                segments[segments.count - 1] = last.dropLast(4)
            }
        }
        while segments.count > 1, segments[segments.count - 1].isEmpty { segments.removeLast() }
        return segments.joined(separator: "/")
    }

    /// The query without tracking or AMP parameters or empty pieces, sorted by key; nil when nothing is left.
    private static func canonicalQuery(_ query: String?, host: String) -> String? {
        guard let query, !query.isEmpty else { return nil }
        let siteKeys = siteTrackingParameters.first { site, _ in host == site || host.hasSuffix("." + site) }?.value
        var kept: [(key: String, piece: String)] = []
        for piece in query.split(separator: "&", omittingEmptySubsequences: true) {
            let rawKey = piece.prefix { $0 != "=" }
            let key = PercentEncoding.decoded(rawKey).lowercased()
            let value = piece.contains("=") ? PercentEncoding.decoded(piece.drop { $0 != "=" }.dropFirst()) : ""
            if key.isEmpty || trackingParameters.contains(key) || trackingPrefixes.contains(where: key.hasPrefix) {
                continue
            }
            if let siteKeys, siteKeys.contains(key) { continue }
            if key == "amp", ["", "1", "true", "yes"].contains(value.lowercased()) { continue }
            if key == "outputtype", value.lowercased() == "amp" { continue }
            let normalized = PercentEncoding.normalized(String(piece))
            kept.append((PercentEncoding.normalized(String(rawKey)), normalized))
        }
        guard !kept.isEmpty else { return nil }
        // Swift's sort is not stable; sort indices by key, then by position.
        let order = kept.indices.sorted { a, b in
            kept[a].key != kept[b].key ? kept[a].key < kept[b].key : a < b
        }
        return order.map { kept[$0].piece }.joined(separator: "&")
    }

    /// Query keys (compared in lower case) that only track where a reader came from, removed everywhere.
    public static let trackingParameters: Set<String> = [
        // Google, Microsoft, Facebook, Twitter, TikTok, LinkedIn, Yandex click ids
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "twclid", "ttclid", "li_fat_id",
        "yclid", "ysclid", "igshid", "igsh", "epik",
        // referrers and shares
        "ref", "ref_src", "ref_url", "referrer", "si", "sr_share", "share_id",
        // mail campaigns (Mailchimp, HubSpot, Marketo, Vero, Oly)
        "mc_cid", "mc_eid", "_hsenc", "_hsmi", "__hstc", "__hssc", "__hsfp", "hsctatracking", "mkt_tok",
        "vero_id", "vero_conv", "oly_enc_id", "oly_anon_id", "rb_clickid", "wickedid",
        // newspapers' campaign ids (Guardian CMP/INTCMP, NYT smid/smtyp, CNN/MSN/NBC, Alibaba spm, Yahoo)
        "cmp", "intcmp", "cmpid", "ncid", "ocid", "icid", "smid", "smtyp", "spm", "s_cid", "xtor",
        "soc_src", "soc_trk", "ito", "guccounter", "guce_referrer", "guce_referrer_sig",
        "at_medium", "at_campaign", "ns_mchannel", "ns_source", "ns_campaign", "ns_linkname", "ns_fee",
        "wt_mc", "wt.mc_id", "fb_action_ids", "fb_action_types", "fb_ref", "fb_source",
        "pk_campaign", "pk_kwd", "pk_keyword", "pk_source", "pk_medium", "pk_content", "pk_cid",
        "_ga", "_gl", "_branch_match_id", "_branch_referrer", "__twitter_impression",
        // Google AMP viewer parameters
        "amp_js_v", "amp_gsa", "usqp",
    ]

    /// Key prefixes (lower case) of tracking parameters: `utm_source`, `mtm_kwd`, `at_custom1`.
    public static let trackingPrefixes: [String] = ["utm_", "mtm_", "hmb_", "at_custom"]

    /// Tracking parameters that mean something elsewhere, removed only on these sites (and their
    /// subdomains): Dow Jones's `mod`, Twitter's share `s` and `t`, YouTube's `feature`.
    public static let siteTrackingParameters: [String: Set<String>] = [
        "wsj.com": ["mod"], "barrons.com": ["mod"], "marketwatch.com": ["mod"],
        "twitter.com": ["s", "t"], "x.com": ["s", "t"],
        "youtube.com": ["feature"], "youtu.be": ["feature"],
    ]
}
