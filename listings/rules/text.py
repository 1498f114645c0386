"""The one text normaliser: what an ad says, as lines and sentences, whatever markup and typography it came in.

``html_to_text`` gives the text a reader sees (entities decoded once, one line
per heading, list item, table cell or paragraph, whitespace collapsed,
zero-width characters gone), keeping the ad's own typography so that a quoted
sentence reads as the employer wrote it. ``normalise`` gives the form every
rule reads: a refusal typed with a typographic apostrophe ("we don’t
sponsor"), an entity (``&rsquo;``) or a straight ``'`` is then the same
sentence to the classifier, moderation and ingest. Pure functions over strings.
"""

from __future__ import annotations

import re
import unicodedata
from html import unescape

# Tags that end a line of text when rendered; everything else is inline. Headings, list
# items, table cells and definition terms each become a line, so a rule can read a
# heading ("Visa sponsorship") together with the answer under it ("Yes - 482 available").
_BLOCK_TAGS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl"}
    | {"dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5"}
    | {"h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary"}
    | {"table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
)
# Tags whose content is never shown to a reader (or is code, not prose).
_HIDDEN_TAGS = frozenset(
    {"script", "style", "template", "noscript", "head", "title", "svg", "math", "iframe"}
    | {"object", "textarea", "select"}
)
_HAS_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
# What follows a tag's name up to its end; attribute values may hold ">" inside quotes.
_TAG_REST = r"(?:\"[^\"]*\"|'[^']*'|[^'\">])*>"
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)" + _TAG_REST)
# Comments and hidden elements with everything inside them.
_HIDDEN = re.compile(
    r"<!--.*?-->|<(" + "|".join(sorted(_HIDDEN_TAGS)) + r")\b" + _TAG_REST + r".*?</\1\s*>",
    re.DOTALL | re.IGNORECASE,
)
_LINE_END = "\x00"  # marks a block boundary until entities are decoded

# Zero-width characters and the soft hyphen vanish; they only split words.
_INVISIBLE = dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", "")
# Typography mapped to the plain forms every rule is written in.
_PLAIN_FORMS = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4", "'"),  # ‘ ’ ‚ ‛ ′ ʼ ` ´
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),  # “ ” „ ‟ ″ « »
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    **_INVISIBLE,
}
# A regex over the few characters to change is many times faster than str.translate on
# the long, mostly unchanged texts of ads.
_PLAIN_FORM = re.compile("[" + "".join(_PLAIN_FORMS) + "]")
_INVISIBLE_CHARACTER = re.compile("[" + "".join(_INVISIBLE) + "]")
# Bullet characters start a new line: plain-text feeds list benefits as "• one • two".
# (The spaces around one go when lines are collapsed; a pattern that began with \s* would
# be tried at every position of the text.)
_BULLETS = re.compile(r"[\u2022\u25e6\u25aa\u25ab\u25b8\u25ba\u2023\u2043\u25cf\u2219]")


def normalise(text: str) -> str:
    """``text`` in Unicode NFKC with typographic apostrophes, quotes and dashes made plain.

    NFKC turns non-breaking and other odd spaces into plain ones and ligatures
    into letters; the table above does the rest.
    """
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", text)
    return _PLAIN_FORM.sub(lambda character: _PLAIN_FORMS[character[0]], text)


def _tag_to_text(tag: re.Match[str]) -> str:
    return _LINE_END if tag.group(2).lower() in _BLOCK_TAGS else ""


def html_to_text(html: str) -> str:
    """Visible text of ``html``: one line per block element, entities decoded once, typography kept.

    Text without any tag is taken as plain text, whose line breaks are kept:
    feeds that send plain descriptions separate paragraphs with them. Block
    tags become a marker and other tags nothing in one regex pass, then
    entities are decoded and the marker splits lines, so an encoded newline
    ("&#10;") is only spacing.
    """
    if not html:
        return ""
    if not _HAS_TAG.search(html):
        html = html.replace("\n", "<br>")
    text = unescape(_TAG.sub(_tag_to_text, _HIDDEN.sub("", html)))
    if not text.isascii():
        text = _BULLETS.sub(_LINE_END, _INVISIBLE_CHARACTER.sub("", text))
    lines = (" ".join(line.split()) for line in text.split(_LINE_END))
    return "\n".join(line for line in lines if line)


def plain_text(html: str) -> str:
    """The text of ``html`` on one line (meta descriptions, feeds, length checks).

    The result is plain text, not HTML: escape it like any other text.
    """
    return " ".join(html_to_text(html).split("\n"))


# A full stop or "!" (plus closing quotes/brackets), spaces, then what can start a sentence.
# "?" is not a break: ads pair a question with its answer ("Need a visa? We sponsor 482s.").
_SENTENCE_BREAK = re.compile(r"[.!]+[\"'”’)\]]*(\s+)(?=[\"'“‘(\[]?[A-Z0-9$])")
_LAST_WORD = re.compile(r"([\w.&]+)[.!]+[\"'”’)\]]*$")
_WORD_CHARACTER = re.compile(r"[\w.&]")
# Words whose full stop does not end a sentence (titles, street types, e.g./i.e.). Company
# suffixes are left out: "Join Acme Pty Ltd. We sponsor ..." is two sentences, and the
# lowercase word that follows "Co. runs ..." already keeps that one together.
_ABBREVIATIONS = (
    frozenset({"e.g", "eg", "i.e", "ie", "approx", "incl", "vs", "dept", "govt", "pty"})
    | frozenset({"dr", "mr", "mrs", "ms", "prof", "jr", "sr"})  # people
    | frozenset({"st", "mt", "ave", "rd"})  # addresses
)


def _last_word(line: str, start: int, end: int) -> str:
    """The word that the stop ending at ``end`` follows, lower-cased, without its dots."""
    # Only the last few characters matter; the whole sentence only when a word fills them.
    near = max(start, end - 16)
    ending = _LAST_WORD.search(line, near, end)
    if ending and ending.start() == near > start and _WORD_CHARACTER.match(line, near - 1):
        ending = _LAST_WORD.search(line, start, end)
    return ending.group(1).lower().rstrip(".") if ending else ""


def split_sentences(text: str) -> list[str]:
    """Sentences of plain ``text``; every line break also ends a sentence (list items, headings)."""
    return [sentence for line in split_lines(text) for sentence in line]


def split_lines(text: str) -> list[list[str]]:
    """The sentences of each line of plain ``text``, line by line (empty lines dropped)."""
    lines = []
    for line in text.split("\n"):
        sentences = [piece for piece in _split_line(line.strip()) if piece]
        if sentences:
            lines.append(sentences)
    return lines


# A bar between spaces separates the items of a one-line blurb ("Sydney | $180k | 482 avail").
_BAR = re.compile(r"\s+\|\s+")


def _split_line(line: str) -> list[str]:
    if " | " in line:
        return [piece for part in _BAR.split(line) for piece in _split_line(part)]
    if "." not in line and "!" not in line:
        return [line]  # no sentence break possible (list items, headings)
    pieces, start = [], 0
    for match in _SENTENCE_BREAK.finditer(line):
        word = _last_word(line, start, match.start(1))
        # An abbreviation or an initial ("J. Smith") does not end the sentence.
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        pieces.append(line[start : match.start(1)].strip())
        start = match.end(1)
    pieces.append(line[start:].strip())
    return pieces
