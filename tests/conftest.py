"""Fixtures shared by the whole suite."""

from importlib import import_module

import pytest
from django.apps import apps as global_apps
from django.contrib.auth.models import Group
from django.core.cache import cache

from tests.factories import UserFactory


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def moderator(db):
    """Staff in the Moderators group, which holds listings.moderate_role."""
    user = UserFactory(username="mod", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters and cached listings never leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def superuser(db):
    return UserFactory(username="root-admin", is_staff=True, is_superuser=True)


def pytest_report_header(config):
    from django.db import connection

    return f"database: PostgreSQL {connection.settings_dict['NAME']} ({connection.settings_dict['OPTIONS'].get('host') or connection.settings_dict['HOST']})"


def reference_data_load() -> None:
    """Load the visa reference data and the Moderators group, as migrations 0002, 0003 and 0013 do
    (idempotent)."""
    for name, function in (
        ("0002_visa_reference_data", "load"),
        ("0003_moderators_group", "create_group"),
        ("0013_salary_rule_reference_data", "load"),
    ):
        getattr(import_module(f"listings.migrations.{name}"), function)(global_apps, None)


@pytest.fixture(autouse=True)
def _reference_data_in_transactional_tests(request):
    """A transactional test (browser, worker) ends by emptying every table, data migrations' rows
    included, and serialized_rollback cannot restore them across Playwright's event loop: so every
    transactional test loads the reference data it relies on first."""
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
        reference_data_load()
