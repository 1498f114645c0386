"""The public URL contract, one module a journey."""

from django.urls import path

from listings.views import health, pages

from . import posting, public

app_name = "listings"

urlpatterns = [
    path("", pages.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    *public.urlpatterns,
    *posting.urlpatterns,
]
