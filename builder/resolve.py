"""The cross-article stage: one actor per entity, events and figures linked to actors.

First version: mentions grouped by folded name, the kind decided by
majority, a lone surname joined to the one full name that ends with it.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence

from slugify import slugify

from .chronology import build_chronology
from .model import (
    Actor,
    ArticleExtraction,
    Document,
    Dossier,
    Event,
    Figure,
    Mention,
    Role,
)


def fold(name: str) -> str:
    """Case-, accent- and space-insensitive key of a name."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace("’", "'").casefold().split())


def _group_mentions(mentions: Sequence[Mention]) -> dict[str, list[Mention]]:
    groups: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        groups[fold(mention.span.text)].append(mention)
    # A lone surname joins the single multi-word person name that ends with it.
    people = {key for key, group in groups.items() if _majority_label(group) == "person" and " " in key}
    for key in sorted(groups):
        if " " in key or key not in groups:
            continue
        owners = [full for full in people if full.split()[-1] == key]
        if len(owners) == 1:
            groups[owners[0]].extend(groups.pop(key))
    return groups


def _majority_label(group: Sequence[Mention]) -> str:
    return Counter(m.label for m in group).most_common(1)[0][0]


def _canonical_name(group: Sequence[Mention]) -> str:
    counts = Counter(m.span.text for m in group)
    return max(counts, key=lambda name: (len(name.split()), counts[name], name))


def resolve_dossier(
    documents: Sequence[Document],
    extractions: Sequence[ArticleExtraction],
    model_name: str = "",
) -> Dossier:
    """Build the dossier from every article's extraction."""
    all_mentions = [m for extraction in extractions for m in extraction.mentions]
    groups = _group_mentions(all_mentions)
    dates = {d.id: d.date for d in documents}

    actors: list[Actor] = []
    key_to_id: dict[str, str] = {}
    used: set[str] = set()
    for key, group in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        name = _canonical_name(group)
        actor_id = _unique(slugify(name) or "actor", used)
        key_to_id[key] = actor_id
        for mention in group:
            key_to_id[fold(mention.span.text)] = actor_id
        aliases = sorted({m.span.text for m in group} - {name})
        roles = tuple(
            Role(title=m.title, source=m.sentence, as_of=dates.get(m.span.doc)) for m in group if m.title
        )
        kind = _majority_label(group)
        actors.append(
            Actor(
                id=actor_id,
                name=name,
                kind="organisation" if kind == "armed group" else kind,  # type: ignore[arg-type]
                subkind="armed group" if kind == "armed group" else None,
                aliases=tuple(aliases),
                roles=roles,
                mentions=tuple(sorted(group, key=lambda m: (m.span.doc, m.span.start))),
            )
        )
    actors = _with_relations(actors)
    kinds = {a.id: a.kind for a in actors}

    # Events are merged across sources and undated articles handled in chronology.py.
    chronology = build_chronology(documents, extractions, lambda name: key_to_id.get(fold(name)), kinds)
    events = list(chronology.events)
    documents = chronology.documents

    figures = [
        Figure(
            id=f"f{n:04d}",
            value=c.value,
            qualifier=c.qualifier,
            category=c.category,
            counted=c.counted,
            date=c.date,
            place=c.place,
            source=c.source,
            vague=c.vague,
        )
        for n, c in enumerate((c for x in extractions for c in x.figures), 1)
    ]
    return Dossier(
        documents=tuple(documents),
        actors=tuple(sorted(actors, key=lambda a: a.id)),
        events=tuple(events),
        figures=tuple(figures),
        model_name=model_name,
    )


def _renumber(event: Event, event_id: str) -> Event:
    from dataclasses import replace

    return replace(event, id=event_id)


def _unique(slug: str, used: set[str]) -> str:
    candidate, n = slug, 2
    while candidate in used:
        candidate, n = f"{slug}-{n}", n + 1
    used.add(candidate)
    return candidate


def _with_relations(actors: list[Actor]) -> list[Actor]:
    """Each actor's co-mentioned actors (same sentence), most shared sentences first."""
    from dataclasses import replace

    by_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    for actor in actors:
        for mention in actor.mentions:
            by_sentence[(mention.sentence.doc, mention.sentence.start)].add(actor.id)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for ids in by_sentence.values():
        for a in ids:
            for b in ids:
                if a != b:
                    counts[a][b] += 1
    return [
        replace(a, related=tuple(sorted(counts[a.id].items(), key=lambda kv: (-kv[1], kv[0]))))
        for a in actors
    ]
