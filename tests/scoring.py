"""Score an export of a corpus with the shared scorer (../shared/eval/score.py), in process."""

import importlib.util
import json
from pathlib import Path

import pytest
import yaml

from builder.pipeline import build_dossier
from builder.publish.export import write_json
from builder.settings import RunSettings

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def score_corpus(corpus: Path, gold: Path, workdir: Path) -> tuple[dict, list[str]]:
    """Metrics and misses of `dossier export --no-curation` of ``corpus`` against ``gold``."""
    if not SCORER.exists():
        pytest.skip("../shared/eval/score.py is not beside the checkout")
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    export = workdir / "dossier.json"
    write_json(build_dossier(corpus, RunSettings(use_curation=False, use_cache=False)), export)
    dossier = json.loads(export.read_text(encoding="utf-8"))
    return scorer.score(dossier, yaml.safe_load(gold.read_text(encoding="utf-8")))
