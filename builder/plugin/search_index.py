"""A page's search-index entries, read as Material's search plugin reads them, a few times faster.

Material's search plugin reads each page's HTML with Python's ``html.parser``, which
steps through it in Python and calls back for every tag and run of text, and keeps its
place with sets of elements compared tag by tag: about 40% of the time MkDocs spends on
a generated page, and seconds for a long article's pages. The generated pages are
plain, well-formed HTML: one regular expression finds their tags, and :class:`_Sections`
splits them into sections by the same rules as the plugin's ``Parser`` (the sections'
titles and text, kept tags, skipped blocks, headings nested in other elements), with
the tags it keeps track of counted instead of compared. The entries themselves are
made by the plugin's own ``create_entry_for_section``, so their form is the plugin's.

A page with anything this reader does not cover (a script or style, whose text
``html.parser`` reads differently, a ``<`` that opens no tag, a declaration) is left to
the search plugin (:func:`add_page` answers False). ``tests/test_search_index.py`` holds
the two readers to the same sections, on hand-made cases and on every page of a site.
"""

from __future__ import annotations

import re
from collections import Counter
from html import escape, unescape

try:  # Material's search plugin: its sections and entries are what the index holds
    from material.plugins.search.plugin import Element, SearchIndex, Section
except ImportError:  # pragma: no cover - Material is a dependency; without it, no fast path
    SearchIndex = None

# A start tag (name, attributes, "/" of a self-closing tag), an end tag, or a comment. A tag's
# name runs as far as html.parser reads it; a comment is only of the plain kind ("-->" closes
# it, no "--" inside): html.parser's rules for the others differ from one Python to the next,
# and their "<" is then left in the text, which sends the page to the search plugin.
_MARKUP = re.compile(
    r"""<(?:(/)?([a-zA-Z][^\t\n\r\f />\x00]*)"""
    r"""((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(/)?>"""
    r"|!--(?:[^-]|-(?!-))*-->)"
)
_ATTRIBUTE = re.compile(r"""\s+([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
# Elements whose text html.parser reads as raw text (script and style; newer Pythons more of
# them): a page with one goes to the search plugin.
_RAW_TEXT = re.compile(
    r"<(?:script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)\b", re.I
)

# What the search plugin's parser leaves out, keeps as markup, and takes as having no end tag.
_ALWAYS_SKIPPED = frozenset({"object", "script", "style"})
_KEPT = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def search_index_of(config):
    """The search plugin's index being filled (Material's or MkDocs' own), if there is one."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and hasattr(index, "entries"):
            return index
    return None


def add_page(index, page) -> bool:
    """Add ``page``'s entries to Material's search ``index`` as its plugin would (True).

    False, with nothing added, when ``index`` is not Material's or the page's HTML holds
    something :func:`page_sections` does not read: the search plugin indexes it then.
    """
    if SearchIndex is None or not isinstance(index, SearchIndex):
        return False
    if (page.meta.get("search") or {}).get("exclude"):
        return False  # left out of the index: the plugin says so itself
    sections = page_sections(page.content or "")
    if sections is None:
        return False
    for section in sections:
        if not section.is_excluded():
            index.create_entry_for_section(section, page.toc, page.url, page)
    return True


def page_sections(html: str) -> list | None:
    """The sections of ``html`` as the search plugin's parser makes them.

    None if ``html`` holds markup not read here (see the module's notes).
    """
    if _RAW_TEXT.search(html):
        return None
    sections = _Sections()
    # [text, "/" of an end tag, tag, attributes, "/" of <x/>, text, ...]; a comment: no tag.
    parts = _MARKUP.split(html)
    for at in range(0, len(parts) - 1, 5):
        if parts[at] and not sections.text(parts[at]):
            return None
        closing, tag, attributes, self_closing = parts[at + 1 : at + 5]
        if tag is None:
            continue  # a comment: it only ends the run of text before it
        tag = tag.lower()
        if closing:
            if attributes.strip():
                return None
            sections.end(tag)
            continue
        sections.start(tag, dict(_attributes(attributes)) if attributes else {})
        if self_closing:
            sections.end(tag)  # as html.parser does for <x/>
    if parts[-1] and not sections.text(parts[-1]):
        return None
    return sections.sections


def _attributes(text: str) -> list[tuple[str, str | None]]:
    """A start tag's attributes as html.parser gives them: names lower-cased, values unquoted, unescaped."""
    found = []
    for attribute in _ATTRIBUTE.finditer(text):
        double, single, bare = attribute.group(2, 3, 4)
        value = double if double is not None else single if single is not None else bare
        if value and "&" in value:
            value = unescape(value)
        found.append((attribute.group(1).lower(), value))
    return found


class _Sections:
    """The sections of a page, built tag by tag by the rules of the search plugin's parser.

    The parser compares elements by tag alone: an element "is open" when any open element
    has its tag, and a tag set aside to skip hides everything inside any open element of
    that tag. Counting the open elements' tags gives the same answers without the sets.
    """

    def __init__(self) -> None:
        self.sections: list = []
        self.section = None
        self.open: list = []  # the open elements, outermost first
        self.open_tags: Counter[str] = Counter()
        self.skipped = set(_ALWAYS_SKIPPED)  # tags whose open elements hide what is inside
        self.hiding = 0  # how many open elements have a tag in ``skipped``

    def _skipping(self) -> bool:
        return self.hiding > 0

    def _ensure_section(self) -> None:
        if self.section is None:  # text before the first heading: a section without one
            self.section = Section(Element("hx"))
            self.sections.append(self.section)

    def _in_title(self) -> bool:
        return self.open_tags[self.section.el.tag] > 0

    def start(self, tag: str, attributes: dict) -> None:
        if tag in _VOID:
            return
        element = Element(tag, attributes)
        self.open.append(element)
        self.open_tags[tag] += 1
        if tag in self.skipped:
            self.hiding += 1
        if tag in _HEADINGS and "id" in attributes:
            depth = len(self.open)
            if tag != "h1" and not self.sections:
                self.section = Section(Element("hx"), depth)
                self.sections.append(self.section)
            self.section = Section(element, depth)
            if self.sections:
                self.section.id = attributes["id"]
            self.sections.append(self.section)
        self._ensure_section()
        for name, value in attributes.items():
            if name == "data-search-exclude" or (name == "class" and value == "linenodiv"):
                if tag not in self.skipped:
                    self.skipped.add(tag)
                    self.hiding += self.open_tags[tag]
                return
        if tag in _KEPT and not self._skipping():
            (self.section.title if self._in_title() else self.section.text).append(f"<{tag}>")

    def end(self, tag: str) -> None:
        if not self.open or self.open[-1].tag != tag:
            return
        if self.section.depth > len(self.open):
            # The element the current section's heading was nested in ends: the section
            # closes for good, and text goes on into the section around it.
            for section in reversed(self.sections):
                if section.depth <= len(self.open):
                    self.section.depth = float("inf")
                    self.section = section
                    break
        self.open.pop()
        self.open_tags[tag] -= 1
        if tag in self.skipped:
            self.hiding -= 1
            if tag not in _ALWAYS_SKIPPED:
                self.skipped.discard(tag)
                self.hiding -= self.open_tags[tag]
            return
        if tag in _KEPT and not self._skipping():
            parts = self.section.title if self._in_title() else self.section.text
            opened = parts.index(f"<{tag}>")
            # Read in place, not through a slice: a copy of the rest of a long section for
            # each closing tag made a 5 MB article's source page take 38 s.
            if all(parts[at].isspace() for at in range(opened + 1, len(parts))):
                del parts[opened:]  # an element with nothing but spaces in it is left out
            else:
                parts.append(f"</{tag}>")

    def text(self, raw: str) -> bool:
        """Add a run of text; False if it holds a ``<`` (markup not read here)."""
        if "<" in raw:
            return False
        if self._skipping():
            return True
        data = unescape(raw) if "&" in raw else raw
        if not self.open_tags["pre"]:
            data = " " if data.isspace() else data.replace("\n", " ")
        self._ensure_section()
        section = self.section
        if self._in_title():
            if not any(e.tag == "a" and e.attrs.get("class") == "headerlink" for e in self.open):
                section.title.append(escape(data, quote=False))
        elif data.isspace():
            if not section.text or not section.text[-1].isspace() or self.open_tags["pre"]:
                section.text.append(data)
        else:
            section.text.append(escape(data, quote=False))
        return True
