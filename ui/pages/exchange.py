"""Exchange page: packages to and from HQ, open conflicts, and the log of everything exchanged.

The page shows where things stand (changes to send, open conflicts, last import and export), starts
the three actions, says how the last one ended, and lists the exchange log. The flows themselves
(file choice, background work, preview, result) live in ``ui.pages.exchange_flows``; the log's table
and detail in ``ui.pages.exchange_log``. After anything that changes the store the page tells the app
through ``AppContext.notify_data_changed`` so that the status bar and the other pages follow.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QWidget

from tcdesk.domain.vocabulary import HQ_OFFICE
from tcdesk.services import conflicts, exchange, overview, settings, trust
from ui.context import AppContext
from ui.exchange_labels import kind_name, local_date
from ui.labels import arg
from ui.models.exchange_log import LogRow
from ui.pages.base import PARAGRAPH_WIDTH, Page
from ui.pages.exchange_flows import ExchangeFlows
from ui.pages.exchange_log import ExchangeLogCard
from ui.widgets import FigureCard, Notice, label, number


class ExchangePage(Page):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.heading.setText(self.tr("Exchange with HQ"))
        purpose = label(
            self.tr(
                "HQ sends updates as Excel packages (new recommendations after a review, revised clusters, "
                "a new checklist version); this office sends back what it assessed, edited and planned. "
                "Packages are small, signed files that travel by e-mail or on a USB stick and can be "
                "opened in Excel."
            ),
            "paragraph",
            "pagePurpose",
            wrap=True,
        )
        purpose.setMaximumWidth(PARAGRAPH_WIDTH)
        self.layout_.addWidget(purpose)

        figures = QGridLayout()
        figures.setSpacing(16)
        self.pending = FigureCard(self.tr("Changes to send"), "figure-pending-changes")
        self.conflicts = FigureCard(self.tr("Open conflicts"), "figure-conflicts")
        self.last_import = FigureCard(self.tr("Last import"), "figure-last-import")
        self.last_export = FigureCard(self.tr("Last export"), "figure-last-export")
        for column, card in enumerate((self.pending, self.conflicts, self.last_import, self.last_export)):
            figures.addWidget(card, 0, column)
            figures.setColumnStretch(column, 1)
        self.layout_.addLayout(figures)

        self.import_button = self._button(self.tr("&Import package…"), "importPackage")
        self.export_button = self._button(self.tr("&Export for HQ…"), "exportPackage")
        self.conflicts_button = self._button(self.tr("&Resolve conflicts…"), "resolveConflicts")
        actions = QHBoxLayout()
        actions.setSpacing(10)
        for button in (self.import_button, self.export_button, self.conflicts_button):
            actions.addWidget(button)
        actions.addStretch(1)
        self.layout_.addLayout(actions)
        self.result = Notice("exchangeResult")
        self.layout_.addWidget(self.result)

        self.log = ExchangeLogCard()
        self.layout_.addWidget(self.log, 1)

        self.flows = ExchangeFlows(self)
        self.import_button.clicked.connect(self.flows.import_package)
        self.export_button.clicked.connect(self.flows.export_package)
        self.conflicts_button.clicked.connect(self.flows.resolve_conflicts)
        self.flows.busyChanged.connect(self._update_buttons)
        self._conflict_count = 0

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setMinimumHeight(32)
        return button

    def say(self, html: str, tone: str) -> None:
        """Show how the last action ended (``html`` with every value escaped)."""
        self.result.set_message(html, tone)

    def load(self) -> None:
        store = self.context.store
        office = settings.office_code(store)
        self.export_button.setText(
            self.tr("&Export for the field…") if office == HQ_OFFICE else self.tr("&Export for HQ…")
        )
        if not office:
            self.subheading.setText(self.tr("No office code yet: set it in File ▸ Settings before exporting."))
        elif office == HQ_OFFICE:
            self.subheading.setText(self.tr("Headquarters: HQ updates go to every field office."))
        else:
            self.subheading.setText(arg(self.tr("Office %1: field returns go to HQ, HQ updates come back."), office))

        pending = overview.pending_changes(store)
        self.pending.set_figure(
            number(pending),
            self.tr("records changed here since HQ's last acknowledgement"),
        )
        self._conflict_count = conflicts.count(store)
        self.conflicts.set_figure(
            number(self._conflict_count),
            self.tr("to resolve: both versions are kept until you choose")
            if self._conflict_count
            else self.tr("none: nothing waits for a decision"),
        )
        labels = {k.key_id: k.label for k in trust.trusted_keys(store)}
        rows = [LogRow.from_entry(entry, labels) for entry in exchange.exchange_log(store)]
        self._set_last(
            self.last_import, next((r for r in rows if r.is_import), None), self.tr("No package imported yet")
        )
        self._set_last(
            self.last_export, next((r for r in rows if not r.is_import), None), self.tr("No package sent yet")
        )
        self.log.set_rows(rows)
        self._update_buttons()

    def _set_last(self, card: FigureCard, row: LogRow | None, never: str) -> None:
        if row is None:
            card.set_figure("–", never)
            return
        if row.is_import:
            caption = arg(self.tr("%1 from %2, no. %3"), kind_name(row.kind), row.origin, row.sequence)
            if row.demo:
                caption = arg(self.tr("%1 (demo)"), caption)
        else:
            caption = arg(self.tr("%1 no. %2"), kind_name(row.kind), row.sequence)
            if row.kind == "field-return":
                acknowledged = row.acknowledged
                caption += " · " + (self.tr("acknowledged by HQ") if acknowledged else self.tr("not yet acknowledged"))
        card.set_figure(local_date(row.processed_at), caption)

    def _update_buttons(self, *_args: object) -> None:
        idle = not self.flows.busy
        self.import_button.setEnabled(idle)
        self.export_button.setEnabled(idle)
        self.conflicts_button.setEnabled(idle and self._conflict_count > 0)
