from pathlib import Path

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st

from builder.corpus import read_corpus, split_paragraphs
from builder.extract import executors
from builder.extract import nlp as nlp_stage
from builder.extract.executors import run_executor, run_serial
from builder.extract.nlp import (
    ModelNotFound,
    document_pieces,
    load_pipeline,
    parse_documents,
    text_pieces,
)
from builder.model import Document
from builder.settings import RunSettings

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


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


# --- long articles in pieces ---------------------------------------------------------


@given(
    st.lists(st.text(alphabet="abc .,", min_size=1, max_size=40).filter(str.strip), min_size=1, max_size=60),
    st.sampled_from(["\n", "\n\n", "\n \n"]),
    st.integers(min_value=45, max_value=400),
)
def test_a_piece_boundary_never_splits_a_paragraph(paragraphs, separator, limit):
    """Paragraphs under the limit: every piece starts where a paragraph starts, and holds it whole."""
    text = separator.join(paragraphs) + "\n"
    doc = document("long", text)
    pieces = document_pieces(doc, limit)
    starts = {paragraph.start for paragraph in doc.paragraphs}
    assert "".join(piece.document.text for piece in pieces) == text
    assert [piece.last for piece in pieces] == [False] * (len(pieces) - 1) + [True]
    for piece in pieces:
        assert piece.offset == 0 or piece.offset in starts
        assert len(piece.document.text) <= max(limit, len(separator) + 40)
        for local, paragraph in enumerate(piece.document.paragraphs):
            whole = doc.paragraphs[piece.first_paragraph + local]
            assert paragraph.index == local
            assert (paragraph.start + piece.offset, paragraph.end + piece.offset) == (whole.start, whole.end)
    assert sum(len(piece.document.paragraphs) for piece in pieces) == len(doc.paragraphs)


def test_a_paragraph_longer_than_a_piece_is_cut_at_a_sentence_and_kept_in_both():
    text = "Short opening line.\n" + "A sentence of the long paragraph. " * 20 + "\nClosing line.\n"
    doc = document("long", text)
    pieces = document_pieces(doc, limit=200)
    assert len(pieces) > 2
    assert "".join(piece.document.text for piece in pieces) == text
    assert all(piece.document.text.endswith(("\n", ". ")) for piece in pieces)
    long_paragraph = [piece for piece in pieces if piece.first_paragraph == 1]
    assert len(long_paragraph) >= 2  # its stretches are each numbered paragraph 0 of their piece
    assert all(piece.document.paragraphs[0].index == 0 for piece in long_paragraph)


def test_an_article_under_the_limit_is_one_piece_itself():
    doc = document("short", "One paragraph.\n\nAnother.\n")
    (piece,) = document_pieces(doc)
    assert piece.document is doc and piece.offset == 0 and piece.last


@pytest.fixture(scope="module")
def seeds_as_one_article():
    """The seeds' texts one after another: some 14,000 characters, small enough to parse whole."""
    texts = [document.text.strip() for document in read_corpus(SEEDS).documents]
    text = "\n\n".join(texts) + "\n"
    return Document("long", "long.txt", "", text, "2024-02-01", "dateline", split_paragraphs(text))


def test_piecewise_extraction_finds_what_one_parse_finds_at_the_same_offsets(
    seeds_as_one_article, monkeypatch
):
    """Mentions (with their sentences), times, events, figures, roles, aliases and quotes of the
    article in five pieces are those of the article parsed whole, at the same offsets."""
    article = seeds_as_one_article
    ((_, whole),) = run_serial([article], nlp_stage.DEFAULT_MODEL)
    monkeypatch.setattr(nlp_stage, "PIECE_CHARS", 3_000)
    assert len(document_pieces(article)) >= 4
    ((_, pieces),) = run_serial([article], nlp_stage.DEFAULT_MODEL)
    assert whole.mentions and whole.figures and whole.events and whole.roles
    assert pieces.mentions == whole.mentions
    assert pieces.quotes == whole.quotes
    # A date read from the one before it ("earlier in the day") may have its antecedent in the
    # piece before: the values may differ there, never where the statements are.
    assert [t.span for t in pieces.times] == [t.span for t in whole.times]
    assert [e.source for e in pieces.events] == [e.source for e in whole.events]
    assert [(f.source, f.value, f.counted) for f in pieces.figures] == [
        (f.source, f.value, f.counted) for f in whole.figures
    ]
    # Roles and aliases come grouped by name in one parse and piece by piece here: same claims.
    assert sorted(map(repr, pieces.roles)) == sorted(map(repr, whole.roles))
    assert sorted(map(repr, pieces.aliases)) == sorted(map(repr, whole.aliases))
    assert pieces.unread_paragraphs == whole.unread_paragraphs
    for mention in pieces.mentions:
        assert article.text[mention.span.start : mention.span.end] == mention.span.text
        assert article.text[mention.sentence.start : mention.sentence.end] == mention.sentence.text


def test_unread_paragraphs_keep_their_index_in_the_whole_article(monkeypatch):
    english = "Officials in Port Evel said on Monday that 40 officers had arrived in the city."
    french = "Les autorités ont annoncé lundi que quarante policiers étaient arrivés dans la ville."
    text = "\n\n".join([english] * 6 + [french] + [english] * 3) + "\n"
    article = document("mixed", text)
    monkeypatch.setattr(nlp_stage, "PIECE_CHARS", 250)
    assert len(document_pieces(article)) >= 3
    ((_, extraction),) = run_serial([article], nlp_stage.DEFAULT_MODEL)
    assert extraction.unread_paragraphs == (6,)


def test_a_long_articles_pieces_are_shared_among_the_workers_and_joined(seeds_as_one_article, monkeypatch):
    """The pool gets the pieces as units of work; joined, they are what one process extracts."""
    article = seeds_as_one_article
    monkeypatch.setattr(nlp_stage, "PIECE_CHARS", 800)
    pieces = document_pieces(article)
    assert len(pieces) >= executors.POOL_MIN_ARTICLES["fork"]  # the pool pays for one long article
    pooled_units = []
    pool = executors.run_process_pool

    def recorded_pool(units, model, jobs):
        pooled_units.append([unit.text for unit in units])
        return pool(units, model, jobs)

    monkeypatch.setattr(executors, "run_process_pool", recorded_pool)
    # However the workers start here (spawned, if an earlier test left a thread running).
    monkeypatch.setattr(executors, "pool_pays", lambda count, jobs, method: count >= len(pieces))
    pooled = dict(run_executor([article], RunSettings(jobs=2, use_cache=False)))
    assert pooled_units == [[piece.document.text for piece in pieces]]
    assert pooled == dict(run_serial([article], nlp_stage.DEFAULT_MODEL))
