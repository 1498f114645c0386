"""Every model is in the admin, and its list and add pages render."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.urls import reverse

from jobboard.admin import JobBoardAdminSite
from listings.models import Role
from tests.factories import ApprovedRoleFactory, FeedSourceFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_every_listings_model_is_registered():
    from django.apps import apps

    registered = set(admin.site._registry)
    missing = [
        m.__name__ for m in apps.get_app_config("listings").get_models() if m not in registered
    ]
    assert not missing


def test_the_admin_is_our_site_and_holds_every_apps_models():
    assert isinstance(admin.site, JobBoardAdminSite)
    assert {User, Group, EmailAddress} <= set(admin.site._registry)


def test_the_index_lists_every_app_for_a_superuser(client, superuser):
    client.force_login(superuser)
    html = client.get(reverse("admin:index")).content.decode()
    for changelist in ("auth_user", "account_emailaddress", "listings_role"):
        assert reverse(f"admin:{changelist}_changelist") in html
    assert 'id="queue-pending-count">0<' in html


def test_changelists_render_with_data(client, superuser, django_assert_max_num_queries):
    ApprovedRoleFactory.create_batch(3, visas=["482", "186"])
    FeedSourceFactory()
    MembershipFactory()
    client.force_login(superuser)
    for model in admin.site._registry:
        if model._meta.app_label != "listings":
            continue
        url = f"/admin/listings/{model._meta.model_name}/"
        response = client.get(url)
        assert response.status_code == 200, url


def test_role_changelist_filters_and_search(client, superuser):
    ApprovedRoleFactory(title="Speech Engineer")
    ApprovedRoleFactory(title="Vision Engineer", state="WA")
    client.force_login(superuser)
    body = client.get("/admin/listings/role/", {"q": "Speech"}).content.decode()
    assert "Speech Engineer" in body and "Vision Engineer" not in body
    body = client.get("/admin/listings/role/", {"state__exact": "WA"}).content.decode()
    assert "Vision Engineer" in body and "Speech Engineer" not in body
    assert Role.objects.count() == 2


def test_feed_source_health_and_ingest_now(client, superuser, httpserver):
    from listings.models import IngestRun

    httpserver.expect_request("/gh").respond_with_data(
        '{"jobs": []}', content_type="application/json"
    )
    source = FeedSourceFactory(url=httpserver.url_for("/gh"))
    client.force_login(superuser)
    response = client.post(
        "/admin/listings/feedsource/",
        {"action": "ingest_now", "_selected_action": [source.pk]},
        follow=True,
    )
    assert "Ingest queued for 1 active source" in response.content.decode()
    assert IngestRun.objects.get(source=source).status == "succeeded"  # eager in tests
    page = client.get(f"/admin/listings/feedsource/{source.pk}/change/").content.decode()
    assert "Recent runs" in page and "Succeeded" in page
