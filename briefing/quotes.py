"""Direct quotations and their speakers.

A quoted string counts as a quotation only when it is long enough to be a statement and somebody
in reach said it; scare quotes, single terms, titles of works and unattributed fragments are kept
apart as terms and never shown as anybody's words. Offsets point into the cleaned text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from briefing.models import CleanDocument, Evidence, Quote, QuotedTerm, Span
from briefing.text import shorten, split_sentences, word_count

MIN_QUOTE_WORDS = 5
REPORTING_VERBS = (
    r"said|says|told|tells|stated|states|added|adds|insisted|insists|declared|declares|asked|asks|warned|warns|"
    r"noted|notes|replied|replies|responded|commented|explained|argued|argues|claimed|claims|alleged|wrote|"
    r"writes|tweeted|posted|vowed|pledged|promised|acknowledged|admitted|conceded|urged|continued|mentioned|"
    r"acknowledges|admits|predicts|insists|argues|believes|recalls|explains|warns|"
    r"underlined|underscored|highlighted|reiterated|opined|indicated|affirmed|asserted|pointed out|explained|"
    r"detailed|clarified|recounted|lamented|predicted|termed|described|"
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
               r"adviser|advisor|leader|commander|president|director|coordinator|representative|head|governor|"
               r"analyst|expert|professor|researcher|founder|chair|general|senator|lawmaker)")
VERB = re.compile(rf"\b(?:{REPORTING_VERBS}|called (?:on|upon|for)|(?:statement|pledge|promise|claim|assertion|vow|"
                  rf"warning|demand|remarks) (?:that|to|of))\b")
ROLE_ADJECTIVES = {"foreign", "defence", "defense", "interior", "finance", "prime", "press", "deputy", "former", "vice",
                   "senior", "acting", "interim", "caretaker", "federal", "information", "external", "state"}
SENTENCE_END_MARK = re.compile(r"[.!?][”\"’)]?\s")
QUOTE_MARK = re.compile(r"[“”\"]")
SPEECH_IN = re.compile(rf"\b(?:{REPORTING_VERBS}|recalled|recounted)\b")
PARENTHETICAL = re.compile(r"\s*\([^()“”\"]{1,40}\)")
INVERTED_VERB = re.compile(r"(?:said|says|added|adds|asked|wrote|noted|continued)\s+")
SPEECH_VERB = re.compile(r"said|says|told|tells|stated|states|added|adds|noted|notes|asked|asks|warned|warns|"
                         r"mentioned|remarked|underlined|stressed|emphasised|emphasized|observed|maintained|"
                         r"insisted|insists|declared|declares|replied|replies|wrote|writes|tweeted|posted|"
                         r"told reporters|said in a statement", re.IGNORECASE)
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
    attributor = _Attributor(clean)
    quotes: list[Quote] = []
    terms: list[QuotedTerm] = []
    for quoted in find_quoted_spans(clean):
        inner = text[quoted.span.start:quoted.span.end]
        words = word_count(inner)
        if TITLE_CONTEXT.search(text[quoted.sentence.start:quoted.span.start - 1]):
            terms.append(QuotedTerm(inner, quoted.span.start, quoted.span.end, "title"))
            attributor.forget_previous()
            continue
        person, evidence = attributor.speaker_of(quoted, words)
        if person is None or words < MIN_QUOTE_WORDS:
            terms.append(QuotedTerm(inner, quoted.span.start, quoted.span.end,
                                    "term" if words < MIN_QUOTE_WORDS else "unattributed",
                                    person.name if person else None))
            attributor.forget_previous()
            continue
        attributor.record(quoted, person)
        themes = (sentence_themes or {}).get(quoted.sentence, ())
        # The comma that closes a quotation before its attribution belongs to the sentence, not the speaker.
        trimmed = inner.rstrip().rstrip(",;:").rstrip()
        start = quoted.span.start + (len(inner) - len(inner.lstrip()))
        quotes.append(Quote(trimmed.strip(), person.name, person.role, start, start + len(trimmed.strip()),
                            evidence, themes))
    return quotes, terms


class _Attributor:
    """Who said each quotation, in reading order, carrying speakers from one quotation to the next."""

    def __init__(self, clean: CleanDocument):
        self.clean = clean
        self.text = clean.text
        self.people = find_people(self.text)
        self.sentences = split_sentences(self.text, clean.paragraphs)
        self.mentions = person_mentions(self.text, self.people, self.sentences)
        self.last_organisation: tuple[Person, int] | None = None
        self.previous: tuple[QuotedSpan, Person] | None = None
        # The pronoun each speaker has been called by: "she" never resolves to somebody called "he".
        self.pronouns: dict[str, str] = {}

    def forget_previous(self) -> None:
        self.previous = None

    def record(self, quoted: QuotedSpan, person: Person) -> None:
        if person.organisation:
            self.last_organisation = (person, quoted.paragraph)
        else:
            bisect.insort(self.mentions, (quoted.span.start, SPEAKER, person))
        self.previous = (quoted, person)

    def speaker_of(self, quoted: QuotedSpan, words: int) -> tuple[Person | None, Evidence | None]:
        text, paragraphs = self.text, self.clean.paragraphs
        before = text[quoted.sentence.start:quoted.span.start - 1]
        after = text[quoted.span.end + 1:quoted.sentence.end]
        organisation = self.last_organisation[0] if self.last_organisation and \
            quoted.paragraph - self.last_organisation[1] <= 2 else None  # "it": an institution that spoke just before
        if document := DOCUMENT_BEFORE.findall(before):  # "…in the peace agreement: the US, it says, will seek “…”"
            organisation = Person(document[-1].strip(), None, True)
        # 1. The sentence's own attribution.
        found = self._first_resolvable(_attributions(before, after), quoted, words, organisation)
        if found:
            return found[0], Evidence("attribution", shorten(found[1].strip(), 160))
        # 2. The previous sentence of the same paragraph: "He underscored the mutual trust… “…”"
        earlier = [s for s in self.sentences if paragraphs[quoted.paragraph].start <= s.start < quoted.sentence.start]
        if earlier and words >= MIN_QUOTE_WORDS:
            sentence = text[earlier[-1].start:earlier[-1].end]
            found = self._first_resolvable(_attributions(PARENTHETICAL.sub("", sentence), ""), quoted, words,
                                           organisation)
            if found:
                return found[0], Evidence("attribution", shorten(found[1].strip(), 160),
                                          "named in the sentence before the quotation")
        # 2b. The next sentence of the same paragraph: "“…” The minister said so on Monday."
        later = [s for s in self.sentences if quoted.sentence.end <= s.start < paragraphs[quoted.paragraph].end]
        if later and words >= MIN_QUOTE_WORDS and not QUOTE_MARK.search(text, later[0].start, later[0].end):
            sentence = text[later[0].start:later[0].end]
            speech = [v for v in VERB.finditer(sentence) if SPEECH_VERB.fullmatch(v.group(0))]
            if speech:
                found = self._first_resolvable(_attributions(PARENTHETICAL.sub("", sentence[: speech[0].end()]), ""),
                                               quoted, words, organisation)
                if found:
                    return found[0], Evidence("attribution", shorten(found[1].strip(), 160),
                                              "named in the sentence after the quotation")
        last_speaker = self._last_speaker(quoted, None)
        # 3. A paragraph that is only a quotation goes on with the speaker of the paragraph before it.
        if words >= MIN_QUOTE_WORDS and last_speaker is not None and quoted.paragraph > 0 \
                and quoted.span.start - 1 == paragraphs[quoted.paragraph].start \
                and SPEECH_IN.search(text, paragraphs[quoted.paragraph - 1].start, paragraphs[quoted.paragraph - 1].end):
            return last_speaker, Evidence("continuation", "", "opens a paragraph after the speaker's own paragraph")
        # 4. A quotation split around its attribution: "…," he added. "…"
        if self.previous is not None and self.previous[0].paragraph == quoted.paragraph \
                and words >= MIN_QUOTE_WORDS and _only_quotes_between(text, self.previous[0], quoted):
            return self.previous[1], Evidence("continuation", text[self.previous[0].span.end:quoted.span.start].strip(),
                                              "continues the previous quotation in the same paragraph")
        return None, None

    def _last_speaker(self, quoted: QuotedSpan, pronoun: str | None) -> Person | None:
        # "he said": the last person who spoke, else somebody named in this paragraph or the two before.
        reach_start = self.clean.paragraphs[max(0, quoted.paragraph - 2)].start
        return _latest_person(self.mentions, quoted.span.start, reach_start, self.text,
                              lambda p: pronoun is None or self.pronouns.get(p.name, pronoun) == pronoun)

    def _first_resolvable(self, candidates: list[tuple[str, str]], quoted: QuotedSpan, words: int,
                          organisation: Person | None) -> tuple[Person, str] | None:
        for subject, words_used in candidates:
            if words < MIN_QUOTE_WORDS and len(words_used) > 80:
                continue  # a term is only credited to a speaker named right beside it
            pronoun = subject.lower() if subject.lower() in ("he", "she") else None
            person = _resolve(subject, self.people, self._last_speaker(quoted, pronoun), organisation)
            if person:
                if pronoun:
                    self.pronouns.setdefault(person.name, pronoun)
                return person, words_used
        return None


def person_mentions(text: str, people: dict[str, "Person"], sentences: list[Span],
                    ) -> list[tuple[int, str, "Person"]]:
    """Where each person is named: registered people by full name or surname, and the subjects of
    speech verbs ("…, said Syed Hasibullah"), so that a later "he said" can be resolved."""
    found: list[tuple[int, str, Person]] = []
    for person in people.values():
        names = {person.name, person.name.split()[-1]}
        for name in names:
            for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
                kind = SUBJECT if SUBJECT_AFTER.match(text, match.end()) else NAMED
                found.append((match.start(), kind, person))
    for match in NAME_AS_SUBJECT.finditer(text):  # "…rights activist Hoda Khamosh was defiant"
        name = match["name"]
        if name not in people and name.split()[-1].lower() not in NOT_A_PERSON and \
                not any(w.lower() in ROLE_WORDS | ORGANISATION_WORDS for w in name.split()):
            found.append((match.start("name"), SUBJECT, Person(name, None, False)))
    for match in SINGLE_NAME_SUBJECT.finditer(text):  # "One of Hasibullah’s students, Fatima, has no idea"
        if match["name"].lower() not in NOT_A_PERSON and match["name"] not in people:
            found.append((match.start("name"), SUBJECT, Person(match["name"], None, False)))
    for span in sentences:
        sentence = text[span.start:span.end]
        for verb in re.finditer(rf"\b(?:{SPEECH_VERB.pattern})\b", sentence):
            inverted = INVERTED.match(sentence[verb.start():]) if INVERTED_VERB.match(sentence[verb.start():]) \
                else None  # "…, said Syed Hasibullah"; not "told Reuters"
            subject = (_subject_chunk(inverted["subject"], name_only=True) if inverted else None) or \
                _subject_before(PARENTHETICAL.sub("", sentence[:verb.start()]))
            if not subject or subject.lower() in PRONOUNS:
                continue
            registered = _resolve(subject, people, None, None)
            if registered is not None and registered in people.values():
                found.append((span.start + verb.start(), SPEAKER, registered))  # "The NSA … said"
                continue
            name, role = split_role(re.sub(r"^(?:the|a|an)\s+", "", subject))
            # A mention is a personal name: two words or more, or the surname of somebody registered.
            if name and not _is_organisation(subject) and name[:1].isupper() and not name.endswith(("'s", "’s")) \
                    and name.split()[-1].lower() not in NOT_A_PERSON \
                    and (len(name.split()) > 1 or any(key.split()[-1] == name for key in people)):
                known = people.get(name) or next((p for key, p in people.items()
                                                  if key.split()[-1] == name.split()[-1]), None)
                person = known or Person(name, role, False)
                found.append((span.start + verb.start(), SPEAKER, person))
    return sorted(found, key=lambda item: (item[0], item[1]))


# A person merely named, named as the subject of a sentence, or who says something.
NAMED, SUBJECT, SPEAKER = "named", "subject", "speaker"
SUBJECT_AFTER = re.compile(r"(?:,[^,;“”\"]{1,80},)?(?:\s+(?:on|in|at|while|during)\s+[^,.;“”\"]{1,40}?)?"
                           r"\s+(?:has|had|is|was|were|did|does|will|would|could|can|also|said|says|told|"
                           r"[a-z]+ed)\b")
NAME_AS_SUBJECT = re.compile(r"(?<![\w’'-])(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})\s+"
                             r"(?:was|is|has|had|speaking|addressing|talking|[a-z]{3,}ed)\b")
SINGLE_NAME_SUBJECT = re.compile(r"(?:^|[,.;]\s+)(?P<name>[A-Z][a-z]{2,}),\s+(?:[^,;“”\"]{1,60},\s+)?(?:has|had|is|was|who)\b",
                                 re.MULTILINE)


# Somebody introduced without a name ("a 16-year-old girl broke down in tears") is the likelier "she".
UNNAMED_PERSON = re.compile(
    r"\b(?:a|an|one)\s+(?:[\w-]+\s+){0,3}?(?:girl|boy|woman|man|mother|father|resident|student|teacher|refugee|"
    r"farmer|shopkeeper|trader|soldier|survivor|witness|doctor|nurse|driver|villager|worker|widow|child|"
    r"passenger|patient|elder|tribesman|mourner|relative)\b", re.IGNORECASE)


def _latest_person(mentions: list[tuple[int, str, "Person"]], position: int, earliest: int,
                   text: str = "", accept=lambda person: True) -> "Person | None":
    """Whom "he" or "she" refers to: the last person who spoke, else the last one named nearby.

    News carries a speaker from one "he said" to the next, past other people merely named in
    between; somebody introduced without a name since then breaks the chain.
    """
    before = mentions[: bisect.bisect_left(mentions, (position, ""))]
    speaker = next(((where, p) for where, kind, p in reversed(before) if kind in (SPEAKER, SUBJECT)
                    and not p.organisation and accept(p)), None)
    named = next(((where, p) for where, kind, p in reversed(before) if where >= earliest and not p.organisation
                  and accept(p)), None)
    chosen = speaker or named
    if chosen is None:
        return None
    # Somebody unnamed introduced after the person's own sentence takes over ("a 16-year-old girl …").
    end = SENTENCE_END_MARK.search(text, chosen[0])
    sentence_end = end.end() if end and end.end() < position else chosen[0]
    if UNNAMED_PERSON.search(text, sentence_end, position):
        return None
    return chosen[1]


def _only_quotes_between(text: str, first: QuotedSpan, second: QuotedSpan) -> bool:
    between = text[first.span.end:second.span.start]
    return len(between) < 80 or not re.search(r"[“\"]", between[1:-1])


def _attributions(before: str, after: str) -> list[tuple[str, str]]:
    """The subject of the reporting clause around a quotation, and the words that named it.

    The clause right after the quotation wins ("…," Milley said / "…," said Kabir Taneja), then
    "according to X", then the main clause's speech verb before it (Milley added, "…"; WFP said the
    US had announced … "…"), other reporting verbs ("vowed", "called upon") only without a speech
    verb, then a bare colon (Biden: "…"). Candidates come best first; the caller takes the first it
    can resolve to a speaker.
    """
    found: list[tuple[str, str]] = []
    # Acronyms in brackets get in the way of names: "the Foreign Office (FO) said".
    before, after = PARENTHETICAL.sub("", before), PARENTHETICAL.sub("", after)
    after_clause = re.split(r"[“\"]|(?<=[a-z]{2}[.!?])\s", after.lstrip(" ,.;:—–-"), maxsplit=1)[0]
    if match := INVERTED.match(after_clause):  # "…," said Kabir Taneja, author of …
        subject = _subject_chunk(match["subject"], name_only=True)
        if subject:
            found.append((subject, after_clause[: match.end()].strip()))
    verb = AFTER_VERB.search(after_clause)
    if verb and verb.start() <= 160:  # "…," the newly appointed spokesperson Shafqat Ali Khan said
        chunk = re.sub(r",\s*[^,]{2,140},\s*$", "", after_clause[: verb.start()])  # "Wechsler, now the director…,"
        subject = _subject_chunk(chunk)
        if subject:
            found.append((subject, after_clause[: verb.end()].strip()))
    if match := ACCORDING_TO.search(after_clause):
        subject = _subject_chunk(match["subject"])
        if subject:
            found.append((subject, match.group(0)))
    for clause in (after_clause, before):  # He quoted Senator Lindsay Graham as saying, "…"
        if match := QUOTED_AS_SAYING.search(clause):
            found.append((match["subject"], match.group(0)))
    verbs = list(VERB.finditer(before))
    speech = [v for v in verbs if SPEECH_VERB.fullmatch(v.group(0))]
    for verb in reversed(speech) if speech else reversed(verbs):
        subject = _subject_before(before[: verb.start()])
        if subject:
            start = before.rfind(subject, 0, verb.start())
            found.append((subject, before[max(0, start):]))
    if before.rstrip().endswith(":"):
        subject = _subject_before(before.rstrip()[:-1])
        if subject:
            found.append((subject, before[max(0, before.rfind(subject)):]))
    return found


_NAME_CHUNK = r"[^,;:“”\"]{1,110}?"
INVERTED = re.compile(rf"^(?:{REPORTING_VERBS})\s+(?P<subject>{_NAME_CHUNK})(?=,|(?<![A-Z])\.|\s+(?:in|at|on|to|during|after|"
                      r"before|while|when|who|from)\b|$)")
AFTER_VERB = re.compile(rf"\b(?:{REPORTING_VERBS})\b")
ACCORDING_TO = re.compile(rf"\baccording to\s+(?P<subject>{_NAME_CHUNK})(?=,|(?<![A-Z])\.|\s+(?:in|at|on|who)\b|$)")
QUOTED_AS_SAYING = re.compile(r"\bquoted\s+(?P<subject>[^,;:“”\"]{2,80}?)\s+as\s+saying\b")
# Where the subject of a clause starts: after the previous clause, quotation or conjunction.
CLAUSE_BOUNDARY = re.compile(r"[;:—–“”\"]|\b(?:that|and|but|while|as|when|because|after|before|if|although)\s")
ADVERBIAL = {"on", "this", "last", "week", "month", "also", "then", "later", "today", "yesterday", "earlier",
             "again", "further", "separately", "however", "recently", "once", "here", "there", "now", "too",
             "late", "early", "in", "a", "statement", "interview", "briefing", "has", "have", "had", "was", "were",
             "is", "are", "will", "would", "did", "does", "reportedly", "publicly", "repeatedly", "previously", "subsequently", "meanwhile", "moreover", "who"} | WEEKDAY_NAMES
# Last words of capitalised phrases that name places, documents or groups, never a person.
NOT_A_PERSON = {"line", "gate", "corridor", "process", "plan", "act", "party", "league", "movement", "province",
                "district", "valley", "river", "airport", "base", "camp", "declaration", "agreement", "report",
                "conference", "summit", "road", "border", "pass", "square", "university", "institute", "network",
                "council", "forces", "army", "government", "ministry", "office", "department", "day", "week"}
DOCUMENT_BEFORE = re.compile(r"\bthe\s+(?:[\w-]+\s+){0,2}?(?:report|statement|resolution|declaration|agreement|"
                             r"letter|communiqu[eé]|accord|deal|treaty)\b(?=[^“”\"]*\bit\s+(?:says|said|states|stated)\b)")
# People described rather than named ("the retired pilot", "the unemployed 25-year-old").
HUMAN_NOUN = re.compile(r"\b(?:\d+-year-old|man|woman|pilot|teacher|student|resident|farmer|doctor|engineer|"
                        r"businessman|shopkeeper|trader|activist|lawyer|refugee|father|mother|survivor|witness|"
                        r"veteran|driver|villager|worker|mourner|elder)s?\b", re.IGNORECASE)
DOCUMENT_WORDS = {"report", "statement", "resolution", "declaration", "agreement", "letter", "communique",
                  "communiqué", "release", "document", "memo", "order", "notification"}


def _subject_chunk(chunk: str, name_only: bool = False) -> str | None:
    """Tidy a candidate subject: drop leading articles and trailing adverbials; keep it if it names someone.

    With ``name_only`` (after an inverted verb: "said Kabir Taneja"), every word must be part of a
    name or title, so that "said Pakistan was offering…" is not read as a speaker.
    """
    words = chunk.strip().split()
    if name_only and not all(w[:1].isupper() or w.lower() in CONNECTORS or w.lower() in ROLE_WORDS
                             or re.fullmatch(_ROLE_LOWER, w.lower()) for w in words):
        return None
    while words and words[-1].lower().strip(".,") in ADVERBIAL:
        words.pop()
    if not words or len(words) > 14:
        return None
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return words[0]
    text = " ".join(words).rstrip(",")
    if text.endswith(".") and not re.search(r"\b[A-Z]\.$", text):
        text = text[:-1]
    for index, word in enumerate(words):
        # "Hassan Mubarak Azizi on the occasion", "Moeed Yusuf in an interview": the name ends there.
        if index and word in ("on", "in", "at", "during", "while", "from", "with", "after", "before", "via") \
                and any(w[:1].isupper() for w in words[:index]):
            words = words[:index]
            break
    if any(w[:1].isupper() for w in words):
        # "along with the Taliban’s", "the newly appointed Foreign Office spokesperson X": the name part.
        while words and not words[0][:1].isupper() and words[0].lower() not in ROLE_WORDS | ROLE_ADJECTIVES \
                and not re.fullmatch(_ROLE_LOWER, words[0].lower()):
            words.pop(0)
        text = " ".join(words).rstrip(",")
    if any(w[:1].isupper() for w in words) or ROLE_NOUNS.search(text):
        if words[0].lower() in PRONOUNS and len(words) > 1:
            return None
        return text
    if any(w.lower().strip(".,") in ORGANISATION_WORDS | DOCUMENT_WORDS for w in words):
        return text  # "the ministry added", "the report stated"
    if HUMAN_NOUN.search(text) and words[0].lower() == "the":
        return text  # "the retired pilot said": somebody already introduced
    return None


def _describes_role(segment: str) -> bool:
    """", Pakistan’s special representative for Afghanistan,": a description, not a name."""
    words = segment.split()
    return bool(ROLE_NOUNS.search(segment)) and sum(w[:1].islower() for w in words) >= 2


def _subject_before(text: str) -> str | None:
    """The subject that ends ``text``, the words before a reporting verb."""
    text = text.rstrip()
    if text.endswith(","):
        # "Wechsler, now the director of …," / "The report, covering … to Dec 13, 2024,": drop the appositive.
        segments = text[:-1].split(",")
        while len(segments) > 1 and (segments[-1].strip()[:1].islower() or segments[-1].strip()[:1].isdigit()
                                     or _describes_role(segments[-1]) and re.search(r"[A-Z]", segments[-2])):
            segments.pop()
        text = ",".join(segments)
    boundary = 0
    for match in CLAUSE_BOUNDARY.finditer(text):
        boundary = match.end()
    clause = text[boundary:]
    relative = re.search(r",\s*(?:who|which)\b[^,]*$", clause)
    if relative:
        clause = clause[: relative.start()]  # "Hina Rabbani Khar, who also addressed the meeting said"
    if "," in clause:
        clause = clause[clause.rfind(",") + 1:]  # "After the attack, President Joe Biden vowed"
    participle = re.search(r"(?<=[A-Za-z])\s+[a-z]+ing\b", clause)
    if participle and re.search(r"[A-Z]", clause[: participle.start()]):
        clause = clause[: participle.start()]  # "The NSA addressing a media conference in Washington DC,"
    return _subject_chunk(clause)


def _resolve(subject: str, people: dict[str, Person], last_speaker: Person | None,
             last_organisation: Person | None) -> Person | None:
    cleaned = re.sub(r"^(?:the|a|an)\s+", "", subject.strip(), flags=re.IGNORECASE)
    cleaned = re.sub(r"['’]s$", "", cleaned)
    lowered = cleaned.lower()
    if lowered in ("he", "she", "they"):
        return last_speaker
    if lowered == "it":
        return last_organisation
    words = cleaned.split()
    institution = [w.lower().strip(".,") for w in words if w.lower().strip(".,") in ORGANISATION_WORDS | DOCUMENT_WORDS]
    if institution and cleaned == cleaned.lower():
        # "the ministry added", "the report claimed": the institution that spoke last, or the document.
        if last_organisation and institution[-1] in last_organisation.name.lower():
            return last_organisation
        return Person(cleaned, None, True) if institution[-1] in DOCUMENT_WORDS else None
    if re.fullmatch(r"[A-Z]{2,5}", cleaned):  # "the NSA said": the person whose title it abbreviates
        titled = [p for p in people.values() if p.role and _acronym(p.role) == cleaned]
        if len(titled) == 1:
            return titled[0]
    if HUMAN_NOUN.search(cleaned) and not re.search(r"[A-Z]", cleaned) and not ROLE_NOUNS.search(cleaned):
        # "the retired pilot said": the person the article has just been speaking of.
        return last_speaker if not cleaned.endswith("s") else Person(cleaned, None, False)
    name, role = split_role(cleaned)
    if not name and len(words) > 1 and all(w[:1].isupper() or w.lower() in CONNECTORS for w in words) \
            and not ROLE_NOUNS.search(cleaned):
        return Person(cleaned, None, True)  # "Radio Pakistan", "Foreign Office": an institution by its name
    if not name:
        if not ROLE_NOUNS.search(cleaned) and not institution:
            return None  # "US", "Afghan": not somebody who speaks
        # "the Joint Chiefs chairman": a role; find the person introduced with it.
        match = next((p for p in people.values() if p.role and _shares_role(cleaned, p.role)), None)
        if match:
            return match
        if last_speaker and last_speaker.role and _shares_role(cleaned, last_speaker.role):
            return last_speaker
        # Otherwise the role as the source gives it: "the Foreign Office Spokesperson", "the analysts".
        return Person(cleaned, None, _is_organisation(cleaned))
    known = people.get(name) or next((p for key, p in people.items() if key.split()[-1] == name.split()[-1]
                                      and len(key) >= len(name)), None)
    if known is None and len(name.split()) == 1:
        # "Mushahid highlighted" after "Senator Mushahid Hussain": a first name used alone, if unambiguous.
        firsts = [p for key, p in people.items() if key.split()[0] == name]
        known = firsts[0] if len(firsts) == 1 else None
    if known:
        return Person(known.name, known.role or role, known.organisation)
    return Person(name, role, _is_organisation(cleaned))


def _acronym(role: str) -> str:
    honorifics = {"dr", "dr.", "mr", "mr.", "ms", "ms.", "gen.", "gen", "prof", "prof."}
    return "".join(w[0] for w in role.split() if w[:1].isupper() and w.lower() not in honorifics)


def _shares_role(descriptor: str, role: str) -> bool:
    if descriptor.isupper() and len(descriptor) >= 2 and descriptor == _acronym(role):
        return True  # "the NSA" for "National Security Adviser"
    def words_of(text: str) -> set[str]:  # spokesman, spokeswoman and spokesperson are one role
        return {re.sub(r"^spokes(?:man|woman|person)$", "spokes", w.lower().strip(".,")) for w in text.split()}
    words = words_of(descriptor) - {"the", "a", "an", "of"}
    role_words = words_of(role)
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
    rf"Marshall?|Chairman|Ambassador|Senator|Sen\.|Spokesman|Spokesperson|Mullah|Mawlawi|Maulana|Dr\.?|Prof\.?|"
    rf"Adviser|Advisor|Director|Chief|Envoy|Governor)"
    rf"(?:\s+{PROPER})??)\s+(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?(?:\s+(?:al-|bin\s+)?[A-Z][a-z'’-]+){{1,3}})")
NAME_WITH_APPOSITIVE = re.compile(
    r"(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){1,3}),\s*(?P<role>(?:(?:a|an|the|now the|now an?)\s+)?"
    r"[^,.;“”\"]{3,110}?)(?=[,.;]|\s+(?:told|said|who)\b)")
AUTHOR_OF_TITLE = re.compile(
    r"(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){1,3}),\s*(?P<role>(?:the\s+|an?\s+)?"
    r"(?:author|co-author|editor|director|producer) of\s+[“\"][^”\"]{3,160}[”\"])")
APPOSITIVE_THEN_NAME = re.compile(
    r"\bthe\s+(?P<role>[a-z][\w'’ -]{3,80}?),\s*(?:(?:Gen|Dr|Mr|Ms|Prof|Sen)\.\s+)?(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,3})\b")


MONTH_NAMES = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december"}


def _without_trailing_dates(name: str | None) -> str | None:
    """"Moeed Yusuf Sunday said": a weekday or month is not part of a name."""
    if not name:
        return name
    words = name.split()
    while len(words) > 1 and words[-1].lower() in WEEKDAY_NAMES | MONTH_NAMES:
        words.pop()
    return " ".join(words)


def find_people(text: str) -> dict[str, Person]:
    """Full names mentioned with a role, so that later surnames and role references resolve to them."""
    people: dict[str, Person] = {}
    text = PARENTHETICAL.sub(lambda m: " " * len(m.group(0)), text)  # "Adviser (NSA) Dr Moeed Yusuf"
    text = re.sub(r"\s{2,}", " ", text)

    def add(name: str, role: str | None) -> None:
        name, _ = split_role(name)
        name = _without_trailing_dates(name)
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
        name = _without_trailing_dates(name)
        if name and len(name.split()) >= 2 and name not in people:
            people[name] = Person(name, role, False)
    for match in NAME_WITH_APPOSITIVE.finditer(text):
        add(match["name"], match["role"])
    for match in AUTHOR_OF_TITLE.finditer(text):
        add(match["name"], match["role"])
    return people
