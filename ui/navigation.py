"""The pages the navigation list offers, in order, with their titles (Ctrl+1… follow this order).

A page's module is imported the first time the page is shown: importing them all before the first paint
cost about 0.1 s of start-up (measured with ``python -X importtime``). The frozen build lists
``ui.pages`` for PyInstaller, since these imports are by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from ui.pages.base import Page


@dataclass(frozen=True)
class PageSpec:
    key: str  # saved in QSettings as the last page shown: keep stable
    module: str
    class_name: str

    @property
    def cls(self) -> type[Page]:
        return getattr(import_module(f"ui.pages.{self.module}"), self.class_name)


PAGES = (
    PageSpec("home", "home", "HomePage"),
    PageSpec("recommendations", "recommendations", "RecommendationsPage"),
    PageSpec("clusters", "clusters", "ClustersPage"),
    PageSpec("checklist", "checklist", "ChecklistPage"),
    PageSpec("projects", "projects", "ProjectsPage"),
    PageSpec("exchange", "exchange", "ExchangePage"),
    PageSpec("briefings", "briefings", "BriefingsPage"),
)
SETTINGS_PAGE = PageSpec("settings", "settings", "SettingsPage")  # File ▸ Settings…, not in the list


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
