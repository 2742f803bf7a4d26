"""Which paragraphs to read: English prose, not foreign text or social-media embeds."""

from __future__ import annotations

import importlib.util
import re
from functools import cache, lru_cache
from pathlib import Path

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
# A foreign guess needs at least this many of that language's function words.
MIN_FUNCTION_WORDS = 2


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
def language_detector():
    """Lingua's detector for the languages a news corpus here meets, in its fast mode."""
    # Lingua's low-accuracy mode reads trigrams only: its models load in about 0.1 s where the
    # full mode's take 1.8 s (and hundreds of MB in every worker). On a short text it guesses
    # wrong more often ("Orrin unveils new Stellar Air laptops" as German), which the
    # function-word check in detect_language catches.
    from lingua import Language, LanguageDetectorBuilder

    languages = [
        Language.ENGLISH, Language.FRENCH, Language.SPANISH, Language.PORTUGUESE,
        Language.GERMAN, Language.ITALIAN, Language.DUTCH, Language.RUSSIAN,
        Language.ARABIC, Language.TURKISH, Language.POLISH, Language.UKRAINIAN,
    ]  # fmt: skip
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


@cache
def _function_words(code: str) -> frozenset[str]:
    """A language's function words: spaCy's stop list for it (``spacy/lang/<code>/stop_words.py``).

    The list's file is loaded alone: importing ``spacy.lang.<code>`` would also build that
    language's tokenizer rules, a third of a second per language.
    """
    if code == "en":
        return _stop_words()
    spacy_spec = importlib.util.find_spec("spacy")
    if spacy_spec is None or spacy_spec.origin is None:
        return frozenset()
    path = Path(spacy_spec.origin).parent / "lang" / code / "stop_words.py"
    if not path.is_file():
        return frozenset()
    spec = importlib.util.spec_from_file_location(f"_stop_words_{code}", path)
    if spec is None or spec.loader is None:
        return frozenset()
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


def written_in(text: str, code: str) -> bool:
    """Whether ``text`` has more of language ``code``'s function words than of English's, and two at least.

    The detector's guess is kept only then: a headline or a list of names has few function
    words of any language, and the few it has are English ones ("on", "in", "a").
    """
    words = WORD.findall(text.lower())
    foreign = sum(word in _function_words(code) for word in words)
    english = sum(word in _stop_words() for word in words)
    return foreign >= MIN_FUNCTION_WORDS and foreign > english


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text``'s language; 'en' when too short to tell or not plainly another."""
    if len(text.strip()) < MIN_CHARS_FOR_DETECTION:
        return "en"
    if looks_english(text):
        return "en"
    language = language_detector().detect_language_of(text)
    code = language.iso_code_639_1.name.lower() if language else "en"
    return code if code != "en" and written_in(text, code) else "en"


def is_embed(text: str) -> bool:
    """A social-media embed: a tweet's signature line or a picture link."""
    # Either has one of these; the pattern, which tries 80 characters after every dash, need
    # not run on the paragraphs (all but a few) that have neither.
    if "(@" not in text and "pic.twitter.com/" not in text:
        return False
    return bool(EMBED_SIGNATURE.search(text))


def paragraphs_to_skip(document: Document) -> set[int]:
    """Indexes of paragraphs whose names and dates are not extracted."""
    skip: set[int] = set()
    for paragraph in document.paragraphs:
        text = document.text[paragraph.start : paragraph.end]
        if is_embed(text) or detect_language(text) != "en":
            skip.add(paragraph.index)
    return skip
