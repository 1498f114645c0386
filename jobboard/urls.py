"""URLs: the public site, accounts and the admin. The public contract is in README "URLs"."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("listings.urls")),
]
