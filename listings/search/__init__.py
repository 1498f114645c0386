"""Seekers find and read roles: the search index, RoleFilter, /jobs/, role pages, feeds out, JSON-LD, sitemaps."""
