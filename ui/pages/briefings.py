"""Briefings page: for now, the purpose and what a briefing would draw on; PDF generation comes later."""

from __future__ import annotations

from tcdesk.services import overview
from ui.pages.base import SummaryPage
from ui.widgets import number


class BriefingsPage(SummaryPage):
    def title(self) -> str:
        return self.tr("Briefings")

    def purpose(self) -> str:
        return self.tr(
            "Before a mission, a special rapporteur's visit, a UNCT retreat or a call with HQ: a printable "
            "PDF on the country with its profile, key clusters and their recommendations, the status of "
            "implementation, the technical cooperation portfolio and the CCA gaps."
        )

    def figures(self) -> list[tuple[str, str, str]]:
        figures = overview.country_figures(self.context.store, self.context.country)
        return [
            ("recommendations", self.tr("Recommendations to draw on"), number(figures.recommendations)),
            ("clusters", self.tr("Clusters"), number(figures.clusters)),
            ("projects", self.tr("Projects"), number(figures.projects)),
        ]
