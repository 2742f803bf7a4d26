"""A rule lemmatizer's lemmas kept by what they are made from, so that each is made once.

spaCy's rule lemmatizer (``Lemmatizer.rule_lemmatize``) makes a token's lemma from its
text, part of speech and morphology, and keeps what it made, except for a word it finds
in its base form ("Sing" nouns, "Pos" adjectives, infinitives), a proper noun, or a part of
speech its tables lack: most tokens of a news story, each looked at again wherever the word
recurs (a fiftieth of the parse). ``RememberedLemmas`` keeps every answer,
by the same key: the lemmas are the lemmatizer's own.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Token

# How many answers are kept before they are let go and made again: a large vocabulary's
# worth (some 300 bytes each, 20 MB in all), so that a worker's memory stays bounded.
MAX_REMEMBERED = 1 << 16


class RememberedLemmas:
    """``lemmatize`` (a rule lemmatizer's method), its answers kept by the token's text,
    part of speech and morphology: all that ``Lemmatizer.rule_lemmatize`` reads."""

    def __init__(self, lemmatize: Callable[[Token], list[str]]) -> None:
        self.lemmatize = lemmatize
        self.known: dict[tuple[int, int, int], list[str]] = {}

    def __call__(self, token: Token) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)  # type: ignore[attr-defined]  # (not in the stub)
        forms = self.known.get(key)
        if forms is None:
            if len(self.known) >= MAX_REMEMBERED:
                self.known.clear()
            forms = self.known[key] = self.lemmatize(token)
        return forms


def remember_rule_lemmas(nlp: Language) -> None:
    """Each rule lemmatizer of ``nlp`` keeps every lemma it makes (its ``lemmatize``, the
    method its mode names, is the one spaCy lets a pipeline choose)."""
    for _, component in nlp.pipeline:
        if isinstance(component, Lemmatizer) and component.mode == "rule":
            component.lemmatize = RememberedLemmas(component.rule_lemmatize)
