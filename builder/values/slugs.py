"""File-name slugs for generated pages: safe, short, stable and unique."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

from slugify import slugify

MAX_SLUG_LENGTH = 60


def slugify_name(name: str) -> str:
    """A URL- and file-safe ASCII slug for ``name``, never empty.

    Names that fold to nothing (only punctuation, or a script that does not
    transliterate) get a short hash so that two such names stay apart.
    """
    slug = slugify(name or "", max_length=MAX_SLUG_LENGTH, word_boundary=True, save_order=True)
    # python-slugify keeps only [a-z0-9-], so no dots or slashes survive; the
    # strip is a guard against a future change of its default pattern.
    slug = slug.replace("/", "-").replace(".", "-").strip("-")
    if not slug:
        digest = hashlib.sha1((name or "").encode("utf-8")).hexdigest()[:8]
        slug = f"x-{digest}"
    return slug


def unique_slugs(
    items: Iterable[tuple[str, str] | str], reserved: Iterable[str] = ("index",)
) -> dict[str, str]:
    """Map each key to a slug of its name, suffixing -2, -3 ... on collisions.

    Args:
        items: ``(key, name)`` pairs, or plain strings used as both.
        reserved: slugs that must not be handed out (``index`` would clash
            with a folder's index page).

    Returns:
        ``{key: slug}``. Suffixes are given in the order of (slug, name, key),
        so the result does not depend on the order of ``items``.
    """
    pairs = [(item, item) if isinstance(item, str) else (item[0], item[1]) for item in items]
    bases = {key: slugify_name(name) for key, name in pairs}
    taken = set(reserved)
    # A base that is itself free keeps its plain slug before any suffixed one
    # is handed out, so "a-2" the name never loses to "a" the duplicate.
    wanted = sorted(pairs, key=lambda pair: (bases[pair[0]], pair[1], pair[0]))
    result: dict[str, str] = {}
    first_claims: dict[str, str] = {}
    for key, _name in wanted:
        base = bases[key]
        if base not in taken and base not in first_claims:
            first_claims[base] = key
    taken.update(first_claims)
    for key, _name in wanted:
        base = bases[key]
        if first_claims.get(base) == key:
            result[key] = base
            continue
        counter = 2
        while True:
            stem = base[: MAX_SLUG_LENGTH - len(str(counter)) - 1].rstrip("-")
            candidate = f"{stem}-{counter}"
            if candidate not in taken:
                break
            counter += 1
        taken.add(candidate)
        result[key] = candidate
    return result


def content_ids(prefix: str, keys: Iterable[str], length: int = 10) -> list[str]:
    """Ids made from what each item is (``keys``, in order), not from its position in a list.

    An event or a figure keeps its id (and its page anchor) when articles are
    added before it, so links to it keep working and an incremental rebuild
    does not see every later item change. Equal keys get -2, -3 ... in order.
    """
    ids: list[str] = []
    seen: Counter[str] = Counter()
    for key in keys:
        base = f"{prefix}{hashlib.sha1(key.encode('utf-8', 'surrogatepass')).hexdigest()[:length]}"
        seen[base] += 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids
