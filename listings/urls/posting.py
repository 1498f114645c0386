"""Employer posting and dashboard."""

urlpatterns: list = []
