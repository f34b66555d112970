"""Cache of per-article analysis, keyed by content, analysis-relevant configuration and tool version.

Analysis is a pure function of the cleaned article and the configuration, so a result can be reused
whenever the same file is analysed again with the same settings by the same version: a weekly rerun
re-analyses only new or changed articles. Entries are pickles written atomically; a corrupt or
unreadable entry is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import shutil
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from briefing import __version__
from briefing.models import ArticleAnalysis, CleanDocument
from briefing.render import write_atomically

log = logging.getLogger(__name__)


@dataclass
class AnalysisCache:
    folder: Path
    fingerprint: str
    hits: int = 0
    misses: int = 0
    analysed: list[str] = field(default_factory=list)

    def key(self, clean: CleanDocument) -> str:
        material = "\0".join((__version__, code_digest(), self.fingerprint, clean.document.sha256,
                              clean.document.id, clean.document.file))
        return hashlib.sha256(material.encode("utf-8")).hexdigest()

    def get(self, clean: CleanDocument) -> ArticleAnalysis | None:
        path = self.folder / f"{self.key(clean)}.pickle"
        try:
            with path.open("rb") as stream:
                result = pickle.load(stream)
        except FileNotFoundError:
            self.misses += 1
            return None
        except Exception as err:  # a truncated or foreign file is only a miss
            log.warning("ignoring unreadable cache entry %s: %s", path.name, err)
            self.misses += 1
            return None
        if not isinstance(result, ArticleAnalysis):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, clean: CleanDocument, analysis: ArticleAnalysis) -> None:
        self.analysed.append(clean.document.id)
        try:
            write_atomically(self.folder / f"{self.key(clean)}.pickle", pickle.dumps(analysis, protocol=5))
        except OSError as err:
            log.warning("could not write the analysis cache in %s: %s", self.folder, err)


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the package's code and data: a changed analysis never reuses an old result."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted([*package.glob("*.py"), *(package / "data").glob("*.yaml")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def clear_cache(folder: Path) -> int:
    """Remove every cache entry; return how many there were."""
    if not folder.is_dir():
        return 0
    count = sum(1 for _ in folder.glob("*.pickle"))
    shutil.rmtree(folder)
    return count
