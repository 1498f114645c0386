"""The public URL contract, one module a journey."""

from django.urls import path

from listings.views import health, pages

from . import alerts, moderation, posting, public

app_name = "listings"

urlpatterns = [
    path("", pages.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    *moderation.urlpatterns,  # before public: jobs/<id>/report/ would match jobs/<id>/<slug>/
    *public.urlpatterns,
    *posting.urlpatterns,
    *alerts.urlpatterns,
]
