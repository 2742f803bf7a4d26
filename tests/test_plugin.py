"""The MkDocs plugin: build options reach the builder, raw-HTML links become page URLs."""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

import builder.pipeline
from builder.extract.executors import ExecutorError
from builder.plugin import DossierPlugin
from builder.plugin.build import plugin_options
from builder.plugin.generated_site import build_dossier_for_site
from builder.plugin.raw_html import resolve_links
from builder.settings import RunSettings
from builder.store import default_cache_dir


@pytest.fixture
def mkdocs_config(tmp_path):
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict(
        {"site_name": "Test", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")}
    )
    (tmp_path / "docs").mkdir()
    errors, _ = config.validate()
    assert not errors
    config.plugins._current_plugin = "dossier"  # as while MkDocs runs a plugin's event
    return config


def _plugin(tmp_path, mkdocs_config, **options) -> DossierPlugin:
    """The plugin with ``options`` (paths relative to tmp_path/mkdocs.yml), after on_config."""
    plugin = DossierPlugin()
    errors, _ = plugin.load_config({"corpus": str(tmp_path), **options})
    assert not errors
    plugin.on_config(mkdocs_config)
    return plugin


def test_build_options_reach_build_dossier(tmp_path, mkdocs_config, monkeypatch):
    seen = {}
    monkeypatch.setattr(
        builder.pipeline,
        "build_dossier",
        lambda corpus, settings, **kwargs: seen.update(settings=settings, **kwargs),
    )
    plugin = _plugin(
        tmp_path,
        mkdocs_config,
        cache=False,
        cache_dir="store",
        jobs=3,
        executor="dask",
        scheduler="tcp://h:1",
    )
    build_dossier_for_site(plugin.inputs)
    settings = seen["settings"]
    assert settings.use_cache is False
    assert settings.cache_dir == tmp_path / "store"
    assert (settings.jobs, settings.executor, settings.scheduler) == (3, "dask", "tcp://h:1")
    assert settings.curation_path == tmp_path / "seeds" / "curation.yaml"  # beside mkdocs.yml
    assert seen["logger"].name == "mkdocs.plugins.dossier"


def test_defaults_leave_jobs_and_cache_folder_to_the_builder(tmp_path, mkdocs_config, monkeypatch):
    seen = {}
    monkeypatch.setattr(
        builder.pipeline, "build_dossier", lambda corpus, settings, **kwargs: seen.update(settings=settings)
    )
    plugin = _plugin(tmp_path, mkdocs_config, use_curation=False)
    build_dossier_for_site(plugin.inputs)
    settings = seen["settings"]
    assert (settings.use_cache, settings.cache_dir, settings.jobs, settings.scheduler) == (
        True,
        None,
        None,
        None,
    )
    assert (settings.use_curation, settings.curation_path) == (False, None)
    # The site caches still know their folder: the builder's default beside the corpus.
    assert plugin.inputs.cache_root == default_cache_dir(tmp_path)


def test_dossier_build_settings_reach_the_plugin_unchanged(tmp_path, mkdocs_config):
    settings = RunSettings(
        model="en_core_web_md",
        curation_path=tmp_path / "fixes.yaml",
        use_cache=False,
        cache_dir=tmp_path / "cache",
        executor="dask",
        scheduler="tcp://h:1",
        jobs=2,
    )
    assert _plugin(tmp_path, mkdocs_config, **plugin_options(tmp_path, settings)).inputs.run == settings
    # Without a curation file named, `dossier build` takes the corpus folder's own (as `export` does).
    defaults = _plugin(tmp_path, mkdocs_config, **plugin_options(tmp_path, RunSettings())).inputs.run
    assert defaults == replace(RunSettings(), curation_path=tmp_path / "curation.yaml")


def test_executor_error_becomes_a_plugin_error(tmp_path, mkdocs_config, monkeypatch):
    def fail(corpus, settings, **kwargs):
        raise ExecutorError("scheduler tcp://nowhere:8786 unreachable")

    monkeypatch.setattr(builder.pipeline, "build_dossier", fail)
    with pytest.raises(PluginError, match="dask executor: scheduler tcp://nowhere:8786 unreachable"):
        build_dossier_for_site(_plugin(tmp_path, mkdocs_config, executor="dask").inputs)


def test_serve_leaves_the_pdf_out(tmp_path, mkdocs_config):
    plugin = DossierPlugin()
    plugin.load_config({"corpus": str(tmp_path), "pdf": True})
    plugin.on_startup(command="serve", dirty=False)
    plugin.on_config(mkdocs_config)
    assert plugin.inputs.pdf is False
    assert _plugin(tmp_path, mkdocs_config, pdf=True).inputs.pdf is True


def test_raw_html_links_to_pages_become_their_urls(tmp_path, mkdocs_config, caplog):
    files = Files(
        [
            File.generated(mkdocs_config, "actors/ilse-marwick.md", content="x"),
            File.generated(mkdocs_config, "sources/harbour.md", content="y"),
            File.generated(mkdocs_config, "index.md", content="z"),
        ]
    )
    page = files.get_file_from_path("actors/ilse-marwick.md")
    html = (
        '<a href="../sources/harbour.md#p-2" title="t">Harbour ¶2</a> <a href="../index.md">home</a> '
        '<a href="https://example.org/a.md">out</a> <a href="#p-1">¶1</a> <a href="gone.md">gone</a>'
    )
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.dossier"):
        out = resolve_links(html, page, files)
    assert '<a href="../../sources/harbour/#p-2" title="t">' in out
    assert '<a href="../../">home</a>' in out
    assert 'href="https://example.org/a.md"' in out and 'href="#p-1"' in out
    # A link to no page is left as written and reported (a --strict build fails on it).
    assert 'href="gone.md"' in out
    assert "gone.md" in caplog.text


def test_the_files_links_find_are_kept_for_the_build_and_each_page_still_reports_its_own(
    mkdocs_config, caplog
):
    files = Files(
        [
            File.generated(mkdocs_config, "actors/ilse-marwick.md", content="x"),
            File.generated(mkdocs_config, "actors/oskar-vell.md", content="x"),
            File.generated(mkdocs_config, "sources/harbour.md", content="y"),
        ]
    )
    html = '<a href="../sources/harbour.md#p-2">Harbour</a> <a href="gone.md">gone</a>'
    targets: dict = {}
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.dossier"):
        outs = [
            resolve_links(html, files.get_file_from_path(uri), files, targets)
            for uri in ("actors/ilse-marwick.md", "actors/oskar-vell.md")
        ]
    reported = [record.getMessage().split()[1] for record in caplog.records]
    assert outs == [
        resolve_links(html, files.get_file_from_path(uri), files)
        for uri in ("actors/ilse-marwick.md", "actors/oskar-vell.md")
    ]
    assert targets == {
        "sources/harbour.md": files.get_file_from_path("sources/harbour.md"),
        "actors/gone.md": None,
    }
    assert reported == [
        "actors/ilse-marwick.md",
        "actors/oskar-vell.md",
    ]


def test_an_actor_page_quotes_a_bounded_number_of_mentions_spread_over_articles():
    from types import SimpleNamespace

    from builder.publish.pages import MAX_MENTIONS_SHOWN, _mentions_shown

    mentions = [
        SimpleNamespace(span=SimpleNamespace(doc=f"d{doc}", start=start))
        for doc in range(MAX_MENTIONS_SHOWN // 2)
        for start in range(5)
    ]
    shown = _mentions_shown(mentions)
    assert len(shown) == MAX_MENTIONS_SHOWN
    assert {m.span.doc for m in shown} == {m.span.doc for m in mentions}  # every article keeps one
    assert shown == sorted(shown, key=mentions.index)  # page order kept
    assert _mentions_shown(mentions[:10]) == mentions[:10]


def test_raw_html_blocks_skip_markdown_and_come_back_unchanged(tmp_path, mkdocs_config):
    from types import SimpleNamespace

    table = '<table class="t">\n<tr><td><a href="#p-2">x</a></td></tr>\n</table>'
    text = '<div class="article">\n<p id="p-2">*not emphasis*</p>\n</div>'
    kept = '<div class="chart" markdown="1">\n![chart](a.svg)\n</div>'
    markdown = f"# Title\n\n{table}\n\nSome *Markdown*.\n\n{text}\n\n{kept}\n"
    plugin = _plugin(tmp_path, mkdocs_config, cache=False)
    page = SimpleNamespace(
        file=SimpleNamespace(src_uri="sources/a.md", generated_by="dossier"),
        present_anchor_ids={"title"},
        is_homepage=False,
        meta={"title": "Title"},
        title="Title",
    )
    page.file.content_string = (
        f"---\ntitle: Title\n---\n{markdown}"  # MkDocs gives what follows the front matter
    )
    plugin.on_nav(SimpleNamespace(items=[]), config=mkdocs_config, files=Files([]))
    out = plugin.on_page_markdown(markdown, page=page, config=mkdocs_config, files=Files([]))
    assert table not in out and text not in out and "*not emphasis*" not in out
    assert kept in out and "Some *Markdown*." in out
    html = out.replace("Some *Markdown*.", "<p>Some <em>Markdown</em>.</p>")
    html = "\n".join(f"<p>{line}</p>" if line.startswith("dossier") else line for line in html.split("\n"))
    # Rendered, the page's HTML waits without its blocks (MkDocs renders every page before it writes one).
    page.content = html
    assert plugin.on_page_content(html, page=page, config=mkdocs_config, files=Files([])) is None
    # The page is written: its blocks are back before the search plugin reads it.
    before_search, after_search = plugin.on_page_context.methods
    before_search({}, page=page, config=mkdocs_config, nav=None)
    after_search({}, page=page, config=mkdocs_config, nav=None)
    back = page.content
    assert table in back and text in back and "<p>Some <em>Markdown</em>.</p>" in back
    assert "p-2" in page.present_anchor_ids
    # Once written, its HTML is let go: the file on disk is the page.
    assert (
        plugin.on_post_page("<html>written</html>", page=page, config=mkdocs_config) == "<html>written</html>"
    )
    assert page.content is None


def test_the_raw_html_stash_gives_back_each_block_where_it_was():
    from types import SimpleNamespace

    from builder.plugin.raw_html import RawHtmlStash

    first = '<table id="t1">\n<tr><td>*a*</td></tr>\n</table>'
    second = '<div class="article">\n<p id="p-1">one</p>\n</div>'
    unbalanced = "<div>\n<div>open\n</div>"
    stash = RawHtmlStash()
    markdown = stash.set_aside("a.md", f"{first}\n\ntext\n\n{second}\n\n{unbalanced}\n")
    assert first not in markdown and second not in markdown
    assert unbalanced in markdown  # not one whole block: left to Markdown
    placeholders = markdown.split("\n\n")
    # Python-Markdown wraps a lone word in a paragraph; the stash takes the paragraph too.
    content = f"<p>{placeholders[0]}</p>\n<p>text</p>\n<p>{placeholders[2]}</p>"
    page = SimpleNamespace(file=SimpleNamespace(src_uri="a.md"), present_anchor_ids=set(), content=content)
    stash.put_back(page)
    assert page.content == f"{first}\n<p>text</p>\n{second}"
    assert page.present_anchor_ids == {"t1", "p-1"}
    # Each page's blocks are given back once; a page not set aside is left alone.
    page.content = "<p>x</p>"
    stash.put_back(page, lambda html: "resolved")
    assert page.content == "<p>x</p>"


def test_the_stash_holds_places_in_the_page_source_not_copies_of_its_blocks():
    from types import SimpleNamespace

    from builder.plugin.raw_html import RawHtmlStash

    block = '<div class="dossier-article">\n<p id="p-1">one</p>\n</div>'
    source = f"---\ntitle: A\n---\n\n# A\n\n{block}\n"
    markdown = source[len("---\ntitle: A\n---\n\n") :]  # what MkDocs gives after the front matter
    stash = RawHtmlStash()
    assert stash.set_aside("a.md", markdown, source=source) == "# A\n\ndossierrawhtmlblock0x\n"
    held_text, spans = stash._blocks["a.md"]  # noqa: SLF001 - what the stash keeps is the point
    assert held_text is source and [held_text[start:end] for start, end in spans] == [block]
    page = SimpleNamespace(
        file=SimpleNamespace(src_uri="a.md"), present_anchor_ids=set(), content="<p>dossierrawhtmlblock0x</p>"
    )
    stash.put_back(page)
    assert page.content == block and page.present_anchor_ids == {"p-1"}
    # Markdown that is not the end of the source given (another plugin changed it): its own text.
    other = RawHtmlStash()
    other.set_aside("b.md", f"{block}\n", source="something else")
    assert other._blocks["b.md"][0] == f"{block}\n"  # noqa: SLF001


def test_blocks_with_only_blank_lines_between_share_a_placeholder_and_come_back_a_line_apart():
    """A run of blocks is one paragraph for Python-Markdown; back in, the HTML is what one
    placeholder per block gave (paragraphs a line break apart), excluded blocks waiting as before."""
    from types import SimpleNamespace

    from builder.plugin.raw_html import RawHtmlStash

    one = '<p class="m" id="m-1">one</p>'
    two = '<p class="m" data-search-exclude>two</p>'
    three = '<div id="d-3">\nthree\n</div>'
    four = '<table id="t-4"><tr><td>four</td></tr></table>'
    kept = '<div markdown="1">\n*parsed*\n</div>'
    stash = RawHtmlStash()
    markdown = stash.set_aside("a.md", f"# A\n\n{one}\n\n{two}\n  \n\n{three}\n\ntext\n\n{four}\n\n{kept}\n")
    assert markdown == f"# A\n\ndossierrawhtmlblock0to2x\n\ntext\n\ndossierrawhtmlblock3x\n\n{kept}\n"
    # As Python-Markdown writes it: a paragraph a placeholder, a line break between paragraphs.
    content = '<h1 id="a">A</h1>\n<p>dossierrawhtmlblock0to2x</p>\n<p>text</p>\n<p>dossierrawhtmlblock3x</p>'
    page = SimpleNamespace(file=SimpleNamespace(src_uri="a.md"), present_anchor_ids=set(), content=content)
    stash.put_back(page)
    waiting = "<!--dossier-unindexed-block-1-->"
    assert page.content == f'<h1 id="a">A</h1>\n{one}\n{waiting}\n{three}\n<p>text</p>\n{four}'
    assert page.present_anchor_ids == {"m-1", "d-3", "t-4"}
    stash.put_back_unindexed(page)
    assert page.content == f'<h1 id="a">A</h1>\n{one}\n{two}\n{three}\n<p>text</p>\n{four}'


# The raw-HTML blocks as one regular expression says them: what ``raw_blocks`` must find (it
# finds them without ``re``'s backtracking record per character of a block).
_RAW_BLOCK_AS_ONE_PATTERN = re.compile(
    r"(?<![^\n])<(table|div|p|blockquote|ul|ol|dl|section)\b[^>]*>"
    r"(?:(?!\n\s*\n).)*</\1>(?=\n\s*\n|\n?\Z)",
    re.S,
)
_MARKDOWN_PIECES = [
    "<p>", "</p>", '<p id="x">', '<div class="a">', "</div>", '<div markdown="1">', "<table>",
    "</table>", "<ul>", "</ul>", "<section\n\nx>", "</section>", "<pre>", "<p", "</P>", ">", "<",
    "\n", "\n\n", "  \n", " ", "\t", "text",
]  # fmt: skip


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_MARKDOWN_PIECES), max_size=16).map("".join))
def test_raw_blocks_are_what_the_one_pattern_matches(markdown):
    from builder.plugin.raw_html import raw_blocks

    expected = [(m.start(), m.end(), m.group(1)) for m in _RAW_BLOCK_AS_ONE_PATTERN.finditer(markdown)]
    assert list(raw_blocks(markdown)) == expected


_ID_PIECES = ['id="', "id=", '"', "x", "_", "é", "٣", "-", " ", "a", "i", "d", "<p ", ">"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_ID_PIECES), max_size=14).map("".join))
def test_element_ids_are_what_the_pattern_with_a_word_boundary_finds(html):
    from builder.plugin.raw_html import element_ids

    assert element_ids(html) == re.findall(r'\bid="([^"]+)"', html)


def test_element_ids_skip_an_id_inside_a_longer_attribute_name():
    from builder.plugin.raw_html import element_ids

    html = '<p xid="foo id="bar" data-id="a" id="p-3" _id="b" éid="c">'
    assert element_ids(html) == ["bar", "a", "p-3"] == re.findall(r'\bid="([^"]+)"', html)


def test_setting_aside_a_long_article_takes_memory_in_proportion_to_it():
    import tracemalloc

    from builder.plugin.raw_html import RawHtmlStash

    paragraphs = "\n".join(f'<p id="p-{n}">{"word " * 40}</p>' for n in range(10_000))
    article = f'# Title\n\n<div class="dossier-article">\n{paragraphs}\n</div>\n'
    tracemalloc.start()
    try:
        markdown = RawHtmlStash().set_aside("sources/long.md", article)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert markdown == "# Title\n\ndossierrawhtmlblock0x\n"
    # The article and its block once more, and little else (one regular expression took 87 times the article).
    assert peak < 3 * len(article)


class _Typesetting:
    """A stand-in for ``PendingPdf``: the PDF it gives, or the error it raises."""

    def __init__(self, result: bytes | Exception):
        self._result = result
        self.cancelled = False

    def result(self) -> bytes:
        if isinstance(self._result, Exception):
            raise self._result
        return self._result

    def cancel(self) -> None:
        self.cancelled = True


def _pdf_job(typesetting: _Typesetting, site, store=None, key=None):
    """The job of a build whose one late file is the PDF being typeset by ``typesetting``."""
    from builder.plugin.late_files import LateFilesJob
    from builder.publish import site_files

    return LateFilesJob(site_files.LateFiles([site_files._PdfFile(typesetting)]), site, store, key)


def test_a_finished_job_writes_the_late_files_and_stores_the_site_with_them(tmp_path):
    from builder.plugin.late_files import LateFilesJob
    from builder.plugin.site_cache import GeneratedSite, GeneratedStore
    from builder.publish import site_files
    from builder.publish.links import BRIEFING_FILE

    class Exports:  # as the forked exports hand theirs over
        names = ("dossier.json", "events.csv")
        cancelled = False

        def result(self):
            return {"dossier.json": '{"title": "é"}', "events.csv": b"date\n"}

    site = GeneratedSite({"index.md": "# Home", "dossier.json": b"", BRIEFING_FILE: b""}, "1 article")
    store = GeneratedStore(tmp_path / "cache")
    (tmp_path / "site").mkdir()
    late = site_files.LateFiles([Exports(), site_files._PdfFile(_Typesetting(b"%PDF-1.7 x"))])
    assert late.names == ("dossier.json", "events.csv", BRIEFING_FILE)
    job = LateFilesJob(late, site, store, "ab" * 32)
    job.write(tmp_path / "site")
    job.save()
    assert (tmp_path / "site" / BRIEFING_FILE).read_bytes() == b"%PDF-1.7 x"
    assert (tmp_path / "site" / "dossier.json").read_text(encoding="utf-8") == '{"title": "é"}'
    assert (tmp_path / "site" / "events.csv").read_bytes() == b"date\n"
    stored = store.get("ab" * 32).files
    assert stored[BRIEFING_FILE] == b"%PDF-1.7 x" and stored["dossier.json"] == '{"title": "é"}'


def test_a_failed_pdf_job_is_a_plugin_error_and_a_cancelled_one_stops_its_worker(tmp_path):
    from builder.plugin.site_cache import GeneratedSite

    site = GeneratedSite({}, "")
    with pytest.raises(PluginError, match="dossier: PDF briefing: the typesetting process stopped"):
        _pdf_job(_Typesetting(OSError("the typesetting process stopped")), site).write(tmp_path)
    typesetting = _Typesetting(b"%PDF")
    _pdf_job(typesetting, site).cancel()
    assert typesetting.cancelled


def test_a_typst_diagnostic_is_a_plugin_error(tmp_path):
    from builder.plugin.site_cache import GeneratedSite
    from builder.publish.typeset import TypesetError

    error = TypesetError("Typst: error: unknown variable: x")
    with pytest.raises(PluginError, match="dossier: PDF briefing: Typst: error: unknown variable: x"):
        _pdf_job(_Typesetting(error), GeneratedSite({}, "")).write(tmp_path)


def test_a_briefing_template_error_met_while_typesetting_names_the_template_and_line(tmp_path):
    from jinja2 import TemplateSyntaxError

    from builder.plugin.site_cache import GeneratedSite

    error = TemplateSyntaxError("unexpected end of template", 7, "briefing.typ.j2", "print/briefing.typ.j2")
    with pytest.raises(PluginError, match=r"dossier: print/briefing.typ.j2:7: unexpected end of template"):
        _pdf_job(_Typesetting(error), GeneratedSite({}, "")).write(tmp_path)


def test_a_stored_page_renders_from_the_page_cache(tmp_path, mkdocs_config):
    from types import SimpleNamespace

    from builder.plugin.page_cache import CACHED_TEMPLATE, PageCache
    from builder.plugin.site_cache import PageStore

    def page(src_uri="actors/a.md"):
        return SimpleNamespace(
            file=SimpleNamespace(src_uri=src_uri), meta={}, toc=None, present_anchor_ids=None
        )

    built = page()
    first = PageCache(PageStore(tmp_path), "site-key")
    assert not first.serve(built, "# A")
    built.toc, built._title_from_render, built.present_anchor_ids = ["toc"], "A", {"p-1"}
    first.store(built, "<html>A</html>", mkdocs_config)
    assert not PageCache(PageStore(tmp_path), "site-key").serve(page(), "# A")  # stored when the build ends
    first.save()

    again = PageCache(PageStore(tmp_path), "site-key")
    cached = page()
    assert again.serve(cached, "# A")
    cached.render(mkdocs_config, Files([]))
    assert (cached.content, cached.toc, cached._title_from_render, cached.present_anchor_ids) == (
        "",
        ["toc"],
        "A",
        {"p-1"},
    )
    assert again.write_stored_html(cached) and cached.meta["template"] == CACHED_TEMPLATE
    context = {}
    again.add_to_context(context, cached, mkdocs_config)
    assert context["dossier_cached_page"] == "<html>A</html>"
    # Other Markdown, or another site (configuration, navigation), is another page.
    assert not again.serve(page(), "# B")
    assert not PageCache(PageStore(tmp_path), "other-site").serve(page(), "# A")
    assert again.pages_from_cache == 1


def test_the_per_page_entries_of_earlier_builders_go_when_a_build_stores_its_pages(tmp_path, mkdocs_config):
    from types import SimpleNamespace

    from builder.plugin import page_cache
    from builder.plugin.site_cache import PageStore

    legacy = tmp_path / page_cache.LEGACY_FOLDER
    (legacy / "ab").mkdir(parents=True)
    (legacy / "ab" / ("ab" * 32 + ".pickle")).write_bytes(b"dossier-page 2 an entry of an earlier format")
    cache = page_cache.PageCache(PageStore(tmp_path / page_cache.FOLDER), "site-key", legacy=legacy)
    page = SimpleNamespace(file=SimpleNamespace(src_uri="a.md"), meta={}, toc=[], present_anchor_ids=set())
    assert not cache.serve(page, "# A")  # the old entries are never read
    page._title_from_render = "A"
    cache.store(page, "<html>A</html>", mkdocs_config)
    cache.save()
    assert not legacy.exists()
    assert len(list((tmp_path / page_cache.FOLDER).rglob("*.pickle"))) == 1

    # A link in its place is removed at most, never followed.
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "ab").mkdir(parents=True)
    legacy.symlink_to(elsewhere)
    cache.save()
    assert (elsewhere / "ab").is_dir()


def test_a_block_search_leaves_out_waits_until_the_page_is_indexed():
    """A block with data-search-exclude is not in the HTML the search plugin parses, then goes back in."""
    from types import SimpleNamespace

    from builder.plugin.raw_html import RawHtmlStash

    kept = '<section class="entry" id="s-1">\n<p>indexed <a href="b.md">b</a></p>\n</section>'
    left_out = '<p class="mention" data-search-exclude>a sentence <a href="c.md#p-2">c</a></p>'
    stash = RawHtmlStash()
    markdown = stash.set_aside("a.md", f"{kept}\n\n{left_out}\n")
    assert kept not in markdown and left_out not in markdown
    page = SimpleNamespace(
        file=SimpleNamespace(src_uri="a.md"),
        present_anchor_ids=set(),
        content=f"<p>{markdown.strip()}</p>",  # the two blocks are one run: one placeholder
    )
    resolve = lambda html: html.replace(".md", "/")  # noqa: E731 (what resolve_links does, in small)
    stash.put_back(page, resolve)
    # What the search plugin sees: the indexed block, links resolved, and a comment for the other.
    assert page.content.startswith('<section class="entry" id="s-1">\n<p>indexed <a href="b/">b</a></p>')
    assert "a sentence" not in page.content and "<!--" in page.content
    assert page.present_anchor_ids == {"s-1"}
    stash.put_back_unindexed(page)
    assert page.content.endswith('data-search-exclude>a sentence <a href="c/#p-2">c</a></p>')
    assert "<!--" not in page.content


def test_a_build_keeps_its_files_out_of_the_collector_until_the_next_build(tmp_path, mkdocs_config):
    import gc
    import weakref

    (tmp_path / "article.txt").write_text("Governor Ilse Marwick visited Caldera Springs on Monday.\n")
    templates = Path(__file__).resolve().parent.parent / "templates"
    plugin = _plugin(tmp_path, mkdocs_config, cache=False, pdf=False, templates=str(templates))
    assert gc.get_freeze_count() == 0  # on_config let go of what earlier builds in this process froze
    files = plugin.on_files(Files([]), config=mkdocs_config)
    try:
        assert files is not None and files.get_file_from_path("index.md") is not None
        assert gc.get_freeze_count() > 0  # the dossier and the files: out of the collector's passes

        class Garbage:  # garbage in a reference cycle, frozen with the build's data
            pass

        garbage = Garbage()
        garbage.itself = garbage
        gone = weakref.ref(garbage)
        gc.freeze()
        del garbage
        plugin.on_config(mkdocs_config)  # the next build (``mkdocs serve``) starts
        assert gc.get_freeze_count() == 0
        assert gone() is None  # and what the last build let go is collected
    finally:
        gc.unfreeze()


def test_the_build_loads_the_publishing_libraries_while_the_articles_are_extracted(
    tmp_path, mkdocs_config, monkeypatch
):
    """``build_dossier``'s ``meanwhile`` loads what the charts, exports and PDF will import."""
    from builder.publish import site_files

    seen = {}
    monkeypatch.setattr(
        builder.pipeline, "build_dossier", lambda corpus, settings, **kwargs: seen.update(kwargs)
    )
    loaded = []
    monkeypatch.setattr(site_files, "load_libraries", lambda: loaded.append("loaded"))
    plugin = _plugin(tmp_path, mkdocs_config)
    build_dossier_for_site(plugin.inputs)
    seen["meanwhile"]()
    assert loaded == ["loaded"]
