"""Quality floors on real articles (like trafilatura's evaluation gate): quality can't silently regress."""

from __future__ import annotations

from tests.conftest import CORPORA, needs_corpora


@needs_corpora
def test_dating_accuracy_floor_on_the_topic_corpus(config):
    from tests.eval_dates import evaluate, score

    scores = score(list(evaluate(CORPORA / "topic", config)))
    assert scores.articles == 260
    assert scores.coverage >= 0.30, scores
    assert scores.share(scores.within_31) >= 0.90, scores
    assert scores.share(scores.exact) >= 0.85, scores


def test_quotation_quality_floor():
    """On the annotated set (seeds always; corpus articles when ../shared is present)."""
    from tests.eval_quotes import evaluate

    scores = evaluate(part="articles")
    assert scores.articles >= 5 and scores.gold_quotes >= 30
    assert scores.precision >= 0.95, scores.errors
    assert scores.recall >= 0.90, scores.errors
    assert scores.speaker_accuracy >= 0.90, scores.errors


def test_benchmark_script_runs(capsys, monkeypatch):
    """The benchmark in the README must keep working (run on the seeds here, timed elsewhere)."""
    import sys

    from tests import bench
    from tests.conftest import SEEDS

    monkeypatch.setattr(sys, "argv", ["bench", "--corpus", str(SEEDS), "--rounds", "1"])
    bench.main()
    output = capsys.readouterr().out
    assert "ratio analysis / YAKE alone" in output and "5 articles" in output
