"""Search, role pages, employers and feeds out."""

from django.urls import path

from listings.views import roles

urlpatterns = [
    path("jobs/<int:pk>/<slug:slug>/", roles.role_detail, name="role_detail"),
    path("employers/<slug:slug>/", roles.employer_detail, name="employer_detail"),
]
