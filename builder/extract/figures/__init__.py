"""Figures: numbers that count people or units, with qualifier, category, date and place.

A number becomes a figure when what it counts can be recovered from the
sentence and is a person, a force or a unit (``counted``):

* the noun it modifies ("1,200 military personnel", "six police officers");
* the noun after a partitive "of" ("hundreds of migrants", "two of the inmates");
* a participle used as a noun ("at least seven injured");
* the subject of "the number of X has been increased to 400";
* for a number standing alone ("about six were injured", "home to 1,043,460
  of the 5.4 million that have left"), the last counted noun of the sentence,
  or the last one of the sentence before.

The category comes from the predicate that governs the counted noun ("were
wounded", "detention of", "died", "escaped") and, failing that, from the
noun and its modifiers ("military officer", "police task force members");
a force keeps its own category unless it was killed, hurt or detained (``categories``).
Coordinated counts are split; a part of a total ("including five children")
is flagged ``part_of_total``; a range gives an ``at_least`` and an ``at_most``
figure; "hundreds" and "dozens" are ``vague`` with the scale as a floor (``numbers``).
The date is the one written in the sentence nearest the number, else the
article's; the place is the nearest place name, preferring the number's own
clause and its place phrases (``context``).

Years, dates, times, durations, distances, rates, percentages, money,
ordinals, tweet ids, list markers and numbers inside names are never figures
(``exclusions``). The word lists are in ``words``; ``counts`` puts it together.
"""

from builder.extract.figures.categories import category_of
from builder.extract.figures.counts import extract_figures
from builder.extract.figures.numbers import parse_number, qualifier_of

__all__ = ["category_of", "extract_figures", "parse_number", "qualifier_of"]
