"""Records that start inside a range of an article, found by bisection instead of a scan.

Per-sentence lookups ("the time expressions in this sentence") that scan every
record of the article are quadratic: harmless on a news story, hours on a
3 MB dump. ``StartIndex`` answers them in logarithmic time.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from typing import Generic, TypeVar

T = TypeVar("T")  # a record with a ``span`` (Mention, TimeExpression, ...)


class StartIndex(Generic[T]):
    """Records with a ``span``, looked up by where their span starts."""

    def __init__(self, items: Iterable[T]) -> None:
        self._ordered = sorted(enumerate(items), key=lambda pair: pair[1].span.start)
        self._starts = [item.span.start for _, item in self._ordered]

    def starting_in(self, start: int, end: int) -> list[T]:
        """The records whose span starts in ``[start, end)``, in their original order."""
        chosen = self._ordered[bisect_left(self._starts, start) : bisect_left(self._starts, end)]
        return [item for _, item in sorted(chosen, key=lambda pair: pair[0])]
