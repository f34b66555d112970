"""Genre (news / analysis / opinion) with the evidence for it.

Declared genre wins. Otherwise explicit labels ("Opinion:" headlines, /opinion/ URLs), the
author speaking for a "we", calls to action, and the density of loaded vocabulary decide; each
clue is kept so that a reader can see why a source was labelled as it was.
"""

from __future__ import annotations

import re
from collections import Counter

from briefing.models import Document, Evidence, Genre
from briefing.text import shorten

LABEL_IN_TITLE = re.compile(r"^(?:opinion|op-ed|editorial|comment|column|commentary|viewpoint|analysis)\s*[:|–—-]",
                            re.IGNORECASE)
OPINION_URL = re.compile(r"/(?:opinion|opinions|op-ed|oped|editorials?|comment|columns?|blogs?)/", re.IGNORECASE)
FIRST_PERSON_STANCE = re.compile(
    r"\b(?:we|I)\s+(?:(?:strongly|firmly|unequivocally|also)\s+)?(?:believe|oppose|condemn|demand|support|reject|"
    r"call|urge|are against|stand|think|argue|must|should)\b|\bour (?:position|view|demand|call)\b",
    re.IGNORECASE)
CALL_TO_ACTION = re.compile(r"\b(?:must|should|ought to|needs? to|the urgent need|it is the task of|it is time)\b",
                            re.IGNORECASE)
LOADED_PER_1000_FOR_ANALYSIS = 4.0


def classify_genre(document: Document, text: str, sentences: list[str],
                   loaded_terms: Counter[str]) -> Genre:
    """Label the article and keep every clue that led to the label."""
    if document.declared_genre:
        return Genre(document.declared_genre, (Evidence("declared", document.declared_genre,
                                                        "stated in the file's metadata"),))
    if match := LABEL_IN_TITLE.match(document.title):
        label = "analysis" if match.group(0).lower().startswith("analysis") else "opinion"
        return Genre(label, (Evidence("headline label", document.title, f"the headline is labelled “{match.group(0)}”"),))
    if document.url and OPINION_URL.search(document.url):
        return Genre("opinion", (Evidence("url section", document.url, "the address is in an opinion section"),))

    evidence: list[Evidence] = []
    stance = [s for s in sentences if FIRST_PERSON_STANCE.search(_outside_quotes(s))]
    calls = [s for s in sentences if CALL_TO_ACTION.search(_outside_quotes(s))]
    words = max(1, len(text.split()))
    loaded_total = sum(loaded_terms.values())
    density = 1000 * loaded_total / words
    if stance:
        evidence.append(Evidence("first-person stance", shorten(stance[0], 140),
                                 f"{len(stance)} sentence(s) where the author speaks for themselves"))
    if calls:
        evidence.append(Evidence("call to action", shorten(calls[0], 140), f"{len(calls)} prescriptive sentence(s)"))
    if loaded_total:
        top = ", ".join(f"“{term}” ×{count}" for term, count in loaded_terms.most_common(5))
        evidence.append(Evidence("evaluative vocabulary", top,
                                 f"{loaded_total} loaded term(s), {density:.1f} per 1,000 words"))
    if len(stance) >= 2 or (stance and len(calls) >= 2):
        return Genre("opinion", tuple(evidence))
    if density >= LOADED_PER_1000_FOR_ANALYSIS or len(calls) >= 3:
        return Genre("analysis", tuple(evidence))
    evidence.insert(0, Evidence("reporting style", "", "no opinion label, first-person stance or dense evaluative "
                                                       "vocabulary"))
    return Genre("news", tuple(evidence))


def _outside_quotes(sentence: str) -> str:
    return re.sub(r"“[^”]*”|\"[^\"]*\"", " ", sentence)


