"""Reads, in the product's words: Role.objects.visible().for_listing() and friends."""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import models
from django.db.models import F, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone

# The text-search configuration of the stored vectors (listings_role_document) and of queries.
SEARCH_CONFIG = "english"
# The arrays copying each role's M2M links, by what they link to.
LINK_FIELDS = {"visa": "visa_ids", "stream": "stream_ids", "specialty": "specialty_ids"}


class RoleQuerySet(models.QuerySet):
    def visible(self):
        """What the public may list: approved, not ruled out for sponsorship, not past closing."""
        return self.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()),
            status="approved",
            duplicate_of__isnull=True,
        ).exclude(sponsorship="not_offered")

    def published(self):
        """Roles whose page the public may open: live, or approved once and since expired or closed."""
        return self.filter(
            approved_at__isnull=False, status__in=["approved", "expired", "closed"]
        ).exclude(sponsorship="not_offered")

    def pending(self):
        """The moderation queue, oldest first."""
        return self.filter(status="pending").order_by("created_at", "id")

    def owned_by(self, user):
        """Roles of the employers the user is a member of."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(employer__memberships__user=user)

    def offering(self, *codes: str):
        """Roles offering any of the visa subclasses (e.g. "482")."""
        return self.filter(self.linked_condition("visa", codes))

    def for_listing(self):
        """Everything a role card shows, in a constant number of queries."""
        from listings.models import VisaStream

        return self.select_related("employer", "occupation").prefetch_related(
            "visa_subclasses",
            models.Prefetch("visa_streams", queryset=VisaStream.objects.select_related("subclass")),
            "specialties",
        )

    # Search: the vocabulary RoleFilter (listings/filters.py) is built from.

    def newest(self):
        """Newest first: the default order, served by the partial index role_live_newest_idx."""
        return self.order_by("-posted_at", "-id")

    def by_salary(self):
        """Best paid first (top of the advertised range); roles without an AUD salary last."""
        return self.order_by(
            models.F("salary_max").desc(nulls_last=True),
            models.F("salary_min").desc(nulls_last=True),
            "-posted_at",
            "-id",
        )

    def with_streams(self, *slugs: str):
        """Roles offering any of the visa streams (e.g. "482-core")."""
        return self.filter(self.linked_condition("stream", slugs))

    def in_specialties(self, *slugs: str):
        """Roles in any of the specialties (e.g. "nlp")."""
        return self.filter(self.linked_condition("specialty", slugs))

    def linked_condition(self, kind: str, keys, *, ids=None):
        """A condition: the role links to any of ``keys`` of ``kind`` (visa code, stream or specialty slug).

        It reads the role's own link array (see Role.visa_ids), given ``ids`` (the keys'
        primary keys) or looking them up; a constant array lets the planner estimate from
        the column's statistics.
        """
        from listings.models import Specialty, VisaStream, VisaSubclass

        if ids is None:
            model, key = {
                "visa": (VisaSubclass, "code"),
                "stream": (VisaStream, "slug"),
                "specialty": (Specialty, "slug"),
            }[kind]
            ids = model.objects.filter(**{f"{key}__in": list(keys)}).values_list("id", flat=True)
        return Q(**{f"{LINK_FIELDS[kind]}__overlap": [int(i) for i in ids]})

    def keyword_condition(self, q: str):
        """A condition: the role matches the keywords ``q`` (see search())."""
        return Q(search_vector=_keywords(q))

    def paying_at_least(self, amount: int):
        """Roles whose advertised range reaches ``amount`` AUD a year (no salary stated: left out)."""
        return self.filter(
            Q(salary_max__gte=amount) | Q(salary_max__isnull=True, salary_min__gte=amount)
        )

    def search(self, q: str):
        """Roles matching the keywords ``q`` (websearch syntax: "quoted phrase", -exclude, or).

        Matches the weighted vector stored in each row, through its GIN index.
        """
        q = q.strip()
        return self.filter(self.keyword_condition(q)) if q else self

    def ranked(self, q: str, *, candidates: int):
        """Order by relevance to ``q`` among the newest ``candidates`` matches, newest first on ties.

        Ranking every match costs in proportion to the table; a job board favours recent
        roles anyway, so only a bounded set is ranked (and the listing caps its pages there).
        """
        newest = self.newest().values("pk")[:candidates]
        return (
            self.filter(pk__in=newest)
            .alias(rank=self._rank(q))
            .order_by("-rank", "-posted_at", "-id")
        )

    def ranked_slice(self, q: str, *, candidates: int, start: int, stop: int):
        """Positions ``start``..``stop`` of ranked(): one query that ranks inside the candidate scan.

        The newest ``candidates`` matches are ranked where they are read, and only the
        rows of the page are fetched whole (ranked() re-reads every candidate).
        """
        inner = (
            self.newest()
            .annotate(search_rank=self._rank(q))
            .values("pk", "posted_at", "search_rank")[:candidates]
        )
        sql, params = inner.query.get_compiler(using=self.db).as_sql()
        # Compiled by the ORM with its parameters kept apart; only two integers are inlined.
        window = RawSQL(  # noqa: S611
            f"SELECT c.pk FROM ({sql}) c ORDER BY c.search_rank DESC, c.posted_at DESC, c.pk DESC"  # noqa: S608
            f" LIMIT {int(stop) - int(start)} OFFSET {int(start)}",
            params,
        )
        return (
            self.filter(pk__in=window)
            .alias(rank=self._rank(q))
            .order_by("-rank", "-posted_at", "-id")
        )

    def _rank(self, q: str):
        """ts_rank over the weighted vector: title counts most, then employer and specialties."""
        return SearchRank(F("search_vector"), _keywords(q))

    def for_cards(self):
        """What a role card shows (the evidence sentence too), without the long texts; role_cards
        prefetches links on a cache miss."""
        return self.select_related("employer").defer("description", "rejection_reason")


def _keywords(q: str) -> SearchQuery:
    return SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)
