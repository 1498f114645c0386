"""A role's page and an employer's page."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from listings.models import Employer, Role
from listings.visas import check_salary


def role_detail(request, pk: int, slug: str):
    role = get_object_or_404(Role.objects.published().for_listing(), pk=pk)
    if slug != role.slug:
        return redirect(role, permanent=True)
    today = timezone.localdate()
    salary_checks = [
        check_salary(stream, role.salary_min, today, salary_max=role.salary_max)
        for stream in role.visa_streams.all()
        if stream.threshold_name
    ]
    return render(
        request,
        "listings/role_detail.html",
        {"role": role, "salary_checks": salary_checks, "today": today},
    )


def employer_detail(request, slug: str):
    employer = get_object_or_404(Employer, slug=slug)
    roles = Role.objects.visible().filter(employer=employer).for_listing()
    return render(request, "listings/employer_detail.html", {"employer": employer, "roles": roles})
