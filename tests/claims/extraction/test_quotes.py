from claims.extraction import extract_claims
from claims.extraction.quotes import quotation_spans


def test_quotation_spans_pair_curly_and_straight_marks():
    text = 'He said “A. B.” and then "C".\nNo quote here.'
    spans = quotation_spans(text)
    assert [text[s:e] for s, e in spans] == ["A. B.", "C"]


def test_quoted_sentences_take_the_speaker_named_after_the_quotation(nlp):
    text = (
        "Opposition leader Maria Lopez rejected the minister's accusation. "
        "“The minister is using this to target me. This is low and dishonest,” Lopez said."
    )
    claims = extract_claims(text, nlp=nlp, threshold=0.0)
    by_quote = {c.quote: c for c in claims}
    first = next(c for q, c in by_quote.items() if q.startswith("The minister is using"))
    assert first.source == "Maria Lopez"
    assert first.statement.startswith("Maria Lopez said")


def test_quoted_claim_statement_names_its_speaker(nlp):
    text = "“The company lost 20,000 jobs in 2002,” Chief executive John Smith said."
    claims = extract_claims(text, nlp=nlp, threshold=0.0)
    assert claims[0].statement.startswith("Chief executive John Smith said that the company lost")


def test_a_quotation_after_a_long_attribution_goes_on_in_the_speaker_s_voice(nlp):
    # Invented: the speech verb is far from the second quotation's opening mark.
    text = (
        '"We are not criminals," said Ana Kovac, a dairy farmer from the eastern town of '
        'Brest Polje, who has camped on the ring road since Saturday. "They raise taxes on '
        'diesel and then tell us to be patient."'
    )
    claims = extract_claims(text, nlp=nlp, threshold=0.0)
    second = next(c for c in claims if c.quote.startswith("They raise taxes"))
    assert second.source == "Ana Kovac"
    assert second.statement.startswith("Ana Kovac said")


def test_a_quotation_in_another_paragraph_is_not_the_last_speaker_s(nlp):
    text = '"We are not criminals," said Ana Kovac.\n\n"Prices rose by 18 percent in a year."'
    claims = extract_claims(text, nlp=nlp, threshold=0.0)
    other = next(c for c in claims if c.quote.startswith("Prices rose"))
    assert other.source != "Ana Kovac"


def test_a_quoted_sentence_opening_with_nobody_reads_on_after_said_that(nlp):
    text = '"Nobody lost their job this year," Mayor Lena Brandt told reporters.'
    claims = extract_claims(text, nlp=nlp, threshold=0.0)
    assert claims[0].statement == "Mayor Lena Brandt said that nobody lost their job this year."


def test_a_quoted_sentence_opening_with_a_common_noun_reads_on_lowercase(nlp):
    text = (
        '"Management has made mistakes for years," union leader Otto Brandl said. '
        '"Velta has lost 1.2 billion euros," he added.'
    )
    statements = [c.statement for c in extract_claims(text, nlp=nlp, threshold=0.0)]
    assert any("said that management has made mistakes" in s for s in statements)
    assert not any("said that velta" in s for s in statements)  # a name keeps its capital
