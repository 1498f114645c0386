"""The role classifier measured on the hand-labelled development set.

Labels are defined in /work/shared/eval/README.md. Targets: ML-role accuracy
>= 0.95; ``offered`` precision >= 0.95 and recall >= 0.90; subclasses exactly
right on >= 90% of the roles labelled offered. Evidence exact match is
reported without a target. Run with ``pytest -s`` (or ``-rA``) to see the report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from listings.sponsorship import OFFERED, Classification, classify

DEV_SET = Path(__file__).parent / "data" / "sponsorship_dev.jsonl"

ML_ACCURACY_TARGET = 0.95
OFFERED_PRECISION_TARGET = 0.95
OFFERED_RECALL_TARGET = 0.90
SUBCLASS_EXACT_TARGET = 0.90


@dataclass(frozen=True)
class Scored:
    ad: dict
    got: Classification


@dataclass(frozen=True)
class Report:
    ml_accuracy: float
    offered_precision: float
    offered_recall: float
    subclass_exact: float
    evidence_exact: float
    sponsorship_accuracy: float
    misses: list[str]

    def summary(self) -> str:
        lines = [
            f"ML-role accuracy          {self.ml_accuracy:.3f}  (target >= {ML_ACCURACY_TARGET})",
            f"offered precision         {self.offered_precision:.3f}  (target >= {OFFERED_PRECISION_TARGET})",
            f"offered recall            {self.offered_recall:.3f}  (target >= {OFFERED_RECALL_TARGET})",
            f"subclasses exactly right  {self.subclass_exact:.3f}  (target >= {SUBCLASS_EXACT_TARGET}, of roles labelled offered)",
            f"evidence exact match      {self.evidence_exact:.3f}  (no target, of roles with a decisive sentence)",
            f"sponsorship 3-way acc.    {self.sponsorship_accuracy:.3f}  (no target)",
            f"misses: {len(self.misses)}",
            *(f"  {miss}" for miss in self.misses),
        ]
        return "\n".join(lines)


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 1.0


def _load_dev_set() -> list[dict]:
    with DEV_SET.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _score(ads: list[dict]) -> Report:
    scored = [
        Scored(ad, classify(title=ad["title"], description_html=ad["description_html"]))
        for ad in ads
    ]
    ml_right = sum(s.got.is_ml_role == s.ad["ml_role"] for s in scored)
    predicted_offered = [s for s in scored if s.got.sponsorship == OFFERED]
    labelled_offered = [s for s in scored if s.ad["sponsorship"] == OFFERED]
    true_offered = sum(s.ad["sponsorship"] == OFFERED for s in predicted_offered)
    subclasses_right = sum(tuple(sorted(s.ad["visas"])) == s.got.visas for s in labelled_offered)
    with_evidence = [s for s in scored if s.ad["evidence"]]
    evidence_right = sum(s.got.evidence == s.ad["evidence"] for s in with_evidence)
    sponsorship_right = sum(s.got.sponsorship == s.ad["sponsorship"] for s in scored)
    return Report(
        ml_accuracy=_ratio(ml_right, len(scored)),
        offered_precision=_ratio(true_offered, len(predicted_offered)),
        offered_recall=_ratio(true_offered, len(labelled_offered)),
        subclass_exact=_ratio(subclasses_right, len(labelled_offered)),
        evidence_exact=_ratio(evidence_right, len(with_evidence)),
        sponsorship_accuracy=_ratio(sponsorship_right, len(scored)),
        misses=[_describe_miss(s) for s in scored if _is_miss(s)],
    )


def _is_miss(s: Scored) -> bool:
    return (
        s.got.is_ml_role != s.ad["ml_role"]
        or s.got.sponsorship != s.ad["sponsorship"]
        or s.got.visas != tuple(sorted(s.ad["visas"]))
        or s.got.evidence != (s.ad["evidence"] or "")
    )


def _describe_miss(s: Scored) -> str:
    parts = [f"{s.ad['id']} {s.ad['title']!r}:"]
    if s.got.is_ml_role != s.ad["ml_role"]:
        parts.append(f"ml {s.got.is_ml_role} (label {s.ad['ml_role']})")
    if s.got.sponsorship != s.ad["sponsorship"]:
        parts.append(f"sponsorship {s.got.sponsorship} (label {s.ad['sponsorship']})")
    if s.got.visas != tuple(sorted(s.ad["visas"])):
        parts.append(f"visas {list(s.got.visas)} (label {sorted(s.ad['visas'])})")
    if s.got.evidence != (s.ad["evidence"] or ""):
        parts.append(f"evidence {s.got.evidence!r} (label {s.ad['evidence']!r})")
    return " ".join(parts)


@pytest.fixture(scope="module")
def report() -> Report:
    result = _score(_load_dev_set())
    print("\nRole classifier on the development set\n" + result.summary())
    return result


def test_dev_set_is_the_labelled_seventy():
    ads = _load_dev_set()
    assert len(ads) == 70
    assert sum(ad["ml_role"] for ad in ads) == 45


def test_ml_role_accuracy(report):
    assert report.ml_accuracy >= ML_ACCURACY_TARGET, report.summary()


def test_offered_precision(report):
    assert report.offered_precision >= OFFERED_PRECISION_TARGET, report.summary()


def test_offered_recall(report):
    assert report.offered_recall >= OFFERED_RECALL_TARGET, report.summary()


def test_subclasses_exactly_right_on_offered_roles(report):
    assert report.subclass_exact >= SUBCLASS_EXACT_TARGET, report.summary()
