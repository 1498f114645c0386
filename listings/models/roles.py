"""Roles: the vacancies the board lists, whether posted by hand or ingested."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from listings.querysets import RoleQuerySet

from .employers import Employer
from .visas import Occupation, VisaStream, VisaSubclass


class Specialty(models.Model):
    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "specialties"

    def __str__(self) -> str:
        return self.name


class Role(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PENDING = "pending", "Pending review"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        EXPIRED = "expired", "Expired"
        CLOSED = "closed", "Closed"

    class Sponsorship(models.TextChoices):
        OFFERED = "offered", "Sponsorship offered"
        UNKNOWN = "unknown", "Not stated"
        NOT_OFFERED = "not_offered", "Not offered"

    class State(models.TextChoices):
        NSW = "NSW", "New South Wales"
        VIC = "VIC", "Victoria"
        QLD = "QLD", "Queensland"
        WA = "WA", "Western Australia"
        SA = "SA", "South Australia"
        TAS = "TAS", "Tasmania"
        ACT = "ACT", "Australian Capital Territory"
        NT = "NT", "Northern Territory"

    class Workplace(models.TextChoices):
        ONSITE = "onsite", "On-site"
        HYBRID = "hybrid", "Hybrid"
        REMOTE = "remote", "Remote"

    class EmploymentType(models.TextChoices):
        FULL_TIME = "full_time", "Full-time"
        PART_TIME = "part_time", "Part-time"
        CONTRACT = "contract", "Contract"
        INTERNSHIP = "internship", "Internship"

    class Seniority(models.TextChoices):
        GRADUATE = "graduate", "Graduate"
        JUNIOR = "junior", "Junior"
        MID = "mid", "Mid-level"
        SENIOR = "senior", "Senior"
        LEAD = "lead", "Lead / Staff"
        PRINCIPAL = "principal", "Principal"

    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="roles")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, blank=True, db_index=False)  # pages are found by id
    description = models.TextField(help_text="Sanitised HTML")
    # Posted roles only: the employer's Markdown, kept so the form can edit what they wrote.
    description_markdown = models.TextField(blank=True, help_text="Markdown source (posted roles)")

    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=3, choices=State.choices, blank=True)
    workplace = models.CharField(max_length=10, choices=Workplace.choices, default=Workplace.ONSITE)
    location_text = models.CharField(max_length=200, blank=True, help_text="As the source gave it")

    employment_type = models.CharField(
        max_length=12, choices=EmploymentType.choices, default=EmploymentType.FULL_TIME
    )
    seniority = models.CharField(max_length=10, choices=Seniority.choices, blank=True)
    specialties = models.ManyToManyField(Specialty, related_name="roles", blank=True)

    # Whole AUD a year; null when not stated or not in AUD (then salary_text shows the original).
    salary_min = models.PositiveIntegerField(null=True, blank=True)
    salary_max = models.PositiveIntegerField(null=True, blank=True)
    salary_text = models.CharField(max_length=120, blank=True)

    visa_subclasses = models.ManyToManyField(VisaSubclass, related_name="roles", blank=True)
    visa_streams = models.ManyToManyField(VisaStream, related_name="roles", blank=True)
    sponsorship = models.CharField(
        max_length=12, choices=Sponsorship.choices, default=Sponsorship.OFFERED
    )
    sponsorship_evidence = models.TextField(blank=True, help_text="The sentence that shows it")
    occupation = models.ForeignKey(Occupation, on_delete=models.SET_NULL, null=True, blank=True)

    apply_url = models.URLField(max_length=500, blank=True)
    apply_email = models.EmailField(blank=True)

    # No index of its own: the listing, the queue and the expiry task each have a partial index.
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    rejection_reason = models.TextField(blank=True)
    posted_at = models.DateTimeField(null=True, blank=True, help_text="When first published")
    approved_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, help_text="Closing date")
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    # Ingested roles: where they came from, and a hash of what they said.
    source = models.ForeignKey(
        "listings.FeedSource",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="roles",
    )
    external_id = models.CharField(max_length=200, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)
    # Same employer, title and place: how a role arriving from two feeds is listed once.
    dedupe_key = models.CharField(max_length=64, blank=True)
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="duplicates"
    )

    # What search reads, kept by the database (listings_roles_refresh, migration 0014) from the
    # fields above, the employer's name and the M2M links, which stay the source of truth:
    # the weighted document (title A; employer and specialty names B; description C) and the
    # links as arrays, so visa, stream and specialty filters and facet counts read one table.
    search_vector = SearchVectorField(null=True, editable=False)
    visa_ids = ArrayField(models.BigIntegerField(), default=list, editable=False)
    stream_ids = ArrayField(models.BigIntegerField(), default=list, editable=False)
    specialty_ids = ArrayField(models.BigIntegerField(), default=list, editable=False)

    objects = RoleQuerySet.as_manager()

    class Meta:
        ordering = ["-posted_at", "-id"]
        permissions = [("moderate_role", "Can moderate roles")]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_min__lte=F("salary_max")),
                name="role_salary_min_lte_max",
            ),
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=Q(source__isnull=False),
                name="role_unique_per_source",
            ),
        ]
        indexes = [
            # The public listing: approved roles, newest first (RoleQuerySet.visible + default sort).
            models.Index(
                F("posted_at").desc(),
                F("id").desc(),
                condition=Q(status="approved"),
                name="role_live_newest_idx",
            ),
            # State filter on the listing.
            models.Index(
                fields=["state", "-posted_at"],
                condition=Q(status="approved"),
                name="role_live_state_idx",
            ),
            # sort=salary (RoleQuerySet.by_salary) on live roles, in index order.
            models.Index(
                F("salary_max").desc(nulls_last=True),
                F("salary_min").desc(nulls_last=True),
                F("posted_at").desc(),
                F("id").desc(),
                condition=Q(status="approved"),
                name="role_live_salary_sort_idx",
            ),
            # Keyword search on live roles. New roles wait in a small pending list that is merged
            # in sorted batches (far cheaper than one tree update per role) and emptied after
            # each ingest run (listings.search.flush_search_index), so searches scan little of it.
            GinIndex(
                fields=["search_vector"],
                condition=Q(status="approved"),
                fastupdate=True,
                gin_pending_list_limit=256,
                name="role_live_search_idx",
            ),
            # Finding the role another feed already lists (ingest); equality only, so no pattern-ops twin.
            models.Index(fields=["dedupe_key"], name="role_dedupe_idx"),
            # The moderation queue: pending roles, oldest first.
            models.Index(
                fields=["created_at"], condition=Q(status="pending"), name="role_pending_queue_idx"
            ),
            # The expiry task: approved roles past their closing date.
            models.Index(
                fields=["expires_at"], condition=Q(status="approved"), name="role_live_expiry_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} at {self.employer.name}" if self.employer_id else self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(f"{self.title} {self.city}")[:200] or "role"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("listings:role_detail", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def is_live(self) -> bool:
        """Approved, offered or not stated, and not past its closing date."""
        return (
            self.status == self.Status.APPROVED
            and self.sponsorship != self.Sponsorship.NOT_OFFERED
            and (self.expires_at is None or self.expires_at > timezone.now())
        )

    @property
    def posted_through_form(self) -> bool:
        """Posted by the employer (the form), not ingested from a feed: its sponsorship
        evidence is then the employer's declaration, not a sentence from an ad."""
        return self.source_id is None

    @property
    def sponsorship_label(self) -> str:
        """The sponsorship state in words, as cards, pages and digests show it.

        Reads ``visa_subclasses`` (prefetch it when labelling many roles).
        """
        if self.sponsorship == self.Sponsorship.OFFERED:
            if self.visa_subclasses.all():
                return "Visa sponsorship offered"
            return "Visa sponsorship offered (subclass not stated)"
        if self.sponsorship == self.Sponsorship.NOT_OFFERED:
            return "Visa sponsorship not offered"
        return "Sponsorship not stated"

    @property
    def location_display(self) -> str:
        place = ", ".join(p for p in (self.city, self.state) if p)
        if self.workplace == self.Workplace.REMOTE:
            return f"Remote ({place})" if place else "Remote (Australia)"
        if self.workplace == self.Workplace.HYBRID:
            return f"Hybrid: {place}" if place else "Hybrid"
        return place or self.location_text or "Australia"

    @property
    def salary_display(self) -> str:
        if self.salary_min and self.salary_max and self.salary_min != self.salary_max:
            return f"${self.salary_min:,} – ${self.salary_max:,} a year"
        if self.salary_min or self.salary_max:
            return f"${(self.salary_min or self.salary_max):,} a year"
        return self.salary_text
