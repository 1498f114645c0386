from django.urls import path

from . import views

app_name = "listings"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("jobs/<int:pk>/<slug:slug>/", views.role_detail, name="role_detail"),
    path("employers/<slug:slug>/", views.employer_detail, name="employer_detail"),
]
