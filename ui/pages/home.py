"""Home page: the current country's key figures at a glance.

Everything shown comes from one call to ``overview.country_figures`` (grouped SQL counts), so the page is
ready at once even on a 100,000-recommendation store and is the first thing painted at start-up.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QWidget

from tcdesk.services import overview
from ui import labels
from ui.context import AppContext
from ui.labels import arg
from ui.pages.base import PARAGRAPH_WIDTH, Page
from ui.widgets import Bar, BarList, Card, FigureCard, label, number


class HomePage(Page):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.heading.setText(self.tr("Home"))
        self.empty = Card(self.tr("Nothing to show yet"))
        self.empty.body.addWidget(
            label(
                self.tr(
                    "The store holds no country. Import a package from HQ or an export of the Universal "
                    "Human Rights Index (command line: tcdesk import FILE) and its figures appear here. "
                    "To try tcdesk out first, load the demo country from File ▸ Settings."
                ),
                "paragraph",
                wrap=True,
            )
        )
        self.empty.setMaximumWidth(PARAGRAPH_WIDTH)
        self.layout_.addWidget(self.empty)

        self.figures_area = QWidget()
        grid = QGridLayout(self.figures_area)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(16)
        self.total = FigureCard(self.tr("Recommendations"), "figure-recommendations")
        self.clusters = FigureCard(self.tr("Clusters"), "figure-clusters")
        self.projects = FigureCard(self.tr("Active projects"), "figure-projects")
        self.checklist = FigureCard(self.tr("CCA checklist"), "figure-checklist")
        self.checklist_bar = Bar()
        self.checklist.body.insertWidget(1, self.checklist_bar)
        for column, card in enumerate((self.total, self.clusters, self.projects, self.checklist)):
            grid.addWidget(card, 0, column)
            grid.setColumnStretch(column, 1)

        self.mechanisms = BarList("mechanism")
        self.responses = BarList("response")
        self.statuses = BarList("status")
        mechanism_card = Card(self.tr("By mechanism"))
        mechanism_card.body.addWidget(self.mechanisms)
        response_card = Card(self.tr("Responses of the State"))
        response_card.body.addWidget(self.responses)
        response_card.body.addWidget(
            label(self.tr("Only UPR recommendations receive a response."), "caption", wrap=True)
        )
        status_card = Card(self.tr("Implementation status"))
        status_card.body.addWidget(self.statuses)
        status_card.body.addWidget(
            label(self.tr("As last recorded on this desk or received from HQ."), "caption", wrap=True)
        )
        for card in (mechanism_card, response_card, status_card):
            card.body.addStretch(1)
        grid.addWidget(mechanism_card, 1, 0, 1, 2)
        grid.addWidget(response_card, 2, 0, 1, 2)
        grid.addWidget(status_card, 1, 2, 2, 2)
        self.layout_.addWidget(self.figures_area)
        self.layout_.addStretch(1)

    def load(self) -> None:
        iso3 = self.context.country
        self.empty.setVisible(not iso3)
        self.figures_area.setVisible(bool(iso3))
        if not iso3:
            self.heading.setText(self.tr("Home"))
            self.subheading.setText(self.tr("Welcome to tcdesk, the Human Rights Adviser's desk."))
            return
        figures = overview.country_figures(self.context.store, iso3)
        self.heading.setText(figures.name)
        self.subheading.setText(
            arg(self.tr("%1 · recommendations, clusters, projects and CCA checklist at a glance"), iso3)
        )
        total = figures.recommendations
        self.total.set_figure(number(total), self.tr("from the UPR, the treaty bodies and the special procedures"))
        self.clusters.set_figure(
            number(figures.clusters),
            arg(self.tr("%1 high priority"), number(figures.high_priority_clusters)),
        )
        self.projects.set_figure(
            number(figures.active_projects),
            arg(self.tr("of %1 projects in all"), number(figures.projects)),
        )
        share = figures.checklist_share
        self.checklist_bar.set_share(share)
        if figures.checklist_items:
            self.checklist.set_figure(
                f"{round(share * 100)} %",
                arg(
                    self.tr("%1 of %2 items assessed"),
                    number(figures.checklist_assessed),
                    number(figures.checklist_items),
                ),
            )
        else:
            self.checklist.set_figure("–", self.tr("No assessment started"))
        self.mechanisms.set_counts(
            [(code, labels.mechanism_name(code), n) for code, n in figures.by_mechanism.items()], total
        )
        self.responses.set_counts(
            [(key, labels.response_name(key), n) for key, n in figures.by_response.items()], total
        )
        self.statuses.set_counts([(key, labels.status_name(key), n) for key, n in figures.by_status.items()], total)
        stacked = (self.mechanisms, self.responses)  # one above the other: bars start at the same x
        width = max(bars.name_width() for bars in stacked)
        for bars in stacked:
            bars.set_name_width(width)
