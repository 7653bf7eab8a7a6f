"""Projects page: for now, the purpose and the live counts; the project register comes later."""

from __future__ import annotations

from tcdesk.services import overview
from ui.pages.base import SummaryPage
from ui.widgets import number


class ProjectsPage(SummaryPage):
    def title(self) -> str:
        return self.tr("Projects")

    def purpose(self) -> str:
        return self.tr(
            "Technical cooperation projects in the country (support to the national human rights "
            "institution, a national mechanism for implementation, reporting and follow-up, training, "
            "legal review…): partners, funding, results sought, and the recommendations and clusters each "
            "project implements."
        )

    def figures(self) -> list[tuple[str, str, str]]:
        figures = overview.country_figures(self.context.store, self.context.country)
        return [
            ("projects-active", self.tr("Active projects"), number(figures.active_projects)),
            ("projects", self.tr("All projects"), number(figures.projects)),
        ]
