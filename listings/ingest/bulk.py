"""Writing the new roles of a feed in a few statements, whatever their number.

Each batch is one INSERT of the roles (Django's bulk_create, which sends the rows as
arrays), one of their INGESTED moderation events and one per visa link table. The
search triggers are deferred for the run (listings.search.defer_search_index); the
pipeline refreshes the new roles' search data in one statement at the end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from listings.models import ModerationEvent, Role


def insert_new_roles(
    rows: Sequence[Mapping],
    *,
    visa_ids: Sequence[Sequence[int]],
    stream_ids: Sequence[Sequence[int]],
    event_reason: str,
    now: datetime,
) -> dict[str, int]:
    """Insert one role per row (field attname -> value), each with an INGESTED event and its visa
    links; return external id -> id."""
    if not rows:
        return {}
    roles = Role.objects.bulk_create(
        Role(**row, visa_ids=sorted(visas), stream_ids=sorted(streams))
        for row, visas, streams in zip(rows, visa_ids, stream_ids, strict=True)
    )
    ModerationEvent.objects.bulk_create(
        ModerationEvent(
            role_id=role.id,
            action=ModerationEvent.Action.INGESTED,
            reason=event_reason,
            created_at=now,
        )
        for role in roles
    )
    for relation, id_field, wanted in (
        (Role.visa_subclasses.through, "visasubclass_id", visa_ids),
        (Role.visa_streams.through, "visastream_id", stream_ids),
    ):
        relation.objects.bulk_create(
            relation(role_id=role.id, **{id_field: pk})
            for role, ids in zip(roles, wanted, strict=True)
            for pk in ids
        )
    return {role.external_id: role.id for role in roles}
