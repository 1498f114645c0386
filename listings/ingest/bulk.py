"""Fast inserts for large feeds: COPY on PostgreSQL, bulk_create elsewhere.

Django's bulk_create spends most of its time building SQL for each object; a
10,000-role board loads several times faster through COPY. Rows are built
from the model's own fields, so a new field needs no change here.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence

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


def bulk_insert(
    objects: Sequence[models.Model],
    *,
    batch_size: int = 1000,
    extra_columns: Mapping[str, Sequence] | None = None,
    computed_columns: Mapping[str, str] | None = None,
) -> None:
    """Insert ``objects`` (all of one model) without returning their ids.

    PostgreSQL only, ignored elsewhere: ``extra_columns`` fills columns the model does not
    declare, one value per object; ``computed_columns`` maps such a column to an SQL
    expression over the row's other columns, computed set-wise in one INSERT ... SELECT
    from a staging table (the search columns of migration 0007, written with the row
    instead of by a second pass over it).
    """
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
    extra = dict(extra_columns or {})
    columns = [*(field.column for field in fields), *extra]
    table = sql.Identifier(model._meta.db_table)
    column_list = sql.SQL(", ").join(map(sql.Identifier, columns))
    with connection.cursor() as cursor:
        target = table
        if computed_columns:
            target = sql.Identifier(f"staging_{uuid.uuid4().hex}")
            cursor.execute(
                sql.SQL(
                    "CREATE TEMP TABLE {} ON COMMIT DROP AS SELECT {} FROM {} WITH NO DATA"
                ).format(target, column_list, table)
            )
        with cursor.cursor.copy(
            sql.SQL("COPY {} ({}) FROM STDIN").format(target, column_list)
        ) as copy:
            for index, obj in enumerate(objects):
                copy.write_row(
                    [
                        *(
                            getattr(obj, field.attname)
                            if is_plain
                            else field.get_db_prep_save(getattr(obj, field.attname), connection)
                            for field, is_plain in zip(fields, plain, strict=True)
                        ),
                        *(values[index] for values in extra.values()),
                    ]
                )
        if computed_columns:
            cursor.execute(
                sql.SQL("INSERT INTO {} ({}, {}) SELECT {}, {} FROM {}").format(
                    table,
                    column_list,
                    sql.SQL(", ").join(map(sql.Identifier, computed_columns)),
                    column_list,
                    sql.SQL(", ").join(
                        sql.SQL(expression) for expression in computed_columns.values()
                    ),
                    target,
                )
            )
