"""The employer's dashboard: their roles with status, and the owner's actions on each.

Every lookup goes through ``Role.objects.owned_by(request.user)``, so another
employer's role id is a 404, never a 403 that would confirm it exists.
"""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from listings.models import EmployerMembership, ModerationEvent, Role, VisaStream
from listings.posting import services
from listings.posting.forms import RoleForm


def _owned(request, pk: int) -> Role:
    return get_object_or_404(Role.objects.owned_by(request.user).select_related("employer"), pk=pk)


@login_required
def dashboard(request):
    memberships = list(
        EmployerMembership.objects.filter(user=request.user)
        .select_related("employer")
        .order_by("created_at", "id")
    )
    roles = list(
        Role.objects.owned_by(request.user)
        .select_related("employer")
        .prefetch_related("visa_subclasses")
        .order_by("-created_at", "-id")
    )
    now = timezone.now()
    rows = [{"role": role, "actions": services.role_actions(role, now=now)} for role in roles]
    counts = Counter(role.status for role in roles)
    return render(
        request,
        "dashboard/index.html",
        {
            "employers": [m.employer for m in memberships],
            "rows": rows,
            "counts": [
                (label, counts[value]) for value, label in Role.Status.choices if counts[value]
            ],
            "several_employers": len(memberships) > 1,
        },
    )


@login_required
def role_detail(request, pk: int):
    """The owner's view of a role in any state: the ad, its guidance and its history."""
    role = get_object_or_404(
        Role.objects.owned_by(request.user)
        .select_related("employer", "occupation")
        .prefetch_related(
            "visa_subclasses",
            "specialties",
            Prefetch("visa_streams", queryset=VisaStream.objects.select_related("subclass")),
        ),
        pk=pk,
    )
    form = RoleForm(employers=[role.employer], initial=RoleForm.initial_from_role(role))
    events = ModerationEvent.objects.filter(role=role).select_related("actor")
    return render(
        request,
        "dashboard/role.html",
        {
            "role": role,
            "actions": services.role_actions(role),
            "events": events,
            "guidance": form.guidance(),
        },
    )


def _act(request, pk: int, action, success: str):
    role = _owned(request, pk)
    try:
        result = action(role=role, user=request.user)
    except services.PostingError as exc:
        messages.error(request, str(exc))
        return None
    messages.success(request, success.format(role=result))
    return result


@login_required
@require_POST
def role_close(request, pk: int):
    # Only a role that was on the board can leave it.
    was_live = _owned(request, pk).is_live
    after = "It is no longer listed." if was_live else "It will not be reviewed or listed."
    _act(request, pk, services.role_close, "Closed “{role.title}”. " + after)
    return redirect("listings:dashboard")


@login_required
@require_POST
def role_renew(request, pk: int):
    role = _act(request, pk, services.role_renew, "Renewed “{role.title}”.")
    if role is not None:
        if role.status == Role.Status.PENDING:
            messages.info(request, "It was never approved, so it is back in the review queue.")
        else:
            closes = timezone.localtime(role.expires_at)
            messages.info(request, f"It is listed again until {closes:%-d %b %Y}.")
    return redirect("listings:dashboard")


@login_required
@require_POST
def role_duplicate(request, pk: int):
    copy = _act(
        request,
        pk,
        services.role_duplicate,
        "Made a draft copy of “{role.title}”. Check it, preview it and submit it for review.",
    )
    if copy is None:
        return redirect("listings:dashboard")
    return redirect("listings:role_edit", pk=copy.pk)
