"""Hostile input and faults (issue 18): the case matrix, each case in a few lines, and a fuzz test.

Nine faults, each with its cases: (1) code through the cache, (2) links out of the
corpus, (3) hidden and leftover files, (4) one article stopping the build, (5) a curation
file exhausting memory, (6) curation values the schema let through, (7) the output folder,
(8) binary and UTF-16 text, (9) SOURCE_DATE_EPOCH. Every case must end with a clear
message, keep every good article, run nothing and leak nothing. Invented texts only.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import hmac
import json
import logging
import os
import pickle
import subprocess
import sys
import time
import tracemalloc
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import builder.extract.article
import builder.pipeline
from builder.cli import main
from builder.corpus import BuildDateError, build_date, decode_article, read_bytes_checked, read_corpus
from builder.extract.cache import ExtractionCache
from builder.extract.executors import ArticleFailure, extract_guarded
from builder.faults import describe_error, process_alive, remove_stale
from builder.model import ArticleExtraction
from builder.plugin.site_cache import GeneratedSite, GeneratedStore, PageStore
from builder.plugin.site_output import SiteOutputError, SiteSwap
from builder.publish.typeset import PdfStore
from builder.resolve.curation import CurationError, load_curation
from builder.store import CACHE_FORMAT, KEY_FILE_ENV, PickleStore, default_cache_dir, signing_key
from builder.values.countries import GazetteerStore
from builder.values.dates import add_duration, as_day, calendar_value

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"

GOOD = {
    "harbour.txt": " date 2023-04-02 Governor Anton Velk visited Marrow Bay on Tuesday with 40 officers.",
    "bridge.txt": " date 2023-04-05 Mayor Ilse Brandt of Korvik said 12 people were detained on Monday.",
}


def corpus_of(folder: Path, files: dict[str, str | bytes] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in {**GOOD, **(files or {})}.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (folder / name).write_bytes(data)
    return folder


def export(corpus: Path, *options: str):
    """`dossier export` in this process: (the result, dossier.json's data or None)."""
    output = corpus.parent / f"{corpus.name}.json"
    output.unlink(missing_ok=True)
    result = CliRunner().invoke(
        main, ["export", "--corpus", str(corpus), "-o", str(output), "--jobs", "1", *options]
    )
    data = json.loads(output.read_text(encoding="utf-8")) if output.exists() else None
    return result, data


def one_line_error(result) -> str:
    """The error a failed command printed: one line, no traceback."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    (line,) = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    return line


def reported(data: dict) -> dict[str, dict]:
    return {entry["path"]: entry for entry in data["meta"]["skipped"]}


# --- fault 1: code execution through the cache --------------------------------------------


class RunsCode:
    """An object whose pickle, when read, writes ``marker``: what a forged entry would carry."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "code ran"))


def forge(store: PickleStore, key: str, marker: Path, signed_with: bytes | None = None) -> Path:
    """Plant an entry for ``key`` that would run code: the old checksum format, or signed with another key."""
    payload = pickle.dumps(RunsCode(marker))
    if signed_with is None:  # the format anyone could forge: a SHA-256 anyone can compute
        checksum = hashlib.sha256(payload).hexdigest().encode()
        raw = b" ".join((store.magic, b"1", key.encode(), checksum)) + b"\n" + payload
    else:  # today's format, every check right but the signature, made with a key not the user's
        head = b" ".join(
            (store.magic, str(CACHE_FORMAT).encode(), key.encode(), b"%08x" % zlib.crc32(payload))
        )
        signature = hmac.new(signed_with, head + b"\n" + payload, hashlib.sha256).hexdigest().encode()
        raw = head + b" " + signature + b"\n" + payload
    path = store.path_for(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return path


STORES = {
    "articles": ExtractionCache,
    "generated site": GeneratedStore,
    "pages": PageStore,
    "pdf": PdfStore,
    "gazetteer": GazetteerStore,
}


@pytest.mark.parametrize("signed_with", [None, b"\0" * 32], ids=["checksum only", "signed by another key"])
@pytest.mark.parametrize("kind", STORES)
def test_1_a_forged_entry_in_any_store_is_refused_and_runs_nothing(tmp_path, caplog, kind, signed_with):
    store = STORES[kind](tmp_path / "cache")
    marker = tmp_path / "ran"
    path = forge(store, "ab" * 32, marker, signed_with)
    with caplog.at_level(logging.WARNING, logger="dossier"):
        assert store.get("ab" * 32) is None
    assert not marker.exists() and not path.exists()
    assert str(path) in caplog.text
    if signed_with is not None:
        assert "not signed by this user's key" in caplog.text


def test_1_the_forgery_is_real_it_runs_when_signed_with_the_users_own_key(tmp_path):
    """The control for the case above: only the signature stands between the forgery and the build."""
    store = ExtractionCache(tmp_path / "cache")
    marker = tmp_path / "ran"
    forge(store, "ab" * 32, marker, signed_with=signing_key())
    store.get("ab" * 32)
    assert marker.read_text(encoding="utf-8") == "code ran"


def test_1_the_newest_entry_is_loaded_only_if_it_verifies(tmp_path, caplog):
    store = GeneratedStore(tmp_path / "cache")
    store.put("cd" * 32, GeneratedSite({"index.md": "# Kept"}, "1 article"))
    marker = tmp_path / "ran"
    planted = forge(store, "ef" * 32, marker, signed_with=b"\1" * 32)
    future = time.time() + 3600
    os.utime(planted, (future, future))  # the newest entry, whatever its name
    with caplog.at_level(logging.WARNING, logger="dossier"):
        latest = store.latest()
    assert latest is not None and latest.files == {"index.md": "# Kept"}
    assert not marker.exists() and "not signed by this user's key" in caplog.text


def test_1_a_signed_entry_copied_under_another_key_is_refused(tmp_path):
    store = ExtractionCache(tmp_path)
    store.put("12" * 32, ArticleExtraction("a"))
    other = store.path_for("34" * 32)
    other.parent.mkdir(parents=True)
    other.write_bytes(store.path_for("12" * 32).read_bytes())
    assert store.get("34" * 32) is None and store.get("12" * 32) == ArticleExtraction("a")


def test_1_a_link_or_device_planted_as_an_entry_is_not_read(tmp_path):
    store = PageStore(tmp_path)
    path = store.path_for("56" * 32)
    path.parent.mkdir(parents=True)
    path.symlink_to("/dev/zero")
    started = time.monotonic()
    assert store.get("56" * 32) is None
    assert time.monotonic() - started < 2


def test_1_the_key_is_private_and_one_others_can_read_turns_the_caches_off(tmp_path, monkeypatch, caplog):
    key_file = tmp_path / "config" / "briefing-dossier" / "cache.key"
    monkeypatch.setenv(KEY_FILE_ENV, str(key_file))
    key = signing_key()
    assert key is not None and len(key) == 32
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert key_file.parent.stat().st_mode & 0o777 == 0o700
    shared = tmp_path / "shared.key"
    shared.write_bytes(key_file.read_bytes())
    shared.chmod(0o644)
    monkeypatch.setenv(KEY_FILE_ENV, str(shared))
    store = ExtractionCache(tmp_path / "cache")
    with caplog.at_level(logging.WARNING, logger="dossier"):
        store.put("78" * 32, ArticleExtraction("a"))
        assert store.get("78" * 32) is None
    assert "can be read or written by others" in caplog.text and "chmod 600" in caplog.text
    assert not (tmp_path / "cache").exists()


def test_1_the_default_cache_is_the_users_own_not_beside_the_corpus(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    corpus = corpus_of(tmp_path / "shared" / "corpus")
    result, data = export(corpus)
    assert result.exit_code == 0 and data is not None
    assert not (tmp_path / "shared" / ".cache").exists()
    folder = default_cache_dir(corpus)
    assert folder.is_relative_to(tmp_path / "home-cache") and any(folder.rglob("*.pickle"))
    for path in (folder, folder.parent, folder.parent.parent):
        assert path.stat().st_mode & 0o077 == 0, path


def test_1_end_to_end_a_planted_article_entry_never_runs(tmp_path):
    corpus = corpus_of(tmp_path / "corpus")
    cache = tmp_path / "cache"
    first, data = export(corpus, "--cache-dir", str(cache))
    marker = tmp_path / "ran"
    store = ExtractionCache(cache)
    entries = sorted(cache.glob("??/*.pickle"))
    assert len(entries) == 2
    for entry in entries:  # every entry replaced by a forgery under its own key
        forge(store, entry.stem, marker, signed_with=b"\2" * 32)
    second, again = export(corpus, "--cache-dir", str(cache))
    assert second.exit_code == 0 and not marker.exists()
    assert again["documents"] == data["documents"] and again["actors"] == data["actors"]


# --- fault 2: links out of the corpus ----------------------------------------------------


def test_2_a_link_out_of_the_corpus_is_not_read_and_says_why(tmp_path):
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("Private notes of Quentin Marlow about the Ostrava account.", encoding="utf-8")
    corpus = corpus_of(tmp_path / "corpus")
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    (corpus / "notes.txt").symlink_to(secret)
    (corpus / "elsewhere").symlink_to(secret.parent, target_is_directory=True)
    (corpus / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (corpus / "again.md").symlink_to(corpus / "harbour.txt")  # inside, to a file read where it is
    result, data = export(corpus)
    assert result.exit_code == 0
    assert {d["id"] for d in data["documents"]} == {"harbour", "bridge"}
    skipped = reported(data)
    assert "outside the corpus folder" in skipped["passwd.txt"]["reason"]
    assert "outside the corpus folder" in skipped["notes.txt"]["reason"]
    assert "outside the corpus folder" in skipped["elsewhere/"]["reason"]
    assert "broken link" in skipped["dangling.txt"]["reason"]
    assert "link to harbour.txt, which is read itself" in skipped["again.md"]["reason"]
    text = json.dumps(data)
    assert "root:" not in text and "Quentin" not in text and str(tmp_path) not in text


# --- fault 3: hidden files, version control, editor leftovers ------------------------------


def test_3_hidden_and_leftover_files_are_listed_not_read(tmp_path):
    hidden = {
        ".foo.txt": "A hidden note about Marrow Bay.",
        ".#foo.txt": "An editor's lock file about Marrow Bay.",
        ".git/COMMIT_EDITMSG.md": "Add the bridge article",
        ".obsidian/notes/today.md": "Notes about Korvik.",
        "foo.txt~": "A backup about Korvik.",
        "#foo.txt#": "An autosave about Korvik.",
        "bridge.txt.swp": "vim swap",
        "drafts/bridge.txt.orig": "a merge leftover",
    }
    corpus = corpus_of(tmp_path / "corpus")
    for name, text in hidden.items():
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text(text, encoding="utf-8")
    result, data = export(corpus)
    assert result.exit_code == 0
    assert {d["path"] for d in data["documents"]} == set(GOOD)
    skipped = reported(data)
    for name in (".foo.txt", ".#foo.txt", ".git/", ".obsidian/", "foo.txt~", "#foo.txt#", "bridge.txt.swp"):
        assert name in skipped and "not read" in skipped[name]["reason"], name
    assert "drafts/bridge.txt.orig" in skipped
    assert not any(path.startswith(".git/") and path != ".git/" for path in skipped)  # listed once


def test_3_fifos_and_devices_are_not_read(tmp_path):
    corpus = corpus_of(tmp_path / "corpus")
    os.mkfifo(corpus / "pipe.txt")  # reading it would wait for ever
    corpus_read = read_corpus(corpus)
    assert {s.path: s.reason for s in corpus_read.skipped}["pipe.txt"].startswith("not a regular file")


# --- fault 4: one article stops the build ------------------------------------------------------


@pytest.mark.parametrize(
    "dateline", [" date 0001-01-01 ", " date 0001-01-03 ", " date 9999-12-31 ", " date 9999-12-25 "]
)
def test_4_a_dateline_at_the_ends_of_the_calendar_is_refused_not_fatal(tmp_path, dateline):
    text = "Mayor Ilse Brandt of Korvik said yesterday and on Friday that this week, the next day, 40 came."
    corpus = corpus_of(tmp_path / "corpus", {"edge.txt": dateline + text})
    result, data = export(corpus)
    assert result.exit_code == 0, result.output
    documents = {d["id"]: d for d in data["documents"]}
    assert set(documents) == {"harbour", "bridge", "edge"} and documents["edge"]["date"] is None
    assert "outside the years 1000 to 8999" in reported(data)["edge.txt"]["reason"]


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_4_a_curated_date_at_either_end_of_the_calendar_is_a_one_line_error(tmp_path, value):
    corpus = corpus_of(tmp_path / "corpus", {"curation.yaml": f"date:\n  harbour: {value}\n"})
    line = one_line_error(export(corpus)[0])
    assert "curation.yaml, line 2: date.harbour" in line and "outside the years" in line


def test_4_date_arithmetic_gives_none_instead_of_overflowing():
    assert add_duration("9999-12-31", "P1D") is None and add_duration("8999-12-31", "P1D") == "9000-01-01"
    assert add_duration("2023-01-01", "P99999999999D") is None
    assert calendar_value("9999-W52") is None and calendar_value("2023-W53") is None
    assert as_day("2023-02-30") is None and as_day("2023-99-99") is None


def test_4_an_article_the_extraction_raises_on_is_reported_and_the_rest_builds(tmp_path, monkeypatch):
    real = builder.extract.article.extract_article

    def fragile(document, doc):
        if "Korvik" in document.text:
            raise OverflowError("date value out of range")
        return real(document, doc)

    monkeypatch.setattr(builder.extract.article, "extract_article", fragile)
    corpus = corpus_of(tmp_path / "corpus")
    result, data = export(corpus, "--no-cache")
    assert result.exit_code == 0, result.output
    assert [d["id"] for d in data["documents"]] == ["harbour"]
    entry = reported(data)["bridge.txt"]
    assert entry["severity"] == "failed" and "OverflowError: date value out of range" in entry["reason"]
    strict, _ = export(corpus, "--no-cache", "--strict")
    assert one_line_error(strict) == (
        "Error: 1 article could not be processed and was left out (--strict): bridge.txt"
    )


def test_4_dossier_build_leaves_the_article_out_and_strict_fails_naming_it(tmp_path, monkeypatch, caplog):
    real = builder.extract.article.extract_article

    def fragile(document, doc):
        if "Korvik" in document.text:
            raise OverflowError("date value out of range")
        return real(document, doc)

    monkeypatch.setattr(builder.extract.article, "extract_article", fragile)
    corpus = corpus_of(tmp_path / "corpus")
    result = build_site(corpus, tmp_path / "site", "--no-cache")
    assert result.exit_code == 0, result.output
    report = (tmp_path / "site" / "report" / "index.html").read_text(encoding="utf-8")
    assert "<code>bridge.txt</code></td><td>failed</td>" in report and "OverflowError" in report
    assert "bridge.txt could not be processed and was left out" in caplog.text
    strict = build_site(corpus, tmp_path / "strict-site", "--no-cache", "--strict")
    line = one_line_error(strict)
    assert line == "Error: 1 article could not be processed and was left out (--strict): bridge.txt"
    assert (tmp_path / "strict-site" / "index.html").exists()  # the site is built either way


def test_4_an_article_the_parse_raises_on_costs_only_that_article(tmp_path, monkeypatch):
    class Pipeline:  # nlp.pipe that stops on one text, as a parser bug would
        def pipe(self, texts, **kwargs):
            for text in texts:
                if "poison" in text:
                    raise ValueError("the parser stopped")
                yield text

    monkeypatch.setattr(
        builder.extract.article, "extract_article", lambda document, doc: ArticleExtraction(document.id)
    )
    one, two = read_corpus(corpus_of(tmp_path / "corpus")).documents
    outcomes = list(extract_guarded(Pipeline(), [one, replace(two, id="bad", text="poison"), two]))
    assert outcomes[0] == ArticleExtraction(one.id) and outcomes[2] == ArticleExtraction(two.id)
    assert isinstance(outcomes[1], ArticleFailure) and outcomes[1].doc_id == "bad"
    assert outcomes[1].error.startswith("ValueError: the parser stopped")


def test_4_an_article_the_resolution_raises_on_is_found_and_left_out(tmp_path, monkeypatch):
    real = builder.pipeline.resolve_dossier

    def fragile(documents, extractions, model_name=""):
        if any("Korvik" in d.text for d in documents):
            raise OverflowError("date value out of range")
        return real(documents, extractions, model_name=model_name)

    monkeypatch.setattr(builder.pipeline, "resolve_dossier", fragile)
    result, data = export(corpus_of(tmp_path / "corpus"), "--no-cache")
    assert result.exit_code == 0, result.output
    assert [d["id"] for d in data["documents"]] == ["harbour"]
    assert reported(data)["bridge.txt"]["severity"] == "failed"


def test_4_a_failure_no_single_article_explains_is_raised_as_it_is(monkeypatch):
    def broken(documents, extractions, model_name=""):
        if len(documents) > 1:
            raise RuntimeError("a bug across articles")
        return None

    monkeypatch.setattr(builder.pipeline, "resolve_dossier", broken)
    with pytest.raises(RuntimeError, match="across articles"):
        builder.pipeline.resolve_guarded([object(), object()], [object(), object()], "m")


def test_4_errors_are_told_in_one_line_with_the_place_in_the_builder(tmp_path):
    with pytest.raises(OSError) as caught:
        read_bytes_checked(tmp_path / "gone.txt")
    line = describe_error(caught.value)
    assert line.startswith("FileNotFoundError: [Errno 2] No such file or directory")
    assert "(builder/corpus.py:" in line and "\n" not in line


# --- fault 5: a curation file that exhausts memory ---------------------------------------------


def billion_laughs(levels: int = 9) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, levels + 1):
        name, previous = chr(ord("a") + index), chr(ord("a") + index - 1)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    lines.append(f"suppress: *{chr(ord('a') + levels)}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (billion_laughs(), "line 2: YAML aliases (*name) are not allowed"),
        ("suppress: " + "[" * 5000 + "]" * 5000 + "\n", "nested more than 10 levels deep"),
        ("# a comment\n" * 100_000, "larger than 1 MB"),
    ],
    ids=["aliases", "nesting", "size"],
)
def test_5_a_curation_bomb_is_refused_before_it_grows(tmp_path, text, problem):
    path = tmp_path / "curation.yaml"
    path.write_text(text, encoding="utf-8")
    tracemalloc.start()
    try:
        with pytest.raises(
            CurationError, match=problem.replace("(", r"\(").replace(")", r"\)").replace("*", r"\*")
        ):
            load_curation(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 50 * 1024 * 1024


# --- fault 6: curation values the schema let through ---------------------------------------


@pytest.mark.parametrize(
    ("curation", "expected"),
    [
        (
            "date:\n  harbour: 2023-02-30\n",
            "line 2: date.harbour: '2023-02-30' is not a calendar date: February 2023 has 28 days",
        ),
        ('date:\n  harbour: "2023-02-30"\n', "line 2: date.harbour: '2023-02-30' is not a calendar date"),
        (
            "role:\n  - {actor: Anton Velk, title: Governor, as_of: 2023-13-01}\n",
            "line 2: role.0.as_of: '2023-13-01' has no month 13",
        ),
        ('date:\n  harbour: "2023-99-99"\n', "line 2: date.harbour: '2023-99-99' has no month 99"),
        (
            "suppress: [Caf\xe9 Zentral]\n".encode("latin-1"),
            "line 1: not UTF-8 (byte 0xe9); save the file as UTF-8",
        ),
        (b"suppress: [a]\nalias:\n  b: [c]\n\xff\n", "line 4: not UTF-8"),
        ("suppress: [a]\n\x07\n", "line 2: not valid YAML: control character U+0007 is not allowed"),
    ],
    ids=["impossible date", "quoted", "month 13", "99-99", "latin-1", "bad byte", "control character"],
)
def test_6_a_bad_curation_value_is_one_line_naming_file_line_and_fix(tmp_path, curation, expected):
    corpus = corpus_of(tmp_path / "corpus", {"curation.yaml": curation})
    line = one_line_error(export(corpus)[0])
    assert f"{corpus / 'curation.yaml'}, {expected}" in line, line
    assert line.rstrip().endswith(("YYYY-MM-DD", "01 to 12", "save the file as UTF-8", "remove it"))


def test_6_valid_curation_dates_still_work(tmp_path):
    path = tmp_path / "curation.yaml"
    path.write_text("date:\n  a: 2024-02-29\nrole:\n  - {actor: X, title: Y, as_of: 2023-12-31}\n", "utf-8")
    assert load_curation(path) == {
        "date": {"a": "2024-02-29"},
        "role": [{"actor": "X", "title": "Y", "as_of": "2023-12-31"}],
    }


def test_6_the_same_errors_from_mkdocs_build_are_one_line(tmp_path):
    corpus = corpus_of(tmp_path / "corpus", {"curation.yaml": "date:\n  harbour: 2023-02-30\n"})
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"site_name: T\ndocs_dir: {ROOT / 'docs'}\nsite_dir: {tmp_path / 'site'}\ntheme:\n  name: material\n"
        f"plugins:\n  - dossier:\n      corpus: {corpus}\n      curation: {corpus / 'curation.yaml'}\n"
        f"      templates: {ROOT / 'templates'}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [str(MKDOCS), "build", "-f", str(config)], capture_output=True, text=True, timeout=300, cwd=tmp_path
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "ERROR" in line]
    assert len(errors) == 1 and "curation.yaml, line 2: date.harbour" in errors[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "mkdocs.yml"]  # no site, no leftovers


# --- fault 7: the output folder ---------------------------------------------------------------


def build_site(corpus: Path, site: Path, *options: str):
    return CliRunner().invoke(
        main,
        ["build", "--corpus", str(corpus), "--site-dir", str(site), "--no-curation", "--jobs", "1", *options],
    )


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    """A site built once, whose files the output cases check they leave alone."""
    base = tmp_path_factory.mktemp("output")
    corpus = corpus_of(base / "corpus")
    site = base / "site"
    patch = pytest.MonkeyPatch()
    patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    try:
        result = build_site(corpus, site)
    finally:
        patch.undo()
    assert result.exit_code == 0, result.output
    return corpus, site


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize(
    ("code", "message"),
    [(errno.ENOSPC, "No space left on device"), (errno.EROFS, "Read-only file system")],
    ids=["full", "read-only"],
)
def test_7_a_full_or_read_only_disk_is_one_line_and_the_previous_site_stays(
    built_site, monkeypatch, caplog, code, message
):
    import mkdocs.utils

    corpus, site = built_site
    before = tree(site)
    real = mkdocs.utils.write_file
    writes = []

    def failing(content, output_path):
        writes.append(output_path)
        if len(writes) > 3:  # half-way through writing the pages
            raise OSError(code, os.strerror(code))
        return real(content, output_path)

    monkeypatch.setattr(mkdocs.utils, "write_file", failing)
    result = build_site(corpus, site)
    line = one_line_error(result)
    assert f"cannot write the site into {site}: {message}" in line and "was left as it was" in line
    assert tree(site) == before
    assert [p.name for p in site.parent.iterdir() if p.name.startswith(".site")] == []


def test_7_a_site_path_under_a_regular_file_is_one_line(tmp_path, caplog):
    corpus = corpus_of(tmp_path / "corpus")
    (tmp_path / "a file").write_text("not a folder", encoding="utf-8")
    with caplog.at_level(logging.ERROR):
        result = build_site(corpus, tmp_path / "a file" / "site")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{tmp_path / 'a file'} is a file, not a folder" in caplog.text


def test_7_a_build_that_dies_leaves_the_previous_site_and_the_next_build_tidies_up(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead = int(child.stdout)  # the id of a process that has ended
    swap = SiteSwap.begin(site)
    (swap.building / "half.html").write_text("half", encoding="utf-8")
    stale = swap.building.rename(tmp_path / f".site.dossier-{dead}-killed")  # as a killed build leaves it
    assert (site / "index.html").read_text(encoding="utf-8") == "previous site"
    again = SiteSwap.begin(site)
    assert not stale.exists()
    (again.building / "index.html").write_text("new site", encoding="utf-8")
    removal = again.finish()
    assert (site / "index.html").read_text(encoding="utf-8") == "new site"
    assert removal is not None
    removal.wait()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_7_a_swap_that_fails_half_way_puts_the_previous_site_back(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    swap = SiteSwap.begin(site)
    real, renames = os.rename, []

    def second_fails(source, destination):
        renames.append(source)
        if len(renames) == 2:
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV), str(source))
        return real(source, destination)

    monkeypatch.setattr(os, "rename", second_fails)
    with pytest.raises(SiteOutputError, match=f"cannot put the new site in place at {site}"):
        swap.finish()
    assert (site / "index.html").read_text(encoding="utf-8") == "previous site"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_7_the_caches_are_written_while_the_previous_site_is_removed(tmp_path, monkeypatch):
    """``finish(meanwhile)``: the new site is in place when ``meanwhile`` runs, the previous one is
    gone once its removal is waited for, and a swap that fails runs nothing after it."""
    site = tmp_path / "site"
    site.mkdir()
    for n in range(50):
        (site / f"page-{n}.html").write_text("previous site", encoding="utf-8")
    swap = SiteSwap.begin(site)
    (swap.building / "index.html").write_text("new site", encoding="utf-8")
    seen = []
    removal = swap.finish(meanwhile=lambda: seen.append((site / "index.html").read_text(encoding="utf-8")))
    assert seen == ["new site"]
    assert removal is not None
    removal.wait()
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
    assert [p.name for p in site.iterdir()] == ["index.html"]

    failing = SiteSwap.begin(site)
    monkeypatch.setattr(os, "rename", lambda *_: (_ for _ in ()).throw(OSError(errno.EXDEV, "cross-device")))
    with pytest.raises(SiteOutputError):
        failing.finish(meanwhile=lambda: seen.append("ran"))
    assert seen == ["new site"]


SLOW_SWAP = """
import sys
from pathlib import Path
from builder.plugin import site_output
site, go = Path(sys.argv[1]), Path(sys.argv[2])
# The remover waits for the test's word before it removes anything.
site_output.REMOVER = (
    "import pathlib, shutil, sys, time\\n"
    f"while not pathlib.Path({str(go)!r}).exists(): time.sleep(0.05)\\n"
    "shutil.rmtree(sys.argv[1])"
)
swap = site_output.SiteSwap.begin(site)
(swap.building / "index.html").write_text("new site", encoding="utf-8")
removal = swap.finish()
import threading
# No thread is left waiting for the remover: the next build in this process may still fork.
print("apart" if removal.apart else "waited", threading.active_count())
"""


@pytest.mark.skipif(not hasattr(os, "posix_spawn"), reason="the removal runs apart where processes spawn")
def test_7_a_build_ends_without_waiting_for_the_previous_site_to_be_removed(tmp_path):
    """The previous site is removed by a process of its own, which holds none of the build's
    streams: a caller reading the build's output gets it all while the removal still runs,
    and the removal ends on its own."""
    site, go = tmp_path / "site", tmp_path / "go"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    build = subprocess.run(
        [sys.executable, "-c", SLOW_SWAP, str(site), str(go)],
        capture_output=True,
        text=True,
        timeout=120,  # a remover holding the build's output would keep this waiting for ever
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
    )
    assert build.returncode == 0, build.stderr
    assert build.stdout.split() == ["apart", "1"]
    assert (site / "index.html").read_text(encoding="utf-8") == "new site"
    (old,) = [p for p in tmp_path.iterdir() if p.name.startswith(".site.dossier-")]
    assert (old / "index.html").read_text(encoding="utf-8") == "previous site"  # not removed yet
    go.touch()
    for _ in range(1200):
        if not old.exists():
            break
        time.sleep(0.05)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["go", "site"]


def test_7_the_site_is_swapped_in_with_the_permissions_a_folder_gets(tmp_path):
    swap = SiteSwap.begin(tmp_path / "new-site")
    (swap.building / "index.html").write_text("site", encoding="utf-8")
    swap.finish()
    umask = os.umask(0o022)
    os.umask(umask)
    assert (tmp_path / "new-site").stat().st_mode & 0o777 == 0o777 & ~umask
    with pytest.raises(SiteOutputError, match="index.html is a file, not a folder"):
        SiteSwap.begin(tmp_path / "new-site" / "index.html" / "site")


WORKER = """
import sys, time
from pathlib import Path
from builder.faults import exit_with_parent
output = Path(sys.argv[1])
output.write_bytes(b"half a PDF")
exit_with_parent(cleanup=output.unlink)
time.sleep(60)
"""
BUILD = """
import subprocess, sys, time
worker = subprocess.Popen([sys.executable, sys.argv[1], sys.argv[2]])
print(worker.pid, flush=True)
time.sleep(60)
"""


def test_7_a_worker_ends_with_its_killed_build_and_removes_its_file(tmp_path):
    (tmp_path / "worker.py").write_text(WORKER, encoding="utf-8")
    (tmp_path / "build.py").write_text(BUILD, encoding="utf-8")
    output = tmp_path / "briefing.pdf"
    command = [sys.executable, str(tmp_path / "build.py"), str(tmp_path / "worker.py"), str(output)]
    build = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    worker = int(build.stdout.readline())
    deadline = time.monotonic() + 30
    while not output.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    build.kill()  # SIGKILL: the build can clean nothing up itself
    build.wait()
    while process_alive(worker) and not _zombie(worker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not process_alive(worker) or _zombie(worker), "the worker outlived its build"
    assert not output.exists()


def _zombie(pid: int) -> bool:
    """Ended, and waiting for its new parent to collect it."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] == "Z"
    except (OSError, IndexError):
        return False


def test_7_temporary_files_of_dead_builds_are_removed_only_theirs(tmp_path):
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead = int(child.stdout)
    (tmp_path / f"dossier-briefing-{dead}-abc.pdf").write_bytes(b"%PDF half")
    (tmp_path / f"dossier-briefing-{os.getpid()}-abc.pdf").write_bytes(b"%PDF mine")
    (tmp_path / "dossier-briefing-notes.pdf").write_bytes(b"someone's")
    assert remove_stale(tmp_path, "dossier-briefing-") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"dossier-briefing-{os.getpid()}-abc.pdf",
        "dossier-briefing-notes.pdf",
    ]


# --- fault 8: binary without NUL bytes, UTF-16 ----------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "read", "reason"),
    [
        (bytes(range(1, 256)) * 20, False, "not a text article"),
        (bytes(b % 255 + 1 for b in hashlib.sha256(b"seed").digest() * 200), False, "not a text article"),
        (b"\x01\x02\x03\x04\x05\x06 ok" * 50, False, "control or unprintable"),
        ("\ufeff date 2023-05-01 The Finance Ministry of Oresta met.".encode("utf-16"), True, None),
        (" date 2023-05-01 The Finance Ministry of Oresta met.".encode("utf-32"), True, None),
        (
            " date 2023-05-01 The Finance Ministry of Oresta met.".encode("utf-16-le"),
            False,
            "byte-order mark",
        ),
        ("Le caf\xe9 de Corvane a ferm\xe9.".encode("latin-1"), True, None),
    ],
    ids=["random high bytes", "hash noise", "controls", "utf-16", "utf-32", "utf-16 without bom", "latin-1"],
)
def test_8_text_is_told_from_binary(raw, read, reason):
    text, note = decode_article(raw)
    assert (text is not None) == read, note
    if reason:
        assert reason in note
    if read:
        assert "Oresta" in text or "Corvane" in text


def test_8_random_binary_is_never_published(tmp_path):
    noise = bytes((b * 7 + 3) % 255 + 1 for b in range(4000))
    corpus = corpus_of(
        tmp_path / "corpus",
        {"noise.txt": noise, "utf16.txt": GOOD["harbour.txt"].replace("Velk", "Vessel").encode("utf-16")},
    )
    result, data = export(corpus)
    assert result.exit_code == 0
    assert {d["id"] for d in data["documents"]} == {"harbour", "bridge", "utf16"}
    assert reported(data)["noise.txt"]["severity"] == "skipped"


# --- fault 9: SOURCE_DATE_EPOCH -------------------------------------------------------------------


@pytest.mark.parametrize("epoch", ["253402300800", "99999999999999999999", "-1", "1.5", "tomorrow"])
def test_9_a_bad_source_date_epoch_is_refused_with_a_message(tmp_path, monkeypatch, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    with pytest.raises(BuildDateError, match="SOURCE_DATE_EPOCH"):
        build_date()
    line = one_line_error(export(corpus_of(tmp_path / "corpus"))[0])
    assert "SOURCE_DATE_EPOCH" in line and "seconds since 1970" in line


def test_9_a_bad_source_date_epoch_stops_dossier_build_in_one_line(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300800")  # the year 10000
    with caplog.at_level(logging.ERROR):
        result = build_site(corpus_of(tmp_path / "corpus"), tmp_path / "site")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "SOURCE_DATE_EPOCH='253402300800' is not a build date" in caplog.text
    assert not (tmp_path / "site").exists()


def test_9_a_good_source_date_epoch_still_dates_the_build(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert build_date() == dt.date(2026, 1, 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    assert build_date() == dt.date.today()


# --- the fuzz test: small random corpora, good and hostile files mixed ------------------------------

PEOPLE = ["Ilse Brandt", "Anton Velk", "Mara Quell", "Oskar Lindholm", "Dara Vesk", "Tomas Aldren"]
PLACES = ["Korvik", "Marrow Bay", "Halden", "Saltmere", "Brill", "Palvo"]
ODD_NAMES = [
    "report",
    "Informe de Economía ñ",
    "index",
    "n" * 120,
    "<img src=x onerror=1>",
    "a  b",
    "2023-01-01",
]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-32", "latin-1", "crlf"]
EDGE_DATELINES = [
    " date 0001-01-01 ",
    " date 9999-12-31 ",
    " date 2023-02-30 ",
    " date 9999-99-99 ",
    "date 1000-1-1 ",
]
CURATIONS = {
    "valid": ["suppress: [Nobody Here]\n", "date:\n  g0: 2023-03-01\n", "kind:\n  Korvik: place\n"],
    "invalid": [
        billion_laughs(3),
        "date:\n  g0: 2023-02-30\n",
        'date:\n  g0: "2023-99-99"\n',
        "role:\n  - {actor: Ilse Brandt, title: Mayor, as_of: 2023-13-01}\n",
        "merge: [a, b\n",
        "rename: {a: b}\n",
    ],
}


def snapshot(folder: Path, leaving_out: Path | None = None) -> dict[Path, tuple[bool, bytes | None]]:
    """Every path below ``folder`` (but ``leaving_out``): whether it is a link, and a file's bytes."""
    return {
        path: (path.is_symlink(), path.read_bytes() if path.is_file() else None)
        for path in sorted(folder.rglob("*"))
        if leaving_out is None or not path.is_relative_to(leaving_out)
    }


@st.composite
def good_articles(draw, index: int) -> tuple[str, bytes]:
    """A readable article (its file name and bytes) in one of the encodings the reader accepts."""
    person, place, other = (
        draw(st.sampled_from(PEOPLE)),
        draw(st.sampled_from(PLACES)),
        draw(st.sampled_from(PLACES)),
    )
    day = draw(st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2025, 12, 31))))
    dateline = f" date {day.isoformat()} " if day else ""
    text = (
        f"{dateline}Mayor {person} of {place} said on Monday that {draw(st.integers(2, 9000))} officers "
        f"were sent to {other} (report {index}).\n\n"
        f"Two days later, {draw(st.integers(2, 90))} people were detained."
    )
    encoding = draw(st.sampled_from(ENCODINGS))
    if encoding == "crlf":
        data = text.replace("\n", "\r\n").encode("utf-8")
    elif encoding == "latin-1":
        data = text.replace("Monday", "lundi, café").encode("latin-1")
    else:
        data = text.encode(encoding)
    name = f"g{index} {draw(st.sampled_from(ODD_NAMES))}{draw(st.sampled_from(['.txt', '.md', '.TXT']))}"
    return name, data


hostile_content = st.one_of(
    st.binary(max_size=1500),
    st.text(max_size=400).map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.tuples(
        st.sampled_from(EDGE_DATELINES),
        st.sampled_from(["yesterday", "tomorrow", "the next day", "this week"]),
    ).map(lambda pair: f"{pair[0]}Officials in Brill said {pair[1]} that 30 police officers came.".encode()),
    st.text(alphabet=st.characters(max_codepoint=0x1F), min_size=20, max_size=200).map(str.encode),
)
hostile_names = st.one_of(
    st.sampled_from([".hidden.txt", ".#lock.txt", "notes.txt~", "#auto.txt#", "x.txt.swp", "plain.csv"]),
    st.text(
        alphabet=st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)),
        min_size=1,
        max_size=30,
    ),
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(
    data=st.data(),
    hostile=st.lists(st.tuples(hostile_names, hostile_content), max_size=3),
    curation=st.one_of(
        st.none(),
        st.tuples(st.just("valid"), st.sampled_from(CURATIONS["valid"])),
        st.tuples(st.just("invalid"), st.sampled_from(CURATIONS["invalid"])),
        st.tuples(st.just("bytes"), st.binary(max_size=200)),
    ),
)
def test_fuzz_a_random_corpus_builds_or_refuses_in_one_line(tmp_path_factory, data, hostile, curation):
    base = tmp_path_factory.mktemp("fuzz")
    corpus = base / "corpus"
    corpus.mkdir()
    good = dict(data.draw(good_articles(index)) for index in range(data.draw(st.integers(1, 3))))
    for name, content in good.items():
        (corpus / name).write_bytes(content)
    for index, (name, content) in enumerate(hostile):
        path = corpus / f"h{index}-{name}"
        try:
            path.write_bytes(content)
        except OSError:  # a name this file system refuses (too long in bytes)
            continue
    if curation is not None:
        text = curation[1]
        (corpus / "curation.yaml").write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    (base / "beside.txt").write_text("a file next to the corpus", encoding="utf-8")
    signing_key()  # made before the snapshot: the user's key is not an output of the build
    before = snapshot(base)
    out = base / "out"
    output = out / "dossier.json"
    options = ["--corpus", str(corpus), "-o", str(output), "--jobs", "1", "--cache-dir", str(out / "cache")]
    result = CliRunner().invoke(main, ["export", *options])
    assert snapshot(base, leaving_out=out) == before  # nothing outside the output folder changed
    if result.exit_code != 0:
        # Only the curation file may stop a build, and it says why in one line.
        assert curation is not None and curation[0] != "valid", result.output
        assert "curation.yaml" in one_line_error(result)
        return
    assert "Traceback" not in result.output
    documents = json.loads(output.read_text(encoding="utf-8"))["documents"]
    assert set(good) <= {document["path"] for document in documents}
