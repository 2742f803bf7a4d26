"""The built site in a real browser: headless Chromium on a site served from 127.0.0.1.

The site is built once for the module by a real ``mkdocs build --strict``
of a tiny invented corpus, one article of which carries markup that must
show as text and never run.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from browser_util import CHROMIUM, PageWatch, build_site, launch_chromium, serve

sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium is not installed")

# Invented texts about a real place that is not the seed corpus's subject.
ARTICLES = {
    "2024-05-02_balti-police.txt": (
        " date 2024-05-02\n"
        "Chisinau, Moldova - Interior Minister Adrian Volkov said on Thursday that 800 police "
        "officers had been sent to the northern city of Balti after two nights of protests.\n\n"
        'Adrian Volkov told reporters that at least 14 people were detained. "We will keep the '
        'streets calm," Volkov said.\n\n'
        "The Moldovan Police confirmed the figures on Friday.\n"
    ),
    "2024-05-10_balti-leaflets.txt": (
        " date 2024-05-10\n"
        "Balti, Moldova - Protesters gathered again on Monday. A leaflet handed out in the square "
        "read <script>alert(1)</script> in large letters.\n\n"
        "Adrian Volkov met the mayor of Balti, Irina Codreanu, on Tuesday. A banner showed "
        "<img src=x onerror=alert(2)> beside a photograph of the town hall.\n\n"
        "About 2,000 people were displaced by the unrest, the Moldovan Red Cross said.\n"
    ),
}
SCRIPT_TEXT = "<script>alert(1)</script>"
IMG_TEXT = "<img src=x onerror=alert(2)>"


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    return build_site(corpus, root / "site")


@pytest.fixture(scope="module")
def base_url(site_dir):
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="module")
def dossier(site_dir) -> dict:
    return json.loads((site_dir / "dossier.json").read_text(encoding="utf-8"))


def _top_person(dossier: dict) -> dict:
    people = [a for a in dossier["actors"] if a["kind"] == "person" and a["mentions"]]
    assert people, "the test corpus should yield at least one person"
    return max(people, key=lambda a: (len(a["mentions"]), a["name"]))


def test_home_loads_offline_without_errors(page, base_url):
    watch = PageWatch(page)
    page.goto(base_url, wait_until="networkidle")
    assert page.locator("h1").first.inner_text().rstrip("¶") == "Briefing at a glance"
    tabs = page.locator(".md-tabs__link").all_inner_texts()
    assert [tab.strip() for tab in tabs] == [
        "Briefing",
        "Actors",
        "Chronology",
        "Figures",
        "Sources",
        "About",
    ]
    assert watch.console_errors == [] and watch.page_errors == []
    assert watch.foreign_requests == []


def test_no_page_loads_anything_from_another_host(browser, base_url, site_dir):
    context = browser.new_context()
    page = context.new_page()
    watch = PageWatch(page)
    pages = sorted(site_dir.glob("**/index.html"))
    assert len(pages) > 8
    for html in pages:
        path = html.parent.relative_to(site_dir).as_posix()
        page.goto(base_url + ("" if path == "." else path + "/"), wait_until="load")
    context.close()
    assert watch.foreign_requests == []
    assert watch.console_errors == [] and watch.page_errors == []
    assert watch.dialogs == []


def _search(page, base_url: str, query: str):
    page.goto(base_url, wait_until="networkidle")
    page.locator(".md-search__input").click()
    # Typed key by key: the search box reacts to key events, not to a pasted value.
    page.locator(".md-search__input").press_sequentially(query, delay=20)
    results = page.locator(".md-search-result__link")
    results.first.wait_for(timeout=10_000)
    return results


def test_search_finds_an_actor_page(page, base_url, dossier):
    person = _top_person(dossier)
    results = _search(page, base_url, person["name"])
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("/actors/" in href for href in hrefs), hrefs
    actor_result = next(i for i, href in enumerate(hrefs) if "/actors/" in href)
    results.nth(actor_result).click()
    page.wait_for_load_state("load")
    assert "/actors/" in page.url
    assert person["name"] in page.locator("h1").first.inner_text()


def test_search_finds_source_text(page, base_url):
    results = _search(page, base_url, "leaflet")
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("/sources/" in href for href in hrefs), hrefs


def test_citation_lands_on_the_cited_paragraph(page, base_url, dossier):
    person = _top_person(dossier)
    actor_url = base_url + "actors/" + _slug_of(page, base_url, person["name"])
    page.goto(actor_url, wait_until="load")
    mention = page.locator("p.dossier-mention").first
    cited = mention.locator("mark").inner_text()
    mention.locator(".dossier-cite a").click()
    page.wait_for_load_state("load")
    anchor = page.url.rpartition("#")[2]
    assert re.fullmatch(r"p-\d+", anchor), page.url
    target = page.locator(f"[id='{anchor}']")
    assert cited in target.inner_text()
    assert target.evaluate("el => el.matches(':target')")
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]


def _slug_of(page, base_url: str, name: str) -> str:
    page.goto(base_url + "actors/", wait_until="load")
    href = page.get_by_role("link", name=name, exact=True).first.get_attribute("href")
    return href.rstrip("/").rpartition("/")[2] + "/"


@pytest.mark.parametrize("path", ["chronology/", "figures/", "actors/"])
def test_chart_pages_render_their_charts(page, base_url, path):
    watch = PageWatch(page)
    page.goto(base_url + path, wait_until="load")
    charts = page.locator("figure.dossier-chart img")
    assert charts.count() >= 1
    for i in range(charts.count()):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        assert chart.get_attribute("src").endswith(".svg")
        assert chart.evaluate("img => img.complete && img.naturalWidth > 100"), chart.get_attribute("src")
        assert chart.bounding_box()["width"] > 300
    assert watch.console_errors == []


def test_corpus_markup_shows_as_text_and_never_runs(page, base_url, site_dir):
    watch = PageWatch(page)
    source = next(
        path for path in (site_dir / "sources").glob("*/index.html") if "leaflets" in path.parent.name
    )
    page.goto(base_url + f"sources/{source.parent.name}/", wait_until="networkidle")
    text = page.locator("article").inner_text()
    assert SCRIPT_TEXT in text
    assert IMG_TEXT in text
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("article script").count() == 0
    page.wait_for_timeout(300)
    assert watch.dialogs == []
    assert watch.page_errors == []


def test_dark_theme_keeps_charts_on_white(browser, base_url):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(base_url + "chronology/", wait_until="load")
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    background = page.locator("figure.dossier-chart img").first.evaluate(
        "img => getComputedStyle(img).backgroundColor"
    )
    context.close()
    assert scheme == "slate"
    assert background == "rgb(255, 255, 255)"


def test_home_links_the_briefing_only_when_built(page, base_url, site_dir):
    # The module's site is built without the PDF: no link may point at a missing file.
    page.goto(base_url, wait_until="load")
    assert not (site_dir / "briefing.pdf").exists()
    assert page.locator("a[href$='briefing.pdf']").count() == 0


def test_actor_pages_are_tagged_by_kind_and_country(page, base_url, dossier):
    person = _top_person(dossier)
    page.goto(base_url + "actors/" + _slug_of(page, base_url, person["name"]), wait_until="load")
    tags = page.locator("nav.md-tags a.md-tag")
    assert "People" in tags.all_inner_texts()
    tags.filter(has_text="People").first.click()
    page.wait_for_load_state("load")
    assert "/tags/" in page.url
    assert page.get_by_role("link", name=person["name"]).count() >= 1


def test_facet_tags_cannot_carry_markup():
    from builder.model import Actor
    from builder.publish.facets import facet_tags

    actor = Actor(id="x", name="X", kind="organisation", country='Nor<script>"way\n')
    assert facet_tags(actor) == ["Organisations", "Norscriptway"]


def test_a_printed_page_shows_only_its_content(page, base_url):
    page.goto(base_url + "chronology/", wait_until="load")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".headerlink").first.is_visible()
    assert page.locator("figure.dossier-chart img").first.is_visible()
    assert len(page.pdf(format="A4")) > 10_000
