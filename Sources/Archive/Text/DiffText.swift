import Model
/// A thread diff as text, like `git diff`: removed in red with `-`, added in green with `+`, and edited
/// posts with their words marked `[-old-]{+new+}` (coloured instead when the palette is on).
public struct DiffText: Sendable {
    public var width: Int
    public var palette: Palette

    public init(width: Int = 80, palette: Palette = Palette(enabled: false)) {
        self.width = width
        self.palette = palette
    }

    public func render(_ diff: ThreadDiff) -> String {
        var out: [String] = []
        out.append(palette.bold("diff \(diff.key) version \(diff.from) (\(diff.fromFetchedAt)) → \(diff.to) (\(diff.toFetchedAt))"))
        let summary = "posts +\(diff.added.count) ~\(diff.edited.count) -\(diff.removed.count)"
        out.append(diff.isEmpty ? "no changes" : summary)
        for field in diff.fields {
            out.append(palette.yellow("\(field.name):"))
            out.append(palette.red("- " + safe(field.old ?? "(none)")))
            out.append(palette.green("+ " + safe(field.new ?? "(none)")))
        }
        for post in diff.removed {
            out.append("")
            out.append(palette.red("- post \(post.key) by \(safe(post.post.author.name ?? "(unknown)")) removed"))
            out.append(palette.red(TerminalText.wrapped(safe(post.post.text ?? ""), width: width, indent: "-   ")))
        }
        for post in diff.added {
            out.append("")
            out.append(palette.green("+ post \(post.key) by \(safe(post.post.author.name ?? "(unknown)"))"))
            out.append(palette.green(TerminalText.wrapped(safe(post.post.text ?? ""), width: width, indent: "+   ")))
        }
        for edit in diff.edited {
            out.append("")
            out.append(
                palette.yellow("~ post \(edit.key) by \(safe(edit.after.post.author.name ?? "(unknown)")) edited: "
                    + edit.changed.joined(separator: ", ")))
            for name in Counts.names where edit.before.post.counts[name] != edit.after.post.counts[name] {
                let old = edit.before.post.counts[name].map(String.init) ?? "none"
                let new = edit.after.post.counts[name].map(String.init) ?? "none"
                out.append("    \(name): " + palette.red(old) + " → " + palette.green(new))
            }
            if edit.changed.contains("title") {
                out.append("    title: " + palette.red(safe(edit.before.post.title ?? "(none)")) + " → "
                    + palette.green(safe(edit.after.post.title ?? "(none)")))
            }
            guard edit.changed.contains("text") else { continue }
            var text = ""
            for run in edit.text {
                switch run.op {
                case "-": text += palette.enabled ? palette.red(safe(run.text)) : "[-\(safe(run.text))-]"
                case "+": text += palette.enabled ? palette.green(safe(run.text)) : "{+\(safe(run.text))+}"
                default: text += safe(run.text)
                }
            }
            out.append(TerminalText.wrapped(text, width: width + 40, indent: "    "))
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func safe(_ text: String) -> String { TerminalText.escaped(text) }
}
