extension PageTemplates {
    /// A thread as of one version, with the version picker.
    static let thread = #"""
        {{>header}}
        <article class="thread">
        <header class="thread-head">
        {{#hasForum}}<p class="forum">{{#forum}}{{#href}}<a href="{{.}}">{{text}}</a>{{/href}}{{^href}}{{text}}{{/href}}<span class="sep"> › </span>{{/forum}}</p>{{/hasForum}}
        <h1>{{title}}</h1>
        <p class="meta">{{site}}{{#source}} · <a href="{{.}}" rel="nofollow noreferrer">on the forum</a>{{/source}} · {{livePosts}}{{#removedPosts}} ({{.}} removed){{/removedPosts}}{{#counts}} · {{.}}{{/counts}}</p>
        {{#story}}<p class="story">Story: {{#page}}<a href="{{.}}">{{url}}</a>{{/page}}{{^page}}{{url}}{{/page}}{{#link}} (<a href="{{.}}" rel="nofollow noreferrer">open</a>){{/link}}</p>{{/story}}
        <p class="version">Version {{version}} of {{versions}}{{#fetched}}, fetched {{>time}}{{/fetched}}{{^isLatest}} · <a href="{{latest}}">see the latest</a>{{/isLatest}} · <a href="{{history}}">history</a></p>
        <nav class="versions" aria-label="Versions">As of version: {{#picker}}{{#current}}<strong aria-current="page">{{number}}</strong> {{/current}}{{^current}}<a href="{{href}}">{{number}}</a> {{/current}}{{/picker}}</nav>
        </header>
        {{{posts}}}</article>
        {{>footer}}
        """#
}
