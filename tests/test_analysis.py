"""Stage 3 on the seeds: genre with evidence, themes, key phrases (YAKE, deduplicated), excerpt candidates."""

from __future__ import annotations

from briefing.config import YakeSettings
from briefing.phrases import deduplicate, is_variant, key_phrases
from briefing.models import Phrase


def test_genres_with_evidence(seed_articles):
    genres = {k: a.analysis.genre for k, a in seed_articles.items()}
    assert genres["000"].label == "opinion"
    assert genres["000"].evidence[0].kind == "headline label"
    assert genres["003"].label == "opinion"
    assert "first-person stance" in {e.kind for e in genres["003"].evidence}
    assert genres["002"].label == "news"
    assert genres["001"].label in ("analysis", "opinion")
    assert genres["004"].label in ("analysis", "opinion")
    for genre in genres.values():
        assert genre.evidence


def test_themes_assigned_with_terms(seed_articles):
    themes = {k: {t.theme_id for t in a.analysis.themes} for k, a in seed_articles.items()}
    assert "isis-k" in themes["000"] and "us-taliban" in themes["000"]
    assert "pakistan-afghanistan" in themes["003"] and "pakistan-afghanistan" in themes["004"]
    assert "us-pakistan" in themes["004"]
    assert "humanitarian" in themes["003"]
    for article in seed_articles.values():
        for match in article.analysis.themes:
            assert match.hits >= 1 and match.terms


def test_key_phrases_have_no_variants_of_better_ones(seed_articles):
    for article in seed_articles.values():
        phrases = [p.text for p in article.analysis.key_phrases]
        assert phrases, article.id
        for i, phrase in enumerate(phrases):
            for better in phrases[:i]:
                assert not is_variant(phrase, better, 0.8), (phrase, better)
        scores = [p.score for p in article.analysis.key_phrases]
        assert scores == sorted(scores)  # YAKE: lower is better, best first


def test_key_phrases_exclude_header_and_loaded_words(seed_articles):
    for article in seed_articles.values():
        for phrase in article.analysis.key_phrases:
            assert "Bill Van" not in phrase.text and "Jakob" not in phrase.text
            assert "imperialis" not in phrase.text.lower()


def test_deduplicate_drops_subsets_and_near_duplicates():
    phrases = [Phrase("Afghan Taliban", 0.1), Phrase("Taliban", 0.2), Phrase("Afghan Talibans", 0.3),
               Phrase("Kabul airport", 0.4), Phrase("airport", 0.5), Phrase("Durand Line", 0.6)]
    assert [p.text for p in deduplicate(phrases, 0.8)] == ["Afghan Taliban", "Kabul airport", "Durand Line"]


def test_yake_failure_or_empty_text_gives_no_phrases():
    assert key_phrases("", YakeSettings()) == ()
    assert key_phrases("!!! ??? ...", YakeSettings()) == ()


def test_excerpt_candidates_exclude_loaded_first_person_and_quotes(seed_articles):
    sentences = [s for a in seed_articles.values() for s in a.analysis.sentences]
    usable = [s for s in sentences if not s.excluded_because]
    assert usable
    for sentence in usable:
        lowered = sentence.text.lower()
        assert "imperialis" not in lowered and "puppet" not in lowered
        assert "“" not in sentence.text and '"' not in sentence.text
        assert " we " not in f" {lowered} "
    reasons = {r.split(":")[0] for s in sentences for r in s.excluded_because}
    assert {"loaded language", "first person", "prescriptive"} <= reasons


def test_analysis_is_deterministic(config, seed_articles):
    from briefing.analyse import analyse

    article = seed_articles["004"]
    assert analyse(article.clean, config) == article.analysis
