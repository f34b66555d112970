"""The loaded-language lexicon: shipped terms grouped by kind, matched as whole words."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from typing import TYPE_CHECKING

from briefing.config import compile_terms, load_data

if TYPE_CHECKING:
    from briefing.config import Config

QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"|‘[^’]*’")


@dataclass(frozen=True)
class Lexicon:
    groups: dict[str, tuple[str, ...]]
    pattern: re.Pattern[str]

    def find(self, text: str) -> Counter[str]:
        """Loaded terms in ``text`` (lower-cased), with counts."""
        return Counter(match.group(0).lower() for match in self.pattern.finditer(text))

    def find_outside_quotes(self, text: str) -> Counter[str]:
        """Loaded terms the writer uses in their own voice, not inside quotation marks."""
        return self.find(QUOTED.sub(" ", text))



def lexicon_for(config: "Config") -> Lexicon:
    """The shipped lexicon, extended, trimmed or replaced by `neutrality` in config.yaml."""
    settings = config.neutrality
    return _lexicon(settings.model_dump_json())


@lru_cache(maxsize=8)
def _lexicon(settings_json: str) -> Lexicon:
    from briefing.config import Neutrality

    settings = Neutrality.model_validate_json(settings_json)
    groups: dict[str, list[str]] = {} if settings.replace_lexicon else \
        {group: list(terms) for group, terms in load_data("lexicon.yaml").items()}
    for group, terms in settings.lexicon.items():
        groups.setdefault(group, []).extend(terms)
    allowed = {term.lower() for term in settings.allow}
    cleaned = {group: tuple(t for t in terms if t.lower() not in allowed) for group, terms in groups.items()}
    cleaned = {group: terms for group, terms in cleaned.items() if terms}
    return Lexicon(cleaned, compile_terms([t for terms in cleaned.values() for t in terms]))
