"""The figure groups, and the categories each group charts one by one.

A group (security deployments, casualties and detentions, migrants and displaced)
is one section of the figures page with one table; each of its categories that has
figures gets a chart of its own, so a large count of one category ("injured") never
crowds another ("killed") out of a shared chart. Figures of no category ("other")
have no chart: only a category with evidence is charted.

Apart from :mod:`builder.publish.charts` so that the pages and the briefing
choose their figures without importing matplotlib.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from builder.model import Figure
from builder.publish.links import CHART_DIR


@dataclass(frozen=True)
class FigureGroup:
    """Figure categories shown in one section and one table, a chart for each category."""

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

# A category's chart heading: what its bars count.
CATEGORY_TITLES = {
    "police": "Police",
    "military": "Military",
    "security": "Security forces",
    "killed": "Killed",
    "injured": "Injured",
    "detained": "Detained",
    "prisoners": "Prisoners",
    "deported": "Deported",
    "migrants": "Migrants",
    "displaced": "Displaced",
}


def figures_in_group(figures: Sequence[Figure], group: FigureGroup) -> list[Figure]:
    """The figures of one group, largest first (ties by id, for stability)."""
    chosen = [figure for figure in figures if figure.category in group.categories]
    return sorted(chosen, key=lambda figure: (-figure.value, figure.id))


def figures_in_category(figures: Sequence[Figure], category: str) -> list[Figure]:
    """The figures of one category, largest first (ties by id, for stability)."""
    chosen = [figure for figure in figures if figure.category == category]
    return sorted(chosen, key=lambda figure: (-figure.value, figure.id))


def charted_categories(figures: Sequence[Figure], group: FigureGroup) -> list[str]:
    """The group's categories that have figures, in the group's order: one chart each."""
    present = {figure.category for figure in figures}
    return [category for category in group.categories if category in present]


def category_title(category: str) -> str:
    """The heading of a category's chart: ``Killed``, ``Security forces``."""
    return CATEGORY_TITLES.get(category, category.capitalize())


def category_chart_path(category: str) -> str:
    """A category's chart in the site: one stable file per category, ``assets/charts/figures-killed.svg``."""
    return f"{CHART_DIR}/figures-{category}.svg"
