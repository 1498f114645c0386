"""The home page: a search box, visa shortcuts and the newest roles."""

from django.shortcuts import render

from listings.models import Role, VisaSubclass
from listings.search.filters import RoleFilter


def home(request):
    roles = Role.objects.visible().for_listing().newest()[:20]
    return render(
        request,
        "listings/home.html",
        {
            "roles": roles,
            # Cached with the search facets: no count(*) over the table per request.
            "live_count": RoleFilter({"sponsorship": "any"}).total(),
            "subclasses": VisaSubclass.objects.filter(active=True),
        },
    )
