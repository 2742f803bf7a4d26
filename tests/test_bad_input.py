"""Bad input: every case of the matrix is read, or reported and skipped; never fatal, never live markup.

The reader cases run on small inline files. The integration test salts the
seed corpus with every case and runs the real `dossier build`.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import shutil
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
import spacy
from click.testing import CliRunner

from builder.cli import main
from builder.corpus import read_corpus
from builder.extract import nlp as nlp_stage
from builder.extract.nlp import PIECE_CHARS, parse_documents, text_pieces
from builder.model import Actor, ArticleExtraction
from builder.pipeline import unread_paragraph_warnings
from builder.plugin.page_title import escaped_title
from builder.publish import export as export_module
from builder.publish.charts import network_chart
from builder.publish.export import events_csv, figures_csv, write_json
from builder.publish.links import Linker
from builder.publish.pages import render_site

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
TEMPLATES = ROOT / "templates"

# Invented texts about invented places; the markup must come out as literal text.
MARKUP = (
    ' date 2023-06-01 Police chief Dara Quell said <script>alert("xss")</script> appeared in Halden.\n\n'
    "A leaflet showed <img src=x onerror=alert(1)> and a link [click here](javascript:alert(1)) "
    'beside {{ config }} and {% include "secret.txt" %}.\n\n'
    "# Not a heading\n\n"
    '<iframe src="https://example.com/x"></iframe> <a href="javascript:alert(3)">bait</a> ${7*7} `code`'
)
TITLE_BREAKOUT = (
    "Officials said &lt;b&gt; and </title><script>alert(2)</script> was posted in Brill.\n\nMore later."
)
LONG_PARAGRAPH = (
    "Mayor Ilse Brandt of Korvik said on Monday that 40 officers patrolled the harbour district. "
    "Governor Anton Velk visited Marrow Bay with the mayor. "
)

# file name -> (content, what the build must do with it: "skipped", "warning" or "read")
BAD_INPUT: dict[str, tuple[bytes | str, str]] = {
    "empty.txt": (b"", "skipped"),
    "whitespace.md": (b"  \n\t\n   \r\n", "skipped"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01", "skipped"),
    "latin1.txt": ("Officials in Corvane said the caf\xe9 was closed.".encode("latin-1"), "warning"),
    "bom.txt": (
        "\ufeff date 2023-04-02 Mayor Ilse Brandt of Korvik said 40 officers patrolled the port.",
        "read",
    ),
    "crlf.txt": (
        b" date 2023-04-03 Governor Anton Velk visited Marrow Bay.\r\n\r\nHe met 12 fishermen.\r\n",
        "read",
    ),
    "bad dateline.txt": (" date 2024-13-45 The council of Tessaly met to discuss the flood.", "warning"),
    "future.txt": (" date 2099-01-01 Senator Olga Rinn will open the new bridge in Palvo.", "warning"),
    "french.txt": (
        "Le ministre Jean Valmont a déclaré que la police avait arrêté plusieurs suspects à Lyon hier soir. "
        "Les habitants du quartier ont exprimé leur inquiétude face à la montée de la violence.\n\n"
        "Selon le porte-parole Claire Dubois, les opérations continueront toute la semaine prochaine.",
        "read",
    ),
    "Informe de Économía ñ.txt": (
        " date 2023-05-01 The Finance Ministry of Oresta reported a deficit.",
        "read",
    ),
    "markup.md": (MARKUP, "read"),
    "title.txt": (TITLE_BREAKOUT, "read"),
    # A name that starts with a dot is a hidden file, however it goes on: not read, listed.
    "..txt": ("An article whose file name is only dots, about the harbour of Brill.", "skipped"),
    "n" * 240 + ".txt": ("An article with a very long file name about the port of Saltmere.", "read"),
    "<img src=x onerror=alert(9)>.txt": ("A file name with markup, about the ferry to Saltmere.", "read"),
    "index.txt": ("An article named like a folder's index page, about the mill in Brill.", "read"),
    "notes.pdf": (b"%PDF-1.4 not an article", "skipped"),
    "long.txt": (" date 2023-07-01 " + (LONG_PARAGRAPH * 4 + "\n\n") * 45, "read"),
}


def write_cases(folder: Path, cases: dict[str, tuple[bytes | str, str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (content, _) in cases.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (folder / name).write_bytes(data)


# --- the reader -------------------------------------------------------------------


def test_reader_matrix(tmp_path):
    write_cases(tmp_path, BAD_INPUT)
    (tmp_path / "zz crlf copy.txt").write_bytes(BAD_INPUT["crlf.txt"][0].replace(b"\r\n", b"\n"))
    corpus = read_corpus(tmp_path, today=dt.date(2026, 1, 1))
    skipped = {s.path: s.reason for s in corpus.skipped if s.severity == "skipped"}
    warned = {s.path: s.reason for s in corpus.skipped if s.severity == "warning"}
    documents = {Path(d.path).name: d for d in corpus.documents}

    for name, (_, outcome) in BAD_INPUT.items():
        assert (name in skipped) == (outcome == "skipped"), name
        assert (name in warned) == (outcome == "warning"), name
        assert (name in documents) == (outcome != "skipped"), name
    assert "empty" in skipped["empty.txt"] and "empty" in skipped["whitespace.md"]
    assert "binary" in skipped["binary.txt"]
    assert "not UTF-8" in warned["latin1.txt"] and documents["latin1.txt"].text.startswith("Officials")
    assert "malformed dateline" in warned["bad dateline.txt"] and documents["bad dateline.txt"].date is None
    assert "future" in warned["future.txt"] and documents["future.txt"].date is None
    # The same article twice, once with Windows line ends: one is kept, the other named.
    assert "duplicate of crlf.txt" in skipped["zz crlf copy.txt"]
    assert documents["bom.txt"].date == "2023-04-02" and documents["bom.txt"].text.startswith("Mayor")
    crlf = documents["crlf.txt"]
    assert [crlf.text[p.start : p.end] for p in crlf.paragraphs] == [
        "Governor Anton Velk visited Marrow Bay.",
        "He met 12 fishermen.",
    ]
    assert documents["Informe de Économía ñ.txt"].id == "Informe de Économía ñ"
    assert "hidden file" in skipped["..txt"]
    assert "not an article" in skipped["notes.pdf"]
    assert all(not Path(d.path).is_absolute() for d in corpus.documents)


def test_three_megabyte_article_is_parsed_in_pieces_with_offsets_right(tmp_path):
    """A real 3 MB file through the reader and the piecewise parse (blank pipeline: fast)."""
    paragraph = "Mayor Quinn of Westport spoke. " * 40 + "\n\n"
    text = paragraph * (3_000_000 // len(paragraph)) + "Closing words from Harriet Vale."
    (tmp_path / "dump.txt").write_text(text, encoding="utf-8")
    (document,) = read_corpus(tmp_path).documents
    assert len(document.text) > 2_900_000
    nlp = spacy.blank("en")
    assert len(document.text) > nlp.max_length
    pieces = text_pieces(document.text, PIECE_CHARS)
    assert len(pieces) >= 30 and all(len(piece) <= nlp.max_length for _, piece in pieces)
    ((parsed_document, doc),) = parse_documents(nlp, [document])
    assert doc.text == document.text
    last = doc[-1]
    assert document.text[last.idx : last.idx + len(last.text)] == "Vale." or last.text == "."
    vale = [token for token in doc if token.text == "Harriet"][-1]
    assert document.text[vale.idx : vale.idx + 7] == "Harriet"


# --- names that would make bad file names --------------------------------------------


def test_hostile_actor_names_get_safe_unique_pages(sample_dossier):
    # Seen in two sentences: each has a page of its own (``links.deserves_page``).
    mentions = sample_dossier.actors[0].mentions
    assert len({mention.sentence for mention in mentions}) == 2
    hostile = [
        Actor(id="person:x1", name="../../etc/passwd", kind="person", mentions=mentions),
        Actor(id="person:x2", name="Ábel Ñúñez " * 30, kind="person", mentions=mentions),
        Actor(id="person:x3", name="Abel Nunez " * 30, kind="person", mentions=mentions),
        Actor(id="person:x4", name="José Pérez", kind="person", mentions=mentions),
        Actor(id="person:x5", name="Jose Perez", kind="person", mentions=mentions),
        Actor(id="person:x6", name="<img src=x onerror=alert(1)>", kind="person", mentions=mentions),
        Actor(id="person:x7", name="index", kind="person", mentions=mentions),
    ]
    dossier = replace(sample_dossier, actors=sample_dossier.actors + tuple(hostile))
    linker = Linker(dossier)
    pages = [linker.actor_page(actor.id) for actor in dossier.actors]
    assert len(set(pages)) == len(pages)
    for page in pages:
        assert re.fullmatch(r"actors/[a-z0-9]+(-[a-z0-9]+)*\.md", page), page
        assert len(page) <= len("actors/.md") + 60
    assert linker.actor_page("person:x7") != "actors/index.md"
    site = render_site(dossier, TEMPLATES)
    assert "&lt;img src&#61;x onerror&#61;alert&#40;1&#41;&gt;" in site[linker.actor_page("person:x6")]


def test_page_titles_are_escaped_once_for_the_theme():
    # What MkDocs hands over for "# Officials said </title><script>..." after escape_md.
    title = "Officials said &amp;lt;b&amp;gt; &lt;/title&gt;&lt;script&gt;alert&#40;2&#41; <code>x</code>"
    escaped = escaped_title(title)
    assert "<" not in escaped and "&lt;/title&gt;&lt;script&gt;" in escaped
    assert "&amp;lt;b&amp;gt;" in escaped  # literal entity text in the article stays literal
    assert html.unescape(escaped) == "Officials said &lt;b&gt; </title><script>alert(2) x"


def test_csv_cells_from_the_corpus_never_run_as_formulas(sample_dossier):
    figure = replace(
        sample_dossier.figures[0], counted='=HYPERLINK("http://x.example","y")', place="@SUM(A1)"
    )
    event = replace(sample_dossier.events[0], summary="+cmd|' /C calc'!A0", date_text="-2+3")
    dossier = replace(sample_dossier, figures=(figure,), events=(event,))
    cells = [
        cell
        for text in (figures_csv(dossier), events_csv(dossier))
        for row in csv.reader(io.StringIO(text))
        for cell in row
    ]
    assert '\'=HYPERLINK("http://x.example","y")' in cells and "'@SUM(A1)" in cells
    assert "'+cmd|' /C calc'!A0" in cells and "'-2+3" in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]


def test_chart_labels_from_the_corpus_are_escaped_svg_text(sample_dossier):
    actor = replace(sample_dossier.actors[0], name='<script>alert(1)</script> & "$x$"')
    svg = network_chart((actor,) + sample_dossier.actors[1:], "Source: test.")
    assert "<script>" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in svg
    ElementTree.fromstring(svg)  # well-formed XML


def test_unread_paragraphs_are_reported(sample_dossier):
    one, two = sample_dossier.documents
    extractions = [
        ArticleExtraction(one.id, unread_paragraphs=(1, 2)),
        ArticleExtraction(two.id, unread_paragraphs=(0, 1)),
    ]
    first, second = unread_paragraph_warnings([one, two], extractions)
    assert (first.path, first.severity) == (one.path, "warning")
    assert first.reason.startswith("paragraphs 2, 3 of 3 not read")
    assert second.reason.startswith("no paragraph read: not in English")
    assert unread_paragraph_warnings([one], [ArticleExtraction(one.id)]) == ()


def test_export_is_atomic_a_crash_leaves_the_old_file(sample_dossier, tmp_path, monkeypatch):
    target = tmp_path / "dossier.json"
    write_json(sample_dossier, target)
    before = target.read_bytes()
    assert json.loads(before)["documents"][0]["id"] == sample_dossier.documents[0].id

    def crash(source, destination):
        raise OSError("disk full")

    monkeypatch.setattr(export_module.os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        write_json(replace(sample_dossier, documents=()), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["dossier.json"]  # no temporary file left


# --- the curation file --------------------------------------------------------------


@pytest.mark.parametrize(
    ("curation", "line", "problem"),
    [
        ("merge:\n  - [Ilse Brandt, Mayor Brandt\nalias: {\n", 3, "not valid YAML"),
        ("suppress: [Korvik]\naliases:\n  Ilse Brandt: [Mayor Brandt]\n", 2, "aliases"),
        ("role:\n  - {actor: Ilse Brandt, title: Mayor, colour: red}\n", 2, "colour"),
        ("date:\n  a: 12 March\n", 2, "YYYY-MM-DD"),
    ],
)
def test_bad_curation_file_stops_the_build_with_file_and_line(tmp_path, caplog, curation, line, problem):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Mayor Ilse Brandt of Korvik opened the bridge.", encoding="utf-8")
    (corpus / "curation.yaml").write_text(curation, encoding="utf-8")
    site = tmp_path / "site"
    with caplog.at_level("ERROR"):
        result = CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--site-dir", str(site)])
    assert result.exit_code == 1, result.output
    # mkdocs logs the plugin's error, then aborts the build.
    (message,) = [r.getMessage() for r in caplog.records if "curation.yaml" in r.getMessage()]
    assert f"{corpus / 'curation.yaml'}, line {line}: " in message and problem in message
    assert message.count("curation.yaml") == 1
    assert "Traceback" not in result.output
    assert not (site / "index.html").exists()


def test_curation_naming_an_unknown_actor_is_a_warning_not_a_failure(tmp_path, caplog):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Mayor Ilse Brandt of Korvik opened the bridge.", encoding="utf-8")
    (corpus / "curation.yaml").write_text("suppress: [Nobody Atall]\n", encoding="utf-8")
    output = tmp_path / "d.json"
    with caplog.at_level("WARNING", logger="dossier"):
        result = CliRunner().invoke(main, ["export", "--corpus", str(corpus), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "Nobody Atall" in caplog.text
    assert json.loads(output.read_text(encoding="utf-8"))["documents"][0]["id"] == "a"


# --- the whole build on the salted seed corpus ------------------------------------------


class _LiveMarkup(HTMLParser):
    """Collects markup in a page that could only have come from the corpus and would run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        if tag in ("iframe", "img") and any(v and ("x" == v or "example.com" in v) for _, v in attrs):
            self.found.append(f"<{tag} {attrs}>")
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert(" in data:
            self.found.append(f"<script>{data[:60]}")


def live_markup(text: str) -> list[str]:
    parser = _LiveMarkup()
    parser.feed(text)
    parser.close()
    return parser.found


@pytest.fixture(scope="module")
def salted_site(tmp_path_factory):
    """`dossier build` on the seeds plus every bad case, long articles parsed in small pieces."""
    base = tmp_path_factory.mktemp("salted")
    corpus = base / "corpus"
    corpus.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for path in seeds:
        shutil.copy(path, corpus / path.name)
    shutil.copy(seeds[0], corpus / f"copy of {seeds[0].name}")
    write_cases(corpus, BAD_INPUT)
    patch = pytest.MonkeyPatch()
    patch.setattr(nlp_stage, "PIECE_CHARS", 4_000)  # long.txt (~25 kB) goes through in pieces
    patch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    try:
        result = CliRunner().invoke(
            main, ["build", "--corpus", str(corpus), "--site-dir", str(base / "site"), "--no-curation"]
        )
    finally:
        patch.undo()
    return {"result": result, "site": base / "site", "seeds": [p.name for p in seeds]}


def test_salted_build_exits_zero(salted_site):
    result = salted_site["result"]
    assert result.exit_code == 0, result.output + repr(result.exception)


def test_salted_build_reports_each_bad_file_by_name(salted_site):
    report = html.unescape((salted_site["site"] / "report" / "index.html").read_text(encoding="utf-8"))
    meta = json.loads((salted_site["site"] / "dossier.json").read_text(encoding="utf-8"))["meta"]
    reported = {entry["path"]: entry for entry in meta["skipped"]}
    first_seed = salted_site["seeds"][0]
    expected = {name: outcome for name, (_, outcome) in BAD_INPUT.items() if outcome != "read"}
    expected[f"copy of {first_seed}"] = "skipped"
    for name, outcome in expected.items():
        assert reported[name]["severity"] == outcome, name
        assert f"<code>{name}</code>" in report, name
        assert reported[name]["reason"] in report
    assert f"duplicate of {first_seed}" in reported[f"copy of {first_seed}"]["reason"]
    # Read, but nothing extracted: the analyst is told so.
    assert reported["french.txt"]["severity"] == "warning"
    assert "not in English" in reported["french.txt"]["reason"] and "<code>french.txt</code>" in report


def test_salted_build_has_a_source_page_for_every_good_article(salted_site):
    site = salted_site["site"]
    data = json.loads((site / "dossier.json").read_text(encoding="utf-8"))
    built = {Path(d["path"]).name for d in data["documents"]}
    good = {name for name, (_, outcome) in BAD_INPUT.items() if outcome != "skipped"}
    assert built == good | set(salted_site["seeds"])
    pages = sorted(p.parent.name for p in (site / "sources").glob("*/index.html"))
    assert len(pages) == len(built)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", page) for page in pages)


def test_salted_build_has_no_live_markup_from_the_corpus(salted_site):
    site = salted_site["site"]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        assert live_markup(page.read_text(encoding="utf-8")) == [], page
    # The search index text is shown as HTML by the theme's search.
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for entry in index["docs"]:
        assert live_markup(entry["title"]) == [] and live_markup(entry["text"]) == [], entry["location"]
    # Template syntax in an article is shown, never evaluated.
    markup_page = next(p for p in pages if p.parent.name == "markup")
    text = html.unescape(re.sub(r"<[^>]+>", "", markup_page.read_text(encoding="utf-8")))
    assert '{{ config }} and {% include "secret.txt" %}' in text
    assert "[click here](javascript:alert(1))" in text
    title = next(p for p in pages if p.parent.name == "title").read_text(encoding="utf-8")
    assert "&lt;/title&gt;&lt;script&gt;" in re.search(r"<title>(.*?)</title>", title, re.S).group(1)


def test_salted_build_keeps_offsets_right_in_pieces_and_reads_no_french(salted_site):
    data = json.loads((salted_site["site"] / "dossier.json").read_text(encoding="utf-8"))
    texts = {d["id"]: d["text"] for d in data["documents"]}
    mentions = [m for actor in data["actors"] for m in actor["mentions"]]
    assert all(texts[m["doc"]][m["start"] : m["end"]] == m["text"] for m in mentions)
    assert len(texts["long"]) > 4 * 4_000
    late = [m for m in mentions if m["doc"] == "long" and m["start"] > len(texts["long"]) - 4_000]
    assert {m["text"] for m in late} >= {"Ilse Brandt", "Marrow Bay"}
    assert [m for m in mentions if m["doc"] == "french"] == []
