from builder import charts


def test_figure_charts_are_svg_and_deterministic(sample_dossier):
    for group in charts.FIGURE_GROUPS:
        first = charts.figure_group_chart(sample_dossier.figures, group, "Source: test.")
        second = charts.figure_group_chart(sample_dossier.figures, group, "Source: test.")
        assert first.lstrip().startswith("<?xml") and "<svg" in first
        assert first == second
    security = charts.figure_group_chart(sample_dossier.figures, charts.FIGURE_GROUPS[0], "Source: test.")
    assert "&gt;1,200" in security  # the qualifier is drawn as text


def test_dollar_sign_stays_literal(sample_dossier):
    svg = charts.figure_group_chart(sample_dossier.figures, charts.FIGURE_GROUPS[1], "Source: $ test.")
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
    assert "No figures" in charts.figure_group_chart([], charts.FIGURE_GROUPS[2], "s")


def test_events_per_month_fills_gaps(sample_dossier):
    assert charts.events_per_month(sample_dossier.events) == [("2024-02", 1), ("2024-03", 1)]


def test_qualified_value():
    assert charts.qualified_value(500, "at_least") == "≥500"
    assert charts.qualified_value(1200, "more_than") == ">1,200"
    assert charts.qualified_value(50, "about") == "~50"
    assert charts.qualified_value(7, "exact") == "7"
