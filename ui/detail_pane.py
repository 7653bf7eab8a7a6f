"""The detail pane of the recommendations page: one record in full, and the HRA's follow-up fields.

Everything shown is escaped before it becomes HTML; search matches are marked with the same spans the
table paints. Status and notes are edited here and saved with Save (Ctrl+S) through the page's
undoable edits; a record deleted since the table was read is shown read-only.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tcdesk.services.recommendation_detail import LinkedItem, RecommendationDetail
from tcdesk.store.search_text import highlight_spans
from ui import labels, style
from ui.delegates import HIGHLIGHT, status_combo
from ui.models.recommendation_table import LIST_FIELDS, column_title
from ui.widgets import Notice, label

FIELDS = (
    "mechanism",
    "body",
    "cycle",
    "session",
    "document",
    "paragraph",
    "recommending_state",
    "response",
    "issued_on",
    "implementation_status",
    "country",
    "themes",
    "affected_persons",
    "sdg_targets",
    "notes",
    "updated_at",
    "rev",
    "uid",
)
SEARCHED = ("text", "themes", "affected_persons", "notes")
"""The fields the full-text index covers: matches are marked in these."""


def marked(text: str, query: str) -> str:
    """``text`` as escaped HTML with the query's matches on a highlight; line breaks kept."""
    spans = highlight_spans(text, query) if query.strip() else []
    out, position = [], 0
    for start, end in spans:
        out.append(html.escape(text[position:start]))
        out.append(f'<span style="background-color:{HIGHLIGHT}">{html.escape(text[start:end])}</span>')
        position = end
    out.append(html.escape(text[position:]))
    return "".join(out).replace("\n", "<br>")


def _moment(stamp: str) -> str:
    """'2026-01-15T09:00:00Z' as '2026-01-15 09:00 UTC' (wraps between words, not inside the stamp)."""
    if len(stamp) >= 16 and stamp[10] == "T":
        return f"{stamp[:10]} {stamp[11:16]} UTC"
    return stamp


def _value_html(name: str, value: str, query: str) -> str:
    if not value:
        return f'<span style="color:{style.MUTED}">—</span>'
    if name in LIST_FIELDS:
        items = [item for item in value.split("\n") if item]
        if name in SEARCHED:
            return "<br>".join(marked(item, query) for item in items)
        return "<br>".join(html.escape(item) for item in items)
    if name == "mechanism":
        return html.escape(labels.mechanism_name(value))
    if name in ("response", "implementation_status"):
        return html.escape(labels.capitalised(labels.term(value)))
    return marked(value, query) if name in SEARCHED else html.escape(value)


def _linked_html(title: str, items: list[LinkedItem], empty: str, extra_name) -> str:  # type: ignore[no-untyped-def]
    parts = [f'<h4 style="margin-top:14px">{html.escape(title)}</h4>']
    if not items:
        parts.append(f'<p style="color:{style.MUTED}">{html.escape(empty)}</p>')
        return "".join(parts)
    parts.append('<ul style="margin-left:-20px">')
    for item in items:
        extra = (
            f' <span style="color:{style.MUTED}">({html.escape(extra_name(item.extra))})</span>' if item.extra else ""
        )
        parts.append(f"<li>{html.escape(item.title)}{extra}</li>")
    parts.append("</ul>")
    return "".join(parts)


def detail_html(shown: RecommendationDetail, query: str = "") -> str:
    """The whole record, its clusters and its projects as one HTML document."""
    record = shown.record
    tr = QCoreApplication.translate
    rows = []
    for name in FIELDS:
        value = record.get(name, "")
        if name == "updated_at":
            value = _moment(value)
            if record.get("updated_by"):
                value = labels.arg(tr("DetailPane", "%1 by %2"), value, record["updated_by"])
        rows.append(
            f'<tr><td style="color:{style.MUTED};padding:2px 10px 2px 0" valign="top">'
            f'{html.escape(column_title(name))}</td><td style="padding:2px 0">'
            f"{_value_html(name, value, query)}</td></tr>"
        )
    parts = [
        f'<p style="font-size:11pt">{marked(record.get("text", ""), query)}</p>',
        f'<table cellspacing="0">{"".join(rows)}</table>',
        _linked_html(
            tr("DetailPane", "Clusters"), shown.clusters, tr("DetailPane", "In no cluster."), lambda p: labels.term(p)
        ),
        _linked_html(
            tr("DetailPane", "Projects"),
            shown.projects,
            tr("DetailPane", "No project is linked to it or to its clusters."),
            str,
        ),
    ]
    return "".join(parts)


class DetailPane(QWidget):
    saveRequested = Signal(str, dict)
    """(uid, {column: value}) of the follow-up fields the user changed and asked to save."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.uid = ""
        self._saved: dict[str, str] = {}
        self.title = label(role="cardTitle", name="detailTitle", wrap=True)
        self.deleted = Notice("detailDeleted")
        self.browser = QTextBrowser()
        self.browser.setObjectName("detailText")
        self.browser.setOpenLinks(False)
        self.status = status_combo()
        self.status.setObjectName("detailStatus")
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("detailNotes")
        self.notes.setPlaceholderText(self.tr("Your notes on this recommendation (searchable)"))
        self.notes.setFixedHeight(96)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("detailSave")
        self.save_button.setToolTip(self.tr("Save the status and notes (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.status.currentIndexChanged.connect(self._update_save)
        self.notes.textChanged.connect(self._update_save)

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Status:"), self.status)
        form.addRow(self.tr("Notes:"), self.notes)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        self.editing = QWidget()
        editing = QVBoxLayout(self.editing)
        editing.setContentsMargins(0, 0, 0, 0)
        editing.addWidget(label(self.tr("Follow-up"), "cardTitle"))
        editing.addLayout(form)
        editing.addLayout(buttons)
        self.placeholder = label(
            self.tr("Select a recommendation to see it in full, with its clusters and projects."),
            "caption",
            "detailPlaceholder",
            wrap=True,
        )
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 8, 8, 8)
        column.addWidget(self.placeholder)
        column.addWidget(self.title)
        column.addWidget(self.deleted)
        column.addWidget(self.browser, 1)
        column.addWidget(self.editing)
        self.show_nothing()

    # --- what is shown ---------------------------------------------------------------------------
    def show_nothing(self) -> None:
        self.uid = ""
        self._saved = {}
        self.placeholder.setVisible(True)
        for widget in (self.title, self.deleted, self.browser, self.editing):
            widget.setVisible(False)

    def show_detail(self, shown: RecommendationDetail, query: str = "", *, deleted: bool = False) -> None:
        """Show a record; ``deleted`` when it is gone from the store (read-only, from the table's copy)."""
        record = shown.record
        self.uid = record["uid"]
        self.placeholder.setVisible(False)
        heading = " ¶ ".join(part for part in (record.get("document", ""), record.get("paragraph", "")) if part)
        body = record.get("body", "")
        self.title.setText(" · ".join(part for part in (body, heading) if part) or record.get("mechanism", ""))
        self.title.setVisible(True)
        self.deleted.set_message(
            self.tr("This recommendation was deleted since the list was read: it cannot be edited.") if deleted else "",
            "warning",
        )
        self.browser.setHtml(detail_html(shown, query))
        self.browser.setVisible(True)
        self._saved = {
            "implementation_status": record.get("implementation_status", ""),
            "notes": record.get("notes", ""),
        }
        self._load_editors()
        self.editing.setVisible(True)
        self.status.setEnabled(not deleted)
        self.notes.setReadOnly(deleted)
        self._update_save()

    def _load_editors(self) -> None:
        self.status.blockSignals(True)
        self.status.setCurrentIndex(max(self.status.findData(self._saved["implementation_status"]), 0))
        self.status.blockSignals(False)
        self.notes.blockSignals(True)
        self.notes.setPlainText(self._saved["notes"])
        self.notes.blockSignals(False)

    # --- editing ---------------------------------------------------------------------------------
    def changes(self) -> dict[str, str]:
        """The follow-up fields that differ from the record as loaded."""
        if not self.uid or self.notes.isReadOnly():
            return {}
        current = {"implementation_status": self.status.currentData() or "", "notes": self.notes.toPlainText()}
        return {name: value for name, value in current.items() if value != self._saved.get(name)}

    def save(self) -> None:
        changes = self.changes()
        if changes:
            self.saveRequested.emit(self.uid, changes)

    def revert(self) -> None:
        if self._saved:
            self._load_editors()
            self._update_save()

    def _update_save(self, *_args: object) -> None:
        self.save_button.setEnabled(bool(self.changes()))
