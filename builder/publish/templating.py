"""The Jinja environments of the site's pages and of the PDF briefing: strict, and escaping.

Every string that comes from the corpus is untrusted. The pages' environment escapes
it for HTML *and* Markdown unless it is already ``Markup`` (the links we compute).
The briefing's environment (:func:`make_print_environment`) prints every value as a
Typst string, which Typst shows as text and never reads as markup or code.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

# Characters that HTML or Markdown (with the extensions in mkdocs.yml) give a
# meaning to, as numeric entities: the browser shows them, Markdown ignores them.
_ESCAPED = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "'": "&#39;",
    "\\": "&#92;",
    "`": "&#96;",
    "*": "&#42;",
    "_": "&#95;",
    "[": "&#91;",
    "]": "&#93;",
    "(": "&#40;",
    ")": "&#41;",
    "{": "&#123;",
    "}": "&#125;",
    "#": "&#35;",
    "!": "&#33;",
    "|": "&#124;",
    "~": "&#126;",
    "^": "&#94;",
    "=": "&#61;",
    "+": "&#43;",
    ":": "&#58;",
}


# A run of whitespace that is not one plain space (a single space needs no replacing: most are).
_WHITESPACE = re.compile(r"\s{2,}|[^\S ]")
# Replaced by a regex: str.translate with multi-character replacements goes character by
# character in Python's slow path, twice the time.
_SPECIAL = re.compile("[" + re.escape("".join(_ESCAPED)) + "]")


def _entity(match: re.Match[str]) -> str:
    """The numeric entity of the special character ``match`` found."""
    return _ESCAPED[match.group()]


def escape_md(value: object) -> Markup:
    """Escape ``value`` so HTML and Markdown both show it as literal text.

    Whitespace runs (newlines included) become one space, so corpus text can
    never start a Markdown block (heading, list, code) of its own.
    ``Markup`` values are trusted and returned unchanged.
    """
    if isinstance(value, Markup):
        return value
    return _escaped(str(value))


# Names, dates, labels and links' texts recur on thousands of pages of a large corpus: each
# distinct text is escaped once (a million calls at 1,000 articles, most of them repeats).
@lru_cache(maxsize=1 << 16)
def _escaped(text: str) -> Markup:
    return Markup(_SPECIAL.sub(_entity, _WHITESPACE.sub(" ", text)))


def _finalize(value: object) -> object:
    # Every `{{ }}` goes through here: corpus text is escaped even when a
    # template forgets the filter. None shows as an empty cell.
    if value is None:
        return ""
    return escape_md(value)


class RenderedOnce:
    """The ``once`` of the page templates: a row that recurs on many pages, rendered by its macro once.

    An event's row is on the page of each of its actors (the same row object: see
    ``Linker.per_folder``), and a macro call is the slowest thing a template does. Keyed by
    the macro, the row object and the other arguments; each entry holds the macro and the
    row, so that no other object takes their ids while the environment lives.
    """

    def __init__(self) -> None:
        self._rendered: dict[tuple, tuple[object, object, str]] = {}

    def __call__(self, macro, row: object, *arguments: object) -> str:
        key = (id(macro), id(row), arguments)
        entry = self._rendered.get(key)
        if entry is None:
            entry = self._rendered[key] = (macro, row, macro(row, *arguments))
        return entry[2]


def make_environment(templates_dir: Path) -> Environment:
    """The Jinja environment for page templates: strict and escaping."""
    env = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        undefined=StrictUndefined,
        autoescape=select_autoescape(
            enabled_extensions=("html", "xml", "md.j2", "j2"), default_for_string=True, default=True
        ),
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["escape_md"] = escape_md
    env.globals["once"] = RenderedOnce()
    return env


# --- the PDF briefing: Typst -------------------------------------------------------------

# In a Typst string these are written as escapes: the quote and backslash that would end or
# bend the string, and the control characters a string may not hold as they are. A lone
# surrogate (from a file's undecodable bytes) is no character at all: it becomes U+FFFD.
_TYPST_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_TYPST_SPECIAL = re.compile(r'[\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]')
# A label (a link's target, an entry's anchor): the characters Typst's <label> syntax takes.
_TYPST_LABEL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_\-.:]*")
# A chart's site path, as the linker writes it (``assets/charts/network.svg``).
_CHART_PATH = re.compile(r"[A-Za-z0-9_\-]+(?:/[A-Za-z0-9_\-]+)*\.svg")


def _typst_escape(match: re.Match[str]) -> str:
    char = match.group()
    if "\ud800" <= char <= "\udfff":
        return "\ufffd"
    return _TYPST_ESCAPES.get(char) or f"\\u{{{ord(char):x}}}"


def typst_str(value: object, keep_lines: bool = False) -> Markup:
    """``value`` as a Typst string literal, for code: ``"..."``.

    Whitespace runs become one space unless ``keep_lines`` (curation lines keep
    their line breaks and indents).
    """
    text = "" if value is None else str(value)
    text = text if keep_lines else _WHITESPACE.sub(" ", text)
    return Markup('"' + _TYPST_SPECIAL.sub(_typst_escape, text) + '"')


def typst_text(value: object) -> Markup:
    """``value`` as text in Typst markup: a string, embedded and ended (``#"...";``)."""
    return Markup("#" + typst_str(value) + ";")


def typst_label(anchor: object) -> Markup:
    """A label for an entry's anchor (``actor-jane-doe`` -> ``<actor-jane-doe>``)."""
    text = str(anchor)
    if not _TYPST_LABEL.fullmatch(text):
        raise ValueError(f"briefing: {text!r} cannot be a label")
    return Markup(f"<{text}>")


def typst_target(href: object) -> Markup:
    """A link's target: the label of an anchor inside the document (``#actor-x`` -> ``<actor-x>``).

    The briefing links only inside itself; any other target is an error of the linker.
    """
    text = str(href)
    if not text.startswith("#"):
        raise ValueError(f"briefing: {text!r} is not a link inside the briefing")
    return typst_label(text[1:])


def typst_chart(path: object, max_height: str | None = None) -> Markup:
    """A chart's call: the template's ``chart`` function draws the SVG given with the document."""
    text = str(path)
    if not _CHART_PATH.fullmatch(text):
        raise ValueError(f"briefing: {text!r} is not a chart's path")
    if max_height is not None and not re.fullmatch(r"\d+(?:\.\d+)?mm", max_height):
        raise ValueError(f"briefing: {max_height!r} is not a height in mm")
    height = f", max-height: {max_height}" if max_height is not None else ""
    return Markup(f"#chart({typst_str(text)}{height});")


def typst_date(value: object) -> Markup:
    """An ISO date (``2024-03-10``) as a Typst ``datetime``; ``none`` for anything else."""
    try:
        date = dt.date.fromisoformat(str(value))
    except ValueError:
        return Markup("none")
    return Markup(f"datetime(year: {date.year}, month: {date.month}, day: {date.day})")


def _typst_finalize(value: object) -> object:
    # Every `{{ }}` goes through here. Only ``Markup`` passes as it is: the macros' output and
    # the filters' code. A view's ``Markup`` is HTML and is not printed in the briefing.
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return typst_text(value)


def make_print_environment(templates_dir: Path) -> Environment:
    """The Jinja environment of the briefing's Typst template: strict, every value a Typst string."""
    env = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        undefined=StrictUndefined,
        autoescape=True,  # so that macros' output is Markup, which _typst_finalize lets through
        finalize=_typst_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        typst_str=typst_str, typst_date=typst_date, anchor=typst_label, target=typst_target, chart=typst_chart
    )
    return env
