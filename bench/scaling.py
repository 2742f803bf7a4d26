"""Do the cross-article stages grow faster than the corpus? Timed without spaCy.

Builds synthetic per-article extractions (mentions of a cast that grows with
the corpus, events naming them, figures) for N articles and times
``resolve_dossier`` and ``render_site`` on them, so that a stage that compares
every pair of mentions or events shows up in seconds, not in a long benchmark.

    python bench/scaling.py [--sizes 100 1000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import COUNTRIES, GROUPS, ORGS, Cast  # noqa: E402
from builder.model import (  # noqa: E402
    ArticleExtraction,
    Document,
    EventCandidate,
    FigureCandidate,
    Mention,
    Paragraph,
    Span,
)


def synthetic_article(rng: random.Random, cast: Cast, number: int) -> tuple[Document, ArticleExtraction]:
    """An article as a sequence of sentences, each naming a few actors, with its extraction."""
    doc_id = f"a{number:05d}"
    country, _, cities = rng.choice(COUNTRIES)
    sentences, mentions, events, figures = [], [], [], []
    text = ""
    for _ in range(20):
        names = [(cast.pick(), "person"), (cast.pick().split()[-1], "person")]
        names += [(rng.choice(ORGS), "organisation"), (rng.choice(cities), "place"), (country, "place")]
        if rng.random() < 0.3:
            names.append((rng.choice(GROUPS), "armed group"))
        start = len(text)
        sentence = " and ".join(name for name, _ in names) + f" met on {rng.randint(1, 28)} May; 40 died. "
        text += sentence
        sentence_span = Span(doc_id, start, len(text), sentence)
        offset = start
        for name, label in names:
            span = Span(doc_id, offset, offset + len(name), name)
            mentions.append(Mention(span=span, label=label, sentence=sentence_span))
            offset += len(name) + len(" and ")
        sentences.append(sentence_span)
        day = f"2023-05-{rng.randint(1, 28):02d}"
        events.append(
            EventCandidate(day, "May", False, sentence[:60], sentence_span, tuple(n for n, _ in names))
        )
        figures.append(
            FigureCandidate(40, "exact", "killed", "people", day, names[3][0], Span(doc_id, 0, 2, text[:2]))
        )
    document = Document(
        id=doc_id,
        path=f"{doc_id}.txt",
        title=sentences[0].text[:60],
        text=text,
        date="2023-06-01",
        date_source="dateline",
        paragraphs=(Paragraph(0, 0, len(text)),),
    )
    extraction = ArticleExtraction(
        doc_id=doc_id, mentions=tuple(mentions), events=tuple(events), figures=tuple(figures)
    )
    return document, extraction


def time_stages(count: int) -> dict[str, float]:
    from builder.publish.pages import render_site
    from builder.resolve.dossier import resolve_dossier

    rng = random.Random(count)
    cast = Cast(rng, size=count * 2)
    pairs = [synthetic_article(rng, cast, number) for number in range(count)]
    documents = [document for document, _ in pairs]
    extractions = [extraction for _, extraction in pairs]
    times = {}
    start = time.perf_counter()
    dossier = resolve_dossier(documents, extractions, model_name="synthetic")
    times["resolve"] = time.perf_counter() - start
    start = time.perf_counter()
    try:
        render_site(dossier, ROOT / "templates")
        times["render"] = time.perf_counter() - start
    except Exception as error:  # noqa: BLE001 - pages being rewritten elsewhere
        print(f"render_site failed at N = {count}: {error}", file=sys.stderr)
        times["render"] = float("nan")
    times["actors"] = len(dossier.actors)
    times["events"] = len(dossier.events)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    args = parser.parse_args()
    # Fixed costs (gazetteers, templates) are paid once before timing.
    time_stages(5)
    results = {count: time_stages(count) for count in sorted(args.sizes)}
    small = min(results)
    print(
        f"{'N':>6} {'actors':>7} {'events':>7} {'resolve s':>10} {'ms/art':>7} {'render s':>9} {'ms/art':>7}"
    )
    for count, times in results.items():
        print(
            f"{count:>6} {times['actors']:>7.0f} {times['events']:>7.0f} {times['resolve']:>10.2f} "
            f"{1000 * times['resolve'] / count:>7.1f} {times['render']:>9.2f} "
            f"{1000 * times['render'] / count:>7.1f}"
        )
    for count, times in results.items():
        if count != small:
            for stage in ("resolve", "render"):
                growth = (times[stage] / count) / (results[small][stage] / small)
                print(f"{stage}: time per article at N = {count} is {growth:.2f} x that at N = {small}")


if __name__ == "__main__":
    main()
