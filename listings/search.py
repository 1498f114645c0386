"""Search indexing, the conditions search filters by, and the listing cache.

Every write that changes what a role says or whether it is listed (ingest, posting,
moderation, expiry) ends with ``index_roles([ids])``, after its M2M rows are set:

- on PostgreSQL it recomputes, in one ``UPDATE ... FROM`` (the database function
  ``listings_roles_refresh``, migration 0007), each role's weighted ``search_vector``
  (title A; employer and specialty names B; description C) and the arrays
  ``visa_ids``/``stream_ids``/``specialty_ids`` that filters and facet counts read.
  These columns exist only in PostgreSQL; triggers also keep them right for writes
  that forget (admin edits, factories, bulk_create), so the call there is a
  refresh plus, above all, the cache invalidation below. A bulk load can
  ``SET LOCAL listings.defer_index = 'on'`` and call ``index_roles()`` once at the end.
- on every database it bumps the listing version: cached facet counts and totals are
  keyed by it, so they are recomputed on their next read.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import uuid
from collections.abc import Iterable, Mapping
from functools import reduce
from operator import add, and_, or_

from django.core.cache import cache
from django.db import DatabaseError, connections, transaction
from django.db.models import BooleanField, Case, FloatField, IntegerField, Q, Value, When
from django.db.models.expressions import Expression
from django.db.models.signals import m2m_changed, post_delete, post_save

# The text-search configuration of the stored vectors (listings_role_document) and of queries.
logger = logging.getLogger(__name__)

SEARCH_CONFIG = "english"
VERSION_KEY = "listings:version"
# Cached listing data also expires, because roles drop out of visible() when their
# closing date passes, before the expiry task gets to them.
CACHE_SECONDS = 600


def index_roles(role_ids: Iterable[int] | None = None, *, using: str = "default") -> None:
    """Refresh the search data of ``role_ids`` (None: every role) and invalidate cached listings.

    One statement whatever the number of roles. Call it after the write and after the
    role's visas, streams and specialties are set; inside a transaction the cache is
    invalidated again on commit.
    """
    connection = connections[using]
    if connection.vendor == "postgresql":
        ids = None if role_ids is None else [int(pk) for pk in role_ids]
        if ids != []:
            with connection.cursor() as cursor:
                cursor.execute("SELECT listings_roles_refresh(%s::bigint[])", [ids])
    invalidate_listings(using=using)


def flush_search_index(*, using: str = "default") -> None:
    """Merge the search index's pending list into its tree (PostgreSQL; migration 0012).

    A bulk load ends with this so the searches after it read no pending entries. Only the
    index's owner may do it; without that right the pending list is merged later by
    autovacuum or when it fills, so a refusal is logged and not raised.
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=using), connection.cursor() as cursor:
            cursor.execute("SELECT gin_clean_pending_list('role_live_search_idx'::regclass)")
    except DatabaseError as exc:
        logger.warning("search index pending list not merged: %s", exc)


def invalidate_listings(*, using: str = "default") -> None:
    """Make every cached count and facet stale, now and again when the transaction commits."""
    _bump_version()
    transaction.on_commit(_bump_version, using=using)


def _bump_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def _listing_changed(sender, **kwargs) -> None:
    invalidate_listings(using=kwargs.get("using") or "default")


# A safety net for writes that skip index_roles() (admin edits, test factories): cached
# counts never outlive a role saved through the ORM.
for _number, (_signal, _sender) in enumerate(
    (
        (post_save, "listings.Role"),
        (post_delete, "listings.Role"),
        (m2m_changed, "listings.Role_visa_subclasses"),
        (m2m_changed, "listings.Role_visa_streams"),
        (m2m_changed, "listings.Role_specialties"),
        (post_save, "listings.Employer"),
        (post_save, "listings.VisaSubclass"),
        (post_save, "listings.VisaStream"),
        (post_save, "listings.Specialty"),
        (post_delete, "listings.Specialty"),
    )
):
    _signal.connect(_listing_changed, sender=_sender, dispatch_uid=f"listings-cache-{_number}")


def listings_version() -> str:
    """The current listing version: part of every cache key for listing data."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def listings_cache_key(kind: str, params: Mapping) -> str:
    """A cache key for ``kind`` (e.g. "facets") of a normalised search, at the current version."""
    digest = hashlib.sha256(json.dumps(params, sort_keys=True, default=str).encode()).hexdigest()
    return f"listings:{kind}:{listings_version()}:{digest[:32]}"


def reference_data() -> dict:
    """The choices search offers, cached with the listings: {"visa": [(code, label, id)], ...}.

    Active visa subclasses and streams, and every specialty, in their display order.
    """
    from listings.models import Specialty, VisaStream, VisaSubclass

    key = f"listings:reference:{listings_version()}"
    data = cache.get(key)
    if data is None:
        data = {
            "visa": [
                (v.code, f"{v.code} {v.name}", v.id)
                for v in VisaSubclass.objects.filter(active=True)
            ],
            "stream": [
                (s.slug, str(s), s.id)
                for s in VisaStream.objects.filter(
                    active=True, subclass__active=True
                ).select_related("subclass")
            ],
            "specialty": [(s.slug, s.name, s.id) for s in Specialty.objects.all()],
        }
        cache.set(key, data, CACHE_SECONDS)
    return data


# Conditions over the PostgreSQL-only columns.


class RoleSQL(Expression):
    """SQL over a column only PostgreSQL has (not a model field), as a filter or annotation.

    ``{role}`` in the template becomes the alias of the role table in whichever query
    compiles it, so the SQL also works inside subqueries (where tables become U0, V0...).
    """

    def __init__(self, template: str, params: tuple, output_field):
        super().__init__(output_field=output_field)
        self.template = template
        self.params = params

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return self.template.format(role=alias), self.params

    def get_group_by_cols(self):
        return []

    def __repr__(self) -> str:
        return f"RoleSQL({self.template!r}, {self.params!r})"


_TSQUERY = "websearch_to_tsquery(%s::regconfig, %s)"
# The arrays copying each role's M2M links (visa subclass, stream and specialty ids).
LINK_COLUMNS = {"visa": "visa_ids", "stream": "stream_ids", "specialty": "specialty_ids"}


def matches_sql(q: str) -> Expression:
    """The role's search vector matches the websearch query ``q`` (PostgreSQL)."""
    return RoleSQL(f"{{role}}.search_vector @@ {_TSQUERY}", (SEARCH_CONFIG, q), BooleanField())


def rank_sql(q: str) -> Expression:
    """How well the role matches ``q``: ts_rank over the weighted vector (title counts most)."""
    return RoleSQL(f"ts_rank({{role}}.search_vector, {_TSQUERY})", (SEARCH_CONFIG, q), FloatField())


def linked_sql(kind: str, ids: Iterable[int]) -> Expression:
    """The role links to any of the ``ids`` of ``kind`` ("visa", "stream", "specialty"), PostgreSQL.

    The ids go in as a constant array, so the planner estimates from the column's statistics.
    """
    column = LINK_COLUMNS[kind]
    return RoleSQL(f"{{role}}.{column} && %s::bigint[]", ([int(i) for i in ids],), BooleanField())


# Keyword matching where there is no full-text search (SQLite): LIKE, the same interface.

_TOKEN = re.compile(r'-?"[^"]*"|\S+')


def parse_keywords(q: str) -> tuple[list[list[str]], list[str]]:
    """``q`` in websearch syntax: (groups of terms that must all match, any group will do; excluded terms)."""
    groups: list[list[str]] = [[]]
    excluded: list[str] = []
    for token in _TOKEN.findall(q):
        negative = token.startswith("-") and len(token) > 1
        term = (token[1:] if negative else token).strip('"').strip()
        if not term:
            continue
        if not negative and term.lower() == "or":
            groups.append([])
        elif negative:
            excluded.append(term)
        else:
            groups[-1].append(term)
    return [g for g in groups if g], excluded


def _term_match(term: str, model) -> Q:
    specialty_roles = model.specialties.through.objects.filter(
        specialty__name__icontains=term
    ).values("role_id")
    return (
        Q(title__icontains=term)
        | Q(employer__name__icontains=term)
        | Q(id__in=specialty_roles)
        | Q(description__icontains=term)
    )


def fallback_match(q: str, model) -> Q:
    """Every term of some group appears in the title, employer, specialties or description."""
    groups, excluded = parse_keywords(q)
    condition = Q()
    if groups:
        condition = reduce(or_, (reduce(and_, (_term_match(t, model) for t in g)) for g in groups))
    for term in excluded:
        condition &= ~_term_match(term, model)
    return condition


def fallback_rank(q: str):
    """Title matches weigh most, then employer name, then description (as in the vector)."""
    groups, _ = parse_keywords(q)
    terms = [t for g in groups for t in g] or [""]
    return reduce(
        add,
        (
            Case(When(Q(**{lookup: term}), then=Value(weight)), default=Value(0))
            for term in terms
            for lookup, weight in (
                ("title__icontains", 4),
                ("employer__name__icontains", 2),
                ("description__icontains", 1),
            )
        ),
    ) + Value(0, output_field=IntegerField())
