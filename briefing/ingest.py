"""Stage 1: read article files into Documents, with their header fields and the evidence for each.

Declared metadata (YAML front matter, or a leading block of `Key: value` lines) wins over
inference, because a person or a scraper that knew the facts wrote it. Without it the header is
inferred from the first lines: headline, byline, dateline, site-name line.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlparse

import yaml
from charset_normalizer import from_bytes

from briefing.models import Document, Evidence, HeaderDate, Removal, SkippedFile

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = {".txt", ".md"}
MAX_FILE_BYTES = 5_000_000
DECLARED_KEYS = {"title", "author", "outlet", "source", "url", "date", "genre"}

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
# A line that is nothing but a date: "23 July 2021", "Tuesday, Jan 27, 2026", "2026-03-03".
DATE_LINE = re.compile(
    rf"^(?:{_WEEKDAY},?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}})(?:[\sT,]+\d{{1,2}}:\d{{2}}.*)?$",
    re.IGNORECASE)
BYLINE = re.compile(r"^By\s+(?P<name>[A-Z][\w.'’-]+(?:\s+(?:and\s+)?[A-Z][\w.'’-]+){0,4})\s*(?:[,|–—-].*)?$")
_NAME_WORD = r"(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|[A-Z]\.|Mc[A-Z][a-z]+|O['’][A-Z][a-z]+)"
_PARTICLE = r"(?:van|von|de|der|den|da|di|du|la|le|bin|ibn|al|el)"
NAME_LINE = re.compile(rf"^{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_WORD}){{1,3}}$")
KEY_VALUE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z ]{0,15}):\s*(?P<value>.*)$")
# APP-style dateline at the start of the body: "ISLAMABAD, Mar 21 (APP):"
BODY_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Z .'’-]{{2,40}}),\s*(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)\s*"
    r"\((?P<agency>[A-Za-z]{2,12})\)\s*[:—–-]+\s*")
# " - Pakistan - DAWN.COM", " | Reuters.com": a site suffix scraped into the title.
TITLE_SITE_SUFFIX = re.compile(r"\s+[-|–]\s+(?:[\w&'’ ]{1,30}\s+[-|–]\s+)?[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|pk|co\.uk|in)$",
                               re.IGNORECASE)
CONTACT_FOOTER = re.compile(r"To contact the (?P<name>[A-Z][\w&.]*(?:\s+[A-Z][\w&.]*)*)", re.IGNORECASE)
DOMAIN = re.compile(r"\b(?:https?://)?(?:www\.)?(?P<domain>[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:org|com|net|pk|co\.uk|in|info))\b",
                    re.IGNORECASE)
OPINION_MARK = re.compile(r"^(?:Opinion|Op-ed|Editorial|Comment|Column|Analysis)\s*[:|–—-]", re.IGNORECASE)


@dataclass(frozen=True)
class Declared:
    """Metadata a file states about itself, and how many header lines that statement took."""

    fields: dict[str, str]
    body: str
    removed: tuple[Removal, ...]
    source: str  # "front matter" | "header block"


def iter_article_paths(input_dir: Path) -> list[Path]:
    """Every .txt/.md file under ``input_dir``, sorted so that runs are deterministic."""
    return sorted(
        p for p in input_dir.rglob("*")
        if p.suffix.lower() in ARTICLE_SUFFIXES and not any(part.startswith(".") for part in p.relative_to(input_dir).parts)
        and p.is_file())


def read_corpus(input_dir: Path, outlets: dict[str, str] | None = None) -> tuple[list[Document], list[SkippedFile]]:
    """Read every article under ``input_dir``; unusable files are skipped with a reason, never raised."""
    documents: list[Document] = []
    skipped: list[SkippedFile] = []
    seen_ids: set[str] = set()
    for path in iter_article_paths(input_dir):
        relative = path.relative_to(input_dir).as_posix()
        result = read_article(path, relative, outlets or {})
        if isinstance(result, SkippedFile):
            log.warning("skipped %s: %s", relative, result.reason)
            skipped.append(result)
            continue
        if result.id in seen_ids:  # two stems that slug alike: keep ids unique and stable
            result = _with_id(result, f"{result.id}-{result.sha256[:6]}")
        seen_ids.add(result.id)
        documents.append(result)
    return documents, skipped


def read_article(path: Path, relative: str, outlets: dict[str, str]) -> Document | SkippedFile:
    """Read one file; return a Document, or a SkippedFile saying why it cannot be used."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return SkippedFile(relative, f"file too large ({size:,} bytes; limit {MAX_FILE_BYTES:,})")
        raw = path.read_bytes()
    except OSError as err:
        return SkippedFile(relative, f"cannot be read: {err.strerror or err}")
    sha256 = hashlib.sha256(raw).hexdigest()
    decoded = decode(raw)
    if isinstance(decoded, str):
        return SkippedFile(relative, decoded, sha256)
    text, encoding = decoded
    text = normalise_text(text)
    if not text.strip():
        return SkippedFile(relative, "empty file (no text)", sha256)
    return parse_article(text, relative=relative, sha256=sha256, encoding=encoding, outlets=outlets)


def decode(raw: bytes) -> tuple[str, str] | str:
    """Decode UTF-8 first, then the detected encoding; return a reason string when the bytes are not text."""
    if b"\x00" in raw[:65536]:
        return "binary file (contains NUL bytes), not an article"
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw[:200_000]).best()
    if best is None or best.encoding is None:
        return "not text in any recognisable encoding"
    text = raw.decode(best.encoding, errors="replace")
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls > max(5, len(text) // 100):
        return f"binary or corrupt file ({controls} control characters)"
    return text, best.encoding


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def normalise_text(text: str) -> str:
    """Unify newlines, Unicode form and spaces; drop invisible and control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\u00a0", " ").replace("\t", " ")
    return "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch) != "Cc")


def parse_article(text: str, *, relative: str, sha256: str, encoding: str, outlets: dict[str, str]) -> Document:
    """Split a decoded article into header fields (with evidence) and body."""
    declared = read_declared(text)
    warnings: list[str] = []
    if declared is not None:
        fields, body, removed = declared.fields, declared.body, list(declared.removed)
        warnings += [f"unknown header key {k!r} ignored" for k in fields if k not in DECLARED_KEYS]
    else:
        fields, body, removed = {}, text, []
    inferred = infer_header(body)
    body = inferred.body
    removed += inferred.removed

    title, title_evidence = _pick_title(fields, declared, inferred, body)
    stripped_title = TITLE_SITE_SUFFIX.sub("", title).strip()
    if stripped_title and stripped_title != title:
        removed.append(Removal(title[len(stripped_title):].strip(), "site suffix in title"))
        title = stripped_title

    if fields.get("author"):
        author, author_evidence = fields["author"], Evidence(declared.source, fields["author"])
    else:
        author, author_evidence = inferred.author, inferred.author_evidence
    url = fields.get("url") or None
    outlet, outlet_evidence = _pick_outlet(fields, declared, inferred, url, body, outlets)

    header_dates = []
    if fields.get("date"):
        header_dates.append(HeaderDate(str(fields["date"]), "declared"))
    header_dates += inferred.dates

    genre = fields.get("genre")
    if genre and genre.lower() not in {"news", "analysis", "opinion"}:
        warnings.append(f"declared genre {genre!r} is not news, analysis or opinion; inferred instead")
        genre = None

    return Document(
        id=_slug(Path(relative).with_suffix("").as_posix()), file=relative, sha256=sha256, encoding=encoding,
        title=title, title_evidence=title_evidence, author=author, author_evidence=author_evidence,
        outlet=outlet, outlet_evidence=outlet_evidence, url=url, header_dates=tuple(header_dates),
        declared_genre=genre.lower() if genre else None, body=body.strip("\n"),
        header_removed=tuple(removed), warnings=tuple(warnings))


def read_declared(text: str) -> Declared | None:
    """YAML front matter, or a leading `Key: value` block (optionally under a first title line)."""
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end != -1:
            try:
                data = yaml.safe_load(text[4:end])
            except yaml.YAMLError:
                data = None
            if isinstance(data, dict):
                fields = {str(k).lower(): str(v) for k, v in data.items() if v is not None}
                if "source" in fields and "outlet" not in fields:
                    fields["outlet"] = fields.pop("source")
                body = text[end + 4:].lstrip("-").lstrip("\n")
                return Declared(fields, body, (Removal(text[: end + 4], "front matter (metadata)"),), "front matter")
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    fields: dict[str, str] = {}
    title_line = None
    i = start
    # The shared corpora put the title on the first line and the keys under it.
    if i + 1 < len(lines) and not _key_value(lines[i]) and _key_value(lines[i + 1]):
        title_line = lines[i].strip()
        i += 1
    while i < len(lines) and (kv := _key_value(lines[i])):
        fields[kv[0]] = kv[1]
        i += 1
    if not fields:
        return None
    if title_line and "title" not in fields:
        fields["title"] = title_line
    if "source" in fields and "outlet" not in fields:
        fields["outlet"] = fields.pop("source")
    header = "\n".join(lines[start:i])
    return Declared(fields, "\n".join(lines[i:]), (Removal(header, "header block (metadata)"),), "header block")


def _key_value(line: str) -> tuple[str, str] | None:
    match = KEY_VALUE.match(line.strip())
    if not match:
        return None
    key = match["key"].strip().lower()
    if key not in DECLARED_KEYS:
        return None
    return key, match["value"].strip()


@dataclass(frozen=True)
class InferredHeader:
    title: str | None
    title_evidence: Evidence | None
    author: str | None
    author_evidence: Evidence | None
    site_name: str | None
    dates: tuple[HeaderDate, ...]
    agency: str | None
    body: str
    removed: tuple[Removal, ...]


HEADER_SCAN_LINES = 8


def infer_header(text: str) -> InferredHeader:
    """Find headline, byline, dateline and site-name lines at the top of ``text`` and take them out."""
    lines = text.split("\n")
    header: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if _is_prose(stripped) or len(header) >= HEADER_SCAN_LINES:
            break
        header.append((index, stripped))

    title = title_evidence = author = author_evidence = site_name = None
    dates: list[HeaderDate] = []
    used: dict[int, str] = {}
    texts = [t for _, t in header]
    rest = "\n".join(lines[header[-1][0] + 1:]) if header else text

    for index, line in header:
        plain = line.lstrip("#").strip()
        if line.startswith("# ") and title is None:
            title, title_evidence = plain, Evidence("markdown heading", line)
            used[index] = "headline"
        elif texts.count(line) > 1 and not DATE_LINE.match(line):
            if title is None:
                title, title_evidence = plain, Evidence("repeated headline", line, "the line appears twice in the header")
                used[index] = "headline"
            elif plain == title:
                used[index] = "repeated headline"
    for pos, (index, line) in enumerate(header):
        if index in used:
            continue
        if DATE_LINE.match(line):
            before_title = title is None or any(i > index for i, role in used.items() if role == "headline")
            dates.append(HeaderDate(line, "page_date" if before_title else "dateline"))
            used[index] = "page date" if before_title else "dateline"
        elif match := BYLINE.match(line):
            author, author_evidence = match["name"], Evidence("byline", line)
            used[index] = "byline"
        elif re.match(r"^(?:photo|image|picture)(?:\s+credit)?s?\s*:", line, re.IGNORECASE):
            continue  # left for the cleaner, which records photo credits
        elif _is_site_name(line, pos, header, rest):
            site_name = line
            used[index] = "site name"
        elif NAME_LINE.match(line) and author is None:
            author, author_evidence = line, Evidence("author line", line, "a line that is only a personal name")
            used[index] = "author line"
        elif title is None and len(line.split()) >= 3:
            title, title_evidence = line.lstrip("#").strip(), Evidence("first line", line)
            used[index] = "headline"

    # A page date above the headline is a site's date; under the headline it is the article's dateline.
    if title is not None:
        headline_index = min(i for i, role in used.items() if role == "headline")
        dates = [HeaderDate(d.text, "page_date" if _line_index(header, d.text) < headline_index else "dateline")
                 for d in dates]

    removed = [Removal(lines[i].strip(), f"header: {role}") for i, role in sorted(used.items())]
    body_lines = [line for i, line in enumerate(lines) if i not in used]
    body = "\n".join(body_lines).strip("\n")

    agency = None
    if match := BODY_DATELINE.match(body.lstrip()):
        body = body.lstrip()[match.end():]
        dates.append(HeaderDate(match["date"], "dateline"))
        agency = match["agency"]
        removed.append(Removal(match.group(0).strip(), "header: dateline"))

    return InferredHeader(title, title_evidence, author, author_evidence, site_name, tuple(dates), agency,
                          body, tuple(removed))


def _line_index(header: list[tuple[int, str]], text: str) -> int:
    return next(i for i, t in header if t == text)


def _is_prose(line: str) -> bool:
    words = line.split()
    return len(line) > 160 or (len(words) >= 12 and line[-1:] in ".!?\"”’")


def _is_site_name(line: str, pos: int, header: list[tuple[int, str]], rest: str) -> bool:
    """A short line above the headline that the page repeats further down (masthead and footer)."""
    if pos != 0 or len(line) > 40 or DATE_LINE.match(line) or line.startswith("#"):
        return False
    later = [t for _, t in header[pos + 1:]]
    repeats_below = any(l.strip() == line for l in rest.split("\n"))
    followed_by_date = bool(later) and bool(DATE_LINE.match(later[0]))
    return repeats_below or (followed_by_date and len(later) > 1)


def _pick_title(fields: dict[str, str], declared: Declared | None, inferred: InferredHeader,
                body: str) -> tuple[str, Evidence]:
    if fields.get("title"):
        return fields["title"], Evidence(declared.source if declared else "declared", fields["title"])
    if inferred.title:
        return inferred.title, inferred.title_evidence
    opening = " ".join(body.split()[:10])
    title = f"Untitled article (opens: “{opening}…”)" if opening else "Untitled article"
    return title, Evidence("fallback", opening, "no headline found; the opening words are shown instead")


def _pick_outlet(fields: dict[str, str], declared: Declared | None, inferred: InferredHeader, url: str | None,
                 body: str, outlets: dict[str, str]) -> tuple[str | None, Evidence | None]:
    if fields.get("outlet"):
        return fields["outlet"], Evidence(declared.source if declared else "declared", fields["outlet"])
    if url:
        domain = (urlparse(url).hostname or "").removeprefix("www.")
        if domain:
            return outlets.get(domain, domain), Evidence("url domain", url)
    tail = body[-600:]
    if match := CONTACT_FOOTER.search(tail):
        domain_match = DOMAIN.search(tail[match.start():])
        if domain_match:
            domain = domain_match["domain"].lower()
            name = outlets.get(domain, domain)
            return name, Evidence("contact footer", tail[match.start():].strip()[:160],
                                  f"the footer links to {domain}")
    if inferred.agency:
        return outlets.get(inferred.agency.lower(), inferred.agency), Evidence("dateline agency tag", inferred.agency)
    if inferred.site_name:
        return inferred.site_name, Evidence("site-name line", inferred.site_name,
                                            "short line above the headline, repeated in the page footer")
    return None, None


def _slug(stem: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return slug or "article"


def _with_id(document: Document, new_id: str) -> Document:
    return replace(document, id=new_id)
