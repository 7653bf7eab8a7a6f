"""Undoable edits of recommendations, made only through the services' one edit path.

An edit is applied first and pushed on the undo stack only when the store took it, so a refused edit
leaves neither a change nor an undo step. Undo puts back each record's previous values through the
same path (``records.update_many`` when they are all alike, else ``batch_edits.update_each``, all or
none): it is a new revision, as any local change is, and the next field return carries it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from tcdesk.services import batch_edits, records
from tcdesk.store.db import Store
from ui.labels import arg

TABLE = "recommendations"
Values = dict[str, dict[str, str]]  # uid → {column: value}


class _Edit(QUndoCommand):
    def __init__(self, apply: Callable[[Values], bool], before: Values, after: Values, text: str):
        super().__init__(text)
        self._apply, self.before, self.after = apply, before, after
        self._applied = True  # the editor applied it before pushing

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        if not self._apply(self.after):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self._apply(self.before):
            self.setObsolete(True)  # e.g. the record was deleted meanwhile: this step cannot be undone


class RecommendationEditor(QObject):
    """Makes edits and their undo steps; tells the page what changed or why nothing did."""

    edited = Signal(list)
    """uids whose values changed (an edit, an undo or a redo)."""
    refused = Signal(str)
    """Why an edit, undo or redo was refused; nothing was changed."""

    def __init__(self, store: Store, stack: QUndoStack, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.stack = stack

    def set_values(self, uids: list[str], changes: Mapping[str, str], text: str) -> int:
        """The same ``changes`` on every record of ``uids``; returns how many records changed."""
        before = batch_edits.values_of(self.store, TABLE, uids, changes)
        before = {uid: values for uid, values in before.items() if values != dict(changes)}
        if not before:
            return 0
        after = {uid: dict(changes) for uid in before}
        if not self._apply(after):
            return 0
        self.stack.push(_Edit(self._apply, before, after, text))
        return len(before)

    def _apply(self, values: Values) -> bool:
        try:
            distinct = {tuple(sorted(v.items())) for v in values.values()}
            if len(values) == 1:
                [(uid, changes)] = values.items()
                records.update(self.store, TABLE, uid, changes)
            elif len(distinct) == 1:
                records.update_many(self.store, TABLE, list(values), next(iter(values.values())))
            else:
                batch_edits.update_each(self.store, TABLE, values)
        except records.EditRefused as exc:
            self.refused.emit("\n".join(exc.problems))
            return False
        except records.RecordNotFound as exc:
            self.refused.emit(
                arg(
                    QCoreApplication.translate(
                        "RecommendationEditor", "A recommendation is no longer in the store: %1"
                    ),
                    exc,
                )
            )
            return False
        self.edited.emit(list(values))
        return True
