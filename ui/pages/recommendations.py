"""Recommendations page: for now, the purpose and the live counts; the browsable list comes later."""

from __future__ import annotations

from tcdesk.services import overview
from ui import labels
from ui.pages.base import SummaryPage
from ui.widgets import number


class RecommendationsPage(SummaryPage):
    def title(self) -> str:
        return self.tr("Recommendations")

    def purpose(self) -> str:
        return self.tr(
            "Every recommendation addressed to the country by the Universal Periodic Review, the treaty "
            "bodies and the special procedures: find them by text, theme, SDG target or body, record the "
            "State's response and the status of implementation, and keep notes."
        )

    def figures(self) -> list[tuple[str, str, str]]:
        figures = overview.country_figures(self.context.store, self.context.country)
        rows = [("recommendations", self.tr("Recommendations"), number(figures.recommendations))]
        rows += [
            (f"mechanism-{code}", labels.mechanism_name(code), number(count))
            for code, count in figures.by_mechanism.items()
        ]
        return rows
