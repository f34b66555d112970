"""The own-voice check: the briefing's own words never use the loaded-language lexicon.

Run on the final HTML. The briefing's own voice is every rendered word outside quotation marks,
outside excerpts and quotations (blockquote, .quote), outside labelled perspective excerpts and
outside text the sources supplied (.source-text: titles, speakers' roles as the source gives them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from briefing.lexicon import Lexicon

EXEMPT_CLASSES = {"quote", "source-text", "perspective", "excerpt"}
EXEMPT_TAGS = {"blockquote", "style", "script"}
VOID_TAGS = {"meta", "link", "br", "img", "hr", "input", "col", "area", "base", "wbr", "source"}
QUOTED_TEXT = re.compile(r"“[^”]*”|‘[^’]*’|\"[^\"]*\"")


@dataclass(frozen=True)
class Violation:
    term: str
    context: str

    def __str__(self) -> str:
        return f"“{self.term}” in “{self.context}”"


class _OwnVoiceText(HTMLParser):
    """Collect the text the briefing says in its own voice."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # for each open element: is it exempt?
        self.chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in VOID_TAGS:
            return
        classes = set((dict(attrs).get("class") or "").split())
        self.stack.append(tag in EXEMPT_TAGS or bool(classes & EXEMPT_CLASSES))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID_TAGS and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not any(self.stack):
            self.chunks.append(data)


def own_voice_text(html: str) -> str:
    parser = _OwnVoiceText()
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(parser.chunks).split())


def check_own_voice(html: str, lexicon: Lexicon) -> list[Violation]:
    """Every loaded term the briefing uses in its own voice, with the words around it."""
    text = QUOTED_TEXT.sub(" ", own_voice_text(html))
    violations = []
    for match in lexicon.pattern.finditer(text):
        start, end = max(0, match.start() - 50), min(len(text), match.end() + 50)
        violations.append(Violation(match.group(0), text[start:end].strip()))
    return violations
