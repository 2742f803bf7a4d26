"""`dossier build` with nothing changed leaves the site as it is; any change builds again."""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

from click.testing import CliRunner

from builder import corpus as corpus_module
from builder.cli import main
from builder.plugin import up_to_date
from builder.plugin.up_to_date import site_listing

ARTICLES = {
    "harbour.txt": "date 2023-04-02\n\nGovernor Anton Velk visited Marrow Bay on Tuesday with 40 officers.\n",
    "bridge.txt": "date 2023-04-05\n\nMayor Ilse Brandt of Korvik said 12 people were detained on Monday.\n",
    "empty.txt": "",  # skipped, with a warning every build must repeat
}


def build(corpus: Path, site: Path, *options: str):
    command = ["build", "--corpus", str(corpus), "--site-dir", str(site), "--no-curation", "--jobs", "1"]
    return CliRunner().invoke(main, [*command, *options])


def test_nothing_changed_writes_nothing_and_any_change_builds_again(tmp_path, caplog):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    site = tmp_path / "site"

    first = build(corpus, site)
    assert first.exit_code == 0, first.output
    assert f"built {site}" in first.output
    listing = site_listing(site)
    index = (site / "index.html").read_text(encoding="utf-8")

    caplog.clear()
    with caplog.at_level(logging.WARNING):
        again = build(corpus, site)
    assert again.exit_code == 0, again.output
    assert f"{site} is up to date" in again.output
    assert site_listing(site) == listing  # not one file written
    assert "empty.txt" in caplog.text  # the skipped file is still reported

    # A page someone edited in the site: the build writes it again as it was.
    (site / "index.html").write_text("edited by hand", encoding="utf-8")
    touched = build(corpus, site)
    assert f"built {site}" in touched.output
    assert (site / "index.html").read_text(encoding="utf-8") == index

    # An article changed: the site says what the new text says.
    (corpus / "bridge.txt").write_text(ARTICLES["bridge.txt"].replace("12 people", "19 people"), "utf-8")
    changed = build(corpus, site)
    assert f"built {site}" in changed.output
    pages = " ".join(page.read_text(encoding="utf-8") for page in site.rglob("*.html"))
    assert "19 people were detained" in pages and "12 people were detained" not in pages

    # Without the cache there is no record to trust: it always builds.
    assert f"built {site}" in build(corpus, site, "--no-cache").output


def test_a_build_reads_the_corpus_once(tmp_path, monkeypatch):
    """The check for changes reads the corpus; the build that follows takes it from there."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    reads: list[Path] = []

    def counting(folder, *args, **kwargs):
        reads.append(Path(folder))
        return corpus_module.read_corpus(folder, *args, **kwargs)

    monkeypatch.setattr(up_to_date, "read_corpus", counting)
    # The module, not the function of the same name that builder.plugin imports from it.
    monkeypatch.setattr(importlib.import_module("builder.plugin.generated_site"), "read_corpus", counting)
    result = build(corpus, tmp_path / "site")
    assert result.exit_code == 0, result.output
    assert reads == [corpus.resolve()]
    pages = " ".join(page.read_text(encoding="utf-8") for page in (tmp_path / "site").rglob("*.html"))
    assert "12 people were detained" in pages


def test_a_file_removed_from_the_site_is_a_change(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("page", encoding="utf-8")
    (site / "other.html").write_text("page", encoding="utf-8")
    before = site_listing(site)
    (site / "other.html").unlink()
    assert site_listing(site) != before
    assert site_listing(tmp_path / "no site") is None


def test_the_listing_sees_changes_deep_in_the_site_and_does_not_follow_links(tmp_path):
    site = tmp_path / "site"
    (site / "actors" / "a").mkdir(parents=True)
    page = site / "actors" / "a" / "index.html"
    page.write_text("page", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (site / "linked").symlink_to(outside, target_is_directory=True)
    before = site_listing(site)
    (outside / "new.html").write_text("not the site's", encoding="utf-8")
    assert site_listing(site) == before  # the link is listed, what it points to is not walked
    page.write_text("page, edited", encoding="utf-8")
    edited = site_listing(site)
    assert edited != before
    (site / "actors" / "a" / "extra.html").write_text("x", encoding="utf-8")
    assert site_listing(site) != edited
