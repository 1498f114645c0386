"""/sitemap.xml: an index of the sections below, each paginated at 50,000 URLs."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from listings.models import Employer, Role


class PagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["listings:home", "listings:search", "listings:employer_list"]

    def location(self, item):
        return reverse(item)


class RoleSitemap(Sitemap):
    """Live roles only: never an unapproved, expired or closed one."""

    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Role.objects.visible().only("id", "slug", "updated_at").order_by("id")

    def lastmod(self, role):
        return role.updated_at


class EmployerSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        live = Role.objects.visible().values("employer_id")
        return Employer.objects.filter(id__in=live).only("slug", "updated_at").order_by("id")

    def lastmod(self, employer):
        return employer.updated_at


sitemaps = {"pages": PagesSitemap, "roles": RoleSitemap, "employers": EmployerSitemap}
