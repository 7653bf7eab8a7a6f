"""The core stays free of Qt: the CLI, the tests and HQ scripts must run without a display or PySide6."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import tcdesk

CORE = Path(tcdesk.__file__).parent
FORBIDDEN = ("PySide6", "shiboken6", "ui")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_core_module_imports_qt_or_the_gui():
    offenders = {
        f"{path.relative_to(CORE.parent)} imports {name}"
        for path in CORE.rglob("*.py")
        for name in _imported_modules(path)
        if name.split(".")[0] in FORBIDDEN
    }
    assert not offenders, sorted(offenders)


def test_the_whole_core_imports_without_qt_loaded():
    """Importing every core module must not pull PySide6 in, even indirectly."""
    modules = sorted(
        ".".join(p.relative_to(CORE.parent).with_suffix("").parts)
        for p in CORE.rglob("*.py")
        if p.name != "__main__.py" and "migrations" not in p.parts
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui')]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_linter_contract_holds():
    """The same rule as declared in pyproject.toml, checked by import-linter itself."""
    root = CORE.parent
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports"))],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
