"""`make bench`, the check part: it runs end to end and reports what the README quotes.

Speeds themselves are never asserted here (the machine decides them); the bench's own report is.
"""
from __future__ import annotations

import json
from pathlib import Path

from jixiao import bench_check as B


def test_bench_check_writes_every_figure(tmp_path: Path, capsys):
    out = tmp_path / "bench.json"
    B.main([str(tmp_path / "no-shared"), "-n", "4", "--json", str(out)])
    printed = capsys.readouterr().out
    assert "ratio to jieba" in printed and "cold start" in printed
    fig = json.loads(out.read_text(encoding="utf-8"))["check"]
    for key in ("throughput", "throughput_short"):
        tp = fig[key]
        assert tp["reports"] == 4 and tp["chars"] > 0
        assert tp["check_chars_per_s"] > 0 and tp["jieba_chars_per_s"] > 0 and tp["ratio"] > 0
    assert fig["cold_start"]["median_s"] > 0
    assert fig["files"][0]["file"] == "sample_report.docx"


def test_bench_corpus_is_as_long_and_as_dense_as_real_reports():
    """The throughput corpus is the generator's default: whole reports, not the short ones, with
    about as many figures per character as real reports (a check's work grows with the figures)."""
    full = B.corpus_profile(B.generated_texts(30))
    short = B.corpus_profile(B.generated_texts(30, full=False))
    assert full["median_chars"] >= 3000 > short["median_chars"]
    assert 18 <= full["figures_per_1000_chars"] <= 30 < short["figures_per_1000_chars"]


def test_bench_clears_the_per_input_caches_between_passes():
    from jixiao.checks._conflicts import metric_key
    from jixiao.extract.relations import synonyms

    metric_key("项目支出")
    synonyms()
    B.clear_caches()
    assert metric_key.cache_info().currsize == 0
    assert synonyms.cache_info().currsize == 1  # loaded resources stay
