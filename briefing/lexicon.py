"""The loaded-language lexicon: shipped terms grouped by kind, matched as whole words."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from briefing.config import compile_terms, load_data

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

    def group_of(self, term: str) -> str | None:
        lowered = term.lower()
        return next((g for g, terms in self.groups.items() if lowered in (t.lower() for t in terms)), None)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    data = load_data("lexicon.yaml")
    groups = {group: tuple(terms) for group, terms in data.items()}
    return Lexicon(groups, compile_terms([t for terms in groups.values() for t in terms]))
