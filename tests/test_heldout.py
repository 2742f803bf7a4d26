"""Generality guard: the extraction scored on a held-out corpus it was never tuned on.

tests/heldout/corpus holds six invented news articles far from the seed corpus in
topic and region (floods, a coup, a ferry disaster, a wildfire, border migration, a
prison break); tests/heldout/gold.yaml was annotated by hand before the tool was run
on them. Floors are today's scores rounded down to 0.05 and ceilings today's counts:
raise them as the rules generalise better, never lower them to fit a change.
"""

from pathlib import Path

import pytest

from tests.scoring import score_corpus

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "heldout" / "corpus"
GOLD = HERE / "heldout" / "gold.yaml"

FLOORS = {
    "people_recall": 1.0,
    "people_precision": 1.0,
    "roles": 1.0,
    # Countries are read from evidence only since issue 14 (precision first): four people whose
    # country only the article's context implies (a farmer from a village the gazetteer does not
    # know, a ferry's captain, a fugitive, a junta's spokesman) are now blank, none is wrong.
    "people_country": 0.8,
    "orgs_recall": 1.0,
    "places_recall": 1.0,
    "doc_dates": 1.0,
    "events_recall": 1.0,
    "figures_recall": 1.0,
    "figures_qualifier": 1.0,
}
CEILINGS = {"people_splits": 0, "orgs_splits": 0, "noise": 0, "undated_confident": 0}


@pytest.fixture(scope="module")
def heldout(tmp_path_factory):
    return score_corpus(CORPUS, GOLD, tmp_path_factory.mktemp("heldout"))


def test_every_article_is_read(heldout):
    metrics, misses = heldout
    assert not [m for m in misses if m.startswith("document missing")]


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_metric_at_least_floor(heldout, metric):
    metrics, misses = heldout
    assert metrics[metric] >= FLOORS[metric], f"{metric} fell to {metrics[metric]:.2f}; misses: {misses}"


@pytest.mark.parametrize("metric", sorted(CEILINGS))
def test_count_at_most_ceiling(heldout, metric):
    metrics, misses = heldout
    assert metrics[metric] <= CEILINGS[metric], f"{metric} rose to {metrics[metric]}; misses: {misses}"
