"""The company profile: created by the employer's first user, edited by its members only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from listings.employers.forms import EmployerProfileForm
from listings.models import Employer, EmployerMembership
from listings.posting.services import employer_create, employer_update


def _next_url(request) -> str | None:
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return None


@login_required
def employer_profile(request, pk: int | None = None):
    """Create the user's company profile, or edit one they are a member of (others: 404)."""
    if pk is not None:
        employer = get_object_or_404(Employer.objects.filter(memberships__user=request.user), pk=pk)
    else:
        membership = (
            EmployerMembership.objects.filter(user=request.user)
            .select_related("employer")
            .order_by("created_at", "id")
            .first()
        )
        employer = membership.employer if membership else None
    initial = EmployerProfileForm.initial_from_employer(employer) if employer else {}
    form = EmployerProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if employer is None:
            employer = employer_create(user=request.user, **form.cleaned_data)
            messages.success(request, f"{employer.name} is set up. Now post your first role.")
        else:
            employer = employer_update(employer=employer, **form.cleaned_data)
            messages.success(request, f"Saved the profile of {employer.name}.")
        return redirect(_next_url(request) or "listings:dashboard")
    return render(
        request,
        "posting/employer_profile.html",
        {"form": form, "employer": employer, "next": _next_url(request) or ""},
    )
