"""The home page."""

from django.shortcuts import render

from listings.models import Role, VisaSubclass


def home(request):
    roles = Role.objects.visible().for_listing().order_by("-posted_at", "-id")[:20]
    return render(
        request,
        "listings/home.html",
        {
            "roles": roles,
            "live_count": Role.objects.visible().count(),
            "subclasses": VisaSubclass.objects.filter(active=True),
        },
    )
