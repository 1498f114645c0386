"""The role classifier measured on the hand-labelled ad sets.

Labels are defined in /work/shared/eval/README.md. Four development sets by
different authors (``sponsorship_dev.jsonl``, 70 ads, and ``sponsorship_dev2.jsonl``,
160 ads, from ../shared/eval; ``sponsorship_dev3.jsonl``, 150 ads written for this
board in other registers and layouts, and ``sponsorship_dev4.jsonl``, 150 ads of
the hard cases: indirect offers, distant and passive negation) must each reach the
targets: ML-role accuracy >= 0.97; ``offered``
precision >= 0.98 and recall >= 0.95; subclasses exactly right on >= 95% of the
roles labelled offered; no role labelled ``not_offered`` listed as sponsored.

``sponsorship_holdout.jsonl`` (120 ads) was written for this board without
looking at the rules and is never tuned on: its figures are reported, not
asserted, because they are the honest estimate of how the rules do on ads
nobody has seen. Run with ``pytest -s`` (or ``-rA``) to see every report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from listings.rules.sponsorship import NOT_OFFERED, OFFERED, Classification, classify
from listings.rules.text import html_to_text, normalise

DATA = Path(__file__).parent / "data"
DEVELOPMENT_SETS = {
    "sponsorship_dev.jsonl": 70,
    "sponsorship_dev2.jsonl": 160,
    "sponsorship_dev3.jsonl": 150,
    "sponsorship_dev4.jsonl": 150,
}
HOLDOUT = "sponsorship_holdout.jsonl"

ML_ACCURACY_TARGET = 0.97
OFFERED_PRECISION_TARGET = 0.98
OFFERED_RECALL_TARGET = 0.95
SUBCLASS_EXACT_TARGET = 0.95


@dataclass(frozen=True)
class Scored:
    ad: dict
    got: Classification


@dataclass(frozen=True)
class Report:
    name: str
    ads: int
    ml_accuracy: float
    offered_precision: float
    offered_recall: float
    subclass_exact: float
    refusals_listed: int
    evidence_exact: float
    sponsorship_accuracy: float
    misses: list[str]

    def summary(self, *, misses: bool = True) -> str:
        lines = [
            f"{self.name} ({self.ads} ads)",
            f"  ML-role accuracy          {self.ml_accuracy:.3f}  (target >= {ML_ACCURACY_TARGET})",
            f"  offered precision         {self.offered_precision:.3f}  (target >= {OFFERED_PRECISION_TARGET})",
            f"  offered recall            {self.offered_recall:.3f}  (target >= {OFFERED_RECALL_TARGET})",
            f"  subclasses exactly right  {self.subclass_exact:.3f}  (target >= {SUBCLASS_EXACT_TARGET}, of roles labelled offered)",
            f"  refusals listed           {self.refusals_listed}  (target 0)",
            f"  evidence exact match      {self.evidence_exact:.3f}  (no target, of roles with a decisive sentence)",
            f"  sponsorship 3-way acc.    {self.sponsorship_accuracy:.3f}  (no target)",
            f"  misses: {len(self.misses)}",
            *(f"    {miss}" for miss in (self.misses if misses else ())),
        ]
        return "\n".join(lines)


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 1.0


def load(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _classify(ad: dict) -> Classification:
    return classify(title=ad["title"], description_html=ad["description_html"])


def _same_sentence(got: str, label: str | None) -> bool:
    # Labels give evidence with entities decoded and whitespace collapsed; typography aside,
    # the sentence must be the same one.
    return normalise(html_to_text(got)) == normalise(html_to_text(label or ""))


def score(name: str, ads: list[dict]) -> Report:
    scored = [Scored(ad, _classify(ad)) for ad in ads]
    predicted_offered = [s for s in scored if s.got.sponsorship == OFFERED]
    labelled_offered = [s for s in scored if s.ad["sponsorship"] == OFFERED]
    true_offered = sum(s.ad["sponsorship"] == OFFERED for s in predicted_offered)
    with_evidence = [s for s in scored if s.ad["evidence"]]
    return Report(
        name=name,
        ads=len(ads),
        ml_accuracy=_ratio(sum(s.got.is_ml_role == s.ad["ml_role"] for s in scored), len(scored)),
        offered_precision=_ratio(true_offered, len(predicted_offered)),
        offered_recall=_ratio(true_offered, len(labelled_offered)),
        subclass_exact=_ratio(
            sum(tuple(sorted(s.ad["visas"])) == s.got.visas for s in labelled_offered),
            len(labelled_offered),
        ),
        refusals_listed=sum(s.ad["sponsorship"] == NOT_OFFERED for s in predicted_offered),
        evidence_exact=_ratio(
            sum(_same_sentence(s.got.evidence, s.ad["evidence"]) for s in with_evidence),
            len(with_evidence),
        ),
        sponsorship_accuracy=_ratio(
            sum(s.got.sponsorship == s.ad["sponsorship"] for s in scored), len(scored)
        ),
        misses=[_describe_miss(s) for s in scored if _is_miss(s)],
    )


def _is_miss(s: Scored) -> bool:
    return (
        s.got.is_ml_role != s.ad["ml_role"]
        or s.got.sponsorship != s.ad["sponsorship"]
        or (s.ad["sponsorship"] == OFFERED and s.got.visas != tuple(sorted(s.ad["visas"])))
    )


def _describe_miss(s: Scored) -> str:
    parts = [f"{s.ad['id']} {s.ad['title']!r}:"]
    if s.got.is_ml_role != s.ad["ml_role"]:
        parts.append(f"ml {s.got.is_ml_role} (label {s.ad['ml_role']})")
    if s.got.sponsorship != s.ad["sponsorship"]:
        parts.append(f"sponsorship {s.got.sponsorship} (label {s.ad['sponsorship']})")
    elif s.got.visas != tuple(sorted(s.ad["visas"])):
        parts.append(f"visas {list(s.got.visas)} (label {sorted(s.ad['visas'])})")
    return " ".join(parts)


@pytest.fixture(scope="module", params=sorted(DEVELOPMENT_SETS))
def report(request) -> Report:
    result = score(request.param, load(request.param))
    print("\nRole classifier on a development set\n" + result.summary())
    return result


@pytest.mark.parametrize(("name", "count"), sorted(DEVELOPMENT_SETS.items()))
def test_development_sets_are_the_labelled_ads(name, count):
    ads = load(name)
    assert len(ads) == count
    assert {ad["sponsorship"] for ad in ads} == {"offered", "not_offered", "unknown"}


def test_ml_role_accuracy(report):
    assert report.ml_accuracy >= ML_ACCURACY_TARGET, report.summary()


def test_offered_precision(report):
    assert report.offered_precision >= OFFERED_PRECISION_TARGET, report.summary()


def test_offered_recall(report):
    assert report.offered_recall >= OFFERED_RECALL_TARGET, report.summary()


def test_subclasses_exactly_right_on_offered_roles(report):
    assert report.subclass_exact >= SUBCLASS_EXACT_TARGET, report.summary()


def test_no_refusal_is_listed_as_sponsored(report):
    assert report.refusals_listed == 0, report.summary()


def test_holdout_is_reported_and_never_asserted():
    """The held-out figures, for the README and the closing note (see module docstring)."""
    ads = load(HOLDOUT)
    assert len(ads) == 120
    # Figures only: which ads it misses is not shown, so that nobody tunes on them.
    report = score(HOLDOUT, ads).summary(misses=False)
    print("\nRole classifier on the held-out set (never tuned on)\n" + report)
