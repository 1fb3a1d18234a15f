"""The audit package carries no dead code: every function and class defined at the top of one of
its modules is used somewhere: by the product (lineage/, api/, scripts/) or, for a public function
offered to other modules before they call it, by the tests that specify it.

Why a test: an unused helper in the rule registry looks like part of the registry's contract, and
a reader cannot tell it from one the API relies on. Uses are found by name in the syntax trees
(a call, an attribute, an import), which is enough for a package that registers nothing by string.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support.paths import REPO_ROOT

AUDIT = REPO_ROOT / "lineage" / "audit"
USERS = ("lineage", "api", "scripts", "tests")


def _names_used(path: Path) -> set[str]:
    used: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            used.add(node.id)
        elif isinstance(node, ast.Attribute):
            used.add(node.attr)
        elif isinstance(node, ast.alias):
            used.add(node.name.rsplit(".", 1)[-1])
    return used


def _definitions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return [node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]


def test_every_function_and_class_of_the_audit_is_used():
    used = set().union(*(_names_used(path) for top in USERS for path in (REPO_ROOT / top).rglob("*.py")))
    unused = [
        f"{path.name}: {name}" for path in sorted(AUDIT.glob("*.py")) for name in _definitions(path) if name not in used
    ]
    assert unused == []
