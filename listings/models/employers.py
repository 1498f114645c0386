"""Employers and the people who act for them."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from listings.abn import validate_abn
from listings.rules.abn import format_abn, normalise_abn


class Employer(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    abn = models.CharField(
        "ABN", max_length=11, blank=True, validators=[validate_abn], help_text="11 digits"
    )
    website = models.URLField(max_length=300, blank=True)
    about = models.TextField(blank=True)
    verified = models.BooleanField(
        default=False, help_text="ABN and identity checked by a moderator"
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="EmployerMembership", related_name="employers", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.abn = normalise_abn(self.abn)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("listings:employer_detail", kwargs={"slug": self.slug})

    @property
    def abn_display(self) -> str:
        return format_abn(self.abn) if self.abn else ""


class EmployerMembership(models.Model):
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["employer", "user"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.employer}"
