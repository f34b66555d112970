"""The configuration schema, validated once at load.

Every field carries a default and a description, so the schema documents itself (`briefing
config-reference` prints it, and the README's reference is generated from it). Errors are reported
all at once, each naming the file, the key path and, where known, the line.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from briefing.errors import ConfigError

DATA = resources.files("briefing") / "data"


class StrictModel(BaseModel):
    """Unknown keys are errors: a typo must not silently fall back to a default."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Coverage(StrictModel):
    """The span of publication dates the briefing covers (inclusive)."""

    from_: dt.date = Field(dt.date(2021, 1, 1), alias="from", description="First publication date included.")
    to: dt.date = Field(dt.date(2026, 12, 31), description="Last publication date included.")

    @model_validator(mode="after")
    def _ordered(self) -> "Coverage":
        if self.to < self.from_:
            raise ValueError(f"'to' ({self.to}) is before 'from' ({self.from_})")
        return self


class Theme(StrictModel):
    """A subject the briefing follows; an article or sentence may carry several."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", description="Stable identifier (lowercase, digits, - and _).")
    title: str = Field(description="Heading of the theme's section.")
    description: str = Field("", description="One neutral sentence shown under the heading.")
    terms: list[str] = Field(min_length=1, description="Match terms and aliases (case-insensitive, whole words; "
                             "a term may be a regular expression when written as /.../).")
    min_hits: int = Field(2, ge=1, description="Term matches an article needs to be filed under the theme.")

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return compile_terms(self.terms)


def compile_terms(terms: list[str], case_sensitive_short: bool = False) -> re.Pattern[str]:
    """One case-insensitive pattern: literal terms match whole words, /.../ terms are regexes.

    The word-boundary checks are shared by all literal terms rather than repeated per term: the
    pattern is tried at every position of every article, and a shared look-behind fails fast.
    With ``case_sensitive_short``, all-capital terms of up to three letters ("US", "UN") match only
    in capitals, so that the pronoun "us" is not the United States.
    """
    literals = [t for t in terms if not (len(t) > 2 and t.startswith("/") and t.endswith("/"))]
    regexes = [t[1:-1] for t in terms if t not in literals]
    exact = [t for t in literals if case_sensitive_short and t.isupper() and len(t.replace(".", "")) <= 3]
    literals = [t for t in literals if t not in exact]
    parts = []
    for group, flags in ((literals, "(?i:"), (exact, "(?:")):
        if group:
            alternation = "|".join(re.escape(t).replace(r"\ ", r"[\s-]+") for t in sorted(set(group), key=len, reverse=True))
            parts.append(rf"(?<![\w-]){flags}{alternation})(?![\w-])")
    parts += [f"(?i:{r})" for r in regexes]
    return re.compile("|".join(parts) or r"(?!x)x")


class Era(StrictModel):
    """A named period with its own dates."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", description="Stable identifier, used in the JSON.")
    title: str = Field(description="Heading of the period inside theme sections.")
    from_: dt.date = Field(alias="from", description="First day of the era.")
    to: dt.date = Field(description="Last day of the era.")


class Periods(StrictModel):
    """How theme sections are broken down in time: a granularity, or named eras."""

    granularity: Literal["year", "quarter", "month"] | None = Field(
        None, description="Calendar periods: year, quarter or month.")
    eras: list[Era] | None = Field(None, description="Named periods with from/to dates (instead of a granularity).")

    @model_validator(mode="after")
    def _one_of(self) -> "Periods":
        if (self.granularity is None) == (self.eras is None):
            raise ValueError("give either 'granularity' or 'eras', not both or neither")
        if self.eras is not None and not self.eras:
            raise ValueError("'eras' is empty")
        return self


class SectionBase(StrictModel):
    enabled: bool = Field(True, description="Set to false to leave the section out.")
    title: str = Field("", description="Heading shown in the briefing and its contents.")


class CoverSection(SectionBase):
    type: Literal["cover"]


class ContentsSection(SectionBase):
    type: Literal["contents"]
    title: str = "Contents"


class ExecutiveSummarySection(SectionBase):
    type: Literal["executive_summary"]
    title: str = "Executive summary"
    max_phrases: int = Field(12, ge=0, le=50, description="Key phrases listed for the whole corpus.")
    max_excerpts: int = Field(4, ge=0, le=20, description="Most informative cited excerpts shown.")
    max_events: int = Field(5, ge=0, le=30, description="Key dated events (those reported by most sources).")


class ThemesSection(SectionBase):
    """Expands into one section per theme, each broken down by period."""

    type: Literal["themes"]
    title: str = Field("", description="Optional part heading above the theme sections (empty: none).")
    themes: list[str] | None = Field(None, description="Theme ids to include, in order (default: all).")
    max_phrases: int = Field(8, ge=0, le=40, description="Key phrases per theme.")
    max_excerpts_per_period: int = Field(4, ge=0, le=30, description="Cited excerpts per period.")
    max_quotes_per_period: int = Field(3, ge=0, le=30, description="Quotations per period.")


class TimelineSection(SectionBase):
    """Dated events from all articles, merged across sources, in date order."""

    type: Literal["timeline"]
    title: str = "Timeline"
    max_events: int = Field(40, ge=0, le=500, description="Events listed; those reported by most sources first.")


class NewSinceSection(SectionBase):
    """What is new since the previous run of the same configuration (from the run manifest)."""

    type: Literal["new_since"]
    title: str = "New since the last briefing"
    max_events: int = Field(30, ge=0, le=500, description="New dated events listed.")


class PerspectivesSection(SectionBase):
    """Each opinion and analysis source in its own words, clearly labelled."""

    type: Literal["perspectives"]
    title: str = "Perspectives"
    max_sentences: int = Field(3, ge=1, le=10, description="Representative sentences per source.")


class ContestedFiguresSection(SectionBase):
    """Figures about the same thing reported differently, side by side with who claims them."""

    type: Literal["contested_figures"]
    title: str = "Contested figures"


class AuditSection(SectionBase):
    """Per source: genre, evaluative share, loaded terms found, and what the briefing did with them."""

    type: Literal["neutrality_audit"]
    title: str = "Neutrality audit"


class QuotesSection(SectionBase):
    type: Literal["quotes"]
    title: str = "Quotations and speakers"
    max_quotes: int = Field(25, ge=0, le=200, description="Quotations listed, most informative first.")


class SourcesSection(SectionBase):
    type: Literal["sources"]
    title: str = "Sources"


class MethodSection(SectionBase):
    type: Literal["method"]
    title: str = "Method"


Section = Annotated[
    Union[CoverSection, ContentsSection, NewSinceSection, ExecutiveSummarySection, ThemesSection, TimelineSection,
          PerspectivesSection, ContestedFiguresSection, QuotesSection, SourcesSection, MethodSection, AuditSection],
    Field(discriminator="type"),
]


class YakeSettings(StrictModel):
    """Settings passed by name to YAKE (it silently ignores unknown ones, so we name each)."""

    max_ngram: int = Field(3, ge=1, le=5, description="Longest phrase, in words.")
    window_size: int = Field(1, ge=1, le=5, description="YAKE co-occurrence window.")
    candidates: int = Field(60, ge=5, le=300, description="Raw YAKE phrases asked for before our deduplication.")
    per_article: int = Field(10, ge=1, le=50, description="Key phrases kept per article.")
    similarity: float = Field(0.8, gt=0, le=1, description="difflib ratio above which two phrases are variants.")


class Actor(StrictModel):
    """Someone who acts in dated events: a state, a group, an organisation."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", description="Stable identifier, used in the JSON.")
    name: str = Field(description="Name shown in the timeline.")
    aliases: list[str] = Field(min_length=1, description="Words that refer to the actor (whole words; /.../ for "
                                                          "a regular expression).")

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return compile_terms(self.aliases, case_sensitive_short=True)


class OfficeHolder(StrictModel):
    """A title + name that dates a text to the holder's term when used in the present."""

    name: str
    titles: list[str] = Field(min_length=1, description="Titles that precede the name, e.g. 'President'.")
    from_: dt.date = Field(alias="from")
    to: dt.date | None = Field(None, description="End of term (empty while in office).")


class ChronologyEvent(StrictModel):
    """A key event with its date and the patterns that refer to it."""

    id: str
    title: str
    date: dt.date
    patterns: list[str] = Field(min_length=1, description="Regular expressions (case-insensitive).")
    lasting: bool = Field(False, description="A state that began on the date (a government, a term of office) "
                                             "rather than a one-off event: a text naming it by weekday is not dated "
                                             "to the week after it.")

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as err:
                raise ValueError(f"pattern {pattern!r} is not a valid regular expression: {err}") from None
        return patterns


class Dating(StrictModel):
    """Time anchors used to date articles; the shipped defaults are extended, not replaced."""

    use_default_anchors: bool = Field(True, description="Use the shipped office holders and chronology.")
    office_holders: list[OfficeHolder] = Field(default_factory=list, description="Extra office holders.")
    chronology: list[ChronologyEvent] = Field(default_factory=list, description="Extra reference events.")


class Cleaning(StrictModel):
    """Boilerplate rules added to the shipped ones."""

    extra_patterns: list[dict[str, str]] = Field(
        default_factory=list,
        description="Extra boilerplate lines: each {pattern: regex, reason: text}; matching paragraphs are removed.")

    @field_validator("extra_patterns")
    @classmethod
    def _shape(cls, items: list[dict[str, str]]) -> list[dict[str, str]]:
        for item in items:
            if set(item) != {"pattern", "reason"}:
                raise ValueError("each entry needs exactly the keys 'pattern' and 'reason'")
            re.compile(item["pattern"])
        return items


class Neutrality(StrictModel):
    """The loaded-language lexicon and how strictly the briefing's own voice is checked against it."""

    lexicon: dict[str, list[str]] = Field(default_factory=dict,
                                          description="Extra loaded terms by group (added to the shipped lexicon).")
    replace_lexicon: bool = Field(False, description="Use only `lexicon` above, not the shipped one.")
    allow: list[str] = Field(default_factory=list, description="Shipped terms to drop from the lexicon.")
    strict: bool = Field(False, description="Fail the build when the briefing's own voice uses a loaded term "
                                            "(otherwise warn).")


class Labels(StrictModel):
    """Wording of the briefing's own voice; keep it neutral."""

    opinion: str = Field("Opinion", description="Label of opinion sources wherever they are cited.")
    analysis: str = Field("Analysis", description="Label of analysis sources wherever they are cited.")
    news: str = Field("News", description="Label of news sources in the sources list.")
    unknown_genre: str = Field("Genre unknown", description="Label when no genre could be determined.")
    undated: str = Field("Undated", description="Shown for articles without a usable date, and as their period.")
    according_to: str = Field("According to", description="Introduces an excerpt from a news source.")
    unknown_author: str = Field("author not stated", description="Sources list, when no author is known.")
    unknown_outlet: str = Field("outlet not stated", description="Sources list, when no outlet is known.")


class Config(StrictModel):
    """A briefing's configuration (config.yaml)."""

    title: str = Field("Briefing", description="Title on the cover, in the running header and PDF metadata.")
    subtitle: str = Field("", description="Line under the title.")
    coverage: Coverage = Field(default_factory=Coverage, description="Publication dates the briefing covers.")
    page_size: Literal["A4", "A5", "Letter", "Legal"] = Field("A4", description="Paper size of the PDF.")
    language: str = Field("en", pattern=r"^[a-z]{2}(-[A-Z]{2})?$", description="Language of articles and briefing.")
    keywords: list[str] = Field(default_factory=list, description="PDF metadata keywords.")
    input: Path = Field(Path("seeds"), description="Folder of articles (relative to this file).")
    output: Path = Field(Path("output"), description="Folder the briefing is written to (relative to this file).")
    templates: Path = Field(Path("templates"), description="Folder of template overrides (relative to this file).")
    cache: Path = Field(Path(".briefing-cache"), description="Folder of the per-article analysis cache.")
    week_folder: str = Field("{year}-W{week}", description="Output subfolder of a `--week` run ({year}, {week}).")
    days_folder: str = Field("{from}_{to}", description="Output subfolder of a `--since` run ({from}, {to}).")
    themes: list[Theme] = Field(min_length=1, description="Subjects the briefing follows.")
    periods: Periods = Field(default_factory=lambda: Periods(granularity="year"),
                             description="How theme sections are broken down in time.")
    sections: list[Section] = Field(min_length=1, description="The briefing's sections, in order.")
    actors: list[Actor] = Field(default_factory=list, description="Actors named in dated events (timeline).")
    outlets: dict[str, str] = Field(default_factory=dict,
                                    description="Outlet names by web domain, e.g. wsws.org: World Socialist Web Site.")
    undated_articles: Literal["include", "exclude"] = Field(
        "include", description="Whether articles without a usable date are included (shown as undated).")
    yake: YakeSettings = Field(default_factory=YakeSettings)
    dating: Dating = Field(default_factory=Dating)
    cleaning: Cleaning = Field(default_factory=Cleaning)
    neutrality: Neutrality = Field(default_factory=Neutrality)
    labels: Labels = Field(default_factory=Labels)

    # Set by load_config: the folder relative paths resolve against.
    base_dir: Path = Field(Path("."), exclude=True)

    @model_validator(mode="after")
    def _cross_checks(self) -> "Config":
        ids = [theme.id for theme in self.themes]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"themes: duplicate id(s) {', '.join(duplicates)}")
        for index, section in enumerate(self.sections):
            if isinstance(section, ThemesSection) and section.themes:
                unknown = [t for t in section.themes if t not in ids]
                if unknown:
                    hint = _did_you_mean(unknown[0], ids)
                    raise ValueError(f"sections[{index}].themes: unknown theme id {unknown[0]!r}{hint}")
        return self

    def resolve(self, path: Path) -> Path:
        return path if path.is_absolute() else (self.base_dir / path)

    @property
    def input_dir(self) -> Path:
        return self.resolve(self.input)

    @property
    def output_dir(self) -> Path:
        return self.resolve(self.output)

    @property
    def templates_dir(self) -> Path:
        return self.resolve(self.templates)

    @property
    def cache_dir(self) -> Path:
        return self.resolve(self.cache)

    def config_hash(self) -> str:
        """Identity of "the same configuration" for the run manifest."""
        import hashlib

        return hashlib.sha256(self.model_dump_json(exclude={"base_dir"}).encode("utf-8")).hexdigest()[:16]

    def theme(self, theme_id: str) -> Theme:
        return next(t for t in self.themes if t.id == theme_id)

    def label_for_genre(self, genre: str) -> str:
        return {"opinion": self.labels.opinion, "analysis": self.labels.analysis,
                "news": self.labels.news}.get(genre, self.labels.unknown_genre)

    def analysis_fingerprint(self) -> str:
        """A stable text of every setting per-article analysis depends on (for caching)."""
        relevant = self.model_dump(mode="json", include={"themes", "yake", "dating", "cleaning", "outlets",
                                                         "language", "actors", "coverage", "neutrality"})
        return yaml.safe_dump(relevant, sort_keys=True)


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def load_config(path: Path, overrides: dict[str, Any] | None = None) -> Config:
    """Read, validate and return the configuration, or raise ConfigError listing every problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError([f"{path}: no such configuration file (create one with `briefing init`)"]) from None
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError([f"{path}: cannot be read: {err}"]) from None
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(err, "problem", None) or str(err)
        raise ConfigError([f"{path}: {where}YAML syntax error: {problem}"]) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError([f"{path}: the top level must be a mapping of keys to values"])
    data = {**data, **(overrides or {})}
    data["base_dir"] = path.resolve().parent
    try:
        return Config.model_validate(data)
    except ValidationError as err:
        raise ConfigError([_describe(path, root, e) for e in err.errors()]) from None


def _describe(path: Path, root: yaml.Node | None, error: dict[str, Any]) -> str:
    loc = _clean_loc(error["loc"])
    key = _format_loc(loc) or "(top level)"
    line = _line_of(root, loc)
    where = f"{path}:{line}" if line else f"{path}"
    kind = error["type"]
    if kind == "extra_forbidden":
        known = _known_keys(loc[:-1])
        return f"{where}: {key}: unknown key{_did_you_mean(str(loc[-1]), known)}"
    if kind == "missing":
        return f"{where}: {key}: required key is missing"
    message = error["msg"].removeprefix("Value error, ")
    if "input" in error and kind not in ("union_tag_invalid", "model_type") and not isinstance(error["input"], dict):
        message += f", got {error['input']!r}"
    return f"{where}: {key}: {message}"


_SECTION_TAGS = {"cover", "contents", "new_since", "executive_summary", "themes", "timeline", "perspectives",
                 "contested_figures", "quotes", "sources", "method", "neutrality_audit"}


def _clean_loc(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    # Pydantic puts the discriminator tag into the path (sections.2.themes.max_quotes); users never wrote it.
    cleaned = []
    for i, part in enumerate(loc):
        if i > 0 and isinstance(loc[i - 1], int) and part in _SECTION_TAGS and cleaned and cleaned[0] == "sections":
            continue
        if part == "from_":
            part = "from"
        cleaned.append(part)
    return tuple(cleaned)


def _format_loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _line_of(node: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """The 1-based line of the deepest node along ``loc`` in the composed YAML tree."""
    line = None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == part), None)
            if match is None:
                break
            line = match[0].start_mark.line + 1
            node = match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


SECTION_TYPES = (CoverSection, ContentsSection, NewSinceSection, ExecutiveSummarySection, ThemesSection,
                 TimelineSection, PerspectivesSection, ContestedFiguresSection, QuotesSection, SourcesSection,
                 MethodSection, AuditSection)


def _known_keys(loc: tuple[Any, ...]) -> list[str]:
    """Keys allowed where an unknown key was found (for the "did you mean" hint)."""
    if loc and loc[0] == "sections":
        return sorted({f.alias or n for cls in SECTION_TYPES for n, f in cls.model_fields.items()})
    model: Any = Config
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        nested = [a for a in _flatten(field.annotation) if isinstance(a, type) and issubclass(a, BaseModel)] \
            if field else []
        if not nested:
            return []
        model = nested[0]
    return [f.alias or name for name, f in model.model_fields.items() if name != "base_dir"]


def _flatten(annotation: Any) -> list[Any]:
    args = getattr(annotation, "__args__", None)
    if not args:
        return [annotation]
    return [a for arg in args for a in _flatten(arg)]


def reference_markdown() -> str:
    """Every configuration key with type, default and description, as Markdown (for the README)."""
    lines = ["| key | type | default | description |", "| --- | --- | --- | --- |"]

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, field in model.model_fields.items():
            if name == "base_dir":
                continue
            key = f"{prefix}{field.alias or name}"
            nested = [a for a in _flatten(field.annotation) if isinstance(a, type) and issubclass(a, BaseModel)]
            type_name = _type_name(field.annotation)
            default = "required" if field.is_required() else _default_text(field)
            description = (field.description or (nested[0].__doc__ or "").strip().split("\n")[0] if nested else
                           field.description or "")
            lines.append(f"| `{key}` | {type_name} | {default} | {description} |")
            if nested and model is not nested[0] and key != "sections":
                walk(nested[0], f"{key}[]." if "list" in type_name else f"{key}.")

    walk(Config, "")
    lines.append("")
    lines.append("Section types (each item of `sections`; every type also takes `enabled` and `title`):")
    lines.append("")
    for cls in SECTION_TYPES:
        extra = [f"`{n}` (default {_default_text(f)}): {(f.description or '').rstrip('.')}"
                 for n, f in cls.model_fields.items() if n not in ("type", "enabled", "title")]
        doc = (cls.__doc__ or "").strip().split("\n")[0]
        tag = cls.model_fields["type"].annotation.__args__[0]
        title = cls.model_fields["title"].default
        lines.append(f"- `{tag}`: {doc + ' ' if doc else ''}Default title: "
                     f"{'“' + title + '”' if title else 'the briefing title'}." + (" " + "; ".join(extra) + "." if extra else ""))
    return "\n".join(lines)


def _type_name(annotation: Any) -> str:
    text = getattr(annotation, "__name__", None) or str(annotation)
    text = str(annotation) if "[" in str(annotation) else text
    return text.replace("typing.", "").replace("briefing.config.", "").replace("datetime.", "").replace("pathlib.", "") \
        .replace("|", "or").replace("Annotated[Union[", "one of [")[:60]


def _default_text(field: Any) -> str:
    if field.default_factory is not None:
        try:
            value = field.default_factory()
        except TypeError:
            return "(see below)"
        if isinstance(value, BaseModel):
            return "(see below)"
        return f"`{value!r}`" if value not in ([], {}) else "empty"
    return f"`{field.default}`" if field.default not in (None, "") else "empty"


def load_data(name: str) -> Any:
    """Load one of the YAML data files shipped with the package (domain knowledge lives there)."""
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
