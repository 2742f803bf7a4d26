import pytest
import spacy

from builder.corpus import split_paragraphs
from builder.extract import nlp as nlp_stage
from builder.extract.nlp import ModelNotFound, load_pipeline, parse_documents, text_pieces
from builder.model import Document


def document(doc_id, text):
    return Document(doc_id, f"{doc_id}.txt", "", text, None, "none", split_paragraphs(text))


def test_text_pieces_cover_the_text_exactly():
    text = ("A sentence here. " * 40 + "\n\n") * 30
    pieces = text_pieces(text, limit=500)
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= 500 for _, piece in pieces)
    assert [offset for offset, _ in pieces] == sorted(offset for offset, _ in pieces)


def test_long_article_is_parsed_in_pieces_with_offsets_intact(monkeypatch):
    monkeypatch.setattr(nlp_stage, "PIECE_CHARS", 300)
    blank = spacy.blank("en")
    long_text = "".join(f"Paragraph {n} names Mayor Quinn of Westport.\n\n" for n in range(200))
    assert len(text_pieces(long_text, 300)) > 10
    docs = [document("long", long_text), document("short", "Short one.")]
    parsed = list(parse_documents(blank, docs))
    assert [d.id for d, _ in parsed] == ["long", "short"]
    long_doc = parsed[0][1]
    assert long_doc.text == long_text
    token = [t for t in long_doc if t.text == "Westport"][150]
    assert long_text[token.idx : token.idx + len("Westport")] == "Westport"


def test_missing_model_says_how_to_install_it():
    with pytest.raises(ModelNotFound, match="pip install"):
        load_pipeline("no_such_model_xyz")
