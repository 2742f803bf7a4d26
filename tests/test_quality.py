"""The extraction's standing on the seed corpus, scored by the shared scorer.

Floors are what the code reaches today; raise them as it improves, never lower them.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from builder.export import write_json
from builder.pipeline import build_dossier

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
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
def scores(tmp_path_factory):
    if not SCORER.exists():
        pytest.skip("../shared/eval/score.py is not beside the checkout")
    output = tmp_path_factory.mktemp("score") / "dossier.json"
    write_json(build_dossier(ROOT / "seeds", use_curation=False), output)
    result = subprocess.run(
        [sys.executable, str(SCORER), "-q", str(output), str(GOLD)],
        capture_output=True,
        text=True,
        check=True,
    )
    line = result.stdout.strip().splitlines()[-1]
    assert line.startswith("score: ")
    return {k: float(v) for k, v in (item.split("=") for item in line[len("score: ") :].split())}


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_metric_at_least_floor(scores, metric):
    assert scores[metric] >= FLOORS[metric], f"{metric} fell to {scores[metric]}"


@pytest.mark.parametrize("metric", sorted(CEILINGS))
def test_count_at_most_ceiling(scores, metric):
    assert scores[metric] <= CEILINGS[metric], f"{metric} rose to {scores[metric]}"
