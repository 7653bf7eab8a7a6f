"""ui.worker and ui.progress on their own: threads, ordered progress, outcomes, cancel, serialised writes."""

from __future__ import annotations

import threading

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from tcdesk.sync.errors import Cancelled
from ui import worker
from ui.progress import ProgressDialog, run_with_progress
from ui.worker import Operation

pytestmark = pytest.mark.gui
WAIT = 10  # seconds any background step may take before a test gives up


def on_gui_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@pytest.fixture
def owner(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_progress_arrives_in_order_on_the_gui_thread_then_success(qtbot, owner):
    seen, results, work_threads = [], [], []

    def work(progress, _cancelled):
        work_threads.append(on_gui_thread())
        for step, message in enumerate(("reading", "checking", "writing", "done")):
            progress(step / 3, message)
        return 42

    op = Operation(work, success=lambda r: results.append((r, on_gui_thread())), owner=owner)
    op.progressed.connect(lambda f, m: seen.append((round(f, 2), m, on_gui_thread())))
    with qtbot.waitSignal(op.finished, timeout=WAIT * 1000):
        op.run()
    assert work_threads == [False]  # the work itself ran off the GUI thread
    assert seen == [(0.0, "reading", True), (0.33, "checking", True), (0.67, "writing", True), (1.0, "done", True)]
    assert results == [(42, True)]
    assert op.state == worker.SUCCEEDED and op.result == 42
    assert op not in worker.running()


def test_failure_delivers_the_exception_itself(qtbot, owner):
    failures, successes = [], []
    problem = ValueError("the file is not a package")

    def work(_progress, _cancelled):
        raise problem

    op = Operation(work, success=successes.append, failure=lambda e: failures.append((e, on_gui_thread())))
    with qtbot.waitSignal(op.finished, timeout=WAIT * 1000):
        op.run()
    assert failures == [(problem, True)] and successes == []
    assert op.state == worker.FAILED and op.error is problem


def test_cancel_makes_cancelled_true_and_cancelled_is_reported_as_cancellation(qtbot, owner):
    started, gate, outcomes, seen_inside = threading.Event(), threading.Event(), [], []

    def work(_progress, cancelled):
        seen_inside.append(cancelled())
        started.set()
        gate.wait(WAIT)  # a long step; the job checks for cancellation after it, as the import does
        seen_inside.append(cancelled())
        if cancelled():
            raise Cancelled("import cancelled: nothing was applied")
        return "finished anyway"

    op = Operation(
        work,
        success=lambda r: outcomes.append(("success", r)),
        failure=lambda e: outcomes.append(("failure", e)),
        cancelled=lambda: outcomes.append(("cancelled", on_gui_thread())),
        owner=owner,
    )
    op.run()
    assert started.wait(WAIT)
    op.cancel()
    assert op.is_cancelled()
    with qtbot.waitSignal(op.finished, timeout=WAIT * 1000):
        gate.set()
    assert seen_inside == [False, True]
    assert outcomes == [("cancelled", True)]
    assert op.state == worker.CANCELLED


def test_work_that_ends_before_it_sees_the_cancel_is_a_success(qtbot):
    results = []
    op = Operation(lambda _p, _c: "done", success=results.append)
    op.cancel()  # asked before the work looked: it never checks, so it completes
    with qtbot.waitSignal(op.finished, timeout=WAIT * 1000):
        op.run()
    assert results == ["done"]


def test_writes_run_one_at_a_time_in_order(qtbot):
    first_started, release, order = threading.Event(), threading.Event(), []

    def first(_p, _c):
        first_started.set()
        release.wait(WAIT)
        order.append("first")

    def second(_p, _c):
        order.append("second")

    one = Operation(first, writes=True).run()
    assert first_started.wait(WAIT)
    two = Operation(second, writes=True).run()
    assert worker.write_pool().maxThreadCount() == 1
    assert order == []  # the second write is queued behind the first, not running beside it
    with qtbot.waitSignals([one.finished, two.finished], timeout=WAIT * 1000):
        release.set()
    assert order == ["first", "second"]


def test_no_callback_once_the_owner_is_gone(qtbot):
    release, results = threading.Event(), []
    widget = QWidget()
    op = Operation(lambda _p, _c: release.wait(WAIT), success=results.append, owner=widget)
    op.run()
    widget.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(widget))
    with qtbot.waitSignal(op.finished, timeout=WAIT * 1000):
        release.set()
    assert results == [] and op.state == worker.SUCCEEDED


def test_an_operation_runs_only_once(qtbot):
    op = Operation(lambda _p, _c: None)
    with qtbot.waitSignal(op.finished, timeout=WAIT * 1000):
        op.run()
    with pytest.raises(RuntimeError):
        op.run()


def test_progress_dialog_shows_progress_and_its_cancel_button_cancels(qtbot, owner):
    gate, outcomes = threading.Event(), []

    def work(progress, cancelled):
        progress(0.25, "reading")
        gate.wait(WAIT)
        if cancelled():
            raise Cancelled("stopped")
        return "not cancelled"

    op = run_with_progress(
        owner,
        "Working",
        work,
        success=lambda r: outcomes.append(r),
        failure=lambda e: outcomes.append(e),
        cancelled=lambda: outcomes.append("cancelled"),
        describe=lambda message: f"Now {message}…",
    )
    dialog: ProgressDialog = op.dialog
    try:
        qtbot.waitUntil(lambda: dialog.isVisible() and dialog.message.text() == "Now reading…")
        assert dialog.bar.value() == 250 and dialog.windowTitle() == "Working"
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        assert op.is_cancelled()
        assert dialog.message.text() == "Cancelling…" and not dialog.cancel_button.isEnabled()
        assert dialog.isVisible()  # open until the work has actually stopped
    finally:
        gate.set()
    qtbot.waitUntil(lambda: op.state == worker.CANCELLED)
    assert outcomes == ["cancelled"]
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))


def test_progress_dialog_without_cancel_ignores_escape(qtbot, owner):
    gate = threading.Event()
    op = run_with_progress(
        owner,
        "Writing",
        lambda _p, _c: gate.wait(WAIT),
        success=lambda _r: None,
        failure=lambda _e: None,
        cancellable=False,
    )
    dialog = op.dialog
    try:
        qtbot.waitUntil(dialog.isVisible)
        assert not dialog.cancel_button.isVisible()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not op.is_cancelled() and dialog.isVisible()
    finally:
        gate.set()
    qtbot.waitUntil(lambda: op.state == worker.SUCCEEDED)


def test_quick_work_never_shows_the_dialog(qtbot, owner):
    shown = []
    op = Operation(lambda _p, _c: 1)
    dialog = ProgressDialog(op, "Quick", owner)
    op.stopped.connect(lambda _s: shown.append(dialog.isVisible()))
    with qtbot.waitSignal(op.finished, timeout=WAIT * 1000):
        op.run()
    assert shown == [False]


def test_qt_calls_keep_the_reference_counts_of_none_and_true(qapp):
    """PySide6-Essentials 6.12.0 on Python 3.11 drops a reference to None on every void call and to True
    on every emit(); the process then aborts (bool_dealloc). pyproject pins below 6.12 for that reason:
    this test fails if a release with the defect is installed."""
    import sys

    from PySide6.QtCore import QObject, Signal

    class Emitter(QObject):
        fired = Signal()

    emitter = Emitter()
    before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(50):
        emitter.fired.emit()
        emitter.setObjectName("probe")
    after = sys.getrefcount(None), sys.getrefcount(True)
    assert after[0] >= before[0] - 5 and after[1] >= before[1] - 5, (before, after)
