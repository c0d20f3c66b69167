from claims.extraction.segmentation import paragraph_offsets, sentence_spans


def test_sentence_spans_never_cross_a_line_break(nlp):
    text = "date 2024-12-03 World\n\nBEIRUT -\n\nRebels took two towns on Monday. Troops fled."
    sentences = [s.text for s in sentence_spans(nlp(text))]
    assert sentences == [
        "date 2024-12-03 World",
        "BEIRUT -",
        "Rebels took two towns on Monday.",
        "Troops fled.",
    ]


def test_sentence_offsets_are_exact(nlp):
    text = "  First line here.\n\nSecond paragraph, with  spaces. And more.  "
    for sentence in sentence_spans(nlp(text)):
        assert text[sentence.start_char : sentence.end_char] == sentence.text
        assert sentence.text == sentence.text.strip()


def test_paragraph_offsets_strip_blank_lines():
    text = "One.\n\n  Two.  \n"
    assert [text[s:e] for s, e in paragraph_offsets(text)] == ["One.", "Two."]
