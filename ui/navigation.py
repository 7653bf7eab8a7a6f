"""The pages the navigation list offers, in order, with their titles (Ctrl+1… follow this order).

Page modules are imported here statically: they are small (a page with heavy dependencies imports those
inside), and static imports keep them visible to PyInstaller's analysis. Building a page's widgets is
what waits for first use (``MainWindow.page``).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from ui.pages.base import Page
from ui.pages.briefings import BriefingsPage
from ui.pages.checklist import ChecklistPage
from ui.pages.clusters import ClustersPage
from ui.pages.exchange import ExchangePage
from ui.pages.home import HomePage
from ui.pages.projects import ProjectsPage
from ui.pages.recommendations import RecommendationsPage
from ui.pages.settings import SettingsPage


@dataclass(frozen=True)
class PageSpec:
    key: str  # saved in QSettings as the last page shown: keep stable
    cls: type[Page]


PAGES = (
    PageSpec("home", HomePage),
    PageSpec("recommendations", RecommendationsPage),
    PageSpec("clusters", ClustersPage),
    PageSpec("checklist", ChecklistPage),
    PageSpec("projects", ProjectsPage),
    PageSpec("exchange", ExchangePage),
    PageSpec("briefings", BriefingsPage),
)
SETTINGS_PAGE = PageSpec("settings", SettingsPage)  # reached from File ▸ Settings…, not from the list


def page_titles() -> list[str]:
    """Titles of ``PAGES`` in the user's language, for the navigation list and the View menu."""
    return [
        QCoreApplication.translate("Navigation", "Home"),
        QCoreApplication.translate("Navigation", "Recommendations"),
        QCoreApplication.translate("Navigation", "Clusters"),
        QCoreApplication.translate("Navigation", "CCA checklist"),
        QCoreApplication.translate("Navigation", "Projects"),
        QCoreApplication.translate("Navigation", "Exchange"),
        QCoreApplication.translate("Navigation", "Briefings"),
    ]
