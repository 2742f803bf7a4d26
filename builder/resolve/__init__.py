"""Across articles: one actor per entity, one event per happening, curation.

``dossier.resolve_dossier`` assembles the ``Dossier``: actors (``actors``, with
the country evidence ``countries`` weighs), the chronology (``chronology``) and
the figures; ``curation`` applies the analyst's corrections to it.
"""
