extension PageTemplates {
    /// The thread index.
    static let index = #"""
        {{>header}}
        <h1>{{heading}}</h1>
        {{#filters}}
        <form class="filters" action="{{action}}" method="get">
        <label>Site <select name="site"><option value="">all</option>{{#sites}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/sites}}</select></label>
        <label>Forum <select name="forum"><option value="">all</option>{{#forums}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/forums}}</select></label>
        <button type="submit">Filter</button>
        </form>
        {{/filters}}
        {{#activeFilters}}
        <p class="active-filter">{{name}}: <strong>{{value}}</strong> <a href="{{clear}}">show all</a></p>
        {{/activeFilters}}
        <p class="total">{{total}} threads</p>
        {{#isEmpty}}<p class="empty">No threads here.</p>{{/isEmpty}}
        <ol class="threads">
        {{#threads}}
        {{>threadRow}}
        {{/threads}}
        </ol>
        {{#hasPager}}{{>pager}}{{/hasPager}}
        {{>footer}}
        """#

    /// A thread in a list.
    static let threadRow = #"""
        <li class="thread-row"><a class="title" href="{{href}}">{{title}}</a>
        <span class="meta">{{#site}}{{#href}}<a href="{{.}}">{{text}}</a>{{/href}}{{^href}}{{text}}{{/href}}{{/site}}{{#forum}} · {{#href}}<a href="{{.}}">{{text}}</a>{{/href}}{{^href}}{{text}}{{/href}}{{/forum}} · {{details}}{{#lastActivity}} · {{>time}}{{/lastActivity}}</span>{{#story}}
        <span class="story">story: {{#href}}<a href="{{.}}">{{text}}</a>{{/href}}{{^href}}{{text}}{{/href}}</span>{{/story}}</li>
        """#
}
