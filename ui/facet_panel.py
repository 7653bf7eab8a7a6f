"""The facets beside the recommendations table: one collapsible group of checkable values per facet.

The panel never queries the store: the page hands it a function that counts one facet under the current
filter. Only expanded groups are counted, so a facet change costs the queries of what the user sees; a
group is counted when it is opened. Which groups are open is remembered in QSettings.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSettings, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QListView,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tcdesk.domain.sdg import GOAL_NAMES
from tcdesk.services import recommendation_query as query
from ui import labels
from ui.delegates import FacetDelegate
from ui.models.facet_model import FacetModel
from ui.widgets import label

Counter = Callable[[str], list[tuple[str, int]]]
SETTINGS_KEY = "recommendations/facets/expanded"
DEFAULT_EXPANDED = ("mechanism", "body", "response", "status", "theme", "sdg_goal", "clustered")
ORDER = (
    "country",
    "mechanism",
    "body",
    "cycle",
    "session",
    "response",
    "status",
    "theme",
    "affected",
    "sdg_goal",
    "sdg_target",
    "clustered",
)
VISIBLE_ROWS = 8


def facet_title(facet: str) -> str:
    titles = {
        "country": QCoreApplication.translate("Facets", "Country"),
        "mechanism": QCoreApplication.translate("Facets", "Mechanism"),
        "body": QCoreApplication.translate("Facets", "Body"),
        "cycle": QCoreApplication.translate("Facets", "UPR cycle"),
        "session": QCoreApplication.translate("Facets", "Session"),
        "response": QCoreApplication.translate("Facets", "Response"),
        "status": QCoreApplication.translate("Facets", "Implementation status"),
        "theme": QCoreApplication.translate("Facets", "Theme"),
        "affected": QCoreApplication.translate("Facets", "Affected persons"),
        "sdg_goal": QCoreApplication.translate("Facets", "SDG goal"),
        "sdg_target": QCoreApplication.translate("Facets", "SDG target"),
        "clustered": QCoreApplication.translate("Facets", "In a cluster"),
    }
    return titles.get(facet, facet)


def _goal_name(goal: str) -> str:
    name = GOAL_NAMES.get(int(goal)) if goal.isdigit() else None
    return f"{goal} · {name}" if name else goal


def _clustered_name(value: str) -> str:
    if value == "yes":
        return QCoreApplication.translate("Facets", "In a cluster")
    if value == "no":
        return QCoreApplication.translate("Facets", "Not in a cluster")
    return value


def value_namer(facet: str, country_name: Callable[[str], str]) -> Callable[[str], str]:
    """How a facet's values are shown (vocabulary terms translated, codes explained)."""
    vocabulary = lambda value: labels.capitalised(labels.term(value))  # noqa: E731
    namers: dict[str, Callable[[str], str]] = {
        "country": lambda iso3: f"{country_name(iso3)} ({iso3})",
        "mechanism": labels.mechanism_name,
        "response": vocabulary,
        "status": vocabulary,
        "sdg_goal": _goal_name,
        "clustered": _clustered_name,
    }
    return namers.get(facet, str)


class FacetGroup(QFrame):
    """A facet's title (click to open or close), its 'Clear' button and its list of values."""

    expandedChanged = Signal(bool)

    def __init__(self, facet: str, model: FacetModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.facet = facet
        self.model = model
        self.setObjectName(f"facet-{facet}")
        self.header = QToolButton()
        self.header.setObjectName(f"facetHeader-{facet}")
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setAutoRaise(True)
        self.header.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        self.header.clicked.connect(lambda: self.set_expanded(not self._expanded))
        self._expanded = False
        self.clear_button = QToolButton()
        self.clear_button.setObjectName(f"facetClear-{facet}")
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setAutoRaise(True)
        self.clear_button.setToolTip(labels.arg(self.tr("Show every %1 again"), facet_title(facet).lower()))
        self.clear_button.clicked.connect(self.clear)
        self.view = QListView()
        self.view.setObjectName(f"facetList-{facet}")
        self.view.setModel(model)
        self.view.setItemDelegate(FacetDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.empty = label(self.tr("Nothing to choose from"), "caption")
        self.empty.setContentsMargins(24, 0, 0, 4)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(0)
        top.addWidget(self.header, 1)
        top.addWidget(self.clear_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 6)
        column.setSpacing(2)
        column.addLayout(top)
        column.addWidget(self.view)
        column.addWidget(self.empty)
        model.modelReset.connect(self._update)
        model.dataChanged.connect(self._update)
        self._update()

    @property
    def expanded(self) -> bool:
        return self._expanded

    def set_expanded(self, expanded: bool) -> None:
        if expanded != self._expanded:
            self._expanded = expanded
            self._update()
            self.expandedChanged.emit(expanded)

    def clear(self) -> None:
        if self.model.chosen():
            self.model.clear()
            self.model.chosenChanged.emit()

    def _update(self, *_args: object) -> None:
        chosen = len(self.model.chosen())
        title = facet_title(self.facet)
        self.header.setText(f"{title} ({chosen})" if chosen else title)
        self.header.setArrowType(Qt.ArrowType.DownArrow if self.expanded else Qt.ArrowType.RightArrow)
        self.clear_button.setVisible(bool(chosen))
        rows = self.model.rowCount()
        self.view.setVisible(self.expanded and rows > 0)
        self.empty.setVisible(self.expanded and rows == 0)
        if rows:
            height = self.view.sizeHintForRow(0) * min(rows, VISIBLE_ROWS) + 2 * self.view.frameWidth()
            self.view.setFixedHeight(height)


class FacetPanel(QWidget):
    """Every facet group, 'Clear all' and the 'All countries' switch."""

    changed = Signal()
    """The user chose or cleared facet values."""
    allCountriesChanged = Signal(bool)
    expanded = Signal(str)
    """A group was opened: it needs counting."""

    def __init__(self, country_name: Callable[[str], str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("facetPanel")
        self.models: dict[str, FacetModel] = {}
        self.groups: dict[str, FacetGroup] = {}
        self.clear_all = QPushButton(self.tr("Clear all"))
        self.clear_all.setObjectName("facetsClearAll")
        self.clear_all.clicked.connect(self.clear)
        self.all_countries = QCheckBox(self.tr("All countries"))
        self.all_countries.setObjectName("allCountries")
        self.all_countries.setToolTip(
            self.tr("Show the recommendations of every country in the store, not only the country chosen above")
        )
        self.all_countries.toggled.connect(self._all_countries_toggled)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(label(self.tr("Filters"), "cardTitle"))
        top.addStretch(1)
        top.addWidget(self.clear_all)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 8, 8, 8)
        column.setSpacing(2)
        column.addLayout(top)
        column.addWidget(self.all_countries)
        opened = self._saved_expanded()
        for facet in ORDER:
            model = FacetModel(facet, value_namer(facet, country_name), self)
            model.chosenChanged.connect(self._chosen)
            group = FacetGroup(facet, model)
            group.set_expanded(facet in opened)
            group.expandedChanged.connect(lambda open_, f=facet: self._expanded(f, open_))
            self.models[facet] = model
            self.groups[facet] = group
            column.addWidget(group)
        column.addStretch(1)
        self.groups["country"].setVisible(False)
        self._update_clear_all()

    def sizeHint(self) -> QSize:
        return QSize(260, super().sizeHint().height())

    # --- what is chosen --------------------------------------------------------------------------
    def apply(self, base: query.RecFilter) -> query.RecFilter:
        """``base`` (country and search text) narrowed by the chosen values."""
        chosen: dict[str, tuple[str, ...]] = {}
        for facet, model in self.models.items():
            if facet in ("clustered", "country") or not model.chosen():
                continue
            chosen[facet] = model.chosen()
        clustered = set(self.models["clustered"].chosen())
        flag = None if len(clustered) != 1 else clustered == {"yes"}
        countries = self.models["country"].chosen() if self.all_countries.isChecked() else ()
        if countries:
            chosen["country"] = countries
        return query.RecFilter(country=base.country, text=base.text, chosen=chosen, clustered=flag)

    def has_choice(self) -> bool:
        return any(model.chosen() for model in self.models.values())

    def choose(self, facet: str, values: tuple[str, ...]) -> None:
        """Set a facet's chosen values as the user would (emits ``changed``)."""
        self.models[facet].set_chosen(values)
        self._chosen()

    def clear(self) -> None:
        if self.has_choice():
            for model in self.models.values():
                model.clear()
            self._chosen()

    def _chosen(self) -> None:
        self._update_clear_all()
        self.changed.emit()

    def _update_clear_all(self) -> None:
        self.clear_all.setEnabled(self.has_choice())

    # --- counts ----------------------------------------------------------------------------------
    def refresh(self, counter: Counter, only: str = "") -> None:
        """Count the open groups again (or the one group ``only``) with ``counter(facet)``."""
        for facet, group in self.groups.items():
            if only and facet != only:
                continue
            if group.isVisibleTo(self) and group.expanded:
                self.models[facet].set_counts(counter(facet))

    def counted_facets(self) -> list[str]:
        return [f for f, g in self.groups.items() if g.isVisibleTo(self) and g.expanded]

    def _expanded(self, facet: str, opened: bool) -> None:
        QSettings().setValue(SETTINGS_KEY, [f for f, g in self.groups.items() if g.expanded])
        if opened:
            self.expanded.emit(facet)

    def _saved_expanded(self) -> list[str]:
        saved = QSettings().value(SETTINGS_KEY)
        if saved is None:
            return list(DEFAULT_EXPANDED)
        return [saved] if isinstance(saved, str) else list(saved)

    def set_all_countries_available(self, available: bool) -> None:
        self.all_countries.setVisible(available)
        if not available and self.all_countries.isChecked():
            self.all_countries.setChecked(False)

    def _all_countries_toggled(self, checked: bool) -> None:
        self.groups["country"].setVisible(checked)
        if checked:
            self.groups["country"].set_expanded(True)
        if not checked:
            self.models["country"].clear()
        self.allCountriesChanged.emit(checked)
