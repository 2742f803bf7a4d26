"""The analyst's corrections (``curation.yaml``), validated and applied after extraction.

Operations (all optional; see ``seeds/curation.yaml`` for a commented example):

* ``merge``: lists of names (or actor ids) that are one actor; the first is kept.
* ``alias``: name -> extra names that should find the actor.
* ``suppress``: names that are not actors.
* ``kind``: name -> person | organisation | place, or an organisation kind
  ("armed group", "police", ...), which makes it an organisation of that kind.
* ``country``: name -> country.
* ``role``: [{actor, title, organisation?, as_of?}] roles the text does not state.
* ``date``: article id -> YYYY-MM-DD, the date of an undated article.

Names are matched case- and accent-insensitively against each actor's name,
aliases and id. The file is checked against a JSON schema, and every date is a
real calendar date in the years a dossier covers; an error names the file, the
line and what is wrong, in one line. The file is read as UTF-8, at most
``MAX_CURATION_BYTES`` long, and YAML's anchors and aliases are refused (nine
levels of aliases make a small file expand to gigabytes when it is walked). A
name that matches no actor is reported as a warning, not an error, so that a
curation file survives corpus changes.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator, ValidationError

from builder.model import ORGANISATION_KINDS, Actor, Document, Dossier, Role, Span
from builder.resolve.actors import alias_order
from builder.values.dates import day_problem
from builder.values.names import fold_without_article

log = logging.getLogger("dossier")

_NAME = {"type": "string", "minLength": 1}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
# The operations and the JSON schema of each one's value.
OPERATIONS: dict[str, dict[str, Any]] = {
    "merge": {"type": "array", "items": {"type": "array", "items": _NAME, "minItems": 2}},
    "alias": {"type": "object", "additionalProperties": {"type": "array", "items": _NAME}},
    "suppress": {"type": "array", "items": _NAME},
    "kind": {
        "type": "object",
        "additionalProperties": {"enum": ["person", "organisation", "place", *ORGANISATION_KINDS]},
    },
    "country": {"type": "object", "additionalProperties": _NAME},
    "role": {
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["actor", "title"],
            "properties": {"actor": _NAME, "title": _NAME, "organisation": _NAME, "as_of": _DATE},
        },
    },
    "date": {"type": "object", "additionalProperties": _DATE},
}
SCHEMA = {"type": "object", "additionalProperties": False, "properties": OPERATIONS}


# A curation file is a page or two of corrections; a larger one is a mistake (or an attack).
MAX_CURATION_BYTES = 1024 * 1024
# Operations nest three levels (role: - {actor: ...}); ten leaves room and stops a deep bomb.
MAX_DEPTH = 10


class CurationError(ValueError):
    """The curation file cannot be used; the message names file, line and problem."""


class RefusedYAML(yaml.MarkedYAMLError):
    """Valid YAML that a curation file may not use (aliases, deep nesting)."""


class CurationLoader(yaml.SafeLoader):
    """YAML's safe loader, without aliases, without deep nesting, and with dates kept as text.

    Dates stay text so that the schema and the calendar check (not the YAML reader)
    judge them: ``2023-02-30`` is then an error on its line, not a traceback.
    """

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            raise RefusedYAML(
                problem="YAML aliases (*name) are not allowed in a curation file; write the value out",
                problem_mark=self.peek_event().start_mark,
            )
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise RefusedYAML(
                    problem=f"nested more than {MAX_DEPTH} levels deep; no operation needs that",
                    problem_mark=self.peek_event().start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def load_curation(path: Path) -> dict[str, Any]:
    """Read and validate a curation file; raises ``CurationError`` naming the line at fault."""
    text = read_curation_text(path)
    loader = None
    try:
        loader = CurationLoader(text)  # the reader refuses control characters here already
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else {}
    except RefusedYAML as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 1
        raise CurationError(f"{path}, line {line}: {error.problem}") from error
    except yaml.reader.ReaderError as error:  # a character YAML does not allow, at a byte offset
        line = text[: error.position].count("\n") + 1
        code = error.character if isinstance(error.character, int) else ord(error.character or "\0")
        raise CurationError(
            f"{path}, line {line}: not valid YAML: control character U+{code:04X} is not allowed; remove it"
        ) from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at_line = f", line {mark.line + 1}" if mark else ""
        raise CurationError(f"{path}{at_line}: not valid YAML: {getattr(error, 'problem', error)}") from error
    except (ValueError, TypeError) as error:  # a value its explicit tag refuses (``!!int abc``)
        raise CurationError(f"{path}: not valid YAML: {error}") from error
    finally:
        if loader is not None:
            loader.dispose()
    if not isinstance(data, dict):
        raise CurationError(
            f"{path}: the top level must be a mapping of operations ({', '.join(OPERATIONS)})"
        )
    data = _keys_as_text(data)
    errors = sorted(Draft202012Validator(SCHEMA).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = ".".join(str(p) for p in first.absolute_path) or "top level"
        line = _line_of(root, list(first.absolute_path), _unexpected_key(first))
        raise CurationError(f"{path}, line {line}: {where}: {_explain(first)}")
    for steps, value in _dates(data):
        problem = day_problem(value)
        if problem is not None:
            line = _line_of(root, steps)
            place = ".".join(str(step) for step in steps)
            raise CurationError(f"{path}, line {line}: {place}: {value!r} {problem}")
    return data


def read_curation_text(path: Path) -> str:
    """The text of a curation file, checked for size and encoding; ``CurationError`` otherwise."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_CURATION_BYTES + 1)
    except OSError as error:
        raise CurationError(f"{path}: cannot read the curation file: {error.strerror or error}") from error
    if len(raw) > MAX_CURATION_BYTES:
        raise CurationError(
            f"{path}: larger than {MAX_CURATION_BYTES // (1024 * 1024)} MB; a curation file holds "
            "corrections, not data (check that this is the right file)"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise CurationError(
            f"{path}, line {line}: not UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8"
        ) from error


def _keys_as_text(value: Any) -> Any:
    """Mapping keys as text: YAML reads ``2024: x`` or ``yes: x`` as a number or a boolean."""
    if isinstance(value, dict):
        return {k if isinstance(k, str) else str(k): _keys_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_keys_as_text(v) for v in value]
    return value


def _dates(data: dict[str, Any]) -> list[tuple[list[str | int], str]]:
    """Every date in a schema-valid curation: (its path in the file, the value)."""
    found: list[tuple[list[str | int], str]] = [
        (["date", doc_id], value) for doc_id, value in (data.get("date") or {}).items()
    ]
    for index, entry in enumerate(data.get("role") or []):
        if "as_of" in entry:
            found.append((["role", index, "as_of"], entry["as_of"]))
    return found


def _explain(error: ValidationError) -> str:
    """The schema's complaint, said for the analyst: the operations there are, the date format."""
    if error.validator == "additionalProperties" and not error.absolute_path:
        allowed = ", ".join(OPERATIONS)
        return f"{error.message}; the operations are: {allowed}"
    if error.validator == "pattern":
        return f"{error.instance!r} is not a date written YYYY-MM-DD"
    return error.message


def _unexpected_key(error: ValidationError) -> str | None:
    """The first key that a mapping may not have, so the error points at its line."""
    if error.validator != "additionalProperties" or not isinstance(error.instance, dict):
        return None
    allowed = error.schema.get("properties", {}) if isinstance(error.schema, Mapping) else {}
    return next((str(key) for key in error.instance if key not in allowed), None)


def _line_of(node: yaml.Node | None, path: list[str | int], key: str | None = None) -> int:
    """1-based line of the YAML node at ``path`` (the deepest one that exists), or of its ``key``."""
    for step in path:
        found: yaml.Node | None
        if isinstance(node, yaml.MappingNode):
            found = next((value for name, value in node.value if name.value == str(step)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            found = node.value[step]
        else:
            found = None
        if found is None:
            break
        node = found
    if key is not None and isinstance(node, yaml.MappingNode):
        node = next((k for k, _ in node.value if k.value == key), node)
    return (node.start_mark.line + 1) if node is not None else 1


def curated_documents(documents: Sequence[Document], curation: dict[str, Any]) -> tuple[Document, ...]:
    """Documents with the analyst's article dates (``date_source: override``)."""
    dates = curation.get("date") or {}
    known = {d.id for d in documents}
    for doc_id in dates:
        if doc_id not in known:
            log.warning("curation: no article %r to date", doc_id)
    return tuple(
        replace(d, date=dates[d.id], date_source="override", date_evidence="set in curation.yaml")
        if d.id in dates
        else d
        for d in documents
    )


class _Actors:
    """Actors by folded name, alias and id, kept current as operations change them."""

    def __init__(self, actors: Sequence[Actor]) -> None:
        self.actors = {a.id: a for a in actors}
        self.merged: dict[str, str] = {}  # id of a merged actor -> id it was merged into

    def merge_id(self, old: str, new: str) -> None:
        """Record that ``old`` is now ``new``, and so is every id merged into ``old`` before."""
        for key, value in list(self.merged.items()):
            if value == old:
                self.merged[key] = new
        self.merged[old] = new

    def find(self, name: str, operation: str) -> Actor | None:
        """The actor of that name, alias or id; None, with a warning naming ``operation``, if none."""
        key = fold_without_article(name)
        for actor in self.actors.values():
            names = {fold_without_article(n) for n in (actor.name, *actor.aliases)}
            if key == actor.id or key in names:
                return actor
        log.warning("curation: %s: no actor named %r", operation, name)
        return None

    def update(self, actor: Actor, fact: str, **changes: Any) -> None:
        """The actor with ``changes``, and ``fact`` among what curation set on it."""
        curated = actor.curated if fact in actor.curated else (*actor.curated, fact)
        self.actors[actor.id] = replace(actor, curated=curated, **changes)


def apply_curation(dossier: Dossier, curation: dict[str, Any]) -> Dossier:
    """The dossier with the analyst's corrections applied."""
    if not curation:
        return dossier
    actors = _Actors(dossier.actors)
    # Merges first: the later operations then find a merged actor by any of its names.
    _merge(actors, curation.get("merge") or [])
    _add_aliases(actors, curation.get("alias") or {})
    _suppress(actors, curation.get("suppress") or [])
    _set_kinds(actors, curation.get("kind") or {})
    _set_countries(actors, curation.get("country") or {})
    _add_roles(actors, curation.get("role") or [])

    kept_ids = set(actors.actors)

    def current(ids: tuple[str, ...]) -> tuple[str, ...]:
        renamed = (actors.merged.get(i, i) for i in ids)
        return tuple(dict.fromkeys(i for i in renamed if i in kept_ids))

    events = tuple(replace(e, actors=current(e.actors), places=current(e.places)) for e in dossier.events)
    final = tuple(
        replace(a, related=_related(a, actors.merged, kept_ids))
        for a in sorted(actors.actors.values(), key=lambda a: a.id)
    )
    documents = curated_documents(dossier.documents, curation) if curation.get("date") else dossier.documents
    return replace(dossier, actors=final, events=events, documents=documents, curated=True)


def _merge(actors: _Actors, merges: list[list[str]]) -> None:
    """Each list of names one actor, the first's: the others' names, mentions, roles and quotes join it."""
    for names in merges:
        kept = actors.find(names[0], "merge")
        for name in names[1:]:
            other = actors.find(name, "merge")
            if kept is None or other is None or other.id == kept.id:
                continue
            kept = actors.actors[kept.id]
            del actors.actors[other.id]
            aliases = {*kept.aliases, other.name, *other.aliases} - {kept.name}
            mentions = sorted({*kept.mentions, *other.mentions}, key=lambda m: (m.span.doc, m.span.start))
            actors.update(
                kept,
                "merge",
                aliases=tuple(sorted(aliases, key=alias_order)),
                mentions=tuple(mentions),
                roles=kept.roles + other.roles,
                quotes=kept.quotes + other.quotes,
                country=kept.country or other.country,
            )
            actors.merge_id(other.id, kept.id)


def _add_aliases(actors: _Actors, aliases_of: dict[str, list[str]]) -> None:
    """Extra names that find an actor."""
    for name, aliases in aliases_of.items():
        actor = actors.find(name, "alias")
        if actor:
            merged = tuple(sorted({*actor.aliases, *aliases} - {actor.name}, key=alias_order))
            actors.update(actor, "aliases", aliases=merged)


def _suppress(actors: _Actors, names: list[str]) -> None:
    """Names that are not actors, dropped."""
    for name in names:
        actor = actors.find(name, "suppress")
        if actor:
            del actors.actors[actor.id]


def _set_kinds(actors: _Actors, kinds: dict[str, str]) -> None:
    """An actor's kind; an organisation kind ("armed group", "police") makes it an organisation of it."""
    for name, kind in kinds.items():
        actor = actors.find(name, "kind")
        if actor:
            if kind in ORGANISATION_KINDS:
                actors.update(actor, "kind", kind="organisation", subkind=kind)
            else:
                actors.update(
                    actor, "kind", kind=kind, subkind=actor.subkind if kind == "organisation" else None
                )


def _set_countries(actors: _Actors, countries: dict[str, str]) -> None:
    """An actor's country."""
    for name, country in countries.items():
        actor = actors.find(name, "country")
        if actor:
            actors.update(actor, "country", country=country)


def _add_roles(actors: _Actors, entries: list[dict[str, str]]) -> None:
    """Roles the text does not state, cited to the curation file."""
    for entry in entries:
        actor = actors.find(entry["actor"], "role")
        if actor:
            role = Role(
                title=entry["title"],
                source=Span("curation.yaml", 0, 0, f"{entry['actor']}: {entry['title']}"),
                organisation=entry.get("organisation"),
                as_of=entry.get("as_of"),
                curated=True,
            )
            actors.update(actor, "roles", roles=(*actor.roles, role))


def _related(actor: Actor, merged: dict[str, str], kept: set[str]) -> tuple[tuple[str, int], ...]:
    """Co-mentioned actors with merged ids renamed and suppressed ones dropped."""
    counts: dict[str, int] = {}
    for other, n in actor.related:
        other = merged.get(other, other)
        if other in kept and other != actor.id:
            counts[other] = counts.get(other, 0) + n
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
