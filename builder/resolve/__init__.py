"""Across articles: one actor per entity, one event per happening, curation."""
