"""Thin views, one module a journey: each reads through a queryset or calls a service, then renders."""
