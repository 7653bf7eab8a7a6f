"""The recommendations table and facet models on their own: Qt's model checks, paging, sorting, drag data."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tcdesk.services import demo
from tcdesk.services import recommendation_query as query
from tests.ui.recommendation_fixtures import insert_recommendations, synthetic_rows
from ui.models.facet_model import COUNT_ROLE, FacetModel
from ui.models.recommendation_table import (
    COLUMNS,
    MIME_TYPE,
    UID_ROLE,
    RecommendationTableModel,
    shown_value,
)

pytestmark = pytest.mark.gui
XVL = demo.DEMO_ISO3


@pytest.fixture
def demo_model(demo_store):
    model = RecommendationTableModel(demo_store)
    model.set_filter(query.RecFilter(country=XVL))
    return model


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    from tcdesk.paths import DataDir
    from tcdesk.services import settings
    from tcdesk.store.db import open_store

    store = open_store(DataDir(tmp_path_factory.mktemp("big") / "data"))
    settings.set_office_code(store, "KEN-HRA")
    insert_recommendations(store, synthetic_rows(5000))
    yield store
    store.close()


def test_demo_table_model_passes_qt_model_checks(qtmodeltester, demo_model):
    assert demo_model.rowCount() == 214
    assert demo_model.columnCount() == len(COLUMNS) == len(query.LISTED)
    qtmodeltester.check(demo_model)
    demo_model.sort(COLUMNS.index("recommending_state"), Qt.SortOrder.DescendingOrder)
    demo_model.set_filter(query.RecFilter(country=XVL, text="justice"))
    qtmodeltester.check(demo_model)


def test_facet_models_pass_qt_model_checks(qtmodeltester, demo_store):
    f = query.RecFilter(country=XVL)
    for facet in query.FACETS:
        model = FacetModel(facet)
        model.set_counts(query.facet_counts(demo_store, f, facet))
        model.set_chosen(model.values()[:1])
        qtmodeltester.check(model)


def test_cells_show_lists_joined_and_vocabulary_translated(demo_model):
    row = next(r for r in range(demo_model.rowCount()) if "\n" in demo_model.record(r)["themes"])
    record = demo_model.record(row)
    themes = demo_model.index(row, COLUMNS.index("themes"))
    assert themes.data() == "; ".join(record["themes"].split("\n"))
    assert demo_model.index(row, 0).data(UID_ROLE) == record["uid"]
    assert shown_value("implementation_status", "in progress") == "In progress"
    assert shown_value("response", "") == ""
    text = demo_model.index(row, COLUMNS.index("text"))
    assert record["text"] in text.data(Qt.ItemDataRole.ToolTipRole)
    assert (
        demo_model.index(row, COLUMNS.index("mechanism"))
        .data(Qt.ItemDataRole.ToolTipRole)
        .endswith(f"({record['mechanism']})")
    )


def test_rows_are_fetched_by_block_and_only_when_asked(big_store):
    model = RecommendationTableModel(big_store, block_size=100, cache_blocks=4)
    model.set_filter(query.RecFilter(country="KEN"))
    assert model.rowCount() == 5000
    assert model.rows_loaded == 0, "a count, no rows, until something is shown"
    assert model.index(4999, COLUMNS.index("text")).data().startswith("Recommendation")
    assert model.rows_loaded == 100
    for row in range(0, 1000, 40):  # walk ten blocks: at most four stay cached
        model.index(row, 0).data()
    assert model.rows_loaded == 1100
    assert model.cached_rows() == 400


def test_sorting_is_sql_order_and_unsortable_columns_are_ignored(big_store):
    model = RecommendationTableModel(big_store)
    model.set_filter(query.RecFilter(country="KEN", text="water"))
    column = COLUMNS.index("recommending_state")
    model.sort(column, Qt.SortOrder.DescendingOrder)
    states = [model.record(row)["recommending_state"] for row in range(model.rowCount())]
    assert states == sorted(states, key=str.lower, reverse=True)
    assert states[0] == "State 96"
    loaded = model.rows_loaded
    model.sort(COLUMNS.index("themes"), Qt.SortOrder.AscendingOrder)
    assert (model.sort_field, model.descending, model.rows_loaded) == ("recommending_state", True, loaded)


def test_drag_carries_the_uids_of_the_rows(demo_model):
    indexes = [demo_model.index(row, column) for row in (3, 1) for column in (0, 4)]
    data = demo_model.mimeData(indexes)
    assert demo_model.mimeTypes() == [MIME_TYPE]
    assert bytes(data.data(MIME_TYPE)).decode().split("\n") == [demo_model.uid(1), demo_model.uid(3)]
    assert demo_model.flags(indexes[0]) & Qt.ItemFlag.ItemIsDragEnabled


def test_status_cell_edit_is_only_a_request(demo_model, qtbot):
    column = COLUMNS.index("implementation_status")
    index = demo_model.index(0, column)
    assert demo_model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not demo_model.flags(demo_model.index(0, COLUMNS.index("text"))) & Qt.ItemFlag.ItemIsEditable
    before = index.data(Qt.ItemDataRole.EditRole)
    new = "implemented" if before != "implemented" else "in progress"
    with qtbot.waitSignal(demo_model.editRequested) as signal:
        assert demo_model.setData(index, new)
    assert signal.args == [demo_model.uid(0), "implementation_status", new]
    assert index.data(Qt.ItemDataRole.EditRole) == before, "the page decides; the model does not write"


def test_facet_model_keeps_chosen_values_and_names_the_blank(qtbot):
    model = FacetModel("status", str.upper)
    model.set_counts([("in progress", 5), ("", 2)])
    assert [model.index(r).data() for r in range(2)] == ["IN PROGRESS", "(not recorded)"]
    with qtbot.waitSignal(model.chosenChanged):
        model.setData(model.index(1), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert model.chosen() == ("",)
    model.set_counts([("in progress", 3)])  # the other filters leave no blank one
    assert model.values() == ["in progress", ""]
    assert model.index(1).data(COUNT_ROLE) == 0
    assert model.index(1).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
