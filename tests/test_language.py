"""Which paragraphs are read: the cheap English pre-check and the language detector behind it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lingua import Language

from builder.extract.language import (
    EMBED_SIGNATURE,
    detect_language,
    is_embed,
    language_detector,
    looks_english,
)

ENGLISH = (
    "The harbour authority of Vell Marrow said on Tuesday that it had closed two of its "
    "four piers after a storm that flooded the lower town overnight."
)
FOREIGN = {
    "fr": "Le conseil municipal de Brévanne a voté jeudi la fermeture du marché couvert, "
    "selon un communiqué publié par la mairie dans la soirée.",
    "es": "El alcalde de Montesur anunció el martes que las obras del puente comenzarán "
    "en marzo, después de dos años de retrasos y protestas vecinales.",
    "de": "Die Stadtverwaltung von Kellbach hat am Montag mitgeteilt, dass die neue Brücke "
    "erst im nächsten Frühjahr für den Verkehr freigegeben wird.",
}


def test_plain_english_prose_skips_the_detector():
    assert looks_english(ENGLISH)
    assert detect_language(ENGLISH) == "en"


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_foreign_paragraphs_go_to_the_detector_and_are_recognised(code):
    assert not looks_english(FOREIGN[code])
    assert detect_language(FOREIGN[code]) == code


def test_a_list_of_names_is_left_to_the_detector():
    roster = "Arlen Voss, Mirela Dandu, Kasimir Orlov, Tavi Renn, Brannock Hale, Ysolde Ferrant and Odo Pike."
    assert not looks_english(roster)
    assert detect_language(roster) == "en"


@pytest.mark.parametrize(
    "headline",
    [
        "Internal emails expose Orrin-Air Force contract discussions",
        "Orrin unveils new Stellar Air laptops, Lumo 11 software suite",
        "Brannock Hale wins Kellbach contract",
    ],
)
def test_an_english_headline_is_not_taken_for_foreign(headline):
    # The detector's fast mode guesses French or German on these short lines (checked: the
    # test is void if it stops doing so); they have no French or German function words.
    assert language_detector().detect_language_of(headline) != Language.ENGLISH
    assert detect_language(headline) == "en"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Le maire de Brévanne a démissionné hier soir.", "fr"),
        ("El alcalde de Montesur llegó el lunes a la ciudad.", "es"),
        ("Die Regierung hat am Montag auf die Proteste reagiert.", "de"),
    ],
)
def test_a_short_foreign_sentence_is_still_recognised(text, code):
    assert detect_language(text) == code


def test_english_prose_thick_with_foreign_names_stays_english():
    # Names and few function words: the detector guesses Dutch (its full mode did too, and the
    # paragraph was left unread); English function words outnumber Dutch ones.
    text = (
        "Amira Jarek, the Sarnese attorney general, met Ines Halvorsen in Marisco last week to discuss "
        "the crisis. Felix Mbeki, the Sarnese attorney general, met Amira Holm in Port Evel last week "
        "to discuss the crisis."
    )
    assert not looks_english(text)
    assert language_detector().detect_language_of(text) != Language.ENGLISH
    assert detect_language(text) == "en"


@given(
    st.lists(
        st.sampled_from(
            ["— Ana Ruiz ", "(@ana_ruiz) ", "March 3, 2024", " pic.twitter.com/x1", "-", "(", "@", "\n", "a "]
        ),
        max_size=12,
    ).map("".join)
)
def test_is_embed_answers_as_the_signature_pattern(text):
    """The pre-check (neither "(@" nor a picture link: no embed) never changes the answer."""
    assert is_embed(text) == bool(EMBED_SIGNATURE.search(text))


def test_a_tweets_signature_and_a_picture_link_are_embeds():
    assert is_embed("Stay safe, everyone. — Mara Quinn (@maraquinn) March 3, 2024")
    assert is_embed("The harbour this morning pic.twitter.com/AbC123")
    assert not is_embed("The minister — speaking in Port Evel on March 3, 2024 — said so.")
