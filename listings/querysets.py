"""Reads, in the product's words: Role.objects.visible().for_listing() and friends."""

from django.db import models
from django.db.models import Q
from django.utils import timezone


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
        # A subquery rather than a join, so a role offering two of them is not listed twice.
        through = self.model.visa_subclasses.through
        return self.filter(
            id__in=through.objects.filter(visasubclass__code__in=codes).values("role_id")
        )

    def for_listing(self):
        """Everything a role card shows, in a constant number of queries."""
        from listings.models import VisaStream

        return self.select_related("employer", "occupation").prefetch_related(
            "visa_subclasses",
            models.Prefetch("visa_streams", queryset=VisaStream.objects.select_related("subclass")),
            "specialties",
        )
