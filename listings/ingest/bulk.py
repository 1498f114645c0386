"""Writing the new roles of a large feed fast.

On PostgreSQL each batch of new roles is one statement: the rows travel as one
JSON document (``jsonb_to_recordset``), the search vector is computed in the same INSERT,
and data-modifying CTEs add each role's moderation event and visa links. Sent
inside ``overlapping_writes()`` the statement runs on the server while Python
reads the next batch (psycopg pipeline mode), so classifying and writing overlap.
Other databases take the ORM's bulk_create path.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal

import psycopg
from django.db import connection
from psycopg import sql

from listings.models import ModerationEvent, Role


@contextmanager
def overlapping_writes() -> Iterator[None]:
    """Statements executed inside are sent without waiting for them; leaving waits for them all.

    Nothing inside may read a result: the point is that Python goes on working meanwhile.
    """
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    with connection.connection.pipeline():
        yield


class NewRoles:
    """One batch of new roles sent to the database; ``ids()`` (read after the writes) maps external id to id."""

    def __init__(self, cursor=None, roles: Sequence[Role] = ()):
        self._cursor, self._roles = cursor, roles

    def ids(self) -> dict[str, int]:
        if self._cursor is None:
            return {role.external_id: role.id for role in self._roles}
        return dict(self._cursor.fetchall())


def insert_new_roles(
    rows: Sequence[Mapping],
    *,
    visa_ids: Sequence[Sequence[int]],
    stream_ids: Sequence[Sequence[int]],
    event_reason: str,
    now: datetime,
) -> NewRoles:
    """Insert one role per row (field attname -> value), each with an INGESTED event and its visa links.

    Fields missing from a row take the model default, so a new field needs no change here.
    """
    if not rows:
        return NewRoles()
    if connection.vendor != "postgresql":
        return _insert_with_orm(rows, visa_ids, stream_ids, event_reason=event_reason, now=now)
    fields = [field for field in Role._meta.concrete_fields if not field.primary_key]
    defaults = {field.attname: field.get_default() for field in fields}
    # One JSON document for the batch: json encodes in C, where psycopg adapts a list of
    # values per column in Python, which cost more than the insert itself.
    document = json.dumps(
        [
            {**defaults, **row, "visa_ids": sorted(visas), "stream_ids": sorted(streams)}
            for row, visas, streams in zip(rows, visa_ids, stream_ids, strict=True)
        ],
        default=_json_value,
    )
    statement = sql.SQL(NEW_ROLES).format(
        columns=sql.SQL(", ").join(sql.Identifier(field.column) for field in fields),
        values=sql.SQL(", ").join(
            sql.SQL("v.") + sql.Identifier(field.attname) for field in fields
        ),
        definitions=sql.SQL(", ").join(
            sql.SQL("{} {}").format(
                sql.Identifier(field.attname), sql.SQL(field.db_type(connection))
            )
            for field in fields
        ),
    )
    # A server-binding cursor: the document travels as a parameter, not quoted into the
    # SQL text (Django's own cursors bind on the client).
    cursor = psycopg.Cursor(connection.connection)
    cursor.execute(statement, [document, str(ModerationEvent.Action.INGESTED), event_reason, now])
    return NewRoles(cursor)


# The search columns as listings_roles_refresh (migration 0007) computes them: ids sorted,
# the weighted vector of title, employer name and description (ingested roles have no
# specialties). The link tables' statement triggers skip their refresh: the caller has set
# listings.defer_index for the transaction.
NEW_ROLES = """
WITH new AS (
    INSERT INTO listings_role ({columns}, visa_ids, stream_ids, search_vector)
    SELECT {values},
           v.visa_ids,
           v.stream_ids,
           listings_role_document(v.title, v.description, employer.name, NULL)
    FROM jsonb_to_recordset(%s::jsonb) AS v({definitions}, visa_ids bigint[], stream_ids bigint[])
    JOIN listings_employer AS employer ON employer.id = v.employer_id
    RETURNING id, external_id, visa_ids, stream_ids
), events AS (
    INSERT INTO listings_moderationevent (role_id, actor_id, action, reason, created_at)
    SELECT id, NULL, %s, %s, %s FROM new
), visas AS (
    INSERT INTO listings_role_visa_subclasses (role_id, visasubclass_id)
    SELECT id, unnest(visa_ids) FROM new
), streams AS (
    INSERT INTO listings_role_visa_streams (role_id, visastream_id)
    SELECT id, unnest(stream_ids) FROM new
)
SELECT external_id, id FROM new
"""


def _json_value(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} cannot be written to a role")


def _insert_with_orm(rows, visa_ids, stream_ids, *, event_reason: str, now: datetime) -> NewRoles:
    roles = Role.objects.bulk_create([Role(**row) for row in rows])
    if any(role.pk is None for role in roles):
        # A database that cannot return ids from a bulk insert (SQLite before 3.35).
        found = dict(
            Role.objects.filter(
                source_id=roles[0].source_id, external_id__in=[role.external_id for role in roles]
            ).values_list("external_id", "id")
        )
        for role in roles:
            role.pk = role.id = found[role.external_id]
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
    return NewRoles(roles=roles)
