"""The Jinja environment of the site's pages and the PDF briefing: strict, and escaping.

Every string that comes from the corpus is untrusted: the environment escapes
it for HTML *and* Markdown unless it is already ``Markup`` (the links we compute).
"""

from __future__ import annotations

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
    return env
