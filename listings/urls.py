"""The public URL contract, one module a product area (README "URLs")."""

from django.urls import path

from listings.alerts import urls as alerts
from listings.employers import urls as employers
from listings.moderation import urls as moderation
from listings.pages import health
from listings.pages import views as pages
from listings.posting import urls as posting
from listings.search import urls as search

app_name = "listings"

urlpatterns = [
    path("", pages.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    *moderation.urlpatterns,  # before search: jobs/<id>/report/ would match jobs/<id>/<slug>/
    *search.urlpatterns,
    *employers.urlpatterns,
    *posting.urlpatterns,
    *alerts.urlpatterns,
]
