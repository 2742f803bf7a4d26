"""Shared fixtures: a small hand-made dossier built from model records, and the user's folders."""

from __future__ import annotations

import os

import pytest

from builder.model import (
    Actor,
    Document,
    Dossier,
    Event,
    Figure,
    Mention,
    Paragraph,
    Quote,
    Role,
    SkippedFile,
    Span,
)


def pytest_collection_modifyitems(items):
    """Tests marked ``leaves_threads`` run after all the others, in their own order.

    A Dask client leaves its IO loop and offload threads in the process for good, and
    a build does not fork with another thread running (``builder.forked.fork_is_safe``):
    the tests of the forked work must run before them to fork at all.
    """
    items.sort(key=lambda item: item.get_closest_marker("leaves_threads") is not None)


@pytest.fixture(scope="session", autouse=True)
def private_user_folders(tmp_path_factory):
    """The cache-signing key and the default caches in folders of this test session, not the user's.

    Set in the environment, so that the `dossier` and `mkdocs` processes tests start use them too.
    """
    home = tmp_path_factory.mktemp("user")
    saved = {name: os.environ.get(name) for name in ("DOSSIER_CACHE_KEY_FILE", "XDG_CACHE_HOME")}
    os.environ["DOSSIER_CACHE_KEY_FILE"] = str(home / "config" / "cache.key")
    os.environ["XDG_CACHE_HOME"] = str(home / "cache")
    yield home
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


# Invented texts: no names from the seed corpus. The second article carries
# markup and template syntax that must come out as literal text.
ARTICLE_ONE = [
    "Port Evel, Valdoria - Interior Minister Mara Quinlan said on Monday that "
    "more than 1,200 police officers had been deployed to Port Evel.",
    "The Northern Guard, an armed group, claimed the attack. At least 12 people "
    "were killed and about 40 injured, officials said.",
    '"We will restore order," Quinlan told reporters. Soldiers of the Valdorian Army '
    "detained at least 500 people in the weeks that followed.",
]
ARTICLE_TWO = [
    "Aid workers in Lake Tamsin counted about 3,000 displaced families. "
    "Tomas Ferreira of the Relief Office said <script>alert(1)</script> was "
    "found on a leaflet.",
    "A post read [x](javascript:alert(1)) and {{ config }} and *stars* and `ticks`; "
    "# not a heading. The Relief Office moved 50 staff.",
]


def _document(doc_id: str, title: str, paragraphs: list[str], date: str | None) -> Document:
    text = "\n\n".join(paragraphs)
    spans, offset = [], 0
    for index, paragraph in enumerate(paragraphs):
        spans.append(Paragraph(index, offset, offset + len(paragraph)))
        offset += len(paragraph) + 2
    return Document(
        id=doc_id,
        path=f"corpus/{doc_id}.txt",
        title=title,
        text=text,
        date=date,
        date_source="dateline" if date else "none",
        paragraphs=tuple(spans),
    )


def _span(doc: Document, needle: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(needle, start + 1)
    return Span(doc.id, start, start + len(needle), needle)


def _sentence(doc: Document, span: Span) -> Span:
    stops = [doc.text.rfind(". ", 0, span.start), doc.text.rfind("\n", 0, span.start) - 1]
    start = max(max(stops) + 2, 0)
    ends = [i for i in (doc.text.find(". ", span.end), doc.text.find("\n", span.end)) if i >= 0]
    end = min(ends) + 1 if ends else len(doc.text)
    return Span(doc.id, start, end, doc.text[start:end])


def _mention(doc: Document, needle: str, label: str, occurrence: int = 0) -> Mention:
    span = _span(doc, needle, occurrence)
    return Mention(span=span, label=label, sentence=_sentence(doc, span))


@pytest.fixture(scope="session")
def sample_dossier() -> Dossier:
    one = _document("2024-03-04_harbour", "Minister sends police to the harbour", ARTICLE_ONE, "2024-03-04")
    two = _document("camp-report", "Aid workers count <b>displaced</b> families", ARTICLE_TWO, None)
    actors = (
        Actor(
            id="person:mara-quinlan",
            name="Mara Quinlan",
            kind="person",
            aliases=("Quinlan",),
            country="Valdoria",
            roles=(Role("Interior Minister", _span(one, "Interior Minister"), "Valdoria", "2024-03-04"),),
            quotes=(Quote("We will restore order", _span(one, "We will restore order")),),
            mentions=(_mention(one, "Mara Quinlan", "person"), _mention(one, "Quinlan", "person", 1)),
            related=(("organisation:northern-guard", 1), ("place:port-evel", 1)),
        ),
        Actor(
            id="person:tomas-ferreira",
            name="Tomas Ferreira <script>",
            kind="person",
            roles=(Role("[x](javascript:alert(1))", _span(two, "Relief Office"), "{{ config }}"),),
            mentions=(_mention(two, "Tomas Ferreira", "person"),),
            related=(("organisation:relief-office", 2),),
        ),
        Actor(id="person:no-mentions", name="Ann Lee", kind="person"),
        Actor(
            id="organisation:northern-guard",
            name="Northern Guard",
            kind="organisation",
            subkind="armed group",
            country="Valdoria",
            mentions=(_mention(one, "Northern Guard", "armed group"),),
            related=(("person:mara-quinlan", 1),),
        ),
        Actor(
            id="organisation:relief-office",
            name="Relief Office",
            kind="organisation",
            subkind="international",
            mentions=(
                _mention(two, "Relief Office", "organisation"),
                _mention(two, "Relief Office", "organisation", 1),
            ),
            related=(("person:tomas-ferreira", 2),),
        ),
        Actor(
            id="organisation:valdorian-army",
            name="Valdorian Army",
            kind="organisation",
            subkind="military",
            country="Valdoria",
            mentions=(_mention(one, "Valdorian Army", "organisation"),),
        ),
        Actor(
            id="place:port-evel",
            name="Port Evel",
            kind="place",
            country="Valdoria",
            mentions=(_mention(one, "Port Evel", "place"), _mention(one, "Port Evel", "place", 1)),
            related=(("person:mara-quinlan", 1),),
        ),
        Actor(
            id="place:lake-tamsin",
            name="Lake Tamsin",
            kind="place",
            mentions=(_mention(two, "Lake Tamsin", "place"),),
        ),
        Actor(
            id="place:valdoria",
            name="Valdoria",
            kind="place",
            country="Valdoria",
            mentions=(_mention(one, "Valdoria", "place"),),
        ),
    )
    events = (
        Event(
            id="event-1",
            date="2024-03-04",
            date_text="on Monday",
            date_inferred=True,
            summary="Mara Quinlan said 1,200 police officers were deployed to Port Evel",
            sources=(_span(one, "Interior Minister Mara Quinlan said on Monday"),),
            actors=("person:mara-quinlan",),
            places=("place:port-evel",),
        ),
        Event(
            id="event-2",
            date="2024-02",
            date_text="in February",
            date_inferred=False,
            summary="The Northern Guard claimed the attack",
            sources=(_span(one, "The Northern Guard, an armed group, claimed the attack"),),
            actors=("organisation:northern-guard",),
        ),
        Event(
            id="event-3",
            date=None,
            date_text="last week <i>",
            date_inferred=False,
            summary="[x](javascript:alert(1)) leaflet found {{ config }}",
            sources=(_span(two, "found on a leaflet"),),
            actors=("person:tomas-ferreira",),
            places=("place:lake-tamsin",),
        ),
    )
    figures = (
        Figure(
            "figure-1",
            1200,
            "more_than",
            "police",
            "police officers",
            "2024-03-04",
            "Port Evel",
            _span(one, "more than 1,200 police officers"),
        ),
        Figure(
            "figure-2",
            12,
            "at_least",
            "killed",
            "people",
            "2024-03-04",
            None,
            _span(one, "At least 12 people were killed"),
        ),
        Figure(
            "figure-3",
            500,
            "at_least",
            "detained",
            "people $5",
            None,
            None,
            _span(one, "detained at least 500 people"),
        ),
        Figure(
            "figure-4",
            3000,
            "about",
            "displaced",
            "displaced families",
            None,
            "Lake Tamsin",
            _span(two, "about 3,000 displaced families"),
        ),
    )
    return Dossier(
        documents=(one, two),
        actors=actors,
        events=events,
        figures=figures,
        skipped=(
            SkippedFile("corpus/empty.txt", "empty file"),
            SkippedFile("corpus/mixed.txt", "paragraph 3 is not in English", "warning"),
        ),
        model_name="test-model",
        built="2024-03-10",
    )
