"""The dossier as FollowTheMoney entities (``entities.ftm.json``), the exchange format of Aleph.

Made with the ``followthemoney`` library, so every value is cleaned and typed
by FtM itself (countries as codes, dates at their precision, names as names):

* people as ``Person``; organisations as ``Organization``, or ``PublicBody``
  where their kind says a state body (government, police, military, judiciary,
  legislature); places as ``Address`` (FtM's location schema that events and
  other things point at with ``addressEntity``; ``Territory`` is for reference
  data with ids of its own);
* each article as ``Article`` with its title, date, file name and text;
* each actor named in an article as a ``Mention`` (the names as written, the
  article, and the resolved entity for a person or organisation);
* each event as ``Event`` with its dates, summary, involved actors, places and
  the articles it comes from (``proof``).

Ids are FtM's hashed ids of the dossier's own ids (``make_id``), so they stay
the same across rebuilds as long as the actor, event or article does. The
library takes a second to import: it loads only when this file is written.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING

import orjson

from builder.model import Actor, Document, Dossier, Event

if TYPE_CHECKING:
    from followthemoney import EntityProxy

# Organisation kinds that are a state body: FtM's PublicBody ("a ministry, department or state company").
PUBLIC_BODY_KINDS = frozenset({"government", "police", "military", "judiciary", "legislature"})
# FtM's schema of each actor kind (an organisation's may narrow to PublicBody).
SCHEMA_OF_KIND = {"person": "Person", "organisation": "Organization", "place": "Address"}
# A mention's ``resolved`` must be a legal entity: a place is named by its mention alone.
LEGAL_ENTITY_SCHEMATA = frozenset({"Person", "Organization", "PublicBody"})
# REGIONAL INDICATOR SYMBOL LETTER A: flag emoji spell a country code in these letters.
REGIONAL_INDICATOR_A = 0x1F1E6


def actor_schema(actor: Actor) -> str:
    """The FtM schema of an actor: by its kind, ``PublicBody`` for an organisation of the state."""
    if actor.kind == "organisation" and actor.subkind in PUBLIC_BODY_KINDS:
        return "PublicBody"
    return SCHEMA_OF_KIND[actor.kind]


# Memoised: an actor's or article's id is asked for by every mention and event that refers to it.
# Those references are added with ``cleaned=True``: they are ids made here, which FtM's cleaning
# would only check again (hundreds of thousands of checks at 1,000 articles).
@lru_cache(maxsize=1 << 17)
def entity_id(kind: str, own_id: str) -> str:
    """The FtM id of the dossier's ``kind`` record (actor, event, article, mention) of id ``own_id``."""
    from followthemoney.util import make_entity_id

    made = make_entity_id("briefing-dossier", kind, own_id)
    assert made is not None  # only None when every part is empty
    return made


def country_code(country: str) -> str:
    """``country`` as the code FtM's cleaning finds for it, where that is known without FtM's name table.

    FtM finds the country of a name in a table of some 29,000 names in many scripts that it
    transliterates first, built the first time a name is cleaned: 3 to 5 seconds of every
    build that writes this file. A code it looks up directly. A country of the dossier is
    a gazetteer name: FtM's own name of a country ("Russia") or, failing that, the code
    the gazetteer knows it by ("Turkey", which FtM calls "Türkiye") gives the code; any
    other name (one curation set) is left to FtM's cleaning.
    """
    return _country_codes().get(" ".join(country.casefold().split()), country)


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    """FtM country codes by country name (casefolded): FtM's own names, then the gazetteer's."""
    from followthemoney import registry

    from builder.values.countries import gazetteer

    codes: dict[str, str] = {}
    # A flag emoji is its country's ISO 3166 code spelt in regional-indicator letters.
    for flag, name in gazetteer().flags.items():
        letters = "".join(chr(ord(c) - REGIONAL_INDICATOR_A + ord("a")) for c in flag)
        if len(letters) == 2 and letters.isalpha():
            codes[" ".join(name.casefold().split())] = letters
    # FtM's own names win: they are what its cleaning finds first for a name.
    codes.update({" ".join(name.casefold().split()): code for code, name in registry.country.names.items()})
    return codes


def _add(entity: EntityProxy, prop: str, values: str | list[str]) -> None:
    """``entity.add(prop, values)`` with each value cleaned as FtM cleans it, once per distinct value.

    For the values that repeat across entities (a mention's names, schema and country, dates,
    places): FtM cleans every value it is given, the same few thousand values tens of thousands
    of times at 1,000 articles; cleaned once, this file took 3.9 s instead of 4.2 s.
    """
    for value in [values] if isinstance(values, str) else values:
        entity.add(prop, _cleaned(entity.schema.name, prop, value), cleaned=True)


@lru_cache(maxsize=1 << 16)
def _cleaned(schema: str, prop: str, value: str) -> str | None:
    """``value`` as ``EntityProxy.add`` cleans it for ``schema``'s ``prop`` (None: FtM drops it).

    Its steps: the text sanitized, then the property type's clean-up with the property's
    format. Not for entity references, whose clean-up reads the entity they are added to.
    """
    from followthemoney import model
    from followthemoney.util import sanitize_text

    found = model.get(schema)
    assert found is not None
    kind = found.properties[prop]
    assert kind.type.name != "entity"
    text = sanitize_text(value)
    return kind.type.clean_text(text, format=kind.format) if text else None


def ftm_entities(dossier: Dossier) -> list[EntityProxy]:
    """Every entity of the dossier: articles, actors, their mentions in each article, events."""
    from followthemoney import model

    entities = [_article(model, doc) for doc in dossier.documents]
    schema_of = {actor.id: actor_schema(actor) for actor in dossier.actors}
    for actor in dossier.actors:
        entities.append(_actor(model, actor, schema_of[actor.id]))
    known_docs = {doc.id for doc in dossier.documents}
    for actor in dossier.actors:
        entities += _mentions(model, actor, schema_of[actor.id], known_docs)
    names = {actor.id: actor.name for actor in dossier.actors}
    for event in dossier.events:
        entities.append(_event(model, event, names, schema_of, known_docs))
    return entities


def entities_ftm_json(dossier: Dossier) -> str:
    """``entities.ftm.json``: one FtM entity a line (what ``ftm`` and ``alephclient`` read)."""
    return "".join(
        orjson.dumps(entity.to_dict(), option=orjson.OPT_SORT_KEYS).decode() + "\n"
        for entity in ftm_entities(dossier)
    )


def _article(model, doc: Document) -> EntityProxy:
    """An article: title, file name, date, language and text."""
    article = model.make_entity("Article")
    article.id = entity_id("article", doc.id)
    article.add("title", doc.title)
    article.add("fileName", doc.path)
    article.add("bodyText", doc.text)
    if doc.date:
        _add(article, "publishedAt", doc.date)
    if language := _language(doc):
        _add(article, "language", language)
    return article


def _language(doc: Document) -> str | None:
    """The article's main language as FtM writes it (ISO 639-3, ``eng``), from its paragraphs."""
    import pycountry

    counts = Counter(paragraph.language for paragraph in doc.paragraphs)
    code = counts.most_common(1)[0][0] if counts else "en"
    language = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
    return getattr(language, "alpha_3", None)


def _actor(model, actor: Actor, schema: str) -> EntityProxy:
    """A person, organisation or place, with its other names, country and (for people) roles."""
    entity = model.make_entity(schema)
    entity.id = entity_id("actor", actor.id)
    if schema == "Address":
        entity.add("full", actor.name)
    else:
        entity.add("name", actor.name)
        entity.add("alias", [alias for alias in actor.aliases if alias != actor.name])
    if actor.country:
        entity.add("country", country_code(actor.country))  # FtM cleans it to its code, or drops it
    if schema == "Person":
        entity.add("position", list(dict.fromkeys(role.title for role in actor.roles)))
    elif actor.subkind:
        entity.add("classification", actor.subkind)
    if actor.curated:
        entity.add("notes", f"Curated by the analyst: {', '.join(actor.curated)}.")
    return entity


def _mentions(model, actor: Actor, schema: str, known_docs: set[str]) -> list[EntityProxy]:
    """One ``Mention`` per article naming ``actor``: the names as written there, resolved to the actor."""
    names_in: dict[str, dict[str, None]] = defaultdict(dict)
    for mention in actor.mentions:
        if mention.span.doc in known_docs:
            names_in[mention.span.doc].setdefault(" ".join(mention.span.text.split()))
    mentions = []
    for doc_id in sorted(names_in):
        mention = model.make_entity("Mention")
        mention.id = entity_id("mention", f"{actor.id}@{doc_id}")
        _add(mention, "name", list(names_in[doc_id]))
        mention.add("document", entity_id("article", doc_id), cleaned=True)
        if schema in LEGAL_ENTITY_SCHEMATA:
            mention.add("resolved", entity_id("actor", actor.id), cleaned=True)
        _add(mention, "detectedSchema", schema)
        if actor.country:
            _add(mention, "contextCountry", country_code(actor.country))
        mentions.append(mention)
    return mentions


def _event(
    model, event: Event, names: dict[str, str], schema_of: dict[str, str], known_docs: set[str]
) -> EntityProxy:
    """An event: what happened, when (at the precision known), who and where, and its articles."""
    entity = model.make_entity("Event")
    entity.id = entity_id("event", event.id)
    entity.add("name", event.summary)
    entity.add("summary", event.summary)
    if event.date:
        _add(entity, "date", event.date)
    if event.end_date:
        _add(entity, "endDate", event.end_date)
    involved = [a for a in event.actors if schema_of.get(a) in LEGAL_ENTITY_SCHEMATA]
    entity.add("involved", [entity_id("actor", a) for a in involved], cleaned=True)
    places = [p for p in (*event.places, *event.actors) if schema_of.get(p) == "Address"]
    entity.add("addressEntity", [entity_id("actor", p) for p in dict.fromkeys(places)], cleaned=True)
    _add(entity, "location", [names[p] for p in dict.fromkeys(places)])
    articles = dict.fromkeys(span.doc for span in event.sources if span.doc in known_docs)
    entity.add("proof", [entity_id("article", doc_id) for doc_id in articles], cleaned=True)
    entity.add("description", [" ".join(span.text.split()) for span in event.sources])
    notes = f"Date as written: {event.date_text}." if event.date_text else ""
    if event.date_inferred:
        notes += f" Date inferred{': ' + event.date_evidence if event.date_evidence else ''}."
    if notes:
        entity.add("notes", notes.strip())
    return entity
