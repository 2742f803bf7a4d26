"""The PDF briefing on the hand-made dossier: read back with poppler as a reader would."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from builder import pdf

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
POPPLER = all(shutil.which(tool) for tool in ("pdfinfo", "pdftotext", "pdftoppm", "pdffonts"))

needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils is not installed (make system-deps)")


@pytest.fixture(scope="module")
def briefing(sample_dossier, tmp_path_factory) -> Path:
    pytest.importorskip("weasyprint")
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
    assert sections == ["Contents", "Summary", "Chronology", "Figures", "Actors", "Sources"]
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


def test_charts_are_vectors_not_pictures(sample_dossier):
    html = pdf.briefing_html(sample_dossier, TEMPLATES)
    charts = re.findall(r'<img src="([^"]+)"', html)
    assert "assets/charts/timeline.svg" in charts and "assets/charts/network.svg" in charts
    assert all(chart.endswith(".svg") for chart in charts)


def test_every_internal_link_has_a_target(sample_dossier):
    html = pdf.briefing_html(sample_dossier, TEMPLATES)
    targets = set(re.findall(r'id="([^"]+)"', html))
    links = set(re.findall(r'href="#([^"]+)"', html))
    assert {"summary", "chronology", "figures", "actors", "sources"} <= links
    assert "actor-mara-quinlan" in links and "source-2024-03-04-harbour" in links
    assert links <= targets, links - targets
    assert not re.search(r'href="(?!#)', html), "every link in the briefing stays inside it"


@pytest.mark.parametrize(
    "url", ["https://example.com/chart.svg", "file:///etc/passwd", "/etc/passwd", "assets/charts/none.svg"]
)
def test_nothing_is_fetched_from_outside(url):
    fetch = pdf._memory_fetcher({"assets/charts/timeline.svg": "<svg/>"})
    with pytest.raises(ValueError):
        fetch(url)
    assert fetch("assets/charts/timeline.svg")["string"] == b"<svg/>"


def test_mkdocs_build_writes_the_briefing_and_links_it(sample_dossier, tmp_path, monkeypatch):
    """The plugin option `pdf: true` puts briefing.pdf in the site; the home page links it."""
    pytest.importorskip("weasyprint")
    from browser_util import build_site

    import builder.pipeline

    monkeypatch.setattr(builder.pipeline, "build_dossier", lambda *args, **kwargs: sample_dossier)
    (tmp_path / "corpus").mkdir()
    site = build_site(tmp_path / "corpus", tmp_path / "site", pdf=True)
    assert (site / "briefing.pdf").read_bytes().startswith(b"%PDF-")
    assert 'href="briefing.pdf"' in (site / "index.html").read_text(encoding="utf-8")
