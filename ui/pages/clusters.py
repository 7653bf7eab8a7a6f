"""Clusters page: for now, the purpose and the live counts; clustering tools come later."""

from __future__ import annotations

from tcdesk.services import overview
from ui.pages.base import SummaryPage
from ui.widgets import number


class ClustersPage(SummaryPage):
    def title(self) -> str:
        return self.tr("Clusters")

    def purpose(self) -> str:
        return self.tr(
            "Thematic clusters group overlapping recommendations (for example 'Administration of justice "
            "and fair trial') and link them to the SDGs. Clusters are what programmes, the CCA analysis "
            "and briefings talk about."
        )

    def figures(self) -> list[tuple[str, str, str]]:
        figures = overview.country_figures(self.context.store, self.context.country)
        return [
            ("clusters", self.tr("Clusters"), number(figures.clusters)),
            ("high-priority", self.tr("High priority"), number(figures.high_priority_clusters)),
        ]
