"""The extraction's pipeline parses as spaCy's own: its attribute ruler's rules found by lookup
(``builder.extract.attribute_rules``), its rule lemmatizer's lemmas kept (``rule_lemmas``)."""

from pathlib import Path

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler
from spacy.vocab import Vocab

from builder.corpus import read_corpus
from builder.extract import rule_lemmas
from builder.extract.attribute_rules import IndexedAttributeRuler, UnhandledRule, rule_index, token_test
from builder.extract.nlp import DEFAULT_MODEL, load_model, load_pipeline, unread_components
from builder.extract.rule_lemmas import RememberedLemmas

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ANNOTATIONS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
# Words that meet the model's rarer rules: two-token ones ("gonna", "y'all", "let's", "there
# is"), regular expressions ("nothin'"), dependencies ("I" as subject and object), space
# tokens, "but" as an adverb, "gets" and "got" (one rule, two patterns).
RARE_RULES = (
    "I'm gonna tell y'all: let's go, there is nothin' left. They gave it to me and I got it.\n\n"
    "   It gets worse , but  we ain't done. You know what I mean? C'mon, we gotta leave."
)


@pytest.fixture(scope="module")
def pipelines():
    """spaCy's pipeline as it loads, and the extraction's, with the same components."""
    return load_model(DEFAULT_MODEL, exclude=unread_components(DEFAULT_MODEL)), load_pipeline(DEFAULT_MODEL)


def texts() -> list[str]:
    return [document.text for document in read_corpus(SEEDS).documents] + [RARE_RULES]


def test_the_extraction_pipeline_runs_the_indexed_ruler_with_every_rule_indexed(pipelines):
    stock, ours = pipelines
    assert type(stock.get_pipe("attribute_ruler")) is AttributeRuler
    ruler = ours.get_pipe("attribute_ruler")
    assert isinstance(ruler, IndexedAttributeRuler)
    assert ours.pipe_names == stock.pipe_names
    assert ruler.patterns == stock.get_pipe("attribute_ruler").patterns
    rule_index(ruler)  # raises if one of the model's rules is of a form the index does not read


def test_the_parse_is_spacys_own(pipelines):
    stock, ours = pipelines
    for theirs, mine in zip(stock.pipe(texts()), ours.pipe(texts()), strict=True):
        assert (theirs.to_array(ANNOTATIONS) == mine.to_array(ANNOTATIONS)).all()
        assert [str(t.morph) for t in theirs] == [str(t.morph) for t in mine]


def test_the_index_finds_the_matches_spacys_matcher_finds(pipelines):
    stock, ours = pipelines
    theirs, mine = stock.get_pipe("attribute_ruler"), ours.get_pipe("attribute_ruler")
    index = rule_index(mine)
    rare_rules_met = set()
    for doc in stock.pipe(texts(), disable=["attribute_ruler", "lemmatizer", "ner"]):
        expected = theirs.match(doc)
        assert index.matches(doc) == expected
        rare_rules_met |= {attr_id for attr_id, _, start, end in expected if end - start == 2}
    assert len(rare_rules_met) >= 3  # the two-token rules were met, not only the tag map


def ruler_with(vocab, patterns: list[dict]) -> tuple[AttributeRuler, IndexedAttributeRuler]:
    stock, indexed = AttributeRuler(vocab), IndexedAttributeRuler(vocab)
    stock.add_patterns(patterns)
    indexed.add_patterns(patterns)
    return stock, indexed


def test_a_rule_the_index_cannot_read_leaves_spacys_matcher_to_it():
    nlp = spacy.blank("en")
    patterns = [
        {"patterns": [[{"LOWER": "the"}]], "attrs": {"LEMMA": "THE"}},
        {
            "patterns": [[{"LOWER": "very", "OP": "+"}, {"LOWER": "big"}]],
            "attrs": {"LEMMA": "BIG"},
            "index": -1,
        },
    ]
    stock, indexed = ruler_with(nlp.vocab, patterns)
    with pytest.raises(UnhandledRule):
        rule_index(indexed)
    doc = nlp.make_doc("the very very big dog")
    assert indexed.match(doc) == stock.match(doc) != []
    assert indexed._index is None


def test_each_predicate_as_spacys_matcher_reads_it():
    nlp = spacy.blank("en")
    patterns = [
        {"patterns": [[{"LOWER": {"IN": ["cat", "dog"]}}]], "attrs": {"LEMMA": "PET"}},
        {"patterns": [[{"LOWER": {"NOT_IN": ["a", "and", "cat", "dog"]}}]], "attrs": {"LEMMA": "OTHER"}},
        {"patterns": [[{"LOWER": {"REGEX": "^b.r"}}, {"IS_SPACE": False}]], "attrs": {"LEMMA": "B"}},
        {"patterns": [[{"DEP": {"NOT_IN": [""]}}]], "attrs": {"LEMMA": "PARSED"}},  # no parse: none
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"LEMMA": "SPACE"}},
        {"patterns": [[{"lower": "a"}, {"LOWER": "dog"}]], "attrs": {"LEMMA": "ONE"}, "index": 1},
    ]
    stock, indexed = ruler_with(nlp.vocab, patterns)
    doc = nlp.make_doc("a dog and a cat  bark at a barn bird")
    assert indexed.match(doc) == stock.match(doc)
    assert indexed._index is not None
    assert {attr_id for attr_id, *_ in stock.match(doc)} == {0, 1, 2, 4, 5}


def test_rules_added_after_a_match_are_indexed_too():
    nlp = spacy.blank("en")
    stock, indexed = ruler_with(nlp.vocab, [{"patterns": [[{"LOWER": "dog"}]], "attrs": {"LEMMA": "DOG"}}])
    doc = nlp.make_doc("a dog and a cat")
    assert indexed.match(doc) == stock.match(doc)
    more = [{"patterns": [[{"LOWER": "cat"}]], "attrs": {"LEMMA": "CAT"}}]
    stock.add_patterns(more)
    indexed.add_patterns(more)
    assert indexed.match(doc) == stock.match(doc)
    assert len(indexed.match(doc)) == 2


def test_a_regular_expression_given_a_list_is_not_read_as_a_set():
    with pytest.raises(UnhandledRule):
        token_test({"LOWER": {"REGEX": ["^a"]}}, Vocab())


def test_the_lemmatizer_makes_each_lemma_once(pipelines, monkeypatch):
    _, ours = pipelines
    lemmatizer = ours.get_pipe("lemmatizer")
    assert isinstance(lemmatizer.lemmatize, RememberedLemmas)
    made = []
    remembered = RememberedLemmas(lambda token: made.append(token.text) or [token.text.lower()])
    monkeypatch.setattr(lemmatizer, "lemmatize", remembered)
    doc = ours("The officer said the officer had left. The officer said so.")
    officers = [token for token in doc if token.text == "officer"]
    assert len({(t.pos, t.morph.key) for t in officers}) == 1  # one key: made once, used three times
    assert made.count("officer") == 1
    assert [token.lemma_ for token in officers] == ["officer"] * 3


def test_remembered_lemmas_are_bounded_and_the_same_once_let_go(pipelines, monkeypatch):
    stock, _ = pipelines
    monkeypatch.setattr(rule_lemmas, "MAX_REMEMBERED", 5)
    lemmatizer = stock.get_pipe("lemmatizer")
    remembered = RememberedLemmas(lemmatizer.rule_lemmatize)
    doc = stock(
        "Officers were running while the dogs barked at the running officers.", disable=["lemmatizer"]
    )
    first = [remembered(token) for token in doc]
    assert len(remembered.known) <= 5
    assert [remembered(token) for token in doc] == first == [lemmatizer.rule_lemmatize(t) for t in doc]
