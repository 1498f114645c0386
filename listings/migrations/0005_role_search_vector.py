"""The weighted search vector of each role, in a GIN-indexed column.

The column is not a model field: 0007 adds the functions and triggers that fill it,
listings.search.index_roles() refreshes it and RoleQuerySet.search() reads it.
"""

from django.db import migrations

ADD = [
    "ALTER TABLE listings_role ADD COLUMN IF NOT EXISTS search_vector tsvector",
    # RoleQuerySet.search(): `search_vector @@ websearch_to_tsquery(...)` on live roles.
    "CREATE INDEX IF NOT EXISTS role_live_search_idx ON listings_role"
    " USING gin (search_vector) WHERE status = 'approved'",
]
DROP = [
    "DROP INDEX IF EXISTS role_live_search_idx",
    "ALTER TABLE listings_role DROP COLUMN IF EXISTS search_vector",
]


def run(statements):
    def apply(apps, schema_editor):
        for sql in statements:
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("listings", "0004_ingest_state"),
    ]

    operations = [
        migrations.RunPython(run(ADD), run(DROP)),
    ]
