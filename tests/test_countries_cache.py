"""The gazetteer is built once and then read from the user's cache folder."""

from __future__ import annotations

import pytest

from builder.values import countries
from builder.values.countries import Gazetteer


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    """A fresh cache folder and a tiny stand-in for the (slow) build; the real gazetteer is restored."""
    builds = []

    def build():
        builds.append(1)
        return Gazetteer({"zorvia": "Zorvia"}, {"zorvian": "Zorvia"}, {}, {"vel": ("Zorvia", 20_000)}, {})

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("DOSSIER_GAZETTEER_CACHE", raising=False)
    monkeypatch.setattr(countries, "_build_gazetteer", build)
    countries.gazetteer.cache_clear()
    yield tmp_path, builds
    countries.gazetteer.cache_clear()


def test_second_process_reads_the_cached_gazetteer(isolated):
    folder, builds = isolated
    first = countries.gazetteer()
    countries.gazetteer.cache_clear()  # as a new process would
    second = countries.gazetteer()
    assert builds == [1] and second == first and second.demonym("Zorvians") is None
    assert second.demonym("Zorvian") == "Zorvia"
    assert len(list(folder.glob("briefing-dossier/gazetteer/??/*.pickle"))) == 1


def test_a_damaged_cache_file_is_rebuilt(isolated):
    folder, builds = isolated
    countries.gazetteer()
    (path,) = folder.glob("briefing-dossier/gazetteer/??/*.pickle")
    path.write_bytes(b"not a pickle")
    countries.gazetteer.cache_clear()
    assert countries.gazetteer().country("Zorvia") == "Zorvia"
    assert builds == [1, 1]


def test_the_cache_can_be_turned_off(isolated, monkeypatch):
    folder, builds = isolated
    monkeypatch.setenv("DOSSIER_GAZETTEER_CACHE", "0")
    countries.gazetteer()
    assert not list(folder.glob("briefing-dossier/*"))


def test_a_province_name_two_countries_share_goes_to_the_more_populous():
    """ "Florida" is a US state and a Puerto Rican municipality (and a Cuban city): an article
    that names the United States places it there, not in the country of a town of that name."""
    from builder.values.countries import gazetteer

    places = gazetteer()
    assert places.provinces["florida"] == "United States"
    assert places.place_country("Florida", {"United States", "Cuba"}) == "United States"


def test_answers_are_kept_by_the_name_as_written_and_bounded(monkeypatch):
    """``country`` keeps its answers: "US" and "us" apart (an abbreviation counts in capitals
    only), and no more than ``MAX_ANSWERS`` of them, the answers unchanged once forgotten."""
    monkeypatch.setattr(countries, "MAX_ANSWERS", 4)
    places = countries.gazetteer()
    places.answers.clear()
    asked = ["US", "us", "France", "Ruritania", "the Netherlands", "U.K.", "US"]
    first = [places.country(name) for name in asked]
    assert first[0] == "United States" and first[1] is None
    assert len(places.answers) <= 4
    assert [places.country(name) for name in asked] == first
    places.answers.clear()


def test_names_without_a_pattern_word_are_answered_as_by_every_pattern():
    """``_pattern_country`` skips the patterns for a name with a word none of their names has:
    the answers are those of trying every pattern (the skip turned off)."""
    places = countries.gazetteer()
    names = ["Britain", "Great Britain", "Democratic Republic of Congo", "US", "U.K.", "UAE", "Emirates"]
    names += ["Bank of Taiwan", "Republic", "Korea", "South Korea", "Kingdom", "Northrop Grumman", "Kinshasa"]
    skipped = {name: places._pattern_country(name, countries._key(name)) for name in names}
    everything = frozenset(word for name in names for word in countries._key(name).split())
    kept = places.__dict__.pop("pattern_words", None)
    try:
        places.__dict__["pattern_words"] = (everything, everything)
        tried = {name: places._pattern_country(name, countries._key(name)) for name in names}
    finally:
        places.__dict__.pop("pattern_words")
        if kept is not None:
            places.__dict__["pattern_words"] = kept
    assert skipped == tried
    assert skipped["Britain"] == "United Kingdom" and skipped["Bank of Taiwan"] is None


def test_another_spelling_of_a_large_citys_name_is_that_city_where_its_country_is_named():
    """geonames' other spellings: a transliteration ("Kiev") or the name without its river
    ("Frankfurt"), trusted in an article naming the country; a word spelt like a city abroad
    ("Logos" for Lagos) is no place elsewhere, and a surname a city was named after is none at all."""
    from builder.values.countries import _written_alike, gazetteer

    places = gazetteer()
    assert places.place_country("Kiev", {"Ukraine"}) == "Ukraine"
    assert places.place_country("Frankfurt", {"Germany"}) == "Germany"
    assert places.place_country("Basra", {"Iraq", "United States"}) == "Iraq"
    assert places.place_country("Kiev") is None  # no country named: not trusted
    assert places.place_country("Logos", {"Ukraine"}) is None
    assert not _written_alike("pushkin", "Pushkino")  # the person the town was named after
    assert not _written_alike("gold", "Gold Coast")  # not a particle: a word of the name
    assert _written_alike("frankfurt", "Frankfurt am Main")


def test_a_short_native_name_spelt_like_a_surname_is_no_country():
    from builder.values.countries import gazetteer

    assert gazetteer().country("Mann") is None  # the Isle of Man's "Mann": a surname in news
    assert gazetteer().country("Éire") == gazetteer().country("Eire") == "Ireland"
