"""How the dossier's values read on a page, on paper and in a chart: plain text, no drawing.

Figure values carry their qualifier (``≥500``), axis ticks are short (``2.5k``),
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


def qualified_value(value: float, qualifier: str) -> str:
    """A figure as a reader writes it: ``≥500``, ``>1,200``, ``~50``."""
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return f"{QUALIFIER_MARKS.get(qualifier, '')}{number}"


def figure_bar_label(figure: Figure) -> str:
    """The label of a figure's bar in a chart: what is counted, where and when."""
    context = ", ".join(part for part in (figure.place, figure.date) if part)
    label = f"{figure.category}: {figure.counted}"
    label = shorten(label, 42)
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
