"""What search reads, kept in each role's row and maintained by the database.

- ``visa_ids``, ``stream_ids``, ``specialty_ids``: the role's M2M links copied into arrays,
  so visa, stream and specialty filters and facet counts read one table instead of
  semi-joining the link tables (the M2M tables stay the source of truth).
- ``search_vector`` (migration 0005) is computed by ``listings_role_document()``.
- ``listings_roles_refresh(ids)``: one UPDATE ... FROM recomputing all of it for some roles
  (NULL: all); listings.search.index_roles() calls it.
- Triggers keep it right whatever writes the rows (services, admin, bulk_create, COPY):
  the role's own text and employer, the link tables (one refresh per statement, via
  transition tables) and employer renames. A bulk load may ``SET LOCAL listings.defer_index
  = 'on'`` and call index_roles() once at the end instead.
"""

from django.db import migrations

FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION listings_role_document(
    title text, description text, employer_name text, specialty_names text
) RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$
    SELECT setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('english'::regconfig,
                                 coalesce(employer_name, '') || ' ' || coalesce(specialty_names, '')), 'B')
        || setweight(to_tsvector('english'::regconfig,
                                 regexp_replace(coalesce(description, ''), '<[^>]*>', ' ', 'g')), 'C')
$$;

CREATE OR REPLACE FUNCTION listings_roles_refresh(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    UPDATE listings_role AS role
    SET search_vector = listings_role_document(
            role.title, role.description, src.employer_name, src.specialty_names),
        visa_ids = src.visa_ids,
        stream_ids = src.stream_ids,
        specialty_ids = src.specialty_ids
    FROM (
        SELECT r.id,
               e.name AS employer_name,
               (SELECT string_agg(s.name, ' ' ORDER BY s.name)
                  FROM listings_role_specialties rs
                  JOIN listings_specialty s ON s.id = rs.specialty_id
                 WHERE rs.role_id = r.id) AS specialty_names,
               ARRAY(SELECT visasubclass_id FROM listings_role_visa_subclasses
                      WHERE role_id = r.id ORDER BY 1) AS visa_ids,
               ARRAY(SELECT visastream_id FROM listings_role_visa_streams
                      WHERE role_id = r.id ORDER BY 1) AS stream_ids,
               ARRAY(SELECT specialty_id FROM listings_role_specialties
                      WHERE role_id = r.id ORDER BY 1) AS specialty_ids
        FROM listings_role r
        JOIN listings_employer e ON e.id = r.employer_id
        WHERE ids IS NULL OR r.id = ANY(ids)
    ) AS src
    WHERE role.id = src.id;
END
$$;

CREATE OR REPLACE FUNCTION listings_index_deferred() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('listings.defer_index', true), '') = 'on'
$$;

-- A role's own text or employer changed: recompute its vector in the row being written.
CREATE OR REPLACE FUNCTION listings_role_text_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT listings_index_deferred() THEN
        NEW.search_vector := listings_role_document(
            NEW.title,
            NEW.description,
            (SELECT name FROM listings_employer WHERE id = NEW.employer_id),
            (SELECT string_agg(s.name, ' ' ORDER BY s.name)
               FROM listings_role_specialties rs
               JOIN listings_specialty s ON s.id = rs.specialty_id
              WHERE rs.role_id = NEW.id));
    END IF;
    RETURN NEW;
END
$$;

-- Rows added to or removed from a link table: refresh those roles, once per statement.
CREATE OR REPLACE FUNCTION listings_role_links_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF listings_index_deferred() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        PERFORM listings_roles_refresh(ARRAY(SELECT DISTINCT role_id FROM old_links));
    ELSE
        PERFORM listings_roles_refresh(ARRAY(SELECT DISTINCT role_id FROM new_links));
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION listings_employer_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT listings_index_deferred() THEN
        PERFORM listings_roles_refresh(ARRAY(SELECT id FROM listings_role WHERE employer_id = NEW.id));
    END IF;
    RETURN NULL;
END
$$;
"""

LINK_TABLES = ["listings_role_visa_subclasses", "listings_role_visa_streams", "listings_role_specialties"]

FORWARD = [
    "ALTER TABLE listings_role"
    " ADD COLUMN IF NOT EXISTS visa_ids bigint[] NOT NULL DEFAULT '{}',"
    " ADD COLUMN IF NOT EXISTS stream_ids bigint[] NOT NULL DEFAULT '{}',"
    " ADD COLUMN IF NOT EXISTS specialty_ids bigint[] NOT NULL DEFAULT '{}'",
    FUNCTIONS,
    "CREATE TRIGGER role_text_inserted BEFORE INSERT ON listings_role"
    " FOR EACH ROW EXECUTE FUNCTION listings_role_text_changed()",
    "CREATE TRIGGER role_text_updated BEFORE UPDATE OF title, description, employer_id ON listings_role"
    " FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title"
    " OR OLD.description IS DISTINCT FROM NEW.description"
    " OR OLD.employer_id IS DISTINCT FROM NEW.employer_id)"
    " EXECUTE FUNCTION listings_role_text_changed()",
    "CREATE TRIGGER employer_renamed AFTER UPDATE OF name ON listings_employer"
    " FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)"
    " EXECUTE FUNCTION listings_employer_renamed()",
    *[
        statement
        for table in LINK_TABLES
        for statement in (
            f"CREATE TRIGGER {table}_added AFTER INSERT ON {table}"
            " REFERENCING NEW TABLE AS new_links FOR EACH STATEMENT"
            " EXECUTE FUNCTION listings_role_links_changed()",
            f"CREATE TRIGGER {table}_removed AFTER DELETE ON {table}"
            " REFERENCING OLD TABLE AS old_links FOR EACH STATEMENT"
            " EXECUTE FUNCTION listings_role_links_changed()",
        )
    ],
    # Searches read the GIN index as written: no pending list to scan after a burst of inserts.
    "ALTER INDEX role_live_search_idx SET (fastupdate = off)",
    "SELECT gin_clean_pending_list('role_live_search_idx'::regclass)",
    # sort=salary (RoleQuerySet.by_salary) on live roles, in index order.
    "CREATE INDEX IF NOT EXISTS role_live_salary_sort_idx ON listings_role"
    " (salary_max DESC NULLS LAST, salary_min DESC NULLS LAST, posted_at DESC, id DESC)"
    " WHERE status = 'approved'",
    "SELECT listings_roles_refresh(NULL)",
]

BACKWARD = [
    *[f"DROP TRIGGER IF EXISTS {table}_added ON {table}" for table in LINK_TABLES],
    *[f"DROP TRIGGER IF EXISTS {table}_removed ON {table}" for table in LINK_TABLES],
    "DROP TRIGGER IF EXISTS employer_renamed ON listings_employer",
    "DROP TRIGGER IF EXISTS role_text_updated ON listings_role",
    "DROP TRIGGER IF EXISTS role_text_inserted ON listings_role",
    "DROP INDEX IF EXISTS role_live_salary_sort_idx",
    "ALTER INDEX IF EXISTS role_live_search_idx RESET (fastupdate)",
    "DROP FUNCTION IF EXISTS listings_employer_renamed()",
    "DROP FUNCTION IF EXISTS listings_role_links_changed()",
    "DROP FUNCTION IF EXISTS listings_role_text_changed()",
    "DROP FUNCTION IF EXISTS listings_index_deferred()",
    "DROP FUNCTION IF EXISTS listings_roles_refresh(bigint[])",
    "DROP FUNCTION IF EXISTS listings_role_document(text, text, text, text)",
    "ALTER TABLE listings_role DROP COLUMN IF EXISTS visa_ids,"
    " DROP COLUMN IF EXISTS stream_ids, DROP COLUMN IF EXISTS specialty_ids",
]


def run(statements):
    def apply(apps, schema_editor):
        for sql in statements:
            schema_editor.execute(sql, params=None)

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("listings", "0006_role_description_markdown"),
    ]

    operations = [
        migrations.RunPython(run(FORWARD), run(BACKWARD)),
    ]
