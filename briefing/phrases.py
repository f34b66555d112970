"""Key phrases with YAKE, deduplicated properly.

YAKE 0.7.3's own deduplication barely works (its default similarity returns 0 unless first and
last characters match), so we ask for several times the phrases we need and drop every phrase
whose words are a subset of a better one's, or that difflib finds too similar to one.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Iterable
from functools import lru_cache

import yake

from briefing.config import YakeSettings
from briefing.models import Phrase

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"[\w'’-]+")
_STOP = frozenset("""a an the of in on at to for and or but by with from that this these those as is are was were be
been it its their his her our we they he she you i not no so than then there here which who whom what when where why
how said says also more most very just only about into over after before under up down out new one two three""".split())


@lru_cache(maxsize=16)
def _extractor(language: str, max_ngram: int, window_size: int, top: int) -> yake.KeywordExtractor:
    # Every setting is passed by its 0.7 name: YAKE swallows unknown keyword arguments silently.
    return yake.KeywordExtractor(lan=language, n=max_ngram, dedup_lim=0.9, dedup_func="seqm",
                                 window_size=window_size, top=top)


def key_phrases(text: str, settings: YakeSettings, language: str = "en",
                excluded: re.Pattern[str] | None = None) -> tuple[Phrase, ...]:
    """The article's best ``settings.per_article`` phrases, best (lowest YAKE score) first.

    Phrases matching ``excluded`` (loaded language) are dropped: a key phrase is shown in the
    briefing's own lists, so it must not carry a source's evaluative words.
    """
    if not text.strip():
        return ()
    extractor = _extractor(language.split("-")[0], settings.max_ngram, settings.window_size, settings.candidates)
    try:
        raw = extractor.extract_keywords(text)
    except Exception as err:  # YAKE raises on odd input (e.g. text of only punctuation)
        log.warning("YAKE failed on a text of %d characters: %s", len(text), err)
        return ()
    candidates = [Phrase(phrase.strip(), float(score)) for phrase, score in raw
                  if _usable(phrase) and not (excluded and excluded.search(phrase))]
    return tuple(deduplicate(candidates, settings.similarity, limit=settings.per_article))


def _usable(phrase: str) -> bool:
    words = _TOKEN.findall(phrase.lower())
    if not words or all(w in _STOP or w.isdigit() for w in words):
        return False
    if words[0] in _STOP or words[-1] in _STOP:
        return False
    if len(words) == 1 and not phrase[:1].isupper():
        return False  # a lone common noun ("attack", "group") says nothing about the article
    return any(len(w) > 2 for w in words)


@lru_cache(maxsize=65536)
def normalise(phrase: str) -> tuple[str, ...]:
    """Words of a phrase for comparison: lower case, simple plural and possessive endings dropped."""
    words = []
    for word in _TOKEN.findall(phrase.lower()):
        word = re.sub(r"['’]s$", "", word)
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.append(word)
    return tuple(words)


def is_variant(phrase: str, better: str, similarity: float) -> bool:
    """Whether ``phrase`` adds nothing to ``better``: its words are a subset, or it is nearly the same."""
    words, better_words = set(normalise(phrase)), set(normalise(better))
    if words <= better_words or better_words <= words:
        return True
    shared = words & better_words
    if len(shared) >= 2 and len(shared) >= 2 * min(len(words), len(better_words)) / 3:
        return True  # "post-settlement Islamic Afghan" beside "Islamic Afghan government"
    matcher = difflib.SequenceMatcher(None, " ".join(normalise(phrase)), " ".join(normalise(better)))
    # The quick ratios are upper bounds of ratio(): most pairs are rejected without the full comparison.
    return matcher.real_quick_ratio() >= similarity and matcher.quick_ratio() >= similarity \
        and matcher.ratio() >= similarity


def deduplicate(phrases: Iterable[Phrase], similarity: float, limit: int | None = None) -> list[Phrase]:
    """Keep phrases in order, dropping any that is a variant of one already kept (up to ``limit``)."""
    kept: list[Phrase] = []
    for phrase in phrases:
        if limit is not None and len(kept) >= limit:
            break
        if not any(is_variant(phrase.text, k.text, similarity) for k in kept):
            kept.append(phrase)
    return kept
