extension PageTemplates {
    /// Threads grouped by story, most active first.
    static let stories = #"""
        {{>header}}
        <h1>Stories</h1>
        <p class="lead">Threads grouped by the news story they discuss, most active first.</p>
        {{#isEmpty}}<p class="empty">No thread links a story yet.</p>{{/isEmpty}}
        {{#stories}}
        {{>storyBlock}}
        {{/stories}}
        {{>footer}}
        """#

    /// One story's page.
    static let story = #"""
        {{>header}}
        {{#story}}
        {{>storyBlock}}
        {{/story}}
        {{>footer}}
        """#

    /// A story and its threads.
    static let storyBlock = #"""
        <section class="story-block">
        <h2><a href="{{href}}">{{canonical}}</a></h2>
        <p class="meta">{{threadCount}} · {{posts}}{{#lastActivity}} · last activity {{>time}}{{/lastActivity}}{{#link}} · <a href="{{.}}" rel="nofollow noreferrer">open the story</a>{{/link}}</p>
        <ol class="threads">
        {{#threads}}
        {{>threadRow}}
        {{/threads}}
        </ol>
        </section>
        """#
}
