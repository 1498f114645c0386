"""The one HTML sanitiser for the whole site.

Every piece of HTML we did not write ourselves (feed descriptions now,
employer Markdown rendered to HTML later) goes through ``sanitise_html``
before it is stored or shown. It is an allowlist (nh3, i.e. ammonia on
html5ever, which parses like a browser): formatting tags survive, links keep
only absolute http, https and mailto URLs and get ``rel="nofollow noopener
noreferrer ugc"``, and every other tag is dropped. Tags that carry code or
foreign content (script, style, iframe, svg, math, form, ...) are dropped
together with their content, so no script source ends up as visible text.

Text for meta descriptions, feeds and length checks comes from the one text
normaliser, ``listings.rules.text.plain_text``.
"""

from __future__ import annotations

import re

import nh3

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        "ul",
        "ol",
        "li",
        "strong",
        "em",
        "b",
        "i",
        "u",
        "a",
        "blockquote",
        "code",
        "pre",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        # Kept only to be renamed: h1 competes with the page title, h5/h6 are too small.
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener noreferrer ugc"
# Removed with everything inside them: their content is code, or meaningless without them.
CONTENT_REMOVED_TAGS = frozenset(
    {
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "noframes",
        "object",
        "applet",
        "embed",
        "svg",
        "math",
        "form",
        "button",
        "select",
        "textarea",
        "template",
        "noscript",
        "noembed",
        "title",
        "head",
        "audio",
        "video",
        "canvas",
        "xmp",
        "plaintext",
    }
)
HEADING_RENAMES = {"h1": "h2", "h5": "h4", "h6": "h4"}
# nh3 writes allowed tags in canonical form (lower case, no attributes on headings),
# and text "<" always as "&lt;", so these patterns only ever meet real tags.
HEADING_TAG = re.compile(r"<(/?)(h1|h5|h6)>")
_SAFE_HREF = re.compile(r"(?:https?://|mailto:)", re.IGNORECASE)


def _link_filter(tag: str, attribute: str, value: str) -> str | None:
    # Belt and braces on top of url_schemes: only absolute http(s) and mailto links.
    if tag == "a" and attribute == "href":
        value = value.strip()
        return value if _SAFE_HREF.match(value) else None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(CONTENT_REMOVED_TAGS),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    attribute_filter=_link_filter,
    url_schemes=set(URL_SCHEMES),
    # A relative link in a feed would point into our own site: drop it.
    url_relative="deny",
    link_rel=LINK_REL,
    strip_comments=True,
)


def sanitise_html(markup: str) -> str:
    """``markup`` with only the allowed tags, attributes and link schemes left."""
    if not markup:
        return ""
    cleaned = _CLEANER.clean(markup)
    return HEADING_TAG.sub(lambda m: f"<{m.group(1)}{HEADING_RENAMES[m.group(2)]}>", cleaned)


def truncate_words(text: str, count: int, *, ending: str = "…") -> str:
    """The first ``count`` words of ``text``, with ``ending`` if any were cut."""
    words = text.split()
    if len(words) <= count:
        return " ".join(words)
    return " ".join(words[:count]).rstrip(",;:.-–—") + ending
