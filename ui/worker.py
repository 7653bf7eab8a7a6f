"""Long work off the GUI thread, through one small API (after Anki's ``QueryOp``/``CollectionOp``).

An :class:`Operation` runs ``fn(progress, cancelled)`` on a pool thread. ``progress(fraction, message)``
may be called from there as often as the work likes; the messages reach the GUI thread in order, through
queued signals. ``cancel()`` (from the GUI) makes ``cancelled()`` return True; the work checks it at safe
points and raises :class:`tcdesk.sync.errors.Cancelled`, which is reported as a cancellation, not as a
failure. ``success(result)``, ``failure(exception)`` and ``cancelled()`` callbacks always run on the GUI
thread, and only while the widget that started the operation still exists.

Operations that write to the store are queued on a pool with a single thread, so two writes never run
at once and run in the order they were started (SQLite allows one writer; queuing beats a busy error).
Reads run on Qt's global pool, next to a write when need be (WAL lets readers see the last commit).
An operation keeps itself alive until its outcome is delivered, so callers need not hold a reference.
The progress dialog that goes with it lives in ``ui.progress``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from tcdesk.sync.errors import Cancelled

Progress = Callable[[float, str], None]
CancelCheck = Callable[[], bool]
Work = Callable[[Progress, CancelCheck], Any]

SUCCEEDED, FAILED, CANCELLED = "succeeded", "failed", "cancelled"

_alive: set[Operation] = set()
_write_pool: QThreadPool | None = None


def write_pool() -> QThreadPool:
    """The single-thread pool every store write runs on, in the order the writes were started."""
    global _write_pool
    if _write_pool is None:
        _write_pool = QThreadPool()
        _write_pool.setObjectName("tcdeskStoreWrites")
        _write_pool.setMaxThreadCount(1)
    return _write_pool


def running() -> list[Operation]:
    """Operations started and not yet reported back (for shutdown and tests)."""
    return list(_alive)


def cancel_all() -> None:
    for operation in list(_alive):
        operation.cancel()


def wait_for_all(timeout_ms: int = -1) -> bool:
    """Block until every pool thread is idle (quitting the app, tests); False on timeout."""
    done = QThreadPool.globalInstance().waitForDone(timeout_ms)
    return write_pool().waitForDone(timeout_ms) and done


class _Runnable(QRunnable):
    def __init__(self, operation: Operation):
        super().__init__()
        self.operation = operation
        self.setAutoDelete(True)

    def run(self) -> None:
        self.operation._execute()


class Operation(QObject):
    """One piece of background work and how it ended (``state``: running, succeeded, failed, cancelled)."""

    progressed = Signal(float, str)
    """(fraction 0..1, message), on the GUI thread, in the order the work reported them."""
    stopped = Signal(str)
    """The work has ended (its state), just before the outcome's callback runs: progress views close."""
    finished = Signal()
    """After the outcome's callback ran (or was skipped because its owner is gone)."""

    _reported = Signal(float, str)  # emitted on the worker thread, delivered queued
    _ended = Signal(str, object)

    def __init__(
        self,
        fn: Work,
        *,
        success: Callable[[Any], object] | None = None,
        failure: Callable[[BaseException], object] | None = None,
        cancelled: Callable[[], object] | None = None,
        writes: bool = False,
        owner: QObject | None = None,
    ):
        super().__init__()  # no Qt parent: it must outlive its owner while the thread runs
        self._fn = fn
        self._success, self._failure, self._on_cancelled = success, failure, cancelled
        self.writes = writes
        self._owner = owner
        self._cancel = threading.Event()
        self._last: tuple[float, str] | None = None
        self.state = ""
        self.result: Any = None
        self.error: BaseException | None = None
        self._reported.connect(self._deliver_progress, Qt.ConnectionType.QueuedConnection)
        self._ended.connect(self._deliver_end, Qt.ConnectionType.QueuedConnection)

    # --- GUI thread ------------------------------------------------------------------------------
    def run(self) -> Operation:
        """Start the work; returns self so that ``op = Operation(...).run()`` reads naturally."""
        if self.state:
            raise RuntimeError("an operation runs only once")
        self.state = "running"
        _alive.add(self)
        pool = write_pool() if self.writes else QThreadPool.globalInstance()
        pool.start(_Runnable(self))
        return self

    def cancel(self) -> None:
        """Ask the work to stop at its next check; it may still finish if it is past its last check."""
        self._cancel.set()

    @property
    def is_running(self) -> bool:
        return self.state == "running"

    # --- any thread ------------------------------------------------------------------------------
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def report(self, fraction: float, message: str) -> None:
        """The ``progress`` function handed to the work; repeats of the same step are not re-sent."""
        step = (round(float(fraction), 3), str(message))
        if step == self._last:
            return
        self._last = step
        self._reported.emit(*step)

    # --- worker thread ---------------------------------------------------------------------------
    def _execute(self) -> None:
        try:
            result = self._fn(self.report, self.is_cancelled)
        except Cancelled as exc:
            self._ended.emit(CANCELLED, exc)
        except Exception as exc:  # every failure is delivered to the GUI, never lost in the thread
            self._ended.emit(FAILED, exc)
        else:
            self._ended.emit(SUCCEEDED, result)

    # --- back on the GUI thread ------------------------------------------------------------------
    @Slot(float, str)
    def _deliver_progress(self, fraction: float, message: str) -> None:
        if self.is_running:
            self.progressed.emit(fraction, message)

    @Slot(str, object)
    def _deliver_end(self, state: str, payload: object) -> None:
        self.state = state
        try:
            self.stopped.emit(state)
            if self._owner is not None and not shiboken6.isValid(self._owner):
                return  # the page or dialog that asked is gone: nobody to tell
            if state == SUCCEEDED:
                self.result = payload
                if self._success:
                    self._success(payload)
            elif state == FAILED:
                self.error = payload  # type: ignore[assignment]
                if self._failure:
                    self._failure(payload)  # type: ignore[arg-type]
            elif self._on_cancelled:
                self._on_cancelled()
        finally:
            _alive.discard(self)
            self.finished.emit()
