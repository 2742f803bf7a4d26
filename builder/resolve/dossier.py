"""The cross-article stage assembled: actors, their relations, the chronology and the figures.

``resolve_dossier`` turns every article's extraction into the ``Dossier``
that pages, charts and exports read: actors resolved across articles
(``actors``), events merged into a chronology (``chronology``), and each
figure candidate made a figure with an id that stays as the corpus grows, the reports of one count
by several articles merged into one figure with several sources (``figures``).
"""

from __future__ import annotations

import contextlib
import functools
import itertools
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from builder.collector import collector_paused
from builder.forked import ForkedCall, fork_is_safe
from builder.model import Actor, ArticleExtraction, Document, Dossier, Figure
from builder.resolve.actors import resolve_actors
from builder.resolve.chronology import Chronology, build_chronology
from builder.resolve.figures import resolve_figures
from builder.values.names import fold

# From this many figure candidates, the figures are resolved in a forked child while this
# process resolves the actors and the chronology, which they do not depend on. At 1,000
# synthetic articles (19,840 candidates) they take a second of the resolution's five, and
# their way back from the child (pickled, then read here) a fifth of a second; at the 132
# real articles (245 candidates), ten milliseconds, less than a fork.
FIGURES_BESIDE_FROM = 5000


def resolve_dossier(
    documents: Sequence[Document],
    extractions: Sequence[ArticleExtraction],
    model_name: str = "",
) -> Dossier:
    """Build the dossier from every article's extraction."""
    # Resolution allocates many small objects (keys, sets, records) and leaves hardly any
    # garbage in reference cycles: on a thousand articles, the collector's passes over the
    # whole corpus's extractions took a fifth of the stage.
    with collector_paused():
        return _assemble(documents, extractions, model_name)


def _assemble(
    documents: Sequence[Document], extractions: Sequence[ArticleExtraction], model_name: str
) -> Dossier:
    """The dossier's actors (with relations), events and figures."""
    figures = _FiguresBeside(extractions)
    try:
        actors, chronology = _actors_and_chronology(documents, extractions)
        return Dossier(
            documents=chronology.documents,
            actors=tuple(sorted(actors, key=lambda a: a.id)),
            events=chronology.events,
            figures=figures.result(),
            model_name=model_name,
        )
    finally:
        figures.cancel()


def _actors_and_chronology(
    documents: Sequence[Document], extractions: Sequence[ArticleExtraction]
) -> tuple[list[Actor], Chronology]:
    """The actors (with relations), and the chronology, which reads them."""
    actors, key_to_id = resolve_actors(documents, extractions)
    actors = _with_relations(actors)
    kinds = {a.id: a.kind for a in actors}
    # Each place's country, and which places are a country as a whole (a shared country says less
    # about where a happening was than a shared town).
    countries = {a.id: a.country for a in actors if a.kind == "place"}
    whole_countries = {
        a.id for a in actors if a.kind == "place" and a.country and fold(a.name) == fold(a.country)
    }

    # Events are merged across sources and undated articles handled in chronology.py.
    chronology = build_chronology(
        documents, extractions, lambda name: key_to_id.get(fold(name)), kinds, countries, whole_countries
    )
    return actors, chronology


class _FiguresBeside:
    """The corpus's figures, resolved in a forked child from the start where they are many
    (``FIGURES_BESIDE_FROM``) and this process may fork; else here, when asked for."""

    def __init__(self, extractions: Sequence[ArticleExtraction]) -> None:
        self._extractions = extractions
        self._child: ForkedCall[tuple[Figure, ...]] | None = None
        if sum(len(x.figures) for x in extractions) >= FIGURES_BESIDE_FROM and fork_is_safe():
            with contextlib.suppress(OSError):  # no process to be had: resolved here
                self._child = ForkedCall(functools.partial(resolve_figures, extractions))

    def result(self) -> tuple[Figure, ...]:
        if self._child is not None:
            try:
                return self._child.result()
            except Exception:  # noqa: BLE001 - resolved again here, which raises it with its traceback if it is the figures' own
                pass
        return resolve_figures(self._extractions)

    def cancel(self) -> None:
        if self._child is not None:
            self._child.cancel()


def _with_relations(actors: list[Actor]) -> list[Actor]:
    """Each actor's co-mentioned actors (same sentence), most shared sentences first."""
    by_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    for actor in actors:
        for mention in actor.mentions:
            by_sentence[(mention.sentence.doc, mention.sentence.start)].add(actor.id)
    # Every ordered pair of actors of a sentence counted in one pass.
    pairs = Counter(
        itertools.chain.from_iterable(
            itertools.permutations(ids, 2) for ids in by_sentence.values() if len(ids) > 1
        )
    )
    counts: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (a, b), n in pairs.items():
        counts[a].append((b, n))
    return [
        replace(a, related=tuple(sorted(counts.get(a.id, ()), key=lambda kv: (-kv[1], kv[0]))))
        for a in actors
    ]
