"""Writing the new roles of a large feed fast.

Each batch of new roles is one statement: the rows travel as one JSON document
(``jsonb_to_recordset``), the search document (``listings_role_document``, its one
definition) and the link arrays are computed in the same INSERT, and data-modifying CTEs
add each role's moderation event and visa links. bulk_create would take five statements
and, with the link arrays among the columns, bind every value of every row one by one
(three times slower at 10,000 roles). Sent inside ``overlapping_writes()`` the statement runs
on the server while Python reads the next batch (psycopg's pipeline mode, on Django's own
connection and cursor), so classifying and writing overlap.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal

from django.db import connection
from psycopg import sql

from listings.models import ModerationEvent, Role


@contextmanager
def overlapping_writes() -> Iterator[None]:
    """Statements executed inside are sent without waiting for them; leaving waits for them all.

    Nothing inside may read a result: the point is that Python goes on working meanwhile.
    """
    connection.ensure_connection()
    with connection.connection.pipeline():
        yield


class NewRoles:
    """One batch of new roles sent to the database; ``ids()``, read after the writes, maps
    external id to id."""

    def __init__(self, cursor=None):
        self._cursor = cursor

    def ids(self) -> dict[str, int]:
        if self._cursor is None:
            return {}
        with self._cursor as cursor:
            return dict(cursor.fetchall())


def insert_new_roles(
    rows: Sequence[Mapping],
    *,
    visa_ids: Sequence[Sequence[int]],
    stream_ids: Sequence[Sequence[int]],
    event_reason: str,
    now: datetime,
) -> NewRoles:
    """Insert one role per row (field attname -> value), each with an INGESTED event and its visa
    links.

    Fields missing from a row take the model default, so a new field needs no change here.
    """
    if not rows:
        return NewRoles()
    fields = [
        field
        for field in Role._meta.concrete_fields
        if not field.primary_key and field.attname not in COMPUTED
    ]
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
    cursor = connection.cursor()
    cursor.execute(
        statement.as_string(connection.connection),
        [document, str(ModerationEvent.Action.INGESTED), event_reason, now],
    )
    return NewRoles(cursor)


# Written by the statement itself, as listings_roles_refresh (migrations 0007, 0014) computes
# them: ids sorted, the document of title, employer name and description (ingested roles have
# no specialties). The search triggers skip these rows: the caller has deferred them.
COMPUTED = {"visa_ids", "stream_ids", "specialty_ids", "search_vector"}
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
