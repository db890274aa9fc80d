import Archive
import Model
import Testing

@Suite("Post keys and page merging")
struct PostKeyTests {
    @Test func theSitesIDIsTheKey() {
        #expect(PostKey.base(of: Build.post("20384040", "erronis", "x")) == "id:20384040")
    }

    @Test func aFingerprintDoesNotDependOnPositionOrRelativeTimesOrSpacing() {
        var a = Build.post(nil, "ann", "Some  words\nhere")
        a.position = 1
        var b = Build.post(nil, "ann", "Some words here")
        b.position = 7
        #expect(PostKey.base(of: a) == PostKey.base(of: b))
        let c = Build.post(nil, "ann", "Some words here", time: "17 hrs ago", approximate: true)
        let d = Build.post(nil, "ann", "Some words here", time: "18 hrs ago", approximate: true)
        #expect(PostKey.base(of: c) == PostKey.base(of: d))
        #expect(PostKey.base(of: a) != PostKey.base(of: Build.post(nil, "bob", "Some words here")))
        #expect(PostKey.fingerprint(of: a).count == 16)
    }

    @Test func repeatedPostsInOneFetchAreToldApartByOrder() {
        let same = Build.post(nil, "ann", "+1")
        let keys = PostKey.assign([same, Build.post(nil, "bob", "x"), same])
        #expect(keys[2] == keys[0] + "#2")
    }

    @Test func overlappingPagesAreMergedWithoutDuplicates() {
        let page1 = Build.thread([Build.post("1", "a", "one"), Build.post("2", "b", "two"), Build.post(nil, "c", "three")])
        let page2 = Build.thread([Build.post("2", "b", "two"), Build.post(nil, "c", "three"), Build.post("4", "d", "four")])
        let (merged, keys) = Discussion.merging([page1, page2])
        #expect(merged.posts.map(\.text) == ["one", "two", "three", "four"])
        #expect(merged.posts.map(\.position) == [1, 2, 3, 4])
        #expect(keys.count == 4 && Set(keys).count == 4)
    }

    @Test func sessionIDsAreRemovedFromBodies() {
        let html = "<a href=\"t.php?sid=0123456789abcdef0123456789abcdef&amp;t=1\">a</a> <a href=\"x?t=2&s=abcdefabcdefabcdef12\">b</a>"
        #expect(SessionIDs.removed(from: html) == "<a href=\"t.php?t=1\">a</a> <a href=\"x?t=2\">b</a>")
        #expect(SessionIDs.removed(from: "a=b&sid=short") == "a=b&sid=short")
    }
}
