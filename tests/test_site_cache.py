"""The site caches: a rebuild takes over what did not change and writes the same site as a fresh build.

Builds run in this process through MkDocs, as `mkdocs build` and `mkdocs serve` do,
on a few invented articles, without the PDF (tests/test_pdf.py covers it).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from markupsafe import Markup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from builder.plugin import site_cache
from builder.publish import pages as render
from builder.publish.links import SourceLink

ROOT = Path(__file__).resolve().parent.parent

ARTICLES = {
    "2023-05-02-bridge.txt": (
        " date 2023-05-02 Transport Minister Oskar Lindqvist said on Tuesday that 400 police officers "
        "guarded the Varn Bridge after the blockade.\n\n"
        '"The bridge stays open," Lindqvist told reporters. At least 15 people were detained.'
    ),
    "2023-05-04-port.txt": (
        " date 2023-05-04 The Varn Dockworkers Union met Oskar Lindqvist in the port of Estry on Thursday. "
        "About 3,000 people marched to the ministry, the union said."
    ),
    "2023-05-06-talks.txt": (
        " date 2023-05-06 Talks between the Varn Dockworkers Union and the ministry ended on Saturday. "
        "Union leader Marta Ekholm said 20 members had been injured."
    ),
}
CHANGE = "\n\nOn Friday, 60 more officers arrived in Estry, Marta Ekholm said."


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def build(corpus: Path, site: Path, cache: Path) -> object:
    """One `mkdocs build` of the project's mkdocs.yml on ``corpus``; returns the dossier plugin."""
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site))
    plugin = config.plugins["dossier"]
    plugin.config.corpus = str(corpus)
    plugin.config.use_curation = False
    plugin.config.pdf = False
    plugin.config.cache_dir = str(cache)
    mkdocs_build(config)
    return plugin


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """Cold, warm (nothing changed), one article changed, and a fresh build of the changed corpus."""
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1767225600")
    base = tmp_path_factory.mktemp("sitecache")
    corpus = base / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    records: dict[str, list[str]] = {}

    class Keep(logging.Handler):
        def emit(self, record):
            records.setdefault(self.name, []).append(record.getMessage())

    logger = logging.getLogger("mkdocs.plugins.dossier")
    handler = Keep()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        out = {}
        for step in ("cold", "warm", "changed"):
            if step == "changed":
                with (corpus / "2023-05-06-talks.txt").open("a", encoding="utf-8") as handle:
                    handle.write(CHANGE)
            handler.name = step
            plugin = build(corpus, base / step, base / "cache")
            out[step] = (tree(base / step), plugin.page_cache.pages_from_cache, records.get(step, []))
        handler.name = "fresh"
        plugin = build(corpus, base / "fresh", base / "fresh-cache")
        out["fresh"] = (tree(base / "fresh"), plugin.page_cache.pages_from_cache, records.get("fresh", []))
    finally:
        logger.removeHandler(handler)
        mp.undo()
    return out


def test_nothing_changed_writes_the_same_site_from_the_cache(builds):
    cold, _, _ = builds["cold"]
    warm, pages_from_cache, messages = builds["warm"]
    assert warm == cold
    assert any("nothing changed since the last build" in message for message in messages)
    assert pages_from_cache > 10  # every generated page came from the page cache


def test_one_changed_article_gives_the_site_a_fresh_build_gives(builds):
    changed, pages_from_cache, messages = builds["changed"]
    fresh, fresh_from_cache, _ = builds["fresh"]
    assert fresh_from_cache == 0
    assert changed.keys() == fresh.keys()
    different = sorted(path for path in fresh if changed[path] != fresh[path])
    assert different == []
    assert changed != builds["cold"][0]  # the change shows
    # Pages the change did not touch were taken over, not rendered again.
    assert pages_from_cache > 0
    assert any("pages unchanged since the last build" in message for message in messages)


def test_render_memo_takes_over_unchanged_views_only():
    drawn = []

    def draw(text):
        def render_page():
            drawn.append(text)
            return text

        return render_page

    first = render.RenderMemo()
    first.page("a.md", "t.j2", {"name": "A"}, draw("page a"))
    first.page("b.md", "t.j2", {"name": "B"}, draw("page b"))
    previous = {path: (digest, f"page {path[0]}") for path, digest in first.digests.items()}
    second = render.RenderMemo(previous)
    assert second.page("a.md", "t.j2", {"name": "A"}, draw("new a")) == "page a"
    assert second.page("b.md", "t.j2", {"name": "B2"}, draw("new b")) == "new b"
    assert second.page("b.md", "other.j2", {"name": "B"}, draw("other b")) == "other b"
    assert second.reused == 1
    assert drawn == ["page a", "page b", "new b", "other b"]


def test_a_damaged_page_entry_is_not_trusted(tmp_path):
    store = site_cache.PageStore(tmp_path)
    key = "ab" * 32
    page = site_cache.rendered_page("<html>x</html>", [], "X", {"p-1"}, [{"location": "x/"}])
    store.put_latest(key, {"page-key": page})
    assert store.latest_pages()["page-key"].html == "<html>x</html>"
    (path,) = tmp_path.rglob("*.pickle")
    path.write_bytes(path.read_bytes()[:-5] + b"xxxxx")
    assert store.latest_pages() == {}
    assert not path.exists()
    assert store.rejected == 1


def test_the_page_store_keeps_the_latest_builds_pages_only(tmp_path):
    store = site_cache.PageStore(tmp_path)
    first = site_cache.rendered_page("<html>1</html>", [], "1", (), [])
    second = site_cache.rendered_page("<html>2</html>", [], "2", (), [])
    store.put_latest("first build", {"one": first})
    store.put_latest("second build", {"two": second})
    assert set(store.latest_pages()) == {"two"}
    assert len(list(tmp_path.rglob("*.pickle"))) == 1


def test_a_large_site_is_stored_without_holding_its_pickle_and_reads_back(tmp_path):
    import hashlib
    import hmac
    import pickle
    import tracemalloc
    import zlib

    from builder.store import CACHE_FORMAT, signing_key

    pages = {f"actors/{n}.md": f"# Actor {n}\n\n" + "mention ¶ " * 100_000 for n in range(30)}
    site = site_cache.GeneratedSite(pages, "30 pages")
    store = site_cache.GeneratedStore(tmp_path)
    key = "cd" * 32
    tracemalloc.start()
    try:
        store.put_latest(key, site)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    largest = max(len(text.encode()) for text in pages.values())
    total = sum(len(text.encode()) for text in pages.values())
    # CPython keeps the UTF-8 form of a text that is not ASCII once pickle has asked for it
    # (for as long as the text lives): that is the pickle module's. Beyond it, one page's
    # bytes at a time, not the whole pickle (30 MB) and a copy of it with its header.
    assert peak - total < 3 * largest < total / 5
    # The entry is the format every store reads: header, signature, then the pickle.
    raw = store.path_for(key).read_bytes()
    first_line, payload = raw.split(b"\n", 1)
    header, signature = first_line.rsplit(b" ", 1)
    assert header == b" ".join(
        (b"dossier-site", str(CACHE_FORMAT).encode(), key.encode(), b"%08x" % zlib.crc32(payload))
    )
    assert signature == hmac.new(signing_key(), header + b"\n" + payload, hashlib.sha256).hexdigest().encode()
    assert pickle.loads(payload) == site
    assert store.get(key) == site


def test_generated_key_follows_the_corpus_and_settings(tmp_path):
    from builder.corpus import read_corpus

    (tmp_path / "a.txt").write_text(" date 2023-05-02 Minister Oskar Lindqvist spoke.", encoding="utf-8")
    corpus = read_corpus(tmp_path)
    key = site_cache.generated_key(corpus, {"pdf": False})
    assert key == site_cache.generated_key(read_corpus(tmp_path), {"pdf": False})
    assert key != site_cache.generated_key(corpus, {"pdf": True})
    (tmp_path / "a.txt").write_text(
        " date 2023-05-02 Minister Oskar Lindqvist spoke again.", encoding="utf-8"
    )
    assert key != site_cache.generated_key(read_corpus(tmp_path), {"pdf": False})


def test_render_memo_digests_depend_on_values_not_on_shared_objects():
    shared = "Port " + "Estry"
    once = {"rows": [{"place": shared}, {"place": shared}]}
    twice = {"rows": [{"place": "Port " + "Estry"}, {"place": "".join(["Port ", "Estry"])}]}
    first, second = render.RenderMemo(), render.RenderMemo()
    first.page("a.md", "t.j2", once, lambda: "x")
    second.page("a.md", "t.j2", twice, lambda: "x")
    assert first.digests == second.digests


def test_a_view_digest_tells_apart_what_renders_apart():
    row = SourceLink(Markup("../sources/a.md#p-2"), "Harbour ¶2", "Harbour report")
    same = SourceLink(Markup("../sources/a.md#p-2"), "Harbour ¶2", "Harbour report")
    assert render.view_digest({"rows": (row,)}) == render.view_digest({"rows": (same,)})
    assert render.view_digest({"rows": (row,)}) != render.view_digest(
        {"rows": (SourceLink(Markup("../sources/a.md#p-3"), "Harbour ¶3", "Harbour report"),)}
    )
    # Markup is written as it is, a plain str escaped: the same text is another view.
    assert render.view_digest({"name": Markup("<b>A</b>")}) != render.view_digest({"name": "<b>A</b>"})
    assert render.view_digest({"name": "A"}) != render.view_digest({"name": "B"})
    assert render.view_digest({"n": 1}) != render.view_digest({"n": 1.0})
    # What orjson does not write goes through pickle, by value too.
    assert render.view_digest({"ids": frozenset({1, 2})}) == render.view_digest({"ids": frozenset({2, 1})})
    assert render.view_digest({"ids": frozenset({1, 2})}) != render.view_digest({"ids": frozenset({1, 3})})
    assert render.view_digest({"n": 2**70}) != render.view_digest({"n": 2**70 + 1})


def test_no_two_records_a_view_holds_have_the_same_fields():
    """``view_digest`` writes a record by its fields: two classes with the same (names and types)
    would digest alike. ``Quote`` and ``QuoteRow`` share their names, but a Span is not a link."""
    import dataclasses
    import inspect

    from builder import model
    from builder.publish import links, views

    fields_of: dict[tuple[tuple[str, str], ...], list[str]] = {}
    for module in (model, links, views, render):
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if dataclasses.is_dataclass(cls) and cls.__module__ == module.__name__:
                fields = tuple((field.name, str(field.type)) for field in dataclasses.fields(cls))
                fields_of.setdefault(fields, []).append(f"{module.__name__}.{name}")
    assert len(fields_of) > 20
    assert [names for names in fields_of.values() if len(names) > 1] == []


def test_code_fingerprint_does_not_depend_on_how_often_the_project_is_on_sys_path(monkeypatch):
    site_cache.code_fingerprint.cache_clear()
    before = site_cache.code_fingerprint()
    monkeypatch.syspath_prepend(str(ROOT))  # as `python -m` or the benchmark do
    monkeypatch.syspath_prepend(str(ROOT))
    site_cache.code_fingerprint.cache_clear()
    try:
        assert site_cache.code_fingerprint() == before
    finally:
        site_cache.code_fingerprint.cache_clear()


def test_a_change_in_any_subpackage_misses_the_generated_site_cache(tmp_path, monkeypatch):
    """The site caches are keyed by every module of the builder, subpackages included."""
    import shutil

    from builder.corpus import read_corpus

    copy = tmp_path / "builder"
    shutil.copytree(site_cache.BUILDER_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    corpus = read_corpus(ROOT / "seeds")
    monkeypatch.setattr(site_cache, "BUILDER_DIR", copy)
    site_cache.code_fingerprint.cache_clear()
    try:
        before = site_cache.generated_key(corpus, {"model": "m"})
        views = copy / "publish" / "views.py"
        views.write_text(
            views.read_text(encoding="utf-8") + "\n# an edit in a subpackage\n", encoding="utf-8"
        )
        site_cache.code_fingerprint.cache_clear()
        assert site_cache.generated_key(corpus, {"model": "m"}) != before
    finally:
        site_cache.code_fingerprint.cache_clear()


def test_charts_whose_data_did_not_change_are_taken_over(sample_dossier, monkeypatch):
    """A rebuild redraws only the charts whose data changed: a killed figure redraws the killed chart."""
    from dataclasses import replace

    from builder.publish import charts

    first = render.RenderMemo()
    drawn_first = render.render_charts(sample_dossier, first)
    previous = {path: (digest, drawn_first[path]) for path, digest in first.digests.items()}
    drawn: list[str] = []
    for name in ("timeline_chart", "network_chart", "figure_category_chart"):
        original = getattr(charts, name)

        def counting(*arguments, name=name, original=original):
            drawn.append(name if name != "figure_category_chart" else arguments[1])
            return original(*arguments)

        monkeypatch.setattr(charts, name, counting)
    same = render.RenderMemo(previous)
    assert render.render_charts(sample_dossier, same) == drawn_first
    assert drawn == [] and same.reused == len(drawn_first)
    killed = next(f for f in sample_dossier.figures if f.category == "killed")
    changed = replace(
        sample_dossier,
        figures=tuple(replace(f, value=f.value + 1) if f is killed else f for f in sample_dossier.figures),
    )
    assert render.render_charts(changed, render.RenderMemo(previous)).keys() == drawn_first.keys()
    assert drawn == ["killed"]


def test_the_fingerprint_reads_each_installed_package_s_name_and_version_as_importlib_does():
    import importlib.metadata

    for dist in importlib.metadata.distributions():
        assert site_cache._name_and_version(dist) == f"{dist.metadata['Name']}=={dist.version}"


def test_the_previous_render_is_read_once_and_only_its_pages_of_the_same_render_key(tmp_path):
    from builder.plugin.generated_site import PreviousRender

    store = site_cache.GeneratedStore(tmp_path)
    site = site_cache.GeneratedSite(
        {"a.md": "# A", "chart.png": b"png"}, "1 article", page_digests={"a.md": "d-a"}, render_key="key-1"
    )
    store.put_latest("ab" * 32, site)
    reads = []
    latest = store.latest
    store.latest = lambda: reads.append(1) or latest()  # type: ignore[method-assign]

    previous = PreviousRender(store, "key-1")
    previous.read()  # as a build does while a worker extracts the changed articles
    memo = previous.memo()
    assert memo is not None and memo.previous == {"a.md": ("d-a", "# A")}
    assert reads == [1]  # read once, not again for the memo

    assert PreviousRender(store, "key-2").memo().previous == {}  # other templates or code: nothing
    assert PreviousRender(None, "key-1").memo() is None  # no cache: no memo
