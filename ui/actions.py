"""Keyboard actions of a page, made one way: shortcuts that work anywhere inside the widget they belong to
(so a page's Ctrl+Z never fires on another page), and undo/redo wired to the page's QUndoStack."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QToolButton, QWidget


def _bind(action: QAction, owner: QWidget, keys: Sequence[str], name: str) -> QAction:
    action.setObjectName(name)
    action.setShortcuts([QKeySequence(k) for k in keys])
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    owner.addAction(action)
    return action


def shortcut_action(owner: QWidget, text: str, keys: Sequence[str], slot: Callable[[], object], name: str) -> QAction:
    action = QAction(text, owner)
    action.triggered.connect(slot)
    return _bind(action, owner, keys, name)


def undo_redo_actions(
    owner: QWidget, stack: QUndoStack, name: str, undo_button: QToolButton, redo_button: QToolButton
) -> tuple[QAction, QAction]:
    """Ctrl+Z and Ctrl+Shift+Z (or Ctrl+Y) for ``stack``, shown on the page's two buttons."""
    undo = stack.createUndoAction(owner, QCoreApplication.translate("Actions", "Undo"))
    redo = stack.createRedoAction(owner, QCoreApplication.translate("Actions", "Redo"))
    _bind(undo, owner, ["Ctrl+Z"], f"undo{name}")
    _bind(redo, owner, ["Ctrl+Shift+Z", "Ctrl+Y"], f"redo{name}")
    undo_button.setDefaultAction(undo)
    redo_button.setDefaultAction(redo)
    return undo, redo
