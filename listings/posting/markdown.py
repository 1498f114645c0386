"""Employer Markdown to the HTML we store: rendered by Markdown, then the site's one sanitiser."""

import markdown

from listings.html import sanitise_html
from listings.rules.text import plain_text

# Lists, tables and fenced code are what job ads use; raw HTML in the source is left to
# the sanitiser, which keeps only its allowlist.
EXTENSIONS = ["sane_lists", "tables", "fenced_code"]


def markdown_to_html(text: str) -> str:
    """Safe HTML for ``text`` (Markdown): only the sanitiser's tags, attributes and link schemes."""
    if not text or not text.strip():
        return ""
    return sanitise_html(markdown.markdown(text, extensions=EXTENSIONS, output_format="html"))


def markdown_to_text(text: str) -> str:
    """Plain text of ``text`` as it will read once rendered and sanitised."""
    return plain_text(markdown_to_html(text))
