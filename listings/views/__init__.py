"""Thin views: each reads through a queryset or calls a service, then renders."""

from .health import healthz
from .pages import home
from .roles import employer_detail, role_detail

__all__ = ["employer_detail", "healthz", "home", "role_detail"]
