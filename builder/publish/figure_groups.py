"""The figure groups: figure categories shown together in one chart and one table.

Apart from :mod:`builder.publish.charts` so that the pages and the briefing
choose their figures without importing matplotlib.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from builder.model import Figure


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


def figures_in_group(figures: Sequence[Figure], group: FigureGroup) -> list[Figure]:
    """The figures of one chart group, largest first (ties by id, for stability)."""
    chosen = [figure for figure in figures if figure.category in group.categories]
    return sorted(chosen, key=lambda figure: (-figure.value, figure.id))
