"""The employer directory: who has live roles, and for which visas."""

from django.core.cache import cache
from django.db.models import Count

from listings.models import Employer, Role
from listings.search import index as search


def employer_directory() -> list:
    """Employers with live roles, each with ``live_roles`` and ``visa_counts`` ({"482": 3}).

    Two grouped queries over the live roles, cached until the listings change
    (listings.search.index_roles) so the directory does not scan the table on each request.
    """
    key = search.listings_cache_key("employers", {})
    directory = cache.get(key)
    if directory is not None:
        return directory
    live = Role.objects.visible()
    totals = dict(
        live.order_by()
        .values_list("employer_id")
        .annotate(n=Count("id"))
        .values_list("employer_id", "n")
    )
    visa_counts: dict[int, dict[str, int]] = {}
    through = Role.visa_subclasses.through
    for employer_id, code, n in (
        through.objects.filter(role__in=live.values("id"))
        .order_by()
        .values_list("role__employer_id", "visasubclass__code")
        .annotate(n=Count("role_id"))
    ):
        visa_counts.setdefault(employer_id, {})[code] = n
    directory = list(Employer.objects.filter(id__in=totals).order_by("name"))
    for employer in directory:
        employer.live_roles = totals[employer.id]
        employer.visa_counts = visa_counts.get(employer.id, {})
    cache.set(key, directory, search.CACHE_SECONDS)
    return directory
