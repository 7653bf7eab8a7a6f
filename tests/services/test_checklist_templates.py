"""The bundled CCA checklist: well formed, reachable as a package resource, and never written over."""

from __future__ import annotations

import copy
import json

import pytest
from sqlmodel import select

from tcdesk.domain.schema import CHECKLIST_ITEMS
from tcdesk.domain.validation import normalize
from tcdesk.services import checklist_templates as ct
from tcdesk.store.models import ChecklistItem, ChecklistTemplate

RECEIVED_AT = "2026-03-01T00:00:00Z"


def _document() -> dict:
    return json.loads(ct.bundled_template_path().read_text(encoding="utf-8"))


def _items(session, template="CCA-HR", version=1):
    query = select(ChecklistItem).where(ChecklistItem.template == template, ChecklistItem.version == version)
    return sorted(session.exec(query), key=lambda item: item.position)


def test_the_bundled_file_is_a_package_resource():
    assert ct.bundled_template_path().is_file()
    assert _document()["template"] == "CCA-HR"


def test_the_bundled_template_is_big_enough_and_well_formed():
    parsed = ct.bundled_template()
    codes = [row["code"] for row in parsed.items]
    assert (parsed.template, parsed.version) == ("CCA-HR", 1)
    assert len(parsed.items) >= 30
    assert len(parsed.sections) >= 8
    assert len(codes) == len(set(codes))
    assert [int(row["position"]) for row in parsed.items] == list(range(1, len(codes) + 1))
    for row in parsed.items:
        assert row["text"] and row["guidance"], row["code"]
        for column in CHECKLIST_ITEMS.columns:
            assert normalize(column, row[column.name]) == row[column.name]


def test_every_guiding_principle_has_an_item():
    texts = " ".join(row["text"].lower() for row in ct.bundled_template().items)
    principles = (
        "leave no one behind",
        "human-rights-based",
        "gender equality",
        "shocks",
        "sustainab",
        "account",
    )
    for principle in principles:
        assert principle in texts, principle


def test_ensure_inserts_the_template_once(store):
    with store.transaction() as session:
        assert ct.ensure_bundled_template(session)
    with store.transaction() as session:
        assert not ct.ensure_bundled_template(session)
    with store.session() as session:
        held = session.get(ChecklistTemplate, ("CCA-HR", 1))
        assert held is not None and held.source == "bundled" and held.received_at
        items = _items(session)
    file_codes = [row["code"] for row in ct.bundled_template().items]
    assert [item.code for item in items] == file_codes
    assert items[0].section == _document()["sections"][0]["title"]


def _hq_item(text: str) -> ChecklistItem:
    return ChecklistItem(template="CCA-HR", version=1, code="HQ-1", section="HQ", position=1, text=text)


def test_a_version_already_held_is_never_overwritten(store):
    with store.transaction() as session:
        session.add(ChecklistTemplate(template="CCA-HR", version=1, source="pkg-1", received_at=RECEIVED_AT))
        session.add(_hq_item("HQ's own"))
    with store.transaction() as session:
        assert not ct.ensure_bundled_template(session)
    with store.session() as session:
        assert [(i.code, i.text) for i in _items(session)] == [("HQ-1", "HQ's own")]
        assert session.get(ChecklistTemplate, ("CCA-HR", 1)).source == "pkg-1"


def test_items_without_a_template_row_also_count_as_held(store):
    with store.transaction() as session:
        session.add(_hq_item("x"))
    with store.transaction() as session:
        assert not ct.ensure_bundled_template(session)
    with store.session() as session:
        assert [i.code for i in _items(session)] == ["HQ-1"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda doc: doc["sections"][1]["items"][0].update(code="GP-1"), "GP-1: the code is used twice"),
        (lambda doc: doc["sections"][0]["items"][2].update(text=""), "GP-3 text: is required"),
        (lambda doc: doc["sections"][0]["items"][0].update(code="GP\n1"), "code: must be on one line"),
        (lambda doc: doc.update(version=0), "version: '0' must be 1 or more"),
    ],
)
def test_a_bad_template_is_refused_naming_item_and_column(change, message):
    doc = copy.deepcopy(_document())
    change(doc)
    with pytest.raises(ct.TemplateFileError, match=message):
        ct.parse_template(doc)
