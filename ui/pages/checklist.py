"""CCA checklist page: assess the items of a template version, see progress and gaps, move on to a new
version, compare two assessments and export one.

Built for filling 40 items in a sitting from the keyboard: 1–5 set the status of the selected item;
Down/Up (in the list), J/K or Ctrl+Down/Ctrl+Up (anywhere on the tab, the evidence box too) move between
items. Evidence is saved when the item changes, when the box loses focus and on Ctrl+S. Every change goes
through ``checklist.assess`` (the one edit path) as a command on the page's undo stack (Ctrl+Z,
Ctrl+Shift+Z); an edit the store refuses leaves neither a change nor an undo step.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QBrush, QColor, QKeyEvent, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QToolButton,
    QTreeView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tcdesk.services import checklist, overview, records
from tcdesk.services.checklist_export import export_assessment
from ui import style
from ui.actions import shortcut_action, undo_redo_actions
from ui.context import AppContext
from ui.dialogs.checklist_dialogs import CompareDialog, LinkPicker
from ui.labels import arg
from ui.models.checklist_items import (
    CODE_ROLE,
    COL_CODE,
    COL_STATUS,
    COL_TEXT,
    STATUS_COLOURS,
    ChecklistItemsModel,
    short_text,
    status_label,
)
from ui.pages.base import Page
from ui.widgets import Bar, Card, Notice, label

STATUS_KEYS = ("met", "partly met", "not met", "not applicable", checklist.NOT_ASSESSED)
"""The statuses in the order of their keys 1–5."""

Key = tuple[str, str, int, str]  # country, template, version, code
Values = dict[str, object]  # status, evidence, links, assessed_on


def snapshot(answer: checklist.Answer | None) -> Values:
    if answer is None:
        return {"status": checklist.NOT_ASSESSED, "evidence": "", "links": [], "assessed_on": ""}
    return {
        "status": answer.status or checklist.NOT_ASSESSED,
        "evidence": answer.evidence,
        "links": list(answer.links),
        "assessed_on": answer.assessed_on,
    }


class _Assess(QUndoCommand):
    def __init__(self, apply: Callable[[Key, Values], bool], key: Key, before: Values, after: Values, text: str):
        super().__init__(text)
        self._apply, self.key, self.before, self.after = apply, key, before, after
        self._applied = True  # the page applied it before pushing

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        if not self._apply(self.key, self.after):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self._apply(self.key, self.before):
            self.setObsolete(True)


class _ItemTree(QTreeView):
    """Down/Up go from item to item, over the section rows."""

    def __init__(self, step: Callable[[int], None]):
        super().__init__()
        self._step = step

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            if event.key() == Qt.Key.Key_Down:
                self._step(1)
                return
            if event.key() == Qt.Key.Key_Up:
                self._step(-1)
                return
        super().keyPressEvent(event)


class ChecklistPage(Page):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.heading.setText(self.tr("CCA checklist"))
        self.undo_stack = QUndoStack(self)
        self.versions: list[checklist.TemplateVersion] = []
        self.template = ""
        self.version = 0
        self.answers: dict[str, checklist.Answer] = {}
        self.previous_items: dict[str, checklist.Item] = {}
        self.previous_version = 0
        self._shown_code = ""
        self._combo_country: str | None = None
        self._notifying = False
        self._loading = False
        self._build_toolbar()
        self.notice = Notice("checklistNotice")
        self.layout_.addWidget(self.notice)
        self._build_progress()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("checklistTabs")
        self.tabs.setMinimumHeight(360)
        # Fill the window rather than grow the page: the lists scroll inside the tabs.
        self.tabs.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.tabs.addTab(self._build_items_tab(), self.tr("Items"))
        self.tabs.addTab(self._build_gaps_tab(), self.tr("Gaps"))
        self.layout_.addWidget(self.tabs, 1)
        self._build_actions()

    # --- building --------------------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.version_combo = QComboBox()
        self.version_combo.setObjectName("templateVersion")
        self.version_combo.setMinimumContentsLength(26)
        self.version_combo.currentIndexChanged.connect(self._version_chosen)
        self.start_button = QPushButton()
        self.start_button.setObjectName("startVersion")
        self.start_button.clicked.connect(self.start_next_version)
        self.undo_button, self.redo_button = QToolButton(), QToolButton()
        self.compare_button = QPushButton(self.tr("Compare…"))
        self.compare_button.setObjectName("compareButton")
        self.compare_button.clicked.connect(self.open_compare)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self.export)
        row.addWidget(label(self.tr("Template:"), "caption"))
        row.addWidget(self.version_combo)
        row.addWidget(self.start_button)
        row.addStretch(1)
        for widget in (self.undo_button, self.redo_button, self.compare_button, self.export_button):
            row.addWidget(widget)
        self.layout_.addLayout(row)

    def _build_progress(self) -> None:
        self.progress_card = Card(self.tr("Progress"))
        self.progress_card.setObjectName("progressCard")
        row = QHBoxLayout()
        row.setSpacing(28)
        overall = QVBoxLayout()
        overall.setSpacing(4)
        self.overall_figure = label("", "bigNumber", "progressFigure")
        self.overall_caption = label("", "caption", "progressCaption")
        self.overall_bar = Bar()
        self.overall_bar.setObjectName("progressBar")
        self.overall_bar.setMinimumWidth(220)
        self.shares = label("", "caption", "progressShares", wrap=True)
        for widget in (self.overall_figure, self.overall_caption, self.overall_bar, self.shares):
            overall.addWidget(widget)
        overall.addStretch(1)
        row.addLayout(overall, 2)
        self.section_grid = QGridLayout()
        self.section_grid.setHorizontalSpacing(10)
        self.section_grid.setVerticalSpacing(4)
        row.addLayout(self.section_grid, 5)
        self.progress_card.body.addLayout(row)
        self.layout_.addWidget(self.progress_card)
        self.section_rows: list[tuple[QLabel, Bar, QLabel]] = []

    def _build_items_tab(self) -> QWidget:
        self.items_tab = QSplitter(Qt.Orientation.Horizontal)
        self.items_tab.setObjectName("checklistItems")
        self.model = ChecklistItemsModel(self)
        self.tree = _ItemTree(self.step)
        self.tree.setObjectName("checklistTree")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setItemsExpandable(False)
        self.tree.setRootIsDecorated(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_CODE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_STATUS, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.selectionModel().currentRowChanged.connect(self._current_changed)
        self.items_tab.addWidget(self.tree)
        detail_scroll = QScrollArea()
        detail_scroll.setObjectName("detailScroll")
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        detail_scroll.setWidget(self._build_detail())
        self.items_tab.addWidget(detail_scroll)
        self.items_tab.setStretchFactor(0, 5)
        self.items_tab.setStretchFactor(1, 4)
        self.items_tab.setChildrenCollapsible(False)
        self.items_tab.setSizes([620, 520])
        return self.items_tab

    def _build_detail(self) -> QWidget:
        self.detail = QFrame()
        self.detail.setObjectName("checklistDetail")
        self.detail.setProperty("role", "card")
        self.detail.setMinimumWidth(380)
        layout = QVBoxLayout(self.detail)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        self.item_code = label("", "cardTitle", "itemCode")
        self.assessed_on = label("", "caption", "assessedOn")
        top = QHBoxLayout()
        top.addWidget(self.item_code)
        top.addStretch(1)
        top.addWidget(self.assessed_on)
        layout.addLayout(top)
        self.item_text = label("", "paragraph", "itemText", wrap=True)
        self.item_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.review_notice = Notice("reviewNotice")
        self.item_guidance = label("", "caption", "itemGuidance", wrap=True)
        for widget in (self.item_text, self.review_notice, self.item_guidance):
            layout.addWidget(widget)
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        self.status_group = QButtonGroup(self)
        self.status_group.setExclusive(True)
        self.status_buttons: dict[str, QPushButton] = {}
        for number, status in enumerate(STATUS_KEYS, start=1):
            button = QPushButton(f"{number}  {status_label(status)}")
            button.setObjectName(f"status-{status.replace(' ', '-')}")
            button.setCheckable(True)
            button.setToolTip(arg(self.tr("Set the status (key %1)"), number))
            button.clicked.connect(lambda _=False, s=status: self.set_status(s))
            self.status_group.addButton(button)
            self.status_buttons[status] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(label(self.tr("Evidence"), "cardTitle"))
        self.evidence = QPlainTextEdit()
        self.evidence.setObjectName("evidence")
        self.evidence.setPlaceholderText(self.tr("Where the CCA shows it (or not): section, page, quote…"))
        self.evidence.setMinimumHeight(72)
        self.evidence.setMaximumHeight(110)
        self.evidence.installEventFilter(self)
        layout.addWidget(self.evidence, 1)
        self.links = QListWidget()
        self.links.setObjectName("links")
        self.links.setMinimumHeight(80)
        self.links.setMaximumHeight(130)
        self.links.setWordWrap(True)
        self.links.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        link_row = QHBoxLayout()
        link_row.addWidget(label(self.tr("Linked recommendations and clusters"), "cardTitle"))
        link_row.addStretch(1)
        self.add_link_button = QPushButton(self.tr("Add…"))
        self.add_link_button.setObjectName("addLink")
        self.add_link_button.clicked.connect(self.pick_links)
        self.remove_link_button = QPushButton(self.tr("Remove"))
        self.remove_link_button.setObjectName("removeLink")
        self.remove_link_button.clicked.connect(self.remove_selected_links)
        link_row.addWidget(self.add_link_button)
        link_row.addWidget(self.remove_link_button)
        layout.addLayout(link_row)
        layout.addWidget(self.links, 1)
        layout.addStretch(1)
        return self.detail

    def _build_gaps_tab(self) -> QWidget:
        tab = QWidget()
        tab.setObjectName("checklistGaps")
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(12, 12, 12, 12)
        self.gaps_caption = label("", "cardTitle", "gapsCaption")
        self.gaps = self._tree_widget(
            "gapsList", [self.tr("Code"), self.tr("Item"), self.tr("Status"), self.tr("Evidence")]
        )
        self.unlinked_caption = label("", "cardTitle", "unlinkedCaption")
        self.unlinked = self._tree_widget("unlinkedList", [self.tr("Code"), self.tr("Item"), self.tr("Status")])
        layout.addWidget(self.gaps_caption)
        layout.addWidget(self.gaps, 3)
        layout.addWidget(self.unlinked_caption)
        layout.addWidget(self.unlinked, 2)
        return tab

    def _tree_widget(self, name: str, headers: list[str]) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setObjectName(name)
        tree.setHeaderLabels(headers)
        tree.setRootIsDecorated(False)
        tree.setWordWrap(True)
        tree.setAlternatingRowColors(True)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        if len(headers) > 3:
            header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        tree.itemActivated.connect(lambda item, _column: self.go_to(item.data(0, Qt.ItemDataRole.UserRole)))
        return tree

    def _build_actions(self) -> None:
        def action(text: str, keys: list[str], slot: Callable[[], object], name: str, on: QWidget) -> QAction:
            return shortcut_action(on, text, keys, slot, name)

        self.status_actions = [
            action(status_label(s), [str(n)], lambda _=False, s=s: self.set_status(s), f"status{n}", self.items_tab)
            for n, s in enumerate(STATUS_KEYS, start=1)
        ]
        self.next_action = action(
            self.tr("Next item"), ["J", "Ctrl+Down"], lambda: self.step(1), "nextItem", self.items_tab
        )
        self.previous_action = action(
            self.tr("Previous item"), ["K", "Ctrl+Up"], lambda: self.step(-1), "previousItem", self.items_tab
        )
        self.save_action = action(self.tr("Save evidence"), ["Ctrl+S"], self.save_evidence, "saveEvidence", self)
        self.undo_action, self.redo_action = undo_redo_actions(
            self, self.undo_stack, "Assessment", self.undo_button, self.redo_button
        )

    # --- loading ---------------------------------------------------------------------------------
    def _changed(self, *args: object) -> None:
        if self._notifying:
            return  # our own edit: the page is already up to date
        super()._changed(*args)

    def load(self) -> None:
        self.save_evidence()
        country = self.context.country
        self.versions = checklist.template_versions(self.context.store)
        if country != self._combo_country:
            self.undo_stack.clear()
        self._loading = True
        try:
            wanted = (self.template, self.version) if country == self._combo_country else self._default_version(country)
            self.version_combo.clear()
            for v in self.versions:
                self.version_combo.addItem(
                    arg(self.tr("%1 version %2 (%3 items)"), v.template, v.version, v.items),
                    _key(v.template, v.version),
                )
            position = self.version_combo.findData(_key(*wanted))
            if position < 0:
                position = self.version_combo.findData(_key(*self._default_version(country)))
            self.version_combo.setCurrentIndex(max(position, 0) if self.versions else -1)
        finally:
            self._loading = False
        self._combo_country = country
        self._load_version()

    def _default_version(self, country: str) -> tuple[str, int]:
        """The newest version with answers for the country, else the newest version."""
        if not self.versions:
            return ("", 0)
        for v in reversed(self.versions):
            if country and checklist.answers(self.context.store, country, v.template, v.version):
                return (v.template, v.version)
        newest = max(self.versions, key=lambda v: (v.template == "CCA-HR", v.version))
        return (newest.template, newest.version)

    def _version_chosen(self, _position: int) -> None:
        if not self._loading:
            self.save_evidence()
            self._load_version()

    def _load_version(self) -> None:
        country = self.context.country
        data = self.version_combo.currentData()
        self.template, self.version = _parse_key(data) if data else ("", 0)
        usable = bool(country and self.template)
        for widget in (self.tabs, self.progress_card, self.compare_button, self.export_button):
            widget.setEnabled(usable)
        if not usable:
            self.subheading.setText(
                self.tr("No country in the store yet: import a package from HQ to start.")
                if not country
                else self.tr("No checklist template in the store.")
            )
            self.model.set_rows([], {})
            self.start_button.hide()
            self._show_item("")
            return
        store = self.context.store
        items = checklist.items(store, self.template, self.version)
        earlier = [v.version for v in self.versions if v.template == self.template and v.version < self.version]
        self.previous_version = earlier[-1] if earlier else 0
        self.previous_items = (
            {i.code: i for i in checklist.items(store, self.template, self.previous_version)} if earlier else {}
        )
        review = {i.code for i in items if i.code in self.previous_items and self.previous_items[i.code].text != i.text}
        keep = self._shown_code
        self.answers = checklist.answers(store, country, self.template, self.version)
        self.model.set_rows(items, self.answers, review)
        for section in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(section, QModelIndex(), True)
        self.tree.expandAll()
        self._shown_code = ""
        codes = self.model.codes()
        self.go_to(keep if keep in codes else (codes[0] if codes else ""), focus=False)
        if not codes:
            self._show_item("")
        self._update_start_button()
        self._update_figures()

    def _update_start_button(self) -> None:
        newer = [v.version for v in self.versions if v.template == self.template and v.version > self.version]
        store, country = self.context.store, self.context.country
        show = bool(newer) and bool(self.answers) and not checklist.answers(store, country, self.template, max(newer))
        if show:
            self.start_button.setText(arg(self.tr("Start version %1…"), max(newer)))
        self.start_button.setVisible(show)

    def _update_figures(self) -> None:
        store, country = self.context.store, self.context.country
        overall, sections = checklist.progress(store, country, self.template, self.version)
        self.subheading.setText(
            arg(
                self.tr("%1 (%2) · %3 version %4 · %5 of %6 items assessed"),
                self.context.country_name(country),
                country,
                self.template,
                self.version,
                overall.assessed,
                overall.items,
            )
        )
        self.overall_figure.setText(f"{overall.assessed} / {overall.items}")
        self.overall_caption.setText(
            arg(self.tr("items assessed (%1 %)"), round(100 * overall.share())) if overall.items else ""
        )
        self.overall_bar.set_share(overall.share())
        self.shares.setText(
            " · ".join(
                f"{status_label(s)} {round(100 * overall.share(s))} %"
                for s in ("met", "partly met", "not met", "not applicable")
            )
        )
        while len(self.section_rows) < len(sections):
            n = len(self.section_rows)
            row = (label("", "caption", f"section-{n}-name"), Bar(), label("", "count", f"section-{n}-count"))
            row[1].setMinimumWidth(60)
            row[2].setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            half = 2
            grid_row, part = n // half, n % half
            for column, widget in enumerate(row):
                self.section_grid.addWidget(widget, grid_row, part * 4 + column)
            self.section_grid.setColumnStretch(part * 4 + 1, 1)
            self.section_grid.setColumnMinimumWidth(part * 4 + 3, 16)
            self.section_rows.append(row)
        for n, (name, bar, count) in enumerate(self.section_rows):
            visible = n < len(sections)
            for widget in (name, bar, count):
                widget.setVisible(visible)
            if visible:
                section = sections[n]
                name.setText(section.section)
                bar.set_share(section.share())
                count.setText(f"{section.assessed} / {section.items}")
                tip = " · ".join(f"{status_label(s)} {section.statuses[s]}" for s in STATUS_KEYS)
                for widget in (name, bar, count):
                    widget.setToolTip(tip)
        self._update_gaps()

    def _update_gaps(self) -> None:
        store, country = self.context.store, self.context.country
        found = checklist.gaps(store, country, self.template, self.version)
        self.gaps.clear()
        for gap in found:
            entry = QTreeWidgetItem([gap.item.code, gap.item.text, status_label(gap.status), gap.evidence])
            entry.setData(0, Qt.ItemDataRole.UserRole, gap.item.code)
            entry.setToolTip(1, gap.item.text)
            entry.setToolTip(3, gap.evidence)
            entry.setForeground(2, QBrush(QColor(STATUS_COLOURS[gap.status])))
            self.gaps.addTopLevelItem(entry)
        self.gaps_caption.setText(arg(self.tr("Not met or partly met (%1)"), len(found)))
        unlinked = checklist.unlinked_items(store, country, self.template, self.version)
        self.unlinked.clear()
        for item in unlinked:
            status = self.model.status(item.code)
            entry = QTreeWidgetItem([item.code, item.text, status_label(status)])
            entry.setData(0, Qt.ItemDataRole.UserRole, item.code)
            entry.setToolTip(1, item.text)
            entry.setForeground(2, QBrush(QColor(STATUS_COLOURS.get(status, style.INK))))
            self.unlinked.addTopLevelItem(entry)
        self.unlinked_caption.setText(arg(self.tr("Items with no linked recommendation (%1)"), len(unlinked)))
        self.tabs.setTabText(1, arg(self.tr("Gaps (%1)"), len(found)))

    # --- the selected item -----------------------------------------------------------------------
    @property
    def current_code(self) -> str:
        return self._shown_code

    def go_to(self, code: str, *, focus: bool = True) -> None:
        index = self.model.index_of(code)
        if not index.isValid():
            return
        self.tabs.setCurrentIndex(0)
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.tree.scrollTo(index)
        if code != self._shown_code:
            self._show_item(code)
        if focus:
            self.tree.setFocus()

    def step(self, by: int) -> None:
        codes = self.model.codes()
        if not codes:
            return
        if self._shown_code not in codes:
            self.go_to(codes[0], focus=False)
            return
        position = min(max(codes.index(self._shown_code) + by, 0), len(codes) - 1)
        self.go_to(codes[position], focus=False)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        code = current.data(CODE_ROLE) if current.isValid() else ""
        if code and code != self._shown_code:
            self._show_item(code)

    def _show_item(self, code: str) -> None:
        if self._shown_code and code != self._shown_code:
            self.save_evidence()
        self._shown_code = code
        item = self.model.item(code) if code else None
        self.detail.setEnabled(item is not None)
        if item is None:
            for widget in (self.item_code, self.item_text, self.item_guidance, self.assessed_on):
                widget.setText("")
            self.evidence.setPlainText("")
            self.links.clear()
            self.review_notice.set_message("", "info")
            return
        self.item_code.setText(f"{item.code} · {item.section}")
        self.item_text.setText(item.text)
        self.item_guidance.setText(item.guidance)
        self.item_guidance.setVisible(bool(item.guidance))
        self.evidence.setPlainText(self.answers[code].evidence if code in self.answers else "")
        self._show_answer()

    def _show_answer(self) -> None:
        """The status, links, date and review notice of the shown item (the evidence box is left alone)."""
        code = self._shown_code
        answer = self.answers.get(code)
        status = self.model.status(code)
        for name, button in self.status_buttons.items():
            button.setChecked(name == status)
        self.links.clear()
        for uid in answer.links if answer else []:
            entry = QListWidgetItem(self._link_name(uid))
            entry.setData(Qt.ItemDataRole.UserRole, uid)
            entry.setToolTip(uid)
            self.links.addItem(entry)
        self.remove_link_button.setEnabled(bool(answer and answer.links))
        self.assessed_on.setText(
            arg(self.tr("Assessed on %1"), answer.assessed_on)
            if answer and answer.assessed_on
            else self.tr("Not assessed yet")
        )
        if self.model.needs_review(code):
            old = self.previous_items[code]
            previous = checklist.answers(
                self.context.store, self.context.country, self.template, self.previous_version
            ).get(code)
            self.review_notice.set_message(
                arg(
                    self.tr("<b>Changed — review.</b> In version %1 this item read: “%2”. Its answer then: %3."),
                    self.previous_version,
                    _escape(old.text),
                    _escape(status_label(previous.status) if previous else status_label("")),
                ),
                "warning",
            )
        else:
            self.review_notice.set_message("", "info")

    def _link_name(self, uid: str) -> str:
        store = self.context.store
        try:
            row = records.get(store, "recommendations", uid)
            name = f"{row.get('document', '')} {row.get('paragraph', '')}".strip()
            return f"{name} — {short_text(row.get('text', ''), 80)}" if name else short_text(row.get("text", ""), 90)
        except records.RecordNotFound:
            pass
        try:
            return arg(self.tr("Cluster: %1"), records.get(store, "clusters", uid).get("title", ""))
        except records.RecordNotFound:
            return arg(self.tr("%1 (no longer in the store)"), uid)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.evidence and event.type() == QEvent.Type.FocusOut:
            self.save_evidence()
        return super().eventFilter(watched, event)

    # --- edits -----------------------------------------------------------------------------------
    def set_status(self, status: str) -> None:
        code = self._shown_code
        if not code:
            return
        self.save_evidence()
        changes: Values = {"status": status}
        if status == checklist.NOT_ASSESSED:
            changes["assessed_on"] = ""
        self.edit(code, changes, arg(self.tr("%1: %2"), code, status_label(status)))

    def save_evidence(self) -> None:
        code = self._shown_code
        if not code or self.model.item(code) is None:
            return
        text = self.evidence.toPlainText()
        saved = self.answers[code].evidence if code in self.answers else ""
        if text != saved:
            self.edit(code, {"evidence": text}, arg(self.tr("%1: evidence"), code))

    def add_links(self, uids: list[str]) -> None:
        code = self._shown_code
        if not code or not uids:
            return
        current = self.answers[code].links if code in self.answers else []
        self.edit(code, {"links": list(dict.fromkeys([*current, *uids]))}, arg(self.tr("%1: links"), code))

    def remove_selected_links(self) -> None:
        code = self._shown_code
        gone = {item.data(Qt.ItemDataRole.UserRole) for item in self.links.selectedItems()}
        if not code or not gone or code not in self.answers:
            return
        kept = [uid for uid in self.answers[code].links if uid not in gone]
        self.edit(code, {"links": kept}, arg(self.tr("%1: links"), code))

    def pick_links(self) -> None:
        code = self._shown_code
        if not code:
            return
        already = self.answers[code].links if code in self.answers else []
        picker = LinkPicker(self.context.store, self.context.country, already, self)
        if picker.exec() == QDialog.DialogCode.Accepted:
            self.add_links(picker.chosen())
        picker.deleteLater()

    def edit(self, code: str, changes: Values, text: str) -> bool:
        """Apply ``changes`` to the item's answer and push the undo step; False when nothing changed."""
        key: Key = (self._combo_country or "", self.template, self.version, code)
        before = snapshot(self.answers.get(code))
        if all(before.get(name) == value for name, value in changes.items()):
            return False
        if not self._apply(key, changes):
            return False
        after = snapshot(checklist.answers(self.context.store, *key[:3]).get(code))
        self.undo_stack.push(_Assess(self._apply, key, before, after, text))
        return True

    def _apply(self, key: Key, values: Values) -> bool:
        country, template, version, code = key
        try:
            checklist.assess(self.context.store, country, template, version, code, **values)  # type: ignore[arg-type]
        except (records.EditRefused, records.RecordNotFound) as exc:
            problems = getattr(exc, "problems", [str(exc)])
            self.notice.set_message(_escape("\n".join(problems)), "bad")
            return False
        self.notice.set_message("", "info")
        self._after_edit(key)
        return True

    def _after_edit(self, key: Key) -> None:
        country, template, version, code = key
        if (country, template, version) == (self._combo_country, self.template, self.version):
            self.answers = checklist.answers(self.context.store, country, template, version)
            self.model.set_answers(self.answers)
            if code == self._shown_code:
                saved = self.answers[code].evidence if code in self.answers else ""
                if self.evidence.toPlainText() != saved and not self.evidence.hasFocus():
                    self.evidence.setPlainText(saved)  # an undo or redo of the evidence
                self._show_answer()
            self._update_start_button()
            self._update_figures()
        self._notifying = True
        try:
            self.context.notify_data_changed()
        finally:
            self._notifying = False

    # --- versions, comparison, export ------------------------------------------------------------
    def start_next_version(self) -> None:
        newer = [v.version for v in self.versions if v.template == self.template and v.version > self.version]
        if not newer:
            return
        self.save_evidence()
        old, new = self.version, max(newer)
        plan = checklist.compare_versions(self.context.store, self.template, old, new)
        box = QMessageBox(self)
        box.setObjectName("startVersionBox")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(arg(self.tr("Start version %1"), new))
        box.setText(
            arg(
                self.tr(
                    "Start the assessment of %1 version %2 from your answers to version %3?\n\n"
                    "%4 answers carried over (item unchanged)\n%5 items changed: to review\n"
                    "%6 new items\n%7 items no longer in the checklist\n\n"
                    "Your answers to version %3 stay as they are."
                ),
                self.template,
                new,
                old,
                len(plan.carried),
                len(plan.review),
                len(plan.new),
                len(plan.gone),
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(arg(self.tr("Start version %1"), new))
        answer = box.exec()
        box.deleteLater()
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.carry_over(new)

    def carry_over(self, new: int) -> checklist.CarryOver:
        old, store, country = self.version, self.context.store, self.context.country
        plan = checklist.start_new_version(store, country, self.template, old, new)
        self.versions = checklist.template_versions(store)
        self.version_combo.setCurrentIndex(self.version_combo.findData(_key(self.template, new)))
        self.notice.set_message(
            arg(
                self.tr("<b>Version %1 started.</b> %2 answers carried over; %3 changed items marked for review."),
                new,
                len(plan.carried),
                len(plan.review),
            ),
            "good",
        )
        self._notifying = True
        try:
            self.context.notify_data_changed()
        finally:
            self._notifying = False
        return plan

    def open_compare(self) -> CompareDialog:
        self.save_evidence()
        versions = [v.version for v in self.versions if v.template == self.template]
        dialog = CompareDialog(
            self.context.store,
            self.context.country,
            self.template,
            versions,
            overview.countries_in_store(self.context.store),
            self.version,
            self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def export(self) -> None:
        self.save_evidence()
        country = self.context.country
        suggested = f"{country}-{self.template}-v{self.version}-assessment.xlsx"
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export the assessment"), suggested, self.tr("Excel workbook (*.xlsx)")
        )
        if not path:
            return
        try:
            export_assessment(self.context.store, country, self.template, self.version, Path(path))
        except OSError as exc:
            self.notice.set_message(arg(self.tr("<b>Not saved.</b> %1"), _escape(str(exc))), "bad")
            return
        self.notice.set_message(arg(self.tr("<b>Exported</b> to %1"), _escape(path)), "good")


def _key(template: str, version: int) -> str:
    """A template version as combo box data (a string: Qt compares it, unlike a Python tuple)."""
    return f"{template}\t{version}"


def _parse_key(key: str) -> tuple[str, int]:
    template, _tab, version = key.rpartition("\t")
    return template, int(version)


def _escape(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")
