from builder.model import Actor, Figure, Span
from builder.publish import charts
from builder.publish.figure_groups import FIGURE_GROUPS
from builder.publish.labels import compact_number, qualified_value


def test_figure_charts_are_svg_and_deterministic(sample_dossier):
    for group in FIGURE_GROUPS:
        first = charts.figure_group_chart(sample_dossier.figures, group, "Source: test.")
        second = charts.figure_group_chart(sample_dossier.figures, group, "Source: test.")
        assert first.lstrip().startswith("<?xml") and "<svg" in first
        assert first == second
    security = charts.figure_group_chart(sample_dossier.figures, FIGURE_GROUPS[0], "Source: test.")
    assert "&gt;1,200" in security  # the qualifier is drawn as text


def test_dollar_sign_stays_literal(sample_dossier):
    svg = charts.figure_group_chart(sample_dossier.figures, FIGURE_GROUPS[1], "Source: $ test.")
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
    assert "No figures" in charts.figure_group_chart([], FIGURE_GROUPS[2], "s")


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
    svg = charts.figure_group_chart(wide, FIGURE_GROUPS[2], "s")
    assert "log scale" in svg and ">1M<" in svg and "1,000,000" not in svg
    narrow = [_figure("a", 2_000_000), _figure("b", 600_000)]
    svg = charts.figure_group_chart(narrow, FIGURE_GROUPS[2], "s")
    assert "log scale" not in svg and ">1M<" in svg and "1,000,000" not in svg


def test_part_of_total_is_drawn_lighter_and_explained():
    figures = [_figure("a", 40, "killed"), _figure("b", 12, "killed", part_of_total=True)]
    svg = charts.figure_group_chart(figures, FIGURE_GROUPS[1], "s")
    assert charts.PART_COLOUR in svg and "do not add them" in svg
    plain = charts.figure_group_chart(figures[:1], FIGURE_GROUPS[1], "s")
    assert charts.PART_COLOUR not in plain and "do not add" not in plain


def test_charts_under_a_page_heading_carry_no_title(sample_dossier):
    # The page's heading names the chart; the card must not repeat it.
    group = FIGURE_GROUPS[0]
    assert group.title not in charts.figure_group_chart(sample_dossier.figures, group, "s")
    assert "Who appears with whom" not in charts.network_chart(sample_dossier.actors, "s")


def test_network_puts_actors_outside_the_main_group_in_a_row(sample_dossier):
    # Mara Quinlan, the Northern Guard and Port Evel are the main group; the rest go below it.
    loner = Actor("person:lone-rider", "Lone Rider", "person", mentions=sample_dossier.actors[0].mentions[:1])
    svg = charts.network_chart([*sample_dossier.actors, loner], "s")
    assert "Not named with the group above" in svg and "Lone Rider" in svg and "Tomas Ferreira" in svg
