"""The chronology: event candidates of every article merged into dated events.

Three steps, each honest about what the text says:

1. An article with no dateline gets an inferred date only from strong
   evidence: an explicit full date in its own prose (not in a quote or an
   embedded post). Its relative expressions are then resolved against that
   date and its events marked ``date_inferred``. A date set by the analyst
   (``date_source: override``) is a real anchor: relative expressions are
   resolved against it too.
2. Candidates reporting the same happening become one event with several
   sources: the same date, the same actors (resolved ids) and the same kind
   of act (``builder.values.happenings``: "bombs exploded" and "the blasts"),
   or shared actors or places and much of the same wording. Reports placed
   in different countries are never one happening. Candidates are blocked by
   date first, so only candidates of the same day are compared; a report
   dated by month or year then joins the one finer event of that month or
   year it matches, when it tells the same kind of act.
3. A weekday in an undated article ("On Monday") joins a dated event when
   the event falls on that weekday and shares its actors and wording; the
   event is then marked inferred, with the evidence. Everything else from
   undated articles keeps no date and is listed apart.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from builder.extract.times import event_date, tag_times
from builder.model import ArticleExtraction, Document, Event, EventCandidate, Span, TimeExpression
from builder.values.dates import WEEKDAYS, add_duration, day_precision
from builder.values.happenings import OCCURRENCES, REACTIONS, happening_class
from builder.values.slugs import content_ids

# How alike two summaries must be to be one event: shared content words over the shorter
# summary's, lower when the main verbs agree ("declared" / "declared").
WORD_OVERLAP = 0.4
SAME_ACTION_OVERLAP = 0.25
# rapidfuzz token_sort_ratio (0-100) of near-identical wording: across articles, and within one.
SAME_WORDING = 85
SAME_ARTICLE_SIMILARITY = 92
STOP_WORDS = set(
    "that this with from have has had were was been their there they them than then also into over "
    "after before during while which when where said says would will could should about against "
    "between under among amid other some more most such only very since".split()
)
# Blocking before any fuzzy comparison (see _Blocks): a candidate's rarest words as keys,
# a key shared by more candidates than MAX_BLOCK compared among WINDOW sorted neighbours only.
RARE_KEYS = 3
MAX_BLOCK = 12
WINDOW = 4
# How many times _same_facts ran: the work of merging, read by tests and benchmarks.
COMPARISONS: Counter[str] = Counter()
OCCURRENCE_KINDS = frozenset(f"@{kind}" for kind in OCCURRENCES)
REACTION_KINDS = frozenset(f"@{kind}" for kind in REACTIONS)
# A date's precision, read once per distinct date (dates recur across thousands of events).
_precision = lru_cache(maxsize=1 << 12)(day_precision)
WEEKDAY_WORD = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.I)


@dataclass(frozen=True)
class Chronology:
    """The events of the dossier and the documents with any inferred dates."""

    events: tuple[Event, ...]
    documents: tuple[Document, ...]


@dataclass
class _Item:
    """A candidate with its resolved actor ids, while merging."""

    candidate: EventCandidate
    actors: list[str]
    places: list[str]
    members: list[EventCandidate] = field(default_factory=list)
    # The countries of its places (a place's own country, or the place when none is known), and
    # its places inside a known country that are not the country itself (towns, provinces).
    countries: frozenset[str] = frozenset()
    localities: frozenset[str] = frozenset()
    # The counts its sentences report (category, value, counted noun), as figures.py read them.
    figures: frozenset[tuple[str, float, str]] = frozenset()
    # The actors of the happening's own phrase in its reports (all its actors when a report's
    # phrase names none): who did it, not who else the sentence names.
    agents: frozenset[str] = frozenset()
    _facts: tuple[tuple[int, int, int], _Facts] | None = field(default=None, repr=False, compare=False)

    def facts(self) -> _Facts:
        """What ``_same_facts`` and the blocking read, worked out once per state of the item.

        Members, actors and places only ever grow, so their lengths tell a stale copy.
        """
        state = (len(self.members), len(self.actors), len(self.places))
        if self._facts is None or self._facts[0] != state:
            self._facts = (state, _Facts(self))
        return self._facts[1]

    def absorb(self, other: _Item, members: list[EventCandidate] | None = None) -> None:
        """Take in another item's reports (or ``members`` in their place), actors and places
        (kept in first-seen order)."""
        self.members.extend(other.members if members is None else members)
        self.actors = list(dict.fromkeys(self.actors + other.actors))
        self.places = list(dict.fromkeys(self.places + other.places))
        self.countries |= other.countries
        self.localities |= other.localities
        self.figures |= other.figures
        self.agents |= other.agents


class _Facts:
    """An item's sources, actors and words as sets, for the blocking keys and ``_same_facts``.

    An event reported by hundreds of articles has hundreds of members, most of them worded alike:
    their wordings and word sets are kept once each, so comparing two events costs the product of
    their distinct wordings, not of their members.
    """

    __slots__ = (
        "sources", "docs", "actors", "places", "countries", "localities", "figures", "agents", "words",
        "action_words", "actions", "texts", "word_sets", "within_a_month", "on_a_day", "_sort_text",
    )  # fmt: skip

    def __init__(self, item: _Item) -> None:
        members = item.members
        self.actors = frozenset(item.actors)
        self.places = frozenset(item.places)
        self.countries = item.countries
        self.localities = item.localities
        self.figures = item.figures
        self.agents = item.agents
        # Dated to the day or the month: a kind of act in common says little about a whole year.
        self.within_a_month = _precision(item.candidate.date) in ("day", "month")
        self.on_a_day = _precision(item.candidate.date) == "day"
        self._sort_text: str | None = None
        if len(members) == 1:  # most items, worked out without the sets of sets below
            m = members[0]
            words = _content_words(m.summary) | _known_kinds(m)
            action_words = words - _names_words(m.names)
            self.sources = frozenset((_source_key(m.source),))
            self.docs = frozenset((m.source.doc,))
            self.words: frozenset[str] = words
            self.word_sets: tuple[frozenset[str], ...] = (action_words,)
            self.action_words: frozenset[str] = action_words
            self.actions = frozenset((_kind(m.action),)) if m.action else frozenset()
            self.texts: tuple[str, ...] = (_sorted_words(m.summary),)
            return
        all_words, word_sets = set(), set()
        for m in members:
            words = _content_words(m.summary) | _known_kinds(m)
            all_words.add(words)
            word_sets.add(words - _names_words(m.names))
        self.sources = frozenset(_source_key(m.source) for m in members)
        self.docs = frozenset(m.source.doc for m in members)
        self.words = frozenset().union(*all_words)  # every member's content words
        # each member's content words without its actors' names (distinct sets), and all of them
        self.word_sets = tuple(word_sets)
        self.action_words = frozenset().union(*word_sets)
        self.actions = frozenset(_kind(m.action) for m in members if m.action)
        # the members' distinct wordings, as token_sort_ratio compares them
        self.texts = tuple({_sorted_words(m.summary) for m in members})

    @property
    def sort_text(self) -> str:
        if self._sort_text is None:
            self._sort_text = _sort_text(self.words)
        return self._sort_text


def _source_key(span: Span) -> tuple[str, int, int, str]:
    """A span as a plain tuple: equal exactly when the spans are, and cheaper to hash."""
    return (span.doc, span.start, span.end, span.text)


def build_chronology(
    documents: Sequence[Document],
    extractions: Sequence[ArticleExtraction],
    actor_id: Callable[[str], str | None],
    kinds: Mapping[str, str],
    countries: Mapping[str, str | None] | None = None,
    whole_countries: Collection[str] = (),
) -> Chronology:
    """Events of every article, merged across sources, with undated articles handled honestly.

    Args:
        actor_id: the resolved actor id of a name as written, or None.
        kinds: the kind ("person", "organisation", "place") of each actor id.
        countries: the country of each place id, where known.
        whole_countries: the place ids that are a country as a whole.
    """
    countries = countries or {}
    whole = set(whole_countries)
    by_id = {extraction.doc_id: extraction for extraction in extractions}
    documents = [infer_document_date(d, by_id.get(d.id)) for d in documents]
    items: list[_Item] = []
    resolved: dict[tuple[str, ...], tuple[list[str], list[str], frozenset[str], frozenset[str]]] = {}
    for document in documents:
        extraction = by_id.get(document.id)
        if extraction is None:
            continue
        counts = _distinctive_counts(extraction)
        for candidate in redate_candidates(document, extraction):
            if candidate.names not in resolved:
                ids = list(dict.fromkeys(i for i in map(actor_id, candidate.names) if i))
                places = [i for i in ids if kinds.get(i) == "place"]
                resolved[candidate.names] = (
                    [i for i in ids if kinds.get(i) != "place"],
                    places,
                    frozenset(countries.get(i) or i for i in places),
                    frozenset(i for i in places if countries.get(i) and i not in whole),
                )
            actors, places, in_countries, localities = resolved[candidate.names]
            items.append(
                _Item(
                    candidate,
                    list(actors),
                    list(places),
                    [candidate],
                    countries=in_countries,
                    localities=localities,
                    figures=counts.get(candidate.source.start, frozenset()),
                    agents=_agents(candidate, actors, actor_id),
                )
            )
    merged = _merge_same_day(items)
    merged = _join_coarser(merged)
    merged = _join_undated(merged)
    undated = {d.id for d in documents if not d.date}
    # Each event is made once, when its id is known: first its other fields, in the events' order.
    fields = [_event_fields(item, undated) for item in merged]
    fields.sort(
        key=lambda f: (f["date"] is None, f["date"] or "", f["sources"][0].doc, f["sources"][0].start)
    )
    # Ids from each event's first source, so an event keeps its id (and anchor) as the corpus grows.
    ids = content_ids("e", (f"{f['sources'][0].doc}\0{f['sources'][0].start}" for f in fields))
    events = [Event(id=event_id, **f) for f, event_id in zip(fields, ids, strict=True)]
    return Chronology(events=tuple(events), documents=tuple(documents))


def infer_document_date(document: Document, extraction: ArticleExtraction | None) -> Document:
    """An undated article dated only by strong evidence of when it was written, the evidence kept.

    Strong evidence is a full date set apart at the top, as a dateline or a date line is
    ("CITY (Agency) — 8 August 1998", "Monday, 3 March 2024" on a line of its own), or a full
    date put beside "today" ("today, Monday 3 March 2024"). A date elsewhere in the prose is
    what the article talks about ("its November 20, 2008 low", "since 1989"), not when it was
    written: it dates nothing, and every relative date of the article stays unresolved.
    """
    if document.date or extraction is None:
        return document
    full_dates = sorted(
        (
            t
            for t in extraction.times
            if t.kind == "date"
            and not t.relative
            and day_precision(t.value) == "day"
            and not _quoted(document, t)
            and _weekday_agrees(document, t)
        ),
        key=lambda t: t.span.start,
    )
    for time in full_dates:
        how = _written_date_evidence(document, time)
        if how:
            return replace(
                document,
                date=time.value,
                date_source="inferred",
                date_evidence=f"{how}: “{_sentence_around(document, time.span)}”",
            )
    return document


# The head of a dateline before its date ("PORTVILLE, Ruritania (AP) —", "Published:"): a few words
# ending in a dash, colon, comma or bracket, with no sentence ended inside it.
DATELINE_HEAD = re.compile(r"^(?:[^.!?\n]{0,60}?[—–\-_:,(|]\s*)?$")
# What may follow the date on its line: nothing, or a dash, colon, bar or bracket opening the story.
DATELINE_TAIL = re.compile(r"^\s*(?:$|[—–\-_:|(]|\.\s*$)")
# "today" set beside the date: "today, Monday 3 March 2024", "today (3 March 2024)".
TODAY_BESIDE = re.compile(r"\btoday\s*[,(]?\s*(?:(?:" + "|".join(WEEKDAYS) + r")\s*,?\s*)?$", re.I)
DATELINE_LINES = 2  # a headline may come first, then the dateline


def _written_date_evidence(document: Document, time: TimeExpression) -> str | None:
    """How ``time`` tells when the article was written, or None if it does not."""
    text = document.text
    line_start = text.rfind("\n", 0, time.span.start) + 1
    line_end = text.find("\n", time.span.end)
    line_end = len(text) if line_end < 0 else line_end
    head, tail = text[line_start : time.span.start], text[time.span.end : line_end]
    lines_before = sum(1 for line in text[:line_start].splitlines() if line.strip())
    if lines_before < DATELINE_LINES and DATELINE_HEAD.match(head.strip()) and DATELINE_TAIL.match(tail):
        return f"the date at the top of the article, '{time.span.text}'"
    if TODAY_BESIDE.search(text[max(line_start, time.span.start - 40) : time.span.start]):
        return f"'{time.span.text}' given as today's date"
    return None


def redate_candidates(document: Document, extraction: ArticleExtraction) -> list[EventCandidate]:
    """The article's candidates, with relative dates resolved against an inferred or analyst's date.

    The per-article stage resolved them against the dateline only; a date
    inferred or set later is applied here, and such dates are marked inferred
    (inferred) or kept confident (override).
    """
    if document.date_source not in ("inferred", "override") or not document.date:
        return list(extraction.events)
    # The parse is gone by now; the tenses found with it are reused.
    values = {(t.span.start, t.span.end): t for t in tag_times(document, earlier=extraction.times)}
    inferred = document.date_source == "inferred"
    redated = []
    for candidate in extraction.events:
        time: TimeExpression | None = None
        if candidate.date_span is not None:
            time = values.get((candidate.date_span.start, candidate.date_span.end))
        if time is None or not time.relative:
            redated.append(candidate)
            continue
        date = event_date(time)
        redated.append(
            replace(
                candidate,
                date=date,
                # a range's end or "since"'s article day was read against the old date: dropped
                end_date=add_duration(date, candidate.extent) if date and candidate.extent else None,
                date_inferred=inferred,
                date_evidence=(
                    f"'{time.span.text}' read against the article's {document.date_source} date "
                    f"{document.date}" + (f" ({document.date_evidence})" if document.date_evidence else "")
                ),
            )
        )
    return redated


# --- merging ------------------------------------------------------------------


def _merge_same_day(items: list[_Item]) -> list[_Item]:
    """Merge candidates of the same date that report the same happening (blocked by date)."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        if item.candidate.date:
            blocks[item.candidate.date].append(index)
    parent = list(range(len(items)))
    # The agents of each merged group (by its root): a report naming no one of its own joins two
    # groups only when their agents do not tell two happenings of an unknown kind apart.
    agents = [item.agents for item in items]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for indexes in blocks.values():
        if len(indexes) < 2:
            continue
        block = _Blocks([items[i] for i in indexes])
        for a, b in block.pairs():
            i, j = indexes[a], indexes[b]
            if find(i) == find(j) or not _same_facts(block.facts[a], block.facts[b]):
                continue
            one, other = agents[find(i)], agents[find(j)]
            if _done_by_others(one, other) and not _of_a_known_kind(block.facts[a], block.facts[b]):
                continue  # "Orchard shares fell" + "shares closed" + "Lynx shares rose": two happenings
            parent[find(j)] = find(i)
            agents[find(i)] = one | other
    groups: dict[int, list[_Item]] = defaultdict(list)
    for index, item in enumerate(items):
        groups[find(index)].append(item)
    return [_combine(group) for _, group in sorted(groups.items())]


class _Blocks:
    """Items under blocking keys, so that only items sharing a key are compared.

    ``_same_facts`` holds only for items that share a source, or share an
    actor or place *and* a content word (the kind of act is one), or report
    the same count, or are worded near-identically (and then share their
    rarest words). So each item is indexed by its sources, its counts, by
    each (actor or place, content word) it has and by its ``RARE_KEYS`` rarest
    content words among the items; only items under one key are compared. A
    key shared by more than ``MAX_BLOCK`` items says little: there an item is
    compared only with its ``WINDOW`` neighbours in word order (a sorted
    neighbourhood), so the work per item is bounded however many there are.
    """

    def __init__(self, items: Sequence[_Item]) -> None:
        self.items = list(items)
        self.facts = [item.facts() for item in self.items]
        self.frequency = Counter(itertools.chain.from_iterable(facts.words for facts in self.facts))
        # Each position goes once under each of its keys, in order: a bucket lists positions ascending.
        # The (actor or place, word) keys are many (every word of every actor's items): their buckets
        # are made only for the actors and places asked about, from the positions of each.
        self.buckets: dict[tuple, list[int]] = defaultdict(list)
        self.by_ident: dict[str, list[int]] = defaultdict(list)
        for n, facts in enumerate(self.facts):
            for source in facts.sources:
                self.buckets[("source", source)].append(n)
            for count in facts.figures:
                self.buckets[("figure", count)].append(n)
            for ident in facts.actors | facts.places:
                self.by_ident[ident].append(n)
            # every word is counted here: the rarest by (count, word), as _rare_words has them
            for word in sorted(sorted(facts.words), key=self.frequency.__getitem__)[:RARE_KEYS]:
                self.buckets[("word", word)].append(n)
        self.with_word: dict[str, dict[str, list[int]]] = {}
        self.ordered: dict[tuple, list[tuple[str, int]]] = {}

    def _rare_words(self, words: frozenset[str]) -> list[str]:
        """The ``RARE_KEYS`` rarest of ``words`` among the items (ties by word), of those some item has."""
        frequency = self.frequency
        return sorted(sorted(w for w in words if w in frequency), key=frequency.__getitem__)[:RARE_KEYS]

    def _words_with(self, ident: str) -> dict[str, list[int]]:
        """The buckets of the keys (``ident``, word): each content word's positions among ``ident``'s."""
        if ident not in self.with_word:
            found: dict[str, list[int]] = defaultdict(list)
            for n in self.by_ident.get(ident, ()):
                for word in self.facts[n].action_words:
                    found[word].append(n)
            self.with_word[ident] = found
        return self.with_word[ident]

    def _order(self, key: tuple, bucket: Sequence[int]) -> list[tuple[str, int]]:
        if key not in self.ordered:
            self.ordered[key] = self._sorted(bucket)
        return self.ordered[key]

    def _sorted(self, bucket: Sequence[int]) -> list[tuple[str, int]]:
        return sorted((self.facts[n].sort_text, n) for n in bucket)

    def pairs(self) -> list[tuple[int, int]]:
        """The pairs of positions worth comparing, in order."""
        # Many keys hold the same positions (an item's actor with each of its words): each distinct
        # bucket gives its pairs once.
        small: set[tuple[int, ...]] = set()
        large: set[tuple[int, ...]] = set()
        pairs: set[tuple[int, int]] = set()
        action_words = [facts.action_words for facts in self.facts]
        for bucket in self.buckets.values():
            if len(bucket) > 1:
                (small if len(bucket) <= MAX_BLOCK else large).add(tuple(bucket))
        for ident, positions in self.by_ident.items():
            if len(positions) <= MAX_BLOCK:
                # every (ident, word) bucket is small: the pairs of positions that share a word
                pairs.update(
                    (i, j)
                    for i, j in itertools.combinations(positions, 2)
                    if not action_words[i].isdisjoint(action_words[j])
                )
                continue
            for bucket in self._words_with(ident).values():
                if len(bucket) > 1:
                    (small if len(bucket) <= MAX_BLOCK else large).add(tuple(bucket))
        for block in small:
            pairs.update(itertools.combinations(block, 2))  # ascending, as the bucket is
        for block in large:
            ordered = [n for _, n in self._sorted(block)]
            for position, i in enumerate(ordered):
                pairs.update((min(i, j), max(i, j)) for j in ordered[position + 1 : position + 1 + WINDOW])
        return sorted(pairs)

    def near(self, probe: _Item) -> list[_Item]:
        """The items worth comparing with an item not in the index, in their order."""
        facts = probe.facts()
        keyed: list[tuple[tuple, Sequence[int]]] = [
            (key, self.buckets.get(key, ()))
            for key in itertools.chain(
                (("source", source) for source in facts.sources),
                (("figure", count) for count in facts.figures),
                (("word", word) for word in self._rare_words(facts.words)),
            )
        ]
        for ident in facts.actors | facts.places:
            if ident in self.by_ident:
                words = self._words_with(ident)
                keyed.extend((("with", ident, word), words.get(word, ())) for word in facts.action_words)
        found: set[int] = set()
        for key, bucket in keyed:
            if len(bucket) <= MAX_BLOCK:
                found.update(bucket)
                continue
            ordered = self._order(key, bucket)
            at = bisect.bisect(ordered, (facts.sort_text, -1))
            found.update(n for _, n in ordered[max(0, at - WINDOW) : at + WINDOW])
        return [self.items[n] for n in sorted(found)]


def _sort_text(words: frozenset[str]) -> str:
    return " ".join(sorted(words))


def _join_coarser(items: list[_Item]) -> list[_Item]:
    """A "March 2020" report joins the one "16 March 2020" event it matches (blocked by month or year)."""
    finer: dict[str, list[_Item]] = defaultdict(list)
    for item in items:
        date = item.candidate.date or ""
        if _precision(date) in ("day", "month"):
            finer[date[:4]].append(item)
            if _precision(date) == "day":
                finer[date[:7]].append(item)
    blocks: dict[str, _Blocks] = {}
    kept: list[_Item] = []
    # A month report that joined its day event is no event of its own any more: a year report
    # joining it would vanish with it.
    joined: set[int] = set()
    for item in items:
        date = item.candidate.date or ""
        if _precision(date) not in ("month", "year"):
            kept.append(item)
            continue
        if date not in blocks:
            blocks[date] = _Blocks(finer[date])
        facts = item.facts()
        # Whether one event matches, none, or several: a second match settles it.
        matches = _first_two(
            other
            for other in blocks[date].near(item)
            if other is not item
            and id(other) not in joined
            and other.candidate.date != date
            and _same_facts(facts, other.facts(), same_kind_only=True)
        )
        if len(matches) != 1:
            kept.append(item)
            continue
        joined.add(id(item))
        matches[0].absorb(item)
    return kept


def _join_undated(items: list[_Item]) -> list[_Item]:
    """An undated "On Monday" joins the dated event of a Monday it shares actors and wording with."""
    by_weekday: dict[int, list[_Item]] = defaultdict(list)
    for item in items:
        if _precision(item.candidate.date) == "day":
            by_weekday[dt.date.fromisoformat(item.candidate.date).weekday()].append(item)  # type: ignore[arg-type]
    blocks: dict[int, _Blocks] = {}
    kept: list[_Item] = []
    for item in items:
        weekday = _weekday_of(item.candidate)
        if item.candidate.date or weekday is None:
            kept.append(item)
            continue
        if weekday not in blocks:
            blocks[weekday] = _Blocks(by_weekday[weekday])
        facts = item.facts()
        matches = _first_two(
            other for other in blocks[weekday].near(item) if _same_facts(facts, other.facts())
        )
        if len(matches) != 1:  # none, or ambiguous: stays undated
            kept.append(item)
            continue
        target = matches[0]
        evidence = (
            f"'{item.candidate.date_text}' in {item.candidate.source.doc} (no dateline) matches "
            f"{target.candidate.date} reported in {target.candidate.source.doc}"
        )
        target.absorb(item, [replace(item.candidate, date_inferred=True, date_evidence=evidence)])
    return kept


def _agents(
    candidate: EventCandidate, actors: list[str], actor_id: Callable[[str], str | None]
) -> frozenset[str]:
    """The actor ids of a candidate's participants (none when they are places only), or all its
    actors when its happening's phrase names nobody ("they had arrested", told by the police)."""
    if not candidate.participants:
        return frozenset(actors)
    return frozenset(i for i in map(actor_id, candidate.participants) if i and i in actors)


# A count at least this large, repeated, tells one happening: small counts recur ("two people were
# hurt" on any day of a conflict), larger ones exactly repeated rarely do.
DISTINCTIVE_COUNT = 10


def _distinctive_counts(extraction: ArticleExtraction) -> dict[int, frozenset[tuple[str, float, str]]]:
    """The exact counts each sentence of an article reports (by the sentence's start), of
    ``DISTINCTIVE_COUNT`` or more, not vague: what "the same figure" across reports compares."""
    counts: dict[int, set[tuple[str, float, str]]] = defaultdict(set)
    for figure in extraction.figures:
        if figure.value >= DISTINCTIVE_COUNT and not figure.vague and figure.value_max is None:
            counts[figure.source.start].add(
                (figure.category, figure.value, figure.counted_head or figure.counted)
            )
    return {start: frozenset(found) for start, found in counts.items()}


def _first_two(matches: Iterable[_Item]) -> list[_Item]:
    """The first two of ``matches``: enough to tell one match from none or several."""
    return list(itertools.islice(matches, 2))


def _same_facts(fa: _Facts, fb: _Facts, same_kind_only: bool = False) -> bool:
    """Same happening (the caller has matched the dates): the same actors doing the same kind of
    act, or shared actors (or places) and the same words for what happened; never in two countries.

    ``same_kind_only``: a join on a coarser date ("in March" and "on 16 March") needs the same
    kind of act as well, as the date alone says little.
    """
    COMPARISONS["same_event"] += 1
    if not fa.sources.isdisjoint(fb.sources):
        return True
    # Near-identical wording (wire copy printed twice) is the same report whatever else holds;
    # within one article only an even closer wording is.
    if not fa.docs.isdisjoint(fb.docs):
        return _worded_alike(fa.texts, fb.texts, SAME_ARTICLE_SIMILARITY)
    if fa.countries and fb.countries and fa.countries.isdisjoint(fb.countries):
        return False  # "arrested in Port Evel" and "arrested in Corvo" (invented places)
    same_action = not fa.actions.isdisjoint(fb.actions)
    if same_kind_only and not same_action:
        return False
    same_kinds = {kind for kind in fa.actions & fb.actions if _known_kind(kind)}
    shared_actors = not fa.actors.isdisjoint(fb.actors)
    reaction = not (fa.actions | fb.actions).isdisjoint(REACTION_KINDS)
    if (not same_kinds and (reaction or all(any(map(_known_kind, f.actions)) for f in (fa, fb)))) or (
        reaction and not shared_actors
    ):
        # Two known kinds of act, or a reaction and something else: a condemnation of an attack is
        # not the attack, however alike the words; and two condemnations are one only by one actor.
        return _worded_alike(fa.texts, fb.texts, SAME_WORDING)
    if same_kinds and fa.within_a_month:
        # The same day (or month: the caller matched the dates) and the same kind of act: by the
        # same people (of the act's own phrase), or, for an attack or a crash, in the same town.
        if not fa.agents.isdisjoint(fb.agents):
            return True
        if same_kinds & OCCURRENCE_KINDS and not fa.localities.isdisjoint(fb.localities):
            return True
        if same_kinds & OCCURRENCE_KINDS and fa.on_a_day and not fa.figures.isdisjoint(fb.figures):
            return True  # the same kind of occurrence on the same day with the same toll ("twelve engineers")
    # Without a shared content word every overlap below is 0, under any threshold.
    if (
        (shared_actors or not fa.places.isdisjoint(fb.places))
        and not fa.action_words.isdisjoint(fb.action_words)
        and not _done_by_others(fa.agents, fb.agents)
    ):
        if not shared_actors and not fa.actions & fb.actions & OCCURRENCE_KINDS:
            # A shared place alone is weak evidence, unless the act is one told by where it happened
            # (an attack, a crash): who did it is what tells a statement or a meeting apart.
            same_action = False
        threshold = SAME_ACTION_OVERLAP if same_action else WORD_OVERLAP
        if not shared_actors:
            threshold += 0.15
        for a in fa.word_sets:
            for b in fb.word_sets:
                if _overlap(a, b) >= threshold:
                    return True
    return not _done_by_others(fa.agents, fb.agents) and _worded_alike(fa.texts, fb.texts, SAME_WORDING)


def _of_a_known_kind(fa: _Facts, fb: _Facts) -> bool:
    """Whether two reports tell a kind of act the happening classes know (an attack, a vote), whose
    reports name many different people."""
    return any(_known_kind(kind) for kind in fa.actions | fb.actions)


def _done_by_others(agents: frozenset[str], others: frozenset[str]) -> bool:
    """Whether each of two reports (or groups of reports) names someone in its happening's own phrase
    that the other does not ("In exchange trading, Orchard shares fell" and "Lynx shares rose in
    exchange trading"): alike words about what different actors did, not one happening."""
    return bool(agents - others) and bool(others - agents)


# Above this many pairs of wordings, rapidfuzz scores each wording of the smaller side against all of
# the other's in one call (process.extractOne: far cheaper per call than process.cdist's matrix).
MANY_WORDINGS = 16


def _worded_alike(texts_a: Sequence[str], texts_b: Sequence[str], threshold: float) -> bool:
    """Whether some pair of wordings scores ``threshold`` or more with rapidfuzz's token_sort_ratio.

    That is ``ratio`` of the words sorted, which are sorted once per summary here; a pair whose
    lengths differ too much to reach the threshold is not scored at all.
    """
    if len(texts_a) * len(texts_b) > MANY_WORDINGS:
        # The best score of one against many, or None when all are under the cutoff (ratio is symmetric).
        if len(texts_b) < len(texts_a):
            texts_a, texts_b = texts_b, texts_a
        return any(
            process.extractOne(a, texts_b, scorer=fuzz.ratio, score_cutoff=threshold) is not None
            for a in texts_a
        )
    for a in texts_a:
        for b in texts_b:
            if 200 * min(len(a), len(b)) < threshold * (len(a) + len(b)):
                continue
            if fuzz.ratio(a, b, score_cutoff=threshold):
                return True
    return False


# rapidfuzz splits words on whitespace as str.split does, except U+0085 and U+00A0.
_WORD_BREAK = re.compile(r"[^\S\x85\xa0]+")


@lru_cache(maxsize=1 << 16)
def _sorted_words(text: str) -> str:
    """What rapidfuzz's token_sort_ratio compares: the words of ``text`` sorted, joined by a space."""
    if "\x85" in text or "\xa0" in text:
        return " ".join(sorted(word for word in _WORD_BREAK.split(text) if word))
    return " ".join(sorted(text.split()))  # without those two, str.split breaks where rapidfuzz does


def _overlap(words_a: frozenset[str], words_b: frozenset[str]) -> float:
    """Shared words over the smaller set's; 0 when the only words shared are kinds of act (the
    kind is weighed by the threshold already, and "arrested" alone does not tell which arrest)."""
    if not words_a or not words_b:
        return 0.0
    shared = words_a & words_b
    if all(_known_kind(word) for word in shared):
        return 0.0
    return len(shared) / min(len(words_a), len(words_b))


@lru_cache(maxsize=1 << 16)
def _names_words(names: tuple[str, ...]) -> frozenset[str]:
    """The content words of a candidate's actor names."""
    return _content_words(" ".join(names))


@lru_cache(maxsize=1 << 16)
def _content_words(text: str) -> frozenset[str]:
    """The words of a summary that can tell what happened, each as a crude stem or its kind of act."""
    folded = text.casefold()
    words = (_ASCII_LETTER_WORD if folded.isascii() else _LETTER_WORD).findall(folded)
    # Words cut to five letters: a crude stem that makes "declared" and "declares" one word; a word
    # of a kind of act stands for its kind ("blasts" and "bombings" are one word).
    return frozenset(_kind_word(w) or w[:5] for w in words if w not in STOP_WORDS)


def _known_kinds(candidate: EventCandidate) -> frozenset[str]:
    """The candidate's kind of act as one of its words, so that blocking by (actor, word) finds
    the reports of one kind of act by one actor even when a summary is cut before the verb."""
    kind = _kind_word(candidate.action) if candidate.action else None
    return frozenset((kind,)) if kind else frozenset()


def _kind(action: str) -> str:
    """An action lemma as its kind of act ("explode" -> "@attack"), or as itself when it has none."""
    return _kind_word(action) or action


def _kind_word(word: str) -> str | None:
    kind = happening_class(word)
    return f"@{kind}" if kind else None


def _known_kind(action: str) -> bool:
    return action.startswith("@")


# Runs of four letters or more; in ASCII text the letters are [a-zA-Z], which is matched faster.
_LETTER_WORD = re.compile(r"[^\W\d_]{4,}")
_ASCII_LETTER_WORD = re.compile(r"[a-zA-Z]{4,}")


def _combine(group: list[_Item]) -> _Item:
    first = group[0]
    for other in group[1:]:
        first.absorb(other)
    return first


def _event_fields(item: _Item, undated: set[str]) -> dict[str, Any]:
    """The fields of an item's event but its id."""
    members = item.members
    if len(members) > 1:
        members = sorted(
            members, key=lambda c: (c.date_inferred, -len(c.date or ""), c.source.doc, c.source.start)
        )
    lead = members[0]  # a confident, most precise source leads; its wording and date as written are shown
    inferred = any(m.date_inferred for m in members) and lead.date is not None
    evidence = "; ".join(dict.fromkeys(m.date_evidence for m in members if m.date_evidence)) or None
    sources = tuple(sorted({m.source for m in members}, key=lambda s: (s.doc, s.start)))
    if lead.date is None and not evidence:
        evidence = _why_undated(lead.date_text, sources[0].doc in undated)
    return {
        "date": lead.date,
        "date_text": lead.date_text,
        "date_inferred": inferred,
        "summary": lead.summary,
        "sources": sources,
        "actors": tuple(item.actors),
        "places": tuple(item.places),
        # the end of the happening the lead tells (its date and wording are shown), as any copy of its
        # line gives it; not the end of another happening merged with it
        "end_date": next(
            (m.end_date for m in members if m.end_date and (m.date, m.summary) == (lead.date, lead.summary)),
            None,
        ),
        "date_evidence": evidence,
        "precision": _precision(lead.date),
        "planned": all(m.planned for m in members),
    }


# A date written as a distance from another time ("an hour later", "two days after the vote").
COUNTS_FROM = re.compile(r"\b(?:later|earlier|after|before|afterwards?)\b", re.I)


def _why_undated(date_text: str, article_undated: bool) -> str:
    """Why an event has no date: its article has none, or the expression names no day."""
    if article_undated and date_text:
        return f"the article has no dateline, so '{date_text}' cannot be placed"
    if article_undated:
        return "the article has no dateline and the sentence names no date"
    if date_text and COUNTS_FROM.search(date_text):
        return f"'{date_text}' counts from a time the article does not date"
    if date_text:
        return f"'{date_text}' names no day that can be placed"
    return "the sentence names no date, and the article's date need not be the event's"


def _weekday_of(candidate: EventCandidate) -> int | None:
    match = WEEKDAY_WORD.search(candidate.date_text)
    return WEEKDAYS.index(match.group(1).lower()) if match else None


def _weekday_agrees(document: Document, time: TimeExpression) -> bool:
    """A weekday written beside the date ("Monday, 6 May 2024") must be that date's weekday."""
    before = document.text[max(0, time.span.start - 12) : time.span.start]
    match = re.search(r"\b(" + "|".join(WEEKDAYS) + r")\W{0,3}$", before, re.I)
    # The tagger keeps a weekday written before the date inside the expression.
    match = match or re.match(r"(" + "|".join(WEEKDAYS) + r")\b", time.span.text, re.I)
    if not match or not time.value:
        return True
    return WEEKDAYS.index(match.group(1).lower()) == dt.date.fromisoformat(time.value).weekday()


def _quoted(document: Document, time: TimeExpression) -> bool:
    """Whether a time expression sits inside a quotation or an embedded post."""
    from builder.extract.language import is_embed

    paragraph = document.paragraph_at(time.span.start)
    if is_embed(document.text[paragraph.start : paragraph.end]):
        return True
    before = document.text[paragraph.start : time.span.start]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _sentence_around(document: Document, span: Span) -> str:
    text = document.text
    start = max(text.rfind(". ", 0, span.start) + 2, text.rfind("\n", 0, span.start) + 1)
    ends = [i for i in (text.find(". ", span.end), text.find("\n", span.end)) if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    return " ".join(text[start:end].split())
