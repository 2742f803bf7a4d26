"""Synthetic news corpora for the benchmark: N articles about invented countries.

Articles have the length and density of agency copy (about 450 words, now and then a long feature; a name
in most sentences, dates and counts in many), varied datelines (the corpus's
`` date YYYY-MM-DD `` line, with or without the leading space, or none, or a
city dateline in the lede) and a cast that grows with the corpus: a few
recurring leaders and a long tail of officials, so that the number of
distinct actors grows as a real corpus's does. Deterministic for a seed.

    python bench/generate.py OUT_DIR N [--seed 0]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

COUNTRIES = [
    ("Valdoria", "Valdorian", ["Port Evel", "Marisco", "Tessaly Falls", "Orun"]),
    ("Karesh", "Kareshi", ["Dunmore", "Ilvaro", "Saint Brenna", "Koltava"]),
    ("Norvenia", "Norvenian", ["Halden Bay", "Ristov", "Ennisfort", "Lower Kasta"]),
    ("Ambria", "Ambrian", ["Cale", "Vostra", "New Tarrow", "Mirelle"]),
    ("Sarn", "Sarnese", ["Okavo", "Peltry", "Brisk Harbour", "Udell"]),
]
FIRST = (
    "Mara Tomas Ines Rafael Lucia Daniel Amira Pavel Helena Jonas Selin Marco Nadia Victor Clara Omar "
    "Irene Felix Sofia Andres Leila Bruno Elena Karim Dora Samuel Vera Hugo Alma Nikolai Rosa Ivan "
    "Paula Emil Lena Dario Greta Kofi Ana Teodor"
).split()
LAST = (
    "Quinlan Ferreira Halvorsen Dumitru Okafor Varga Castellan Moreau Lindqvist Petrov Andrade Kessler "
    "Santoro Novak Mbeki Rahimi Oduya Brandt Ivanova Calder Marsh Delacroix Szabo Haddad Torvik Aranda "
    "Beltran Kovac Nakamura Osei Rainer Valdez Whitcombe Yilmaz Zeller Abara Bosch Cienfuegos Dovic Eckhart "
    "Falk Grieve Holm Ibsen Jarek Kallas Lorne Mendel Nyberg Orsini Pryce Quarles Rostova Stanek Tamm Ursu"
).split()
TITLES = [
    "President",
    "Interior Minister",
    "Defence Minister",
    "Foreign Minister",
    "Prime Minister",
    "police chief",
    "army commander",
    "Attorney General",
    "mayor",
    "spokesperson",
]
ORGS = [
    "National Police",
    "Armed Forces",
    "Ministry of the Interior",
    "Supreme Court",
    "National Assembly",
    "Electoral Council",
    "Red Cross",
    "United Nations",
    "Office of the Ombudsman",
    "Coast Guard",
]
GROUPS = ["Black Herons", "Northern Guard", "Iron Wolves", "Red Lantern", "River Syndicate", "Ash Brigade"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [dt.date(2000, m, 1).strftime("%B") for m in range(1, 13)]

SENTENCES = [
    "{title} {person} said on {weekday} that {count} {unit} had been deployed to {city}.",
    "At least {count} people were killed and {count2} injured in {city} on {date}, officials said.",
    "The {org} of {country} said more than {count} {unit} would reinforce the border with {country2}.",
    '"We will not allow {group} to take our streets," {person} told reporters in {city}.',
    "{person}, the {demonym} {title_lower}, met {person2} in {city2} last week to discuss the crisis.",
    "According to the {org}, about {count} migrants crossed into {country} between {month} and {month2}.",
    "The {org} detained {count} suspected members of {group} in a series of raids since {month} {year}.",
    "{group}, an armed group founded in {year2}, claimed responsibility for the attack in {city}.",
    "On {date}, {person} declared a state of emergency for {days} days in {count_small} provinces.",
    "{person2} of the {org} said the {demonym} government had failed to protect {city}.",
    "Some {count} prisoners were moved from the prison in {city} after a riot on {weekday}.",
    "The {demonym} {org} said {count} families had been displaced by the fighting near {city2}.",
    "In {year}, {country} recorded {count} homicides, a rate the {org} called alarming.",
    "{person} will travel to {country2} on {weekday} to sign a security agreement with {person2}.",
    "Dozens of soldiers patrolled the streets of {city} on {date} as schools remained closed.",
    "The {org} of {country2} deported {count_small} {demonym2} nationals in {month}.",
]


class Cast:
    """People, with Zipf-like reuse: a few leaders appear everywhere, most people rarely."""

    def __init__(self, rng: random.Random, size: int) -> None:
        names = [f"{first} {last}" for first in FIRST for last in LAST]
        rng.shuffle(names)
        self.people = names[: max(40, size)]
        self.weights = [1 / (rank + 1) for rank in range(len(self.people))]
        self.rng = rng

    def pick(self) -> str:
        return self.rng.choices(self.people, self.weights)[0]


def _count(rng: random.Random) -> str:
    value = rng.choice(
        [rng.randint(2, 99), rng.randint(100, 999), rng.randint(1, 40) * 100, rng.randint(1000, 25000)]
    )
    return f"{value:,}"


def article(rng: random.Random, cast: Cast, day: dt.date) -> str:
    """One article: eight to eleven paragraphs of two to four sentences (now and then three times more)."""
    country, demonym, cities = rng.choice(COUNTRIES)
    other, demonym2, other_cities = rng.choice([c for c in COUNTRIES if c[0] != country])

    def fill(template: str) -> str:
        month = rng.randrange(12)
        return template.format(
            title=rng.choice(TITLES).title() if rng.random() < 0.5 else rng.choice(TITLES[:5]),
            title_lower=rng.choice(TITLES).lower(),
            person=cast.pick(),
            person2=cast.pick(),
            weekday=rng.choice(WEEKDAYS),
            count=_count(rng),
            count2=_count(rng),
            count_small=rng.randint(2, 12),
            unit=rng.choice(["police officers", "soldiers", "troops", "agents", "marines"]),
            city=rng.choice(cities),
            city2=rng.choice(other_cities),
            country=country,
            country2=other,
            demonym=demonym,
            demonym2=demonym2,
            org=rng.choice(ORGS),
            group=rng.choice(GROUPS),
            date=f"{MONTHS[month]} {rng.randint(1, 28)}",
            month=MONTHS[month],
            month2=MONTHS[(month + rng.randint(1, 4)) % 12],
            year=day.year - rng.randint(0, 3),
            year2=rng.randint(1985, 2015),
            days=rng.choice([30, 60, 90]),
        )

    paragraphs = []
    # Now and then a long feature, three times the usual length.
    for _ in range(rng.randint(8, 11) * (3 if rng.random() < 0.05 else 1)):
        paragraphs.append(" ".join(fill(rng.choice(SENTENCES)) for _ in range(rng.randint(2, 4))))
    if rng.random() < 0.3:  # a city dateline in the lede, as agencies write it
        paragraphs[0] = f"{rng.choice(cities).upper()}, {MONTHS[day.month - 1]} {day.day} - " + paragraphs[0]
    return "\n\n".join(paragraphs) + "\n"


def dateline(rng: random.Random, day: dt.date) -> str:
    choice = rng.random()
    if choice < 0.5:
        return f" date {day.isoformat()} "
    if choice < 0.75:
        return f"date {day.isoformat()}\n"
    return ""  # undated: the text alone must tell


def generate_corpus(folder: Path | str, count: int, seed: int = 0) -> list[Path]:
    """Write ``count`` articles into ``folder``; returns their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    cast = Cast(rng, size=count * 2)
    start = dt.date(2023, 1, 1)
    paths = []
    for number in range(count):
        day = start + dt.timedelta(days=rng.randint(0, 600))
        path = folder / f"{number:05d}_{day.isoformat()}.txt"
        path.write_text(dateline(rng, day) + article(rng, cast, day), encoding="utf-8")
        paths.append(path)
    return paths


def long_article(path: Path | str, size: int, seed: int = 0) -> Path:
    """Write one article of about ``size`` characters: generated articles' paragraphs one after another.

    A long report, a transcript or a book chapter as one file: dated, in paragraphs, with the
    names, dates and counts of agency copy throughout, so that every extractor has work to do.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    cast = Cast(rng, size=max(40, size // 5_000))
    day = dt.date(2023, 6, 1)
    parts = [f"date {day.isoformat()}\n"]
    written = len(parts[0])
    while written < size:
        text = article(rng, cast, day - dt.timedelta(days=rng.randint(0, 365))) + "\n"
        parts.append(text)
        written += len(text)
    path.write_text("".join(parts), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    paths = generate_corpus(args.folder, args.count, args.seed)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"wrote {len(paths)} articles ({words} words) to {args.folder}")


if __name__ == "__main__":
    main()
