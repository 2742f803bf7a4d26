from dataclasses import replace

import pytest

from builder.model import FIGURE_CATEGORIES, Actor, Figure, Span
from builder.publish import charts
from builder.publish.figure_groups import CATEGORY_TITLES, FIGURE_GROUPS, category_title, charted_categories
from builder.publish.labels import compact_number, qualified_value
from builder.publish.pages import render_charts


def test_figure_charts_are_svg_and_deterministic(sample_dossier):
    for category in ("police", "killed", "detained", "displaced"):
        first = charts.figure_category_chart(sample_dossier.figures, category, "Source: test.")
        second = charts.figure_category_chart(sample_dossier.figures, category, "Source: test.")
        assert first.lstrip().startswith("<?xml") and "<svg" in first
        assert first == second
    police = charts.figure_category_chart(sample_dossier.figures, "police", "Source: test.")
    assert "&gt;1,200" in police  # the qualifier is drawn as text


def test_dollar_sign_stays_literal(sample_dossier):
    svg = charts.figure_category_chart(sample_dossier.figures, "detained", "Source: $ test.")
    assert "people $5" in svg and "$ test" in svg


def test_timeline_and_network_are_deterministic(sample_dossier):
    assert charts.timeline_chart(sample_dossier.events, "s") == charts.timeline_chart(
        sample_dossier.events, "s"
    )
    assert charts.network_chart(sample_dossier.actors, "s") == charts.network_chart(
        sample_dossier.actors, "s"
    )
    assert "Mara Quinlan" in charts.network_chart(sample_dossier.actors, "s")


def test_empty_inputs_still_draw_a_card():
    assert "No dated events" in charts.timeline_chart([], "s")
    assert "No actors" in charts.network_chart([], "s")
    assert "No figures in this category" in charts.figure_category_chart([], "migrants", "s")


def test_events_per_month_fills_gaps(sample_dossier):
    assert charts.events_per_month(sample_dossier.events) == [("2024-02", 1), ("2024-03", 1)]


def test_qualified_value():
    assert qualified_value(500, "at_least") == "≥500"
    assert qualified_value(1200, "more_than") == ">1,200"
    assert qualified_value(50, "about") == "~50"
    assert qualified_value(7, "exact") == "7"


def test_qualified_value_of_a_range_and_a_vague_count():
    assert qualified_value(210, "at_least", value_max=250) == "210–250"
    assert qualified_value(50, "about", value_max=60) == "~50–60"
    assert qualified_value(100, "more_than", vague=True) == "hundreds"
    assert qualified_value(12, "more_than", vague=True) == "dozens"


def test_compact_number():
    assert [compact_number(v) for v in (0, 950, 1000, 2500, 10_000, 1_000_000, 2_500_000)] == [
        "0",
        "950",
        "1k",
        "2.5k",
        "10k",
        "1M",
        "2.5M",
    ]


def _figure(figure_id, value, category="displaced", **extra):
    span = Span("doc", 0, 4, "text")
    return Figure(figure_id, value, "exact", category, "people", None, None, span, **extra)


def test_values_spanning_orders_of_magnitude_get_a_log_axis_with_short_ticks():
    wide = [_figure("a", 4_800_000), _figure("b", 120)]
    svg = charts.figure_category_chart(wide, "displaced", "s")
    assert "log scale" in svg and ">1M<" in svg and "1,000,000" not in svg
    narrow = [_figure("a", 2_000_000), _figure("b", 600_000)]
    svg = charts.figure_category_chart(narrow, "displaced", "s")
    assert "log scale" not in svg and ">1M<" in svg and "1,000,000" not in svg


def test_part_of_total_is_drawn_lighter_and_explained():
    figures = [_figure("a", 40, "killed"), _figure("b", 12, "killed", part_of_total=True)]
    svg = charts.figure_category_chart(figures, "killed", "s")
    assert charts.PART_COLOUR in svg and "do not add them" in svg
    plain = charts.figure_category_chart(figures[:1], "killed", "s")
    assert charts.PART_COLOUR not in plain and "do not add" not in plain


def test_charts_under_a_page_heading_carry_no_title(sample_dossier):
    # The page's heading names the chart; the card must not repeat it.
    assert "Who appears with whom" not in charts.network_chart(sample_dossier.actors, "s")


def test_a_category_chart_carries_its_category_title_not_its_group_title(sample_dossier):
    # A group's section holds a chart per category: each card says which one it is.
    svg = charts.figure_category_chart(sample_dossier.figures, "killed", "s")
    assert ">Killed<" in svg and "Casualties and detentions" not in svg
    assert category_title("security") == "Security forces"


def test_every_charted_category_is_a_figure_category_with_a_title():
    grouped = [category for group in FIGURE_GROUPS for category in group.categories]
    assert len(grouped) == len(set(grouped))  # a category is in one group only: one chart file
    assert set(grouped) == set(FIGURE_CATEGORIES) - {"other"} == set(CATEGORY_TITLES)


def _killed(figure_id, value, qualifier="exact", counted="people", **extra):
    span = Span("doc", 0, 4, "text")
    return Figure(figure_id, value, qualifier, "killed", counted, None, None, span, **extra)


def test_each_bar_says_its_qualifier_range_vagueness_and_sources():
    sources = tuple(Span(doc, 0, 4, "text") for doc in ("a", "b", "c"))
    figures = [
        _killed("a", 5, "at_least"),
        _killed("b", 6, "more_than"),
        _killed("c", 7, "about"),
        _killed("d", 8, "at_most"),
        _killed("e", 9, "less_than"),
        _killed("f", 210, "at_least", value_max=250),
        _killed("g", 12, "more_than", vague=True),
        _killed("h", 40, counted="villagers", sources=sources),
    ]
    svg = charts.figure_category_chart(figures, "killed", "s")
    for label in ("≥5", "&gt;6", "~7", "≤8", "&lt;9", "210–250", "dozens", "villagers (3 sources)"):
        assert label in svg, label
    # One bar a figure: the count three articles report is drawn once, never added up.
    assert svg.count("villagers") == 1 and ">120<" not in svg


def test_a_large_count_of_one_category_does_not_crowd_out_another(sample_dossier):
    # Twenty large "injured" counts and one small death toll: the toll keeps its own chart.
    injured = [replace(_killed(f"i{n}", 1000 + n, counted="wounded"), category="injured") for n in range(20)]
    figures = [*injured, _killed("k", 9, counted="soldiers")]
    killed = charts.figure_category_chart(figures, "killed", "s")
    assert "soldiers" in killed and "wounded" not in killed
    wounded = charts.figure_category_chart(figures, "injured", "s")
    assert "soldiers" not in wounded and "Largest 15 of 20 figures shown" in wounded


def test_one_chart_file_per_category_with_figures_and_none_for_empty_ones(sample_dossier):
    figures = (
        _killed("k", 9),
        replace(_killed("i", 40, counted="wounded"), category="injured"),
        replace(_killed("o", 3000, counted="guests"), category="other"),
    )
    dossier = replace(sample_dossier, figures=figures)
    assert charted_categories(figures, FIGURE_GROUPS[1]) == ["killed", "injured"]
    assert charted_categories(figures, FIGURE_GROUPS[0]) == []
    drawn = sorted(path for path in render_charts(dossier) if "/figures-" in path)
    # "other" stays in the table, without a chart; empty categories get no file.
    assert drawn == ["assets/charts/figures-injured.svg", "assets/charts/figures-killed.svg"]


def test_network_puts_actors_outside_the_main_group_in_a_row(sample_dossier):
    # Mara Quinlan, the Northern Guard and Port Evel are the main group; the rest go below it.
    loner = Actor("person:lone-rider", "Lone Rider", "person", mentions=sample_dossier.actors[0].mentions[:1])
    svg = charts.network_chart([*sample_dossier.actors, loner], "s")
    assert "Not named with the group above" in svg and "Lone Rider" in svg and "Tomas Ferreira" in svg


def test_a_small_count_gets_whole_number_ticks():
    svg = charts.figure_category_chart([_killed("a", 2, "at_least")], "killed", "s")
    assert ">≥2<" in svg and ">0.5<" not in svg and ">1.5<" not in svg


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")  # matplotlib has no glyph for them
def test_a_name_with_a_control_character_still_makes_a_well_formed_svg(sample_dossier):
    """XML forbids most control characters: browsers and the PDF's typesetter refuse such an SVG."""
    import xml.etree.ElementTree as ElementTree

    first, *others = sample_dossier.actors
    named = replace(sample_dossier, actors=(replace(first, name="Mara\x01 Quinlan\ufffe"), *others))
    drawn = render_charts(named)
    for svg in drawn.values():
        ElementTree.fromstring(svg)  # raises on a character XML does not allow
    assert "Mara\ufffd Quinlan\ufffd" in drawn["assets/charts/network.svg"]
