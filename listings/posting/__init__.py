"""Employers post and manage their roles: the form, its guidance, the dashboard, the writes."""
