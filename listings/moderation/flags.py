"""Moderation reads: the review queue, canned rejection reasons, and the flags that draw a moderator's eye.

Flags for a whole page of the queue are computed together, in a number of queries that
does not grow with the page: open reports come annotated on the queue rows, possible
duplicates are one query, the visa reference data (subclasses, streams, thresholds) is read
once for the page and the salary rule runs on values, and the candidate-pays phrase is
text work on rows already loaded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher

from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce

from listings.models import ListingReport, Role, VisaStream
from listings.rules.salary import SalaryCheck, VisaReference
from listings.rules.sponsorship import candidate_pays_phrase
from listings.visas import role_salary_checks, visa_reference

MODERATE_PERMISSION = "listings.moderate_role"


class RejectionReason(models.TextChoices):
    """What moderators most often tell an employer; the label is the sentence the employer reads."""

    NO_SPONSORSHIP = (
        "no_sponsorship",
        "The ad does not clearly say that visa sponsorship is offered for this role.",
    )
    CANDIDATE_PAYS = (
        "candidate_pays",
        "The ad suggests the candidate pays for sponsorship or visa costs. Charging a worker "
        "for sponsorship is illegal in Australia.",
    )
    BELOW_THRESHOLD = (
        "below_threshold",
        "The salary is below the income threshold of the visa stream offered.",
    )
    NOT_ML = ("not_ml", "This is not a machine-learning role, which is all this board lists.")
    DUPLICATE = ("duplicate", "This role is already listed.")
    NOT_AUSTRALIA = ("not_australia", "The role is not based in Australia.")
    INCOMPLETE = (
        "incomplete",
        "The ad is missing what candidates need: the duties, the location or how to apply.",
    )
    OTHER = ("other", "Other (write the reason below)")


def rejection_text(*, canned: str, note: str = "") -> str:
    """The reason the employer reads: the canned sentence (unless "other") and the moderator's note."""
    note = " ".join(note.split())
    if canned == RejectionReason.OTHER or not canned:
        return note
    sentence = RejectionReason(canned).label
    return f"{sentence} {note}" if note else sentence


# --- The queue ---------------------------------------------------------------------------


def review_queue() -> models.QuerySet[Role]:
    """Pending roles and live roles with open reports: reported first, then oldest first.

    Each row carries ``open_report_count`` and ``has_open_reports``; the pending part is
    served by the partial index role_pending_queue_idx, the reports by report_open_idx.
    """
    open_reports = ListingReport.objects.filter(
        role=OuterRef("pk"), status=ListingReport.Status.OPEN
    )
    count = (
        open_reports.order_by().values("role").annotate(n=Count("id")).values("n")
    )  # one row per role: the grouped count
    return (
        Role.objects.annotate(
            has_open_reports=Exists(open_reports),
            open_report_count=Coalesce(Subquery(count), Value(0)),
        )
        .filter(
            Q(status=Role.Status.PENDING) | Q(status=Role.Status.APPROVED, has_open_reports=True)
        )
        .order_by(models.F("has_open_reports").desc(), "created_at", "id")
    )


def queue_for_display(queryset: models.QuerySet[Role]) -> models.QuerySet[Role]:
    """What a queue row shows (employer, feed, visas and streams), in a constant number of queries."""
    return queryset.select_related("employer", "source").prefetch_related(
        "visa_subclasses",
        Prefetch("visa_streams", queryset=VisaStream.objects.select_related("subclass")),
    )


def queue_counts() -> dict[str, int]:
    """{"pending": n, "reported": m}: for the admin index. One query."""
    reported = Exists(
        ListingReport.objects.filter(role=OuterRef("pk"), status=ListingReport.Status.OPEN)
    )
    return Role.objects.filter(status__in=[Role.Status.PENDING, Role.Status.APPROVED]).aggregate(
        pending=Count("id", filter=Q(status=Role.Status.PENDING)),
        reported=Count("id", filter=Q(reported, status=Role.Status.APPROVED)),
    )


# --- Flags -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PossibleDuplicate:
    id: int
    title: str
    status: str
    why: str  # "same feed listing" / "similar title and place" / "marked duplicate"


@dataclass(frozen=True)
class RoleFlags:
    open_reports: int
    duplicates: tuple[PossibleDuplicate, ...]
    salaries: tuple[SalaryCheck, ...]  # the salary rule, one check per visa offered
    candidate_pays: str  # the sentence, "" when none

    @property
    def below_threshold(self) -> tuple[SalaryCheck, ...]:
        return tuple(s for s in self.salaries if s.below)

    @property
    def labels(self) -> list[str]:
        """Short labels, most serious first."""
        labels = []
        if self.candidate_pays:
            labels.append("Candidate pays?")
        if self.open_reports:
            labels.append(f"{self.open_reports} open report{'s' if self.open_reports > 1 else ''}")
        if self.below_threshold:
            labels.append(
                "Salary below "
                + ", ".join(dict.fromkeys(s.threshold.name for s in self.below_threshold))
            )
        if self.duplicates:
            labels.append("Possible duplicate")
        return labels

    def __bool__(self) -> bool:
        return bool(self.labels)


def role_flags(
    roles: Sequence[Role], *, on: date, reference: VisaReference | None = None
) -> dict[int, RoleFlags]:
    """Flags for each of ``roles`` (loaded with queue_for_display), keyed by role id.

    Queries: one for possible duplicates and three for the visa reference data (unless
    ``reference`` is given): the same for 5 roles or 100.
    """
    roles = list(roles)
    if not roles:
        return {}
    duplicates = possible_duplicates(roles)
    reference = reference or visa_reference()
    counts = _open_report_counts(roles)
    return {
        role.id: RoleFlags(
            open_reports=counts.get(role.id, 0),
            duplicates=tuple(duplicates.get(role.id, ())),
            salaries=role_salary_checks(role, on=on, reference=reference),
            candidate_pays=candidate_pays_phrase(role.description)
            or candidate_pays_phrase(role.sponsorship_evidence),
        )
        for role in roles
    }


def _open_report_counts(roles: Sequence[Role]) -> dict[int, int]:
    # The queue annotates the count; a role loaded elsewhere costs one grouped query.
    if all(hasattr(role, "open_report_count") for role in roles):
        return {role.id: role.open_report_count for role in roles}
    return dict(
        ListingReport.objects.filter(
            role_id__in=[role.id for role in roles], status=ListingReport.Status.OPEN
        )
        .order_by()
        .values_list("role_id")
        .annotate(n=Count("id"))
    )


# --- Possible duplicates ------------------------------------------------------------------

_NON_WORD = re.compile(r"[^a-z0-9]+")
TITLE_SIMILARITY = 0.88
_OPEN_STATUSES = (Role.Status.PENDING, Role.Status.APPROVED)


def normalise_title(title: str) -> str:
    return " ".join(_NON_WORD.split(title.casefold())).strip()


def titles_similar(a: str, b: str) -> bool:
    """Same words, give or take punctuation, case and a small edit ("Engineer" / "Engineer II")."""
    a, b = normalise_title(a), normalise_title(b)
    if not a or not b:
        return False
    return a == b or SequenceMatcher(None, a, b).ratio() >= TITLE_SIMILARITY


def _place(role) -> tuple[str, str]:
    return (role["city"].casefold().strip(), role["state"])


def possible_duplicates(roles: Sequence[Role]) -> dict[int, list[PossibleDuplicate]]:
    """Other pending or live roles each of ``roles`` may duplicate, in one query.

    A match is the same ``dedupe_key`` (ingest's employer + title + place key), the same
    employer with a similar title in the same place, or the row a moderator or ingest
    marked it a duplicate of.
    """
    employer_ids = {role.employer_id for role in roles}
    keys = {role.dedupe_key for role in roles if role.dedupe_key}
    marked = {role.duplicate_of_id for role in roles if role.duplicate_of_id}
    condition = Q(employer_id__in=employer_ids, status__in=_OPEN_STATUSES) | Q(id__in=marked)
    if keys:
        condition |= Q(dedupe_key__in=keys, status__in=_OPEN_STATUSES)
    others = list(
        Role.objects.filter(condition)
        .order_by("id")
        .values("id", "employer_id", "title", "city", "state", "dedupe_key", "status")
    )
    by_id = {other["id"]: other for other in others}
    found: dict[int, list[PossibleDuplicate]] = {}
    for role in roles:
        mine = {"city": role.city, "state": role.state}
        matches: list[PossibleDuplicate] = []
        if role.duplicate_of_id and role.duplicate_of_id in by_id:
            other = by_id[role.duplicate_of_id]
            matches.append(
                PossibleDuplicate(other["id"], other["title"], other["status"], "marked duplicate")
            )
        for other in others:
            if other["id"] == role.id or other["id"] == role.duplicate_of_id:
                continue
            if other["status"] not in _OPEN_STATUSES:
                continue
            if role.dedupe_key and other["dedupe_key"] == role.dedupe_key:
                why = "same employer, title and place"
            elif (
                other["employer_id"] == role.employer_id
                and _place(other) == _place(mine)
                and titles_similar(other["title"], role.title)
            ):
                why = "similar title, same employer and place"
            else:
                continue
            matches.append(PossibleDuplicate(other["id"], other["title"], other["status"], why))
        if matches:
            found[role.id] = matches
    return found
