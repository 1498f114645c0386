"""Properties of the classifier over every labelled ad: typography and layout never change an answer.

Ads arrive with straight or typographic apostrophes and quotes, entities,
non-breaking spaces, and with the deciding sentence in a paragraph, a bullet or
under a heading. Each variant below is made from every offer and refusal in the
three labelled sets and must be classified as the ad itself is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from listings.rules.sponsorship import NOT_OFFERED, OFFERED, classify, detect_sponsorship
from listings.rules.text import html_to_text, normalise
from tests.test_sponsorship_eval import DEVELOPMENT_SETS, HOLDOUT, load

_TAG = re.compile(r"(<[^>]+>)")


def _in_text(change: Callable[[str], str]) -> Callable[[str], str]:
    """Apply ``change`` to the text of an HTML document, never inside a tag."""

    def changed(html: str) -> str:
        return "".join(part if _TAG.fullmatch(part) else change(part) for part in _TAG.split(html))

    return changed


def _curly_quotes(text: str) -> str:
    text = re.sub(r"(?<=\w)'|'(?=\s|$)", "\u2019", text)
    text = re.sub(r"'", "\u2018", text)
    text = re.sub(r'"(?=\w)', "\u201c", text)
    return text.replace('"', "\u201d")


def _typographic(text: str) -> str:
    return _curly_quotes(text).replace(" - ", " \u2013 ").replace(", ", ",\u00a0")


def _straight(text: str) -> str:
    return normalise(text)


def _entities(text: str) -> str:
    text = text.replace("\u2019", "&rsquo;").replace("'", "&#39;").replace("\u201c", "&ldquo;")
    return text.replace("\u201d", "&rdquo;").replace("\u2014", "&mdash;").replace(". ", ".&nbsp;")


TRANSFORMS = {
    "typographic": _in_text(_typographic),
    "straight": _in_text(_straight),
    "entity-encoded": _in_text(lambda text: _entities(_curly_quotes(text))),
}
ALL_SETS = [*sorted(DEVELOPMENT_SETS), HOLDOUT]
DECIDED = [
    pytest.param(ad, id=ad["id"])
    for name in ALL_SETS
    for ad in load(name)
    if ad["sponsorship"] in (OFFERED, NOT_OFFERED)
]


@pytest.mark.parametrize("transform", sorted(TRANSFORMS))
@pytest.mark.parametrize("ad", DECIDED)
def test_answer_survives_typography(ad, transform):
    original = classify(title=ad["title"], description_html=ad["description_html"])
    changed = classify(
        title=ad["title"], description_html=TRANSFORMS[transform](ad["description_html"])
    )
    assert (changed.sponsorship, changed.visas) == (original.sponsorship, original.visas)


# The deciding sentence alone, where it decides alone, keeps its answer in a list or under
# a heading, wherever else the ad puts it.
LAYOUTS = {
    "bullet in a list": "<p>About the role.</p><ul><li>Python</li><li>{sentence}</li><li>Hybrid work</li></ul>",
    "under a heading": "<h3>The fine print</h3><p>{sentence}</p><h3>How to apply</h3><p>Send a CV.</p>",
    "table cell": "<table><tr><td>Location</td><td>Sydney</td></tr><tr><td>{sentence}</td></tr></table>",
}
SELF_CONTAINED = [
    pytest.param(sentence, status, id=f"{ad['id']}")
    for name in ALL_SETS
    for ad in load(name)
    if ad["sponsorship"] in (OFFERED, NOT_OFFERED) and ad["evidence"]
    for sentence in [html_to_text(ad["evidence"])]
    for status in [detect_sponsorship(sentence)[0]]
    if status == ad["sponsorship"]
]


def test_most_deciding_sentences_decide_alone():
    decided = sum(ad["sponsorship"] in (OFFERED, NOT_OFFERED) for n in ALL_SETS for ad in load(n))
    assert len(SELF_CONTAINED) >= 0.8 * decided


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize(("sentence", "status"), SELF_CONTAINED)
def test_answer_survives_layout(sentence, status, layout):
    html = LAYOUTS[layout].format(sentence=sentence.replace("&", "&amp;").replace("<", "&lt;"))
    assert detect_sponsorship(html)[0] == status
