"""Small text utilities shared by the analysis stages: sentence spans and word counts."""

from __future__ import annotations

import re

from briefing.models import Span

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov", "sen", "rep", "st",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "etc", "inc",
    "ltd", "co", "corp", "jr", "sr", "u.s", "u.k", "u.n", "e.g", "i.e", "approx", "fig", "ft", "mt", "pres", "rev",
}
SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")
WORD = re.compile(r"[\w’'-]+")


def split_sentences(text: str, paragraphs: tuple[Span, ...] | None = None) -> list[Span]:
    """Sentence spans into ``text``; a sentence never crosses a paragraph boundary."""
    blocks = paragraphs or (Span(0, len(text)),)
    spans: list[Span] = []
    for block in blocks:
        start = block.start
        segment = text[block.start:block.end]
        for match in SENTENCE_END.finditer(segment):
            end = block.start + match.end()
            if _is_abbreviation(text, block.start + match.start()):
                continue
            if _inside_open_quote(text[start:end]):
                continue
            spans.append(Span(start, end))
            start = _skip_space(text, end, block.end)
        if start < block.end and text[start:block.end].strip():
            spans.append(Span(start, block.end))
    return spans


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    match = re.search(r"([\w.]+)$", text[max(0, dot - 12):dot])
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _inside_open_quote(sentence: str) -> bool:
    """True while a curly quotation opened in this sentence has not closed: quotes span sentences."""
    return sentence.count("“") > sentence.count("”")


def _skip_space(text: str, index: int, limit: int) -> int:
    while index < limit and text[index].isspace():
        index += 1
    return index


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def shorten(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, with an ellipsis where it was cut (for evidence and tables)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
