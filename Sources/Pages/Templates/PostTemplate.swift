extension PageTemplates {
    /// One post: author and post count, times, counts, marks, title, body, comments; indented by depth.
    static let post = #"""
        <article class="post d{{depth}}{{#removedIn}} removed{{/removedIn}}{{#hidden}} hidden{{/hidden}}{{#changeClass}} {{changeClass}}{{/changeClass}}" id="{{anchor}}">
        <header>{{#change}}<strong class="mark change">{{change}}</strong> {{/change}}<a class="pos" href="#{{anchor}}">#{{position}}</a> <span class="author">{{#authorHref}}<a href="{{authorHref}}" rel="nofollow noreferrer">{{author}}</a>{{/authorHref}}{{^authorHref}}{{author}}{{/authorHref}}</span>{{#postCount}} <span class="postcount">({{postCount}})</span>{{/postCount}}{{#time}} · {{>time}}{{/time}}{{#counts}} · <span class="counts">{{counts}}</span>{{/counts}}{{#removedIn}} <strong class="mark removed-mark">removed in version {{removedIn}}</strong>{{/removedIn}}{{#hidden}} <strong class="mark hidden-mark">hidden by the forum</strong>{{/hidden}}</header>
        {{#title}}<h2 class="post-title">{{title}}</h2>{{/title}}
        <div class="body">{{{body}}}</div>
        {{#edited}}<p class="edited">edited {{>time}}</p>{{/edited}}
        {{#hasComments}}<ul class="comments">{{#comments}}<li><span class="author">{{author}}</span>: {{text}}</li>{{/comments}}</ul>{{/hasComments}}
        </article>

        """#
}
