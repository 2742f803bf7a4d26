"""Later generated pages made ready in a forked child: the same site, nothing the child should say lost."""

from __future__ import annotations

import logging
import shutil
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

from builder import forked
from builder.plugin import page_cache, pages_ahead
from builder.plugin.pages_ahead import PagesAhead, ReadyPage

ROOT = Path(__file__).resolve().parent.parent

needs_fork = pytest.mark.skipif(
    not forked.fork_is_safe(), reason="this platform or process cannot fork safely"
)


def _pages(count: int, chars: int = 100) -> list:
    return [
        SimpleNamespace(file=SimpleNamespace(src_uri=f"p{n}.md"), content="x" * chars) for n in range(count)
    ]


def _prepare(page) -> ReadyPage | None:
    number = int(page.file.src_uri[1:-3])
    if number % 10 == 7:
        return None  # as a page the search reader leaves to the search plugin
    if number % 10 == 3:
        logging.getLogger("mkdocs.plugins.dossier").warning("%s links to a page that is not there", number)
    # Some pages keep blocks aside for after the search plugin: they come back with the page.
    unindexed = (
        {1: f'<p data-search-exclude id="m{number}">é</p>', 4: "<div></div>"} if number % 10 == 5 else {}
    )
    return ReadyPage(
        f"<p>{number}</p>",
        [{"location": f"p{number}/", "title": "T", "text": "é"}],
        [f"a{number}"],
        unindexed,
    )


def test_a_small_site_or_a_build_that_may_not_fork_keeps_every_page_here():
    assert PagesAhead.start(_pages(pages_ahead.MIN_PAGES - 1), _prepare, fork=True) is None
    assert PagesAhead.start(_pages(pages_ahead.MIN_PAGES), _prepare, fork=False) is None


@needs_fork
def test_the_later_pages_come_back_ready_and_the_rest_stay_here(monkeypatch, caplog):
    monkeypatch.setattr(pages_ahead, "PART_CHARS", 5_000)  # several parts, each let go once used
    pages = _pages(300)
    ahead = PagesAhead.start(pages, _prepare, fork=True)
    assert ahead is not None
    taken = {page.file.src_uri: ahead.take(page.file.src_uri) for page in pages}
    ahead.cancel()
    ready = {uri for uri, page in taken.items() if page is not None}
    numbers = sorted(int(uri[1:-3]) for uri in ready)
    # The first pages (the share this process writes while the child works) stay here.
    assert numbers[0] == 120 and numbers[-1] == 299
    # A page the child cannot do, or that would warn, is done here: its warning is said here.
    assert not any(n % 10 in (3, 7) for n in numbers)
    assert len(numbers) == 180 * 8 // 10
    assert taken["p125.md"] == ReadyPage(
        "<p>125</p>",
        [{"location": "p125/", "title": "T", "text": "é"}],
        ["a125"],
        {1: '<p data-search-exclude id="m125">é</p>', 4: "<div></div>"},
    )
    assert taken["p126.md"] == ReadyPage(
        "<p>126</p>", [{"location": "p126/", "title": "T", "text": "é"}], ["a126"]
    )
    assert not any(
        "links to a page" in record.getMessage() for record in caplog.records
    )  # not from the child


@needs_fork
def test_when_the_child_fails_every_page_is_done_here(caplog):
    def broken(page):
        raise RuntimeError("the search index is not what was expected")

    pages = _pages(300)
    ahead = PagesAhead.start(pages, broken, fork=True)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.dossier"):
        assert all(ahead.take(page.file.src_uri) is None for page in pages)
    assert any("not used" in record.getMessage() for record in caplog.records)


@needs_fork
def test_a_site_built_with_pages_made_ahead_is_the_site_built_without(tmp_path, monkeypatch):
    # Tests that leave threads behind run last (conftest.py): the build forks here.
    assert forked.fork_is_safe(), threading.enumerate()
    from browser_util import build_site

    from builder.store import default_cache_dir

    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    made_ahead: list[str] = []
    original_take = PagesAhead.take

    def counting_take(self, src_uri):
        ready = original_take(self, src_uri)
        if ready is not None:
            made_ahead.append(src_uri)
        return ready

    monkeypatch.setattr(PagesAhead, "start", classmethod(lambda cls, *args, **kwargs: None))
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    here = build_site(corpus, tmp_path / "one" / "site")
    # The same build again without the page cache, now with the pages made ahead (every site has enough).
    shutil.rmtree(default_cache_dir(corpus) / page_cache.FOLDER)
    monkeypatch.undo()
    monkeypatch.setattr(pages_ahead, "MIN_PAGES", 1)
    monkeypatch.setattr(PagesAhead, "take", counting_take)
    ahead = build_site(corpus, tmp_path / "two" / "site")
    assert len(made_ahead) > 5
    files = sorted(path.relative_to(here) for path in here.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(ahead) for path in ahead.rglob("*") if path.is_file())
    different = [path for path in files if (here / path).read_bytes() != (ahead / path).read_bytes()]
    assert different == []
    assert "search/search_index.json" in {str(path) for path in files}
