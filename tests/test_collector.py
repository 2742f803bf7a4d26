"""The garbage collector kept off a build's long-lived data: paused, settled, and always given back."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from builder import collector
from builder.publish import pages
from builder.publish.export import export_files
from builder.publish.pages import render_site

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@pytest.fixture(autouse=True)
def collector_as_found():
    """Each test starts and leaves with the collector on and nothing frozen (an in-process build
    of an earlier test leaves its files frozen), whatever it did."""
    gc.enable()
    gc.unfreeze()
    yield
    gc.enable()
    gc.unfreeze()


def test_the_collector_is_paused_inside_and_back_on_after():
    assert gc.isenabled()
    with collector.collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_comes_back_on_when_the_block_raises():
    with pytest.raises(ValueError), collector.collector_paused():
        raise ValueError("a stage fails")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    with collector.collector_paused():
        pass
    assert not gc.isenabled()


def test_settled_objects_leave_the_collectors_passes_until_unsettled():
    kept = [[index] for index in range(1000)]
    assert gc.get_freeze_count() == 0
    collector.settle()
    assert gc.get_freeze_count() >= len(kept)
    collector.unsettle()
    assert gc.get_freeze_count() == 0


def test_pages_render_with_the_collector_paused_and_charts_with_it_on(sample_dossier, monkeypatch):
    seen = {}
    render_pages = pages._render_pages

    def recording(*args):
        seen["pages"] = gc.isenabled()
        return render_pages(*args)

    monkeypatch.setattr(pages, "_render_pages", recording)
    draw_charts = pages.render_charts

    def recording_charts(*args):
        seen["charts"] = gc.isenabled()
        return draw_charts(*args)

    monkeypatch.setattr(pages, "render_charts", recording_charts)
    site = render_site(sample_dossier, TEMPLATES)
    # Charts leave reference cycles (matplotlib's figures): they are drawn with the collector on.
    assert seen == {"pages": False, "charts": True}
    assert "index.md" in site and gc.isenabled()


def test_a_template_error_leaves_the_collector_on(sample_dossier, tmp_path):
    broken = tmp_path / "templates"
    broken.mkdir()
    for template in TEMPLATES.iterdir():
        if template.is_file():
            (broken / template.name).write_bytes(template.read_bytes())
    (broken / "home.md.j2").write_text("{{ no_such_value.at_all() }}", encoding="utf-8")
    with pytest.raises(Exception, match="no_such_value"):
        render_site(sample_dossier, broken, charts={})
    assert gc.isenabled()


def test_exports_leave_the_collector_as_they_found_it(sample_dossier):
    assert "dossier.json" in export_files(sample_dossier)
    assert gc.isenabled()


# Run as `dossier` runs (a process of its own, no other thread: forked workers), with the
# extraction's collector paused as ``extract_corpus`` pauses it while the results arrive.
WORKERS_SCRIPT = """
import gc, sys
from builder.collector import collector_paused
from builder.corpus import read_corpus
from builder.extract import executors
from builder.settings import DEFAULT_MODEL

def report(documents, model):
    return [(gc.isenabled(), gc.get_freeze_count() > 0) for _ in documents]

executors.extract_batch = report  # the workers say how their collector stands
documents = read_corpus(sys.argv[1]).documents
with collector_paused():
    seen = set(dict(executors.run_process_pool(documents, DEFAULT_MODEL, jobs=2)).values())
print(seen, gc.isenabled(), gc.get_freeze_count())
"""


def test_forked_workers_collect_and_keep_the_model_out_of_their_passes(tmp_path):
    for number in range(4):
        (tmp_path / f"article-{number}.txt").write_text(f"Article {number} of the test.", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", WORKERS_SCRIPT, str(tmp_path)], check=True, capture_output=True, text=True
    )
    # Each worker runs its collector (the build's is paused) with the model loaded before the
    # fork frozen; once the workers are gone, nothing stays frozen in the build.
    assert run.stdout.split("\n")[0] == "{(True, True)} True 0"


def test_loading_the_model_leaves_a_paused_collector_paused():
    from builder.extract.nlp import load_pipeline
    from builder.settings import DEFAULT_MODEL

    with collector.collector_paused():
        load_pipeline.__wrapped__(DEFAULT_MODEL)  # a fresh load (spaCy's srsly turns the collector on)
        assert not gc.isenabled()
    with collector.collector_state_kept():
        gc.disable()
    assert gc.isenabled()


def test_extraction_pauses_the_collector_except_under_dask(monkeypatch):
    """Dask's client (and a local cluster's scheduler) run in the build's process, making garbage."""
    from builder.extract import executors
    from builder.settings import RunSettings

    seen = []
    monkeypatch.setattr(executors, "_collected", lambda *args: seen.append(gc.isenabled()) or [])
    for executor in ("local", "dask"):
        executors.extract_corpus([], RunSettings(executor=executor, use_cache=False))
    assert seen == [False, True]
