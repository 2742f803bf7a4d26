"""Direct quotes and their speakers (invented texts; no parse needed)."""

from __future__ import annotations

from builder.extract.quotes import extract_quotes
from tests.test_mentions import document


def quotes(text: str):
    return [(q.speaker, q.text) for q in extract_quotes(document(text))]


def test_quote_then_speaker_said():
    assert quotes('"We will not give up," Quispe said on X.') == [("Quispe", "We will not give up")]


def test_quote_then_said_organisation():
    found = quotes("“The border stays open,” said the Ministry of Transport.")
    assert found == [("Ministry of Transport", "The border stays open")]


def test_speaker_then_colon_quote():
    found = quotes('In a statement, the Relief Office reported: "Three camps are full."')
    assert found == [("Relief Office", "Three camps are full.")]


def test_quote_ending_a_sentence_is_not_given_to_the_next_sentence():
    assert quotes('He asked them to "stay calm and go home." Quispe said nothing more.') == []


def test_offsets_point_at_the_quote():
    text = 'Earlier, "We will rebuild the bridge," Haddad told reporters.'
    (claim,) = extract_quotes(document(text))
    assert text[claim.source.start : claim.source.end] == "We will rebuild the bridge,"
