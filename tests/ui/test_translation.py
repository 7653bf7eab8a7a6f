"""User-visible strings go through Qt's translation machinery: a tiny French catalogue changes the window."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

import ui.app

pytestmark = pytest.mark.gui

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context><name>Navigation</name>
<message><source>Home</source><translation>Accueil</translation></message>
</context>
<context><name>HomePage</name>
<message><source>Active projects</source><translation>Projets en cours</translation></message>
</context>
<context><name>Vocabulary</name>
<message><source>Treaty bodies</source><translation>Organes conventionnels</translation></message>
</context>
</TS>
"""


@pytest.fixture
def french(tmp_path, qapp, monkeypatch):
    lrelease = str(Path(sys.executable).with_name("pyside6-lrelease"))
    lrelease = lrelease if Path(lrelease).exists() else shutil.which("pyside6-lrelease") or lrelease
    if not Path(lrelease).exists():
        pytest.skip("pyside6-lrelease is not installed")
    folder = tmp_path / "translations"
    folder.mkdir()
    (folder / "tcdesk_fr.ts").write_text(TS, encoding="utf-8")
    subprocess.run([lrelease, str(folder / "tcdesk_fr.ts")], check=True, capture_output=True)
    monkeypatch.setattr(ui.app, "translations_folder", lambda: folder)
    installed = ui.app.install_translators(qapp, QLocale(QLocale.Language.French, QLocale.Country.France))
    yield installed
    for translator in installed:
        QCoreApplication.removeTranslator(translator)


def test_a_translation_for_the_locale_is_installed_and_used(french, make_window, office_store, qtbot):
    from tcdesk.services import records

    assert french, "the French catalogue was found and installed"
    records.create(office_store, "countries", {"iso3": "KEN", "name": "Kenya"})
    window = make_window(office_store)
    assert window.navigation.item(0).text() == "Accueil"
    window.show_page(0)
    page = window.stack.currentWidget()
    assert page.projects.title.text() == "Projets en cours"  # a page's own string, under its class's context
    window.show_page(1)
    facets = window.stack.currentWidget().facets
    assert facets.models["mechanism"].name_of("TB") == "Organes conventionnels (TB)"


def test_no_catalogue_means_english(monkeypatch, qapp, tmp_path):
    monkeypatch.setattr(ui.app, "translations_folder", lambda: None)
    installed = ui.app.install_translators(qapp, QLocale(QLocale.Language.Swahili, QLocale.Country.Kenya))
    for translator in installed:
        QCoreApplication.removeTranslator(translator)
    assert all("tcdesk" not in t.filePath() for t in installed)
