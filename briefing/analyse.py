"""Stage 3: per-article analysis, a pure function of the cleaned article and the configuration.

No I/O, no globals that change, deterministic: that is what lets results be cached by content
hash and computed in parallel.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from briefing.claims import extract_claims
from briefing.config import Config
from briefing.dating import anchors_for, decide_publication_date
from briefing.events import extract_events
from briefing.genre import CALL_TO_ACTION, classify_genre
from briefing.lexicon import QUOTED, lexicon_for
from briefing.models import ArticleAnalysis, CleanDocument, Sentence, Span, ThemeMatch
from briefing.phrases import key_phrases
from briefing.quotes import extract_quotes
from briefing.text import split_sentences, word_count

NUMBER = re.compile(r"\b\d[\d,.]*\b|\b(?:hundreds|thousands|millions|billions|dozens|two|three|four|five|six|seven|"
                    r"eight|nine|ten|eleven|twelve|twenty|fifty|hundred|thousand|million|billion)\b", re.IGNORECASE)
DATE_WORD = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
                       r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|(?:19|20)\d\d)\b")
REPORTING = re.compile(r"\b(?:said|says|told|reported|according to|announced|acknowledged|confirmed|claimed|stated|"
                       r"declared|alleged|added|estimated|killed|signed|agreed|launched|carried out)\b", re.IGNORECASE)
FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]urs?|[Mm]y|[Mm]e|us|I)\b")  # "US" is a country, "us" a pronoun
BACK_REFERENCE = re.compile(r"^(?:This|These|That|Those|It|They|He|She|Such|But|And|Yet|So|Still|Moreover|However|"
                            r"Meanwhile|Also|Instead|Thus|Hence|Even|Then|Not only|All the more)\b")
PRONOUN_SUBJECT = re.compile(r"\b(?:he|she|they|it)\s+(?:\w+\s+)?(?:said|says|told|added|stated|noted|was|is|were|"
                             r"are|has|had|will|would)\b", re.IGNORECASE)
PROPER_NOUN = re.compile(r"(?<=\s)[A-Z][a-zA-Z'’-]+")
MIN_EXCERPT_WORDS, MAX_EXCERPT_WORDS = 10, 70


def analyse(clean: CleanDocument, config: Config) -> ArticleAnalysis:
    """Date, genre, themes, key phrases, quotations and excerpt candidates of one article."""
    text = clean.text
    lexicon = lexicon_for(config)
    body_paragraphs = tuple(p for i, p in enumerate(clean.paragraphs) if i not in clean.headings)
    spans = split_sentences(text, body_paragraphs)

    theme_patterns = [(theme.id, theme.pattern) for theme in config.themes]
    sentence_themes = {span: tuple(tid for tid, pattern in theme_patterns if pattern.search(text[span.start:span.end]))
                       for span in spans}
    themes = []
    for theme in config.themes:
        matches = [m.group(0) for m in theme.pattern.finditer(text)]
        if len(matches) >= theme.min_hits:
            common = Counter(m.lower() for m in matches).most_common(5)
            themes.append(ThemeMatch(theme.id, len(matches), tuple(term for term, _ in common)))

    loaded_own_voice = lexicon.find_outside_quotes(text)
    sentence_texts = [text[s.start:s.end] for s in spans]
    genre = classify_genre(clean.document, text, sentence_texts, loaded_own_voice)
    anchors = anchors_for(config)
    publication_date = decide_publication_date(clean, anchors, horizon=config.coverage.to)
    quotes, terms = extract_quotes(clean, sentence_themes)
    phrases = key_phrases("\n\n".join(text[p.start:p.end] for p in body_paragraphs), config.yake, config.language,
                          excluded=lexicon.pattern)

    sentences = tuple(_describe_sentence(text, span, sentence_themes[span], lexicon) for span in spans)
    events = extract_events(sentences, text, publication_date, anchors, config)
    claims = extract_claims(sentences, config)
    sentences = _with_roles(sentences, quotes, claims, lexicon)
    return ArticleAnalysis(
        article_id=clean.document.id, publication_date=publication_date, genre=genre, themes=tuple(themes),
        key_phrases=phrases, quotes=tuple(quotes), terms=tuple(terms), sentences=sentences, events=events,
        claims=claims,
        loaded_terms=tuple(sorted(loaded_own_voice.items(), key=lambda kv: (-kv[1], kv[0]))))


def _describe_sentence(text: str, span: Span, themes: tuple[str, ...], lexicon) -> Sentence:
    sentence = text[span.start:span.end].strip()
    words = word_count(sentence)
    excluded: list[str] = []
    loaded = lexicon.find(sentence)
    if loaded:
        excluded.append("loaded language: " + ", ".join(f"“{t}”" for t in sorted(loaded)))
    unquoted = QUOTED.sub(" ", sentence)
    if QUOTED.search(sentence) or '"' in sentence or "“" in sentence:
        excluded.append("contains quoted words (shown as quotations or terms instead)")
    if FIRST_PERSON.search(unquoted):
        excluded.append("first person")
    if CALL_TO_ACTION.search(unquoted):
        excluded.append("prescriptive")
    if sentence.endswith("?"):
        excluded.append("question")
    if sentence[:1].islower():
        excluded.append("starts mid-sentence")
    if BACK_REFERENCE.match(sentence) or PRONOUN_SUBJECT.search(" ".join(unquoted.split()[:12])):
        excluded.append("depends on the previous sentence")
    if words < MIN_EXCERPT_WORDS:
        excluded.append("too short to stand alone")
    if words > MAX_EXCERPT_WORDS:
        excluded.append("too long for an excerpt")
    information = (min(2, len(NUMBER.findall(sentence))) + min(1, len(DATE_WORD.findall(sentence)))
                   + min(1, len(REPORTING.findall(sentence))) + 0.25 * min(6, len(PROPER_NOUN.findall(sentence)))
                   + 0.5 * len(themes))
    return Sentence(span, sentence, themes, round(information, 2), tuple(excluded))


# A claimant speaking: "X said", "according to X", "X acknowledged" (not actions such as "carried out").
ATTRIBUTION = re.compile(r"\b(?:said|says|told|reported|according to|announced|acknowledged|confirmed|claimed|"
                         r"claiming|stated|declared|alleged|alleging|added|insisted|warned|denied|accused)\b")


def _with_roles(sentences: tuple[Sentence, ...], quotes, claims, lexicon) -> tuple[Sentence, ...]:
    """Label each sentence: evaluation, quotation, attributed claim, reported fact or context.

    Evaluation wins when the sentence's own words (outside quotation marks) are loaded, first-person,
    prescriptive or a question: that is the writer speaking. A quotation or claim is somebody else
    speaking; a reported fact carries numbers, dates or named actors; the rest is context.
    """
    quote_starts = [q.char_start for q in quotes]
    claim_starts = {c.char_start for c in claims}
    labelled = []
    for sentence in sentences:
        own_voice = QUOTED.sub(" ", sentence.text)
        loaded = sorted(lexicon.find(own_voice))
        evidence = [f"loaded language: {', '.join(loaded)}"] if loaded else []
        evidence += [reason for reason in sentence.excluded_because
                     if reason in ("first person", "prescriptive", "question")]
        if evidence:
            role = "evaluation"
        elif any(sentence.span.start <= start < sentence.span.end for start in quote_starts):
            role, evidence = "quotation", ["contains an attributed quotation"]
        elif sentence.span.start in claim_starts or ATTRIBUTION.search(sentence.text):
            role, evidence = "attributed claim", ["a claimant and a reporting verb"]
        elif NUMBER.search(sentence.text) or DATE_WORD.search(sentence.text) or \
                len(PROPER_NOUN.findall(sentence.text)) >= 2:
            role, evidence = "reported fact", ["numbers, dates or named actors, in neutral wording"]
        else:
            role, evidence = "context", []
        labelled.append(replace(sentence, role=role, role_evidence=tuple(evidence)))
    return tuple(labelled)
