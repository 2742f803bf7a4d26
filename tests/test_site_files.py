"""The site's files made with forked children or in turn: the same files, the same memo, the same errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import TemplateSyntaxError

from builder import forked
from builder.publish import export, site_files
from builder.publish.links import BRIEFING_FILE
from builder.publish.pages import RenderMemo
from builder.publish.site_files import Publication

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"

needs_fork = pytest.mark.skipif(
    not forked.fork_is_safe(), reason="this platform or process cannot fork safely"
)


def _previous(memo: RenderMemo, files: dict) -> dict:
    """An earlier render as the next build's memo reads it: {path: (digest, content)}."""
    return {path: (digest, files[path]) for path, digest in memo.digests.items()}


@needs_fork
def test_forked_children_make_the_same_files_in_the_same_order_as_one_process(sample_dossier):
    publication = Publication(TEMPLATES, "Valdoria briefing", briefing=False)
    in_turn, no_pdf = site_files.site_files(sample_dossier, publication, fork=False)
    forked_files, also_no_pdf = site_files.site_files(sample_dossier, publication, fork=True)
    assert no_pdf is None and also_no_pdf is None
    assert forked_files == in_turn
    assert list(forked_files) == list(in_turn)  # charts, pages, exports: MkDocs lists them so
    assert any(path.endswith(".svg") for path in in_turn) and "dossier.json" in in_turn


@needs_fork
def test_the_forked_pdf_is_the_one_typeset_in_a_worker(sample_dossier):
    pytest.importorskip("weasyprint")
    publication = Publication(TEMPLATES, "Valdoria briefing", briefing=True)
    files, typesetting = site_files.site_files(sample_dossier, publication, fork=True)
    here_files, here_typesetting = site_files.site_files(sample_dossier, publication, fork=False)
    assert files == here_files and files["index.md"].count(BRIEFING_FILE) >= 1
    pdf = typesetting.result()
    assert pdf.startswith(b"%PDF") and pdf == here_typesetting.result()


@needs_fork
def test_a_forked_render_takes_over_and_records_as_much_as_one_in_turn(sample_dossier):
    publication = Publication(TEMPLATES, "Valdoria briefing", briefing=False)
    first = RenderMemo()
    files, _ = site_files.site_files(sample_dossier, publication, first, fork=False)
    previous = _previous(first, files)
    in_turn, forked_memo = RenderMemo(previous), RenderMemo(previous)
    site_files.site_files(sample_dossier, publication, in_turn, fork=False)
    site_files.site_files(sample_dossier, publication, forked_memo, fork=True)
    # Every page and chart unchanged, charts included though the child drew them.
    assert forked_memo.reused == in_turn.reused == len(first.digests)
    assert forked_memo.digests == in_turn.digests
    assert list(forked_memo.digests) == list(in_turn.digests)


@needs_fork
def test_an_export_that_raises_in_its_child_stops_the_build_and_the_other_child(sample_dossier, monkeypatch):
    started: list = []
    original = site_files.ForkedWork

    def recording(*arguments):
        work = original(*arguments)
        started.append(work)
        return work

    def broken(dossier, title):
        raise OSError("disk full while exporting")

    monkeypatch.setattr(site_files, "ForkedWork", recording)
    monkeypatch.setattr(export, "export_files", broken)  # in place before the fork: the child has it
    publication = Publication(TEMPLATES, "Valdoria briefing", briefing=False)
    with pytest.raises(OSError, match="disk full while exporting"):
        site_files.site_files(sample_dossier, publication, fork=True)
    assert len(started) == 2
    assert not any(work._child.is_alive() for work in started)  # noqa: SLF001 - the processes themselves


@needs_fork
def test_a_broken_briefing_template_is_raised_when_the_pdf_is_asked_for(sample_dossier, tmp_path):
    pytest.importorskip("weasyprint")
    import shutil

    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    broken = next((templates / "print").glob("*.j2"))
    broken.write_text(broken.read_text() + "\n{% if %}\n")
    publication = Publication(templates, "Valdoria briefing", briefing=True)
    files, typesetting = site_files.site_files(sample_dossier, publication, fork=True)
    assert "index.md" in files  # the pages do not wait for the briefing
    with pytest.raises(TemplateSyntaxError) as raised:
        typesetting.result()
    assert raised.value.filename and raised.value.filename.endswith(broken.name)
