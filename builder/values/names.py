"""Comparison keys of names: one folding rule for every stage that matches names."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """Case-, accent- and space-insensitive key of a name."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace("’", "'").casefold().split())


@lru_cache(maxsize=1 << 16)
def fold_without_article(name: str) -> str:
    """``fold`` without a leading "the" ("The Hague" and "Hague" give one key)."""
    key = fold(name)
    return key[4:] if key.startswith("the ") else key
