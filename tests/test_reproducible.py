"""Reproducible builds: the same corpus gives the same site, byte for byte.

With SOURCE_DATE_EPOCH set, `dossier build` of one corpus (the seeds and a
few invented articles) in two folders (cold cache each), and once more with
the cache warm, each in its own process with its own hash seed, must write
identical files: sorted outputs, no set order, no random ids in SVGs, no
timestamps, no local paths.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOSSIER = Path(sys.executable).parent / "dossier"

# Invented articles; the second carries markup, the third has no dateline.
ARTICLES = {
    "2023-09-01-harbour.txt": (
        " date 2023-09-01 Harbour Minister Lena Korvath said on Friday that more than 300 police "
        "officers were sent to Port Aldine after the strike.\n\n"
        '"We will keep the port open," Korvath told reporters. At least 12 people were detained.'
    ),
    "2023-09-03-market.md": (
        " date 2023-09-03 Traders in Port Aldine said <script>alert(1)</script> was painted on the "
        "market hall. The Aldine Traders Union called a meeting with Lena Korvath on Sunday.\n\n"
        "About 2,000 people marched to the hall, the union said. {{ config }}"
    ),
    "undated note.txt": (
        "The Aldine Traders Union and the Harbour Ministry agreed to talks. Around 40 families "
        "left the district of Vessel Row, aid workers in Port Aldine said."
    ),
}
EPOCH = "1767225600"  # 2026-01-01, after every dateline above


def build(folder: Path, site: Path, hash_seed: int) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": str(hash_seed)}
    command = [str(DOSSIER), "build", "--corpus", str(folder), "--site-dir", str(site), "--no-curation"]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def three_builds(tmp_path_factory):
    base = tmp_path_factory.mktemp("repro")
    folders = []
    for name in ("first", "second"):
        folder = base / name / "corpus"
        folder.mkdir(parents=True)
        for file_name, text in ARTICLES.items():
            (folder / file_name).write_text(text, encoding="utf-8")
        for seed in sorted((ROOT / "seeds").glob("*.txt")):
            shutil.copy(seed, folder / seed.name)
        folders.append(folder)
    build(folders[0], base / "site-1", hash_seed=1)  # cold cache
    build(folders[1], base / "site-2", hash_seed=2)  # cold cache, another folder
    build(folders[0], base / "site-3", hash_seed=3)  # warm cache
    return base, [tree(base / f"site-{n}") for n in (1, 2, 3)]


def test_two_builds_are_byte_identical(three_builds):
    _, (first, second, third) = three_builds
    assert sorted(first) == sorted(second) == sorted(third)
    for other in (second, third):
        differing = [path for path in first if first[path] != other[path]]
        assert differing == []


def test_the_build_holds_no_timestamp_or_local_path(three_builds):
    base, (first, _, _) = three_builds
    assert any(path.endswith(".svg") for path in first)
    for path, content in first.items():
        if path.endswith(".gz"):
            continue
        text = content.decode("utf-8", errors="replace")
        assert str(base) not in text, path
        assert "tmp" + "/pytest" not in text, path
    report = first["report/index.html"].decode("utf-8")
    assert "2026-01-01" in report  # the build date is SOURCE_DATE_EPOCH's


def test_svg_ids_are_stable_not_random(three_builds):
    _, (first, _, _) = three_builds
    chart = first["assets/charts/network.svg"].decode("utf-8")
    assert 'id="' in chart and "<dc:date>" not in chart
