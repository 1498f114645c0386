"""E-mail alerts, the read side: a saved search, what it matches, when it is due, its e-mails.

A saved search is the /jobs/ querystring normalised by RoleFilter (``search_normalise``),
and an alert matches with RoleFilter itself (``alert_matches``): the page, its feeds and the
alerts share one definition of a search. Writes (create, confirm, send) are in
listings/services/alerts.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db.models import Exists, OuterRef, Q
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.http import urlencode

from listings.models import AlertDelivery, JobAlert, Role
from listings.notifications.emails import Email, absolute_url, email_render
from listings.rules.salary import VisaReference
from listings.search.filters import RoleFilter
from listings.visas import role_salary_checks, visa_reference

PERIODS = {
    JobAlert.Frequency.DAILY: timedelta(days=1),
    JobAlert.Frequency.WEEKLY: timedelta(days=7),
}
# A role's approved_at is stamped before its transaction commits (an ingest run stores a whole
# feed in one), so a digest also looks this far behind its watermark; the delivery table keeps
# the overlap from sending anything twice.
LATE_APPROVAL_MARGIN = timedelta(minutes=10)
CONFIRM_SALT = "listings.alerts.confirm"

# How each parameter reads in a description: "482 Skills in Demand · New South Wales".
_PART_LABELS = {
    "q": "Keywords",
    "visa": "Visa",
    "stream": "Visa stream",
    "state": "State",
    "workplace": "Workplace",
    "salary_min": "Salary",
    "type": "Employment type",
    "specialty": "Specialty",
    "sponsorship": "Sponsorship",
}


# --- The saved search ------------------------------------------------------------------


def search_filter(query: str, queryset=None) -> RoleFilter:
    """RoleFilter bound to a saved search (a querystring), over ``queryset`` (default: visible roles)."""
    return RoleFilter(data=QueryDict(query), queryset=queryset)


def search_normalise(data) -> str:
    """A search's parameters (QueryDict, dict or querystring) as the canonical querystring.

    Only the parameters that narrow the search, valid values only, lists sorted; the default
    sponsorship ("offered"), the sort and the page are dropped. ``visa=482&state=NSW``.
    """
    if isinstance(data, str):
        data = QueryDict(data)
    return urlencode(RoleFilter(data=data).params, doseq=True)


def search_path(query: str, *, sort: str | None = None) -> str:
    """The /jobs/ URL of a saved search."""
    params = QueryDict(query, mutable=True)
    if sort:
        params["sort"] = sort
    encoded = params.urlencode()
    path = reverse("listings:search")
    return f"{path}?{encoded}" if encoded else path


@dataclass(frozen=True)
class SearchPart:
    label: str
    text: str


def search_parts(query: str) -> list[SearchPart]:
    """The saved search in words, one part per parameter: [("Visa", "482 Skills in Demand"), ...]."""
    filterset = search_filter(query)
    params = filterset.params
    parts = []
    for name, value in params.items():
        if name == "q":
            text = f"“{value}”"
        elif name == "salary_min":
            text = f"at least ${value:,} a year"
        elif name == "sponsorship":
            text = "offered or not stated"
        else:
            choices = {str(k): str(v) for k, v in filterset.form.fields[name].choices}
            values = value if isinstance(value, list) else [value]
            text = " or ".join(choices.get(v, v) for v in values)
        parts.append(SearchPart(label=_PART_LABELS[name], text=text))
    return parts


def search_describe(query: str) -> str:
    """The saved search in one line, e.g. "482 Skills in Demand · New South Wales"."""
    parts = search_parts(query)
    if not parts:
        return "Every sponsored ML role"
    return " · ".join(part.text for part in parts)


# --- Matching --------------------------------------------------------------------------


def alert_matches(query: str, *, approved_after: datetime | None = None):
    """The roles a saved search matches: RoleFilter's own result over the visible roles,
    limited to those approved after ``approved_after`` when given (the page's search, unchanged)."""
    roles = Role.objects.visible()
    if approved_after is not None:
        roles = roles.filter(approved_at__gt=approved_after)
    return search_filter(query, queryset=roles).qs


def alert_window_start(alert: JobAlert) -> datetime:
    """Roles approved after this are new to the alert: its watermark (less the late-approval
    margin), never earlier than its confirmation."""
    start = alert.sent_through or alert.confirmed_at
    if start is None:
        raise ValueError("An unconfirmed alert has no new roles.")
    start -= LATE_APPROVAL_MARGIN
    return max(start, alert.confirmed_at) if alert.confirmed_at else start


def alert_new_roles(alert: JobAlert):
    """The matching roles approved since the watermark that no digest of this alert has held."""
    delivered = AlertDelivery.objects.filter(alert=alert).values("role_id")
    return alert_matches(alert.query, approved_after=alert_window_start(alert)).exclude(
        id__in=delivered
    )


# --- When -----------------------------------------------------------------------------


def _due_slack() -> timedelta:
    return timedelta(minutes=settings.ALERT_DUE_SLACK_MINUTES)


def alert_is_due(alert: JobAlert, *, now: datetime) -> bool:
    """Active, and its period (less the slack) has passed since a digest run last looked."""
    if not alert.is_active:
        return False
    if alert.last_checked_at is None:
        return True
    return alert.last_checked_at <= now - PERIODS[alert.frequency] + _due_slack()


def alerts_due(*, now: datetime):
    """Active alerts whose period has passed, and any with a digest whose send failed."""
    due = Q(last_checked_at__isnull=True)
    for frequency, period in PERIODS.items():
        due |= Q(frequency=frequency, last_checked_at__lte=now - period + _due_slack())
    unsent = AlertDelivery.objects.filter(alert=OuterRef("pk"), sent_at__isnull=True)
    return JobAlert.objects.active().filter(due | Exists(unsent)).order_by("id")


# --- Tokens and links -----------------------------------------------------------------


class ConfirmTokenExpired(Exception):
    """A confirmation link older than ALERT_CONFIRM_MAX_AGE."""


class ConfirmTokenInvalid(Exception):
    """A confirmation link that was never ours, or whose alert is gone."""


def confirm_token(alert: JobAlert) -> str:
    """A signed, timestamped token naming the alert (and a piece of its secret)."""
    return signing.dumps({"id": alert.pk, "t": alert.token[:10]}, salt=CONFIRM_SALT)


def confirm_token_alert(token: str, *, max_age: int | None = None) -> JobAlert:
    """The alert a confirmation token names; raises ConfirmTokenExpired or ConfirmTokenInvalid."""
    max_age = settings.ALERT_CONFIRM_MAX_AGE if max_age is None else max_age
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise ConfirmTokenExpired(str(exc)) from exc
    except signing.BadSignature as exc:
        raise ConfirmTokenInvalid(str(exc)) from exc
    alert = JobAlert.objects.filter(pk=data.get("id")).first() if isinstance(data, dict) else None
    if alert is None or not constant_time_compare(alert.token[:10], str(data.get("t", ""))):
        raise ConfirmTokenInvalid("No such alert.")
    return alert


def confirm_token_search(token: str) -> str | None:
    """The saved search of an expired (but genuine) token's alert, to offer subscribing again."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    alert = JobAlert.objects.filter(pk=data.get("id")).only("query").first()
    return alert.query if alert else None


@dataclass(frozen=True)
class AlertLinks:
    confirm: str
    manage: str
    unsubscribe: str
    search: str
    search_newest: str


def alert_links(alert: JobAlert) -> AlertLinks:
    """The absolute links an alert's e-mails carry."""
    return AlertLinks(
        confirm=absolute_url(reverse("listings:alert_confirm", args=[confirm_token(alert)])),
        manage=absolute_url(reverse("listings:alert_manage", args=[alert.token])),
        unsubscribe=absolute_url(reverse("listings:alert_unsubscribe", args=[alert.token])),
        search=absolute_url(search_path(alert.query)),
        search_newest=absolute_url(search_path(alert.query, sort="newest")),
    )


def alert_headers(alert: JobAlert) -> dict[str, str]:
    """RFC 2369 and RFC 8058 one-click unsubscribe: mail clients show an Unsubscribe button
    that POSTs "List-Unsubscribe=One-Click" to the link, no log-in, no cookie."""
    unsubscribe = absolute_url(reverse("listings:alert_unsubscribe", args=[alert.token]))
    return {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


# --- E-mails --------------------------------------------------------------------------


@dataclass(frozen=True)
class DigestRole:
    title: str
    employer: str
    location: str
    sponsorship: str  # Role.sponsorship_label
    visas: str
    salary: str
    thresholds: tuple[str, ...]  # the salary rule, one line per visa offered
    url: str


def digest_role(role: Role, *, on: date, reference: VisaReference) -> DigestRole:
    """What a digest says about a role (its visa subclasses and streams prefetched)."""
    visas = sorted(role.visa_subclasses.all(), key=lambda v: (v.order, v.code))
    offered = role.sponsorship == Role.Sponsorship.OFFERED
    checks = role_salary_checks(role, on=on, reference=reference)
    thresholds = tuple(f"{check.label}: {check.verdict}" for check in checks)
    if offered and not visas:
        thresholds = ("cannot check: the visa subclass is not stated",)
    return DigestRole(
        title=role.title,
        employer=role.employer.name,
        location=role.location_display,
        sponsorship=role.sponsorship_label,
        visas=", ".join(f"{v.code} {v.name}" for v in visas) or "Not stated",
        salary=role.salary_display or "Not stated",
        thresholds=thresholds,
        url=absolute_url(role.get_absolute_url()),
    )


def _alert_context(alert: JobAlert) -> dict:
    return {
        "alert": alert,
        "search": search_describe(alert.query),
        "search_parts": search_parts(alert.query),
        "frequency": alert.get_frequency_display().lower(),
        "links": alert_links(alert),
        "confirm_days": settings.ALERT_CONFIRM_MAX_AGE // 86400,
    }


def alert_confirmation_email(alert: JobAlert) -> Email:
    """The double opt-in e-mail (or, for an alert already on, where to manage it)."""
    return email_render("emails/alert_confirm", _alert_context(alert))


def alert_digest_email(alert: JobAlert, *, roles: list[Role], total: int) -> Email:
    """The digest: ``roles`` (newest first, at most ALERT_DIGEST_MAX_ROLES) of ``total`` new ones."""
    context = _alert_context(alert)
    today, reference = timezone.localdate(), visa_reference()  # read once for the digest
    context.update(
        {
            "roles": [digest_role(role, on=today, reference=reference) for role in roles],
            "total": total,
            "more": max(total - len(roles), 0),
        }
    )
    return email_render("emails/alert_digest", context)
