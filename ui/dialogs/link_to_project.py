"""Link to project…: the country's projects as a checkable list; those already linking the selection are ticked.

The dialog itself does not write to the store: ``open_link_dialog`` (what the pages call) reads its
``changes()`` (projects ticked and unticked) on OK and hands them to ``project_links.link_targets``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from tcdesk.services import portfolio, project_links
from tcdesk.services.portfolio import ProjectRow
from tcdesk.services.records import EditRefused, RecordNotFound
from tcdesk.store.db import Store
from ui import labels
from ui.widgets import label

UID_ROLE = Qt.ItemDataRole.UserRole


class LinkToProjectDialog(QDialog):
    def __init__(self, what: str, projects: Iterable[ProjectRow], linked: set[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("linkToProjectDialog")
        self.setWindowTitle(self.tr("Link to project"))
        self.setMinimumWidth(520)
        self._linked = set(linked)
        self.projects = QListWidget()
        self.projects.setObjectName("linkProjects")
        for project in projects:
            text = " · ".join(p for p in (project.code, project.title, labels.capitalised(project.status)) if p)
            item = QListWidgetItem(text)
            item.setData(UID_ROLE, project.uid)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if project.uid in linked else Qt.CheckState.Unchecked)
            self.projects.addItem(item)
        caption = (
            what
            if self.projects.count()
            else self.tr("This country has no projects yet: add them on the Projects page.")
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label(caption, "caption", "linkToProjectCaption", wrap=True))
        layout.addWidget(self.projects, 1)
        layout.addWidget(self.buttons)

    def item(self, project_uid: str) -> QListWidgetItem:
        for row in range(self.projects.count()):
            item = self.projects.item(row)
            if item.data(UID_ROLE) == project_uid:
                return item
        raise KeyError(project_uid)

    def checked(self) -> set[str]:
        items = (self.projects.item(row) for row in range(self.projects.count()))
        return {i.data(UID_ROLE) for i in items if i.checkState() == Qt.CheckState.Checked}

    def changes(self) -> tuple[list[str], list[str]]:
        """(projects to link, projects to unlink): only those whose tick changed."""
        checked = self.checked()
        return sorted(checked - self._linked), sorted(self._linked - checked)


def open_link_dialog(
    parent: QWidget,
    store: Store,
    iso3: str,
    kind: str,
    target_uids: list[str],
    what: str,
    done: Callable[[int], None],
    refused: Callable[[str], None],
) -> LinkToProjectDialog:
    """Open (window-modal, not blocking) the dialog for ``target_uids``; on OK link and unlink what changed.

    ``done`` gets how many projects changed; ``refused`` the reason when the store refused the change.
    """
    projects = portfolio.projects(store, iso3)
    linked = project_links.projects_linking_all(store, [p.uid for p in projects], kind, target_uids)
    dialog = LinkToProjectDialog(what, projects, linked, parent)

    def accepted() -> None:
        add, remove = dialog.changes()
        if not add and not remove:
            return
        try:
            changed = project_links.link_targets(store, add, remove, kind, target_uids)
        except (EditRefused, RecordNotFound) as error:
            refused(str(error))
            return
        done(changed)

    dialog.accepted.connect(accepted)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
