extension PageTemplates {
    /// Search results.
    static let search = #"""
        {{>header}}
        <h1>Search</h1>
        <form class="search-page" action="/search" method="get">
        <label>Words <input type="search" name="q" value="{{query}}"></label>
        <label>Site <input name="site" value="{{site}}"></label>
        <label>Author <input name="author" value="{{author}}"></label>
        <label>From <input name="from" value="{{from}}" placeholder="2025-06-01"></label>
        <label>To <input name="to" value="{{to}}" placeholder="2025-06-30"></label>
        <button type="submit">Search</button>
        </form>
        {{#hasQuery}}<p class="total">{{total}}</p>{{/hasQuery}}
        {{#isEmpty}}{{#hasQuery}}<p class="empty">No post matches.</p>{{/hasQuery}}{{/isEmpty}}
        <ol class="hits">
        {{#hits}}
        <li class="hit{{#removed}} removed{{/removed}}"><a class="title" href="{{href}}">{{threadTitle}}</a>
        <span class="meta">{{author}} · {{site}}{{#time}} · {{>time}}{{/time}}{{#removed}} <strong class="mark removed-mark">removed</strong>{{/removed}}</span>
        <p class="snippet">{{#snippet}}{{#isMatch}}<mark>{{text}}</mark>{{/isMatch}}{{^isMatch}}{{text}}{{/isMatch}}{{/snippet}}</p></li>
        {{/hits}}
        </ol>
        {{#hasPager}}{{>pager}}{{/hasPager}}
        {{>footer}}
        """#

    /// An error page.
    static let error = #"""
        {{>header}}
        <h1>{{status}}</h1>
        <p class="error">{{message}}</p>
        {{>footer}}
        """#
}
