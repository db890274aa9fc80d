extension ReaderPages {
    /// The reader's stylesheet (`/static/style.css`, `style.css` in an export): system fonts, a readable
    /// measure, replies indented by depth (less on narrow screens), removed and hidden posts marked, diff
    /// colours with the `+`/`−` marks in the text as well. No external resources.
    public static let stylesheet = #"""
        :root { color-scheme: light dark; --fg: #1b1b1b; --bg: #fdfdfc; --muted: #5f6368; --line: #d8d8d4;
          --link: #0b57d0; --del-bg: #fde2e1; --del-fg: #8a1c17; --ins-bg: #dff3e3; --ins-fg: #145a23;
          --mark-bg: #fff3a3; --removed-bg: #f6f0f0; }
        @media (prefers-color-scheme: dark) {
          :root { --fg: #e6e6e3; --bg: #151515; --muted: #a0a4a8; --line: #3a3a38; --link: #8ab4f8;
            --del-bg: #4a1f1d; --del-fg: #ffb4ab; --ins-bg: #1d3b24; --ins-fg: #a8e6b4; --mark-bg: #5c5200;
            --removed-bg: #2a2222; }
        }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 46rem; padding: 0 1rem 3rem; color: var(--fg); background: var(--bg);
          font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; overflow-wrap: anywhere; }
        a { color: var(--link); }
        header.site { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between;
          padding: .75rem 0; border-bottom: 1px solid var(--line); margin-bottom: 1rem; }
        header.site form, form.filters, form.diff-picker, form.search-page { display: flex; flex-wrap: wrap; gap: .5rem; }
        input, select, button { font: inherit; max-width: 100%; }
        h1 { font-size: 1.5rem; line-height: 1.25; margin: .5rem 0; }
        h2 { font-size: 1.15rem; }
        .meta, .forum, .version, .versions, .total, .lead, .utc, .approx, .postcount, .counts, .edited { color: var(--muted); font-size: .9rem; }
        .sep:last-child { display: none; }
        ol.threads, ol.hits { list-style: none; padding: 0; }
        .thread-row, .hit { padding: .5rem 0; border-bottom: 1px solid var(--line); }
        .thread-row .title, .hit .title { font-weight: 600; display: block; }
        .thread-row .story { display: block; font-size: .85rem; }
        .story-block { border-bottom: 1px solid var(--line); margin-bottom: 1rem; }
        .versions a, .versions strong { display: inline-block; min-width: 1.75rem; text-align: center; }
        .post { border-left: 3px solid var(--line); padding: .25rem 0 .25rem .75rem; margin: 1rem 0; }
        .post > header { font-size: .9rem; }
        .post .author { font-weight: 600; }
        .post .body p { margin: .5rem 0; }
        .post .body img { max-width: 100%; height: auto; }
        .post .body pre { overflow-x: auto; }
        .post .body blockquote { margin: .5rem 0 .5rem .5rem; padding-left: .75rem; border-left: 3px solid var(--line); color: var(--muted); }
        .d1 { margin-left: 1rem; } .d2 { margin-left: 2rem; } .d3 { margin-left: 3rem; } .d4 { margin-left: 4rem; }
        .d5 { margin-left: 5rem; } .d6 { margin-left: 6rem; } .d7 { margin-left: 7rem; } .d8 { margin-left: 8rem; }
        @media (max-width: 40rem) {
          .d1 { margin-left: .5rem; } .d2 { margin-left: 1rem; } .d3 { margin-left: 1.5rem; }
          .d4, .d5, .d6, .d7, .d8 { margin-left: 2rem; }
        }
        .mark { font-size: .8rem; padding: 0 .3rem; border-radius: .2rem; border: 1px solid currentColor; }
        .post.removed { background: var(--removed-bg); }
        .removed-mark { color: var(--del-fg); }
        .hidden-mark { color: var(--muted); }
        .post.hidden .body { color: var(--muted); }
        .change-added { border-left-color: var(--ins-fg); }
        .change-removed { border-left-color: var(--del-fg); }
        del { background: var(--del-bg); color: var(--del-fg); text-decoration: line-through; }
        ins { background: var(--ins-bg); color: var(--ins-fg); text-decoration: none; }
        del .m, ins .m { text-decoration: none; font-weight: 600; }
        .plus { color: var(--ins-fg); } .minus { color: var(--del-fg); }
        .words { white-space: pre-wrap; }
        mark { background: var(--mark-bg); color: inherit; }
        table { border-collapse: collapse; width: 100%; font-size: .9rem; }
        th, td { text-align: left; padding: .3rem .4rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        .pager { margin: 1rem 0; display: flex; gap: 1rem; flex-wrap: wrap; }
        footer.site { margin-top: 2rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .85rem; }

        """#
}
