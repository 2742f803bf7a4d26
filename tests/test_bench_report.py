"""The bench's report: each bar of issue #19 checked on the rows it names, no other."""

from __future__ import annotations

from bench.run import report


def _row(kind: str, size: int, **figures) -> dict:
    return {"kind": kind, "size": size, "n": size or 132, "load_before": 1.0, "load_after": 1.0, **figures}


def test_each_bar_is_checked_on_the_rows_it_names():
    rows = [
        _row("synthetic", 100, throughput_ratio=0.95, one_changed_share=0.5, cold_per_article_ms=200.0),
        _row("synthetic", 500, throughput_ratio=0.5, one_changed_share=0.5, cold_per_article_ms=150.0),
        _row("synthetic", 1000, throughput_ratio=0.8, one_changed_share=0.04, cold_per_article_ms=120.0),
        _row("real", 0, cold_ratio=3.0, cold_ratio_with_load=2.5),
    ]
    bars = [line.strip() for line in report(rows)[report(rows).index("bars:") + 1 :]]
    assert bars == [
        "PASS  growth of the cold build's time per article, N = 100 to 1,000: 0.60 (bar <= 1.1)",
        "PASS  synthetic 100: extraction / raw nlp.pipe words per second: 0.95 (bar >= 0.9)",
        "MISS  synthetic 1000: extraction / raw nlp.pipe words per second: 0.80 (bar >= 0.9)",
        "MISS  real: cold build / raw nlp.pipe time: 3.00 (bar <= 1.5)",
        "PASS  synthetic 1000: warm rebuild, one article changed / cold build: 0.04 (bar <= 0.05)",
        "note  real: cold build / (model load + raw nlp.pipe), as issue #19 measured its baseline: 2.50",
    ]
