"""The admin site: Django's, with the moderation queue's size on its index page.

Installed as the default site by jobboard.apps.JobBoardAdminConfig, so ``admin.site`` and
``@admin.register`` (ours, allauth's, Django's) all use it.
"""

from __future__ import annotations

from django.contrib import admin


class JobBoardAdminSite(admin.AdminSite):
    def index(self, request, extra_context=None):
        """Add ``moderation_queue`` (templates/admin/index.html) for staff who may see roles."""
        # Imported here: the moderation admin registers on this site, so it loads after it.
        from listings.moderation.admin import moderation_queue

        extra_context = dict(extra_context or {})
        queue = moderation_queue(request.user)
        if queue is not None:
            extra_context["moderation_queue"] = queue
        return super().index(request, extra_context=extra_context)
