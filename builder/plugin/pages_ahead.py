"""Generated pages rendered in a forked child while MkDocs writes the ones before them.

When MkDocs starts writing pages (``on_env``), every page's Markdown is HTML already; what is
left for a generated page is the plugin's own work (its raw-HTML blocks put back with their
links resolved, its search entries read: ``_prepare`` in ``builder.plugin``) and the theme.
Both ran on one core while the other sat idle. A forked child does both for the later pages
while this process writes the earlier ones, and hands back each page as the theme renders it,
with its search entries and anchors; this process then writes it as it writes a page from the
page cache (the theme's template stands aside: ``AHEAD_TEMPLATE``).

What the child would have to say (a link to no page: a warning, which ``--strict`` counts
here) or cannot do (a page the search reader leaves to the search plugin) it leaves out, and
this process does that page itself through the theme, as it does every page when the child
fails or the build may not fork.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from jinja2 import BaseLoader, ChoiceLoader, DictLoader

from builder.forked import ForkedWork, Outbox, fork_is_safe

log = logging.getLogger("mkdocs.plugins.dossier")

# Fewer pages than this are not worth a child.
MIN_PAGES = 200
# This process keeps the first pages up to this share of the work (a page's work: the HTML it
# reads, ``size`` in ``start``, and a fixed part for the theme): it renders them while the
# child renders the rest, and then writes the rest, a fraction of a page's work each.
KEPT_SHARE = 0.45
PAGE_FIXED_CHARS = 4_000
# The template a page the child renders is written with (``loader``): the child's HTML where
# it came back (``AHEAD_HTML``), else the page's own template, named in ``THEME_TEMPLATE``.
AHEAD_TEMPLATE = "dossier-page-ahead.html"
AHEAD_HTML = "dossier_page_ahead"
THEME_TEMPLATE = "dossier_theme_template"
# The child's pages come back in parts of about this many characters of the HTML they read
# (the theme adds some 17,000 a page to what comes back), each let go once used: this process
# never holds all of a long article's pages at once.
PART_CHARS = 8_000_000
_HTML, _ENTRIES, _ANCHORS = "html", "entries", "anchors"


@dataclass(frozen=True)
class ReadyPage:
    """A generated page rendered: the theme's output (before ``on_post_page``), what is indexed, its ids."""

    html: str
    search_entries: list[dict]
    anchors: list[str]


def loader(theme_loader: BaseLoader) -> ChoiceLoader:
    """The theme's template loader, with the template of the pages a child renders (``AHEAD_TEMPLATE``).

    It writes the child's HTML; for a page the child left, it renders the page's own template
    with the same context, as MkDocs would have (``include`` passes the whole context).
    """
    ahead = (
        f"{{% if {AHEAD_HTML} is defined %}}{{{{ {AHEAD_HTML} }}}}"
        f"{{% else %}}{{% include {THEME_TEMPLATE} %}}{{% endif %}}"
    )
    return ChoiceLoader([DictLoader({AHEAD_TEMPLATE: ahead}), theme_loader])


class PagesAhead:
    """The later generated pages of a build, being rendered in a forked child."""

    def __init__(self, child: ForkedWork, part_of: dict[str, int]) -> None:
        self._child = child
        self._part_of = part_of  # src_uri: the part the page comes back in
        self._part = -1
        self._ready: dict[str, dict[str, str | bytes]] = {}

    @classmethod
    def start(
        cls,
        pages: Sequence,
        render: Callable[[object], ReadyPage | None],
        fork: bool | None = None,
        size: Callable[[object], int] | None = None,
    ) -> PagesAhead | None:
        """Render the later of ``pages`` (in MkDocs' order) in a forked child; None where that does not pay
        or the build may not fork. ``render(page)`` runs in the child and may change the page (its copy).
        ``size(page)``: the characters of HTML the page's work reads (its ``content`` if not given)."""
        if len(pages) < MIN_PAGES or not (fork if fork is not None else fork_is_safe()):
            return None
        read = size or (lambda page: len(page.content or ""))
        weights = [read(page) + PAGE_FIXED_CHARS for page in pages]
        kept, total, first = 0, sum(weights), len(pages)
        for at, weight in enumerate(weights):
            if kept >= KEPT_SHARE * total:
                first = at
                break
            kept += weight
        parts: list[list] = [[]]
        size = 0
        for page, weight in zip(pages[first:], weights[first:], strict=True):
            if size >= PART_CHARS:
                parts.append([])
                size = 0
            parts[-1].append(page)
            size += weight
        part_of = {page.file.src_uri: number for number, part in enumerate(parts) for page in part}

        def work(outbox: Outbox) -> None:
            _quiet_here()
            for number, pages_of_part in enumerate(parts):
                files: dict[str, str | bytes] = {}
                for page in pages_of_part:
                    ready = _rendered_quietly(render, page)
                    if ready is not None:
                        uri = page.file.src_uri
                        files[f"{uri}\n{_HTML}"] = ready.html
                        files[f"{uri}\n{_ENTRIES}"] = json.dumps(ready.search_entries)
                        files[f"{uri}\n{_ANCHORS}"] = json.dumps(ready.anchors)
                outbox.deliver(str(number), files)

        try:
            return cls(ForkedWork(work, [str(n) for n in range(len(parts))]), part_of)
        except OSError as error:  # no process can be started here: every page is done here
            log.info("dossier: the pages are all rendered here (%s)", error)
            return None

    def take(self, src_uri: str) -> ReadyPage | None:
        """The page rendered by the child (waiting for it if need be); None: this process does it."""
        part = self._part_of.get(src_uri)
        if part is None or part < self._part:
            return None
        try:
            while self._part < part:
                self._part += 1
                self._ready = self._child.result(str(self._part))  # the part before is let go
        except Exception as error:  # noqa: BLE001 - this process does the pages itself
            log.info("dossier: the pages rendered aside are not used (%s)", error)
            self.cancel()
            return None
        html = self._ready.pop(f"{src_uri}\n{_HTML}", None)
        if html is None:
            return None  # left to this process (see the module's notes)
        entries = self._ready.pop(f"{src_uri}\n{_ENTRIES}")
        anchors = self._ready.pop(f"{src_uri}\n{_ANCHORS}")
        return ReadyPage(str(html), json.loads(entries), json.loads(anchors))

    def holds(self, src_uri: str) -> bool:
        """Whether the page ``src_uri`` went to the child (which may still leave it to this process)."""
        return src_uri in self._part_of

    def cancel(self) -> None:
        """Stop the child; the pages it has not handed back are done here."""
        self._part_of = {}
        self._ready = {}
        self._child.cancel()


class _Noted(logging.Handler):
    """In the child: notes that something was logged (a warning this process must give itself)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


_NOTED = _Noted()


def _quiet_here() -> None:
    """The child says nothing itself: a page that would warn is left to this process, which warns.

    MkDocs' loggers, the theme's and its plugins' (``mkdocs.*``) are all noted: the child now
    renders the theme too.
    """
    for logger in (log, logging.getLogger("mkdocs")):
        logger.propagate = False
        logger.handlers[:] = [_NOTED]


def _rendered_quietly(render: Callable[[object], ReadyPage | None], page) -> ReadyPage | None:
    before = _NOTED.count
    ready = render(page)
    return ready if _NOTED.count == before else None
