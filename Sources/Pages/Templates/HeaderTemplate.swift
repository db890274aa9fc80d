extension PageTemplates {
    /// The start of every page: head, navigation, search box (web reader only).
    static let header = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{chrome.title}} · Threadkeeper</title>
        <link rel="stylesheet" href="{{chrome.style}}">
        {{#chrome.feeds}}
        <link rel="alternate" type="application/atom+xml" title="{{title}}" href="{{href}}">
        {{/chrome.feeds}}
        </head>
        <body>
        <header class="site">
        <nav><a href="{{chrome.home}}">Threads</a> · <a href="{{chrome.stories}}">Stories</a></nav>
        {{#chrome.search}}
        <form class="search" action="{{action}}" method="get" role="search"><input type="search" name="q" value="{{query}}" aria-label="Search the archive" placeholder="Search posts"> <button type="submit">Search</button></form>
        {{/chrome.search}}
        </header>
        <main>

        """#

    /// The end of every page.
    static let footer = #"""
        </main>
        <footer class="site"><p>Read from a Threadkeeper archive.</p></footer>
        </body>
        </html>

        """#

    /// A time: local, UTC beside it, and the page's own text when it was relative.
    static let time = #"""
        {{#iso}}<time datetime="{{iso}}">{{#approximate}}≈ {{/approximate}}{{local}}</time>{{#utc}} <span class="utc">({{utc}})</span>{{/utc}}{{#approximate}} <span class="approx">approximate: shown as “{{shown}}”</span>{{/approximate}}{{/iso}}{{^iso}}<span class="shown">{{shown}}</span>{{/iso}}
        """#

    /// Previous/next links of a list.
    static let pager = #"""
        {{#pager}}
        <nav class="pager" aria-label="Pages">{{#previous}}<a rel="prev" href="{{.}}">← newer</a> {{/previous}}<span>page {{page}} of {{pages}}</span>{{#next}} <a rel="next" href="{{.}}">older →</a>{{/next}}</nav>
        {{/pager}}
        """#
}
