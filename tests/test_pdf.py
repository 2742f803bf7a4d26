"""The PDF briefing on the hand-made dossier: read back with poppler as a reader would."""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from builder.publish import briefing as pdf
from builder.publish import pages as render
from builder.publish import site_files, typeset
from builder.publish.figure_groups import FIGURE_GROUPS
from builder.publish.templating import typst_text

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
POPPLER = all(shutil.which(tool) for tool in ("pdfinfo", "pdftotext", "pdftoppm", "pdffonts"))

needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils is not installed (make system-deps)")


@pytest.fixture(scope="module")
def briefing(sample_dossier, tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("pdf") / "briefing.pdf"
    return pdf.write_briefing(sample_dossier, TEMPLATES, output, title="Valdoria briefing")


def _run(*command) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def _pages(path: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(path)), re.M).group(1))


@needs_poppler
def test_briefing_has_every_section_in_order(briefing):
    text = _run("pdftotext", "-layout", str(briefing), "-")
    # The running header names the title and the section of each page after the cover.
    headers = [page.strip().splitlines()[0].split() for page in text.split("\f")[1:] if page.strip()]
    assert all(header[:2] == ["Valdoria", "briefing"] for header in headers)
    sections = list(dict.fromkeys(header[-1] for header in headers))
    # The last section is the appendix "Check these first" (its header's last word).
    assert sections == ["Contents", "Summary", "Chronology", "Figures", "Actors", "Sources", "first"]
    appendix = text.split("Appendix: Check these first")[-1]
    assert "curation.yaml" in appendix and ("suppress:" in appendix or "kind:" in appendix)
    assert "Valdoria briefing" in text
    assert "2024-03-04" in text and "2 articles (1 undated)" in text
    assert "Mara Quinlan" in text and "Interior Minister" in text
    assert ">1,200" in text and "police officers" in text
    # Corpus markup is printed as text, never interpreted.
    assert "Tomas Ferreira <script>" in text
    assert "{{ config }}" in text


@needs_poppler
def test_contents_carry_page_numbers_and_every_page_its_number(briefing):
    pages = _pages(briefing)
    assert pages >= 6
    first_page = _run("pdftotext", "-f", "2", "-l", "2", "-layout", str(briefing), "-")
    assert re.search(r"Chronology\s*\.+\s*\d+", first_page), first_page
    last_page = _run("pdftotext", "-f", str(pages), "-l", str(pages), str(briefing), "-")
    assert f"Page {pages} of {pages}" in last_page


@needs_poppler
def test_the_pdf_carries_the_title_and_the_build_date(briefing):
    info = _run("pdfinfo", str(briefing))
    assert re.search(r"^Title:\s+Valdoria briefing$", info, re.M)
    assert re.search(r"^CreationDate:.*2024", info, re.M)  # the sample dossier was built 2024-03-10


@needs_poppler
def test_every_font_is_embedded(briefing):
    rows = _run("pdffonts", str(briefing)).splitlines()[2:]
    assert rows, "the PDF uses no font at all"
    for row in rows:
        # Columns: name type encoding emb sub uni object ID; the name may hold no spaces.
        assert row.split()[-5] == "yes", row


@needs_poppler
def test_every_page_renders_to_an_image(briefing, tmp_path):
    _run("pdftoppm", "-r", "30", "-png", str(briefing), str(tmp_path / "page"))
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == _pages(briefing)
    assert all(image.stat().st_size > 1000 for image in images)


def _charts(source: str) -> list[str]:
    return re.findall(r'#chart\("([^"]+)"', source)


def test_charts_are_vectors_not_pictures(sample_dossier):
    source = pdf.briefing_source(sample_dossier, TEMPLATES)
    charts = _charts(source)
    assert "assets/charts/timeline.svg" in charts and "assets/charts/network.svg" in charts
    assert all(chart.endswith(".svg") for chart in charts)
    # The job hands the typesetter these charts and no other file.
    assert set(pdf.typeset_job(sample_dossier, TEMPLATES).charts) == set(charts)


@needs_poppler
def test_the_pdf_holds_no_picture_and_the_charts_text_is_text(briefing):
    assert shutil.which("pdfimages")
    assert len(_run("pdfimages", "-list", str(briefing)).splitlines()) == 2  # the two header lines
    text = _run("pdftotext", str(briefing), "-")
    assert "Events per month" in text  # the timeline chart's heading, drawn by matplotlib


def test_the_briefing_prints_the_sites_chart_of_every_category_with_figures(sample_dossier, monkeypatch):
    # One printed figure per group: the death toll (12, below 500 detained) is left out of the
    # casualty table, but its category's chart is still printed, as on the site.
    monkeypatch.setattr(pdf, "FIGURES_PER_GROUP", 1)
    source = pdf.briefing_source(sample_dossier, TEMPLATES)
    figures = source.split("= Figures <figures>")[1].split("= Actors <actors>")[0]
    # Each group's heading, then its categories' charts.
    printed = re.findall(r'== #"([^"]+)";|#chart\("assets/charts/(figures-[a-z]+\.svg)"', figures)
    drawn = sorted(path.removeprefix("assets/charts/") for path in render.render_charts(sample_dossier))
    assert [group or chart for group, chart in printed] == [
        "Security deployments",
        "figures-police.svg",
        "Casualties and detentions",
        "figures-killed.svg",
        "figures-detained.svg",
        "Migrants and displaced",
        "figures-displaced.svg",
    ]
    assert {chart for _, chart in printed if chart} == {path for path in drawn if path.startswith("figures-")}
    assert "The table lists the 1 largest of 2 figures in this group" in _text(source)


def test_every_internal_link_has_a_target(sample_dossier):
    source = pdf.briefing_source(sample_dossier, TEMPLATES)
    links = _links(source)
    assert {"summary", "chronology", "figures", "actors", "sources"} <= links
    assert "actor-mara-quinlan" in links and "source-2024-03-04-harbour" in links
    assert links <= _labels(source), links - _labels(source)
    assert not re.search(r"#link\((?!<)", source), "every link in the briefing stays inside it"


@pytest.mark.parametrize(
    "source",
    [
        '#read("/etc/passwd")',
        '#image("/etc/passwd")',
        '#read("../../../../etc/passwd")',
        '#image("assets/charts/timeline.svg")',
        '#image("https://example.com/chart.svg")',
    ],
)
def test_the_typesetter_reads_no_file(source):
    """Typst's project folder is an empty one: not even a template can read a file or a URL."""
    with pytest.raises(typeset.TypesetError, match="file not found|escape the project root"):
        typeset.typeset(typeset.TypesetJob(source, {"assets/charts/timeline.svg": "<svg/>"}))


def test_mkdocs_build_writes_the_briefing_and_links_it(sample_dossier, tmp_path, monkeypatch):
    """The plugin option `pdf: true` puts briefing.pdf in the site; the home page links it."""
    from browser_util import build_site

    import builder.pipeline

    monkeypatch.setattr(builder.pipeline, "build_dossier", lambda *args, **kwargs: sample_dossier)
    (tmp_path / "corpus").mkdir()
    site = build_site(tmp_path / "corpus", tmp_path / "site", pdf=True)
    typeset = (site / "briefing.pdf").read_bytes()
    assert typeset.startswith(b"%PDF-") and typeset.rstrip().endswith(b"%%EOF")
    assert 'href="briefing.pdf"' in (site / "index.html").read_text(encoding="utf-8")
    # The PDF was typeset in a worker and written at the end of the build; the build's files
    # were stored with it, so a rebuild with nothing changed writes the same PDF from the cache.
    again = build_site(tmp_path / "corpus", tmp_path / "site-again", pdf=True)
    assert (again / "briefing.pdf").read_bytes() == typeset


def test_a_build_that_fails_after_starting_the_pdf_stops_its_worker(sample_dossier, tmp_path, monkeypatch):
    import multiprocessing

    from browser_util import build_site

    import builder.pipeline

    def broken_render(*args, **kwargs):
        raise RuntimeError("rendering failed")

    monkeypatch.setattr(builder.pipeline, "build_dossier", lambda *args, **kwargs: sample_dossier)
    # The pages are rendered here in both ways of making the site's files (``publish.site_files``).
    monkeypatch.setattr(site_files, "render_pages", broken_render)
    (tmp_path / "corpus").mkdir()
    with pytest.raises(RuntimeError, match="rendering failed"):
        build_site(tmp_path / "corpus", tmp_path / "site", pdf=True)
    assert not [child for child in multiprocessing.active_children() if child.is_alive()]


def test_a_worker_typesets_the_same_pdf_as_this_process(sample_dossier, tmp_path):
    job = pdf.typeset_job(sample_dossier, TEMPLATES, today="2024-03-10")
    pending = typeset.PendingPdf(job, background=True)
    assert pending._worker is not None  # handed to a worker, not typeset here
    output = Path(pending._output)
    from_worker = pending.result()
    assert not output.exists()  # the worker's file is read and removed
    assert from_worker.startswith(b"%PDF-")
    # Same fonts and layout in both; only the creation date may differ, so compare the text.
    here = typeset.PendingPdf(job, background=False).result()
    (tmp_path / "worker.pdf").write_bytes(from_worker)
    (tmp_path / "here.pdf").write_bytes(here)
    texts = [
        subprocess.run(["pdftotext", str(tmp_path / name), "-"], capture_output=True, text=True).stdout
        for name in ("worker.pdf", "here.pdf")
    ]
    assert texts[0] == texts[1] and "Chronology" in texts[0]


def test_a_typst_error_says_what_and_where():
    with pytest.raises(typeset.TypesetError, match=r"unknown variable: no-such-function") as raised:
        typeset.typeset(typeset.TypesetJob("Text\n#no-such-function()\n", {}))
    assert "the rendered print template:2:" in str(raised.value)


def _typeset_in_forked_child(job, results) -> None:
    try:
        results.put(typeset.PendingPdf(job, background=False).result()[:5])
    except typeset.TypesetError as error:
        results.put(str(error))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")
def test_a_child_forked_after_typst_ran_still_gets_its_pdf(sample_dossier):
    """Typst's threads are not in a forked child: it hands the job to a spawned worker, and never hangs."""
    import multiprocessing

    job = pdf.typeset_job(sample_dossier, TEMPLATES)
    typeset.PendingPdf(job, background=False).result()  # Typst's threads start here
    fork = multiprocessing.get_context("fork")
    results = fork.Queue()
    # Its PDF, and a Typst error as clear as here.
    for given, expected in ((job, b"%PDF-"), (typeset.TypesetJob("#x()", {}), "unknown variable: x")):
        child = fork.Process(target=_typeset_in_forked_child, args=(given, results))
        child.start()
        try:
            got = results.get(timeout=120)
            assert expected == got if isinstance(got, bytes) else expected in got
        finally:
            child.join(10)
            if child.is_alive():
                child.kill()


def test_a_failed_build_does_not_wait_for_its_pdf(sample_dossier):
    pending = typeset.PendingPdf(pdf.typeset_job(sample_dossier, TEMPLATES), background=True)
    worker, output = pending._worker, Path(pending._output)
    pending.cancel()
    assert not worker.is_alive() and worker.exitcode != 0  # stopped, not run to the end
    assert not output.exists()  # its file is gone too


def test_a_worker_that_dies_is_a_clear_error(sample_dossier, monkeypatch):
    pending = typeset.PendingPdf(pdf.typeset_job(sample_dossier, TEMPLATES), background=True)
    output = Path(pending._output)
    pending._worker.kill()
    with pytest.raises(OSError, match="typesetting process stopped"):
        pending.result()
    assert not output.exists()


# --- at scale: caps, links, cache ------------------------------------------------


def _links(source: str) -> set[str]:
    """The labels a Typst briefing links to (its links and the lines of its contents)."""
    return set(re.findall(r"(?:link|contents-line|part)\(<([^>]+)>", source))


def _labels(source: str) -> set[str]:
    """The labels a Typst briefing puts on its entries (a label not in a call's arguments)."""
    return set(re.findall(r"(?<!\()<([A-Za-z0-9_][A-Za-z0-9_.:-]*)>", source))


def _outside_strings(source: str) -> str:
    """A Typst briefing without its strings: the markup and code the template wrote."""
    return re.sub(r'"(?:[^"\\]|\\.)*"', '""', source)


def _text(source: str) -> str:
    """The text of a Typst briefing's strings, joined: what the template's sentences say."""
    return re.sub(r'#"((?:[^"\\]|\\.)*)";', r"\1", source)


@pytest.fixture(scope="module")
def large_dossier():
    """A synthetic dossier of 40 articles (775 events, 800 figures): built without spaCy."""
    from bench.generate import Cast
    from bench.scaling import synthetic_article
    from builder.resolve.dossier import resolve_dossier

    rng = random.Random(7)
    cast = Cast(rng, size=80)
    pairs = [synthetic_article(rng, cast, number) for number in range(40)]
    return resolve_dossier([doc for doc, _ in pairs], [extraction for _, extraction in pairs], "synthetic")


@pytest.fixture
def small_caps(monkeypatch):
    monkeypatch.setattr(pdf, "PROFILES", 5)
    monkeypatch.setattr(pdf, "OTHER_ACTORS", 7)
    monkeypatch.setattr(pdf, "SOURCES", 6)


def test_caps_bound_every_section_of_a_large_dossier(large_dossier, small_caps):
    chosen = pdf.select_printed(large_dossier)
    assert len(large_dossier.events) > pdf.CHRONOLOGY_EVENTS
    assert len(chosen.events) == pdf.CHRONOLOGY_EVENTS
    # The best attested: no left-out event has more sources than the least attested kept one.
    kept = {event.id for event in chosen.events}
    fewest = min(len({span.doc for span in event.sources}) for event in chosen.events)
    assert all(len({s.doc for s in e.sources}) <= fewest for e in large_dossier.events if e.id not in kept)
    assert len(chosen.profiled) == 5 and len(chosen.listed) == 7 and len(chosen.documents) == 6
    for group in FIGURE_GROUPS:
        members = [figure for figure in chosen.figures if figure.category in group.categories]
        assert len(members) <= pdf.FIGURES_PER_GROUP
    # The printed sources are the ones the printed chronology and figures cite most.
    cited = Counter(span.doc for event in chosen.events for span in event.sources)
    cited.update(figure.source.doc for figure in chosen.figures)
    least_printed = min(cited[doc.id] for doc in chosen.documents)
    printed = {doc.id for doc in chosen.documents}
    assert all(cited[doc.id] <= least_printed for doc in large_dossier.documents if doc.id not in printed)


def test_each_capped_section_says_what_it_shows_out_of_what(large_dossier, small_caps):
    source = pdf.briefing_source(large_dossier, TEMPLATES)
    text = _text(source)
    events = f"{len(large_dossier.events):,}"
    assert f"shows the {pdf.CHRONOLOGY_EVENTS} best-attested of {events} events" in text
    assert "events.csv" in text and "figures.csv" in text and "dossier.json" in text
    assert re.search(
        rf"The table lists the {pdf.FIGURES_PER_GROUP} largest of [\d,]+ figures in this group", text
    )
    assert re.search(r"Profiles of the 5 most-mentioned of \d+ people and organisations", text)
    assert re.search(r"The 7 most-mentioned of \d+ other names", text)
    assert f"the 6 articles, of {len(large_dossier.documents)}, that this briefing cites most" in text
    assert "This print edition is a selection" in text
    # Printed in date order, grouped by year and month as before: each row starts with its date.
    chronology = source.split("= Chronology <chronology>")[1].split("= Figures <figures>")[0]
    dates = re.findall(r'^\s*\[#box\[#"(\d{4}-\d\d(?:-\d\d)?)";', chronology, re.M)
    assert dates == sorted(dates) and 0 < len(dates) <= pdf.CHRONOLOGY_EVENTS


def test_a_capped_briefing_links_only_to_what_it_prints(large_dossier, small_caps):
    source = pdf.briefing_source(large_dossier, TEMPLATES)
    links = _links(source)
    assert any(link.startswith("actor-") for link in links), "the briefing links its actors"
    assert any(link.startswith("source-") for link in links), "and its sources"
    assert links <= _labels(source), links - _labels(source)
    assert not re.search(r"#link\((?!<)", source)
    # A left-out actor is still named, as plain text.
    chosen = pdf.select_printed(large_dossier)
    printed = {actor.id for actor in (*chosen.profiled, *chosen.listed)}
    left_out = next(actor for event in chosen.events for actor in event.actors if actor not in printed)
    name = typst_text(large_dossier.actor(left_out).name)
    assert f">)[{name}]" not in source and name in source


def test_a_left_out_name_is_escaped_text(sample_dossier, monkeypatch):
    monkeypatch.setattr(pdf, "PROFILES", 0)
    monkeypatch.setattr(pdf, "OTHER_ACTORS", 0)
    source = pdf.briefing_source(sample_dossier, TEMPLATES)
    assert '#"Tomas Ferreira <script>";' in source and "<script>" not in _outside_strings(source)
    assert not [link for link in _links(source) if link.startswith("actor-")]


def test_no_html_escape_reaches_the_briefing(sample_dossier):
    """The views' ``Markup`` is HTML (escaped for the site): the print template never prints it."""
    source = pdf.briefing_source(sample_dossier, TEMPLATES)
    assert "<script>" in source  # the corpus's text, as it is, inside strings
    assert not re.search(r"&(?:lt|gt|amp|quot|#\d+);", source)


def test_the_seed_sized_dossier_is_not_capped(sample_dossier):
    source = pdf.briefing_source(sample_dossier, TEMPLATES)
    assert "#cap-note[" not in source and "This print edition is a selection" not in source
    chosen = pdf.select_printed(sample_dossier)
    assert len(chosen.events) == len(sample_dossier.events)
    assert len(chosen.documents) == len(sample_dossier.documents)


@pytest.fixture
def fake_typesetting(monkeypatch):
    """Typst's compile replaced by a counter that returns a small valid-looking PDF."""
    import typst

    calls = []

    def compile(*args, **kwargs):
        calls.append(1)
        return b"%PDF-1.7\n" + f"typeset {len(calls)}".encode() + b"\n%%EOF\n"

    monkeypatch.setattr(typst, "compile", compile)
    return calls


def test_the_cache_returns_the_same_pdf_without_typesetting(sample_dossier, tmp_path, fake_typesetting):
    first = pdf.briefing_pdf(sample_dossier, TEMPLATES, cache_dir=tmp_path)
    second = pdf.briefing_pdf(sample_dossier, TEMPLATES, cache_dir=tmp_path)
    assert second == first and len(fake_typesetting) == 1
    # Another input (here the title) is another entry.
    pdf.briefing_pdf(sample_dossier, TEMPLATES, title="Another title", cache_dir=tmp_path)
    assert len(fake_typesetting) == 2
    # A chart that changes is another entry too.
    assets = render.render_charts(sample_dossier)
    assets["assets/charts/timeline.svg"] += "<!-- redrawn -->"
    pdf.briefing_pdf(sample_dossier, TEMPLATES, assets=assets, cache_dir=tmp_path)
    assert len(fake_typesetting) == 3


def test_a_damaged_cache_entry_is_typeset_again(sample_dossier, tmp_path, fake_typesetting):
    first = pdf.briefing_pdf(sample_dossier, TEMPLATES, cache_dir=tmp_path)
    (entry,) = (tmp_path / typeset.CACHE_SUBDIR).glob("??/*.pickle")
    raw = entry.read_bytes()
    for damaged in (raw[: len(raw) // 2], raw.replace(b"typeset", b"tYpeset"), b""):
        entry.write_bytes(damaged)
        again = pdf.briefing_pdf(sample_dossier, TEMPLATES, cache_dir=tmp_path)
        assert again.startswith(b"%PDF-") and again != damaged
    assert len(fake_typesetting) == 4
    assert pdf.briefing_pdf(sample_dossier, TEMPLATES, cache_dir=tmp_path) == again
    assert len(fake_typesetting) == 4
    assert first.startswith(b"%PDF-")


def test_the_cache_keeps_only_the_latest_entries(sample_dossier, tmp_path, fake_typesetting):
    for number in range(typeset.CACHE_ENTRIES + 3):
        pdf.briefing_pdf(sample_dossier, TEMPLATES, title=f"Edition {number}", cache_dir=tmp_path)
    assert len(list((tmp_path / typeset.CACHE_SUBDIR).glob("??/*.pickle"))) == typeset.CACHE_ENTRIES
    assert not list((tmp_path / typeset.CACHE_SUBDIR).glob("??/*.tmp"))
    # The newest is among them.
    before = len(fake_typesetting)
    pdf.briefing_pdf(
        sample_dossier, TEMPLATES, title=f"Edition {typeset.CACHE_ENTRIES + 2}", cache_dir=tmp_path
    )
    assert len(fake_typesetting) == before


# --- corpus text in Typst ----------------------------------------------------------------

# Text that Typst would read as markup or code if it were not a string.
TYPST_HOSTILE = '#read("/etc/passwd") *bold* _em_ $x^2$ `raw` <lbl> @lbl \\ "q" ] [ // c /* c */ = h ~ -- ...'


def test_corpus_text_is_text_in_the_pdf(sample_dossier, tmp_path):
    from dataclasses import replace

    first, *others = sample_dossier.actors
    hostile = replace(sample_dossier, actors=(replace(first, name=TYPST_HOSTILE), *others))
    source = pdf.briefing_source(hostile, TEMPLATES)
    assert typst_text(TYPST_HOSTILE) in source and "#read" not in _outside_strings(source)
    output = pdf.write_briefing(hostile, TEMPLATES, tmp_path / "briefing.pdf")
    if POPPLER:
        text = " ".join(_run("pdftotext", str(output), "-").split())
        assert TYPST_HOSTILE in text


@needs_poppler
def test_a_profile_taller_than_a_page_breaks_instead_of_losing_its_end(sample_dossier, tmp_path):
    """A profile is kept on one page when it fits; a very long quote makes it break, never cut."""
    from dataclasses import replace

    quoted = next(actor for actor in sample_dossier.actors if actor.quotes)
    quote = quoted.quotes[0]
    long_quote = replace(quote, text="FIRSTWORD " + "order " * 1500 + "LASTWORD")
    actors = tuple(
        replace(actor, quotes=(long_quote,)) if actor is quoted else actor for actor in sample_dossier.actors
    )
    output = pdf.write_briefing(replace(sample_dossier, actors=actors), TEMPLATES, tmp_path / "long.pdf")
    text = _run("pdftotext", str(output), "-")
    assert "FIRSTWORD" in text and "LASTWORD" in text
    assert text.count("order") >= 1500


def test_the_fresh_interpreter_runs_nothing_from_the_working_folder(tmp_path, monkeypatch):
    """A typst.py where the build runs is not imported by the interpreter that typesets."""
    (tmp_path / "typst.py").write_text("import sys\nsys.stdout.write('NOT A PDF')\nsys.exit(0)\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(typeset, "_compiled_in", -1)  # as in a child forked after a compile
    assert typeset.typeset(typeset.TypesetJob("Hello", {})).startswith(b"%PDF-")


def test_a_date_typst_cannot_hold_is_no_date():
    from builder.publish.templating import typst_date

    assert typst_date("2024-03-10") == "datetime(year: 2024, month: 3, day: 10)"
    assert typst_date("2024-02-30") == typst_date("2024-13-01") == typst_date("soon") == "none"
