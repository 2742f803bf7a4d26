"""Which paragraphs to read: English prose, not foreign text or social-media embeds."""

from __future__ import annotations

import re
from functools import lru_cache

from .model import Document

# Short paragraphs carry too little signal for a language guess; they are read.
MIN_CHARS_FOR_DETECTION = 40
EMBED_SIGNATURE = re.compile(
    r"pic\.twitter\.com/|[—–-]\s*[^\n()]{1,80}\(@\w{1,30}\)\s+\w+\s+\d{1,2},\s+\d{4}\s*$"
)


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
