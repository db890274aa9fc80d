extension PageTemplates {
    /// A thread's versions.
    static let history = #"""
        {{>header}}
        <h1>History: <a href="{{thread}}">{{title}}</a></h1>
        <table class="history">
        <thead><tr><th>Version</th><th>Fetched</th><th>Posts</th><th>Changes</th><th>Diff</th></tr></thead>
        <tbody>
        {{#rows}}
        <tr><td><a href="{{href}}">{{number}}</a>{{#isLatest}} (latest){{/isLatest}}</td><td>{{#fetched}}{{>time}}{{/fetched}}</td><td>{{posts}}</td><td><span class="plus">+{{added}}</span> <span class="tilde">~{{edited}}</span> <span class="minus">−{{removed}}</span> {{fields}}</td><td>{{#diff}}{{#href}}<a href="{{.}}">{{text}}</a>{{/href}}{{/diff}}</td></tr>
        {{/rows}}
        </tbody>
        </table>
        {{>footer}}
        """#
}
