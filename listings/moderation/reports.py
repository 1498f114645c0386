"""“Report this listing”: any visitor flags a live role for a moderator.

Open to everyone, so it is rate-limited per client IP and carries a honeypot field;
a bot that fills the honeypot is thanked and nothing is recorded.
"""

import logging

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django_ratelimit.core import is_ratelimited

from listings.models import ListingReport, Role
from listings.moderation.report_form import ReportForm
from listings.moderation.services import ReportError, report_create

logger = logging.getLogger(__name__)


def role_report(request, pk: int):
    role = get_object_or_404(Role.objects.visible().select_related("employer"), pk=pk)
    if request.method != "POST":
        initial = {}
        if request.GET.get("reason") in ListingReport.Reason.values:
            initial["reason"] = request.GET["reason"]
        return _form_page(request, role, ReportForm(initial=initial))
    form = ReportForm(request.POST)
    limited = is_ratelimited(
        request,
        group="listing-report-ip",
        key="ip",
        rate=settings.REPORT_RATE_LIMIT_IP,
        increment=True,
    )
    if limited:
        return _form_page(
            request,
            role,
            form,
            error="Too many reports have come from your network in the last hour. Please try "
            "again later, or e-mail us.",
            status=429,
        )
    if form.spam:
        logger.warning("report: honeypot filled for role %s", role.pk)
        return redirect("listings:role_report_thanks", pk=role.pk)
    if not form.is_valid():
        return _form_page(request, role, form, status=400)
    try:
        report_create(
            role=role,
            reason=form.cleaned_data["reason"],
            details=form.cleaned_data["details"],
            contact_email=form.cleaned_data["contact_email"],
        )
    except ReportError as exc:
        return _form_page(request, role, form, error=str(exc), status=400)
    return redirect("listings:role_report_thanks", pk=role.pk)


def role_report_thanks(request, pk: int):
    role = get_object_or_404(Role.objects.published().select_related("employer"), pk=pk)
    return render(request, "listings/report_thanks.html", {"role": role})


def _form_page(request, role: Role, form: ReportForm, *, error: str = "", status: int = 200):
    return render(
        request,
        "listings/report_form.html",
        {"role": role, "form": form, "error": error},
        status=status,
    )
