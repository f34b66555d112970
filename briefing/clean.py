"""Stage 2: strip boilerplate and markup, rejoin broken lines, collapse duplicated paragraphs.

Everything removed is recorded with its reason. Later stages read only ``CleanDocument.text``, so
nothing that was removed can reach key phrases, quotations or excerpts.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from briefing.config import Config, load_data
from briefing.models import CleanDocument, Document, Removal, Span

TERMINAL = tuple('.!?:;"”’)…')
SCRIPT_BLOCK = re.compile(r"<(script|style|iframe|object|embed)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
HTML_TAG = re.compile(r"</?[a-zA-Z][\w:-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.DOTALL)
MD_LINK = re.compile(r"\[([^\]\n]{1,200})\]\((?:[^)\s]{1,500})\)")
MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$])")


@dataclass(frozen=True)
class Rule:
    reason: str
    pattern: re.Pattern[str]


@lru_cache(maxsize=8)
def _rules(extra: tuple[tuple[str, str], ...]) -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
    data = load_data("boilerplate.yaml")
    paragraph_rules = [Rule(group["reason"], re.compile(p)) for group in data["paragraph_rules"]
                       for p in group["patterns"]]
    paragraph_rules += [Rule(reason, re.compile(pattern)) for pattern, reason in extra]
    list_rules = [Rule(group["reason"], re.compile(p)) for group in data["list_headings"] for p in group["patterns"]]
    return tuple(paragraph_rules), tuple(list_rules)


def clean(document: Document, config: Config) -> CleanDocument:
    """Return the article's cleaned text, its paragraphs and headings, and what was removed."""
    extra = tuple((item["pattern"], item["reason"]) for item in config.cleaning.extra_patterns)
    paragraph_rules, list_rules = _rules(extra)
    removed: list[Removal] = []

    text = _strip_markup(document.body, removed)
    lines = [_strip_markdown(line).strip() for line in text.split("\n")]
    paragraphs = _join_broken_lines([line for line in lines if line])

    kept: list[str] = []
    seen: set[str] = set()
    in_link_list: str | None = None
    header_lines = {r.text.lstrip("#").strip() for r in document.header_removed}
    for paragraph in paragraphs:
        if in_link_list and _is_link_title(paragraph):
            removed.append(Removal(paragraph, in_link_list))
            continue
        in_link_list = None
        if rule := next((r for r in list_rules if r.pattern.search(paragraph)), None):
            in_link_list = rule.reason
            removed.append(Removal(paragraph, rule.reason))
            continue
        if rule := next((r for r in paragraph_rules if r.pattern.search(paragraph)), None):
            removed.append(Removal(paragraph, rule.reason))
            continue
        if paragraph in header_lines:
            removed.append(Removal(paragraph, "repeat of a header line"))
            continue
        key = re.sub(r"\W+", " ", paragraph.lower()).strip()
        if key in seen and (len(key.split()) >= 4 or _is_heading(paragraph)):
            removed.append(Removal(paragraph, "duplicate paragraph"))
            continue
        seen.add(key)
        kept.append(paragraph)

    # A heading left at the very end has lost the text it introduced.
    while kept and _is_heading(kept[-1]):
        removed.append(Removal(kept.pop(), "trailing heading with no text"))

    cleaned = ""
    spans: list[Span] = []
    headings: set[int] = set()
    for index, paragraph in enumerate(kept):
        if cleaned:
            cleaned += "\n\n"
        spans.append(Span(len(cleaned), len(cleaned) + len(paragraph)))
        cleaned += paragraph
        if _is_heading(paragraph):
            headings.add(index)
    return CleanDocument(document=document, text=cleaned, paragraphs=tuple(spans), headings=frozenset(headings),
                         removed=tuple(document.header_removed) + tuple(removed))


def _strip_markup(text: str, removed: list[Removal]) -> str:
    """Remove scripts and HTML tags (recorded), then decode entities: article markup is never rendered."""
    for match in SCRIPT_BLOCK.finditer(text):
        removed.append(Removal(match.group(0)[:300], "script or embedded code"))
    text = SCRIPT_BLOCK.sub(" ", text)
    for match in HTML_TAG.finditer(text):
        removed.append(Removal(match.group(0)[:300], "HTML markup"))
    text = HTML_TAG.sub(" ", text)
    return html.unescape(text)


def _strip_markdown(line: str) -> str:
    line = re.sub(r"^\s{0,3}#{1,6}\s+", "", line)
    line = re.sub(r"^\s{0,3}>\s?", "", line)
    line = MD_LINK.sub(r"\1", line)
    line = MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", line)
    line = MD_ESCAPE.sub(r"\1", line)
    return re.sub(r"[ ]{2,}", " ", line)


def _join_broken_lines(lines: list[str]) -> list[str]:
    """Scraped text breaks paragraphs mid-sentence ("...there is no denying that the" / "Islamist forces...")."""
    joined: list[str] = []
    for line in lines:
        if joined and _ends_mid_sentence(joined[-1]) and _continues(line, joined[-1]):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _ends_mid_sentence(paragraph: str) -> bool:
    # A closing quotation mark ends a sentence only with punctuation before it: '…such "adjustments"'.
    core = paragraph.rstrip().rstrip("\"”’')]")
    return len(paragraph.split()) >= 3 and not core.endswith(TERMINAL)


FUNCTION_WORDS = {"the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by", "with", "from",
                  "that", "as", "its", "their", "his", "her", "our", "is", "are", "was", "were", "be", "been", "this"}


def _continues(line: str, previous: str) -> bool:
    """Whether ``line`` carries on the sentence ``previous`` broke off (not a new line of a list)."""
    last_word = previous.rstrip().rsplit(" ", 1)[-1].lower()
    return line[:1].islower() or last_word in FUNCTION_WORDS


def _is_heading(paragraph: str) -> bool:
    """A short line without closing punctuation: a section heading, not a sentence."""
    words = paragraph.split()
    if not words or len(words) > 12 or len(paragraph) > 90:
        return False
    quoted = paragraph[0] in "'‘\"“" and paragraph[-1] in "'’\"”"
    return (quoted or not paragraph.endswith(TERMINAL)) and not paragraph[0].islower()


def _is_link_title(paragraph: str) -> bool:
    """A line in a list of links: short, no sentence ending, or a UI remnant."""
    return len(paragraph) <= 160 and (not paragraph.endswith((".", "!", "?")) or len(paragraph.split()) <= 20)
