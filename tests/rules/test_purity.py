"""Rules are pure: nothing in listings/rules/ imports Django, the models or any I/O, and
their tests need no database."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "listings" / "rules"
RULE_TESTS = Path(__file__).resolve().parent
FORBIDDEN = (
    "django",
    "listings.models",
    "listings.ingest",
    "celery",
    "kombu",
    "redis",
    "psycopg",
    "httpx",
    "requests",
    "urllib.request",
    "http.client",
    "socket",
    "sqlite3",
)
# What a rule test may not reach for: the database, or the objects that fill it.
FORBIDDEN_IN_TESTS = ("django", "listings.models", "tests.factories", "tests.conftest")


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, relative imports resolved to their full names."""
    package = _module(path).split(".")[:-1]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            names.add(module)
    return names


def _is(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == prefix or name.startswith(f"{prefix}.") for prefix in prefixes)


@pytest.mark.parametrize("path", sorted(RULES.glob("*.py")), ids=lambda path: path.name)
def test_rule_module_imports_nothing_impure(path):
    impure = {name for name in _imports(path) if _is(name, FORBIDDEN)}
    assert not impure, f"{path.name} imports {sorted(impure)}"


@pytest.mark.parametrize("path", sorted(RULES.glob("*.py")), ids=lambda path: path.name)
def test_rule_module_imports_only_rules_from_the_project(path):
    # Any other listings module may reach the ORM (visas, guidance, search, ...).
    outside = {
        name
        for name in _imports(path)
        if _is(name, ("listings", "jobboard")) and not _is(name, ("listings.rules",))
    }
    assert not outside, f"{path.name} imports {sorted(outside)}"


@pytest.mark.parametrize("path", sorted(RULE_TESTS.glob("*.py")), ids=lambda path: path.name)
def test_rule_tests_need_no_database(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    impure = {name for name in _imports(path) if _is(name, FORBIDDEN_IN_TESTS)}
    marks = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr in {"django_db", "db"}
    }
    assert not impure and not marks, f"{path.name} uses {sorted(impure | marks)}"
