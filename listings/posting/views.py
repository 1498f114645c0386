"""The posting form: /post/ (and a role's edit page) → preview → submit → pending.

The form round-trips without JavaScript: "Preview" validates and shows the ad as
candidates will see it, with every value kept in hidden fields; "Submit for review"
validates again, checks the limits and calls the service. With JavaScript, htmx
refreshes the visa guidance beside the form as the employer types.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from listings.models import Employer, Role
from listings.posting.forms import RoleForm
from listings.posting.services import PostingError, role_actions, role_submit, role_update

logger = logging.getLogger(__name__)

RATE_PERIODS = {"s": "a second", "m": "a minute", "h": "an hour", "d": "a day"}


def _rate_words(rate: str) -> str:
    """ "10/h" as "10 an hour"."""
    count, _, period = rate.partition("/")
    return f"{count} {RATE_PERIODS.get(period[-1:], 'per ' + period)}"


def submission_limit_message(request) -> str | None:
    """Count this submission against the per-user and per-IP limits; a message when over."""
    over_user = is_ratelimited(
        request,
        group="posting-submit-user",
        key="user",
        rate=settings.POSTING_RATE_LIMIT_USER,
        increment=True,
    )
    over_ip = is_ratelimited(
        request,
        group="posting-submit-ip",
        key="ip",
        rate=settings.POSTING_RATE_LIMIT_IP,
        increment=True,
    )
    if over_user:
        return (
            "You have reached the limit of "
            f"{_rate_words(settings.POSTING_RATE_LIMIT_USER)} submissions for one account. "
            "Nothing was lost: your role is kept below. Please submit it again later."
        )
    if over_ip:
        return (
            "Too many roles have been submitted from your network "
            f"({_rate_words(settings.POSTING_RATE_LIMIT_IP)} at most). Nothing was lost: your "
            "role is kept below. Please submit it again later."
        )
    return None


def employers_of(user) -> list[Employer]:
    return list(Employer.objects.filter(memberships__user=user).order_by("name"))


@login_required
def role_create(request):
    employers = employers_of(request.user)
    if not employers:
        messages.info(
            request, "Before your first role, tell candidates who you are: your company profile."
        )
        return redirect(f"{reverse('listings:employer_profile')}?next={reverse('listings:post')}")
    return _posting(request, employers=employers, role=None)


@login_required
def role_edit(request, pk: int):
    role = get_object_or_404(Role.objects.owned_by(request.user).select_related("employer"), pk=pk)
    if not role_actions(role).edit:
        messages.error(
            request,
            f"A role that is {role.get_status_display().lower()} cannot be edited: renew or "
            "duplicate it instead.",
        )
        return redirect("listings:dashboard")
    return _posting(request, employers=[role.employer], role=role)


def _posting(request, *, employers: list[Employer], role: Role | None):
    initial = RoleForm.initial_from_role(role) if role else {}
    if request.method != "POST":
        return _form_page(request, RoleForm(employers=employers, initial=initial), role)
    form = RoleForm(request.POST, employers=employers, initial=initial)
    action = request.POST.get("action", "preview")
    if action == "edit" or not form.is_valid():
        if form.spam:
            logger.warning("posting: honeypot filled by user %s", request.user.pk)
        return _form_page(request, form, role)
    if action != "submit":
        return _preview_page(request, form, role)
    limit = submission_limit_message(request)
    if limit:
        return _preview_page(request, form, role, error=limit, status=429)
    try:
        if role is None:
            saved = role_submit(
                employer=form.chosen_employer, user=request.user, data=form.to_role_input()
            )
        else:
            saved = role_update(role=role, user=request.user, data=form.to_role_input())
    except PostingError as exc:
        return _preview_page(request, form, role, error=str(exc), status=429)
    return redirect("listings:post_submitted", pk=saved.pk)


def _guidance_url(role: Role | None) -> str:
    if role is None:
        return reverse("listings:post_guidance")
    return reverse("listings:role_edit_guidance", kwargs={"pk": role.pk})


def _form_page(request, form: RoleForm, role: Role | None):
    return render(
        request,
        "posting/form.html",
        {
            "form": form,
            "role": role,
            "guidance": form.guidance(),
            "guidance_url": _guidance_url(role),
        },
    )


def _preview_page(request, form: RoleForm, role: Role | None, *, error: str = "", status=200):
    data = form.cleaned_data
    return render(
        request,
        "posting/preview.html",
        {
            "form": form,
            "role": role,
            "preview": form.preview_role(),
            "subclasses": data["visa_subclasses"],
            "streams": data["visa_streams"],
            "specialties": data["specialties"],
            "guidance": form.guidance(),
            "limit_error": error,
        },
        status=status,
    )


@login_required
@require_POST
def guidance(request, pk: int | None = None):
    """The guidance panel for the form's current values (an htmx partial)."""
    if is_ratelimited(
        request,
        group="posting-guidance",
        key="user",
        rate=settings.POSTING_GUIDANCE_RATE_LIMIT,
        increment=True,
    ):
        return HttpResponse("Too many requests; the guidance will update on preview.", status=429)
    if pk is None:
        employers = employers_of(request.user)
    else:
        role = get_object_or_404(
            Role.objects.owned_by(request.user).select_related("employer"), pk=pk
        )
        employers = [role.employer]
    form = RoleForm(request.POST, employers=employers)
    return render(request, "posting/_guidance.html", {"guidance": form.guidance()})


@login_required
def role_submitted(request, pk: int):
    role = get_object_or_404(Role.objects.owned_by(request.user).select_related("employer"), pk=pk)
    return render(request, "posting/submitted.html", {"role": role})
