"""/employers/ and /employers/<slug>/: employers with live sponsored roles."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from listings.employers.directory import employer_directory
from listings.models import Employer, Role, VisaSubclass

ROLES_PER_PAGE = 20


def employer_list(request):
    employers = employer_directory()
    subclasses = list(VisaSubclass.objects.filter(active=True))
    rows = [(e, [e.visa_counts.get(s.code, 0) for s in subclasses]) for e in employers]
    return render(
        request,
        "listings/employer_list.html",
        {"employers": employers, "rows": rows, "subclasses": subclasses},
    )


def employer_detail(request, slug: str):
    employer = get_object_or_404(Employer, slug=slug)
    # Employers appear once a moderator has approved one of their roles, never before.
    if not Role.objects.published().filter(employer=employer).exists():
        raise Http404("No published roles")
    listed = next((e for e in employer_directory() if e.pk == employer.pk), None)
    live_roles = listed.live_roles if listed else 0
    counts = listed.visa_counts if listed else {}
    subclasses = VisaSubclass.objects.filter(code__in=counts)
    paginator = Paginator(
        Role.objects.visible().filter(employer=employer).for_listing().newest(), ROLES_PER_PAGE
    )
    paginator.count = live_roles  # from the cached directory: no count(*) per request
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "listings/employer_detail.html",
        {
            "employer": employer,
            "page_obj": page,
            "roles": page.object_list,
            "live_roles": live_roles,
            "visa_counts": [(str(s), counts[s.code]) for s in subclasses],
            "page_query": "",
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        },
    )
