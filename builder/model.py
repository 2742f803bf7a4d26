"""The dossier model: small typed records that every later stage reads.

Two layers live here:

* per-article annotations (``ArticleExtraction`` and what it holds), the
  output of the NLP stage for one article, cacheable and independent of
  every other article;
* the resolved dossier (``Dossier`` and its ``Actor``, ``Event``, ``Figure``
  records), built from all articles' annotations by the cross-article stage.

Pages, charts, exports and the PDF read only the resolved dossier.
Offsets are character offsets into ``Document.text`` (the text after the
dateline).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, fields
from functools import cached_property
from typing import Any, Literal, get_args

ActorKind = Literal["person", "organisation", "place"]
DateSource = Literal["dateline", "override", "inferred", "none"]
# How a figure's value is meant: "more than 40", "about 3,000", "at least 12" ...
Qualifier = Literal["exact", "at_least", "more_than", "about", "at_most", "less_than"]
# Where a figure's date comes from: its own sentence ("text"), the article's date (its dateline, or
# the date curation or its prose gives it: "article"), or nowhere ("none", no date).
FigureDateSource = Literal["text", "article", "none"]
# What a figure counts: forces deployed, people displaced or harmed, or "other" people and units.
FigureCategory = Literal[
    "police",
    "military",
    "security",
    "migrants",
    "displaced",
    "detained",
    "deported",
    "killed",
    "injured",
    "prisoners",
    "other",
]
# The same values at run time, in that order.
QUALIFIERS: tuple[Qualifier, ...] = get_args(Qualifier)
FIGURE_CATEGORIES: tuple[FigureCategory, ...] = get_args(FigureCategory)
ORGANISATION_KINDS = (
    "government",
    "police",
    "military",
    "armed group",
    "judiciary",
    "legislature",
    "media",
    "international",
    "party",
    "company",
    "other",
)


# --- corpus ---------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of an article: its character range and detected language."""

    index: int
    start: int
    end: int
    language: str = "en"


@dataclass(frozen=True)
class Document:
    """One article as read from the corpus."""

    id: str
    path: str
    title: str
    text: str
    date: str | None
    date_source: DateSource
    paragraphs: tuple[Paragraph, ...]
    content_hash: str = ""
    date_evidence: str | None = None

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        # cached_property writes the instance dict directly, which a frozen dataclass allows.
        return [paragraph.start for paragraph in self.paragraphs]

    def paragraph_at(self, offset: int) -> Paragraph:
        """The paragraph containing ``offset``; between two, the one before; before all, the first.

        Called once per name, date and number, so it bisects rather than scans.
        """
        if not self.paragraphs:
            return Paragraph(0, 0, len(self.text))
        index = bisect_right(self._paragraph_starts, offset) - 1
        return self.paragraphs[max(index, 0)]


@dataclass(frozen=True)
class SkippedFile:
    """A corpus file that was not used (or only partly), and why."""

    path: str
    reason: str
    # "failed": the builder raised on it (a bug or a hostile file); it is left out and the rest builds.
    severity: Literal["skipped", "warning", "failed"] = "skipped"


# --- per-article annotations (the NLP stage) --------------------------------


@dataclass(frozen=True)
class Span:
    """A piece of an article: offsets into its text and the text itself."""

    doc: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A name in an article, with the sentence around it."""

    span: Span
    label: str  # "person" | "organisation" | "place" | "armed group"
    sentence: Span
    title: str | None = None  # a title written before the name, e.g. "Interior Minister"


@dataclass(frozen=True)
class TimeExpression:
    """A time expression and its TimeML (TIMEX3) value (None when unresolved).

    Only some values are calendar dates (see ``builder.extract.times.event_date``): a duration,
    a set, PRESENT_REF or a decade dates nothing.
    """

    span: Span
    value: str | None  # "2024-01-09", "2020-03", "2013-Q3", "2024-01-09T14:30", "P60D", "PAST_REF", ...
    kind: Literal["date", "duration", "set", "time"] = "date"
    relative: bool = False  # depends on the article's date
    tense: str | None = None  # of its clause, from the parse: "future" | "past" | "present"
    # A duration counted from a happening ("two days after the riot"): the day it counts to
    # from the date mentioned before, the date of the clause it belongs to.
    points_to: str | None = None


@dataclass(frozen=True)
class RoleClaim:
    """A role stated in the text for a person mention."""

    name: str  # the name as written
    title: str
    organisation: str | None
    country: str | None
    source: Span
    principal: str | None = None  # the person a staff title serves, as written ("Ruiz's spokesman")


@dataclass(frozen=True)
class AliasClaim:
    """Two names the text says are the same entity (acronym, alias, handle)."""

    name: str
    alias: str
    source: Span
    country: str | None = None  # a country the text gives with the pair (a flag beside a handle)


@dataclass(frozen=True)
class QuoteClaim:
    """A direct quote and the name of its speaker as written."""

    speaker: str
    text: str
    source: Span


@dataclass(frozen=True)
class EventCandidate:
    """A dated happening in one article, before merging across articles."""

    date: str | None
    date_text: str
    date_inferred: bool
    summary: str
    source: Span
    names: tuple[str, ...] = ()  # actor names as written in the clause
    end_date: str | None = None
    date_span: Span | None = None  # the time expression the date comes from
    action: str | None = None  # the lemma of what happened on the date: "declare", "bombing"
    date_evidence: str | None = None  # why the date holds when it is not written in the clause
    planned: bool = False  # told as still to happen ("will meet on Friday", a date after the article's)
    # the names of ``names`` in the happening's own phrase (who did it, to whom, where), not in a
    # clause beside it: "Evelia expelled five traders who were questioned by the police chief" -> Evelia
    participants: tuple[str, ...] = ()
    extent: str | None = None  # how long the dated happening lasts ("P30D"), which gives ``end_date``


@dataclass(frozen=True)
class FigureCandidate:
    """A count of people or units in one article."""

    value: float
    qualifier: Qualifier
    category: FigureCategory
    counted: str
    date: str | None
    place: str | None
    source: Span
    vague: bool = False  # "hundreds", "dozens": value is a floor, not a count
    # "including five children": already counted in another figure of the sentence; do not add it up
    part_of_total: bool = False
    # The upper end of a range ("between 210 and 250": value 210, qualifier at_least, value_max 250)
    value_max: float | None = None
    date_source: FigureDateSource = "text"
    # The counted noun's lemma ("people", "officer", "injured"): what "the same count" compares
    counted_head: str = ""


@dataclass(frozen=True)
class ArticleExtraction:
    """Everything the NLP stage found in one article."""

    doc_id: str
    mentions: tuple[Mention, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    roles: tuple[RoleClaim, ...] = ()
    aliases: tuple[AliasClaim, ...] = ()
    quotes: tuple[QuoteClaim, ...] = ()
    events: tuple[EventCandidate, ...] = ()
    figures: tuple[FigureCandidate, ...] = ()
    unread_paragraphs: tuple[int, ...] = ()  # not extracted: not in English, or a social-media embed
    # Names (folded) the article writes as things made ("the new Lynx laptops") and never as actors;
    # and the names it writes as actors ("Lynx said"): resolution weighs them over the corpus.
    things_named: tuple[str, ...] = ()
    actors_named: tuple[str, ...] = ()


# --- the resolved dossier ---------------------------------------------------


@dataclass(frozen=True)
class Role:
    title: str
    source: Span  # the first source that states it
    organisation: str | None = None
    as_of: str | None = None  # the date of the first source stating it
    curated: bool = False
    until: str | None = None  # the date of the last source stating it (when later than as_of)
    sources: tuple[Span, ...] = ()  # every source that states it, ``source`` first


@dataclass(frozen=True)
class Quote:
    text: str
    source: Span


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: ActorKind
    aliases: tuple[str, ...] = ()
    country: str | None = None
    subkind: str | None = None  # organisation kind, e.g. "armed group"
    roles: tuple[Role, ...] = ()
    quotes: tuple[Quote, ...] = ()
    mentions: tuple[Mention, ...] = ()
    related: tuple[tuple[str, int], ...] = ()  # (actor id, shared sentences), most first
    curated: tuple[str, ...] = ()  # which facts come from curation
    # the sentence that gives the country (None for a place the gazetteer places, or curated)
    country_evidence: Span | None = None
    # other spellings joined into this actor, each with why ("legal form", "acronym defined in the text")
    also_written: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Event:
    id: str
    date: str | None
    date_text: str
    date_inferred: bool
    summary: str
    sources: tuple[Span, ...]
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    end_date: str | None = None
    date_evidence: str | None = None  # why an inferred or inherited date holds
    precision: str | None = None  # "day" | "month" | "year" | None (undated)
    planned: bool = False  # every report tells it as still to happen (a forecast, a schedule)


@dataclass(frozen=True)
class Identified:
    """A resolved record's id, a base of its own: dataclasses put a base's fields first."""

    id: str


@dataclass(frozen=True)
class Figure(FigureCandidate, Identified):
    """A figure of the dossier: its article's candidate, with an id, and every report of it.

    Every field of the candidate is a field of the figure by inheritance, so
    resolution cannot leave one out (a field-by-field copy once dropped
    ``part_of_total``). The fields are ``id`` first, then the candidate's, then
    ``sources``: every sentence that reports this count (``source`` first),
    when several articles report the same count of the same thing.
    """

    sources: tuple[Span, ...] = ()

    @classmethod
    def from_candidate(
        cls, candidate: FigureCandidate, figure_id: str, sources: tuple[Span, ...] = (), **changes: Any
    ) -> Figure:
        """The figure of ``candidate``, its fields kept but ``changes``; ``sources`` default to its own."""
        values = {f.name: getattr(candidate, f.name) for f in fields(FigureCandidate)}
        values.update(changes)
        return cls(id=figure_id, **values, sources=sources or (candidate.source,))


@dataclass(frozen=True)
class Dossier:
    """The resolved dossier: what pages, charts and exports read."""

    documents: tuple[Document, ...]
    actors: tuple[Actor, ...]
    events: tuple[Event, ...]
    figures: tuple[Figure, ...]
    skipped: tuple[SkippedFile, ...] = ()
    model_name: str = ""
    curated: bool = False
    built: str | None = None  # build date, from SOURCE_DATE_EPOCH when set

    def actor(self, actor_id: str) -> Actor:
        return self.actors_by_id[actor_id]

    @property
    def actors_by_id(self) -> dict[str, Actor]:
        return {actor.id: actor for actor in self.actors}

    def document(self, doc_id: str) -> Document:
        return {doc.id: doc for doc in self.documents}[doc_id]
