"""Where the data lives: --data-dir, then TCDESK_DATA_DIR, then portable mode, then the user data folder."""

from __future__ import annotations

import sys

import pytest

from tcdesk import paths


@pytest.fixture
def frozen_exe(tmp_path, monkeypatch):
    """A fake frozen executable in tmp_path/app (sys.frozen set, sys.executable pointing at it)."""
    app = tmp_path / "app"
    app.mkdir()
    exe = app / "tcdesk"
    exe.write_text("")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.delenv(paths.ENV_VAR, raising=False)
    return exe


def test_portable_folder_beside_a_frozen_executable_is_the_data_dir(frozen_exe):
    portable = frozen_exe.parent / paths.PORTABLE_FOLDER
    portable.mkdir()

    data_dir = paths.resolve()

    assert data_dir.root == portable.resolve()
    data_dir.ensure()
    for folder in (data_dir.backups, data_dir.keys, data_dir.logs):
        assert folder.is_dir() and folder.parent == portable.resolve()
    assert data_dir.database.parent == portable.resolve()


def test_without_the_portable_folder_a_frozen_executable_uses_the_user_data_dir(frozen_exe):
    assert paths.portable_root() is None
    assert paths.resolve().root != frozen_exe.parent / paths.PORTABLE_FOLDER


def test_portable_folder_is_ignored_when_not_frozen(frozen_exe, monkeypatch):
    (frozen_exe.parent / paths.PORTABLE_FOLDER).mkdir()
    monkeypatch.setattr(sys, "frozen", False)
    assert paths.portable_root() is None


def test_explicit_folder_and_environment_win_over_portable_mode(frozen_exe, tmp_path, monkeypatch):
    (frozen_exe.parent / paths.PORTABLE_FOLDER).mkdir()
    monkeypatch.setenv(paths.ENV_VAR, str(tmp_path / "from-env"))
    assert paths.resolve().root == (tmp_path / "from-env").resolve()
    assert paths.resolve(tmp_path / "explicit").root == (tmp_path / "explicit").resolve()
