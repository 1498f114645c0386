"""/alerts/: sign up for a search by e-mail, confirm, unsubscribe, and manage alerts.

Signing up is open to everyone, so it is rate-limited per client IP and per address and
carries a honeypot. Each alert is managed through the secret token in its e-mails' links
(no log-in); signed-in users also see all of theirs at /alerts/. Unsubscribing accepts the
RFC 8058 one-click POST from mail clients, which carries no CSRF token.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from listings.alerts.forms import AlertForm, AlertFrequencyForm
from listings.alerts.matching import (
    alert_links,
    confirm_token_search,
    search_describe,
    search_normalise,
    search_parts,
    search_path,
)
from listings.alerts.services import (
    AlertError,
    AlertLimitReached,
    AlertTokenExpired,
    AlertTokenInvalid,
    alert_confirm,
    alert_create,
    alert_resume,
    alert_set_frequency,
    alert_unsubscribe,
    email_normalise,
)
from listings.models import JobAlert

logger = logging.getLogger(__name__)

RATE_PERIODS = {"s": "a second", "m": "a minute", "h": "an hour", "d": "a day"}


def _rate_words(rate: str) -> str:
    """ "5/h" as "5 an hour"."""
    count, _, period = rate.partition("/")
    return f"{count} {RATE_PERIODS.get(period[-1:], 'per ' + period)}"


# --- Sign up ---------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def alert_create_view(request):
    """GET: the sign-up form for the search in the querystring. POST: save it, e-mail the link."""
    if request.method != "POST":
        search = search_normalise(request.GET)
        initial = {"search": search}
        if request.user.is_authenticated:
            initial["email"] = request.user.email
        return _create_page(request, AlertForm(initial=initial), search)

    search = search_normalise(request.POST.get("search", "")[:4000])
    data = request.POST.copy()
    data["search"] = search  # a re-rendered form carries the normalised search
    form = AlertForm(data)
    if is_ratelimited(
        request,
        group="alert-create-ip",
        key="ip",
        rate=settings.ALERT_RATE_LIMIT_IP,
        increment=True,
    ):
        return _create_page(
            request,
            form,
            search,
            error="Too many alerts have been requested from your network "
            f"({_rate_words(settings.ALERT_RATE_LIMIT_IP)} at most). Please try again later.",
            status=429,
        )
    if form.spam:
        logger.warning("alert sign-up: honeypot filled")
        return redirect(_check_inbox_url(search))
    if not form.is_valid():
        return _create_page(request, form, search, status=400)
    email = email_normalise(form.cleaned_data["email"])
    if is_ratelimited(
        request,
        group="alert-create-email",
        key=lambda _group, _request: email,
        rate=settings.ALERT_RATE_LIMIT_EMAIL,
        increment=True,
    ):
        return _create_page(
            request,
            form,
            search,
            error="We have sent this address several confirmation e-mails already "
            f"({_rate_words(settings.ALERT_RATE_LIMIT_EMAIL)} at most). Please check your inbox "
            "(and spam folder), or try again later.",
            status=429,
        )
    try:
        alert_create(
            email=email,
            search=search,
            frequency=form.cleaned_data["frequency"],
            user=request.user,
        )
    except AlertLimitReached as exc:
        return _create_page(request, form, search, error=str(exc), status=429)
    except AlertError as exc:
        return _create_page(request, form, search, error=str(exc), status=400)
    messages.success(request, f"We sent a confirmation link to {email}.")
    return redirect(_check_inbox_url(search))


def _check_inbox_url(search: str) -> str:
    url = reverse("listings:alert_check_inbox")
    return f"{url}?{urlencode({'search': search})}" if search else url


def _create_page(request, form, search: str, *, error: str = "", status: int = 200):
    return render(
        request,
        "alerts/create.html",
        {
            "form": form,
            "search": search,
            "search_parts": search_parts(search),
            "search_url": search_path(search),
            "error": error,
        },
        status=status,
    )


def alert_check_inbox(request):
    search = search_normalise(request.GET.get("search", "")[:4000])
    return render(
        request,
        "alerts/check_inbox.html",
        {
            "search_text": search_describe(search),
            "search_url": search_path(search),
            "confirm_days": settings.ALERT_CONFIRM_MAX_AGE // 86400,
        },
    )


# --- Links from the e-mails (no log-in) -------------------------------------------------


@never_cache
def alert_confirm_view(request, token: str):
    """The double opt-in link: the alert is on from now (following it again changes nothing)."""
    try:
        alert = alert_confirm(token=token)
    except AlertTokenExpired as exc:
        search = confirm_token_search(token)
        return render(
            request,
            "alerts/confirm_failed.html",
            {
                "message": str(exc),
                "subscribe_url": reverse("listings:alert_create")
                + (f"?{search}" if search else ""),
            },
            status=400,
        )
    except AlertTokenInvalid as exc:
        return render(
            request,
            "alerts/confirm_failed.html",
            {"message": str(exc), "subscribe_url": reverse("listings:alert_create")},
            status=404,
        )
    return render(request, "alerts/confirmed.html", _alert_context(alert))


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" with no cookie or token
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def alert_unsubscribe_view(request, token: str):
    """GET: a page with one button (link scanners only GET). POST: unsubscribed, one click."""
    alert = JobAlert.objects.filter(token=token).first()
    if alert is None:
        return render(request, "alerts/gone.html", status=404)
    if request.method == "POST":
        alert_unsubscribe(alert=alert)
        return render(request, "alerts/unsubscribed.html", _alert_context(alert))
    return render(request, "alerts/unsubscribe.html", _alert_context(alert))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def alert_manage_view(request, token: str):
    """One alert, from the link in its e-mails: how often, unsubscribe, turn back on."""
    alert = JobAlert.objects.filter(token=token).first()
    if alert is None:
        return render(request, "alerts/gone.html", status=404)
    if request.method == "POST":
        return _alert_action(request, alert, next_url=request.path)
    context = _alert_context(alert)
    context["frequency_form"] = AlertFrequencyForm(initial={"frequency": alert.frequency})
    return render(request, "alerts/manage.html", context)


# --- Signed-in users: every alert of theirs on one page ---------------------------------


@login_required
def alert_list_view(request):
    alerts = list(JobAlert.objects.owned_by(request.user).order_by("-created_at", "-id"))
    rows = [
        {
            "alert": alert,
            "search": search_describe(alert.query),
            "search_url": search_path(alert.query),
            "manage_url": reverse("listings:alert_manage", args=[alert.token]),
        }
        for alert in alerts
    ]
    return render(
        request,
        "alerts/list.html",
        {"rows": rows, "frequencies": JobAlert.Frequency.choices},
    )


@login_required
@require_POST
def alert_update_view(request, pk: int):
    alert = get_object_or_404(JobAlert.objects.owned_by(request.user), pk=pk)
    return _alert_action(request, alert, next_url=reverse("listings:alert_list"))


# --- Shared -----------------------------------------------------------------------------


def _alert_context(alert: JobAlert) -> dict:
    return {
        "alert": alert,
        "search_text": search_describe(alert.query),
        "search_parts": search_parts(alert.query),
        "links": alert_links(alert),
        "manage_url": reverse("listings:alert_manage", args=[alert.token]),
        "unsubscribe_url": reverse("listings:alert_unsubscribe", args=[alert.token]),
        "search_url": search_path(alert.query),
    }


def _alert_action(request, alert: JobAlert, *, next_url: str):
    """The manage actions (POST ``action``): frequency, unsubscribe, resume; then back."""
    action = request.POST.get("action")
    search = search_describe(alert.query)
    try:
        if action == "frequency":
            form = AlertFrequencyForm(request.POST)
            if not form.is_valid():
                messages.error(request, "Choose daily or weekly.")
                return redirect(next_url)
            alert = alert_set_frequency(alert=alert, frequency=form.cleaned_data["frequency"])
            messages.success(
                request, f"“{search}” now comes {alert.get_frequency_display().lower()}."
            )
        elif action == "unsubscribe":
            alert_unsubscribe(alert=alert)
            messages.success(request, f"Unsubscribed from “{search}”.")
        elif action == "resume":
            alert_resume(alert=alert)
            messages.success(request, f"“{search}” is on again.")
        else:
            return HttpResponseBadRequest("Unknown action.")
    except AlertError as exc:
        messages.error(request, str(exc))
    return redirect(next_url)
