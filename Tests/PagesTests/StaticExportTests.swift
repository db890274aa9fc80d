import Archive
import Foundation
import HTML
import Model
import Pages
import Testing

@Suite("Static HTML export")
struct StaticExportTests {
    let fixture: FixtureArchive

    init() throws {
        fixture = try FixtureArchive()
    }

    /// Every `href` and `src` of an HTML file, read with the HTML parser.
    func links(in file: String) throws -> [String] {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
        let document = try HTMLDocument(bytes: bytes, declaredCharset: "utf-8")
        return try document.evaluate("//@href | //@src").strings
    }

    @Test func everyPageIsWrittenAndEveryLinkResolvesToAFile() throws {
        let out = TemporaryFolder()
        let folder = out.path + "/site"
        let report = try StaticExport(reader: fixture.reader).write(to: folder)
        #expect(report.threads == 3)
        #expect(report.problems.isEmpty)
        let id = StoryEntry.id(ofCanonical: FixtureArchive.story.canonical)
        for expected in [
            "index.html", "style.css", "stories/index.html", "stories/\(id).html",
            "t/forum.example/42/index.html", "t/forum.example/42/v-1.html", "t/forum.example/42/v-2.html",
            "t/forum.example/42/history.html", "t/forum.example/42/diff-1-2.html", "t/other.example/7/index.html",
        ] {
            #expect(report.files.contains(expected), "\(expected) not written")
            #expect(FileManager.default.fileExists(atPath: folder + "/" + expected), "\(expected) missing")
        }
        var checked = 0
        for file in report.files where file.hasSuffix(".html") {
            let directory = URL(fileURLWithPath: folder + "/" + file).deletingLastPathComponent()
            for link in try links(in: folder + "/" + file) {
                if link.hasPrefix("https://") || link.hasPrefix("http://") || link.hasPrefix("#") { continue }
                #expect(!link.hasPrefix("/"), "\(file): absolute link \(link)")
                #expect(!link.contains("search") && !link.contains(".atom"), "\(file): \(link)")
                let path = String(link.prefix { $0 != "#" })
                let target = directory.appendingPathComponent(path).standardizedFileURL.path
                #expect(FileManager.default.fileExists(atPath: target), "\(file): \(link) does not resolve")
                #expect(target.hasPrefix(URL(fileURLWithPath: folder).standardizedFileURL.path))
                checked += 1
            }
        }
        #expect(checked > 40)
        let index = try String(contentsOfFile: folder + "/index.html", encoding: .utf8)
        #expect(!index.contains("<form"))
        #expect(index.contains(#"<a class="title" href="t/third.example/9/index.html">Third thread</a>"#))
        let thread = try String(contentsOfFile: folder + "/t/forum.example/42/v-1.html", encoding: .utf8)
        #expect(thread.contains(#"<link rel="stylesheet" href="../../../style.css">"#))
        #expect(thread.contains(#"<a href="../../../t/forum.example/42/index.html">2</a>"#))
        #expect(!thread.lowercased().contains("<script"))
    }

    @Test func someThreadsOnlyAndNoDanglingStoryLinks() throws {
        let out = TemporaryFolder()
        let report = try StaticExport(reader: fixture.reader).write(to: out.path, threads: [FixtureArchive.third, FixtureArchive.second])
        #expect(report.threads == 2)
        #expect(!report.files.contains { $0.hasPrefix("t/forum.example/") })
        let stories = try String(contentsOfFile: out.path + "/stories/index.html", encoding: .utf8)
        #expect(stories.contains("1 thread · 1 post"))
        let missing = #expect(throws: PageError.self) {
            try StaticExport(reader: fixture.reader).write(to: out.path, threads: [ThreadKey(host: "no.example", id: "1")])
        }
        #expect(missing?.isNotFound == true)
    }

    @Test func aFolderThatIsNotAnExportIsRefusedAndAnEarlierExportIsReplaced() throws {
        let out = TemporaryFolder()
        try Data("mine".utf8).write(to: URL(fileURLWithPath: out.path + "/notes.txt"))
        let error = #expect(throws: PageError.self) { try StaticExport(reader: fixture.reader).write(to: out.path) }
        #expect(error?.message.contains("not empty and not an earlier html export") == true)
        #expect(try String(contentsOfFile: out.path + "/notes.txt", encoding: .utf8) == "mine")

        let folder = out.path + "/export"
        _ = try StaticExport(reader: fixture.reader).write(to: folder)
        #expect(FileManager.default.fileExists(atPath: folder + "/t/forum.example/42/index.html"))
        let again = try StaticExport(reader: fixture.reader).write(to: folder, threads: [FixtureArchive.second])
        #expect(again.threads == 1)
        // What the earlier export wrote and this one did not is gone; nothing is left half-written.
        #expect(!FileManager.default.fileExists(atPath: folder + "/t/forum.example/42/index.html"))
        let names = FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []
        #expect(!names.contains { $0.contains(".tmp-") })
        #expect(names.contains(StaticExport.markerName))
    }
}
