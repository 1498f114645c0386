"""/jobs/: the search. Server-rendered; with htmx, the search area is swapped and the URL pushed."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.vary import vary_on_headers
from django_filters.views import FilterView
from django_htmx.http import push_url

from listings.models import Role
from listings.search import index as search
from listings.search.filters import FACETS, SORT_CHOICES, RoleFilter, search_url

PAGE_SIZE = 20


class KnownCountPaginator(Paginator):
    """A paginator told its count (from the cached facets) instead of running count(*)."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int | None
    checked: bool


@dataclass(frozen=True)
class OptionGroup:
    name: str
    legend: str
    options: list[Option]


@dataclass(frozen=True)
class Chip:
    label: str
    remove_url: str


def sort_choices(filterset: RoleFilter) -> list[tuple[str, str, bool]]:
    """(value, label, selected) for the sort menu; "" is the default (relevance with keywords)."""
    labels = dict(SORT_CHOICES)
    default = "relevance" if filterset.cleaned["q"] else "newest"
    chosen = filterset.explicit_sort or ""
    choices = [("", labels[default], chosen == "")]
    for value, label in SORT_CHOICES:
        if value != default and (value != "relevance" or filterset.cleaned["q"]):
            choices.append((value, label, chosen == value))
    return choices


def option_groups(filterset: RoleFilter, facets: dict) -> list[OptionGroup]:
    """Each filter's options with their facet counts (visa, state, workplace) and checked state."""
    groups = []
    for name in ("visa", "stream", "state", "workplace", "specialty"):
        field = filterset.form.fields[name]
        chosen = set(filterset.cleaned.get(name) or [])
        counts = facets.get(name) if name in FACETS else None
        groups.append(
            OptionGroup(
                name=name,
                legend=field.label,
                options=[
                    Option(
                        value=value,
                        label=label,
                        count=(counts or {}).get(value, 0) if counts is not None else None,
                        checked=value in chosen,
                    )
                    for value, label in field.choices
                ],
            )
        )
    return groups


def active_chips(filterset: RoleFilter) -> list[Chip]:
    """One removable chip per active filter value; removing one keeps the rest and the sort."""
    params = filterset.params
    sort = filterset.explicit_sort
    labels = {
        name: dict(field.choices)
        for name, field in filterset.form.fields.items()
        if hasattr(field, "choices")
    }
    chips = []
    for name, value in params.items():
        values = value if isinstance(value, list) else [value]
        for item in values:
            rest = dict(params)
            if isinstance(value, list):
                rest[name] = [v for v in value if v != item]
                if not rest[name]:
                    del rest[name]
            else:
                del rest[name]
            if name == "q":
                label = f"“{item}”"
            elif name == "salary_min":
                label = f"${item:,}+ a year"
            elif name == "sponsorship":
                label = "Sponsorship offered or not stated"
            else:
                label = labels.get(name, {}).get(item, item)
            chips.append(Chip(label=str(label), remove_url=search_url(rest, sort=sort)))
    return chips


CARD_PREFETCH = ("visa_subclasses", "specialties")


def role_cards(roles: list[Role]) -> list[str]:
    """Each role's card as HTML, from the cache where it is (keyed by the listing version and
    the role's last change); only the missing ones get their links fetched and are rendered."""
    version = search.listings_version()
    keys = {
        role.pk: f"listings:card:{version}:{role.pk}:{role.updated_at.timestamp() if role.updated_at else 0}"
        for role in roles
    }
    cards = cache.get_many(list(keys.values()))
    missing = [role for role in roles if keys[role.pk] not in cards]
    if missing:
        prefetch_related_objects(missing, *CARD_PREFETCH)
        fresh = {
            keys[role.pk]: render_to_string("partials/_role_card.html", {"role": role})
            for role in missing
        }
        cache.set_many(fresh, search.CACHE_SECONDS)
        cards.update(fresh)
    return [mark_safe(cards[keys[role.pk]]) for role in roles]  # noqa: S308 (our own rendering)


@method_decorator(vary_on_headers("HX-Request"), name="dispatch")
class RoleSearchView(FilterView):
    filterset_class = RoleFilter
    strict = False  # invalid values are dropped with a notice, never an empty page
    template_name = "listings/search.html"
    partial_template_name = "partials/_search.html"

    def get_queryset(self):
        return Role.objects.visible().for_cards()

    def get_paginate_by(self, queryset):
        return getattr(settings, "LISTING_PAGE_SIZE", PAGE_SIZE)

    def paginate_queryset(self, queryset, page_size):
        """Never a 404: a page past the end shows the last one, with a notice."""
        total = self.filterset.total()
        results = self.filterset.results(total)
        paginator = KnownCountPaginator(
            results, page_size, count=min(total, self.filterset.result_cap)
        )
        raw = self.request.GET.get("page", "1")
        page = paginator.get_page(raw)
        if raw not in ("", "1", str(page.number)):
            self.page_notice = (
                f"There is no page “{raw[:20]}” of these results, so this is page {page.number}."
            )
        return paginator, page, page.object_list, page.has_other_pages()

    def get_template_names(self):
        htmx = self.request.htmx
        if htmx and not htmx.history_restore_request:
            return [self.partial_template_name]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        facets = filterset.facets()
        params = filterset.params
        sort = filterset.sort_order
        explicit_sort = filterset.explicit_sort
        notices = filterset.notices
        if getattr(self, "page_notice", None):
            notices.append(self.page_notice)
        page = context["page_obj"]
        canonical = search_url(params, sort=explicit_sort, page=page.number)
        query = urlencode(
            {**params, **({"sort": explicit_sort} if explicit_sort else {})}, doseq=True
        )
        context.update(
            {
                "cards": role_cards(list(page.object_list)),
                "in_search": True,
                "facets_key": search.listings_cache_key("facets", params),
                "facets": facets,
                "total": facets["total"],
                "capped": facets["total"] > filterset.result_cap,
                "max_results": filterset.result_cap,
                "groups": option_groups(filterset, facets),
                "chips": active_chips(filterset),
                "notices": notices,
                "params": params,
                "sort": sort,
                "sort_choices": sort_choices(filterset),
                "page_query": f"{query}&" if query else "",
                "canonical_path": canonical,
                "feed_query": f"?{urlencode(params, doseq=True)}" if params else "",
                "page_range": page.paginator.get_elided_page_range(
                    page.number, on_each_side=1, on_ends=1
                ),
            }
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.request.htmx:
            response = push_url(response, context["canonical_path"])
        return response


role_search = RoleSearchView.as_view()
