"""RoleFilter: the search of the public contract (/jobs/, its feeds, and e-mail alerts).

Usable outside a view with any mapping of parameters::

    RoleFilter({"visa": ["482"], "state": "NSW", "q": "pytorch"}).qs

Unknown or malformed values never raise: they are dropped, the rest of the search still
applies, and ``notices`` says in plain words what was ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import reduce
from operator import and_

import django_filters
from django import forms
from django.core.cache import cache
from django.db.models import Count, Q
from django.http import QueryDict
from django.urls import reverse
from django.utils.http import urlencode

from listings.models import Role
from listings.search import index as search

# No sort pages deeper than MAX_RESULTS, and relevance ranks only the newest RANK_CANDIDATES
# matches: the cost of a page stays flat however large the table grows.
MAX_RESULTS = 1000
RANK_CANDIDATES = 500

SPONSORSHIP_CHOICES = [("offered", "Offered"), ("any", "Offered or not stated")]
SORT_CHOICES = [("relevance", "Relevance"), ("newest", "Newest"), ("salary", "Highest salary")]
# The dimensions counted beside each option, each counted with the other filters applied.
FACETS = ("visa", "state", "workplace")
# Parameters that change which roles match (sort and page only change their order).
MATCH_PARAMS = (
    "q",
    "visa",
    "stream",
    "state",
    "workplace",
    "salary_min",
    "type",
    "specialty",
    "sponsorship",
)
LABELS = {
    "q": "keywords",
    "visa": "visa",
    "stream": "visa stream",
    "state": "state",
    "workplace": "workplace",
    "salary_min": "salary",
    "type": "employment type",
    "specialty": "specialty",
    "sponsorship": "sponsorship",
    "sort": "sort order",
}


def search_url(
    params: dict,
    *,
    sort: str | None = None,
    page: int | None = None,
    view: str = "listings:search",
) -> str:
    """The canonical /jobs/ URL of a normalised search (or of its feed, with ``view``)."""
    query = dict(params)
    if sort:
        query["sort"] = sort
    if page and page > 1:
        query["page"] = page
    encoded = urlencode(query, doseq=True)
    path = reverse(view)
    return f"{path}?{encoded}" if encoded else path


def _shown(raw: str) -> str:
    """A submitted value as a notice quotes it: printable characters, at most 40."""
    return "".join(ch for ch in raw if ch.isprintable())[:40]


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    """Keeps the values it knows and drops the rest, so one bad value does not void a search."""

    def clean(self, value):
        values = self.to_python(value)
        return [v for v in dict.fromkeys(values) if self.valid_value(v)]


class LenientMultipleChoiceFilter(django_filters.Filter):
    field_class = LenientMultipleChoiceField


def as_querydict(data: Mapping | None) -> QueryDict:
    """Any mapping of parameters (a QueryDict, or a dict of values or lists) as a QueryDict."""
    if isinstance(data, QueryDict):
        return data
    query = QueryDict(mutable=True)
    for key, value in (data or {}).items():
        values = value if isinstance(value, list | tuple) else [value]
        query.setlist(key, [str(v) for v in values if v is not None])
    return query


class RankedRoles:
    """Roles by relevance, sliced as a paginator does: each slice is one ranking query."""

    def __init__(self, queryset, q: str, *, count: int):
        self.queryset = queryset
        self.q = q
        self._count = min(count, RANK_CANDIDATES)

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, item):
        if not isinstance(item, slice) or item.step is not None:
            raise TypeError("RankedRoles only takes slices")
        start, stop = item.start or 0, min(item.stop or RANK_CANDIDATES, RANK_CANDIDATES)
        if start >= stop:
            return []
        return list(
            self.queryset.ranked_slice(self.q, candidates=RANK_CANDIDATES, start=start, stop=stop)
        )


class RoleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Keywords", max_length=200, method="filter_by_condition")
    visa = LenientMultipleChoiceFilter(label="Visa subclass", method="filter_by_condition")
    stream = LenientMultipleChoiceFilter(label="Visa stream", method="filter_by_condition")
    state = LenientMultipleChoiceFilter(
        label="State or territory", choices=Role.State.choices, method="filter_by_condition"
    )
    workplace = LenientMultipleChoiceFilter(
        label="Workplace", choices=Role.Workplace.choices, method="filter_by_condition"
    )
    salary_min = django_filters.NumberFilter(
        label="Minimum salary (AUD a year)",
        min_value=0,
        max_value=10_000_000,
        decimal_places=0,
        method="filter_by_condition",
    )
    type = django_filters.ChoiceFilter(
        label="Employment type",
        choices=Role.EmploymentType.choices,
        empty_label="Any",
        method="filter_by_condition",
    )
    specialty = LenientMultipleChoiceFilter(label="Specialty", method="filter_by_condition")
    sponsorship = django_filters.ChoiceFilter(
        label="Sponsorship", choices=SPONSORSHIP_CHOICES, empty_label=None, method="filter_noop"
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by", choices=SORT_CHOICES, empty_label=None, method="filter_noop"
    )

    class Meta:
        model = Role
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = Role.objects.visible()
        # Always bound: the defaults (sponsorship offered, sort) apply to an empty search too.
        super().__init__(as_querydict(data), queryset, request=request, prefix=prefix)
        # The reference data: three small queries, cached until the listings change.
        reference = search.reference_data()
        self.reference_ids = {}
        for name, rows in reference.items():
            self.filters[name].extra["choices"] = [(key, label) for key, label, _id in rows]
            self.reference_ids[name] = {key: pk for key, _label, pk in rows}

    # One method a parameter, each a condition in RoleQuerySet's vocabulary, so that the
    # facet counts can combine them (every filter but a facet's own).

    def condition(self, name: str, value):
        """The condition parameter ``name`` with a valid, non-empty ``value`` puts on roles."""
        roles = self.queryset
        if name == "q":
            return roles.keyword_condition(value)
        if name in ("visa", "stream", "specialty"):
            ids = [self.reference_ids[name][key] for key in value]
            return roles.linked_condition(name, value, ids=ids)
        if name == "state":
            return Q(state__in=value)
        if name == "workplace":
            return Q(workplace__in=value)
        if name == "salary_min":
            return Q(salary_max__gte=value) | Q(salary_max__isnull=True, salary_min__gte=value)
        if name == "type":
            return Q(employment_type=value)
        if name == "sponsorship":
            return Q(sponsorship=Role.Sponsorship.OFFERED) if value == "offered" else Q()
        raise KeyError(name)

    def filter_by_condition(self, queryset, name, value):
        return queryset.filter(self.condition(name, value))

    def filter_noop(self, queryset, name, value):
        return queryset  # applied in filter_queryset, after every other filter

    # The whole search.

    @property
    def cleaned(self) -> dict:
        """The valid values of every parameter (invalid ones dropped), defaults applied."""
        if not hasattr(self, "_cleaned"):
            self.form.is_valid()
            data = dict(self.form.cleaned_data)
            data["q"] = (data.get("q") or "").strip()
            data["sponsorship"] = data.get("sponsorship") or "offered"
            default_sort = "relevance" if data["q"] else "newest"
            sort = data.get("sort") or default_sort
            if sort == "relevance" and not data["q"]:
                sort = "newest"
            data["sort"] = sort
            self._cleaned = data
        return self._cleaned

    @property
    def params(self) -> dict:
        """The normalised search: only parameters that narrow it, in a stable form (cache keys, URLs)."""
        params = {}
        for name in MATCH_PARAMS:
            value = self.cleaned.get(name)
            if name == "sponsorship" and value == "offered":
                continue
            if value in (None, "", []):
                continue
            if isinstance(value, list):
                value = sorted(value)
            elif name == "salary_min":
                value = int(value)
            params[name] = value
        return params

    @property
    def sort_order(self) -> str:
        """The effective sort: the one asked for if valid, else relevance with keywords, else newest."""
        return self.cleaned["sort"]

    @property
    def explicit_sort(self) -> str | None:
        """The sort to keep in URLs: None when it is the default for the search."""
        default = "relevance" if self.cleaned["q"] else "newest"
        return None if self.sort_order == default else self.sort_order

    def conditions(self) -> dict:
        """The condition of every active parameter (sponsorship always: it defaults to offered)."""
        conditions = {}
        for name in MATCH_PARAMS:
            value = self.cleaned.get(name)
            if name == "salary_min" and value is not None:
                value = int(value)
            if value in (None, "", []):
                continue
            conditions[name] = self.condition(name, value)
        return conditions

    def filter_queryset(self, queryset, *, exclude: tuple[str, ...] = ()):
        """``queryset`` narrowed by every valid parameter except those named in ``exclude``."""
        for name, condition in self.conditions().items():
            if name not in exclude:
                queryset = queryset.filter(condition)
        return queryset

    @property
    def qs(self):
        """The matching roles in the chosen order; relevance ranks the newest RANK_CANDIDATES."""
        if not hasattr(self, "_qs"):
            queryset = self.filter_queryset(self.queryset.all())
            if self.sort_order == "relevance":
                queryset = queryset.ranked(self.cleaned["q"], candidates=RANK_CANDIDATES)
            elif self.sort_order == "salary":
                queryset = queryset.by_salary()
            else:
                queryset = queryset.newest()
            self._qs = queryset
        return self._qs

    @property
    def result_cap(self) -> int:
        """How many matches can be paged through in this order."""
        return RANK_CANDIDATES if self.sort_order == "relevance" else MAX_RESULTS

    def results(self, count: int):
        """What a paginator slices: ``qs``, or for relevance a RankedRoles ranking per page."""
        if self.sort_order == "relevance":
            return RankedRoles(
                self.filter_queryset(self.queryset.all()), self.cleaned["q"], count=count
            )
        return self.qs

    @property
    def notices(self) -> list[str]:
        """What was ignored, in plain words, e.g. 'We ignored visa "999": it is not a choice here.'"""
        notices = []
        form = self.form
        form.is_valid()
        for name, field in form.fields.items():
            label = LABELS.get(name, name)
            if isinstance(field, forms.MultipleChoiceField):
                kept = set(form.cleaned_data.get(name) or [])
                for raw in dict.fromkeys(self.data.getlist(name)):
                    if raw and raw not in kept:
                        notices.append(f"We ignored {label} “{_shown(raw)}”: it isn't one we list.")
            elif name in form.errors:
                raw = self.data.get(name, "")
                hint = " Enter whole dollars a year, e.g. 120000." if name == "salary_min" else ""
                notices.append(
                    f"We ignored {label} “{_shown(raw)}”: it isn't a value we understand.{hint}"
                )
        return notices

    # Facet counts, cached per normalised search and invalidated by listings.search.index_roles().

    def facets(self) -> dict:
        """Counts per option of each facet and the total, e.g. {"state": {"NSW": 12}, "total": 40}.

        Each facet is counted with every other filter applied but not its own (standard
        faceting), so an option's count is how many roles choosing it would add or keep.
        Computed in one query on a cache miss; none on a hit.
        """
        key = search.listings_cache_key("facets", self.params)
        facets = cache.get(key)
        if facets is None:
            facets = self._count_facets()
            cache.set(key, facets, search.CACHE_SECONDS)
        return facets

    def _count_facets(self) -> dict:
        """One aggregate query: the roles matching the non-facet filters, counted per option.

        Each option's count has a FILTER (WHERE ...) with the other facets' conditions and
        its own, so one pass over the matching roles gives every count and the total.
        """
        conditions = self.conditions()
        common = [c for name, c in conditions.items() if name not in FACETS]
        roles = self.queryset.all().order_by()
        for condition in common:
            roles = roles.filter(condition)

        def others(dimension: str) -> Q:
            return reduce(
                and_,
                (Q(c) for name, c in conditions.items() if name in FACETS and name != dimension),
                Q(),
            )

        aggregates = {"total": Count("pk", filter=others("") or None)}
        options = []
        for dimension in FACETS:
            for value, _label in self.form.fields[dimension].choices:
                alias = f"n{len(options)}"
                condition = others(dimension) & Q(self.condition(dimension, [value]))
                aggregates[alias] = Count("pk", filter=condition)
                options.append((alias, dimension, value))
        row = roles.aggregate(**aggregates)
        counts: dict = {name: {} for name in FACETS}
        for alias, dimension, value in options:
            counts[dimension][value] = row[alias]
        counts["total"] = row["total"]
        return counts

    def total(self) -> int:
        return self.facets()["total"]
