"""A role's page: everything a seeker needs to decide, with its JobPosting JSON-LD while live."""

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from listings.models import Role
from listings.search.jsonld import job_posting, json_ld_script
from listings.visas import role_salary_checks, visa_reference


def report_url(role: Role) -> str:
    """Where "report this listing" goes: the report form once it exists, e-mail until then."""
    try:
        return reverse("listings:role_report", kwargs={"pk": role.pk})
    except NoReverseMatch:
        return f"mailto:{settings.SERVER_EMAIL}?subject=Report: role {role.pk}"


def role_detail(request, pk: int, slug: str = ""):
    """The role's page; its id alone, or an old title in the slug, redirects to the current URL."""
    role = get_object_or_404(Role.objects.published().for_listing(), pk=pk)
    if slug != role.slug:
        return redirect(role, permanent=True)
    today = timezone.localdate()
    # The salary rule for every visa offered (reference data: three queries, whatever the visas).
    salary_checks = role_salary_checks(role, on=today, reference=visa_reference())
    live = role.is_live
    nonce = getattr(request, "csp_nonce", None)  # lazy: bool() of it is False until read
    json_ld = (
        json_ld_script(job_posting(role), nonce=str(nonce) if nonce is not None else "")
        if live
        else ""
    )
    return render(
        request,
        "listings/role_detail.html",
        {
            "role": role,
            "live": live,
            "salary_checks": salary_checks,
            "today": today,
            "json_ld": json_ld,
            "report_url": report_url(role),
        },
    )
