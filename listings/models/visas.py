"""Visa reference data: subclasses, streams, income thresholds and occupations.

All of it is data with effective dates, loaded by a data migration from the
domain reference and editable in the admin; no rule lives in code.
"""

from django.db import models


class VisaSubclass(models.Model):
    code = models.CharField(max_length=8, unique=True, help_text='e.g. "482"')
    name = models.CharField(max_length=120, help_text='e.g. "Skills in Demand"')
    permanent = models.BooleanField(default=False)
    employer_sponsored = models.BooleanField(default=True)
    active = models.BooleanField(default=True)
    # Which IncomeThreshold.name the salary must clear when the threshold is not set per
    # stream (494: TSMIT); blank when each stream names its own (482, 186).
    threshold_name = models.CharField(
        max_length=10, blank=True, help_text="Only when the threshold is not set per stream"
    )
    summary = models.TextField(blank=True)
    source_url = models.URLField(max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = "visa subclass"
        verbose_name_plural = "visa subclasses"

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class VisaStream(models.Model):
    subclass = models.ForeignKey(VisaSubclass, on_delete=models.CASCADE, related_name="streams")
    slug = models.SlugField(
        max_length=40, unique=True, help_text='Public filter value, e.g. "482-core"'
    )
    name = models.CharField(max_length=120)
    # Which IncomeThreshold.name the salary must clear; blank when the stream
    # sets its own terms (labour agreements).
    threshold_name = models.CharField(max_length=10, blank=True)
    requires_csol = models.BooleanField(default=False, help_text="Occupation must be on the CSOL")
    summary = models.TextField(blank=True)
    source_url = models.URLField(max_length=500, blank=True)
    active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["subclass__order", "order", "slug"]

    def __str__(self) -> str:
        return f"{self.subclass.code} {self.name}"


class IncomeThreshold(models.Model):
    class Confidence(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed by more than one source"
        SINGLE_SOURCE = "single_source", "Single source"
        SUBJECT_TO_LEGISLATION = "subject_to_legislation", "Announced, subject to legislation"

    name = models.CharField(max_length=10, help_text="TSMIT, CSIT or SSIT")
    amount = models.PositiveIntegerField(help_text="AUD a year, guaranteed annual earnings")
    # By nomination lodgement date. Null: in force before the next value, start not recorded.
    effective_from = models.DateField(null=True, blank=True)
    confidence = models.CharField(
        max_length=30, choices=Confidence.choices, default=Confidence.CONFIRMED
    )
    source_url = models.URLField(max_length=500)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["name", "effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "effective_from"], name="threshold_unique_per_date"
            ),
        ]

    def __str__(self) -> str:
        since = self.effective_from.isoformat() if self.effective_from else "earlier"
        return f"{self.name} ${self.amount:,} from {since}"


class Occupation(models.Model):
    anzsco_code = models.CharField("ANZSCO code", max_length=6, unique=True)
    title = models.CharField(max_length=120)
    # True: on the Core Skills Occupation List per a source; None: not confirmed either way.
    on_csol = models.BooleanField("on the CSOL", null=True, blank=True)
    csol_as_at = models.DateField(null=True, blank=True)
    source_url = models.URLField(max_length=500, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["anzsco_code"]

    def __str__(self) -> str:
        return f"{self.title} ({self.anzsco_code})"

    @property
    def csol_status(self) -> str:
        if self.on_csol is True:
            return "On the Core Skills Occupation List"
        if self.on_csol is False:
            return "Not on the Core Skills Occupation List"
        return "CSOL status not confirmed"
