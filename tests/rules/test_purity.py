"""Rules are pure: nothing in listings/rules/ imports Django, the models or any I/O."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

RULES = Path(__file__).resolve().parents[2] / "listings" / "rules"
FORBIDDEN = ("django", "listings.models", "listings.ingest", "celery", "redis", "psycopg", "httpx")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted(RULES.glob("*.py")), ids=lambda path: path.name)
def test_rule_module_imports_nothing_impure(path):
    impure = {name for name in _imports(path) if name.startswith(FORBIDDEN)}
    assert not impure, f"{path.name} imports {sorted(impure)}"
