"""The extraction cache: keys, validation of entries, pruning, and incremental extraction."""

from __future__ import annotations

import logging
import os
import shutil
import time
from dataclasses import replace
from pathlib import Path

import pytest

from builder.corpus import read_corpus
from builder.extract import cache as extraction_cache
from builder.extract import executors
from builder.extract import nlp as nlp_stage
from builder.extract.cache import (
    PACKAGE_ROOT,
    ExtractionCache,
    article_key,
    model_identity,
    pipeline_identity,
    stage_modules,
)
from builder.extract.executors import extract_corpus
from builder.extract.nlp import DEFAULT_MODEL, load_pipeline, model_version
from builder.model import ArticleExtraction, Mention, Span
from builder.settings import RunSettings
from builder.store import default_cache_dir

FIGURES = PACKAGE_ROOT / "builder" / "extract" / "figures"
ARTICLES = {
    "harbour": " date 2021-06-02 Harbour Minister Olek Brandvold said on Tuesday that 300 police "
    "officers had been sent to Port Selwyn after the riots.\n\nAt least 12 people were injured.",
    "valley": "Aid workers counted about 2,000 displaced families in the Ferrow Valley in March 2022, "
    "the Relief Agency of Norland said.",
}


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("project") / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def documents(corpus_dir):
    return read_corpus(corpus_dir).documents


def _extraction(doc_id: str = "harbour") -> ArticleExtraction:
    span = Span(doc_id, 0, 5, "Olek ")
    return ArticleExtraction(doc_id=doc_id, mentions=(Mention(span=span, label="person", sentence=span),))


def test_entry_round_trips(tmp_path):
    cache = ExtractionCache(tmp_path)
    cache.put("ab" * 32, _extraction())
    assert cache.get("ab" * 32, "harbour") == _extraction()
    assert cache.hits == 1


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[:-3],  # truncated by a crash
        lambda raw: raw[:-1] + bytes([raw[-1] ^ 1]),  # one bit flipped in the payload
        lambda raw: raw.replace(b"dossier-extraction 2", b"dossier-extraction 1"),  # older format
        lambda raw: b"",
        lambda raw: b"not a cache entry at all",
    ],
)
def test_damaged_entry_is_ignored_and_removed(tmp_path, damage, caplog):
    cache = ExtractionCache(tmp_path)
    key = "cd" * 32
    cache.put(key, _extraction())
    path = cache.path_for(key)
    path.write_bytes(damage(path.read_bytes()))
    with caplog.at_level(logging.WARNING, logger="dossier"):
        assert cache.get(key, "harbour") is None
    assert not path.exists()
    assert cache.rejected == 1
    assert "rebuilding it" in caplog.text and "not signed" not in caplog.text


def test_entry_under_another_key_or_for_another_article_is_not_trusted(tmp_path):
    cache = ExtractionCache(tmp_path)
    cache.put("ef" * 32, _extraction())
    # An entry copied to another key's place (a stale file) fails the key check.
    other = cache.path_for("01" * 32)
    other.parent.mkdir(parents=True, exist_ok=True)
    other.write_bytes(cache.path_for("ef" * 32).read_bytes())
    assert cache.get("01" * 32) is None
    # An entry whose content belongs to another article is refused too.
    assert cache.get("ef" * 32, "valley") is None


def test_an_entry_that_is_not_an_extraction_is_refused(tmp_path):
    cache = ExtractionCache(tmp_path)
    cache.put("aa" * 32, {"doc_id": "x"})  # a sound pickle of something else
    assert cache.get("aa" * 32) is None
    assert cache.rejected == 1
    assert not cache.path_for("aa" * 32).exists()


def test_key_follows_text_date_and_model_but_not_the_path(documents):
    document = documents[0]
    key = article_key(document, "core-1.0")
    assert key == article_key(replace(document, path="/elsewhere/harbour.txt"), "core-1.0")
    assert key != article_key(document, "core-1.1")
    assert key != article_key(replace(document, text=document.text + " More."), "core-1.0")
    assert key != article_key(replace(document, date="2021-06-03"), "core-1.0")
    assert key != article_key(replace(document, id="harbour-2"), "core-1.0")


def test_code_fingerprint_covers_the_per_article_stage_only():
    names = {path.relative_to(PACKAGE_ROOT).as_posix() for path in stage_modules()}
    assert {
        "builder/extract/article.py",
        "builder/extract/nlp.py",
        "builder/model.py",
        "builder/extract/mentions.py",
        "builder/extract/times.py",
    } <= names
    assert not {
        name for name in names if name.startswith(("builder/resolve/", "builder/publish/", "builder/plugin/"))
    }
    assert "builder/cli.py" not in names
    # Every module of a subpackage the stage imports: the figures package module by module.
    figures = {path.relative_to(PACKAGE_ROOT).as_posix() for path in FIGURES.glob("*.py")}
    assert "builder/extract/figures/words.py" in figures
    assert figures <= names


def test_code_fingerprint_changes_with_a_subpackage_module_not_with_publishing(tmp_path, monkeypatch):
    fingerprint = extraction_cache.stage_fingerprint.__wrapped__  # uncached: it reads PACKAGE_ROOT anew
    real = fingerprint()
    copy = tmp_path / "builder"
    shutil.copytree(PACKAGE_ROOT / "builder", copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(extraction_cache, "PACKAGE_ROOT", tmp_path)
    assert fingerprint() == real  # the copy is read, path for path

    charts = copy / "publish" / "charts.py"
    charts.write_text(
        charts.read_text(encoding="utf-8") + "\n# an edit outside the stage\n", encoding="utf-8"
    )
    assert fingerprint() == real

    words = copy / "extract" / "figures" / "words.py"
    words.write_text(words.read_text(encoding="utf-8") + "\n# an edit inside the stage\n", encoding="utf-8")
    assert fingerprint() != real


def test_model_identity_is_read_without_loading_and_matches_the_loaded_model():
    assert model_identity(DEFAULT_MODEL) == model_version(load_pipeline(DEFAULT_MODEL))


def test_the_loaded_pipeline_runs_exactly_the_components_the_extraction_reads():
    """The components the extraction reads run; the model's others are not even loaded."""
    nlp = load_pipeline(DEFAULT_MODEL)
    assert nlp.component_names == nlp.pipe_names == list(nlp_stage.running_components(DEFAULT_MODEL))
    assert set(nlp.pipe_names) == {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"}
    assert nlp_stage.unread_components(DEFAULT_MODEL) == ["senter"]


def test_a_change_to_the_component_set_changes_the_cache_key(documents, monkeypatch):
    document = documents[0]
    before = pipeline_identity(DEFAULT_MODEL)
    assert before.startswith(model_identity(DEFAULT_MODEL)) and "ner" in before
    pipeline_identity.cache_clear()
    monkeypatch.setattr(nlp_stage, "EXTRACTION_COMPONENTS", nlp_stage.EXTRACTION_COMPONENTS - {"ner"})
    try:
        after = pipeline_identity(DEFAULT_MODEL)
    finally:
        pipeline_identity.cache_clear()
    assert after != before and "ner" not in after
    assert article_key(document, after) != article_key(document, before)


def test_default_cache_is_in_the_users_cache_folder_one_per_corpus(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    folder = default_cache_dir(tmp_path / "articles")
    assert folder.parent == tmp_path / "user-cache" / "briefing-dossier" / "corpora"
    assert folder.name.startswith("articles-")
    assert default_cache_dir(tmp_path / "other" / "articles") != folder
    assert default_cache_dir(tmp_path / "articles" / ".." / "articles") == folder
    # Never beside the corpus: a shared parent folder must not hold the analyst's caches.
    assert (
        not folder.is_relative_to(tmp_path / "articles") and folder.parent.parent.name == "briefing-dossier"
    )


def test_prune_removes_old_unused_entries_only(tmp_path):
    cache = ExtractionCache(tmp_path)
    for key in ("11" * 32, "22" * 32, "33" * 32):
        cache.put(key, _extraction())
    old = time.time() - 30 * 24 * 3600
    for key in ("11" * 32, "22" * 32):
        os.utime(cache.path_for(key), (old, old))
    assert cache.prune(keep={"11" * 32}) == 1
    assert cache.path_for("11" * 32).exists()  # used by this build
    assert not cache.path_for("22" * 32).exists()  # old and unused
    assert cache.path_for("33" * 32).exists()  # unused but recent


@pytest.fixture
def sent(monkeypatch) -> list[list[str]]:
    """The ids of the articles of each call to the executor, which then extracts them as it would."""
    calls: list[list[str]] = []
    real = executors.run_executor

    def recording(docs, *args, **kwargs):
        calls.append([d.id for d in docs])
        return real(docs, *args, **kwargs)

    monkeypatch.setattr(executors, "run_executor", recording)
    return calls


def test_rebuild_extracts_only_changed_articles(documents, tmp_path, sent):
    first, model_id, _ = extract_corpus(documents, RunSettings(cache_dir=tmp_path, jobs=1))
    again, _, _ = extract_corpus(documents, RunSettings(cache_dir=tmp_path, jobs=1))
    assert again == first
    assert model_id == model_identity(DEFAULT_MODEL)
    edited = [documents[0], replace(documents[1], text=documents[1].text + " Two more camps opened.")]
    third, _, _ = extract_corpus(edited, RunSettings(cache_dir=tmp_path, jobs=1))
    assert sent == [["harbour", "valley"], ["valley"]]
    assert third[0] == first[0]
    assert [e.doc_id for e in third] == ["harbour", "valley"]


def test_stored_entries_are_read_while_a_worker_extracts_the_changed_one(documents, tmp_path, monkeypatch):
    """In a rebuild, the work run beside the extraction reads the cache's entries first: the
    worker's model load covers that time (the executor is stubbed here to run that work itself)."""
    first, _, _ = extract_corpus(documents, RunSettings(cache_dir=tmp_path, jobs=1))
    reads: list[str] = []
    real_get = ExtractionCache.get

    def counting_get(self, key, check=None):
        reads.append(check)
        return real_get(self, key, check)

    seen: list[tuple[str, list[str]]] = []

    def executor(docs, settings, beside=None):
        seen.append(("sent", list(reads)))
        assert beside is not None
        beside()
        seen.append(("beside ran", list(reads)))
        return executors.run_serial(docs, settings.model)

    monkeypatch.setattr(ExtractionCache, "get", counting_get)
    monkeypatch.setattr(executors, "run_executor", executor)
    own_work: list[int] = []
    edited = [documents[0], replace(documents[1], text=documents[1].text + " Two more camps opened.")]
    again, _, _ = extract_corpus(
        edited, RunSettings(cache_dir=tmp_path, jobs=2), meanwhile=lambda: own_work.append(len(reads))
    )
    # Nothing was read before the worker was sent out; the unchanged article's entry was read
    # beside it, before the build's own work.
    assert seen == [("sent", []), ("beside ran", ["harbour"])]
    assert own_work == [1]
    assert again[0] == first[0] and [e.doc_id for e in again] == ["harbour", "valley"]


def test_an_entry_found_damaged_when_read_is_extracted_again(documents, tmp_path, sent, caplog):
    first, _, _ = extract_corpus(documents, RunSettings(cache_dir=tmp_path, jobs=1))
    cache = ExtractionCache(tmp_path)
    path = cache.path_for(article_key(documents[0], pipeline_identity(DEFAULT_MODEL)))
    path.write_bytes(path.read_bytes()[:-3])  # truncated: the file is there, its entry is not sound
    sent.clear()  # only the rebuild's calls count
    edited = [documents[0], replace(documents[1], text=documents[1].text + " Two more camps opened.")]
    with caplog.at_level(logging.WARNING, logger="dossier"):
        again, _, _ = extract_corpus(edited, RunSettings(cache_dir=tmp_path, jobs=1))
    assert sent == [["valley"], ["harbour"]]  # the changed article, then the one whose entry failed
    assert again[0] == first[0] and [e.doc_id for e in again] == ["harbour", "valley"]
    assert "rebuilding it" in caplog.text
    assert ExtractionCache(tmp_path).get(path.stem, "harbour") == first[0]  # stored again


def test_unwritable_cache_warns_once_and_extraction_goes_on(documents, tmp_path, caplog):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    with caplog.at_level(logging.WARNING, logger="dossier"):
        results, _, _ = extract_corpus(documents, RunSettings(cache_dir=blocker, jobs=1))
    assert [e.doc_id for e in results] == ["harbour", "valley"]
    assert caplog.text.count("cannot write the cache") == 1


# In a process of its own: build the dossier of a corpus and say whether spaCy was loaded.
DOSSIER_SCRIPT = """
import sys
from builder.pipeline import build_dossier
from builder.settings import RunSettings
dossier = build_dossier(sys.argv[1], RunSettings(use_curation=False, cache_dir=sys.argv[2], jobs=1))
print(len(dossier.actors) > 0, "spacy" in sys.modules)
"""


def test_a_build_with_every_extraction_cached_does_not_load_spacy(tmp_path):
    """Editing curation or templates rebuilds from the cache: importing spaCy (a second) is not needed."""
    import subprocess
    import sys

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = "Governor Ilse Marwick visited Caldera Springs on Monday.\n"
    (corpus / "a.txt").write_text(text, encoding="utf-8")
    runs = [
        subprocess.run(
            [sys.executable, "-c", DOSSIER_SCRIPT, str(corpus), str(tmp_path / "cache")],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        for _ in range(2)
    ]
    assert runs == [["True", "True"], ["True", "False"]]  # extracted (spaCy), then from the cache
