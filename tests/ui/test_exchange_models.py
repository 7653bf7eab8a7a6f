"""The exchange screens' item models on their own, without any widget, checked by pytest-qt's model tester."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tcdesk.services import conflicts, exchange, records, trust
from tests.sync.packages import rec_row, sheet_of, write_package
from ui.models import SORT_ROLE
from ui.models import exchange_log as log_columns
from ui.models.conflicts import ConflictFieldsModel, ConflictListModel
from ui.models.counts import CountsModel
from ui.models.exchange_log import ExchangeLogModel, LogRow
from ui.models.trusted_keys import TrustedKeysModel


def test_counts_model(qtmodeltester):
    model = CountsModel()
    qtmodeltester.check(model)
    model.set_counts(
        {
            "recommendations": {
                "inserted": 3,
                "updated": 1,
                "unchanged": 0,
                "stale": 0,
                "conflicting": 2,
                "deleted": 0,
            },
            "countries": {"inserted": 1, "updated": 0, "unchanged": 0, "stale": 0, "conflicting": 0, "deleted": 0},
            "extra_sheet": {"inserted": 5, "surprising": 1},
        }
    )
    qtmodeltester.check(model)
    assert model.sheets() == ["countries", "recommendations", "extra_sheet"]  # contract order, unknown last
    assert model.outcomes()[0] == "inserted" and model.outcomes()[-1] == "surprising"
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert header[:7] == ["Sheet", "New", "Updated", "Unchanged", "Older", "Conflicting", "Deleted"]
    conflicting = model.index(1, model.column_of("conflicting"))
    assert conflicting.data() == "2" and conflicting.data(SORT_ROLE) == 2
    assert conflicting.data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(0, 0).data() == "Countries"
    model.set_counts({"recommendations": {"exported": 12}})
    qtmodeltester.check(model)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Exported"


def test_exchange_log_model(qtmodeltester, field, hq_signer, tmp_path):
    records.create(field, "countries", {"iso3": "KEN", "name": "Kenya"})
    exchange.export_package(field, tmp_path / "r.xlsx")
    write_package(tmp_path / "u.xlsx", {"recommendations": sheet_of([rec_row(pytest.uid())])}, signer=hq_signer)
    exchange.import_package(field, tmp_path / "u.xlsx")
    labels = {k.key_id: k.label for k in trust.trusted_keys(field)}
    rows = [LogRow.from_entry(e, labels) for e in exchange.exchange_log(field)]
    model = ExchangeLogModel()
    qtmodeltester.check(model)
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.columnCount() == 10
    assert model.index(0, log_columns.COL_SIGNATURE).data() == "HQ Geneva 2026"
    assert model.index(1, log_columns.COL_SIGNATURE).data() == "Unsigned"
    assert model.index(1, log_columns.COL_RECORDS).data() == "1 record"
    assert rows[0].counts["recommendations"]["inserted"] == 1 and rows[0].notes == []


def test_conflict_models(qtmodeltester, field, conflicted):
    views = conflicts.open_conflicts(field)
    listing = ConflictListModel()
    listing.set_rows(views)
    qtmodeltester.check(listing)
    kinds = {listing.index(r, ConflictListModel.COL_KIND).data() for r in range(listing.rowCount())}
    assert kinds == {"Recommendation", "Cluster"}
    fields = ConflictFieldsModel()
    qtmodeltester.check(fields)
    for view in views:
        fields.set_view(view, "Mine", "Theirs")
        qtmodeltester.check(fields)
    fields.set_view(next(v for v in views if v.table == "clusters"))
    take = fields.index(fields.row_of("title"), ConflictFieldsModel.COL_TAKE)
    assert fields.flags(take) & Qt.ItemFlag.ItemIsUserCheckable
    assert fields.setData(take, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert fields.chosen() == ["title"]
    assert not fields.setData(
        fields.index(fields.row_of("country"), ConflictFieldsModel.COL_TAKE), True, Qt.ItemDataRole.CheckStateRole
    )
    qtmodeltester.check(fields)


def test_trusted_keys_model(qtmodeltester, field):
    trust.create_office_key(field)
    model = TrustedKeysModel()
    qtmodeltester.check(model)
    model.set_rows(trust.trusted_keys(field))
    qtmodeltester.check(model)
    assert sorted(model.index(r, 3).data() for r in range(model.rowCount())) == ["", "This office"]
