"""Direct quotations and their speakers.

A quoted string counts as a quotation only when it is long enough to be a statement and somebody
in reach said it; scare quotes, single terms, titles of works and unattributed fragments are kept
apart as terms and never shown as anybody's words. Offsets point into the cleaned text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.models import CleanDocument, Evidence, Quote, QuotedTerm, Span
from briefing.text import split_sentences, word_count

MIN_QUOTE_WORDS = 5
REPORTING_VERBS = (
    r"said|says|told|tells|stated|states|added|adds|insisted|insists|declared|declares|asked|asks|warned|warns|"
    r"noted|notes|replied|replies|responded|commented|explained|argued|argues|claimed|claims|alleged|wrote|"
    r"writes|tweeted|posted|vowed|pledged|promised|acknowledged|admitted|conceded|urged|continued|"
    r"announced|cited|observed|remarked|recalled|stressed|emphasised|emphasized|maintained|suggested|"
    r"issued a statement|said in a statement|told reporters")
# Words that name a role rather than a person, so that "White House Press Secretary Jen Psaki"
# splits into role and name.
ROLE_WORDS = {
    "president", "vice", "prime", "minister", "secretary", "press", "foreign", "defense", "defence", "interior",
    "state", "white", "house", "gen", "gen.", "general", "field", "marshal", "marshall", "lt", "col", "adm",
    "admiral", "chairman", "chief", "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy",
    "special", "representative", "senator", "sen.", "rep.", "governor", "mr", "mr.", "mrs", "mrs.", "ms",
    "ms.", "dr", "dr.", "prof", "prof.", "mullah", "mawlawi", "maulana", "sheikh", "ayatollah", "king",
    "crown", "prince", "director", "commander", "deputy", "acting", "interim", "caretaker", "federal",
    "senior", "former", "us", "u.s.", "taliban", "afghan", "pakistani", "pakistan", "indian", "russian",
    "chinese", "iranian", "american", "british", "army", "military", "official", "officials", "the",
    "joint", "chiefs", "staff", "ministry", "external", "affairs", "information", "national", "security",
    "adviser", "advisor", "counsellor", "attorney", "justice", "afghanistan's", "india's", "pakistan's",
}
ORGANISATION_WORDS = {"ministry", "department", "office", "embassy", "government", "council", "agency", "army",
                      "military", "pentagon", "kremlin", "taliban", "commission", "committee", "organisation",
                      "organization", "bank", "fund", "nations", "un", "nato", "isis-k", "ispr", "court",
                      "party", "movement", "group", "state", "house", "alliance", "union", "network"}
PRONOUNS = {"he", "she", "they", "it"}
TITLE_CONTEXT = re.compile(r"(?:author of|titled|entitled|book|books|report|article|film|documentary|column|"
                           r"headlined|essay|paper|study)\s*,?\s*$", re.IGNORECASE)
_CAP = r"[A-Z][\w'’.-]*"
PROPER = rf"{_CAP}(?:\s+(?:of|for|and|the|al-|bin|van|de)?\s*{_CAP})*"
# Lower-case role words that may come before a name: "Taliban spokesman Suhail Shaheen".
_ROLE_LOWER = (r"(?:spokes(?:man|woman|person)|minister|chairman|chief|envoy|ambassador|secretary|official|"
               r"adviser|leader|commander|president)")
VERB = re.compile(rf"\b(?:{REPORTING_VERBS}|called (?:on|upon|for)|(?:statement|pledge|promise|claim|assertion|vow|"
                  rf"warning|demand|remarks) (?:that|to|of))\b")
ROLE_ADJECTIVES = {"foreign", "defence", "defense", "interior", "finance", "prime", "press", "deputy", "former", "vice",
                   "senior", "acting", "interim", "caretaker", "federal", "information", "external", "state"}
WEEKDAY_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
CONNECTORS = {"of", "for", "and", "the", "al-", "bin", "van", "de"}
ROLE_NOUNS = re.compile(r"\b(?:professor|secretary|director|author|analyst|fellow|chair|chairman|expert|researcher|"
                        r"journalist|spokes(?:man|woman|person)|official|leader|minister|ambassador|envoy|commander|"
                        r"president|head|chief|adviser|advisor|senator|general|lawyer|editor|founder|scholar|"
                        r"correspondent|representative|diplomat|officer|governor|member|lecturer)s?\b", re.IGNORECASE)
@dataclass(frozen=True)
class QuotedSpan:
    """A quoted string in the text: the span inside the quotation marks."""

    span: Span
    sentence: Span
    paragraph: int


@dataclass(frozen=True)
class Person:
    name: str
    role: str | None
    organisation: bool


def find_quoted_spans(clean: CleanDocument) -> list[QuotedSpan]:
    """Every double-quoted span, curly or straight, paired within its paragraph."""
    text = clean.text
    sentences = split_sentences(text, clean.paragraphs)
    found: list[QuotedSpan] = []
    for index, paragraph in enumerate(clean.paragraphs):
        if index in clean.headings:
            continue
        segment = text[paragraph.start:paragraph.end]
        for start, end in _pair_quotes(segment):
            span = Span(paragraph.start + start, paragraph.start + end)
            sentence = next((s for s in sentences if s.start <= span.start < s.end), paragraph)
            found.append(QuotedSpan(span, sentence, index))
    return found


def _pair_quotes(segment: str) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    opening: int | None = None
    straight_open: int | None = None
    for i, ch in enumerate(segment):
        if ch == "“" and opening is None and straight_open is None:
            opening = i
        elif ch == "”" and opening is not None:
            pairs.append((opening + 1, i))
            opening = None
        elif ch == '"' and opening is None:
            if straight_open is None:
                straight_open = i
            else:
                pairs.append((straight_open + 1, i))
                straight_open = None
    return [(s, e) for s, e in pairs if e > s and segment[s:e].strip()]


def extract_quotes(clean: CleanDocument, sentence_themes: dict[Span, tuple[str, ...]] | None = None,
                   ) -> tuple[list[Quote], list[QuotedTerm]]:
    """Split quoted strings into attributed quotations and terms, resolving speakers in reach."""
    text = clean.text
    people = find_people(text)
    quotes: list[Quote] = []
    terms: list[QuotedTerm] = []
    last_speaker: Person | None = None
    last_organisation: tuple[Person, int] | None = None
    previous: tuple[QuotedSpan, Person] | None = None
    for quoted in find_quoted_spans(clean):
        inner = text[quoted.span.start:quoted.span.end]
        words = word_count(inner)
        before = text[quoted.sentence.start:quoted.span.start - 1]
        after = text[quoted.span.end + 1:quoted.sentence.end]
        if TITLE_CONTEXT.search(before):
            terms.append(QuotedTerm(inner, quoted.span.start, quoted.span.end, "title"))
            continue
        person: Person | None = None
        evidence: Evidence | None = None
        organisation = last_organisation[0] if last_organisation and \
            last_organisation[1] == quoted.paragraph else None  # "it" only within the paragraph
        for subject, words_used in _attributions(before, after):
            if words < MIN_QUOTE_WORDS and len(words_used) > 80:
                continue  # a term is only credited to a speaker named right beside it
            person = _resolve(subject, people, last_speaker, organisation)
            if person:
                evidence = Evidence("attribution", _short(words_used.strip()))
                break
        if person is None and previous is not None and previous[0].paragraph == quoted.paragraph \
                and words >= MIN_QUOTE_WORDS and _only_quotes_between(text, previous[0], quoted):
            # A quotation split around its attribution: "…," he added. "…"
            person = previous[1]
            evidence = Evidence("continuation", text[previous[0].span.end:quoted.span.start].strip(),
                                "continues the previous quotation in the same paragraph")
        if person is None or words < MIN_QUOTE_WORDS:
            terms.append(QuotedTerm(inner, quoted.span.start, quoted.span.end,
                              "term" if words < MIN_QUOTE_WORDS else "unattributed",
                              person.name if person else None))
            previous = None
            continue
        if person.organisation:
            last_organisation = (person, quoted.paragraph)
        else:
            last_speaker = person
        themes = (sentence_themes or {}).get(quoted.sentence, ())
        # The comma that closes a quotation before its attribution belongs to the sentence, not the speaker.
        trimmed = inner.rstrip().rstrip(",;:").rstrip()
        start = quoted.span.start + (len(inner) - len(inner.lstrip()))
        quotes.append(Quote(trimmed.strip(), person.name, person.role, start, start + len(trimmed.strip()),
                            evidence, themes))
        previous = (quoted, person)
    return quotes, terms


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _only_quotes_between(text: str, first: QuotedSpan, second: QuotedSpan) -> bool:
    between = text[first.span.end:second.span.start]
    return len(between) < 80 or not re.search(r"[“\"]", between[1:-1])


def _attributions(before: str, after: str) -> list[tuple[str, str]]:
    """The subject of the reporting clause around a quotation, and the words that named it.

    The clause right after the quotation wins ("…," Milley said), then the nearest reporting verb
    before it (Milley added, "…"), then a bare colon (Biden: "…"). Candidates come best first;
    the caller takes the first it can resolve to a speaker.
    """
    found: list[tuple[str, str]] = []
    after_clause = re.split(r"[“\"]|(?<=[a-z]{2}[.!?])\s", after.lstrip(" ,.;:—–-"), maxsplit=1)[0]
    if match := re.match(rf"(?P<verb>{REPORTING_VERBS})\s+", after_clause):
        subject = _subject_from(after_clause[match.end():])
        if subject:
            found.append((subject, after_clause[: match.end() + len(subject)]))
    subject = _subject_from(after_clause)
    if subject:
        rest = after_clause[len(subject):]
        rest = re.sub(r"^,\s*[^,]{2,140},", "", rest)  # an appositive: "Wechsler, now the director…, told"
        if re.match(rf"\s+(?:\w+\s+){{0,2}}?(?:{REPORTING_VERBS})\b", rest):
            found.append((subject, after_clause[: len(after_clause) - len(rest) + 40].strip()))
    if match := re.search(r"\baccording to\s+", after_clause):
        subject = _subject_from(after_clause[match.end():])
        if subject:
            found.append((subject, after_clause[match.start(): match.end() + len(subject)]))
    for verb in reversed(list(VERB.finditer(before))):
        subject = _subject_before(before[: verb.start()])
        if subject:
            start = before.rfind(subject, 0, verb.start())
            found.append((subject, before[start:]))
    if before.rstrip().endswith(":"):
        subject = _subject_before(before.rstrip()[:-1])
        if subject:
            found.append((subject, before[before.rfind(subject):]))
    return found


def _tokens(text: str) -> list[str]:
    return re.findall(r"[\w'’.-]+|,", text)


def _is_name_token(token: str) -> bool:
    return token[:1].isupper() and token.lower().strip(".") not in WEEKDAY_NAMES


def _subject_from(text: str) -> str | None:
    """The name, role phrase or pronoun at the start of ``text``."""
    tokens = _tokens(text)
    if not tokens:
        return None
    if tokens[0].lower() in PRONOUNS:
        return tokens[0]
    taken: list[str] = []
    for token in tokens:
        if token == ",":
            break
        if _is_name_token(token) or (taken and token.lower() in CONNECTORS) or \
                (token.lower() in ("the", "a", "an") and not taken) or re.fullmatch(_ROLE_LOWER, token.lower()):
            taken.append(token)
        else:
            break
    while taken and (taken[-1].lower() in CONNECTORS or taken[-1].lower() in ("a", "an")):
        taken.pop()
    if not any(_is_name_token(t) or re.fullmatch(_ROLE_LOWER, t.lower()) for t in taken):
        return None
    return _rejoin(text, taken, last=False)


def _subject_before(text: str) -> str | None:
    """The name, role phrase or pronoun that ends ``text`` (a few adverbs may follow it)."""
    text = text.rstrip()
    # "Wechsler, now the director of …," or "the chairman …, Gen. Mark Milley,"
    if text.endswith(","):
        cut = text.rfind(",", 0, len(text) - 1)
        if cut != -1 and re.match(r",\s*(?:a|an|the|now|who|also)\b", text[cut:]):
            text = text[:cut]
    tokens = _tokens(text)
    skipped = 0
    while tokens and skipped < 4 and not _is_name_token(tokens[-1]) and tokens[-1].lower() not in PRONOUNS \
            and not re.fullmatch(_ROLE_LOWER, tokens[-1].lower()):
        tokens.pop()
        skipped += 1
    while tokens and tokens[-1].lower().strip(".") in WEEKDAY_NAMES:  # "Biden on Thursday vowed"
        tokens.pop()
        if tokens and tokens[-1].lower() in ("on", "late", "early", "last"):
            tokens.pop()
    if not tokens:
        return None
    if tokens[-1].lower() in PRONOUNS:
        return tokens[-1]
    taken: list[str] = []
    for token in reversed(tokens):
        lowered = token.lower()
        if _is_name_token(token) or re.fullmatch(_ROLE_LOWER, lowered) or (taken and lowered in ROLE_ADJECTIVES) or \
                (taken and lowered in CONNECTORS) or token.endswith(("'s", "’s")) and token[:1].isupper():
            taken.insert(0, token)
        elif lowered in ("the", "a", "an") and taken:
            taken.insert(0, token)
            break
        else:
            break
    while taken and taken[0].lower() in CONNECTORS - {"the"}:
        taken.pop(0)
    if not any(_is_name_token(t) or re.fullmatch(_ROLE_LOWER, t.lower()) for t in taken):
        return None
    return _rejoin(text, taken)


def _rejoin(text: str, tokens: list[str], last: bool = True) -> str:
    """The stretch of ``text`` the tokens came from (the last occurrence, or the first)."""
    matches = list(re.finditer(r"\s*".join(re.escape(t) for t in tokens), text))
    if not matches:
        return " ".join(tokens)
    return (matches[-1] if last else matches[0]).group(0)


def _resolve(subject: str, people: dict[str, Person], last_speaker: Person | None,
             last_organisation: Person | None) -> Person | None:
    cleaned = re.sub(r"^(?:the|a|an)\s+", "", subject.strip(), flags=re.IGNORECASE)
    cleaned = re.sub(r"['’]s$", "", cleaned)
    lowered = cleaned.lower()
    if lowered in ("he", "she", "they"):
        return last_speaker
    if lowered == "it":
        return last_organisation
    name, role = split_role(cleaned)
    if not name:
        # "the Joint Chiefs chairman": a role; find the person introduced with it.
        match = next((p for p in people.values() if p.role and _shares_role(cleaned, p.role)), None)
        return match or (last_speaker if last_speaker and last_speaker.role and
                         _shares_role(cleaned, last_speaker.role) else None)
    known = people.get(name) or next((p for key, p in people.items() if key.split()[-1] == name.split()[-1]
                                      and len(key) >= len(name)), None)
    if known:
        return Person(known.name, known.role or role, known.organisation)
    return Person(name, role, _is_organisation(cleaned))


def _shares_role(descriptor: str, role: str) -> bool:
    words = {w.lower().strip(".") for w in descriptor.split()} - {"the", "a", "an", "of"}
    role_words = {w.lower().strip(".,") for w in role.split()}
    return bool(words) and len(words & role_words) >= max(1, len(words) - 1)


def split_role(phrase: str) -> tuple[str | None, str | None]:
    """Split "White House Press Secretary Jen Psaki" into ("Jen Psaki", "White House Press Secretary")."""
    if _is_organisation(phrase):
        return phrase.strip(), None
    words = phrase.split()
    cut = 0
    for i, word in enumerate(words):
        if word.lower().strip(",") in ROLE_WORDS or word[:1].islower():
            cut = i + 1
    name_words = words[cut:]
    if not name_words:
        return None, phrase
    role = " ".join(words[:cut]) or None
    return " ".join(name_words), role


def _is_organisation(phrase: str) -> bool:
    words = [w.lower().strip(".,'’s") for w in phrase.split()]
    return bool(words) and (words[-1] in ORGANISATION_WORDS or "ministry" in words or "department" in words)


PERSON_WITH_TITLE = re.compile(
    rf"(?P<role>(?:(?:{PROPER}|{_ROLE_LOWER})\s+)*?(?:{_ROLE_LOWER}|President|Secretary|Minister|Gen\.|General|"
    rf"Marshall?|Chairman|Ambassador|Senator|Sen\.|Spokesman|Spokesperson|Mullah|Mawlawi|Maulana|Dr\.|Prof\.)"
    rf"(?:\s+{PROPER})??)\s+(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?(?:\s+(?:al-|bin\s+)?[A-Z][a-z'’-]+){{1,3}})")
NAME_WITH_APPOSITIVE = re.compile(
    rf"(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){{1,3}}),\s*(?P<role>(?:(?:a|an|the|now the|now an?)\s+)?"
    r"[^,.;“”\"]{3,110}?)(?=[,.;]|\s+(?:told|said|who)\b)")
AUTHOR_OF_TITLE = re.compile(
    rf"(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){{1,3}}),\s*(?P<role>(?:the\s+|an?\s+)?"
    r"(?:author|co-author|editor|director|producer) of\s+[“\"][^”\"]{3,160}[”\"])")
APPOSITIVE_THEN_NAME = re.compile(
    rf"\bthe\s+(?P<role>[a-z][\w'’ -]{{3,80}}?),\s*(?:(?:Gen|Dr|Mr|Ms|Prof|Sen)\.\s+)?(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){{1,3}})\b")


def find_people(text: str) -> dict[str, Person]:
    """Full names mentioned with a role, so that later surnames and role references resolve to them."""
    people: dict[str, Person] = {}

    def add(name: str, role: str | None) -> None:
        name, _ = split_role(name)
        if not name or len(name.split()) < 2 or _is_organisation(name):
            return
        if role is not None and not ROLE_NOUNS.search(role):
            return
        if name not in people or (role and not people[name].role):
            people[name] = Person(name, role.strip(" ,") if role else None, False)

    for match in APPOSITIVE_THEN_NAME.finditer(text):
        add(match["name"], match["role"])
    for match in PERSON_WITH_TITLE.finditer(text):
        name, role = split_role(f"{match['role']} {match['name']}")
        if name and len(name.split()) >= 2 and name not in people:
            people[name] = Person(name, role, False)
    for match in NAME_WITH_APPOSITIVE.finditer(text):
        add(match["name"], match["role"])
    for match in AUTHOR_OF_TITLE.finditer(text):
        add(match["name"], match["role"])
    return people
