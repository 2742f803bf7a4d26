"""Work in a forked child: results by name as plain-data bundles, its errors raised here, stopped at will."""

from __future__ import annotations

import io
import os
import signal
import threading
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder import forked
from builder.faults import process_alive
from builder.forked import ForkedWork, WorkFailed, read_bundle, write_bundle

needs_fork = pytest.mark.skipif(
    not forked.fork_is_safe(), reason="this platform or process cannot fork safely"
)


def _round_trip(files: dict) -> dict:
    stream = io.BytesIO()
    write_bundle(stream, files)
    stream.seek(0)
    return read_bundle(stream)


def test_a_bundle_gives_back_text_and_bytes_as_they_were_in_order():
    files = {
        "charts/b.svg": "<svg>é ✓</svg>",
        "briefing.pdf": b"%PDF-1.7\x00\xff",
        "empty.txt": "",
        "empty.bin": b"",
        "odd \udcff.txt": "an undecodable byte kept as \udcff",
    }
    back = _round_trip(files)
    assert back == files
    assert list(back) == list(files)
    assert [type(value) for value in back.values()] == [type(value) for value in files.values()]


# Any text: lone surrogates (a file's undecodable bytes) included, which st.text() leaves out.
_ANY_TEXT = st.text(st.characters(codec=None, categories=None))


@given(st.dictionaries(_ANY_TEXT, st.one_of(_ANY_TEXT, st.binary()), max_size=8))
def test_any_bundle_round_trips(files):
    assert _round_trip(files) == files


def test_a_cut_or_foreign_bundle_is_refused_not_misread():
    stream = io.BytesIO()
    write_bundle(stream, {"a.txt": "some text"})
    whole = stream.getvalue()
    with pytest.raises(WorkFailed, match="middle of an entry"):
        read_bundle(io.BytesIO(whole + b"t\x00"))
    with pytest.raises(WorkFailed, match="not a bundle"):
        read_bundle(io.BytesIO(whole[:-3]))
    with pytest.raises(WorkFailed, match="not a bundle"):
        read_bundle(io.BytesIO(b"x" + whole[1:]))


def test_fork_is_not_safe_while_another_thread_runs():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not forked.fork_is_safe()
    finally:
        stop.set()
        thread.join()


@needs_fork
def test_the_child_sees_this_process_and_delivers_each_result_by_name():
    held = {"text": "made before the fork"}

    def work(outbox):
        outbox.deliver("first", {"a.txt": held["text"]})
        outbox.deliver("second", {"pid": str(os.getpid())})

    child = ForkedWork(work, ("first", "second"))
    # Taken in any order: the child wrote each to its own file.
    second = child.result("second")
    assert child.result("first") == {"a.txt": "made before the fork"}
    assert second["pid"] != str(os.getpid())  # another process made it


@needs_fork
def test_what_the_work_raises_is_raised_here_after_what_it_delivered():
    def work(outbox):
        outbox.deliver("charts", {"c.svg": "<svg/>"})
        raise ValueError("the briefing template is broken")

    child = ForkedWork(work, ("charts", "pdf"))
    assert child.result("charts") == {"c.svg": "<svg/>"}
    with pytest.raises(ValueError, match="briefing template is broken"):
        child.result("pdf")


@needs_fork
def test_an_error_that_does_not_pickle_comes_back_as_its_text():
    class Unpicklable(Exception):
        def __reduce__(self):
            raise TypeError("cannot pickle")

    def work(outbox):
        raise Unpicklable("held a lock")

    with pytest.raises(WorkFailed, match="Unpicklable: held a lock"):
        ForkedWork(work, ("x",)).result("x")


@needs_fork
def test_a_child_that_dies_without_a_word_is_a_clear_error():
    def work(outbox):
        os._exit(3)

    with pytest.raises(WorkFailed, match=r"stopped \(exit code 3\) before it delivered 'pdf'"):
        ForkedWork(work, ("pdf",)).result("pdf")


@needs_fork
def test_a_cancelled_child_stops_though_this_process_ignores_and_blocks_sigterm():
    # A build's SIGTERM handler (or a library's mask) is inherited by the child: stopped is stopped.
    previous = signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        child = ForkedWork(lambda outbox: time.sleep(60), ("slow",))
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
        signal.signal(signal.SIGTERM, previous)
    pid = child._child.pid  # noqa: SLF001 - the test looks at the process itself
    assert process_alive(pid)
    started = time.monotonic()
    child.cancel()
    assert time.monotonic() - started < 4  # SIGTERM did it, not the kill that follows after 5 s
    assert not process_alive(pid)
    with pytest.raises(WorkFailed, match="stopped before it delivered 'slow'"):
        child.result("slow")


@needs_fork
def test_a_child_that_holds_off_sigterm_itself_is_killed():
    def stubborn(outbox):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # for every thread of the child
        outbox.deliver("ready", {})
        time.sleep(60)

    child = ForkedWork(stubborn, ("ready", "never"))
    pid = child._child.pid  # noqa: SLF001 - the test looks at the process itself
    assert child.result("ready") == {}
    started = time.monotonic()
    child.cancel()
    assert 4 < time.monotonic() - started < 20
    assert not process_alive(pid)


@needs_fork
def test_a_child_that_delivered_everything_is_reaped():
    child = ForkedWork(lambda outbox: outbox.deliver("only", {"a": "b"}), ("only",))
    pid = child._child.pid  # noqa: SLF001 - the test looks at the process itself
    assert child.result("only") == {"a": "b"}
    assert not process_alive(pid)


@needs_fork
def test_a_child_killed_by_a_signal_says_so():
    def work(outbox):
        os.kill(os.getpid(), signal.SIGKILL)

    with pytest.raises(WorkFailed, match="killed by SIGKILL"):
        ForkedWork(work, ("pdf",)).result("pdf")


@needs_fork
def test_an_error_that_cannot_be_rebuilt_here_is_a_clear_error_and_stops_the_child():
    def work(outbox):
        # A class only the child has (a plugin it imported, say): the error pickles there, not back here.
        import sys
        import types

        module = types.ModuleType("dossier_only_in_the_child")
        error = type("OnlyInTheChild", (Exception,), {"__module__": module.__name__})
        module.OnlyInTheChild = error
        sys.modules[module.__name__] = module
        raise error("a b")

    child = ForkedWork(work, ("x",))
    pid = child._child.pid  # noqa: SLF001 - the test looks at the process itself
    with pytest.raises(WorkFailed, match="its error could not be read"):
        child.result("x")
    assert not process_alive(pid)


@needs_fork
def test_a_forked_call_gives_back_the_value_its_child_computed_from_this_process_data():
    held = list(range(1000))
    call = forked.ForkedCall(lambda: (os.getpid(), sum(held)))
    pid, total = call.result()
    assert total == sum(range(1000))
    assert pid != os.getpid()
    with pytest.raises(WorkFailed, match="already taken"):
        call.result()


@needs_fork
def test_a_forked_call_raises_here_what_its_function_raised():
    def broken():
        raise LookupError("no such figure")

    with pytest.raises(LookupError, match="no such figure"):
        forked.ForkedCall(broken).result()


@needs_fork
def test_a_forked_call_whose_child_dies_is_a_clear_error():
    with pytest.raises(WorkFailed, match=r"stopped \(exit code 4\) before it answered"):
        forked.ForkedCall(lambda: os._exit(4)).result()


@needs_fork
def test_a_cancelled_forked_call_stops_its_child():
    call = forked.ForkedCall(lambda: time.sleep(60))
    pid = call._child.pid  # noqa: SLF001 - the test looks at the process itself
    assert process_alive(pid)
    started = time.monotonic()
    call.cancel()
    assert time.monotonic() - started < 4  # stopped, not waited for
    assert not process_alive(pid)
    call.cancel()  # again: nothing
