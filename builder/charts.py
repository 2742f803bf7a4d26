"""SVG charts of the dossier, drawn with matplotlib and made deterministic.

Every chart is a white card with dark text, so it reads the same on the
light and the dark theme and in print. Functions return SVG text.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")  # no display: charts are built during `mkdocs build`

import networkx as nx  # noqa: E402
from matplotlib.figure import Figure as MplFigure  # noqa: E402

from builder.model import Actor, Event, Figure  # noqa: E402

INK = "#1f2328"
MUTED = "#59636e"
GRID = "#d8dee4"
CARD = "#ffffff"
ACCENT = "#3f51b5"
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

QUALIFIER_MARKS = {
    "exact": "",
    "at_least": "≥",
    "more_than": ">",
    "about": "~",
    "at_most": "≤",
    "less_than": "<",
}


@dataclass(frozen=True)
class FigureGroup:
    """Figure categories shown together in one chart."""

    key: str
    title: str
    categories: tuple[str, ...]


FIGURE_GROUPS = (
    FigureGroup("security", "Security deployments", ("police", "military", "security")),
    FigureGroup(
        "casualties",
        "Casualties and detentions",
        ("killed", "injured", "detained", "prisoners", "deported"),
    ),
    FigureGroup("displacement", "Migrants and displaced", ("migrants", "displaced")),
)


def qualified_value(value: float, qualifier: str) -> str:
    """A figure as a reader writes it: ``≥500``, ``>1,200``, ``~50``."""
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return f"{QUALIFIER_MARKS.get(qualifier, '')}{number}"


def figures_in_group(figures: Sequence[Figure], group: FigureGroup) -> list[Figure]:
    """The figures of one chart group, largest first (ties by id, for stability)."""
    chosen = [figure for figure in figures if figure.category in group.categories]
    return sorted(chosen, key=lambda figure: (-figure.value, figure.id))


def figure_bar_label(figure: Figure) -> str:
    """The y-axis label of a figure's bar: what is counted, where and when."""
    context = ", ".join(part for part in (figure.place, figure.date) if part)
    label = f"{figure.category}: {figure.counted}"
    label = _shorten(label, 42)
    return f"{label} ({context})" if context else label


def figure_group_chart(
    figures: Sequence[Figure], group: FigureGroup, source_line: str, limit: int = 15
) -> str:
    """A horizontal bar chart of one group's figures, labelled with qualifiers.

    Args:
        figures: all figures; those outside ``group`` are ignored.
        group: which categories to draw.
        source_line: the footnote naming where the numbers come from.
        limit: at most this many bars (the largest); the footnote says so.
    """
    chosen = figures_in_group(figures, group)
    shown = chosen[:limit]
    footnote = source_line
    if len(chosen) > len(shown):
        footnote += f" Largest {len(shown)} of {len(chosen)} figures shown."
    height = 1.3 + 0.38 * max(len(shown), 1)
    with matplotlib.rc_context(STYLE):
        fig = MplFigure(figsize=(8, height))
        ax = fig.add_subplot()
        if shown:
            labels = [figure_bar_label(figure) for figure in shown][::-1]
            values = [figure.value for figure in shown][::-1]
            bars = ax.barh(range(len(shown)), values, color=ACCENT, height=0.62)
            ax.set_yticks(range(len(shown)), labels)
            peak = max(values) or 1
            for bar, figure in zip(bars, shown[::-1], strict=True):
                ax.text(
                    bar.get_width() + peak * 0.01,
                    bar.get_y() + bar.get_height() / 2,
                    qualified_value(figure.value, figure.qualifier),
                    va="center",
                    ha="left",
                    color=INK,
                    fontsize=9,
                )
            ax.set_xlim(0, peak * 1.18)
            ax.xaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
            ax.grid(axis="x", color=GRID, linewidth=0.6)
            ax.set_axisbelow(True)
            ax.tick_params(axis="y", length=0)
        else:
            _empty(ax, "No figures in these categories")
        _title(fig, group.title)
        fig.text(0.01, 0.01, footnote, fontsize=8, color=MUTED, ha="left", va="bottom")
        fig.tight_layout(rect=(0, 0.05 if height < 3 else 0.03, 1, 1))
        return _svg(fig)


def events_per_month(events: Sequence[Event]) -> list[tuple[str, int]]:
    """Counts of events per ``YYYY-MM``, with empty months filled in."""
    counts = Counter(event.date[:7] for event in events if event.date and len(event.date) >= 7)
    if not counts:
        return []
    first, last = min(counts), max(counts)
    months, (year, month) = [], (int(first[:4]), int(first[5:7]))
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        months.append((key, counts.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def timeline_chart(events: Sequence[Event], source_line: str) -> str:
    """A column chart of events per month; events without a month are counted apart."""
    months = events_per_month(events)
    unplaced = sum(1 for event in events if not event.date or len(event.date) < 7)
    footnote = source_line
    if unplaced:
        footnote += f" {unplaced} event(s) without a known month not shown."
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
    """The co-occurrence network of the most-mentioned actors (shared sentences)."""
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
    with matplotlib.rc_context(STYLE):
        fig = MplFigure(figsize=(8, 6))
        ax = fig.add_subplot()
        ax.set_axis_off()
        if graph.number_of_nodes():
            # Fixed seed and sorted insertion order: the same dossier gives the same picture.
            layout = nx.spring_layout(graph, seed=7, k=1.6 / max(graph.number_of_nodes(), 1) ** 0.5)
            peak = max(len(actor.mentions) for actor in top)
            for u, v, data in sorted(graph.edges(data=True)):
                (x1, y1), (x2, y2) = layout[u], layout[v]
                ax.plot(
                    [x1, x2], [y1, y2], color=GRID, linewidth=0.6 + min(data["weight"], 8) * 0.5, zorder=1
                )
            for actor in top:
                x, y = layout[actor.id]
                size = 60 + 540 * len(actor.mentions) / peak
                ax.scatter(
                    [x],
                    [y],
                    s=size,
                    color=KIND_COLOURS.get(actor.kind, MUTED),
                    zorder=2,
                    edgecolors=CARD,
                    linewidths=1,
                )
                ax.annotate(
                    _shorten(actor.name, 28),
                    (x, y),
                    xytext=(0, 9),
                    textcoords="offset points",
                    ha="center",
                    fontsize=8,
                    color=INK,
                    zorder=3,
                )
            xs = [point[0] for point in layout.values()]
            ys = [point[1] for point in layout.values()]
            ax.set_xlim(min(xs) - 0.3, max(xs) + 0.3)
            ax.set_ylim(min(ys) - 0.2, max(ys) + 0.25)
            handles = [
                matplotlib.lines.Line2D([], [], marker="o", linestyle="", color=colour, label=kind)
                for kind, colour in KIND_COLOURS.items()
            ]
            ax.legend(handles=handles, loc="lower right", frameon=False, fontsize=8)
        else:
            _empty(ax, "No actors with mentions")
        _title(fig, "Who appears with whom")
        fig.text(0.01, 0.01, source_line, fontsize=8, color=MUTED, ha="left", va="bottom")
        fig.tight_layout(rect=(0, 0.03, 1, 1))
        return _svg(fig)


def _title(fig: MplFigure, title: str) -> None:
    # Flush left on the card, not over the axes: long bar labels push the axes right.
    fig.suptitle(title, x=0.01, ha="left", fontsize=12, fontweight="bold", color=INK)


def _empty(ax, message: str) -> None:
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", color=MUTED, transform=ax.transAxes)


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _svg(fig: MplFigure) -> str:
    buffer = io.StringIO()
    # Date None drops the timestamp matplotlib would otherwise embed.
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()
