import Mustache

/// The pages' Mustache templates, compiled once into one library. They are Swift string literals (one file
/// per template under Templates/), so the binary needs no resource bundle.
enum PageTemplates {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        let templates = [
            "header": header, "footer": footer, "time": time, "pager": pager, "post": post,
            "index": index, "threadRow": threadRow, "stories": stories, "story": story, "storyBlock": storyBlock,
            "thread": thread, "history": history, "diff": diff, "search": search, "error": error,
        ]
        for (name, text) in templates {
            do {
                try library.register(text, named: name)
            } catch {
                // The templates are part of the program: one that does not parse is a bug caught by any test.
                fatalError("template \(name) does not parse: \(error)")
            }
        }
        return library
    }()

    /// `view` rendered with the template `name`.
    static func render(_ view: Any, _ name: String) -> String {
        library.render(view, withTemplate: name) ?? ""
    }
}
