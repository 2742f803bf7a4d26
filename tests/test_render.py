"""Rendering on the hand-made dossier: pages, links, escaping, a real strict build."""

from __future__ import annotations

import os
import pickle
import re
from dataclasses import replace
from pathlib import Path

import pytest

from builder.model import Role
from builder.publish import views
from builder.publish.links import Link, Linker, deserves_page
from builder.publish.pages import render_site
from builder.publish.templating import escape_md

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"


@pytest.fixture(scope="module")
def site(sample_dossier):
    return render_site(sample_dossier, TEMPLATES)


def test_every_page_exists(site, sample_dossier):
    expected = {
        "index.md",
        "actors/index.md",
        "chronology.md",
        "figures.md",
        "sources/index.md",
        "report.md",
        "review.md",
    }
    assert expected <= set(site)
    with_page = [actor for actor in sample_dossier.actors if deserves_page(actor)]
    assert sum(1 for path in site if path.startswith("actors/")) == len(with_page) + 1
    assert sum(1 for path in site if path.startswith("sources/")) == len(sample_dossier.documents) + 1
    assert {"assets/charts/timeline.svg", "assets/charts/network.svg"} <= set(site)


def test_escape_md_neutralises_markup():
    escaped = escape_md("[x](javascript:alert(1)) <script> {{ config }} *a* _b_ `c` # h")
    for raw in ["[", "](", "<script>", "{{", "*a*", "_b_", "`c`", "# h"]:
        assert raw not in escaped


def test_corpus_markup_is_literal_everywhere(site):
    for path, content in site.items():
        if not path.endswith(".md"):
            continue
        assert "<script>" not in content, path
        assert "<b>displaced" not in content, path
        assert "](javascript:" not in content, path
        assert "{{ config }}" not in content, path
    source = site["sources/camp-report.md"]
    assert "&lt;script&gt;alert" in source
    assert "&#123;&#123; config &#125;&#125;" in source
    assert "&#35; not a heading" in source
    assert "Tomas Ferreira &lt;script&gt;" in site["actors/index.md"]


def test_source_links_point_at_the_paragraph(sample_dossier):
    linker = Linker(sample_dossier)
    quote = sample_dossier.actors[0].quotes[0]
    link = linker.source_link(quote.source, "actors/mara-quinlan.md")
    assert link.href == "../sources/2024-03-04-harbour.md#p-3"
    assert linker.source_link(quote.source, "index.md").href == "sources/2024-03-04-harbour.md#p-3"


def test_view_rows_compare_and_pickle_by_value(sample_dossier):
    """The page memo digests views by value: rows made twice are equal records, not shared ones."""
    first = views.summary(sample_dossier, Linker(sample_dossier), "index.md")
    second = views.summary(sample_dossier, Linker(sample_dossier), "index.md")
    assert first == second and first.key_actors[0] is not second.key_actors[0]
    assert hash(first) == hash(second)  # frozen all the way down
    assert pickle.loads(pickle.dumps(first)) == first


def test_source_page_has_paragraph_anchors_and_marked_names(site):
    page = site["sources/2024-03-04-harbour.md"]
    assert [f'id="p-{n}"' in page for n in (1, 2, 3)] == [True, True, True]
    assert (
        '<mark class="dossier-entity dossier-person">'
        '<a href="../actors/mara-quinlan.md">Mara Quinlan</a></mark>' in page
    )


def test_a_paragraph_row_marks_exactly_the_names_inside_that_paragraph(sample_dossier):
    """Found by bisection: the same marks as checking every mark against every paragraph."""
    linker = Linker(sample_dossier)
    marks = views.marks_by_document(sample_dossier.actors)
    doc = max(sample_dossier.documents, key=lambda d: len(marks.get(d.id, [])))
    # Marks across a paragraph's end (left out) and on its last character (kept).
    actor_id = sample_dossier.actors[0].id
    straddling = [(p.end - 2, p.end + 2, actor_id) for p in doc.paragraphs[:-1]]
    ending = [(p.end - 1, p.end, actor_id) for p in doc.paragraphs[-1:]]
    given = [*marks[doc.id], *straddling, *ending]
    rows = views.paragraph_rows(doc, given, linker, "sources/x.md")
    kept = views._non_overlapping(given)
    for paragraph, row in zip(doc.paragraphs, rows, strict=True):
        inside = [m for m in kept if paragraph.start <= m[0] and m[1] <= paragraph.end]
        linked = [segment.text for segment in row.segments if segment.link is not None]
        assert linked == [doc.text[start:end] for start, end, _ in inside]
    assert sum(1 for row in rows for segment in row.segments if segment.link) >= 3


def test_actor_page_highlights_mentions_in_context(site):
    page = site["actors/mara-quinlan.md"]
    assert "Interior Minister <mark>Mara Quinlan</mark> said on Monday" in page
    assert "We will restore order" in page
    # Seen in one sentence: no page of its own, the link lands on its row in the actors index.
    assert '<a href="index.md#actor-northern-guard">Northern Guard</a>' in page


def test_chronology_groups_by_month_and_lists_undated_last(site):
    page = site["chronology.md"]
    assert page.index("### February 2024") < page.index("### March 2024") < page.index("## Date unknown")
    assert "date unknown — ‘last week &lt;i&gt;’" in page


def test_figures_show_qualifiers(site):
    page = site["figures.md"]
    for value in ("&gt;1,200", "≥12", "≥500", "&#126;3,000"):
        assert value in page


def _section(page: str, heading: str) -> str:
    """The text of a ``## heading`` section of a page, up to the next one."""
    return page.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_figures_page_has_a_chart_per_category_with_figures(sample_dossier):
    # Killed and injured figures only: two charts in the casualty section, in the group's order.
    killed, *_ = (figure for figure in sample_dossier.figures if figure.category == "killed")
    injured = replace(killed, id="figure-injured", value=40, category="injured", counted="wounded")
    page = render_site(replace(sample_dossier, figures=(injured, killed)), TEMPLATES)["figures.md"]
    casualties = _section(page, "Casualties and detentions")
    charts = re.findall(r"!\[([^\]]+)\]\(assets/charts/(figures-[a-z]+\.svg)\)", page)
    assert charts == [
        ("Killed (Casualties and detentions)", "figures-killed.svg"),
        ("Injured (Casualties and detentions)", "figures-injured.svg"),
    ]
    assert "figures-killed.svg" in casualties and "figures-injured.svg" in casualties
    # One table for the group, as before.
    assert casualties.count("<table") == 1 and "wounded" in casualties


def test_an_empty_figure_group_says_so_in_one_line_without_a_chart(sample_dossier):
    # Without the police count, the security group has no figure: a line, no chart, no chart file.
    figures = tuple(figure for figure in sample_dossier.figures if figure.category != "police")
    site = render_site(replace(sample_dossier, figures=figures), TEMPLATES)
    security = _section(site["figures.md"], "Security deployments").strip()
    assert security == "No figures in these categories (police, military, security)."
    # The other groups keep a chart per category with figures; no group or empty category has one.
    drawn = {
        path.removeprefix("assets/charts/") for path in site if path.startswith("assets/charts/figures-")
    }
    assert drawn == {"figures-killed.svg", "figures-detained.svg", "figures-displaced.svg"}


def test_report_lists_skipped_files(site):
    assert "corpus/empty.txt" in site["report.md"] and "empty file" in site["report.md"]


def test_rendering_is_deterministic(sample_dossier):
    assert render_site(sample_dossier, TEMPLATES) == render_site(sample_dossier, TEMPLATES)


def test_mkdocs_build_strict(sample_dossier, tmp_path, monkeypatch):
    """The real plugin and theme build the fixture without a warning."""
    mkdocs_config = pytest.importorskip("mkdocs.config")
    from mkdocs.commands.build import build

    import builder.pipeline

    monkeypatch.setattr(builder.pipeline, "build_dossier", lambda *args, **kwargs: sample_dossier)
    (tmp_path / "corpus").mkdir()
    config_file = tmp_path / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("corpus: seeds", "corpus: corpus").replace(
        "templates: templates", f"templates: {TEMPLATES}"
    )
    config_file.write_text(text, encoding="utf-8")
    (tmp_path / "docs").symlink_to(ROOT / "docs")
    config = mkdocs_config.load_config(str(config_file), strict=True, site_dir=str(tmp_path / "site"))
    build(config)
    html = (tmp_path / "site" / "sources" / "camp-report" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert" in html
    assert not re.search(r"<script>alert", html)
    assert (tmp_path / "site" / "assets" / "charts" / "network.svg").exists()
    assert (tmp_path / "site" / "dossier.json").exists()


GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("page", ["actors/mara-quinlan.md", "chronology.md", "sources/camp-report.md"])
def test_pages_match_golden_files(site, page):
    """Whole pages against reviewed copies; DOSSIER_UPDATE_GOLDEN=1 rewrites them."""
    golden = GOLDEN / page.replace("/", "__")
    if os.environ.get("DOSSIER_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(site[page], encoding="utf-8")
    assert site[page] == golden.read_text(encoding="utf-8")


@pytest.fixture()
def split_site(sample_dossier, monkeypatch):
    """The fixture rendered as if it were a large corpus: a page per month."""
    import builder.publish.pages

    monkeypatch.setattr(builder.publish.pages, "SPLIT_BY_MONTH_ABOVE", 1)
    monkeypatch.setattr(builder.publish.pages, "MONTH_PAGE_MIN_ROWS", 1)  # every month is long
    monkeypatch.setattr(builder.publish.pages, "LARGEST_FIGURES_SHOWN", 1)
    return render_site(sample_dossier, TEMPLATES)


def test_long_chronology_gets_one_page_per_month(split_site, sample_dossier):
    months = sorted(path for path in split_site if path.startswith("chronology/"))
    assert months == ["chronology/2024-02.md", "chronology/2024-03.md", "chronology/undated.md"]
    index = split_site["chronology.md"]
    # One row a page, linked, with its count; undated events last.
    assert '<tr><td><a href="chronology/2024-02.md">February 2024</a></td><td class="dossier-num">' in index
    undated = '<tr><td><a href="chronology/undated.md">Date unknown</a></td>'
    assert undated in index
    assert index.index("February 2024") < index.index("Date unknown")
    assert "### " not in index  # the events themselves are on the month pages
    # Every event is on exactly one month page, the undated ones on the last.
    anchors = re.compile(r'<tr id="([^"]+)"')
    found = [anchor for path in months for anchor in anchors.findall(split_site[path])]
    assert len(found) == len(set(found)) == len(sample_dossier.events)
    assert "date unknown — ‘last week &lt;i&gt;’" in split_site["chronology/undated.md"]
    march = split_site["chronology/2024-03.md"]
    assert "# Chronology&#58; March 2024" in march
    assert '<a href="2024-02.md">← February 2024</a>' in march
    assert '<a href="undated.md">Date unknown →</a>' in march
    assert '<a href="../chronology.md">Chronology: every month</a>' in march


def test_many_figures_get_month_pages_and_the_largest_per_group(split_site, sample_dossier):
    months = sorted(path for path in split_site if path.startswith("figures/"))
    assert months and all(re.fullmatch(r"figures/(\d{4}-\d{2}|\d{4}|undated)\.md", path) for path in months)
    rows = sum(split_site[path].count('<tr><td class="dossier-num"') for path in months)
    assert rows == len(sample_dossier.figures)
    index = split_site["figures.md"]
    assert "## All figures" in index and '<a href="figures/' in index
    assert re.search(r"The 1 largest of \d+ figures", index)


def test_split_pages_build_strict(sample_dossier, tmp_path, monkeypatch):
    """Month pages are outside the nav and their links resolve: a strict build passes."""
    import builder.publish.pages

    monkeypatch.setattr(builder.publish.pages, "SPLIT_BY_MONTH_ABOVE", 1)
    monkeypatch.setattr(builder.publish.pages, "MONTH_PAGE_MIN_ROWS", 1)
    test_mkdocs_build_strict(sample_dossier, tmp_path, monkeypatch)
    assert (tmp_path / "site" / "chronology" / "2024-03" / "index.html").exists()
    html = (tmp_path / "site" / "chronology" / "index.html").read_text(encoding="utf-8")
    assert 'href="2024-03/"' in html


# --- which actors have a page, and where the others went --------------------------------------


def test_an_actor_seen_in_one_sentence_lives_in_its_index_row(site):
    """No page of its own: its row in the actors index cites its sentence, and links to it land on the row."""
    assert "actors/lake-tamsin.md" not in site
    row = re.search(r'<tr id="actor-lake-tamsin"><td>(.*?)</td>', site["actors/index.md"]).group(1)
    # The name is plain text (not a link to a page), followed by the citation of its paragraph.
    assert row.startswith('Lake Tamsin <span class="dossier-cite">')
    assert '<a href="../sources/camp-report.md#p-1" title="Aid workers count' in row
    # Elsewhere (an article's marks, the chronology) its name links to that row.
    assert '<a href="../actors/index.md#actor-lake-tamsin">Lake Tamsin</a>' in site["sources/camp-report.md"]
    assert '<a href="actors/index.md#actor-lake-tamsin">Lake Tamsin</a>' in site["chronology.md"]


def test_an_actor_seen_in_two_sentences_has_a_page(site):
    assert "actors/relief-office.md" in site
    row = re.search(r'<tr id="actor-relief-office"><td>(.*?)</td>', site["actors/index.md"]).group(1)
    assert row == '<a href="relief-office.md">Relief Office</a>'


def test_an_actor_gets_a_page_when_it_would_say_more_than_one_sentence(sample_dossier):
    actors = {actor.id: actor for actor in sample_dossier.actors}
    once = actors["place:lake-tamsin"]
    assert not deserves_page(once)
    assert not deserves_page(actors["place:port-evel"])  # named twice, in one sentence
    assert deserves_page(actors["organisation:relief-office"])  # two sentences
    assert deserves_page(actors["person:no-mentions"])  # from curation: no sentence to cite
    assert deserves_page(replace(once, curated=("country",)))  # the analyst's fact is shown on its page
    assert deserves_page(replace(once, aliases=("Tamsin", "Lake Tamsin")))  # another name
    # A role or a country stated in another sentence is more than its sentence says.
    elsewhere = actors["organisation:relief-office"].mentions[1].span
    assert deserves_page(replace(once, roles=(Role("Site", elsewhere),)))
    assert deserves_page(replace(once, country="Valdoria", country_evidence=elsewhere))


def test_every_link_lands_on_a_page_or_an_anchor_that_exists(site):
    """No link to a page that is not generated, and every link to an actor's index row finds the row."""
    index_rows = set(re.findall(r'<tr id="([^"]+)"', site["actors/index.md"]))
    links = 0
    for path, content in site.items():
        if not path.endswith(".md"):
            continue
        for target, anchor in re.findall(r'href="(?![a-z]+:|#)([^"#]+\.md)(?:#([^"]*))?"', content):
            resolved = os.path.normpath(os.path.join(os.path.dirname(path), target))
            assert resolved in site, f"{path} links to {target}"
            if resolved == "actors/index.md" and anchor:
                assert anchor in index_rows, f"{path} links to a row the actors index lacks: {anchor}"
                links += 1
    assert links > 0  # the check saw links to actors without a page


def test_short_months_share_a_page_and_long_months_have_their_own(monkeypatch):
    """In a long list a month of MONTH_PAGE_MIN_ROWS rows is a page; shorter months in a row share one."""
    import builder.publish.pages as pages

    monkeypatch.setattr(pages, "MONTH_PAGE_MIN_ROWS", 3)
    rows = {"2023-11": [1], "2023-12": [1, 2], "2024-01": [1, 2, 3, 4, 5], "2024-02": [1], "2024": [1]}
    found = pages._month_pages({**rows, "undated": [1]}, "chronology")
    assert [(p.path, p.label, p.months, p.count) for p in found] == [
        ("chronology/2023-11.md", "November – December 2023", ("2023-11", "2023-12"), 3),
        ("chronology/2024-01.md", "January 2024", ("2024-01",), 5),
        ("chronology/2024-02.md", "February 2024 – 2024 (month unknown)", ("2024-02", "2024"), 2),
        ("chronology/undated.md", "Date unknown", ("undated",), 1),
    ]
    assert pages._range_label(["1898", "1950-03", "1961"]) == "1898 – 1961"
    assert pages._range_label(["1992", "1997-07"]) == "1992 – July 1997"
    assert pages._range_label(["1998-11", "1999-02"]) == "November 1998 – February 1999"


def test_a_page_of_several_months_heads_each_month(sample_dossier, monkeypatch):
    import builder.publish.pages as pages

    monkeypatch.setattr(pages, "SPLIT_BY_MONTH_ABOVE", 1)
    monkeypatch.setattr(pages, "MONTH_PAGE_MIN_ROWS", 50)  # every month is short: they share a page
    split = render_site(sample_dossier, TEMPLATES)
    assert sorted(path for path in split if path.startswith("chronology/")) == [
        "chronology/2024-02.md",
        "chronology/undated.md",
    ]
    both = split["chronology/2024-02.md"]
    assert "# Chronology&#58; February – March 2024" in both
    assert both.index("## February 2024") < both.index("## March 2024")
    assert '<a href="undated.md">Date unknown →</a>' in both


def test_search_index_leaves_out_what_other_pages_index(sample_dossier, tmp_path, monkeypatch):
    """An actor page's mentions and events are on the page but not in the search index (their
    article and the chronology index them); the article's text is in the index."""
    test_mkdocs_build_strict(sample_dossier, tmp_path, monkeypatch)
    import json

    index = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    actor = [d for d in index["docs"] if d["location"].startswith("actors/mara-quinlan/")]
    source = [d for d in index["docs"] if d["location"].startswith("sources/2024-03-04-harbour/")]
    assert actor and source
    sentence = "more than 1,200 police officers had been deployed"
    assert not any(sentence in d["text"] for d in actor)
    assert any(sentence in d["text"] for d in source)
    assert any("Interior Minister" in d["text"] for d in actor)  # the facts and roles are indexed
    html = (tmp_path / "site" / "actors" / "mara-quinlan" / "index.html").read_text(encoding="utf-8")
    assert sentence in html and "dossier-unindexed-block" not in html
    # The blocks put back after indexing have their links resolved like the others.
    assert 'href="../../sources/2024-03-04-harbour/#p-1"' in html
    assert ".md" not in "".join(re.findall(r'href="([^"]+)"', html))


def test_an_actor_page_shortens_a_long_event_row_and_links_to_the_whole_row(sample_dossier, monkeypatch):
    """An event row on an actor's page cites a few sources and names a few actors, counts the rest,
    and links to the event's whole row on its chronology page; the chronology keeps every source."""
    import builder.publish.pages

    monkeypatch.setattr(builder.publish.pages, "SPLIT_BY_MONTH_ABOVE", 1)
    monkeypatch.setattr(builder.publish.pages, "MONTH_PAGE_MIN_ROWS", 1)
    monkeypatch.setattr(builder.publish.pages, "ACTOR_PAGE_EVENT_SOURCES", 1)
    monkeypatch.setattr(builder.publish.pages, "ACTOR_PAGE_EVENT_NAMES", 1)
    event = next(e for e in sample_dossier.events if e.date and len(e.actors) + len(e.places) >= 2)
    many = replace(event, sources=event.sources * 3)  # three reports of it
    dossier = replace(sample_dossier, events=[many if e is event else e for e in sample_dossier.events])
    site = render_site(dossier, TEMPLATES)
    anchor = views.event_anchor(many)
    month_page = f"chronology/{many.date[:7]}.md"
    linker = Linker(dossier)
    actor_id = next(a for a in [*many.actors, *many.places] if linker.has_page(a))
    page = site[linker.actor_page(actor_id)]
    row = re.search(rf'<tr id="{anchor}">.*?</tr>', page, re.S).group()
    assert row.count('class="dossier-cite"') == 1
    whole = f'<a href="../{month_page}#{anchor}">'
    assert f"and {whole}2 more</a>" in row  # sources
    names = len(many.actors) + len(many.places) - 1
    assert f"and {whole}{names} more</a>" in row
    full = re.search(rf'<tr id="{anchor}">.*?</tr>', site[month_page], re.S).group()
    assert full.count('class="dossier-cite"') == 3 and "more</a>" not in full


def test_escape_md_makes_every_run_of_whitespace_one_space():
    assert str(escape_md("a\nb  c \t\n d\u00a0e f")) == "a b c d e f"


def test_a_row_on_many_pages_is_rendered_once_per_row_object_and_arguments(tmp_path):
    from builder.publish.templating import make_environment

    # As the pages do: the row's macro is imported (one macro object for every page).
    (tmp_path / "macros.md.j2").write_text(
        "{% macro row(r, wide) %}<{{ r.label }}{{ '+' if wide }}{{ count() }}>{% endmacro %}",
        encoding="utf-8",
    )
    (tmp_path / "rows.md.j2").write_text(
        '{% import "macros.md.j2" as m %}{% for r in rows %}{{ once(m.row, r, wide) }}{% endfor %}',
        encoding="utf-8",
    )
    env = make_environment(tmp_path)
    renders: list[int] = []
    env.globals["count"] = lambda: renders.append(1) or len(renders)
    template = env.get_template("rows.md.j2")
    first, second = Link(label="A & B", href=None), Link(label="C", href=None)
    assert template.render(rows=[first, second, first], wide=False) == "<A &amp; B1><C2><A &amp; B1>"
    # Another page with the same rows: nothing rendered again; other arguments: rendered again.
    assert template.render(rows=[second, first], wide=False) == "<C2><A &amp; B1>"
    assert template.render(rows=[first], wide=True) == "<A &amp; B&#43;3>"
    # An equal row that is another object is rendered on its own (rows are keyed by identity).
    assert template.render(rows=[replace(first)], wide=False) == "<A &amp; B4>"
    assert len(renders) == 4


def test_links_and_cites_write_each_item_as_link_and_cite_do(tmp_path):
    # _macros.md.j2 writes the items of links and cites inline (a macro call per item was the
    # slowest part of the actor pages): the two ways must give the same HTML, linked or not,
    # with corpus text escaped.
    from markupsafe import Markup

    from builder.publish.links import SourceLink
    from builder.publish.templating import make_environment

    root = Path(__file__).resolve().parent.parent / "templates"
    env = make_environment(root)
    items = [Link(Markup("../actors/ilse.md"), "Ilse <Marwick> & *co*"), Link(None, "unlinked [name]")]
    sources = [
        SourceLink(Markup("../sources/harbour.md#p-2"), "Harbour ¶2", "Harbour <Gazette>"),
        SourceLink(None, "gone ¶1", "title"),
    ]
    macros = env.get_template("_macros.md.j2").module
    assert str(macros.links(items)) == ", ".join(str(macros.link(item)) for item in items)
    assert str(macros.cites(sources)) == " ".join(str(macros.cite(source)) for source in sources)
    assert "&lt;Marwick&gt;" in str(macros.links(items)) and 'href="../sources/harbour.md#p-2"' in str(
        macros.cites(sources)
    )


def test_quoted_excerpts_print_typewriter_quotation_marks_as_quotation_marks(sample_dossier):
    from builder.model import Mention, Span

    actor = sample_dossier.actors[0]
    doc = sample_dossier.documents[0]
    text = "``It is under review,'' Deputy Attorney General Ana Ruiz said."
    wire = replace(doc, text=text)
    dossier = replace(sample_dossier, documents=(wire, *sample_dossier.documents[1:]))
    sentence = Span(doc.id, 0, len(text), text)
    name = Span(doc.id, text.index("Ana Ruiz"), text.index("Ana Ruiz") + 8, "Ana Ruiz")
    linker = Linker(dossier)
    row = views.mention_row(Mention(name, "person", sentence), linker, "actors/x.md")
    assert row.before == "“It is under review,” Deputy Attorney General " and row.after == " said."
    evidence = views.actor_row(
        replace(actor, country_evidence=sentence), linker, "actors/x.md"
    ).country_evidence
    assert evidence == "‘It is under review,’ Deputy Attorney General Ana Ruiz said."  # a quote in the quote
