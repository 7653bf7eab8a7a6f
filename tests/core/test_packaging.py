"""Every Python package of the project is listed for setuptools (the list is explicit, see pyproject.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_package_folder_is_in_the_setuptools_list():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = set()
    for top, name in (("tcdesk", "tcdesk"), ("ui", "ui"), ("resources", "tcdesk_resources")):
        for init in (ROOT / top).rglob("__init__.py"):
            relative = init.parent.relative_to(ROOT / top).parts
            found.add(".".join((name, *relative)))
    # Alembic's environment and scripts: folders without __init__.py, shipped as listed packages.
    found |= {"tcdesk.store.migrations", "tcdesk.store.migrations.versions"}
    assert found == listed
