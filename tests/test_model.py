"""The dossier model's literal types: they allow every value extraction writes."""

from __future__ import annotations

from builder.extract.figures import words as figures
from builder.model import FIGURE_CATEGORIES, QUALIFIERS


def test_every_category_of_the_figure_tables_is_a_figure_category():
    tables = (figures.NOUN_CATEGORY, figures.MODIFIER_CATEGORY, figures.EVENT_CATEGORY)
    given = {category for table in tables for category in table.values()}
    assert given | figures.FORCES | set(figures.EVENT_PRIORITY) <= set(FIGURE_CATEGORIES)


def test_every_qualifier_of_the_figure_patterns_is_a_qualifier():
    given = {qualifier for _, qualifier in (*figures.QUALIFIERS_BEFORE, *figures.QUALIFIERS_AFTER)}
    given |= set(figures.VERB_QUALIFIERS.values())
    assert given <= set(QUALIFIERS)
