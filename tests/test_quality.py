"""The extraction's standing on the seed corpus, scored by the shared scorer.

Floors are what the code reaches today; raise them as it improves, never lower them.
"""

from pathlib import Path

import pytest

from tests.scoring import score_corpus

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "gold" / "seeds.yaml"

# metric: (floor for ratios / ceiling for counts)
FLOORS = {
    "people_recall": 1.0,
    "people_precision": 1.0,
    "roles": 1.0,
    "people_country": 1.0,
    "orgs_recall": 1.0,
    "places_recall": 1.0,
    "doc_dates": 1.0,
    "events_recall": 1.0,
    "figures_recall": 1.0,
    "figures_qualifier": 1.0,
}
CEILINGS = {"undated_confident": 0, "people_splits": 0, "noise": 0, "orgs_splits": 0}


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    return score_corpus(ROOT / "seeds", GOLD, tmp_path_factory.mktemp("score"))


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_metric_at_least_floor(scored, metric):
    scores, misses = scored
    assert scores[metric] >= FLOORS[metric], f"{metric} fell to {scores[metric]:.2f}; misses: {misses}"


@pytest.mark.parametrize("metric", sorted(CEILINGS))
def test_count_at_most_ceiling(scored, metric):
    scores, misses = scored
    assert scores[metric] <= CEILINGS[metric], f"{metric} rose to {scores[metric]}; misses: {misses}"
