"""Check these first: the ranking's checks, the curation lines, and a curation round trip end to end."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from builder.model import Actor, Dossier, Event, Mention, Span
from builder.publish import review
from builder.publish.links import Linker
from builder.publish.pages import review_view

# Invented articles: a person written two ways, people named once, a country named only around a person.
ARTICLES = {
    "2024-03-04_harbour.txt": """ date 2024-03-04
Harbour closed after protest

Port Evel, Valdoria - Interior Minister Mara Quinlan said on Monday that more than 1,200 police officers \
had been deployed to Port Evel.

The Northern Guard, an armed group, claimed the attack. Hundreds of people were detained, officials said.

Quinlan told reporters that the Valdorian Army would patrol the coast. Ostrander Bellweather said the roads \
were closed.
""",
    "2024-03-06_talks.txt": """ date 2024-03-06
Talks open in the capital

Minister Marah Quinlan met aid workers in Port Evel on Tuesday, the Relief Office said.

Tomas Ferreira of the Relief Office said the talks would continue. Ferreira said 40 families had left \
Lake Tamsin.
""",
    "2024-03-08_airport.txt": """ date 2024-03-08
Airport reopens

The airport in Madrid reopened on Friday, Spain's transport ministry said.

Lucia Ferrandez told reporters that flights had resumed. Ferrandez said the runway was repaired.
""",
}


def _mention(doc: str, text: str, label: str = "person", start: int = 0) -> Mention:
    span = Span(doc, start, start + len(text), text)
    return Mention(
        span=span, label=label, sentence=Span(doc, start, start + len(text) + 10, text + " said this")
    )


def _actor(actor_id: str, name: str, kind: str = "person", labels: tuple[str, ...] = ("person",), **extra):
    mentions = tuple(_mention(f"doc-{i}", name, label, start=i) for i, label in enumerate(labels))
    return Actor(id=actor_id, name=name, kind=kind, mentions=mentions, **extra)


def test_names_written_two_ways_are_a_near_match_with_a_merge():
    actors = [
        _actor("greta-vinn", "Greta Vinnicombe", labels=("person", "person")),
        _actor("g-vinn", "Greta Vinicombe"),
        _actor("tomas", "Tomas Ferreira"),
    ]
    (entry,) = review.near_matches(actors, review.CurationNames(actors))
    assert entry.fix == review.Fix("merge", ("Greta Vinnicombe", "Greta Vinicombe"))  # most named kept


def test_a_short_first_name_and_the_same_surname_are_a_near_match():
    actors = [_actor("a", "Jonathan Merrow"), _actor("b", "Jon Merrow")]
    (entry,) = review.near_matches(actors, review.CurationNames(actors))
    assert entry.doubt == pytest.approx(0.85)


def test_different_people_of_one_surname_are_no_near_match():
    actors = [
        _actor("a", "Jonathan Merrow"),
        _actor("b", "Ellen Merrow"),
        _actor("c", "Merrow Port", "place"),
    ]
    assert review.near_matches(actors, review.CurationNames(actors)) == []


def test_a_kind_on_a_split_vote_suggests_the_other_kind():
    actors = [_actor("corvex", "Corvex", "person", labels=("organisation", "organisation", "person"))]
    (entry,) = review.weak_kinds(actors, review.CurationNames(actors))
    assert entry.fix == review.Fix("kind", ("Corvex", "organisation"))
    assert entry.confirm == review.Fix("kind", ("Corvex", "person"))
    curated = [dataclasses.replace(actors[0], curated=("kind",))]
    assert review.weak_kinds(curated, review.CurationNames(curated)) == []


def test_a_name_two_actors_answer_to_is_written_as_the_id():
    actors = [_actor("china", "Corland", "place"), _actor("china-2", "Corland", "place")]
    names = review.CurationNames(actors)
    # The first is found by its name (its numbered twin comes after it); the twin only by its id.
    assert (names.of(actors[0]), names.of(actors[1])) == ("Corland", "china-2")
    other = [_actor("x", "Arden"), _actor("y", "Arden Vale", aliases=("Arden",))]
    assert review.CurationNames(other).of(other[0]) == "x"
    # Only a number after the id is resolution's numbering: "china-2b" is another actor.
    lettered = [_actor("china", "Corland", "place"), _actor("china-2b", "Corland", "place")]
    assert review.CurationNames(lettered).of(lettered[0]) == "china"


def test_a_report_that_shares_no_actor_and_few_words_with_the_others_is_a_thin_merge():
    texts = {
        "a": "Mara Quinlan said police closed the harbour in Port Evel on Monday.",
        "b": "Quinlan said the harbour in Port Evel was closed by police.",
        "c": "Farmers sold apples at the market while it rained.",
    }
    spans = {doc: Span(doc, 0, len(text), text) for doc, text in texts.items()}
    quinlan = Actor(
        id="mara-quinlan",
        name="Mara Quinlan",
        kind="person",
        mentions=tuple(
            Mention(
                Span(doc, texts[doc].index(name), texts[doc].index(name) + len(name), name),
                "person",
                spans[doc],
            )
            for doc, name in (("a", "Mara Quinlan"), ("b", "Quinlan"))
        ),
    )
    farmers = Actor(id="farmers", name="Farmers", kind="organisation",
                    mentions=(Mention(Span("c", 0, 7, "Farmers"), "organisation", spans["c"]),))  # fmt: skip
    event = Event("e1", "2024-03-04", "Monday", False, texts["a"], tuple(spans.values()), ("mara-quinlan",))
    dossier = Dossier(documents=(), actors=(quinlan, farmers), events=(event,), figures=())
    (entry,) = review.thin_merges(dossier)
    assert entry.check == "thin-merge" and "3 articles" in entry.statement
    # Every report naming an actor another report names: nothing to check.
    shared = dataclasses.replace(event, sources=(spans["a"], spans["b"]))
    assert review.thin_merges(dataclasses.replace(dossier, events=(shared,))) == []


def test_curation_lines_read_back_as_the_same_names():
    fixes = [
        review.Fix("merge", ("Ana: the #1", "[Ana]")),
        review.Fix("suppress", ("@handle, with comma",)),
        review.Fix("kind", ('O\'Neil "Q"', "armed group")),
        review.Fix("suppress", ("yes",)),
        review.Fix("date", ("article-1", "2024-01-02")),
    ]
    data = yaml.safe_load(review.curation_yaml(fixes))
    assert data["merge"] == [["Ana: the #1", "[Ana]"]]
    assert data["suppress"] == ["@handle, with comma", "yes"]  # one heading, both items
    assert data["kind"] == {'O\'Neil "Q"': "armed group"}
    assert str(data["date"]["article-1"]) == "2024-01-02"


def test_dates_far_from_a_relative_anchor_and_vague_figures_are_listed(sample_dossier):
    far = dataclasses.replace(
        sample_dossier.events[0], date="2023-09-01", date_text="on Monday", date_inferred=False
    )
    dossier = dataclasses.replace(sample_dossier, events=(far,))
    (entry,) = review.doubtful_dates(dossier)
    assert entry.check == "far-date" and "185 days" in entry.why
    vague = dataclasses.replace(sample_dossier.figures[0], vague=True)
    assert [e.check for e in review.doubtful_figures([vague, sample_dossier.figures[1]])] == ["vague-figure"]


def test_entries_are_ranked_and_the_page_renders(sample_dossier):
    entries = review.review_entries(sample_dossier)
    assert entries and [e.doubt for e in entries] == sorted((e.doubt for e in entries), reverse=True)
    assert len({e.key for e in entries}) == len(entries)
    view = review_view(sample_dossier, entries, Linker(sample_dossier), "review.md")
    assert view["total"] == len(entries) and view["entries"][0].rank == 1


# --- end to end: build, paste the lines, rebuild ---------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("review") / "corpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _build(corpus: Path):
    from builder.pipeline import build_dossier
    from builder.settings import RunSettings

    return build_dossier(corpus, RunSettings(jobs=1))


def test_pasted_curation_lines_clear_their_entries_and_mark_the_facts_curated(corpus):
    before = {entry.key: entry for entry in review.review_entries(_build(corpus))}
    chosen = {
        "near-match-mara-quinlan-marah-quinlan": "fix",  # merge
        "seen-once-ostrander-bellweather": "fix",  # suppress
        "weak-kind-lucia-ferrandez": "confirm",  # kind, restated
        "seen-once-northern-guard": "confirm",  # kind, restated
    }
    assert set(chosen) <= set(before), sorted(before)
    lines = review.curation_yaml(getattr(before[key], how) for key, how in chosen.items())
    (corpus / "curation.yaml").write_text(lines, encoding="utf-8")
    try:
        dossier = _build(corpus)
    finally:
        (corpus / "curation.yaml").unlink()
    after = {entry.key for entry in review.review_entries(dossier)}
    assert not set(chosen) & after
    actors = dossier.actors_by_id
    assert "marah-quinlan" not in actors and "merge" in actors["mara-quinlan"].curated
    assert "ostrander-bellweather" not in actors
    # No country for her: the articles give no evidence of one (a country is no longer guessed
    # from the sentences around a name), so there is no weak country to confirm.
    assert actors["lucia-ferrandez"].country is None
    assert "kind" in actors["lucia-ferrandez"].curated
    assert actors["northern-guard"].curated == ("kind",)
    curated = {fact.subject for fact in review.curated_facts(dossier)}
    assert {"mara-quinlan", "lucia-ferrandez", "northern-guard"} <= curated
    # What was not curated is still listed.
    assert "seen-once-valdoria" in after


def test_unread_paragraphs_link_to_the_paragraphs_the_report_names(sample_dossier):
    from builder.model import SkippedFile

    doc = sample_dossier.documents[0]
    flagged = SkippedFile(
        doc.path, "paragraphs 2, 3 of 3 not read: not in English, or an embedded post", "warning"
    )
    (entry,) = review.unread_paragraphs(dataclasses.replace(sample_dossier, skipped=(flagged,)))
    assert [span.start for span in entry.sources] == [p.start for p in doc.paragraphs[1:3]]


def test_the_entries_are_worked_out_once_per_dossier(sample_dossier, monkeypatch):
    """The review page and the PDF briefing both list them: the second asks the first's answer."""
    monkeypatch.setattr(review, "_last_review", [])  # whatever an earlier test left
    calls = []
    work = review._review_entries
    monkeypatch.setattr(review, "_review_entries", lambda dossier: calls.append(dossier) or work(dossier))
    first = review.review_entries(sample_dossier)
    assert review.review_entries(sample_dossier) is first
    other = dataclasses.replace(sample_dossier, events=())
    assert review.review_entries(other) == work(other)  # another dossier: its own entries
    assert calls == [sample_dossier, other]
