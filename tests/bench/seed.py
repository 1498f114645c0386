"""python -m tests.bench seed --roles N: bulk-create N realistic roles for benchmarks (COPY).

Bench employers have slugs starting "bench-"; --reset deletes them and their roles first.
Run it again to add more (e.g. 10,000, then 90,000 more for 100,000).
"""

from __future__ import annotations

import time
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from listings.models import Employer, Occupation, Role, Specialty, VisaStream, VisaSubclass
from listings.search.index import defer_search_index, index_roles
from tests.bench.roles import bench_employers, bench_roles

BENCH_PREFIX = "bench-"


class Command(BaseCommand):
    help = "Bulk-create N realistic roles (mostly approved) for benchmarks, with COPY."

    def add_arguments(self, parser):
        parser.add_argument("--roles", type=int, required=True, help="How many roles to add")
        parser.add_argument("--reset", action="store_true", help="Delete earlier bench data first")
        parser.add_argument("--seed", type=int, default=None, help="Random seed (default: varies)")

    def handle(self, *args, roles: int, reset: bool, seed: int | None, **options):
        if roles < 0:
            raise CommandError("--roles must be positive")
        started = time.monotonic()
        if reset:
            self.reset()
            self.stdout.write(f"Deleted earlier bench data in {time.monotonic() - started:.1f} s.")
        employers = self.employers()
        existing = Role.objects.filter(employer__slug__startswith=BENCH_PREFIX).count()
        plans = bench_roles(
            roles, employers=len(employers), seed=seed if seed is not None else existing
        )
        with transaction.atomic():
            # Skip the per-statement index triggers; one index_roles() below does it all.
            defer_search_index()
            ids = self.insert(plans, employers)
            self.stdout.write(f"Inserted {len(ids):,} roles at {time.monotonic() - started:.1f} s.")
            index_roles(ids)
            self.stdout.write(f"Indexed them at {time.monotonic() - started:.1f} s.")
        # Compact and analyse, as autovacuum keeps a long-lived table: the refresh above
        # rewrote every new row once.
        # (Inside a transaction, as in tests, VACUUM cannot run: analyse only.)
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM (FULL, ANALYZE)"
        with connection.cursor() as cursor:
            for table in ("", "_visa_subclasses", "_visa_streams", "_specialties"):
                cursor.execute(f"{command} listings_role{table}")
        total = Role.objects.filter(employer__slug__startswith=BENCH_PREFIX).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {len(ids):,} bench roles ({total:,} in all) in {time.monotonic() - started:.1f} s."
            )
        )

    def reset(self):
        bench = Role.objects.filter(employer__slug__startswith=BENCH_PREFIX)
        with transaction.atomic():
            defer_search_index()
            Role.objects.filter(duplicate_of__in=bench).update(duplicate_of=None)
            for field in ("visa_subclasses", "visa_streams", "specialties"):
                getattr(Role, field).through.objects.filter(role__in=bench)._raw_delete(
                    connection.alias
                )
            # Bench roles have no moderation events, reports or alerts pointing at them.
            bench._raw_delete(connection.alias)
            Employer.objects.filter(slug__startswith=BENCH_PREFIX).delete()
        index_roles([])

    def employers(self) -> list[Employer]:
        plans = bench_employers()
        existing = {e.slug: e for e in Employer.objects.filter(slug__startswith=BENCH_PREFIX)}
        missing = [
            Employer(name=p.name, slug=p.slug, website=p.website, about=p.about, verified=True)
            for p in plans
            if p.slug not in existing
        ]
        Employer.objects.bulk_create(missing)
        by_slug = {e.slug: e for e in Employer.objects.filter(slug__startswith=BENCH_PREFIX)}
        return [by_slug[p.slug] for p in plans]

    def insert(self, plans, employers) -> list[int]:
        now = timezone.now()
        subclasses = dict(VisaSubclass.objects.values_list("code", "id"))
        streams = dict(VisaStream.objects.values_list("slug", "id"))
        specialties = dict(Specialty.objects.values_list("slug", "id"))
        occupations = dict(Occupation.objects.values_list("anzsco_code", "id"))
        objects = []
        for plan in plans:
            posted = now - timedelta(days=plan.posted_days_ago)
            expires = posted + timedelta(days=plan.open_days)
            status = plan.status
            objects.append(
                Role(
                    employer_id=employers[plan.employer_index].id,
                    title=plan.title,
                    slug=slugify(f"{plan.title} {plan.city}")[:200] or "role",
                    description=plan.description_html,
                    city=plan.city,
                    state=plan.state,
                    workplace=plan.workplace,
                    employment_type=plan.employment_type,
                    seniority=plan.seniority,
                    salary_min=plan.salary_min,
                    salary_max=plan.salary_max,
                    sponsorship=plan.sponsorship,
                    sponsorship_evidence=plan.evidence,
                    occupation_id=occupations.get(plan.occupation),
                    apply_url=f"{employers[plan.employer_index].website}/careers",
                    status=status,
                    posted_at=posted if status != "pending" else None,
                    approved_at=posted if status in ("approved", "expired", "closed") else None,
                    expires_at=expires,
                    closed_at=now if status == "closed" else None,
                    created_at=posted,
                    updated_at=posted,
                )
            )
        ids = self.allocate_ids(len(objects))
        for pk, role in zip(ids, objects, strict=True):
            role.id = pk
        links = {
            "visa_subclasses": [
                (pk, subclasses[c]) for pk, p in zip(ids, plans, strict=True) for c in p.visas
            ],
            "visa_streams": [
                (pk, streams[s]) for pk, p in zip(ids, plans, strict=True) for s in p.streams
            ],
            "specialties": [
                (pk, specialties[s])
                for pk, p in zip(ids, plans, strict=True)
                for s in p.specialties
                if s in specialties
            ],
        }
        self.copy_roles(objects)
        for field, rows in links.items():
            self.copy_links(field, rows)
        return ids

    def allocate_ids(self, count: int) -> list[int]:
        if not count:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence('listings_role', 'id'))"
                " FROM generate_series(1, %s)",
                [count],
            )
            return [row[0] for row in cursor.fetchall()]

    def copy_roles(self, objects: list[Role]):
        fields = list(Role._meta.concrete_fields)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY listings_role ({columns}) FROM STDIN") as copy,
        ):
            for role in objects:
                copy.write_row(
                    [f.get_db_prep_save(getattr(role, f.attname), connection) for f in fields]
                )

    def copy_links(self, field: str, rows: list[tuple[int, int]]):
        through = getattr(Role, field).through
        role_column, target_column = (
            f.column for f in through._meta.concrete_fields if f.name != "id"
        )
        with (
            connection.cursor() as cursor,
            cursor.copy(
                f"COPY {through._meta.db_table} ({role_column}, {target_column}) FROM STDIN"
            ) as copy,
        ):
            for row in rows:
                copy.write_row(row)
