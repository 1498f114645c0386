"""The one text normaliser: markup and typography in, the text a reader sees and the form rules read out."""

from __future__ import annotations

import pytest

from listings.rules.text import html_to_text, normalise, plain_text, split_lines, split_sentences


def test_html_to_text_breaks_blocks_decodes_entities_and_drops_scripts():
    html = (
        "<p>Hello&nbsp;world &amp; co.</p><ul><li>One</li><li>Two<br/>Three</li></ul>"
        "<script>var x = 1;</script><div>End <b>bold</b>.</div>"
    )
    assert html_to_text(html) == "Hello world & co.\nOne\nTwo\nThree\nEnd bold."


def test_html_to_text_keeps_line_breaks_of_plain_text():
    assert html_to_text("Line one\n\nLine  two &amp; more") == "Line one\nLine two & more"


@pytest.mark.parametrize(
    ("html", "lines"),
    [
        # Headings, table cells and definition terms are statements of their own.
        (
            "<h3>Visa sponsorship</h3><p>Yes – 482 available</p>",
            ["Visa sponsorship", "Yes – 482 available"],
        ),
        ("<table><tr><th>Sponsorship</th><td>Yes</td></tr></table>", ["Sponsorship", "Yes"]),
        ("<dl><dt>Work rights</dt><dd>Citizens only</dd></dl>", ["Work rights", "Citizens only"]),
        # Bullet characters in plain-text feeds start a line.
        (
            "Perks &#8226; Free lunch &bull; Visa sponsorship",
            ["Perks", "Free lunch", "Visa sponsorship"],
        ),
        # Entities are decoded once: an escaped entity stays text.
        ("<p>AT&amp;amp;T</p>", ["AT&amp;T"]),
        ("<p>5 &lt;b&gt; 6</p>", ["5 <b> 6"]),
        # Zero-width characters and soft hyphens do not split words.
        ("<p>spon\u200bsor\u00adship</p>", ["sponsorship"]),
        # Hidden content is never text.
        ("<p>a</p><svg><text>drawn</text></svg><template>t</template><p>b</p>", ["a", "b"]),
    ],
)
def test_html_to_text_lines(html, lines):
    assert html_to_text(html).split("\n") == lines


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        ("We don’t sponsor", "We don't sponsor"),
        ("We aren‘t", "We aren't"),
        ("“Yes”", '"Yes"'),
        ("Yes — 482 available", "Yes - 482 available"),
        ("$140,000 – $160,000", "$140,000 - $160,000"),
        ("non\u2011sponsored", "non-sponsored"),
        ("482\u00a0visa", "482 visa"),
        ("482\u202fvisa", "482 visa"),
        ("ﬁne-tuning", "fine-tuning"),  # a ligature
        ("ＡＩ engineer", "AI engineer"),  # full-width letters
        ("plain ascii stays", "plain ascii stays"),
    ],
)
def test_normalise(written, plain):
    assert normalise(written) == plain


def test_text_keeps_the_ads_typography_for_quoting():
    assert html_to_text("<p>We&rsquo;ll sponsor you</p>") == "We’ll sponsor you"


def test_split_sentences_keeps_abbreviations_and_questions_together():
    text = (
        "Join Acme Pty Ltd. We use e.g. PyTorch. Saltbush Data Co. runs it. Salary $1.5M.\n"
        "No working rights? We sponsor 482s."
    )
    assert split_sentences(text) == [
        "Join Acme Pty Ltd.",
        "We use e.g. PyTorch.",
        "Saltbush Data Co. runs it.",
        "Salary $1.5M.",
        "No working rights? We sponsor 482s.",
    ]


def test_split_sentences_after_a_typographic_closing_quote():
    assert split_sentences("We said “yes.” We sponsor 482s.") == [
        "We said “yes.”",
        "We sponsor 482s.",
    ]


def test_split_lines_keeps_paragraphs_apart():
    assert split_lines("We sponsor. 482 then 186.\nApply now") == [
        ["We sponsor.", "482 then 186."],
        ["Apply now"],
    ]


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>First para.</p><p>Second&nbsp;para.</p>", "First para. Second para."),
        ("<ul><li>PyTorch</li><li>JAX</li></ul>", "PyTorch JAX"),
        ("", ""),
    ],
)
def test_plain_text_is_one_line(markup, text):
    assert plain_text(markup) == text
