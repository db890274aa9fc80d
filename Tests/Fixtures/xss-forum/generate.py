#!/usr/bin/env python3
"""Writes the pages of one phpBB (prosilver) topic whose posts' bodies are the payloads of
../xss/payloads.json, one post per payload (post ids p900001, p900002, ... in fixture order), so
`threadkeeper import` archives them with the built-in phpbb profile and the reader's pages can be
checked in a browser.

Payloads that leave markup open to the end of the page (an unclosed <script> or <style> takes
everything after it as its text; an unclosed tag or element, or a </body>, changes where the
following posts land) each get a page of their own, after the first: topic-9001.html holds every
other payload, topic-9001-2.html ... one breaker each.

Run from anywhere: python3 Tests/Fixtures/xss-forum/generate.py (commit its output with it).

Each payload is written as it is into the post's <div class="content">, except a NUL character,
which is written as the character reference &#0; (a page holding a NUL byte is refused as binary).
Import (every page, in order) and check that every payload arrived as a post's html with:
    swift run threadkeeper import Tests/Fixtures/xss-forum/topic-9001*.html \
        --url 'http://127.0.0.1:8080/viewtopic.php?t=9001'
    swift run threadkeeper parse Tests/Fixtures/xss-forum/topic-9001.html \
        --url 'http://127.0.0.1:8080/viewtopic.php?t=9001'
"""
import html
import json
import os

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "..", "xss", "payloads.json"), encoding="utf-8") as f:
    payloads = json.load(f)

# Payloads that break the page for whatever follows them: one page each, in this order.
BREAKERS = [
    "body-onload", "unclosed-elements", "unclosed-img-tag", "math-mtext-table-mglyph-style", "script-unclosed",
]

HEAD = """<!DOCTYPE html>
<html dir="ltr" lang="en-gb">
<head>
<meta charset="utf-8" />
<title>Hostile bodies - XSS test board</title>
<link rel="canonical" href="./viewtopic.php?t=9001">
</head>
<body id="phpbb" class="nojs notouch section-viewtopic ltr ">
<div id="wrap" class="wrap">
<div id="page-body" class="page-body" role="main">
<h2 class="topic-title"><a href="./viewtopic.php?t=9001">Hostile bodies</a></h2>
"""

TAIL = """
</div>
</div>
</body>
</html>
"""


def post(number, payload):
    post_id = 900000 + number
    minute = number % 60
    hour = 10 + number // 60
    body = payload["html"].replace("\0", "&#0;")
    name = html.escape(payload["name"])
    return f"""
<div id="p{post_id}" class="post has-profile bg{1 + number % 2}">
<div class="inner">
<dl class="postprofile" id="profile{post_id}"><dt><a href="./memberlist.php?mode=viewprofile&amp;u={number}" class="username">{name}</a></dt></dl>
<div class="postbody">
<div id="post_content{post_id}">
<h3><a href="#p{post_id}">{name}</a></h3>
<p class="author"><span class="responsive-hide">by <strong><a href="./memberlist.php?mode=viewprofile&amp;u={number}" class="username">{name}</a></strong> &raquo; </span><time datetime="2025-06-16T{hour:02d}:{minute:02d}:00+00:00">Mon Jun 16, 2025 {hour:02d}:{minute:02d}</time></p>
<div class="content">{body}</div>
</div>
</div>
</div>
</div>
<hr class="divider" />
"""


numbered = list(enumerate(payloads, start=1))
by_name = {payload["name"]: (number, payload) for number, payload in numbered}
missing = [name for name in BREAKERS if name not in by_name]
assert not missing, f"breakers not in the fixture: {missing}"
pages = [[(n, p) for n, p in numbered if p["name"] not in BREAKERS]] + [[by_name[name]] for name in BREAKERS]
for index, page in enumerate(pages, start=1):
    file = "topic-9001.html" if index == 1 else f"topic-9001-{index}.html"
    with open(os.path.join(here, file), "w", encoding="utf-8") as f:
        f.write(HEAD + "".join(post(number, payload) for number, payload in page) + TAIL)
    print(f"wrote {file} with {len(page)} posts")
