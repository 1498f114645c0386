"""Feeds out: /jobs/feed/ (RSS 2.0) and /jobs/feed/atom/, the 50 newest roles of any search."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from listings.models import Role
from listings.search.filters import RoleFilter, search_url

FEED_SIZE = 50


class SearchFeed(Feed):
    """The same parameters as /jobs/; invalid values are ignored as they are on the page."""

    feed_type = Rss201rev2Feed
    author_name = "Sponsored ML Jobs Australia"
    view = "listings:search_feed"

    def get_object(self, request, *args, **kwargs):
        return RoleFilter(request.GET, queryset=Role.objects.visible(), request=request)

    def title(self, filterset):
        summary = describe(filterset)
        return f"Sponsored ML roles in Australia{': ' + summary if summary else ''}"

    def link(self, filterset):
        return search_url(filterset.params)

    def feed_url(self, filterset):
        """The feed's own address (atom:link rel=self), its search included: readers re-fetch it."""
        return search_url(filterset.params, view=self.view)

    def description(self, filterset):
        return (
            "The newest machine-learning roles in Australia with employer visa sponsorship "
            "that match this search."
        )

    def items(self, filterset):
        return (
            filterset.filter_queryset(filterset.queryset)
            .newest()
            .select_related("employer")
            .prefetch_related("visa_subclasses")[:FEED_SIZE]
        )

    def item_title(self, role):
        return f"{role.title} at {role.employer.name}"

    def item_description(self, role):
        visas = ", ".join(f"{s.code} {s.name}" for s in role.visa_subclasses.all())
        facts = [role.location_display, role.salary_display, f"Visas: {visas or 'not stated'}"]
        summary = " · ".join(fact for fact in facts if fact)
        if not role.sponsorship_evidence:
            evidence = ""
        elif role.posted_through_form:  # not words from an ad: say whose they are
            evidence = f" The employer's declaration: {role.sponsorship_evidence}"
        else:
            evidence = f" “{role.sponsorship_evidence}”"
        return f"{summary}.{evidence}"

    def item_link(self, role):
        return role.get_absolute_url()

    def item_guid(self, role):
        return f"role-{role.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, role):
        return role.posted_at or role.approved_at

    def item_updateddate(self, role):
        return role.updated_at

    def item_author_name(self, role):
        return role.employer.name

    def item_categories(self, role):
        return [f"{s.code} visa" for s in role.visa_subclasses.all()]


class SearchAtomFeed(SearchFeed):
    feed_type = Atom1Feed
    view = "listings:search_feed_atom"

    def subtitle(self, filterset):
        return self.description(filterset)


def describe(filterset: RoleFilter) -> str:
    """A short human summary of a search, e.g. 'visa 482, NSW, “pytorch”'."""
    parts = []
    params = filterset.params
    if params.get("q"):
        parts.append(f"“{params['q']}”")
    for name in ("visa", "stream", "state", "workplace", "specialty"):
        if params.get(name):
            label = "visa " if name == "visa" else ""
            parts.append(label + ", ".join(params[name]))
    if params.get("salary_min"):
        parts.append(f"${params['salary_min']:,}+")
    if params.get("type"):
        parts.append(params["type"].replace("_", "-"))
    return "; ".join(parts)
