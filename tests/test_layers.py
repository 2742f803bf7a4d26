"""The builder's modules use each other's public names only.

The stage layering itself (which package may import which, who may import
spaCy and MkDocs) is `.importlinter`, checked by `lint-imports` in `make test`;
ruff's SLF001 catches ``module._name`` attribute access. What neither sees is
``from builder.x import _helper``, checked here.
"""

from __future__ import annotations

import ast
from pathlib import Path

BUILDER = Path(__file__).resolve().parent.parent / "builder"


def private_imports(path: Path) -> list[str]:
    """``module: name`` for every private name ``path`` imports from another builder module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("builder")):
            found += [
                f"{node.module}: {alias.name}"
                for alias in node.names
                if alias.name.startswith("_") and not alias.name.startswith("__")
            ]
    return found


def test_no_module_imports_another_modules_private_names():
    offenders = {
        str(path.relative_to(BUILDER)): names
        for path in sorted(BUILDER.rglob("*.py"))
        if (names := private_imports(path))
    }
    assert offenders == {}


def test_the_check_sees_a_private_import(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("from builder.publish.pages import _event_row, event_row\nfrom . import _x\n")
    assert private_imports(module) == ["builder.publish.pages: _event_row", "None: _x"]
