"""Exchange page: for now, the purpose and the changes waiting to go to HQ; import and export come later."""

from __future__ import annotations

from tcdesk.services import overview, settings
from ui.pages.base import SummaryPage
from ui.widgets import number


class ExchangePage(SummaryPage):
    needs_country = False

    def title(self) -> str:
        return self.tr("Exchange with HQ")

    def purpose(self) -> str:
        return self.tr(
            "HQ sends updates as Excel packages (new recommendations after a review, revised clusters, a "
            "new checklist version); this office sends back what it assessed, edited and planned. Packages "
            "are small, signed files that travel by e-mail or on a USB stick and can be opened in Excel."
        )

    def figures(self) -> list[tuple[str, str, str]]:
        store = self.context.store
        return [
            ("pending-changes", self.tr("Changes to send"), number(overview.pending_changes(store))),
            ("office", self.tr("Sent as office"), settings.office_code(store) or self.tr("(not set)")),
        ]
