"""Later generated pages rendered in a forked child: the same site, nothing the child should say lost."""

from __future__ import annotations

import functools
import logging
import shutil
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

from builder import forked
from builder.plugin import DossierPlugin, page_cache, pages_ahead
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
    return ReadyPage(
        f"<html><p>{number} é</p></html>",
        [{"location": f"p{number}/", "title": "T", "text": "é"}],
        [f"a{number}"],
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
    assert [ahead.holds(page.file.src_uri) for page in pages] == [False] * 135 + [True] * 165
    taken = {page.file.src_uri: ahead.take(page.file.src_uri) for page in pages}
    ahead.cancel()
    ready = {uri for uri, page in taken.items() if page is not None}
    numbers = sorted(int(uri[1:-3]) for uri in ready)
    # The first pages (the share this process renders while the child works) stay here.
    assert numbers[0] == 135 and numbers[-1] == 299
    # A page the child cannot do, or that would warn, is done here: its warning is said here.
    assert not any(n % 10 in (3, 7) for n in numbers)
    assert len(numbers) == 165 - 33
    assert taken["p136.md"] == ReadyPage(
        "<html><p>136 é</p></html>", [{"location": "p136/", "title": "T", "text": "é"}], ["a136"]
    )
    assert not any(
        "links to a page" in record.getMessage() for record in caplog.records
    )  # not from the child


@needs_fork
def test_the_split_weighs_what_each_page_reads(monkeypatch):
    # An actor's page is mostly blocks set aside from its Markdown: weighed by its content
    # alone, this process kept four fifths of the work and the child sat idle at the end.
    monkeypatch.setattr(pages_ahead, "PAGE_FIXED_CHARS", 0)
    pages = _pages(300)
    held = {page.file.src_uri: 900 if int(page.file.src_uri[1:-3]) < 100 else 0 for page in pages}
    by_content = PagesAhead.start(pages, _prepare, fork=True)
    by_size = PagesAhead.start(pages, _prepare, fork=True, size=lambda page: 100 + held[page.file.src_uri])
    try:
        assert by_content is not None and by_size is not None
        # By content, the first 45% of the pages stay here; by what they read, 45% of the work:
        # the first 100 pages are 100,000 of 120,000 characters, so 54,000 are 54 pages.
        assert [by_content.holds(p.file.src_uri) for p in pages].index(True) == 135
        assert [by_size.holds(p.file.src_uri) for p in pages].index(True) == 54
    finally:
        for ahead in (by_content, by_size):
            if ahead is not None:
                ahead.cancel()


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
    # The child leaves some pages (as it does a page that would warn): rendered here, by their
    # own template through the stand-in, they read the same.
    rendered_quietly = pages_ahead._rendered_quietly
    original_holds = PagesAhead.holds
    sent_to_child: list[str] = []

    def leaving_some(render, page):
        return None if len(page.file.src_uri) % 3 == 0 else rendered_quietly(render, page)

    def noting_holds(self, src_uri):
        held = original_holds(self, src_uri)
        if held:
            sent_to_child.append(src_uri)
        return held

    monkeypatch.setattr(pages_ahead, "_rendered_quietly", leaving_some)
    monkeypatch.setattr(PagesAhead, "holds", noting_holds)
    templates_written: dict[str, str] = {}
    original_post_page = DossierPlugin.on_post_page

    @functools.wraps(original_post_page)  # its priority too: after every other plugin
    def noting_template(self, output, *, page, config):
        templates_written[page.file.src_uri] = page.meta.get("template", "main.html")
        return original_post_page(self, output, page=page, config=config)

    monkeypatch.setattr(DossierPlugin, "on_post_page", noting_template)
    ahead = build_site(corpus, tmp_path / "two" / "site")
    assert len(made_ahead) > 5
    # Written through the stand-in, each page's meta names its own template again for other plugins.
    assert pages_ahead.AHEAD_TEMPLATE not in templates_written.values()
    assert set(sent_to_child) <= set(templates_written)
    assert any(len(uri) % 3 == 0 for uri in sent_to_child)  # pages the child left, rendered here
    files = sorted(path.relative_to(here) for path in here.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(ahead) for path in ahead.rglob("*") if path.is_file())
    different = [path for path in files if (here / path).read_bytes() != (ahead / path).read_bytes()]
    assert different == []
    assert "search/search_index.json" in {str(path) for path in files}

    # A rebuild takes the pages the child rendered from the page cache, as it takes any other.
    monkeypatch.undo()
    monkeypatch.setattr(PagesAhead, "start", classmethod(lambda cls, *args, **kwargs: None))
    from_cache: list[str] = []
    original_serve = page_cache.PageCache.serve

    def noting_serve(self, page, markdown):
        served = original_serve(self, page, markdown)
        if served:
            from_cache.append(page.file.src_uri)
        return served

    monkeypatch.setattr(page_cache.PageCache, "serve", noting_serve)
    (tmp_path / "three").mkdir()
    again = build_site(corpus, tmp_path / "three" / "site")
    assert set(made_ahead) <= set(from_cache)
    assert sorted(path.relative_to(again) for path in again.rglob("*") if path.is_file()) == files
    assert [path for path in files if (here / path).read_bytes() != (again / path).read_bytes()] == []


def test_the_pages_ahead_child_forks_after_every_other_plugins_nav_and_env():
    # A plugin listed after the dossier's that changes the navigation or the environment (a
    # filter, a global) must have done so before the child forks with them (``on_env``).
    from mkdocs.plugins import BasePlugin, PluginCollection

    class ChangesNavAndEnv(BasePlugin):
        def on_nav(self, nav, *, config, files):
            return nav

        def on_env(self, env, *, config, files):
            env.filters["later"] = str
            return env

    plugins = PluginCollection()
    plugins["dossier"] = dossier = DossierPlugin()
    plugins["later"] = later = ChangesNavAndEnv()
    for event in ("nav", "env"):
        handlers = [getattr(handler, "__self__", None) for handler in plugins.events[event]]
        assert handlers == [later, dossier], event
