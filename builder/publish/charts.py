"""SVG charts of the dossier, drawn with matplotlib and made deterministic.

Every chart is a white card with dark text, so it reads the same on the
light and the dark theme and in print. Functions return SVG text.
"""

from __future__ import annotations

import io
import math
import re
from collections import Counter
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")  # no display: charts are built during `mkdocs build`

import networkx as nx  # noqa: E402
from matplotlib.figure import Figure as MplFigure  # noqa: E402

from builder.model import Actor, Event, Figure  # noqa: E402
from builder.publish.chart_range import outside_timeline, timeline_range  # noqa: E402
from builder.publish.figure_groups import category_title, figures_in_category  # noqa: E402
from builder.publish.labels import compact_number, figure_bar_label, qualified_value, shorten  # noqa: E402

INK = "#1f2328"
MUTED = "#59636e"
GRID = "#d8dee4"
CARD = "#ffffff"
ACCENT = "#3f51b5"
PART_COLOUR = "#aab4e8"  # the accent, lighter: a figure already counted in another
EDGE = "#b0b8c4"
# Behind a network label: lines under a name do not cross its letters.
LABEL_BOX = {"facecolor": CARD, "edgecolor": "none", "alpha": 0.85, "pad": 0.6}
KIND_COLOURS = {"person": "#3f51b5", "organisation": "#c2185b", "place": "#2e7d32"}

# The rc settings that make output byte-identical between runs and keep
# corpus text literal ('$' must never start mathtext).
STYLE = {
    "svg.hashsalt": "briefing-dossier",
    "svg.fonttype": "none",
    "text.parse_math": False,
    "text.usetex": False,
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 10,
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": GRID,
    "axes.facecolor": CARD,
    "figure.facecolor": CARD,
    "savefig.facecolor": CARD,
    "xtick.color": MUTED,
    "ytick.color": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
}

# A log axis when the largest bar is this many times the smallest.
LOG_SPAN = 100


def uses_log_scale(values: Sequence[float]) -> bool:
    """Whether bars span orders of magnitude (then a linear axis hides the small ones)."""
    positive = [value for value in values if value > 0]
    return len(positive) >= 2 and max(positive) >= LOG_SPAN * min(positive)


def figure_category_chart(figures: Sequence[Figure], category: str, source_line: str, limit: int = 15) -> str:
    """A horizontal bar chart of one category's figures, labelled with qualifiers.

    One chart a category: counts of different things (the injured, the dead) are
    not drawn on one axis, where the largest would crowd the others out. Bars are
    individual figures, never sums: a count several articles report is one bar
    ("3 sources"). A figure that is part of another (``part_of_total``) is drawn
    lighter and the footnote says not to add it. A group's section holds several
    of these, so the card carries its category's title ("Killed").

    Args:
        figures: all figures; those of other categories are ignored.
        category: which category to draw.
        source_line: the footnote naming where the numbers come from.
        limit: at most this many bars (the largest); the footnote says so.
    """
    chosen = figures_in_category(figures, category)
    shown = chosen[:limit]
    notes = [source_line]
    if len(chosen) > len(shown):
        notes[0] += f" Largest {len(shown)} of {len(chosen)} figures shown."
    if any(figure.part_of_total for figure in shown):
        notes.append("Lighter bars are part of another figure in the same sentence: do not add them to it.")
    height = 1.3 + 0.36 * max(len(shown), 1) + 0.16 * len(notes)  # 0.3 inch more than a bare chart: the title
    with matplotlib.rc_context(STYLE):
        fig = MplFigure(figsize=(8, height))
        ax = fig.add_subplot()
        if shown:
            _draw_figure_bars(ax, shown)
        else:
            _empty(ax, "No figures in this category")
        _title(fig, category_title(category))
        bottom = _footnote(fig, notes, height)
        fig.tight_layout(rect=(0, bottom, 1, 1))
        return _svg(fig)


def _draw_figure_bars(ax, figures: Sequence[Figure]) -> None:
    """One bar a figure, the largest on top, labelled with its value; a log axis when they span decades."""
    ordered = figures[::-1]  # barh draws bottom-up: the largest on top
    values = [figure.value for figure in ordered]
    log = uses_log_scale(values)
    peak = max(values) or 1
    # A log axis starts below the smallest bar, so a bar of exactly 100 still shows.
    smallest = min((value for value in values if value > 0), default=1)
    base = 10 ** math.floor(math.log10(smallest) - 0.5) if log else 0
    if log and base < 1:  # counts: no axis below one, half a step to show a bar of 1
        base = min(1.0, smallest / 2)
    colours = [PART_COLOUR if figure.part_of_total else ACCENT for figure in ordered]
    bars = ax.barh(
        range(len(ordered)),
        [max(value - base, 0) for value in values],
        left=base,
        color=colours,
        height=0.62,
    )
    ax.set_yticks(range(len(ordered)), [figure_bar_label(figure) for figure in ordered])
    for bar, figure in zip(bars, ordered, strict=True):
        end = bar.get_x() + bar.get_width()
        ax.text(
            end * 1.06 if log else end + peak * 0.01,
            bar.get_y() + bar.get_height() / 2,
            qualified_value(figure.value, figure.qualifier, figure.value_max, figure.vague),
            va="center",
            ha="left",
            color=MUTED if figure.part_of_total else INK,
            fontsize=9,
        )
    if log:
        ax.set_xscale("log")
        ax.set_xlim(base, peak * 12)  # a decade of room for the value labels
        ax.xaxis.set_major_locator(matplotlib.ticker.LogLocator(base=10, numticks=8))
        ax.xaxis.set_minor_locator(matplotlib.ticker.NullLocator())
        ax.set_xlabel("log scale: each grid line is 10 times the one before", color=MUTED, fontsize=8)
    else:
        ax.set_xlim(0, peak * 1.18)
        # Counts: whole-number ticks (a chart of one toll of 2 once read 0, 0.5, 1, 1.5, 2).
        ax.xaxis.set_major_locator(
            matplotlib.ticker.MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10], integer=True)
        )
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(compact_number))
    ax.grid(axis="x", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", length=0)


def events_per_month(events: Sequence[Event]) -> list[tuple[str, int]]:
    """Counts of events per ``YYYY-MM`` over the chart's range, with empty months filled in."""
    span = timeline_range(events)
    if span is None:
        return []
    first, last = span
    counts = Counter(event.date[:7] for event in events if event.date and len(event.date) >= 7)
    months, (year, month) = [], (int(first[:4]), int(first[5:7]))
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        months.append((key, counts.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def timeline_chart(events: Sequence[Event], source_line: str) -> str:
    """A column chart of events per month over the bulk of the events; the rest are counted apart."""
    months = events_per_month(events)
    unplaced = sum(1 for event in events if not event.date or len(event.date) < 7)
    outside = len(outside_timeline(events))
    footnote = source_line
    if unplaced:
        footnote += f" {unplaced} event(s) without a known month not shown."
    if outside:
        footnote += f" {outside} event(s) outside this range listed apart."
    with matplotlib.rc_context(STYLE):
        fig = MplFigure(figsize=(8, 3.2))
        ax = fig.add_subplot()
        if months:
            positions = range(len(months))
            ax.bar(positions, [count for _, count in months], color=ACCENT, width=0.7)
            step = max(1, len(months) // 12)
            ticks = list(positions)[::step]
            ax.set_xticks(ticks, [months[i][0] for i in ticks], rotation=45 if len(ticks) > 6 else 0)
            ax.yaxis.get_major_locator().set_params(integer=True)
            ax.grid(axis="y", color=GRID, linewidth=0.6)
            ax.set_axisbelow(True)
            ax.set_ylabel("events")
        else:
            _empty(ax, "No dated events")
        _title(fig, "Events per month")
        fig.text(0.01, 0.01, footnote, fontsize=8, color=MUTED, ha="left", va="bottom")
        fig.tight_layout(rect=(0, 0.06, 1, 1))
        return _svg(fig)


def network_chart(actors: Sequence[Actor], source_line: str, limit: int = 25) -> str:
    """The co-occurrence network of the most-mentioned actors (shared sentences).

    The largest connected group is laid out by a seeded spring layout and
    spread evenly (a few far nodes no longer squeeze the rest into the middle);
    actors not linked to it sit in a row below. Node area follows mentions;
    names are drawn most-mentioned first wherever they fit without overlap.
    The page's heading names the chart, so the card carries no title.
    """
    top, graph, order = _cooccurrence_graph(actors, limit)
    main, apart = _main_group(top, graph, order)
    with matplotlib.rc_context(STYLE):
        fig = MplFigure(figsize=(NETWORK_WIDTH, NETWORK_HEIGHT))
        # Axes in figure fractions with unit limits: data and points convert without a draw.
        ax = fig.add_axes((0.01, NETWORK_FOOT, 0.98, 1 - NETWORK_FOOT - 0.01))
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_axis_off()
        if top:
            unnamed = _draw_network(fig, ax, top, graph, order, main, apart)
            notes = [source_line, "Dot area = mentions."]
            if unnamed > 0:
                notes[1] += f" {unnamed} less-mentioned name(s) left unlabelled where space ran out."
        else:
            _empty(ax, "No actors with mentions")
            notes = [source_line]
        _footnote(fig, notes, NETWORK_HEIGHT)
        return _svg(fig)


NETWORK_WIDTH, NETWORK_HEIGHT = 8.0, 6.0  # inches
NETWORK_FOOT = 0.08  # figure fraction under the axes: footnote and legend
NETWORK_LABEL_SIZE = 8


def _cooccurrence_graph(actors: Sequence[Actor], limit: int) -> tuple[list[Actor], nx.Graph, dict[str, int]]:
    """The ``limit`` most-mentioned actors, the graph of the sentences they share, and their mention rank."""
    top = sorted(actors, key=lambda actor: (-len(actor.mentions), actor.name, actor.id))[:limit]
    top = [actor for actor in top if actor.mentions]
    ids = {actor.id for actor in top}
    graph = nx.Graph()
    for actor in top:
        graph.add_node(actor.id)
    for actor in top:
        for other, weight in actor.related:
            if other in ids and other != actor.id:
                graph.add_edge(*sorted((actor.id, other)), weight=weight)
    return top, graph, {actor.id: rank for rank, actor in enumerate(top)}


def _main_group(top: list[Actor], graph: nx.Graph, order: dict[str, int]) -> tuple[set[str], list[Actor]]:
    """The largest connected group (three actors or more, else none), and the actors apart from it."""
    main = max(
        nx.connected_components(graph),
        key=lambda nodes: (len(nodes), -min(order[n] for n in nodes)),
        default=set(),
    )
    if len(main) < 3:
        main = set()
    # Outside the main group, members of one small group sit side by side.
    group_of = {
        node: min(order[n] for n in nodes) for nodes in nx.connected_components(graph) for node in nodes
    }
    apart = sorted(
        (actor for actor in top if actor.id not in main), key=lambda a: (group_of[a.id], order[a.id])
    )
    return main, apart


def _draw_network(
    fig: MplFigure,
    ax,
    top: list[Actor],
    graph: nx.Graph,
    order: dict[str, int],
    main: set[str],
    apart: list[Actor],
) -> int:
    """Lay out and draw the lines, dots, names and legend; returns how many of the main group went unnamed."""
    strip = _strip_positions(apart, bottom=0.02)
    layout = _spread_layout(graph.subgraph(main), order, bottom=strip["top"] + 0.06)
    layout.update(strip["positions"])
    peak = max(len(actor.mentions) for actor in top)
    sizes = {actor.id: 40 + 560 * len(actor.mentions) / peak for actor in top}
    for u, v, data in sorted(graph.edges(data=True)):
        (x1, y1), (x2, y2) = layout[u], layout[v]
        width = 0.5 + min(data["weight"], 8) * 0.45
        ax.plot([x1, x2], [y1, y2], color=EDGE, linewidth=width, zorder=1, solid_capstyle="round")
    for actor in top:
        x, y = layout[actor.id]
        ax.scatter(
            [x],
            [y],
            s=sizes[actor.id],
            color=KIND_COLOURS.get(actor.kind, MUTED),
            zorder=2,
            edgecolors=CARD,
            linewidths=1,
        )
    placed = _place_labels(ax, top, layout, sizes, main)
    if apart:
        heading = "Not named with the group above:" if main else "No group of three names shares sentences:"
        ax.text(0.0, strip["top"] + 0.015, heading, fontsize=8, color=MUTED)
    _kind_legend(fig)
    return len(main) - placed


def _kind_legend(fig: MplFigure) -> None:
    """The dot colour of each kind of actor, at the card's foot on the right."""
    handles = [
        matplotlib.lines.Line2D([], [], marker="o", linestyle="", color=colour, label=kind)
        for kind, colour in KIND_COLOURS.items()
    ]
    fig.legend(
        handles=handles,
        loc="lower right",
        bbox_to_anchor=(0.99, 0.0),
        ncol=3,
        frameon=False,
        fontsize=8,
    )


def _spread_layout(graph: nx.Graph, order: dict[str, int], bottom: float) -> dict[str, tuple[float, float]]:
    """Positions in the box (0.04..0.96, bottom..0.95): seeded spring layout, then spread.

    Each axis is half min-max scaled, half by rank, so outliers keep their
    side but no longer squeeze the others together.
    """
    if not graph.number_of_nodes():
        return {}
    # Fixed seed and nodes in mention order: the same dossier gives the same picture.
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph.nodes, key=order.__getitem__))
    ordered.add_edges_from(sorted(graph.edges(data=True)))
    raw = nx.spring_layout(ordered, seed=7, weight=None, iterations=200)
    nodes = list(ordered.nodes)
    spread = {node: [0.0, 0.0] for node in nodes}
    for axis in (0, 1):
        values = [float(raw[node][axis]) for node in nodes]
        low, high = min(values), max(values)
        ranks = {
            node: rank for rank, node in enumerate(sorted(nodes, key=lambda n: (raw[n][axis], order[n])))
        }
        for node, value in zip(nodes, values, strict=True):
            scaled = (value - low) / (high - low) if high > low else 0.5
            rank = ranks[node] / (len(nodes) - 1) if len(nodes) > 1 else 0.5
            spread[node][axis] = 0.5 * scaled + 0.5 * rank
    return {node: (0.06 + 0.88 * x, bottom + (0.93 - bottom) * y) for node, (x, y) in spread.items()}


def _strip_positions(actors: Sequence[Actor], bottom: float) -> dict:
    """Actors outside the main group in rows at the foot of the card, name to the right of each dot."""
    if not actors:
        return {"positions": {}, "top": bottom - 0.06}
    row_height = 0.05
    positions, x, row = {}, 0.02, 0
    for actor in actors:
        width = _label_width(shorten(actor.name, 28)) + 0.05
        if x + width > 0.98 and x > 0.02:
            x, row = 0.02, row + 1
        positions[actor.id] = (x, row)
        x += width
    rows = row + 1
    return {
        "positions": {key: (px, bottom + (rows - 1 - r) * row_height) for key, (px, r) in positions.items()},
        "top": bottom + (rows - 1) * row_height + 0.02,
    }


def _label_width(text: str) -> float:
    """Approximate width of a label in axes fractions (DejaVu Sans averages 0.6 em a character)."""
    axes_points = NETWORK_WIDTH * 72 * 0.98
    return len(text) * NETWORK_LABEL_SIZE * 0.62 / axes_points


def _place_labels(ax, actors: Sequence[Actor], layout: dict, sizes: dict, main: set) -> int:
    """Name the nodes, most mentioned first, where a name overlaps no other name or node.

    Returns how many nodes of the main group got a name. Nodes outside it
    always get theirs, to the right (their row leaves room).
    """
    axes_w = NETWORK_WIDTH * 72 * 0.98
    axes_h = NETWORK_HEIGHT * 72 * (1 - NETWORK_FOOT - 0.01)
    text_h = NETWORK_LABEL_SIZE * 1.25 / axes_h
    boxes = []
    for actor in actors:
        x, y = layout[actor.id]
        rx = (sizes[actor.id] ** 0.5) / 2 / axes_w
        ry = (sizes[actor.id] ** 0.5) / 2 / axes_h
        boxes.append((x - rx, y - ry, x + rx, y + ry))
    placed = 0
    for actor in actors:
        x, y = layout[actor.id]
        name = shorten(actor.name, 28)
        width = _label_width(name)
        gap_x = (sizes[actor.id] ** 0.5) / 2 / axes_w + 0.008
        gap_y = (sizes[actor.id] ** 0.5) / 2 / axes_h + 0.006
        right = (x + gap_x, y - text_h / 2, x + gap_x + width, y + text_h / 2, "left", "center")
        if actor.id not in main:
            candidates = [right]
        else:
            candidates = [
                (x - width / 2, y + gap_y, x + width / 2, y + gap_y + text_h, "center", "bottom"),
                (x - width / 2, y - gap_y - text_h, x + width / 2, y - gap_y, "center", "top"),
                right,
                (x - gap_x - width, y - text_h / 2, x - gap_x, y + text_h / 2, "right", "center"),
            ]
        for x0, y0, x1, y1, ha, va in candidates:
            inside = 0 <= x0 and x1 <= 1 and 0 <= y0 and y1 <= 1
            own = boxes[actors.index(actor)]
            clear = all(
                x1 <= bx0 or bx1 <= x0 or y1 <= by0 or by1 <= y0
                for bx0, by0, bx1, by1 in (box for box in boxes if box is not own)
            )
            if actor.id not in main or (inside and clear):
                tx = {"left": x0, "center": (x0 + x1) / 2, "right": x1}[ha]
                ty = {"bottom": y0, "center": (y0 + y1) / 2, "top": y1}[va]
                ax.text(
                    tx,
                    ty,
                    name,
                    ha=ha,
                    va=va,
                    fontsize=NETWORK_LABEL_SIZE,
                    color=INK,
                    zorder=3,
                    bbox=LABEL_BOX,
                )
                boxes.append((x0, y0, x1, y1))
                placed += actor.id in main
                break
    return placed


def _title(fig: MplFigure, title: str) -> None:
    # Flush left on the card, not over the axes: long bar labels push the axes right.
    fig.suptitle(title, x=0.01, ha="left", fontsize=12, fontweight="bold", color=INK)


def _footnote(fig: MplFigure, lines: Sequence[str], height: float) -> float:
    """Write the footnote lines at the card's foot; returns the figure fraction they take."""
    fig.text(0.01, 0.01, "\n".join(lines), fontsize=8, color=MUTED, ha="left", va="bottom", linespacing=1.4)
    return (0.1 + 0.16 * len(lines)) / height


def _empty(ax, message: str) -> None:
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", color=MUTED, transform=ax.transAxes)


# What XML 1.0 does not allow in a document. matplotlib writes a label's characters as they
# are, so a name with a control character made an SVG that browsers and Typst refuse.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _svg(fig: MplFigure) -> str:
    buffer = io.StringIO()
    # Date None drops the timestamp matplotlib would otherwise embed.
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    return _NOT_XML.sub("\ufffd", buffer.getvalue())
