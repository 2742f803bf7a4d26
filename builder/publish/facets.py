"""The tags of actor pages (kind and country) and their order in the tags index.

Both ends of one convention: the actor pages carry the tags (:func:`facet_tags`),
the tags plugin sorts them (:func:`facet_order`, named in mkdocs.yml as
``builder.publish.facets.facet_order``: a site's configuration holds that name,
so it stays put). MkDocs imports this module while it reads its configuration,
before any page is rendered: it imports nothing but the model.
"""

from __future__ import annotations

import re

from builder.model import Actor

_WHITESPACE = re.compile(r"\s+")
# Tag names reach the theme's templates, which do not escape: keep only
# letters, digits and plain punctuation.
_TAG_UNSAFE = re.compile(r"[^\w .,'()-]+")
_KIND_TAGS = {"person": "People", "organisation": "Organisations", "place": "Places"}


def facet_tags(actor: Actor) -> list[str]:
    """The facets an actor page is tagged with: its kind and, when known, its country."""
    tags = [_KIND_TAGS.get(actor.kind, actor.kind), actor.country or ""]
    cleaned = (_WHITESPACE.sub(" ", _TAG_UNSAFE.sub("", tag)).strip() for tag in tags)
    return list(dict.fromkeys(tag for tag in cleaned if tag))


def facet_order(tag: object, *_args) -> tuple[bool, str]:
    """Sort key of tags (mkdocs.yml, tags plugin): the kinds first, then countries A-Z."""
    name = str(getattr(tag, "name", tag))
    return (name not in _KIND_TAGS.values(), name.casefold())
