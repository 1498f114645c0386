"""Let the GIN search index take new roles through a small pending list.

With fastupdate off (migration 0007) every new role updated the GIN tree on its own:
about 3.6 s of a 10,000-role first ingest. A pending list merges them in sorted
batches instead (about 0.3 s). Its limit is kept small (256 kB) so a search never
scans much of it, and ingest empties it at the end of each run.
"""

from django.db import migrations

FORWARD = [
    "ALTER INDEX role_live_search_idx SET (fastupdate = on, gin_pending_list_limit = 256)",
]
BACKWARD = [
    "SELECT gin_clean_pending_list('role_live_search_idx'::regclass)",
    "ALTER INDEX role_live_search_idx SET (fastupdate = off)",
    "ALTER INDEX role_live_search_idx RESET (gin_pending_list_limit)",
]


def run(statements):
    def apply(apps, schema_editor):
        for sql in statements:
            schema_editor.execute(sql, params=None)

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("listings", "0011_job_alerts"),
    ]

    operations = [
        migrations.RunPython(run(FORWARD), run(BACKWARD)),
    ]
