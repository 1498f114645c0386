"""Search indexing and the listing cache.

Every write that changes what a role says or whether it is listed (ingest, posting,
moderation, expiry) ends with ``index_roles([ids])``, after its M2M rows are set:

- it recomputes, in one ``UPDATE ... FROM`` (the database function
  ``listings_roles_refresh``, migrations 0007 and 0014, the one definition of the search
  document), each role's weighted ``search_vector`` (title A; employer and specialty names
  B; description C) and the arrays ``visa_ids``/``stream_ids``/``specialty_ids`` that
  filters and facet counts read. Triggers also keep them right for writes that forget
  (admin edits, factories), so the call there is a refresh plus, above all, the cache
  invalidation below. A bulk load can ``defer_search_index()`` and call ``index_roles()``
  once at the end.
- it bumps the listing version: cached facet counts and totals are keyed by it, so they
  are recomputed on their next read.
"""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from collections.abc import Iterable, Mapping

from django.core.cache import cache
from django.db import DatabaseError, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger(__name__)

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
    ids = None if role_ids is None else [int(pk) for pk in role_ids]
    if ids != []:
        with connections[using].cursor() as cursor:
            cursor.execute("SELECT listings_roles_refresh(%s::bigint[])", [ids])
    invalidate_listings(using=using)


def defer_search_index(*, using: str = "default") -> None:
    """Inside this transaction the search triggers do nothing; the caller runs index_roles() once."""
    with connections[using].cursor() as cursor:
        cursor.execute("SET LOCAL listings.defer_index = 'on'")


def flush_search_index(*, using: str = "default") -> None:
    """Merge the search index's pending list into its tree.

    A bulk load ends with this so the searches after it read no pending entries. Only the
    index's owner may do it; without that right the pending list is merged later by
    autovacuum or when it fills, so a refusal is logged and not raised.
    """
    try:
        with transaction.atomic(using=using), connections[using].cursor() as cursor:
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
LISTING_WRITES = (
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


def connect_receivers() -> None:
    """Called once the models are loaded (ListingsConfig.ready)."""
    for number, (signal, sender) in enumerate(LISTING_WRITES):
        signal.connect(_listing_changed, sender=sender, dispatch_uid=f"listings-cache-{number}")


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
