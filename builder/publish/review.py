"""Check these first: the machine's least certain statements, ranked, each with the curation that fixes it.

Read from the resolved dossier alone (no stage that made it), so every doubt
here is one an analyst can see in the model too:

* names that almost match another actor's but were kept apart, and names
  joined into one actor that look unlike each other (the reverse);
* actors whose kind rests on a split vote of their mentions, and whose
  country is named beside none of their mentions, names or roles;
* actors named once;
* events merged from reports that share few words and no actor;
* dates inferred, taken from another clause, or read relative to the
  article and landing far from it; articles dated from their text;
* vague figures ("hundreds") and parts of a total;
* articles with paragraphs not read.

Each entry cites its sentences and, where ``curation.yaml`` has an operation
for it, gives the lines that correct it (``fix``) or that confirm what the
machine says (``confirm``): a fact set by curation is marked curated and is
not listed again. A name in those lines is the one curation will find: the
actor's name when no other actor answers to it, else its id.
"""

from __future__ import annotations

import datetime as dt
import re
import weakref
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import yaml
from rapidfuzz import fuzz

from builder.model import Actor, Document, Dossier, Event, Figure, Span
from builder.values.names import fold, fold_without_article

# The checks, most telling first where two entries are equally doubtful: (key, title).
CHECKS = {
    "near-match": "Names that almost match another actor",
    "weak-kind": "Kind on a split vote",
    "thin-merge": "Event merged on thin evidence",
    "far-date": "Date read far from its reference",
    "article-date": "Article date from its text",
    "inferred-date": "Date inferred or borrowed",
    "weak-country": "Country named nowhere beside the actor",
    "loose-merge": "Names joined that look unlike",
    "unread": "Paragraphs not read",
    "seen-once": "Named once",
    "vague-figure": "Vague or partial figure",
}
# A block of names sharing a word is compared pairwise only up to this size (a word in
# hundreds of names, "national", says nothing about any two of them).
BLOCK_LIMIT = 40
# Two names this alike (rapidfuzz ratio of their folded forms) are near matches.
NEAR_RATIO = 90
# Two reports of one event share less than this (token-set ratio) and no actor: thin.
THIN_SIMILARITY = 60
# A date read against the article's date (no year written) this many days from it.
FAR_DAYS = 45
# Mentions read for the country check (as resolution samples them).
COUNTRY_SAMPLE = 40


@dataclass(frozen=True)
class Fix:
    """Lines of ``curation.yaml``: one operation and one item of it.

    ``item``: ``(kept, other)`` for merge, ``(name,)`` for suppress, ``(key, value)`` for
    kind, country, date and alias (an alias's value is one extra name).
    """

    operation: str
    item: tuple[str, ...]

    @property
    def lines(self) -> str:
        return curation_yaml([self])


@dataclass(frozen=True)
class ReviewEntry:
    """One doubtful statement: what the machine says, why it may be wrong, where to read, how to fix."""

    key: str  # unique on the page: its anchor
    check: str  # a key of CHECKS
    doubt: float  # 0-1: the rank
    statement: str
    why: str
    sources: tuple[Span, ...]
    actors: tuple[str, ...] = ()
    fix: Fix | None = None  # corrects the statement (the analyst may edit the value first)
    confirm: Fix | None = None  # restates it: the fact becomes curated and leaves the list


def review_entries(dossier: Dossier) -> list[ReviewEntry]:
    """Every doubtful statement of the dossier, most doubtful first.

    Worked out once per dossier: the site's review page and the PDF briefing both list them
    (a second and a half each on 1,000 articles). The list is shared: do not change it.
    """
    if _last_review and _last_review[0][0]() is dossier:
        return _last_review[0][1]
    entries = _review_entries(dossier)
    _last_review[:] = [(weakref.ref(dossier), entries)]
    return entries


# The dossier the entries were last worked out for (held weakly, so as not to keep it alive) and its entries.
_last_review: list[tuple[weakref.ref[Dossier], list[ReviewEntry]]] = []


def _review_entries(dossier: Dossier) -> list[ReviewEntry]:
    names = CurationNames(dossier.actors)
    entries = [
        *near_matches(dossier.actors, names),
        *loose_merges(dossier.actors, names),
        *weak_kinds(dossier.actors, names),
        *weak_countries(dossier.actors, names),
        *seen_once(dossier.actors, names),
        *thin_merges(dossier),
        *doubtful_dates(dossier),
        *doubtful_figures(dossier.figures),
        *unread_paragraphs(dossier),
    ]
    order = {check: rank for rank, check in enumerate(CHECKS)}
    return sorted(entries, key=lambda e: (-round(e.doubt, 3), order[e.check], e.key))


# --- curation lines --------------------------------------------------------------------------


class CurationNames:
    """The name curation finds each actor by: its own name where that finds it, else its id.

    Curation matches a name folded (case, accents, a leading "the") against every actor's
    name, aliases and id, and takes the first actor that answers. A name only one actor
    answers to is safe; so is one shared only with the actors resolution numbered after it
    (``china``, then ``china-2``), which come after it in every order the dossier has.
    """

    def __init__(self, actors: Sequence[Actor]) -> None:
        self.owners: dict[str, set[str]] = defaultdict(set)
        for actor in actors:
            for name in (actor.name, *actor.aliases, actor.id):
                self.owners[fold_without_article(name)].add(actor.id)

    def of(self, actor: Actor) -> str | None:
        """What to write for ``actor`` in ``curation.yaml``; None when nothing finds it surely."""
        for name in (actor.name, actor.id):
            owners = self.owners.get(fold_without_article(name), set())
            if actor.id in owners and all(o == actor.id or _numbered_after(o, actor.id) for o in owners):
                return " ".join(name.split())
        return None


def _numbered_after(other: str, actor_id: str) -> bool:
    """Whether ``other`` is ``actor_id`` numbered after it by resolution (``china-2`` after ``china``)."""
    number = other.removeprefix(actor_id + "-")
    return number != other and number.isdecimal()


def curation_yaml(fixes: Iterable[Fix]) -> str:
    """The lines of ``curation.yaml`` for ``fixes``, each operation once (YAML keeps only the last
    of two equal keys, so pasted entries of one operation go under one heading)."""
    items: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for fix in fixes:
        if fix.item not in items[fix.operation]:
            items[fix.operation].append(fix.item)
    lines = []
    for operation, entries in items.items():
        lines.append(f"{operation}:")
        for item in entries:
            if operation == "merge":
                lines.append(f"  - [{_scalar(item[0])}, {_scalar(item[1])}]")
            elif operation == "suppress":
                lines.append(f"  - {_scalar(item[0])}")
            elif operation == "alias":
                lines.append(f"  {_scalar(item[0])}: [{_scalar(item[1])}]")
            else:
                lines.append(f"  {_scalar(item[0])}: {_scalar(item[1])}")
    return "\n".join(lines) + "\n"


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar that reads back as the same string inside a flow list or mapping."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text  # a date: curation reads it as the date it is
    dumped = yaml.safe_dump([text], default_flow_style=True, allow_unicode=True, width=1 << 16)
    return dumped.strip()[1:-1]


# --- actors ------------------------------------------------------------------------------------


def _first_mentions(actor: Actor, limit: int = 2) -> tuple[Span, ...]:
    """The first mention of ``actor`` in each of its first ``limit`` articles."""
    seen: dict[str, Span] = {}
    for mention in actor.mentions:
        seen.setdefault(mention.span.doc, mention.span)
        if len(seen) >= limit:
            break
    return tuple(seen.values())


def _key(name: str) -> str:
    """A name compared: folded, without a leading "the" and without dots ("U.S." is "us")."""
    return fold_without_article(name).replace(".", "")


def near_matches(actors: Sequence[Actor], names: CurationNames) -> list[ReviewEntry]:
    """Pairs of actors of one kind whose names almost match: perhaps one actor split in two."""
    blocks: dict[str, set[int]] = defaultdict(set)
    for index, actor in enumerate(actors):
        for name in (actor.name, *actor.aliases):
            for word in _key(name).split():
                if len(word) > 2:
                    blocks[word].add(index)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) <= BLOCK_LIMIT:
            # Only actors of one kind, each with a mention, are compared: paired within those groups.
            by_kind: dict[str, list[int]] = defaultdict(list)
            for index in sorted(members):
                if actors[index].mentions:
                    by_kind[actors[index].kind].append(index)
            for ordered in by_kind.values():
                pairs.update((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :])
    entries = []
    for a, b in sorted(pairs):
        first, second = actors[a], actors[b]
        found = _name_likeness(first, second)
        if found is not None:
            entries.append(_near_match_entry(first, second, *found, names))
    return entries


def _name_likeness(first: Actor, second: Actor) -> tuple[float, str] | None:
    """How likely two actors' names are one actor's (doubt, why), or None when they are not alike."""
    best: tuple[float, str] | None = None
    for one in (first.name, *first.aliases):
        for other in (second.name, *second.aliases):
            found = _names_alike(_key(one), _key(other), first.kind == "person")
            if found and (best is None or found[0] > best[0]):
                best = (found[0], f"“{one}” and “{other}” are {found[1]}")
    return best


def _names_alike(one: str, other: str, people: bool) -> tuple[float, str] | None:
    """Doubt and reason when two folded names look like one name written two ways."""
    if one == other:
        return 0.95, "written the same"
    words, others = one.split(), other.split()
    if people and len(words) > 1 and len(others) > 1 and words[-1] == others[-1]:
        a, b = words[0], others[0]
        if a.startswith(b) or b.startswith(a):
            return 0.85, "of one surname, and one first name starts the other"
    ratio = fuzz.ratio(one, other)
    if ratio >= NEAR_RATIO:
        return 0.55 + 0.3 * (ratio - NEAR_RATIO) / (100 - NEAR_RATIO), f"spelt almost alike ({ratio:.0f}%)"
    return None


def _near_match_entry(
    first: Actor, second: Actor, doubt: float, why: str, names: CurationNames
) -> ReviewEntry:
    kept, other = sorted((first, second), key=lambda a: (-len(a.mentions), a.id))
    kept_name, other_name = names.of(kept), names.of(other)
    fix = Fix("merge", (kept_name, other_name)) if kept_name and other_name else None
    return ReviewEntry(
        key=f"near-match-{kept.id}-{other.id}",
        check="near-match",
        doubt=doubt,
        statement=f"“{kept.name}” and “{other.name}” are two {PLURALS[kept.kind]}",
        why=f"{why}. If they are one, merge them (the first name is kept)."
        + ("" if fix else " No name in curation.yaml finds one of them alone (another actor answers to it)."),
        sources=_first_mentions(kept, 1) + _first_mentions(other, 1),
        actors=(kept.id, other.id),
        fix=fix,
    )


def loose_merges(actors: Sequence[Actor], names: CurationNames) -> list[ReviewEntry]:
    """Actors one of whose other names shares no word with its name and is no acronym of it."""
    entries = []
    for actor in actors:
        if actor.kind == "place" or {"aliases", "merge"} & set(actor.curated):
            continue
        for alias in actor.aliases:
            if _related_names(_key(actor.name), _key(alias)):
                continue
            name = names.of(actor)
            entries.append(
                ReviewEntry(
                    key=f"loose-merge-{actor.id}-{fold(alias)}",
                    check="loose-merge",
                    doubt=0.4,
                    statement=f"“{alias}” is another name of “{actor.name}”",
                    why="The two names share no word and one is no acronym of the other. Curation has no "
                    "split: if they are two, note it; restating the alias confirms it.",
                    sources=_first_mentions(actor, 2),
                    actors=(actor.id,),
                    confirm=Fix("alias", (name, alias)) if name else None,
                )
            )
    return entries


def _related_names(name: str, alias: str) -> bool:
    """Whether an alias plausibly names the same actor: a shared word, an acronym, or alike spelling."""
    words = {w for w in re.split(r"[\s'’-]+", name) if len(w) > 2}
    alias_words = {w for w in re.split(r"[\s'’-]+", alias) if len(w) > 2}
    if words & alias_words:
        return True
    initials = "".join(w[0] for w in name.split() if w not in ("of", "and", "for", "the"))
    compact = re.sub(r"\W", "", alias)
    return (
        compact == initials
        or (len(compact) > 1 and initials.startswith(compact))
        or fuzz.ratio(name, alias) >= 60
    )


PLURALS = {"person": "people", "organisation": "organisations", "place": "places"}
WITH_ARTICLE = {"person": "a person", "organisation": "an organisation", "place": "a place"}
KIND_OF_LABEL = {
    "person": "person",
    "organisation": "organisation",
    "armed group": "organisation",
    "place": "place",
}


def weak_kinds(actors: Sequence[Actor], names: CurationNames) -> list[ReviewEntry]:
    """Actors whose kind most of their mentions do not give (the tagger's labels split)."""
    entries = []
    for actor in actors:
        if "kind" in actor.curated or len(actor.mentions) < 2:
            continue
        votes: Counter[str] = Counter()
        for mention in actor.mentions:
            votes[KIND_OF_LABEL.get(mention.label, mention.label)] += 1
            if mention.title:
                votes["person"] += 1
        votes["person"] += sum(1 for role in actor.roles if not role.curated)
        share = votes[actor.kind] / sum(votes.values())
        if share >= 0.6:
            continue
        other = next(kind for kind, _ in votes.most_common() if kind != actor.kind)
        name = names.of(actor)
        tally = ", ".join(f"{kind} {count}" for kind, count in votes.most_common())
        entries.append(
            ReviewEntry(
                key=f"weak-kind-{actor.id}",
                check="weak-kind",
                doubt=0.5 + 0.4 * (1 - share),
                statement=f"“{actor.name}” is {WITH_ARTICLE[actor.kind]}",
                why=f"Its mentions vote {tally}. Set the kind it is (or an organisation kind).",
                sources=_first_mentions(actor, 2),
                actors=(actor.id,),
                fix=Fix("kind", (name, other)) if name else None,
                confirm=Fix("kind", (name, actor.kind)) if name else None,
            )
        )
    return entries


def weak_countries(actors: Sequence[Actor], names: CurationNames) -> list[ReviewEntry]:
    """People and organisations whose country no mention, name or role of theirs names."""
    entries = []
    for actor in actors:
        if not actor.country or actor.kind == "place" or "country" in actor.curated:
            continue
        texts = [actor.name, *actor.aliases]
        texts += [f"{role.title} {role.organisation or ''}" for role in actor.roles]
        texts += [mention.sentence.text for mention in actor.mentions[:COUNTRY_SAMPLE]]
        pattern = _country_words(actor.country)
        if pattern is None or any(pattern.search(fold(text)) for text in texts):
            continue
        named = Counter(
            country
            for text in texts[-COUNTRY_SAMPLE:]
            for country in _countries_named(text)
            if country != actor.country
        )
        name = names.of(actor)
        why = "No mention, name or role of it names the country: it comes from the articles around it."
        if named:
            why += f" Its sentences name {', '.join(country for country, _ in named.most_common(3))}."
        entries.append(
            ReviewEntry(
                key=f"weak-country-{actor.id}",
                check="weak-country",
                # Other countries named beside it, and never its own: likelier wrong.
                doubt=0.55 if named else 0.35,
                statement=f"“{actor.name}” is of {actor.country}",
                why=why + " Write the right country, or restate this one to confirm it.",
                sources=_first_mentions(actor, 2),
                actors=(actor.id,),
                confirm=Fix("country", (name, actor.country)) if name else None,
            )
        )
    return entries


@lru_cache(maxsize=512)
def _country_words(country: str) -> re.Pattern[str] | None:
    """A pattern of the country's names, spellings, demonyms and dotted code ("u.s.") in folded text."""
    from builder.values.countries import gazetteer

    places = gazetteer()
    words = {key for key, name in places.countries.items() if name == country}
    words |= {key for key, name in places.demonyms.items() if name == country}
    code = _alpha_2(country)
    if code:
        words.add(".".join(code.lower()) + ".")  # "u.s.", "u.k."
    words.discard("")
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _alpha_2(country: str) -> str | None:
    import pycountry

    try:
        return pycountry.countries.lookup(country).alpha_2
    except LookupError:
        return None


_CAPITALISED = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


def _countries_named(text: str) -> list[str]:
    """The countries a text names by name or demonym (capitalised runs, up to three words)."""
    from builder.values.countries import gazetteer

    places, found = gazetteer(), []
    for match in _CAPITALISED.finditer(text):
        words = match.group(0).split()
        for start in range(len(words)):
            for end in range(start + 1, min(len(words), start + 3) + 1):
                part = re.sub(r"['’]s$", "", " ".join(words[start:end]))
                country = places.country(part) or places.demonym(part)
                if country:
                    found.append(country)
    return found


def seen_once(actors: Sequence[Actor], names: CurationNames) -> list[ReviewEntry]:
    """Actors named once: as likely a tagging slip as an actor."""
    entries = []
    for actor in actors:
        if len(actor.mentions) != 1 or actor.curated:
            continue
        name = names.of(actor)
        entries.append(
            ReviewEntry(
                key=f"seen-once-{actor.id}",
                check="seen-once",
                doubt=0.3 if len(actor.name.split()) == 1 else 0.2,
                statement=f"“{actor.name}” is {WITH_ARTICLE[actor.kind]}",
                why="Named once in the corpus. If it is no actor, suppress it; restating its kind keeps it.",
                sources=_first_mentions(actor, 1),
                actors=(actor.id,),
                fix=Fix("suppress", (name,)) if name else None,
                confirm=Fix("kind", (name, actor.kind)) if name else None,
            )
        )
    return entries


# --- events, dates, figures, articles -----------------------------------------------------------


def thin_merges(dossier: Dossier) -> list[ReviewEntry]:
    """Events merged from reports of several articles one of which shares little with the others."""
    marks: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for actor in dossier.actors:
        for mention in actor.mentions:
            marks[mention.span.doc].append((mention.span.start, mention.span.end, actor.id))
    for doc_marks in marks.values():
        doc_marks.sort()  # by start: a span's marks are found by bisection (``_actors_in``)
    entries = []
    for event in dossier.events:
        by_doc: dict[str, list[Span]] = defaultdict(list)
        for span in event.sources:
            by_doc[span.doc].append(span)
        if len(by_doc) < 2:
            continue
        actors_of = {
            doc: {a for span in spans for a in _actors_in(span, marks)} for doc, spans in by_doc.items()
        }
        # Most articles share an actor with another report of the event: only the others' words
        # are compared, each report's words folded once. An article shares one when one of its
        # actors is in more than one article (counted once: an event can have hundreds of reports).
        articles_naming = Counter(actor for actors in actors_of.values() for actor in actors)
        alone = [doc for doc, actors in actors_of.items() if all(articles_naming[a] == 1 for a in actors)]
        if not alone:
            continue
        words_of = {doc: [fold(span.text) for span in spans] for doc, spans in by_doc.items()}
        weakest = min(_best_likeness(words_of[doc], doc, words_of) for doc in alone)
        if weakest >= THIN_SIMILARITY:
            continue
        entries.append(
            ReviewEntry(
                key=f"thin-merge-{event.id}",
                check="thin-merge",
                doubt=0.45 + 0.4 * (THIN_SIMILARITY - weakest) / THIN_SIMILARITY,
                statement=f"{len(by_doc)} articles report one event: “{event.summary}”",
                why=f"One report shares {weakest:.0f}% of its words and no actor with the others. "
                "Curation has no operation for events: read the reports.",
                sources=tuple(spans[0] for spans in by_doc.values())[:4],
                actors=event.actors,
            )
        )
    return entries


def _best_likeness(own: list[str], doc: str, words_of: dict[str, list[str]]) -> float:
    """The best token-set ratio of ``own`` reports' words (folded) with another article's reports."""
    best = 0.0
    for other, theirs in words_of.items():
        if other == doc:
            continue
        for mine in own:
            for text in theirs:
                best = max(best, fuzz.token_set_ratio(mine, text))
                if best == 100.0:
                    return best
    return best


def _actors_in(span: Span, marks: dict[str, list[tuple[int, int, str]]]) -> set[str]:
    """The actors named inside ``span`` (``marks``: each article's mentions, sorted by start)."""
    doc_marks = marks.get(span.doc, [])
    first = bisect_left(doc_marks, (span.start,))
    last = bisect_left(doc_marks, (span.end,), lo=first)
    return {actor for _, end, actor in doc_marks[first:last] if end <= span.end}


def doubtful_dates(dossier: Dossier) -> list[ReviewEntry]:
    """Event dates inferred, borrowed from another clause, or read against the article far from it;
    article dates taken from their text."""
    documents = {doc.id: doc for doc in dossier.documents}
    entries = [entry for event in dossier.events if (entry := _event_date_entry(event, documents))]
    for doc in dossier.documents:
        if doc.date_source == "inferred" and doc.date:
            entries.append(
                ReviewEntry(
                    key=f"article-date-{doc.id}",
                    check="article-date",
                    doubt=0.55,
                    statement=f"“{doc.title}” is dated {doc.date}",
                    why=_article_date_why(doc),
                    sources=_opening(doc),
                    fix=Fix("date", (doc.id, doc.date)),
                )
            )
    return entries


def _article_date_why(doc: Document) -> str:
    evidence = f": {doc.date_evidence}" if doc.date_evidence else ""
    return (
        f"The article has no dateline; its date comes from its text{evidence}. "
        "Its relative dates are read from it."
    )


def _event_date_entry(event: Event, documents: dict[str, Document]) -> ReviewEntry | None:
    """The entry of an event whose date is doubtful, or None."""
    if not event.date:
        return None
    source = event.sources[0] if event.sources else None
    doc = documents.get(source.doc) if source else None
    gap = _days_apart(event.date, doc.date) if doc is not None and doc.date else None
    relative = not re.search(r"\b\d{4}\b", event.date_text or "")
    if relative and gap is not None and gap > FAR_DAYS:
        check, doubt = "far-date", _far_date_doubt(event)
        read_against = f" ({doc.date})" if doc is not None else ""
        why = (
            f"“{event.date_text}” has no year: it is read against the article's date{read_against} "
            f"and lands {gap} days from it."
        )
    elif event.date_inferred or event.date_evidence:
        check, doubt = "inferred-date", 0.5 if event.date_inferred else 0.4
        why = f"The date is not written in the event's clause: {event.date_evidence or 'inferred'}."
    else:
        return None
    return ReviewEntry(
        key=f"{check}-{event.id}",
        check=check,
        doubt=doubt,
        statement=f"{event.date}: {event.summary}",
        why=why + " Curation has no operation for event dates: read the source.",
        sources=event.sources[:2],
        actors=event.actors,
    )


# Words of a counted offset ("two years ago", "last year"): the arithmetic is sure, the anchor is all.
_OFFSET_WORDS = re.compile(r"\b(?:ago|last|next|previous|following|earlier|later|since)\b", re.IGNORECASE)


def _far_date_doubt(event: Event) -> float:
    """How doubtful a date far from its article's is: borrowed from another clause most, a counted
    offset ("two years ago") least, a bare day or month ("Friday", "in March") between."""
    if event.date_evidence:
        return 0.8
    if _OFFSET_WORDS.search(event.date_text or ""):
        return 0.35
    return 0.6


def _days_apart(one: str, other: str) -> int | None:
    """Days between two ISO dates at any precision (a month or a year by its middle)."""
    try:
        return abs((_middle(one) - _middle(other)).days)
    except ValueError:
        return None


def _middle(value: str) -> dt.date:
    """The date in the middle of an ISO date's span: a year by July 1st, a month by its 15th."""
    parts = [int(part) for part in value.split("-")[:3]]
    if len(parts) == 1:
        return dt.date(parts[0], 7, 1)
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 15)
    return dt.date(parts[0], parts[1], parts[2])


def _opening(doc: Document) -> tuple[Span, ...]:
    """The first paragraph of an article, as a span to cite."""
    if not doc.paragraphs:
        return (Span(doc.id, 0, len(doc.text), doc.text),)
    first = doc.paragraphs[0]
    return (Span(doc.id, first.start, first.end, doc.text[first.start : first.end]),)


def doubtful_figures(figures: Iterable[Figure]) -> list[ReviewEntry]:
    """Figures that are a floor ("hundreds") or a part already counted in another."""
    entries = []
    for figure in figures:
        if not (figure.vague or figure.part_of_total):
            continue
        why = (
            "A vague count (“hundreds”, “dozens”): the value is a floor, not a count."
            if figure.vague
            else "Part of a total already counted in its sentence: it must not be added to it."
        )
        entries.append(
            ReviewEntry(
                key=f"vague-figure-{figure.id}",
                check="vague-figure",
                doubt=0.3 if figure.vague else 0.25,
                statement=f"{figure.value:,.0f} {figure.counted} ({figure.category})",
                why=why + " Curation has no operation for figures: read the source.",
                sources=(figure.source,),
            )
        )
    return entries


def unread_paragraphs(dossier: Dossier) -> list[ReviewEntry]:
    """Articles the build report flags (paragraphs not read: another language, an embedded post)."""
    by_path = {doc.path: doc for doc in dossier.documents}
    entries = []
    for flagged in dossier.skipped:
        doc = by_path.get(flagged.path)
        if flagged.severity != "warning" or doc is None:
            continue
        unread = _paragraphs_named(flagged.reason, doc) or [p for p in doc.paragraphs if p.language != "en"]
        unread = unread or list(doc.paragraphs[:1])
        spans = tuple(Span(doc.id, p.start, p.end, doc.text[p.start : p.end]) for p in unread[:3])
        entries.append(
            ReviewEntry(
                key=f"unread-{doc.id}",
                check="unread",
                doubt=0.45,
                statement=f"“{doc.title}”: {flagged.reason}",
                why="Names, dates and figures in those paragraphs are not in the dossier. Read them.",
                sources=spans,
            )
        )
    return entries


# The build report's words for unread paragraphs ("paragraphs 7, 8 of 14 not read"), 1-based.
_PARAGRAPH_NUMBERS = re.compile(r"\bparagraphs? ((?:\d+, )*\d+) of \d+")


def _paragraphs_named(reason: str, doc: Document) -> list:
    """The paragraphs a build-report line names by number, in the article."""
    found = _PARAGRAPH_NUMBERS.search(reason)
    numbers = [int(n) for n in found.group(1).split(", ")] if found else []
    return [doc.paragraphs[n - 1] for n in numbers if 0 < n <= len(doc.paragraphs)]


# --- what curation has set ------------------------------------------------------------------------


@dataclass(frozen=True)
class CuratedFact:
    """A fact the analyst set in curation.yaml: on an actor, or an article's date."""

    subject: str  # actor id or article id
    label: str  # the actor's name or the article's title
    facts: tuple[str, ...]


def curated_facts(dossier: Dossier) -> list[CuratedFact]:
    """What curation set: actors with their curated facts, then articles dated by the analyst."""
    found = [
        CuratedFact(actor.id, actor.name, actor.curated)
        for actor in sorted(dossier.actors, key=lambda a: a.name.casefold())
        if actor.curated
    ]
    found += [
        CuratedFact(doc.id, doc.title, (f"date {doc.date}",))
        for doc in dossier.documents
        if doc.date_source == "override"
    ]
    return found
