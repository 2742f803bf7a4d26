"""The generated pages' raw-HTML blocks: kept out of Python-Markdown's way, their ``.md`` links resolved.

The big tables, the mention lists and an article's text are raw HTML that
Python-Markdown and MkDocs would parse three times over only to pass it through.
:class:`RawHtmlStash` takes them out of a page's Markdown before it is parsed and
puts them back in the HTML after; :func:`resolve_links` then does for their links
what MkDocs does for links in Markdown (it does not look inside raw HTML).

A block the search index must leave out carries Material's own ``data-search-exclude``
(an actor page's mentions and events: the sentences are indexed on their article's
page, the events in the chronology). Material's search would parse such a block only
to skip it: it stays aside until the page is indexed (:meth:`RawHtmlStash.put_back_unindexed`).
"""

from __future__ import annotations

import html
import logging
import posixpath
import re
from collections.abc import Callable, Iterator

from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.plugins.dossier")

# A raw-HTML block of a generated page: a blank-line-separated chunk that starts with a
# block-level tag (at a line's start) and ends with its closing tag; it stands in the Markdown
# as a placeholder word. Found by ``raw_blocks``: the opening tag, then the block's end where
# the next blank line (or the page's end) is. One regular expression could say it, but Python's
# ``re`` keeps a backtracking record for every character of such a block: 1.3 GB for the 16 MB
# page of a 5 MB article.
_BLOCK_OPENING = re.compile(r"(?<![^\n])<(table|div|p|blockquote|ul|ol|dl|section)\b[^>]*>")
_BLANK_LINE = re.compile(r"\n\s*\n")
# Blocks with only blank lines between them share one placeholder, "...block3to7x": Python-Markdown
# writes a line break between two paragraphs, so the blocks go back joined by one. A page's
# blocks mostly come in runs (an actor's mentions, an article's paragraphs), and each paragraph
# costs Python-Markdown's inline patterns a pass: 5,625 placeholders for the real articles'
# pages, 1,562 runs.
_STASH = "dossierrawhtmlblock"
_STASHED = re.compile(rf"(?:<p>)?{_STASH}(\d+)(?:to(\d+))?x(?:</p>)?")
_BETWEEN_BLOCKS = re.compile(r"\n\s*\n\s*")  # a block ends where its blank line starts
# Where a block the search index leaves out waits while the page is indexed: a comment, which
# the search plugin's parser skips.
_UNINDEXED = "dossier-unindexed-block-"
_UNINDEXED_AT = re.compile(rf"<!--{_UNINDEXED}(\d+)-->")
# A block whose opening tag carries Material's attribute for "not in the search index".
_SEARCH_EXCLUDED = re.compile(r"\A<[a-z]+\b[^>]*\sdata-search-exclude\b")
# An element's id: id="...", where the word "id" starts (``element_ids``).
_ID = re.compile(r'id="([^"]+)"')

# A relative link to a Markdown page in raw HTML: href="../actors/x.md#p-2".
_MD_HREF = re.compile(r'(href=")(?![a-z][a-z0-9+.-]*:|/|#)([^"#?]+\.md)(#[^"]*)?"')


class RawHtmlStash:
    """The raw-HTML blocks of the pages being built, set aside between their Markdown and their HTML.

    A block is kept as where it is in the page's source (which MkDocs holds anyway), not as a
    copy, and goes back in only when the page is written (:meth:`put_back`, from
    ``on_page_context``): MkDocs renders every page's Markdown before it writes the first,
    and holding each page's whole HTML meanwhile was as much memory again as the pages.
    """

    def __init__(self) -> None:
        # src_uri: (the text the blocks are in, where each is), from set_aside till put_back
        self._blocks: dict[str, tuple[str, list[tuple[int, int]]]] = {}
        self._unindexed: dict[str, dict[int, str]] = {}  # src_uri: {block number: block}, till indexed

    def set_aside(self, src_uri: str, markdown: str, source: str | None = None) -> str:
        """``markdown`` with each whole raw-HTML block, or run of blocks, replaced by a placeholder word.

        ``source``: the page's whole text, which ``markdown`` ends (MkDocs takes the front
        matter off): the blocks are noted as places in it, so that no copy of them is held.
        """
        spans: list[tuple[int, int]] = []
        text, offset = markdown, 0
        if source is not None and source.endswith(markdown):
            text, offset = source, len(source) - len(markdown)
        pieces: list[str] = []
        written = 0
        run_first = -1  # the first block of the run of blocks the last placeholder stands for
        for start, end, tag in raw_blocks(markdown):
            block = markdown[start:end]
            # Markdown inside (``markdown="1"``) must be parsed; unbalanced tags are not one block.
            if "markdown=" in block or block.count(f"<{tag}") != block.count(f"</{tag}>"):
                pieces.extend((markdown[written:start], block))
                run_first = -1
            elif run_first >= 0 and _BETWEEN_BLOCKS.fullmatch(markdown, written, start):
                pieces[-1] = f"{_STASH}{run_first}to{len(spans)}x"  # the run goes on
                spans.append((offset + start, offset + end))
            else:
                run_first = len(spans)
                pieces.extend((markdown[written:start], f"{_STASH}{run_first}x"))
                spans.append((offset + start, offset + end))
            written = end
        pieces.append(markdown[written:])
        self._blocks[src_uri] = (text, spans)
        return "".join(pieces)

    def holds(self, src_uri: str) -> bool:
        """Whether blocks of the page ``src_uri`` are set aside, to go back in when it is written."""
        return src_uri in self._blocks

    def held_chars(self, src_uri: str) -> int:
        """How many characters of the page ``src_uri``'s blocks are set aside (0 if none)."""
        _, spans = self._blocks.get(src_uri, ("", []))
        return sum(end - start for start, end in spans)

    def discard(self, src_uri: str) -> None:
        """Let go of the page's blocks: its HTML was made whole elsewhere (``builder.plugin.pages_ahead``)."""
        self._blocks.pop(src_uri, None)
        self._unindexed.pop(src_uri, None)

    def put_back(self, page, resolve: Callable[[str], str] = str) -> list[str]:
        """Put the blocks set aside from ``page``'s Markdown back into its HTML, ``resolve`` d.

        A page never set aside (not generated, or from the page cache) is left as it is. A
        block the search index leaves out stays aside, a comment in its place, until
        :meth:`put_back_unindexed` (after the search plugin has indexed the page).

        Returns the ids of the blocks' elements (MkDocs' anchors), which the page now holds.
        """
        held = self._blocks.pop(page.file.src_uri, None)
        if held is None:
            return []
        text, spans = held
        blocks = [text[start:end] for start, end in spans]
        unindexed = {n: block for n, block in enumerate(blocks) if _SEARCH_EXCLUDED.match(block)}

        def block_at(number: int) -> str:
            return f"<!--{_UNINDEXED}{number}-->" if number in unindexed else blocks[number]

        def blocks_at(match: re.Match) -> str:
            first, last = match.group(1), match.group(2)
            return "\n".join(block_at(n) for n in range(int(first), int(last or first) + 1))

        page.content = resolve(_STASHED.sub(blocks_at, page.content) if blocks else page.content)
        if unindexed:
            self._unindexed[page.file.src_uri] = {n: resolve(block) for n, block in unindexed.items()}
        # MkDocs checks links to anchors against the ids it saw: add the blocks' ids.
        anchors = element_ids("".join(blocks))
        if page.present_anchor_ids is not None:
            page.present_anchor_ids.update(anchors)
        return anchors

    def put_back_unindexed(self, page) -> None:
        """Put the blocks the search index leaves out into ``page.content``, now that it is indexed."""
        unindexed = self._unindexed.pop(page.file.src_uri, None)
        if unindexed:
            page.content = _UNINDEXED_AT.sub(lambda match: unindexed[int(match.group(1))], page.content)


def element_ids(html: str) -> list[str]:
    """The values of ``id="..."`` in ``html``, in order: what ``re.findall(r'\\bid="([^"]+)"', html)`` gives.

    Twenty times faster: a pattern that starts with ``\\b`` gives Python's ``re`` no first
    character to skip ahead to, so it tries the whole pattern at every character of the page
    (1.5 s of CPU over the pages of 1,000 articles). The word boundary is checked here instead,
    on the few places where "id=" is found.
    """
    ids: list[str] = []
    searched = 0
    while (found := _ID.search(html, searched)) is not None:
        start = found.start()
        before = html[start - 1] if start else ""
        if before.isalnum() or before == "_":  # inside a word ("xid="): look on from the next character
            searched = start + 1
            continue
        ids.append(found.group(1))
        searched = found.end()
    return ids


def raw_blocks(markdown: str) -> Iterator[tuple[int, int, str]]:
    """The raw-HTML blocks of ``markdown``, in order, as ``(start, end, tag)``; in linear time and memory.

    A block opens with a block-level tag at a line's start and closes with the same tag
    right before the first blank line after its opening (or right before the end, a final
    line break aside); nothing else between is looked at. Where that is not so, the next
    opening tag is tried (after the block, where one was found).
    """
    searched = 0
    blank: re.Match | None = None  # the first blank line at or after the latest opening tag
    while (opening := _BLOCK_OPENING.search(markdown, searched)) is not None:
        tag, body = opening.group(1), opening.end()
        # Whether a blank line starts at a place does not depend on where the search began:
        # the one found for an earlier opening tag stands while it is still ahead.
        if blank is None or blank.start() < body:
            blank = _BLANK_LINE.search(markdown, body)
        if blank is not None:
            ends = [blank.start()]
        else:  # the block can only end where the page does, or before its last line break
            ends = [len(markdown)] + ([len(markdown) - 1] if markdown.endswith("\n") else [])
        closing = f"</{tag}>"
        end = next((e for e in ends if e - len(closing) >= body and markdown.endswith(closing, 0, e)), None)
        if end is None:
            searched = opening.start() + 1
            continue
        yield opening.start(), end, tag
        searched = end


def resolve_links(
    content: str, page_file: File, files: Files, targets: dict[str, File | None] | None = None
) -> str:
    """Turn the raw-HTML links to ``.md`` pages in ``content`` into the pages' URLs.

    Python-Markdown passes raw HTML through without parsing (much faster than
    ``markdown="1"``), so MkDocs neither rewrites nor checks the links there: this
    does both, as MkDocs would, and warns of a link to no page (``--strict`` fails).
    ``targets``: the files of ``files`` by path, found so far (kept by the caller for a build:
    the pages of a site link to the same actors and articles).
    """
    base = posixpath.dirname(page_file.src_uri)
    # A page links to the same few pages again and again (each citation of an article): each
    # target's URL is worked out once per page.
    urls: dict[str, str | None] = {}
    targets = {} if targets is None else targets

    def url(match: re.Match) -> str:
        path, anchor = match.group(2), match.group(3) or ""
        if path not in urls:
            where = posixpath.normpath(posixpath.join(base, path))
            if where not in targets:
                targets[where] = files.get_file_from_path(where)
            target = targets[where]
            urls[path] = html.escape(target.url_relative_to(page_file)) if target is not None else None
            if target is None:
                log.warning("dossier: %s links to '%s', which is not a page", page_file.src_uri, path)
        found = urls[path]
        return match.group(0) if found is None else f'{match.group(1)}{found}{anchor}"'

    return _MD_HREF.sub(url, content)
