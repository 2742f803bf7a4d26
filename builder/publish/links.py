"""Where every page and file of the site lives, and how one page links to another.

All links are relative ``.md`` links so MkDocs resolves and checks them. A
link is a small record (:class:`Link`, :class:`ActorLink`, :class:`SourceLink`)
that the templates lay out; ``href`` None means the label prints as plain text.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TypeVar

from markupsafe import Markup

from builder.model import Actor, Dossier, Span
from builder.publish.labels import shorten
from builder.values.slugs import unique_slugs

CHART_DIR = "assets/charts"
# The PDF briefing in the site, linked from the home page.
BRIEFING_FILE = "briefing.pdf"
# The actors index: every actor has a row there (an anchor), and an actor without a page lives there.
ACTORS_INDEX = "actors/index.md"

T = TypeVar("T")


@dataclass(frozen=True)
class Link:
    """A labelled link to a page or a file of the site."""

    href: Markup | None
    label: str


@dataclass(frozen=True)
class ActorLink:
    """A link to an actor's page, labelled with the actor's name."""

    href: Markup | None
    label: str
    kind: str  # person, organisation, place: the mark's colour in a source text


@dataclass(frozen=True)
class SourceLink:
    """A citation: a link to the paragraph of the article a statement comes from."""

    href: Markup | None
    label: str  # the article's short title and the paragraph: "Harbour closes ¶3"
    title: str  # the article's whole title


class Linker:
    """Where every page lives and how one page links to another."""

    def __init__(self, dossier: Dossier) -> None:
        self.documents = {doc.id: doc for doc in dossier.documents}
        self.actors = dossier.actors_by_id
        self.doc_slugs = unique_slugs((doc.id, doc.id) for doc in dossier.documents)
        self.actor_slugs = unique_slugs((actor.id, actor.name) for actor in dossier.actors)
        self.actors_with_page = frozenset(actor.id for actor in dossier.actors if deserves_page(actor))
        self._relative: dict[tuple[str, str], str] = {}
        self._per_folder: dict[tuple, object] = {}
        self._folders: dict[str, str] = {}  # page: its folder (``posixpath.dirname``, asked 300,000 times)

    def per_folder(self, key: tuple[Hashable, ...], from_page: str, build: Callable[[], T]) -> T:
        """The row or link ``key`` as seen from ``from_page``'s folder, built once per folder.

        The same citation, name link, event or actor row recurs on thousands of pages of a
        large corpus, and relative links are the same from every page of a folder. The
        records returned are shared (and frozen).
        """
        key = (*key, self._folder(from_page))
        found = self._per_folder.get(key)
        if found is None:
            found = self._per_folder[key] = build()
        return found  # type: ignore[return-value]

    def _folder(self, page: str) -> str:
        folder = self._folders.get(page)
        if folder is None:
            folder = self._folders[page] = posixpath.dirname(page)
        return folder

    def actor_page(self, actor_id: str) -> str:
        return f"actors/{self.actor_slugs[actor_id]}.md"

    def has_page(self, actor_id: str) -> bool:
        """Whether the actor has a page of its own (see :func:`deserves_page`)."""
        return actor_id in self.actors_with_page

    def actor_target(self, actor_id: str) -> str:
        """Where a link to the actor goes: its page, or its row in the actors index when it has none."""
        if self.has_page(actor_id):
            return self.actor_page(actor_id)
        return f"{ACTORS_INDEX}#{self.actor_anchor(actor_id)}"

    def actor_anchor(self, actor_id: str) -> str:
        """The id of the actor's row in the actors index."""
        return f"actor-{self.actor_slugs[actor_id]}"

    def source_page(self, doc_id: str) -> str:
        return f"sources/{self.doc_slugs[doc_id]}.md"

    def href(self, target: str, from_page: str) -> Markup:
        """A link from ``from_page`` to the site path ``target`` (may carry #anchor)."""
        path, _, anchor = target.partition("#")
        folder = self._folder(from_page) or "."
        relative = self._relative.get((path, folder))
        if relative is None:  # relpath is slow and pages link to the same few folders
            relative = self._relative[path, folder] = posixpath.relpath(path, folder)
        return Markup(relative + (f"#{anchor}" if anchor else ""))

    def link(self, target: str, label: str, from_page: str) -> Link:
        """A link to the site path ``target`` labelled ``label``."""
        return Link(self.href(target, from_page), label)

    def paragraph_number(self, span: Span) -> int:
        """The 1-based number of the paragraph that holds ``span``."""
        return self.documents[span.doc].paragraph_at(span.start).index + 1

    def source_link(self, span: Span, from_page: str) -> SourceLink:
        """A citation: link to the paragraph of the article holding ``span`` (shared: see per_folder)."""
        doc = self.documents.get(span.doc)
        if doc is None:
            return SourceLink(None, f"{span.doc} (missing)", span.doc)
        number = self.paragraph_number(span)

        def build() -> SourceLink:
            target = f"{self.source_page(doc.id)}#{paragraph_anchor(number)}"
            return SourceLink(self.href(target, from_page), f"{shorten(doc.title, 28)} ¶{number}", doc.title)

        return self.per_folder(("source", doc.id, number), from_page, build)

    def actor_link(self, actor_id: str, from_page: str) -> ActorLink:
        """A link to an actor's page, labelled with the actor's name (shared: see per_folder)."""
        actor = self.actors.get(actor_id)
        if actor is None:
            return ActorLink(None, actor_id, "")
        return self.per_folder(
            ("actor", actor_id),
            from_page,
            lambda: ActorLink(self.href(self.actor_target(actor_id), from_page), actor.name, actor.kind),
        )


def deserves_page(actor: Actor) -> bool:
    """Whether a page of its own would tell the reader more about ``actor`` than one sentence does.

    An actor whose every mention, role, quote and country evidence lies in one sentence,
    written one way and not corrected by curation, gets no page: its profile would repeat
    that sentence. It lives in a row of the actors index that cites the sentence (most
    names of a real corpus are such passers-by, and a page each was most of the site).
    """
    # No sentence to cite (an actor curation adds), a fact the analyst set, or another name: a page.
    if not actor.mentions or actor.curated or set(actor.aliases) - {actor.name}:
        return True
    sentence = actor.mentions[0].sentence
    evidence = [
        *(mention.sentence for mention in actor.mentions),
        *(source for role in actor.roles for source in (role.source, *role.sources)),
        *(quote.source for quote in actor.quotes),
        *((actor.country_evidence,) if actor.country_evidence else ()),
    ]
    return not all(_within(span, sentence) for span in evidence)


def _within(span: Span, sentence: Span) -> bool:
    return span.doc == sentence.doc and sentence.start <= span.start and span.end <= sentence.end


def paragraph_anchor(number: int) -> str:
    """The HTML id of a source paragraph: ``p-1`` is the first."""
    return f"p-{number}"
