"""Direct quotations with their speakers; quoted terms kept apart; offsets that point at the text."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from briefing.clean import clean
from briefing.ingest import parse_article
from briefing.quotes import extract_quotes, split_role


def _quotes(seed_articles, key):
    return {q.text[:30]: q for q in seed_articles[key].analysis.quotes}


def test_said_after_the_quote_and_surname_resolves_to_full_name(seed_articles):
    quotes = _quotes(seed_articles, "001")
    milley = quotes["Strategic momentum appears to b"[:30]]
    assert milley.speaker == "Mark Milley"
    assert milley.speaker_role == "chairman of the Joint Chiefs of Staff"


def test_role_reference_resolves_to_the_person(seed_articles):
    quotes = _quotes(seed_articles, "001")
    package = next(q for k, q in quotes.items() if k.startswith("package of long-range"))
    assert package.speaker == "Mark Milley"


def test_title_and_name_split(seed_articles):
    psaki = next(q for q in seed_articles["002"].analysis.quotes if q.text.startswith("I don't want"))
    assert (psaki.speaker, psaki.speaker_role) == ("Jen Psaki", "White House Press Secretary")


def test_pronoun_carry_over_and_split_quotations(seed_articles):
    quotes = seed_articles["002"].analysis.quotes
    taneja = [q for q in quotes if q.speaker == "Kabir Taneja"]
    assert len(taneja) == 3  # "said Kabir Taneja", "he added", and the continuation after "he added."
    biden = [q for q in quotes if q.speaker == "Joe Biden"]
    assert any(q.text.startswith("It's not a matter of trust") for q in biden)


def test_according_to_and_appositive_roles(seed_articles):
    quotes = seed_articles["002"].analysis.quotes
    wechsler = [q for q in quotes if q.speaker == "William Wechsler"]
    assert wechsler and "deputy assistant secretary of defense" in wechsler[0].speaker_role
    assert any(q.speaker == "Greg Barton" for q in quotes)


def test_organisations_as_speakers(seed_articles):
    speakers = {q.speaker for q in seed_articles["004"].analysis.quotes}
    assert "US State Department" in speakers
    assert "India's Ministry of External Affairs" in speakers
    trump = [q for q in seed_articles["004"].analysis.quotes if q.speaker == "Trump"]
    assert len(trump) == 2  # "Trump replied," and "He then added,"


def test_scare_quotes_and_titles_are_terms_not_quotations(seed_articles):
    analysis = seed_articles["003"].analysis
    assert analysis.quotes == ()
    terms = {t.text.rstrip(".,") for t in analysis.terms}
    assert {"War on Terror", "strategic depth", "security threat"} <= terms
    titles = [t for t in seed_articles["002"].analysis.terms if t.kind == "title"]
    assert titles and titles[0].text.startswith("The ISIS Peril")
    quoted = {q.text for a in seed_articles.values() for q in a.analysis.quotes}
    assert "open war" not in quoted and "close friend" not in quoted


def test_offsets_point_at_the_quoted_text(seed_articles):
    for article in seed_articles.values():
        for quote in article.analysis.quotes:
            assert article.clean.text[quote.char_start:quote.char_end] == quote.text
            assert quote.attribution is not None and quote.attribution.text


def test_split_role():
    assert split_role("White House Press Secretary Jen Psaki") == ("Jen Psaki", "White House Press Secretary")
    assert split_role("Taliban spokesman Suhail Shaheen") == ("Suhail Shaheen", "Taliban spokesman")
    assert split_role("India's Ministry of External Affairs")[0] == "India's Ministry of External Affairs"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(list('ab C.D,“”"\n:’‘\'') + ["said", " told ", "He added, ", "Mr X", "the",
                                                              "according to ", "Gen. Mark Milley", "<b>", "&amp;"]),
                max_size=80).map("".join))
def test_extractor_never_crashes_and_offsets_hold(config, text):
    doc = parse_article("Headline for a test\n\n" + text + "\n", relative="h.txt", sha256="0", encoding="utf-8",
                        outlets={})
    cleaned = clean(doc, config)
    quotes, terms = extract_quotes(cleaned)
    for quote in quotes:
        assert cleaned.text[quote.char_start:quote.char_end] == quote.text
    for term in terms:
        assert cleaned.text[term.char_start:term.char_end] == term.text


def _extract(config, body: str):
    doc = parse_article("Headline for a test article\n\n" + body, relative="q.txt", sha256="0", encoding="utf-8",
                        outlets={})
    return extract_quotes(clean(doc, config))


def test_quotation_attributed_in_the_next_sentence(config):
    quotes, _ = _extract(config, "“We will not reopen the crossing until the attacks stop.” Interior Minister "
                                 "Mohsin Naqvi said this on Monday in Islamabad.\n")
    assert [(q.speaker, q.speaker_role) for q in quotes] == [("Mohsin Naqvi", "Interior Minister")]
    assert quotes[0].attribution.note == "named in the sentence after the quotation"


def test_quotation_attributed_in_the_previous_sentence(config):
    quotes, _ = _extract(config, "Ambassador Alfred Grannas underscored the mutual trust behind the programme. "
                                 "“The number of scholarships stands as a testament to this commitment.”\n")
    assert quotes and quotes[0].speaker == "Alfred Grannas"


def test_paragraph_of_quotation_continues_previous_speaker(config):
    quotes, _ = _extract(config, "“We have waited three years for these visas,” said Syed Hasibullah, a teacher.\n\n"
                                 "“I just wanted to tell them that we have helped you and now we expect help.”\n")
    assert [q.speaker for q in quotes] == ["Syed Hasibullah", "Syed Hasibullah"]


def test_unnamed_person_breaks_the_pronoun_chain(config):
    quotes, terms = _extract(config, "“We are leaving the city for good,” said Shawn VanDiver, the founder of a "
                                     "coalition.\n\nIn class, a 16-year-old girl broke down in tears.\n\n"
                                     "“I feel very bad about this news today,” she said.\n")
    assert [q.speaker for q in quotes] == ["Shawn VanDiver"]
    assert any(t.text.startswith("I feel very bad") and t.kind == "unattributed" for t in terms)


def test_documents_and_institutions_speak(config):
    quotes, _ = _extract(config, "The report, covering July to December 2024, states the “status and strength of "
                                 "the group had not changed”. “In reciprocity, the mission will be upgraded to an "
                                 "embassy soon,” the ministry added.\n")
    assert quotes[0].speaker == "report"
