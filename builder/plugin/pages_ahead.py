"""Generated pages made ready for the theme in a forked child while MkDocs writes the ones before them.

When MkDocs starts writing pages (``on_env``), every page's Markdown is HTML already; what is
left for a generated page before the theme renders it is the plugin's own work: its raw-HTML
blocks put back with their links resolved, and its search entries read (``_before_search``
and ``_after_search`` in ``builder.plugin``): half of MkDocs' time per page, on one core while
the other sat idle (24 s for the 2,412 pages of 1,000 articles). A forked child does that work
for the later pages while this process writes the earlier ones, and hands back each page's
HTML, search entries and anchors; the page then only goes through the theme here.

What the child would have to say (a link to no page: a warning, which ``--strict`` counts
here) or cannot do (a page the search reader leaves to the search plugin) it leaves out, and
this process does that page itself, as it does every page when the child fails or the
build may not fork.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from builder.forked import ForkedWork, Outbox, fork_is_safe

log = logging.getLogger("mkdocs.plugins.dossier")

# Fewer pages than this are not worth a child.
MIN_PAGES = 200
# This process keeps the first pages up to this share of the work (a page's work: its HTML's
# length and a fixed part for the theme, which stays here): it writes them while the child
# prepares the rest, and then puts the rest through the theme.
KEPT_SHARE = 0.4
PAGE_FIXED_CHARS = 4_000
# The child's pages come back in parts of about this many characters, each let go once used:
# this process never holds all of a long article's pages at once.
PART_CHARS = 8_000_000
_CONTENT, _ENTRIES, _ANCHORS, _UNINDEXED = "content", "entries", "anchors", "unindexed"


@dataclass(frozen=True)
class ReadyPage:
    """A generated page as the plugin's per-page work leaves it: what the theme renders, what is indexed."""

    content: str
    search_entries: list[dict]
    anchors: list[str]
    # The blocks the search index leaves out, by number: they go back into ``content`` (where
    # a comment holds their place) once the search plugin is done with the page.
    unindexed: dict[int, str] = field(default_factory=dict)


class PagesAhead:
    """The later generated pages of a build, being made ready in a forked child."""

    def __init__(self, child: ForkedWork, part_of: dict[str, int]) -> None:
        self._child = child
        self._part_of = part_of  # src_uri: the part the page comes back in
        self._part = -1
        self._ready: dict[str, dict[str, str | bytes]] = {}

    @classmethod
    def start(
        cls, pages: Sequence, prepare: Callable[[object], ReadyPage | None], fork: bool | None = None
    ) -> PagesAhead | None:
        """Prepare the later of ``pages`` (in MkDocs' order) in a forked child; None where that does not pay
        or the build may not fork. ``prepare(page)`` runs in the child and may change the page (its copy)."""
        if len(pages) < MIN_PAGES or not (fork if fork is not None else fork_is_safe()):
            return None
        weights = [len(page.content or "") + PAGE_FIXED_CHARS for page in pages]
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
                    ready = _prepared_quietly(prepare, page)
                    if ready is not None:
                        uri = page.file.src_uri
                        files[f"{uri}\n{_CONTENT}"] = ready.content
                        files[f"{uri}\n{_ENTRIES}"] = json.dumps(ready.search_entries)
                        files[f"{uri}\n{_ANCHORS}"] = json.dumps(ready.anchors)
                        files[f"{uri}\n{_UNINDEXED}"] = json.dumps(sorted(ready.unindexed))
                        for block, html in ready.unindexed.items():
                            files[f"{uri}\n{_UNINDEXED} {block}"] = html
                outbox.deliver(str(number), files)

        try:
            return cls(ForkedWork(work, [str(n) for n in range(len(parts))]), part_of)
        except OSError as error:  # no process can be started here: every page is done here
            log.info("dossier: the pages are all made ready here (%s)", error)
            return None

    def take(self, src_uri: str) -> ReadyPage | None:
        """The page made ready by the child (waiting for it if need be); None: this process does it."""
        part = self._part_of.get(src_uri)
        if part is None or part < self._part:
            return None
        try:
            while self._part < part:
                self._part += 1
                self._ready = self._child.result(str(self._part))  # the part before is let go
        except Exception as error:  # noqa: BLE001 - this process does the pages itself
            log.info("dossier: the pages made ready aside are not used (%s)", error)
            self.cancel()
            return None
        content = self._ready.pop(f"{src_uri}\n{_CONTENT}", None)
        if content is None:
            return None  # left to this process (see the module's notes)
        entries = self._ready.pop(f"{src_uri}\n{_ENTRIES}")
        anchors = self._ready.pop(f"{src_uri}\n{_ANCHORS}")
        blocks = json.loads(self._ready.pop(f"{src_uri}\n{_UNINDEXED}"))
        unindexed = {block: str(self._ready.pop(f"{src_uri}\n{_UNINDEXED} {block}")) for block in blocks}
        return ReadyPage(str(content), json.loads(entries), json.loads(anchors), unindexed)

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
    """The child says nothing itself: a page that would warn is left to this process, which warns."""
    log.propagate = False
    log.handlers[:] = [_NOTED]


def _prepared_quietly(prepare: Callable[[object], ReadyPage | None], page) -> ReadyPage | None:
    before = _NOTED.count
    ready = prepare(page)
    return ready if _NOTED.count == before else None
