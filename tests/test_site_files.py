"""The site's files made with forked children or in turn: the same files, the same memo, the same errors."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from jinja2 import TemplateSyntaxError

from builder import forked
from builder.faults import process_alive
from builder.publish import export, site_files
from builder.publish.links import BRIEFING_FILE
from builder.publish.pages import RenderMemo
from builder.publish.site_files import Publication

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"

needs_fork = pytest.mark.skipif(
    not forked.fork_is_safe(), reason="this platform or process cannot fork safely"
)


def _whole(made: tuple[dict, site_files.LateFiles | None]) -> dict:
    """A build's files with the late ones (the exports, the PDF) written over their stand-ins."""
    files, late = made
    if late is not None:
        assert all(files[name] == b"" for name in late.names)  # listed from the start, in their place
        files = {**files, **late.result()}
    return files


def _dies_in_a_child(function):
    """``function`` that, called in any process but this one, ends it as if it were killed."""
    here = os.getpid()

    def dies(*arguments):
        if os.getpid() != here:
            os._exit(9)
        return function(*arguments)

    return dies


def _previous(memo: RenderMemo, files: dict) -> dict:
    """An earlier render as the next build's memo reads it: {path: (digest, content)}."""
    return {path: (digest, files[path]) for path, digest in memo.digests.items()}


@needs_fork
def test_forked_children_make_the_same_files_in_the_same_order_as_one_process(sample_dossier):
    publication = Publication(TEMPLATES, "Valdoria briefing", briefing=False)
    in_turn, nothing_late = site_files.site_files(sample_dossier, publication, fork=False)
    forked_files, late = site_files.site_files(sample_dossier, publication, fork=True)
    # In turn, the exports are made before the pages are listed; forked, while MkDocs writes them.
    assert nothing_late is None and late is not None and "dossier.json" in late.names
    whole = _whole((forked_files, late))
    assert whole == in_turn
    assert list(whole) == list(in_turn)  # charts, pages, exports: MkDocs lists them so
    assert any(path.endswith(".svg") for path in in_turn) and "dossier.json" in in_turn


@needs_fork
def test_the_forked_pdf_is_the_one_typeset_in_a_worker(sample_dossier):
    publication = Publication(TEMPLATES, "Valdoria briefing", briefing=True)
    files = _whole(site_files.site_files(sample_dossier, publication, fork=True))
    here_files = _whole(site_files.site_files(sample_dossier, publication, fork=False))
    assert files == here_files and files["index.md"].count(BRIEFING_FILE) >= 1
    assert list(files)[-1] == BRIEFING_FILE
    assert files[BRIEFING_FILE].startswith(b"%PDF")


@needs_fork
def test_a_forked_render_takes_over_and_records_as_much_as_one_in_turn(sample_dossier):
    publication = Publication(TEMPLATES, "Valdoria briefing", briefing=False)
    first = RenderMemo()
    files = _whole(site_files.site_files(sample_dossier, publication, first, fork=False))
    previous = _previous(first, files)
    in_turn, forked_memo = RenderMemo(previous), RenderMemo(previous)
    site_files.site_files(sample_dossier, publication, in_turn, fork=False)
    made = site_files.site_files(sample_dossier, publication, forked_memo, fork=True)
    # The site's cache takes the digests before the child's charts are in (``RenderMemo.add``: in place).
    digests = forked_memo.digests
    _whole(made)
    assert forked_memo.digests is digests
    # Every page and chart unchanged, charts included though the child drew them.
    assert forked_memo.reused == in_turn.reused == len(first.digests)
    assert forked_memo.digests == in_turn.digests
    assert list(forked_memo.digests) == list(in_turn.digests)


class _Recording:
    """``ForkedWork`` as ``site_files`` starts it, each child noted (its process id too)."""

    def __init__(self, monkeypatch):
        self.started: list = []
        self.pids: list[int] = []
        original = site_files.ForkedWork

        def recording(*arguments):
            work = original(*arguments)
            self.started.append(work)
            self.pids.append(work._child.pid)  # noqa: SLF001 - the process itself
            return work

        monkeypatch.setattr(site_files, "ForkedWork", recording)

    def any_alive(self) -> bool:
        return any(process_alive(pid) for pid in self.pids)


def _slow_typesetting(monkeypatch) -> None:
    """A PDF that takes a while: the paper child is still at work when the build stops."""
    original = site_files._typesetting  # noqa: SLF001 - the step to slow down

    def slow(*arguments):
        time.sleep(30)
        return original(*arguments)

    monkeypatch.setattr(site_files, "_typesetting", slow)


@needs_fork
def test_the_forked_way_forks_and_a_build_with_another_thread_does_not(sample_dossier, monkeypatch):
    publication = Publication(TEMPLATES, "Valdoria briefing", briefing=False)
    children = _Recording(monkeypatch)
    # Tests that leave threads behind run last (conftest.py): none runs here yet.
    assert forked.fork_is_safe(), threading.enumerate()
    _whole(site_files.site_files(sample_dossier, publication))
    assert len(children.started) == 2
    started = len(children.started)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        site_files.site_files(sample_dossier, publication)
    finally:
        stop.set()
        thread.join()
    assert len(children.started) == started  # none more: made in turn


@needs_fork
def test_an_export_that_raises_stops_the_build_and_the_other_child(sample_dossier, monkeypatch):
    children = _Recording(monkeypatch)
    _slow_typesetting(monkeypatch)

    def broken(dossier, title):
        raise OSError("disk full while exporting")

    monkeypatch.setattr(export, "export_files", broken)  # in place before the fork: the child has it
    publication = Publication(TEMPLATES, "Valdoria briefing", briefing=True)
    started = time.monotonic()
    # The exports are made while MkDocs writes the pages: the error comes when the build waits for them.
    files, late = site_files.site_files(sample_dossier, publication, fork=True)
    with pytest.raises(OSError, match="disk full while exporting"):
        late.result()
    assert time.monotonic() - started < 20  # the paper child, still typesetting, was stopped
    assert len(children.started) == 2 and not children.any_alive()


@needs_fork
def test_a_child_that_dies_or_cannot_start_leaves_its_part_to_this_process(sample_dossier, monkeypatch):
    publication = Publication(TEMPLATES, "Valdoria briefing", briefing=False)
    expected, _ = site_files.site_files(sample_dossier, publication, fork=False)
    monkeypatch.setattr(site_files, "render_charts", _dies_in_a_child(site_files.render_charts))
    memo = RenderMemo()
    files = _whole(site_files.site_files(sample_dossier, publication, memo, fork=True))
    assert files == expected and list(files) == list(expected)
    assert set(memo.digests) >= {path for path in files if path.endswith(".svg")}

    def no_process(*arguments):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(site_files, "ForkedWork", no_process)
    assert site_files.site_files(sample_dossier, publication, fork=True)[0] == expected


@needs_fork
def test_an_exports_child_that_dies_leaves_the_exports_to_this_process(sample_dossier, monkeypatch):
    publication = Publication(TEMPLATES, "Valdoria briefing", briefing=False)
    expected, _ = site_files.site_files(sample_dossier, publication, fork=False)
    monkeypatch.setattr(export, "export_files", _dies_in_a_child(export.export_files))
    made = site_files.site_files(sample_dossier, publication, fork=True)
    assert made[1] is not None and "dossier.json" in made[1].names
    assert _whole(made) == expected


@needs_fork
def test_a_broken_briefing_template_is_raised_with_the_pages_and_stops_the_child(
    sample_dossier, tmp_path, monkeypatch
):
    import shutil

    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    broken = next((templates / "print").glob("*.j2"))
    broken.write_text(broken.read_text() + "\n{% if %}\n")
    children = _Recording(monkeypatch)
    publication = Publication(templates, "Valdoria briefing", briefing=True)
    with pytest.raises(TemplateSyntaxError) as raised:
        site_files.site_files(sample_dossier, publication, fork=True)
    assert raised.value.filename and raised.value.filename.endswith(broken.name)
    # The paper child, stopped; the exports' child was never started (it starts after the pages).
    assert len(children.started) == 1 and not children.any_alive()


def test_the_libraries_are_loaded_ahead_of_the_children_that_need_them():
    """In a fresh process: matplotlib and FollowTheMoney, for the children that draw and export."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "print(any(m in sys.modules for m in ('matplotlib', 'followthemoney')))\n"
        "from builder.publish.site_files import load_libraries\n"
        "load_libraries()\n"
        "print(all(m in sys.modules for m in ('matplotlib', 'followthemoney')))\n"
    )
    output = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout
    assert output.split() == ["False", "True"]


def test_a_library_that_fails_to_load_ahead_is_left_to_the_step_that_needs_it(monkeypatch):
    """No error from loading ahead (the step that needs it imports it again and reports its
    failure there), and the libraries after it are loaded still."""
    import sys

    monkeypatch.setattr(site_files, "LIBRARIES", ("builder.no_such_library", "colorsys"))
    monkeypatch.delitem(sys.modules, "colorsys", raising=False)
    site_files.load_libraries()
    assert "colorsys" in sys.modules and "builder.no_such_library" not in sys.modules


@needs_fork
def test_pages_rendered_partly_in_a_forked_child_are_the_pages_rendered_here(sample_dossier, monkeypatch):
    from builder.publish import pages

    monkeypatch.setattr(pages, "FORK_PAGES_FROM", 0)  # the sample is small: fork all the same
    children = _Recording(monkeypatch)
    monkeypatch.setattr(pages, "ForkedWork", site_files.ForkedWork)  # recorded too
    here_memo, forked_memo = RenderMemo(), RenderMemo()
    here = pages.render_pages(sample_dossier, TEMPLATES, memo=here_memo)
    forked_pages = pages.render_pages(sample_dossier, TEMPLATES, memo=forked_memo, fork=True)
    assert len(children.started) == 1
    assert forked_pages == here and list(forked_pages) == list(here)
    assert list(forked_memo.digests.items()) == list(here_memo.digests.items())
    # From an earlier render, both take over every page.
    previous = _previous(here_memo, here)
    again_here, again_forked = RenderMemo(previous), RenderMemo(previous)
    pages.render_pages(sample_dossier, TEMPLATES, memo=again_here)
    pages.render_pages(sample_dossier, TEMPLATES, memo=again_forked, fork=True)
    assert again_forked.reused == again_here.reused == len(here)


@needs_fork
def test_pages_a_forked_child_could_not_render_are_rendered_here(sample_dossier, monkeypatch):
    from builder.publish import pages

    monkeypatch.setattr(pages, "FORK_PAGES_FROM", 0)
    expected = pages.render_pages(sample_dossier, TEMPLATES)
    # The child's last page.
    monkeypatch.setattr(pages, "_report_page", _dies_in_a_child(pages._report_page))  # noqa: SLF001
    rendered = pages.render_pages(sample_dossier, TEMPLATES, fork=True)
    assert rendered == expected and list(rendered) == list(expected)


@needs_fork
def test_a_render_that_fails_here_stops_the_child_rendering_the_other_pages(sample_dossier, monkeypatch):
    from builder.publish import pages

    monkeypatch.setattr(pages, "FORK_PAGES_FROM", 0)
    children = _Recording(monkeypatch)
    monkeypatch.setattr(pages, "ForkedWork", site_files.ForkedWork)  # recorded
    original = pages._sources_pages  # noqa: SLF001 - the child's slowest pages, slower still

    def slow(*arguments):
        time.sleep(30)
        return original(*arguments)

    monkeypatch.setattr(pages, "_sources_pages", slow)

    def broken(*arguments, **keywords):
        raise RuntimeError("an actor's view cannot be made")

    monkeypatch.setattr(pages, "actor_view", broken)
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="an actor's view"):
        pages.render_pages(sample_dossier, TEMPLATES, fork=True)
    assert len(children.started) == 1 and not children.any_alive()
    assert time.monotonic() - started < 20


@needs_fork
def test_the_charts_and_pdf_come_late_and_are_made_here_if_the_child_dies_drawing(
    sample_dossier, monkeypatch
):
    publication = Publication(TEMPLATES, "Valdoria briefing", briefing=True)
    expected = _whole(site_files.site_files(sample_dossier, publication, fork=False))
    files, late = site_files.site_files(sample_dossier, publication, fork=True)
    charts = [path for path in expected if path.endswith(".svg")]
    assert charts and all(files[path] == b"" for path in charts)  # listed first, drawn while MkDocs works
    assert late is not None and set(charts) < set(late.names) and late.names[-1] == BRIEFING_FILE
    assert _whole((files, late)) == expected
    # The child dies drawing the charts, after the briefing's source was made: both made here.
    monkeypatch.setattr(site_files, "render_charts", _dies_in_a_child(site_files.render_charts))
    made = _whole(site_files.site_files(sample_dossier, publication, fork=True))
    assert made == expected and list(made) == list(expected)


@needs_fork
def test_the_caller_hears_once_when_the_pages_child_has_finished(sample_dossier, monkeypatch):
    """``core_free``: called once, while this process still renders, after the child has ended
    (its core is free for the exports); never without a child."""
    import multiprocessing
    import time

    from builder.publish import pages

    monkeypatch.setattr(pages, "FORK_PAGES_FROM", 0)
    expected = pages.render_pages(sample_dossier, TEMPLATES)
    actor_pages, told = pages._actor_pages, []  # noqa: SLF001

    def slow_actor_pages(dossier, linker, page):
        deadline = time.monotonic() + 60
        while multiprocessing.active_children() and time.monotonic() < deadline:
            time.sleep(0.05)  # until the pages' child (this test's only child) has ended
        told.append("actor pages begin")
        actor_pages(dossier, linker, page)
        told.append("actor pages end")

    monkeypatch.setattr(pages, "_actor_pages", slow_actor_pages)
    rendered = pages.render_pages(
        sample_dossier, TEMPLATES, fork=True, core_free=lambda: told.append("core free")
    )
    assert rendered == expected
    assert told == ["actor pages begin", "core free", "actor pages end"]
    told.clear()
    pages.render_pages(sample_dossier, TEMPLATES, fork=False, core_free=lambda: told.append("core free"))
    assert told == ["actor pages begin", "actor pages end"]
