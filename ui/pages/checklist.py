"""CCA checklist page: for now, the purpose and the progress of the assessment; the checklist comes later."""

from __future__ import annotations

from tcdesk.services import overview
from ui.pages.base import SummaryPage
from ui.widgets import number


class ChecklistPage(SummaryPage):
    def title(self) -> str:
        return self.tr("CCA checklist")

    def purpose(self) -> str:
        return self.tr(
            "Check that the Common Country Analysis integrates human rights: the six guiding principles, "
            "the use of UPR, treaty body and special procedures recommendations, groups left behind, "
            "disaggregated data, consultation and risk analysis. Each item is assessed with evidence and "
            "links to recommendations."
        )

    def figures(self) -> list[tuple[str, str, str]]:
        figures = overview.country_figures(self.context.store, self.context.country)
        if not figures.checklist_items:
            return [("checklist-items", self.tr("Checklist items"), self.tr("No assessment started"))]
        return [
            ("checklist-items", self.tr("Checklist items"), number(figures.checklist_items)),
            ("checklist-assessed", self.tr("Assessed"), number(figures.checklist_assessed)),
            ("checklist-share", self.tr("Progress"), f"{round(figures.checklist_share * 100)} %"),
        ]
