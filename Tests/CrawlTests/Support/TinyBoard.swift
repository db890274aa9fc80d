import Foundation
import LoopbackServer
import Synchronization

/// A board index over several tiny forums on one loopback server: `/` lists the forums (a table the
/// `tinyforum` profile reads as `listing.forums`), forum `n` (1-based) answers at `/forum?f=n`, and each
/// thread at `/t/ID` is answered by the forum that holds it (give the forums distinct `firstID`s). The index
/// also names a forum showing no topics (`/forum?f=99`, which answers 404) and a forum on another host,
/// neither of which a crawl should read. Every request is logged.
final class TinyBoard: Sendable {
    let forums: [TinyForum]
    /// The address of the forum on another host the index names.
    static let elsewhere = "http://forum.other.example/forum?f=1"
    private let log = Mutex<[String]>([])

    init(forums: [TinyForum]) {
        self.forums = forums
    }

    /// The request targets, in order.
    var hits: [String] { log.withLock { $0 } }

    /// The handler to give `LoopbackServer.start`.
    var handler: LoopbackServer.Handler { { [self] request in handle(request) } }

    func handle(_ request: LoopbackRequest) -> LoopbackResponse {
        log.withLock { $0.append(request.target) }
        if request.path == "/" {
            return .text(index)
        }
        if request.path == "/forum", let number = Self.forumNumber(request.query), forums.indices.contains(number - 1) {
            return forums[number - 1].handle(request)
        }
        if request.path.hasPrefix("/t/"), let id = Int(request.path.dropFirst(3)),
            let forum = forums.first(where: { $0.threadIDs.contains(id) })
        {
            return forum.handle(request)
        }
        return .text("<html><body>not here</body></html>", status: 404)
    }

    private static func forumNumber(_ query: String?) -> Int? {
        guard let query else { return nil }
        for pair in query.split(separator: "&") where pair.hasPrefix("f=") {
            return Int(pair.dropFirst(2))
        }
        return nil
    }

    /// The board index: the forums under one category heading, then the one elsewhere under another.
    var index: String {
        let rows = forums.enumerated().map { offset, forum in
            """
            <tr class="forum"><td><a class="forum-link" href="/forum?f=\(offset + 1)">\(forum.name)</a>\
            <p class="desc">All about \(forum.name)</p></td>\
            <td class="topics">\(forum.threadIDs.count)</td><td class="posts">\(forum.threadIDs.count * 3)</td></tr>
            """
        }
        return """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>Tiny Board</title></head>
            <body id="tinyforum" class="index">
            <h1>Tiny Board</h1>
            <h2>Town</h2>
            <table id="forums"><tbody>
            \(rows.joined(separator: "\n"))
            </tbody></table>
            <table id="forums"><tbody>
            <tr class="forum"><td><a class="forum-link" href="/forum?f=99">Empty corner</a></td>\
            <td class="topics">0</td><td class="posts">0</td></tr>
            </tbody></table>
            <h2>Elsewhere</h2>
            <table id="forums"><tbody>
            <tr class="forum"><td><a class="forum-link" href="\(Self.elsewhere)">Partner forum</a></td>\
            <td class="topics">1</td><td class="posts">1</td></tr>
            </tbody></table>
            </body></html>

            """
    }
}
