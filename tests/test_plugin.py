"""The MkDocs plugin: build options reach the builder, raw-HTML links become page URLs."""

from __future__ import annotations

import logging

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

import builder.pipeline
from builder.extract.executors import ExecutorError
from builder.plugin import DossierPlugin


@pytest.fixture
def mkdocs_config(tmp_path):
    config = MkDocsConfig()
    config.load_dict(
        {"site_name": "Test", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")}
    )
    (tmp_path / "docs").mkdir()
    errors, _ = config.validate()
    assert not errors
    config.plugins._current_plugin = "dossier"  # as while MkDocs runs a plugin's event
    return config


def _plugin(tmp_path, **options) -> DossierPlugin:
    plugin = DossierPlugin()
    errors, _ = plugin.load_config({"corpus": str(tmp_path), **options})
    assert not errors
    plugin._base = tmp_path
    plugin._corpus = tmp_path
    plugin._curation = None
    return plugin


def test_build_options_reach_build_dossier(tmp_path, monkeypatch):
    seen = {}
    monkeypatch.setattr(
        builder.pipeline,
        "build_dossier",
        lambda corpus, settings, **kwargs: seen.update(settings=settings, **kwargs),
    )
    plugin = _plugin(tmp_path, cache=False, cache_dir="store", jobs=3, executor="dask", scheduler="tcp://h:1")
    plugin._build_dossier()
    settings = seen["settings"]
    assert settings.use_cache is False
    assert settings.cache_dir == tmp_path / "store"
    assert (settings.jobs, settings.executor, settings.scheduler) == (3, "dask", "tcp://h:1")
    assert seen["logger"].name == "mkdocs.plugins.dossier"


def test_defaults_leave_jobs_and_cache_folder_to_the_builder(tmp_path, monkeypatch):
    seen = {}
    monkeypatch.setattr(
        builder.pipeline, "build_dossier", lambda corpus, settings, **kwargs: seen.update(settings=settings)
    )
    _plugin(tmp_path)._build_dossier()
    settings = seen["settings"]
    assert (settings.use_cache, settings.cache_dir, settings.jobs, settings.scheduler) == (
        True,
        None,
        None,
        None,
    )


def test_executor_error_becomes_a_plugin_error(tmp_path, monkeypatch):
    def fail(corpus, settings, **kwargs):
        raise ExecutorError("scheduler tcp://nowhere:8786 unreachable")

    monkeypatch.setattr(builder.pipeline, "build_dossier", fail)
    with pytest.raises(PluginError, match="unreachable"):
        _plugin(tmp_path, executor="dask")._build_dossier()


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
        out = _plugin(tmp_path)._resolve_links(html, page, files)
    assert '<a href="../../sources/harbour/#p-2" title="t">' in out
    assert '<a href="../../">home</a>' in out
    assert 'href="https://example.org/a.md"' in out and 'href="#p-1"' in out
    # A link to no page is left as written and reported (a --strict build fails on it).
    assert 'href="gone.md"' in out
    assert "gone.md" in caplog.text


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
    plugin = _plugin(tmp_path)
    page = SimpleNamespace(
        file=SimpleNamespace(src_uri="sources/a.md", generated_by="dossier"),
        present_anchor_ids={"title"},
        is_homepage=False,
        meta={"title": "Title"},
        title="Title",
    )
    out = plugin.on_page_markdown(markdown, page=page, config=mkdocs_config, files=Files([]))
    assert table not in out and text not in out and "*not emphasis*" not in out
    assert kept in out and "Some *Markdown*." in out
    html = out.replace("Some *Markdown*.", "<p>Some <em>Markdown</em>.</p>")
    html = "\n".join(f"<p>{line}</p>" if line.startswith("dossier") else line for line in html.split("\n"))
    back = plugin.on_page_content(html, page=page, config=mkdocs_config, files=Files([]))
    assert table in back and text in back and "<p>Some <em>Markdown</em>.</p>" in back
    assert "p-2" in page.present_anchor_ids
