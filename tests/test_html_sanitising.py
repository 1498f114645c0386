"""The site's one HTML sanitiser against XSS payloads, and what it keeps."""

import re

import pytest

from listings.html import sanitise_html, truncate_words
from listings.rules.text import plain_text

REL = 'rel="nofollow noopener noreferrer ugc"'

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>",
    "<p>before<script>document.cookie</script>after</p>",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="  javascript:alert(1)">click</a>',
    '<a href="java\tscript:alert(1)">click</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">click</a>',
    '<a href="&#x6A;avascript&colon;alert(1)">click</a>',
    '<a href="vbscript:msgbox(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    "<img src=x onerror=alert(1)>",
    '<body onload="alert(1)">',
    '<p onmouseover="alert(1)">hover</p>',
    '<b onclick="alert(1)" style="color:red" class="x">bold</b>',
    "<svg><script>alert(1)</script></svg>",
    "<svg onload=alert(1)>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    '<math href="javascript:alert(1)">CLICKME</math>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<div style="width: expression(alert(1))">x</div>',
    "<style>@import 'https://evil.example/x.css';</style>",
    '<form action="javascript:alert(1)"><input type=submit></form>',
    '<button formaction="javascript:alert(1)">go</button>',
    '<input type="image" src=x formaction="javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>script>alert(1)<</script>/script>",
    "<img src=x onerror=alert(1)//",
    '<a href="javascript:alert(1)"',
    '<details open ontoggle="alert(1)">',
    '<video><source onerror="alert(1)"></video>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<!--<img src=x onerror=alert(1)>-->",
    "<template><script>alert(1)</script></template>",
    '<a href="https://ok.example" onclick="alert(1)" target="_blank">ok</a>',
    '<table background="javascript:alert(1)"><tr><td>cell</td></tr></table>',
]

FORBIDDEN = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"<script",
        r"javascript:",
        r"vbscript:",
        r"data:",
        r"\son[a-z]+\s*=",
        r"<svg",
        r"<math",
        r"<iframe",
        r"<object",
        r"<embed",
        r"<style",
        r"<form",
        r"<input",
        r"<button",
        r"<base",
        r"<meta",
        r"<link",
        r"<img",
        r"<body",
        r"<video",
        r"<template",
        r"<noscript",
        r"<details",
        r"srcdoc",
        r"formaction",
        r"style=",
        r"class=",
        r"target=",
        r"expression\(",
        r"xlink",
        r"<!--",
    )
]


def test_there_are_enough_payloads():
    assert len(XSS_PAYLOADS) >= 20


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_xss_survives(payload):
    cleaned = sanitise_html(payload)

    for pattern in FORBIDDEN:
        assert not pattern.search(cleaned), f"{pattern.pattern!r} survived in {cleaned!r}"
    # Whatever is left is stable: cleaning again changes nothing.
    assert sanitise_html(cleaned) == cleaned


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ("<script>alert(1)</script>ok", "ok"),
        ("<style>p { color: red }</style>ok", "ok"),
        ("<svg><script>alert(1)</script><text>drawn</text></svg>ok", "ok"),
        ("<math><mi>x</mi></math>ok", "ok"),
        ('<iframe src="https://evil.example">fallback</iframe>ok', "ok"),
        ("<object>fallback</object>ok", "ok"),
        ('<form action="/x"><label>Name</label><input name=n></form>ok', "ok"),
        ("<noscript>enable js</noscript>ok", "ok"),
        ("<template><p>later</p></template>ok", "ok"),
    ],
)
def test_dangerous_content_is_removed_not_escaped(payload, expected):
    assert sanitise_html(payload) == expected


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "data:text/html,hi",
        "/relative/path",
        "//evil.example/x",
        "#section",
        "ftp://files.example/x",
        "tel:+61200000000",
    ],
)
def test_only_absolute_http_and_mailto_links_keep_their_href(href):
    cleaned = sanitise_html(f'<a href="{href}">x</a>')

    assert "href" not in cleaned
    assert ">x</a>" in cleaned


@pytest.mark.parametrize(
    "href",
    ["https://careers.example/jobs/1?a=1&b=2", "http://example.com/", "mailto:jobs@example.com"],
)
def test_safe_links_survive_with_rel(href):
    cleaned = sanitise_html(
        f'<a href="{href}" title="Apply" target="_blank" rel="opener">Apply</a>'
    )

    assert cleaned == (f'<a href="{href.replace("&", "&amp;")}" title="Apply" {REL}>Apply</a>')


def test_benign_formatting_survives():
    markup = (
        "<h2>About the role</h2>"
        "<p>We sponsor <strong>482</strong> visas. <em>Really.</em> <b>Bold</b> <i>it</i></p>"
        "<ul><li>PyTorch</li><li>JAX</li></ul>"
        "<ol><li>Apply</li><li>Interview</li></ol>"
        "<blockquote>Great team</blockquote>"
        "<pre><code>pip install torch</code></pre>"
        "<p>line one<br>line two</p>"
        "<h3>Pay</h3><h4>Perks</h4>"
        "<table><thead><tr><th>Level</th></tr></thead><tbody><tr><td>Senior</td></tr></tbody></table>"
    )

    assert sanitise_html(markup) == markup


def test_headings_fit_under_the_page_title():
    assert sanitise_html("<h1>Role</h1><h5>a</h5><h6>b</h6>") == "<h2>Role</h2><h4>a</h4><h4>b</h4>"


def test_unknown_tags_are_dropped_but_their_text_kept():
    assert sanitise_html(
        '<div class="x"><span style="c">Hello</span> <font>world</font></div>'
    ) == ("Hello world")


def test_text_that_looks_like_markup_stays_text():
    # Greenhouse escapes once; a literal "&lt;" must not become a tag.
    assert sanitise_html("<p>use &lt;b&gt; for bold</p>") == "<p>use &lt;b&gt; for bold</p>"


def test_empty_input():
    assert sanitise_html("") == ""
    assert plain_text("") == ""


# --- plain text ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>First para.</p><p>Second&nbsp;para.</p>", "First para. Second para."),
        ("<ul><li>PyTorch</li><li>JAX</li></ul>", "PyTorch JAX"),
        ("We <strong>sponsor</strong> 482 &amp; 186 visas", "We sponsor 482 & 186 visas"),
        ("<p>a</p><script>alert(1)</script><style>p{}</style><p>b</p>", "a b"),
        ("line<br>break", "line break"),
        ("  lots \n\n of\t space  ", "lots of space"),
        ("<p>5 &lt; 6</p>", "5 < 6"),
        ('<a href="javascript:alert(1)">link text</a>', "link text"),
    ],
)
def test_plain_text(markup, text):
    assert plain_text(markup) == text


@pytest.mark.parametrize(
    ("text", "count", "expected"),
    [
        ("one two three", 5, "one two three"),
        ("one two three", 3, "one two three"),
        ("one two three four", 2, "one two…"),
        ("Sydney, Melbourne, Brisbane", 2, "Sydney, Melbourne…"),
        ("  spaced   out  words ", 2, "spaced out…"),
        ("", 3, ""),
    ],
)
def test_truncate_words(text, count, expected):
    assert truncate_words(text, count) == expected
