"""Which paragraphs to read: English prose, not foreign text or social-media embeds."""

from __future__ import annotations

import re
from functools import lru_cache

from builder.model import Document

# Short paragraphs carry too little signal for a language guess; they are read.
MIN_CHARS_FOR_DETECTION = 40
EMBED_SIGNATURE = re.compile(
    r"pic\.twitter\.com/|[—–-]\s*[^\n()]{1,80}\(@\w{1,30}\)\s+\w+\s+\d{1,2},\s+\d{4}\s*$"
)


# The pre-check that spares lingua (the costliest step of extraction per paragraph) on plain
# English prose: words of letters only, mostly ASCII, a large share of them English function words.
# Paragraphs in French, Spanish, German, Dutch... have well under 15% of their words in spaCy's
# English stop list; English news prose well over 30% (a list of names and numbers can fall lower,
# and is then left to lingua, as is anything with many accented letters).
WORD = re.compile(r"[^\W\d_]+")
ENGLISH_STOPWORD_SHARE = 0.3
MAX_NON_ASCII_SHARE = 0.02
MIN_WORDS_FOR_PRECHECK = 8


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def looks_english(text: str) -> bool:
    """True when ``text`` is plainly English prose; False means "ask the detector", not "foreign"."""
    words = WORD.findall(text.lower())
    if len(words) < MIN_WORDS_FOR_PRECHECK:
        return False
    letters = sum(len(word) for word in words)
    non_ascii = sum(1 for word in words if not word.isascii() for char in word if not char.isascii())
    if non_ascii > MAX_NON_ASCII_SHARE * letters:
        return False
    stop_words = _stop_words()
    return sum(word in stop_words for word in words) >= ENGLISH_STOPWORD_SHARE * len(words)


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    languages = [
        Language.ENGLISH, Language.FRENCH, Language.SPANISH, Language.PORTUGUESE,
        Language.GERMAN, Language.ITALIAN, Language.DUTCH, Language.RUSSIAN,
        Language.ARABIC, Language.TURKISH, Language.POLISH, Language.UKRAINIAN,
    ]  # fmt: skip
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text``'s language; 'en' when too short to tell."""
    if len(text.strip()) < MIN_CHARS_FOR_DETECTION:
        return "en"
    if looks_english(text):
        return "en"
    language = _detector().detect_language_of(text)
    return language.iso_code_639_1.name.lower() if language else "en"


def is_embed(text: str) -> bool:
    """A social-media embed: a tweet's signature line or a picture link."""
    return bool(EMBED_SIGNATURE.search(text))


def paragraphs_to_skip(document: Document) -> set[int]:
    """Indexes of paragraphs whose names and dates are not extracted."""
    skip: set[int] = set()
    for paragraph in document.paragraphs:
        text = document.text[paragraph.start : paragraph.end]
        if is_embed(text) or detect_language(text) != "en":
            skip.add(paragraph.index)
    return skip
