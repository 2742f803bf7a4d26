"""How the dossier's values read on a page, on paper and in a chart: plain text, no drawing.

Figure values carry their qualifier (``≥500``, ``210–250``, ``hundreds``), axis ticks are short (``2.5k``),
long titles and names are cut to a label's room.
"""

from __future__ import annotations

from builder.model import Figure

QUALIFIER_MARKS = {
    "exact": "",
    "at_least": "≥",
    "more_than": ">",
    "about": "~",
    "at_most": "≤",
    "less_than": "<",
}


# A vague figure's value is its scale ("dozens" is 12, "hundreds of thousands" 100,000): said as a word.
VAGUE_WORDS = {
    10: "tens", 12: "dozens", 20: "scores", 100: "hundreds", 1_000: "thousands", 10_000: "tens of thousands",
    100_000: "hundreds of thousands", 1_000_000: "millions",
}  # fmt: skip


def qualified_value(value: float, qualifier: str, value_max: float | None = None, vague: bool = False) -> str:
    """A figure as a reader writes it: ``≥500``, ``>1,200``, ``~50``, a range ``210–250``, ``hundreds``."""
    if vague and value in VAGUE_WORDS:
        return VAGUE_WORDS[int(value)]
    if value_max is not None:  # a range's floor needs no mark: the upper end says it
        mark = "" if qualifier in ("at_least", "exact") else QUALIFIER_MARKS.get(qualifier, "")
        return f"{mark}{_number(value)}–{_number(value_max)}"
    return f"{QUALIFIER_MARKS.get(qualifier, '')}{_number(value)}"


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def figure_bar_label(figure: Figure) -> str:
    """The label of a figure's bar in a chart: what is counted, where and when, how many reports.

    A chart draws one category, and its heading names it: the label leaves it out.
    """
    reports = f"{len(figure.sources)} sources" if len(figure.sources) > 1 else None
    context = ", ".join(part for part in (figure.place, figure.date, reports) if part)
    label = shorten(figure.counted, 42)
    return f"{label} ({context})" if context else label


def compact_number(value: float, _position: object = None) -> str:
    """An axis tick as a reader says it: ``950``, ``2.5k``, ``10k``, ``1M``, ``2.5M``."""
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.1f}".rstrip("0").rstrip(".") + suffix
    return f"{value:g}"


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut to at most ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plural(count: int, noun: str) -> str:
    """``1 article``, ``2 articles``."""
    return f"{count} {noun}" + ("" if count == 1 else "s")
