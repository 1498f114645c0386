"""Fast inserts for large feeds: COPY on PostgreSQL, bulk_create elsewhere.

Django's bulk_create spends most of its time building SQL for each object; a
10,000-role board loads several times faster through COPY. Rows are built
from the model's own fields, so a new field needs no change here.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, models
from psycopg import sql

# Field types whose Python value psycopg adapts exactly as Django would store it.
PLAIN_FIELDS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.DateTimeField,
    models.DateField,
    models.ForeignKey,
    models.DecimalField,
    models.FloatField,
)


def bulk_insert(objects: Sequence[models.Model], *, batch_size: int = 1000) -> None:
    """Insert ``objects`` (all of one model) without returning their ids."""
    if not objects:
        return
    model = type(objects[0])
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects, batch_size=batch_size)
        return
    fields = [
        field for field in model._meta.concrete_fields if not isinstance(field, models.AutoField)
    ]
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            for obj in objects:
                field.pre_save(obj, True)
    plain = [isinstance(field, PLAIN_FIELDS) for field in fields]
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(model._meta.db_table),
        sql.SQL(", ").join(sql.Identifier(field.column) for field in fields),
    )
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for obj in objects:
            copy.write_row(
                [
                    getattr(obj, field.attname)
                    if is_plain
                    else field.get_db_prep_save(getattr(obj, field.attname), connection)
                    for field, is_plain in zip(fields, plain, strict=True)
                ]
            )
