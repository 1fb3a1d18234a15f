"""Modules use each other's public names only: a name with a leading underscore is free to change
with its module, so another module that reaches for it breaks silently when it does."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support.paths import REPO_ROOT

PACKAGES = ("lineage", "api")


def _sources() -> list[Path]:
    return sorted(p for package in PACKAGES for p in (REPO_ROOT / package).rglob("*.py"))


def _private_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            found += [
                f"{path.relative_to(REPO_ROOT)}:{node.lineno}: {node.module}.{a.name}"
                for a in node.names
                if a.name.startswith("_") and not a.name.startswith("__")
            ]
    return found


def _private_class_calls(path: Path) -> list[str]:
    """`Class._helper(...)` called from outside the class (`cls._x` and `self._x` are the class's own)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and isinstance(node.value, ast.Name)
            and node.value.id[:1].isupper()
        ):
            found.append(f"{path.relative_to(REPO_ROOT)}:{node.lineno}: {node.value.id}.{node.attr}")
    return found


def test_no_module_imports_another_modules_private_names():
    assert [hit for path in _sources() for hit in _private_imports(path)] == []


def test_no_module_calls_a_private_helper_of_a_class_it_imports():
    assert [hit for path in _sources() for hit in _private_class_calls(path)] == []


def test_no_test_module_imports_another():
    """Shared helpers live in tests/support and fixtures in conftest.py: a test module that
    imports another runs that module's tests' set-up for nothing, and ties the two together."""
    tests = REPO_ROOT / "tests"
    found = []
    for path in sorted(tests.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.split(".")[-1].startswith(("test_", "conftest"))
            ):
                found.append(f"{path.relative_to(REPO_ROOT)}:{node.lineno}: {node.module}")
    assert found == []
