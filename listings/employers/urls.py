"""The employer directory (public) and the company profile (login required; members only)."""

from django.urls import path

from listings.employers import profile, views

urlpatterns = [
    path("employers/", views.employer_list, name="employer_list"),
    path("employers/<slug:slug>/", views.employer_detail, name="employer_detail"),
    path("employer/profile/", profile.employer_profile, name="employer_profile"),
    path("employer/<int:pk>/profile/", profile.employer_profile, name="employer_profile_edit"),
]
