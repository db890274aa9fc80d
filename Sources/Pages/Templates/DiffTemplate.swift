extension PageTemplates {
    /// What changed between two versions of a thread.
    static let diff = #"""
        {{>header}}
        <h1>Changes: <a href="{{thread}}">{{title}}</a></h1>
        <p class="meta">From <a href="{{fromHref}}">version {{from}}</a>{{#fromFetched}} ({{>time}}){{/fromFetched}} to <a href="{{toHref}}">version {{to}}</a>{{#toFetched}} ({{>time}}){{/toFetched}} · <a href="{{history}}">history</a></p>
        {{#picker}}
        <form class="diff-picker" action="{{action}}" method="get">
        <label>From <select name="from">{{#from}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/from}}</select></label>
        <label>to <select name="to">{{#to}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/to}}</select></label>
        <button type="submit">Compare</button>
        </form>
        {{/picker}}
        <nav class="pager">{{#previous}}<a href="{{.}}">← earlier change</a> {{/previous}}{{#next}}<a href="{{.}}">later change →</a>{{/next}}</nav>
        <p class="summary">{{summary}}</p>
        {{#hasFields}}
        <table class="fields">
        <thead><tr><th>Field</th><th>Before</th><th>After</th></tr></thead>
        <tbody>
        {{#fields}}<tr><td>{{name}}</td><td><del><span class="m">− </span>{{old}}</del></td><td><ins><span class="m">+ </span>{{new}}</ins></td></tr>
        {{/fields}}
        </tbody>
        </table>
        {{/hasFields}}
        {{#hasRemoved}}<h2>Removed</h2>{{/hasRemoved}}
        {{#removed}}
        {{>post}}
        {{/removed}}
        {{#hasAdded}}<h2>Added</h2>{{/hasAdded}}
        {{#added}}
        {{>post}}
        {{/added}}
        {{#hasEdited}}<h2>Edited</h2>{{/hasEdited}}
        {{#edited}}
        <article class="post edit" id="{{anchor}}">
        <header><strong class="mark change">~ edited</strong> <a class="pos" href="{{href}}">#{{position}}</a> <span class="author">{{author}}</span> · {{changed}}</header>
        {{#title}}<p class="field-change">title: <del><span class="m">[-</span>{{old}}<span class="m">-]</span></del> <ins><span class="m">{+</span>{{new}}<span class="m">+}</span></ins></p>{{/title}}
        {{#counts}}<p class="field-change">{{name}}: <del><span class="m">[-</span>{{old}}<span class="m">-]</span></del> → <ins><span class="m">{+</span>{{new}}<span class="m">+}</span></ins></p>{{/counts}}
        {{#hasText}}<div class="body words">{{#runs}}{{#same}}{{text}}{{/same}}{{#removed}}<del><span class="m">[-</span>{{text}}<span class="m">-]</span></del>{{/removed}}{{#added}}<ins><span class="m">{+</span>{{text}}<span class="m">+}</span></ins>{{/added}}{{/runs}}</div>{{/hasText}}
        </article>
        {{/edited}}
        {{>footer}}
        """#
}
