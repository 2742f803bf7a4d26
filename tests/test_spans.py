"""spans: the per-Doc token lists stand in for spaCy's own attributes (invented texts)."""

from __future__ import annotations

import re

import pytest

from builder.extract.nlp import DEFAULT_MODEL, load_pipeline
from builder.extract.spans import token_table
from builder.extract.times import words_pattern

TEXT = (
    "Harbour officials in Korvanis said on Tuesday that  forty-two crew members were rescued.\n\n"
    "The Coast Authority of Meldra (CAM) sent two boats. Captain Ilse Varn's team searched the bay\n"
    "until dawn; a spokesman said 'nobody is missing'."
)


@pytest.fixture(scope="module")
def doc():
    return load_pipeline(DEFAULT_MODEL)(TEXT)


def test_table_matches_spacy(doc):
    table = token_table(doc)
    assert table is token_table(doc)  # built once per Doc
    for token in doc:
        assert table.text[token.i] == token.text
        assert table.sentence_of(token.i) == token.sent
        assert table.is_sent_start[token.i] == token.is_sent_start
        assert table.ent_type[token.i] == token.ent_type_
        assert table.ent_iob[token.i] == token.ent_iob_
        assert (table.idx[token.i], table.pos[token.i], table.tag[token.i]) == (
            token.idx,
            token.pos_,
            token.tag_,
        )
        assert (table.is_punct[token.i], table.whitespace[token.i]) == (
            token.is_punct,
            bool(token.whitespace_),
        )
    assert table.doc_text == doc.text  # two spaces in a row and line breaks included
    for start in range(len(doc)):
        for end in range(start + 1, min(start + 6, len(doc)) + 1):
            assert table.tokens_text(start, end) == doc[start:end].text
    for sentence in doc.sents:
        assert table.span_text(sentence) == sentence.text
    assert table.tokens_text(3, 3) == ""


@pytest.mark.parametrize("text", ["", "No parse here: not a sentence start, nor an entity."])
def test_table_of_an_unparsed_doc_matches_spacy(text):
    import spacy

    doc = spacy.blank("en")(text)
    table = token_table(doc)
    assert table.text == [token.text for token in doc]
    assert table.is_sent_start == [token.is_sent_start for token in doc]
    assert table.ent_iob == [token.ent_iob_ for token in doc]
    assert table.pos == [token.pos_ for token in doc]


def test_words_pattern_prefers_the_longest_word():
    words = ["a", "an", "seven", "seventeen", "seventy", "seventy-one", "seventy one"]
    pattern = re.compile(r"\b(" + words_pattern(words) + r")\s+days\b", re.I)
    assert pattern.search("Seventy one days").group(1) == "Seventy one"
    assert pattern.search("an days").group(1) == "an"
    assert pattern.search("for seventeen days").group(1) == "seventeen"
    # The longer word is tried first, the shorter one when the rest does not follow.
    assert re.match(words_pattern(words) + "teen", "seventeen").group(0) == "seventeen"
    assert pattern.search("seventy-two days") is None


def test_an_extracted_article_is_let_go():
    """Extraction drops the Doc's table, so a worker does not keep every article it parsed."""
    import gc
    import weakref

    from builder.corpus import split_paragraphs
    from builder.extract.article import extract_article
    from builder.model import Document

    nlp = load_pipeline(DEFAULT_MODEL)
    paragraphs = split_paragraphs(TEXT)
    document = Document("korvanis", "korvanis.txt", "Korvanis", TEXT, "2024-02-06", "dateline", paragraphs)
    parsed = nlp(document.text)
    token_table(parsed).sentences  # noqa: B018 - the cached sentences refer back to the Doc
    extract_article(document, parsed)
    gone = weakref.ref(parsed)
    del parsed
    gc.collect()
    assert gone() is None
