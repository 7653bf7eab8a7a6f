"""The dialogs of the Clusters page: a cluster's title, summary, priority and goals; suggested clusters.

Neither writes to the store: the page reads ``values()`` / ``accepted_suggestions`` and calls the services.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tcdesk.clustering.model import Suggestion
from ui.labels import arg
from ui.models.cluster_tables import priority_name
from ui.widgets import label, number

PRIORITIES = ("", "high", "medium", "low")


class ClusterDialog(QDialog):
    """New cluster or edit one: ``values()`` is what records.create/update take."""

    def __init__(
        self, goal_titles: dict[str, str], values: dict[str, str] | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        values = values or {}
        self.setObjectName("clusterDialog")
        self.setWindowTitle(self.tr("Edit cluster") if values else self.tr("New cluster"))
        self.setMinimumWidth(560)
        self.title_edit = QLineEdit(values.get("title", ""))
        self.title_edit.setObjectName("clusterTitle")
        self.summary_edit = QPlainTextEdit(values.get("summary", ""))
        self.summary_edit.setObjectName("clusterSummary")
        self.summary_edit.setFixedHeight(80)
        self.priority = QComboBox()
        self.priority.setObjectName("clusterPriority")
        for code in PRIORITIES:
            self.priority.addItem(priority_name(code) or self.tr("Not set"), code)
        current = values.get("priority", "")
        self.priority.setCurrentIndex(PRIORITIES.index(current) if current in PRIORITIES else 0)
        self.goals = QListWidget()
        self.goals.setObjectName("clusterGoals")
        chosen = {g for g in values.get("sdg_goals", "").split("\n") if g}
        for code, title in sorted(goal_titles.items(), key=lambda item: int(item[0])):
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in chosen else Qt.CheckState.Unchecked)
            self.goals.addItem(item)
        self.goals.setMinimumHeight(340)  # the 17 goals without scrolling
        self.error = label("", "error", "clusterError", wrap=True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Summary"), self.summary_edit)
        form.addRow(self.tr("Priority"), self.priority)
        form.addRow(self.tr("SDG goals"), self.goals)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def goal_item(self, code: str) -> QListWidgetItem:
        for row in range(self.goals.count()):
            item = self.goals.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == code:
                return item
        raise KeyError(code)

    def chosen_goals(self) -> list[str]:
        items = (self.goals.item(row) for row in range(self.goals.count()))
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]

    def set_priority(self, code: str) -> None:
        self.priority.setCurrentIndex(PRIORITIES.index(code))

    def values(self) -> dict[str, str]:
        return {
            "title": self.title_edit.text().strip(),
            "summary": self.summary_edit.toPlainText().strip(),
            "priority": str(self.priority.currentData() or ""),
            "sdg_goals": "\n".join(self.chosen_goals()),
        }

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def accept(self) -> None:
        if not self.title_edit.text().strip():
            self.show_error(self.tr("A cluster needs a title."))
            return
        super().accept()


class SuggestionsDialog(QDialog):
    """Suggested clusters with checkboxes: accept, merge or drop them; titles can be edited in place.

    ``acceptRequested`` carries [(title, uids, suggestion)] of the ticked rows; the page creates the
    clusters and calls :meth:`remove` for those it made.
    """

    acceptRequested = Signal(list)
    COL_TITLE, COL_SIZE, COL_TERMS, COL_WHY = range(4)

    def __init__(self, suggestions: list[Suggestion], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("suggestionsDialog")
        self.setWindowTitle(self.tr("Suggested clusters"))
        self.resize(1000, 560)
        self.suggestions: list[Suggestion] = []
        intro = label(
            self.tr(
                "tcdesk grouped the recommendations that belong to no cluster yet by the words and themes they "
                "share. Tick suggestions to accept them as clusters (edit a title by double-clicking it), merge "
                "several into one, or drop those that make no sense."
            ),
            "paragraph",
            "suggestionsIntro",
            wrap=True,
        )
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("suggestionsTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Title"), self.tr("Size"), self.tr("Terms and themes"), self.tr("Why")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.COL_TITLE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.COL_SIZE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.COL_TERMS, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.COL_WHY, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(self.COL_TITLE, 280)
        self.table.setColumnWidth(self.COL_TERMS, 260)
        header.sectionResized.connect(lambda *_args: self.table.resizeRowsToContents())
        self.empty = label(self.tr("No suggestions left."), "caption", "suggestionsEmpty")
        self.accept_button = QPushButton(self.tr("Accept selected"))
        self.accept_button.setObjectName("acceptSuggestions")
        self.merge_button = QPushButton(self.tr("Merge selected"))
        self.merge_button.setObjectName("mergeSuggestions")
        self.drop_button = QPushButton(self.tr("Drop selected"))
        self.drop_button.setObjectName("dropSuggestions")
        close = QPushButton(self.tr("Close"))
        close.setObjectName("closeSuggestions")
        self.accept_button.clicked.connect(self.accept_ticked)
        self.merge_button.clicked.connect(self.merge_ticked)
        self.drop_button.clicked.connect(self.drop_ticked)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.drop_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        self.message = label("", "caption", "suggestionsMessage", wrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.set_suggestions(suggestions)

    # --- content ---------------------------------------------------------------------------------
    def set_suggestions(self, suggestions: list[Suggestion]) -> None:
        self.suggestions = list(suggestions)
        self.table.setRowCount(0)
        for s in self.suggestions:
            self._add_row(s, checked=False)
        self._update()

    def _add_row(self, s: Suggestion, *, checked: bool) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        title = QTableWidgetItem(s.title)
        title.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemIsUserCheckable
        )
        title.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        size = QTableWidgetItem(number(s.size))
        size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        words = ", ".join(term for term, _weight in s.terms[:6])
        if s.themes:
            words += ("\n" if words else "") + "; ".join(s.themes)
        terms = QTableWidgetItem(words)
        why = QTableWidgetItem(s.explanation)
        why.setToolTip(f"<p>{escape(s.explanation)}</p>")
        for column, item in ((self.COL_SIZE, size), (self.COL_TERMS, terms), (self.COL_WHY, why)):
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.table.setItem(row, column, item)
        self.table.setItem(row, self.COL_TITLE, title)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self.table.resizeRowsToContents()  # the wrapped columns have their real widths only now

    def _update(self) -> None:
        self.table.resizeRowsToContents()
        self.empty.setVisible(not self.suggestions)
        for button in (self.accept_button, self.merge_button, self.drop_button):
            button.setEnabled(bool(self.suggestions))

    def title_of(self, row: int) -> str:
        return self.table.item(row, self.COL_TITLE).text().strip()

    def set_title(self, row: int, title: str) -> None:
        self.table.item(row, self.COL_TITLE).setText(title)

    def set_checked(self, row: int, checked: bool = True) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.table.item(row, self.COL_TITLE).setCheckState(state)

    def ticked(self) -> list[int]:
        return [
            row
            for row in range(self.table.rowCount())
            if self.table.item(row, self.COL_TITLE).checkState() == Qt.CheckState.Checked
        ]

    def remove(self, rows: list[int]) -> None:
        for row in sorted(rows, reverse=True):
            self.table.removeRow(row)
            del self.suggestions[row]
        self._update()

    # --- actions ---------------------------------------------------------------------------------
    def accept_ticked(self) -> None:
        rows = self.ticked()
        if not rows:
            self.message.setText(self.tr("Tick the suggestions to accept first."))
            return
        chosen = [
            (row, self.title_of(row) or self.suggestions[row].title, list(self.suggestions[row].uids)) for row in rows
        ]
        self.acceptRequested.emit(chosen)

    def merge_ticked(self) -> None:
        rows = self.ticked()
        if len(rows) < 2:
            self.message.setText(self.tr("Tick two or more suggestions to merge them."))
            return
        first = self.suggestions[rows[0]]
        uids: list[str] = []
        for row in rows:
            uids += [u for u in self.suggestions[row].uids if u not in uids]
        themes: list[str] = []
        for row in rows:
            themes += [t for t in self.suggestions[row].themes if t not in themes]
        merged = Suggestion(
            title=self.title_of(rows[0]) or first.title,
            explanation=arg(self.tr("%1 suggestions merged."), len(rows)) + " " + first.explanation,
            uids=uids,
            terms=list(first.terms),
            themes=themes,
            sdg_goals=list(first.sdg_goals),
        )
        position = rows[0]
        titles = [self.title_of(row) for row in range(self.table.rowCount())]
        keep = [(s, t) for row, (s, t) in enumerate(zip(self.suggestions, titles, strict=True)) if row not in rows]
        keep.insert(min(position, len(keep)), (merged, merged.title))
        self.set_suggestions([s for s, _t in keep])
        for row, (_s, title) in enumerate(keep):
            self.set_title(row, title)
        self.set_checked(min(position, len(keep) - 1), True)
        self.message.setText(arg(self.tr("Merged into '%1' (%2 recommendations)."), merged.title, len(uids)))

    def drop_ticked(self) -> None:
        rows = self.ticked()
        if not rows:
            self.message.setText(self.tr("Tick the suggestions to drop first."))
            return
        self.remove(rows)
        self.message.setText(arg(self.tr("%1 suggestions dropped."), len(rows)))
