"""Moderation in the admin: the review queue, the review page, approve / reject / take down, reports.

Every write goes through listings.moderation.services, which records a ModerationEvent
and e-mails the employer on commit. Viewing the queue needs the view permission on
roles; acting needs ``listings.moderate_role`` (the Moderators group, or a superuser):
staff without it see no actions and get a 403 from the review page's buttons.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince

from listings.models import ListingReport, ModerationEvent, Role, RoleReview
from listings.moderation.flags import (
    MODERATE_PERMISSION,
    queue_counts,
    queue_for_display,
    review_queue,
    role_flags,
)
from listings.moderation.forms import DismissReportForm, RejectForm, TakeDownForm
from listings.moderation.services import (
    ModerationError,
    ReportOutcome,
    report_resolve,
    role_approve,
    role_take_down,
    roles_approve_bulk,
    roles_reject_bulk,
    user_can_moderate,
)
from listings.rules.salary import Outcome
from listings.visas import role_salary_checks, visa_reference


def _can_view_roles(user) -> bool:
    return (
        user.is_active
        and user.is_staff
        and (user.has_perm("listings.view_role") or user.has_perm(MODERATE_PERMISSION))
    )


def _titles(roles) -> str:
    return ", ".join(f"“{role.title}”" for role in roles)


# --- Actions shared by the queue and the full Role admin ---------------------------------


class ModerationActionsMixin:
    """Approve and reject as admin actions, offered only to users who may moderate."""

    def has_moderate_permission(self, request) -> bool:
        return user_can_moderate(request.user)

    @admin.action(description="Approve selected roles", permissions=["moderate"])
    def approve_selected(self, request, queryset):
        result = roles_approve_bulk(roles=list(queryset), user=request.user)
        if result.done:
            self.message_user(
                request,
                f"Approved {len(result.done)} role(s); the employers are being e-mailed: "
                f"{_titles(result.done)}.",
                messages.SUCCESS,
            )
        if result.skipped:
            self.message_user(
                request,
                f"Skipped {len(result.skipped)} role(s) that were not waiting for review: "
                f"{_titles(result.skipped)}.",
                messages.WARNING,
            )

    @admin.action(description="Reject selected roles…", permissions=["moderate"])
    def reject_selected(self, request, queryset):
        return reject_confirmation(self, request, list(queryset), action="reject_selected")


def reject_confirmation(model_admin, request, roles: list[Role], *, action: str = ""):
    """The intermediate page: a reason is required before anything is rejected.

    ``action`` is the admin action name when reached from a changelist (the page posts
    back to it, like Django's delete confirmation); empty for a single role's button.
    Returns None once the roles are rejected (an action then returns to the changelist).
    """
    form = RejectForm(request.POST if "confirm" in request.POST else None)
    if form.is_bound and form.is_valid():
        try:
            result = roles_reject_bulk(
                roles=roles, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ModerationError as exc:
            form.add_error(None, str(exc))
        else:
            if result.done:
                model_admin.message_user(
                    request,
                    f"Rejected {_titles(result.done)}. The employer is e-mailed the reason.",
                    messages.SUCCESS,
                )
            if result.skipped:
                model_admin.message_user(
                    request,
                    f"Skipped {_titles(result.skipped)}: not pending or live.",
                    messages.WARNING,
                )
            return None
    opts = model_admin.model._meta
    open_reports = ListingReport.objects.filter(
        role__in=roles, status=ListingReport.Status.OPEN
    ).count()
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Reject roles" if len(roles) > 1 else f"Reject “{roles[0].title}”",
        "subtitle": None,
        "opts": opts,
        "roles": roles,
        "form": form,
        "action": action,
        "open_reports": open_reports,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "queue_url": reverse("admin:listings_rolereview_changelist"),
    }
    return TemplateResponse(request, "admin/listings/reject_confirmation.html", context)


# --- The queue ---------------------------------------------------------------------------


class QueueReasonFilter(admin.SimpleListFilter):
    title = "why in the queue"
    parameter_name = "why"

    def lookups(self, request, model_admin):
        return [("pending", "Waiting for review"), ("reported", "Reported (open reports)")]

    def queryset(self, request, queryset):
        if self.value() == "pending":
            return queryset.filter(status=Role.Status.PENDING)
        if self.value() == "reported":
            return queryset.filter(has_open_reports=True)
        return queryset


class SourceFilter(admin.SimpleListFilter):
    title = "source"
    parameter_name = "from"

    def lookups(self, request, model_admin):
        return [("form", "Posting form"), ("feed", "A feed")]

    def queryset(self, request, queryset):
        if self.value() == "form":
            return queryset.filter(source__isnull=True)
        if self.value() == "feed":
            return queryset.filter(source__isnull=False)
        return queryset


@admin.register(RoleReview)
class RoleReviewAdmin(ModerationActionsMixin, admin.ModelAdmin):
    """Pending roles, oldest first, with reported live roles raised to the top."""

    list_display = [
        "title_link",
        "flag_list",
        "employer",
        "visas",
        "salary_vs_threshold",
        "source_display",
        "waiting",
    ]
    list_display_links = None  # the title links to the review page
    list_filter = [QueueReasonFilter, SourceFilter, "visa_subclasses"]
    search_fields = ["title", "employer__name"]
    actions = ["approve_selected", "reject_selected"]
    list_per_page = 50
    show_full_result_count = False
    review_template = "admin/listings/rolereview/review.html"

    # Read-only: decisions are the actions and buttons, never an edit of the row.
    def has_view_permission(self, request, obj=None):
        return _can_view_roles(request.user)

    def has_module_permission(self, request):
        return _can_view_roles(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return queue_for_display(review_queue())

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"title": "Review queue", **(extra_context or {})})

    def get_ordering(self, request):
        return [F("has_open_reports").desc(), "created_at", "id"]

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # One pass for the whole page, so the flags cost the same for 5 rows or 50.
        rows = list(changelist.result_list)
        flags = role_flags(rows, on=timezone.localdate())
        for role in rows:
            role.moderation_flags = flags[role.id]
        return changelist

    # Columns.

    @admin.display(description="Role", ordering="title")
    def title_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:listings_rolereview_review", args=[obj.pk]),
            obj.title,
        )

    @admin.display(description="Visas")
    def visas(self, obj):
        streams = {}
        for stream in obj.visa_streams.all():
            streams.setdefault(stream.subclass_id, []).append(stream.name)
        return (
            format_html_join(
                ", ",
                "{}{}",
                (
                    (s.code, f" ({', '.join(streams[s.id])})" if s.id in streams else "")
                    for s in obj.visa_subclasses.all()
                ),
            )
            or "–"
        )

    @admin.display(description="Salary vs threshold", ordering="salary_min")
    def salary_vs_threshold(self, obj):
        salary = obj.salary_display or "Not stated"
        checks = getattr(obj, "moderation_flags", None)
        lines = []
        for check in checks.salaries if checks is not None else ():
            if check.outcome == Outcome.CANNOT_CHECK:
                continue
            clears = check.outcome == Outcome.CLEARS
            threshold = f"{check.threshold.name} ${check.threshold.amount:,}: {check.label}"
            lines.append(
                (
                    static(f"admin/img/icon-{'yes' if clears else 'no'}.svg"),
                    "clears" if clears else "below",
                    threshold,
                )
            )
        return format_html(
            "{}{}",
            salary,
            format_html_join("", '<br><img src="{}" alt=""> <small>{} {}</small>', lines),
        )

    @admin.display(description="Source")
    def source_display(self, obj):
        if obj.source_id is None:
            return "Posting form"
        return format_html(
            "Feed: {} <small>({})</small>", obj.source, obj.source.get_kind_display()
        )

    @admin.display(description="Waiting", ordering="created_at")
    def waiting(self, obj):
        if obj.status == Role.Status.APPROVED:
            return "Live, reported"
        return format_html(
            '<time datetime="{}">{}</time>', obj.created_at.isoformat(), timesince(obj.created_at)
        )

    @admin.display(description="Flags")
    def flag_list(self, obj):
        flags = getattr(obj, "moderation_flags", None)
        if not flags:
            return "–"
        return format_html_join(
            mark_safe("<br>"),
            '<img src="{}" alt=""> <strong>{}</strong>',
            ((static("admin/img/icon-alert.svg"), label) for label in flags.labels),
        )

    # The review page and its buttons.

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/review/", view(self.review_view), name="listings_rolereview_review"),
            path("<int:pk>/preview/", view(self.preview_view), name="listings_rolereview_preview"),
            path("<int:pk>/approve/", view(self.approve_view), name="listings_rolereview_approve"),
            path("<int:pk>/reject/", view(self.reject_view), name="listings_rolereview_reject"),
            path(
                "<int:pk>/take-down/",
                view(self.take_down_view),
                name="listings_rolereview_take_down",
            ),
            path(
                "reports/<int:report_pk>/dismiss/",
                view(self.dismiss_report_view),
                name="listings_rolereview_dismiss_report",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Every link to a row (the changelist, history) lands on the review page.
        return HttpResponseRedirect(
            reverse("admin:listings_rolereview_review", args=[quote(object_id)])
        )

    def _role(self, pk: int) -> Role:
        return get_object_or_404(
            queue_for_display(Role.objects.select_related("occupation", "created_by"))
            .prefetch_related("specialties")
            .annotate(
                open_report_count=Count("reports", filter=Q(reports__status="open"), distinct=True)
            ),
            pk=pk,
        )

    def _require_moderator(self, request) -> None:
        if not self.has_moderate_permission(request):
            raise PermissionDenied

    def review_view(self, request, pk: int):
        if not self.has_view_permission(request):
            raise PermissionDenied
        role = self._role(pk)
        today = timezone.localdate()
        flags = role_flags([role], on=today)[role.id]
        employer_roles = Role.objects.filter(employer_id=role.employer_id).exclude(pk=role.pk)
        history = employer_roles.aggregate(
            approved=Count("id", filter=Q(approved_at__isnull=False)),
            rejected=Count("id", filter=Q(status=Role.Status.REJECTED)),
            pending=Count("id", filter=Q(status=Role.Status.PENDING)),
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Review “{role.title}”",
            "subtitle": None,
            "opts": self.model._meta,
            "role": role,
            "flags": flags,
            "salary_checks": flags.salaries,
            "today": today,
            "events": ModerationEvent.objects.filter(role=role).select_related("actor"),
            "reports": ListingReport.objects.filter(role=role)
            .select_related("resolved_by")
            .order_by(F("resolved_at").desc(nulls_first=True), "-created_at"),
            "history": history,
            "employer_roles": employer_roles.order_by("-created_at")[:10],
            "can_moderate": self.has_moderate_permission(request),
            "take_down_form": TakeDownForm(),
            "dismiss_form": DismissReportForm(),
            "role_admin_url": reverse("admin:listings_role_change", args=[role.pk]),
            "employer_admin_url": reverse(
                "admin:listings_employer_change", args=[role.employer_id]
            ),
        }
        return TemplateResponse(request, self.review_template, context)

    def preview_view(self, request, pk: int):
        """The role in the public page's template, as seekers will see it once approved."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        role = get_object_or_404(
            Role.objects.for_listing().select_related("employer", "occupation"), pk=pk
        )
        today = timezone.localdate()
        response = render(
            request,
            "listings/role_detail.html",
            {
                "role": role,
                "live": True,
                "preview": True,
                "salary_checks": role_salary_checks(role, on=today, reference=visa_reference()),
                "today": today,
                "json_ld": "",
                "report_url": "#",
            },
        )
        response["X-Robots-Tag"] = "noindex"
        return response

    def approve_view(self, request, pk: int):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        self._require_moderator(request)
        role = get_object_or_404(Role, pk=pk)
        try:
            role = role_approve(role=role, user=request.user)
        except ModerationError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:listings_rolereview_review", args=[pk]))
        closes = timezone.localtime(role.expires_at)
        self.message_user(
            request,
            f"Approved “{role.title}”: listed until {closes:%-d %b %Y}. The employer is e-mailed.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:listings_rolereview_changelist"))

    def reject_view(self, request, pk: int):
        self._require_moderator(request)
        role = get_object_or_404(Role.objects.select_related("employer"), pk=pk)
        response = reject_confirmation(self, request, [role])
        if response is None:
            return HttpResponseRedirect(reverse("admin:listings_rolereview_changelist"))
        return response

    def take_down_view(self, request, pk: int):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        self._require_moderator(request)
        role = get_object_or_404(Role, pk=pk)
        form = TakeDownForm(request.POST)
        review = reverse("admin:listings_rolereview_review", args=[pk])
        if not form.is_valid():
            self.message_user(request, "Say why the role is being closed.", messages.ERROR)
            return HttpResponseRedirect(review)
        try:
            role_take_down(role=role, user=request.user, reason=form.cleaned_data["reason"])
        except ModerationError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(review)
        self.message_user(
            request, f"Closed “{role.title}”. The employer is e-mailed why.", messages.SUCCESS
        )
        return HttpResponseRedirect(reverse("admin:listings_rolereview_changelist"))

    def dismiss_report_view(self, request, report_pk: int):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        self._require_moderator(request)
        report = get_object_or_404(ListingReport, pk=report_pk)
        form = DismissReportForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        try:
            report_resolve(
                report=report, user=request.user, outcome=ReportOutcome.DISMISS, reason=note
            )
        except ModerationError as exc:
            self.message_user(request, str(exc), messages.ERROR)
        else:
            self.message_user(request, "Report dismissed.", messages.SUCCESS)
        return HttpResponseRedirect(
            reverse("admin:listings_rolereview_review", args=[report.role_id])
        )


# --- Reports -------------------------------------------------------------------------------


@admin.register(ListingReport)
class ListingReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "reason", "role_link", "status", "contact_email", "resolved_by"]
    list_filter = ["status", "reason"]
    search_fields = ["role__title", "details", "contact_email"]
    list_select_related = ["role__employer", "resolved_by"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "role",
        "reason",
        "details",
        "contact_email",
        "status",
        "created_at",
        "resolved_at",
        "resolved_by",
    ]
    actions = ["dismiss_selected"]

    def has_add_permission(self, request):
        return False  # reports come from the public form

    def has_moderate_permission(self, request) -> bool:
        return user_can_moderate(request.user)

    @admin.display(description="Role", ordering="role__title")
    def role_link(self, obj):
        return format_html(
            '<a href="{}">{}</a> <small>({})</small>',
            reverse("admin:listings_rolereview_review", args=[obj.role_id]),
            obj.role.title,
            obj.role.employer.name,
        )

    @admin.action(description="Dismiss selected reports", permissions=["moderate"])
    def dismiss_selected(self, request, queryset):
        dismissed = 0
        for report in queryset.filter(status=ListingReport.Status.OPEN):
            report_resolve(report=report, user=request.user, outcome=ReportOutcome.DISMISS)
            dismissed += 1
        self.message_user(request, f"Dismissed {dismissed} report(s).", messages.SUCCESS)


# --- The admin index: the queue's size at a glance ------------------------------------------


def moderation_queue(user) -> dict | None:
    """The queue's counts and links for the admin index (jobboard.admin), or None for staff
    who may not see roles."""
    if not _can_view_roles(user):
        return None
    url = reverse("admin:listings_rolereview_changelist")
    return {**queue_counts(), "url": url, "reported_url": url + "?why=reported"}


__all__ = [
    "ListingReportAdmin",
    "ModerationActionsMixin",
    "RoleReviewAdmin",
    "moderation_queue",
    "reject_confirmation",
]
