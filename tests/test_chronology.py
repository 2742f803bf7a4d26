from dataclasses import replace

from builder.corpus import split_paragraphs
from builder.model import ArticleExtraction, Document, EventCandidate, FigureCandidate, Span, TimeExpression
from builder.resolve.chronology import COMPARISONS, build_chronology, infer_document_date, redate_candidates

ACTORS = {
    "Mara Quinlan": "mara-quinlan",
    "Quinlan": "mara-quinlan",
    "Port Evel": "port-evel",
    "Tomas Reyes": "reyes",
}
KINDS = {"mara-quinlan": "person", "port-evel": "place", "reyes": "person"}


def document(doc_id, text, date, source="dateline"):
    return Document(
        doc_id, f"{doc_id}.txt", "", text, date, source if date else "none", split_paragraphs(text)
    )


def candidate(doc_id, text, date, date_text, names, action=None, start=0, date_span=None, extent=None):
    return EventCandidate(
        date=date,
        date_text=date_text,
        date_inferred=False,
        summary=text,
        source=Span(doc_id, start, start + len(text), text),
        names=names,
        action=action,
        date_span=date_span,
        extent=extent,
    )


def chronology(docs, candidates):
    extractions = [
        ArticleExtraction(doc_id=d.id, events=tuple(c for c in candidates if c.source.doc == d.id))
        for d in docs
    ]
    return build_chronology(docs, extractions, ACTORS.get, KINDS)


ONE = "Minister Mara Quinlan declared a state of emergency in Port Evel."
TWO = "Quinlan declared an emergency in the port city of Port Evel on Monday."


def test_two_articles_reporting_the_same_event_make_one_event_with_two_sources():
    docs = [document("a", ONE, "2024-03-05"), document("b", TWO, "2024-03-06")]
    result = chronology(
        docs,
        [
            candidate("a", ONE, "2024-03-04", "Monday", ("Mara Quinlan", "Port Evel"), "declare"),
            candidate("b", TWO, "2024-03-04", "Monday", ("Quinlan", "Port Evel"), "declare"),
        ],
    )
    (event,) = result.events
    assert [s.doc for s in event.sources] == ["a", "b"]
    assert (event.actors, event.places, event.date_inferred) == (("mara-quinlan",), ("port-evel",), False)
    assert event.precision == "day"


def test_different_happenings_or_days_stay_apart():
    other = "Tomas Reyes opened a clinic in Port Evel."
    docs = [document("a", ONE, "2024-03-05"), document("b", other, "2024-03-06")]
    result = chronology(
        docs,
        [
            candidate("a", ONE, "2024-03-04", "Monday", ("Mara Quinlan", "Port Evel"), "declare"),
            candidate("b", other, "2024-03-04", "Monday", ("Tomas Reyes", "Port Evel"), "open"),
            candidate("b", ONE, "2024-03-05", "Tuesday", ("Mara Quinlan", "Port Evel"), "declare", start=50),
        ],
    )
    assert [len(e.sources) for e in result.events] == [1, 1, 1]
    # Ids come from each event's first source, not from its place in the list.
    ids = [e.id for e in result.events]
    assert len(set(ids)) == 3 and all(i.startswith("e") and len(i) == 11 for i in ids)


def test_an_undated_weekday_joins_the_dated_event_of_that_weekday_as_inferred():
    docs = [document("a", ONE, "2024-03-05"), document("u", TWO, None)]
    result = chronology(
        docs,
        [
            candidate("a", ONE, "2024-03-04", "Monday", ("Mara Quinlan", "Port Evel"), "declare"),
            candidate("u", TWO, None, "Monday", ("Quinlan", "Port Evel"), "declare"),
        ],
    )
    (event,) = result.events
    assert event.date == "2024-03-04"
    assert event.date_inferred is True
    assert "u (no dateline)" in event.date_evidence
    assert [d.date_source for d in result.documents] == ["dateline", "none"]


def test_an_undated_weekday_that_does_not_fit_stays_undated_and_last():
    docs = [document("a", ONE, "2024-03-05"), document("u", TWO, None)]
    result = chronology(
        docs,
        [
            candidate("a", ONE, "2024-03-04", "Monday", ("Mara Quinlan", "Port Evel"), "declare"),
            candidate("u", TWO, None, "Wednesday", ("Quinlan", "Port Evel"), "declare"),
        ],
    )
    assert [(e.date, e.date_text, e.date_inferred) for e in result.events] == [
        ("2024-03-04", "Monday", False),
        (None, "Wednesday", False),
    ]
    assert "no dateline" in result.events[1].date_evidence


def _time(doc_id, text, needle, value, relative):
    start = text.index(needle)
    return TimeExpression(Span(doc_id, start, start + len(needle), needle), value, "date", relative)


def test_an_undated_article_is_dated_by_a_dateline_like_opening_with_its_evidence():
    text = "VELL, Marren (Wire) — 6 May 2024\n\nOn Monday the port of Vell closed. Officials confirmed it."
    doc = document("u", text, None)
    monday = _time("u", text, "Monday", None, True)
    extraction = ArticleExtraction(
        doc_id="u",
        times=(_time("u", text, "6 May 2024", "2024-05-06", False), monday),
        events=(candidate("u", text[34:67], None, "Monday", (), start=34, date_span=monday.span),),
    )
    inferred = infer_document_date(doc, extraction)
    assert (inferred.date, inferred.date_source) == ("2024-05-06", "inferred")
    assert "top of the article" in inferred.date_evidence and "6 May 2024" in inferred.date_evidence
    (event,) = redate_candidates(inferred, extraction)
    assert (event.date, event.date_inferred) == ("2024-05-06", True)


def test_a_date_line_of_its_own_at_the_top_dates_the_article():
    text = "Port of Vell closes\nMonday, 6 May 2024\n\nThe port of Vell closed after the storm."
    extraction = ArticleExtraction(doc_id="u", times=(_time("u", text, "6 May 2024", "2024-05-06", False),))
    assert infer_document_date(document("u", text, None), extraction).date == "2024-05-06"


def test_today_beside_a_full_date_dates_the_article():
    text = "The port of Vell reopened today, Monday 6 May 2024, after a week of storms."
    extraction = ArticleExtraction(
        doc_id="u", times=(_time("u", text, "Monday 6 May 2024", "2024-05-06", False),)
    )
    inferred = infer_document_date(document("u", text, None), extraction)
    assert inferred.date == "2024-05-06"
    assert "today" in inferred.date_evidence and "reopened today" in inferred.date_evidence


def test_a_reference_point_in_the_prose_gives_no_date():
    # Dates the article talks about, at the top or further down, are not when it was written.
    for text, needle, value in (
        ("The Vell index fell to its November 20, 2008 low on Monday.", "November 20, 2008", "2008-11-20"),
        ("Shares rose on Monday.\n\nIt was the worst week since 4 March 1989.", "4 March 1989", "1989-03-04"),
        (
            "On Monday the port of Vell closed. Officials confirmed it on 6 May 2024.",
            "6 May 2024",
            "2024-05-06",
        ),
        (
            "Port of Vell closes\nStorms hit the coast\n6 May 2024\n\nThe port closed.",
            "6 May 2024",
            "2024-05-06",
        ),
    ):
        doc = document("u", text, None)
        extraction = ArticleExtraction(doc_id="u", times=(_time("u", text, needle, value, False),))
        assert infer_document_date(doc, extraction) is doc, text


def test_a_full_date_in_a_quote_or_a_post_is_not_evidence():
    text = (
        'He said: "On 6 May 2024 we will strike."\n\n'
        "No. pic.twitter.com/x — Vell Port (@vellport) May 6, 2024"
    )
    doc = document("u", text, None)
    extraction = ArticleExtraction(
        doc_id="u",
        times=(
            _time("u", text, "6 May 2024", "2024-05-06", False),
            _time("u", text, "May 6, 2024", "2024-05-06", False),
        ),
    )
    assert infer_document_date(doc, extraction) is doc


def test_an_analysts_date_is_a_real_anchor():
    text = "On Friday the port of Vell reopened for 30 days."
    doc = document("o", text, "2024-05-08", source="override")
    friday = _time("o", text, "Friday", None, True)
    extraction = ArticleExtraction(
        doc_id="o", events=(candidate("o", text, None, "Friday", (), date_span=friday.span, extent="P30D"),)
    )
    (event,) = redate_candidates(doc, extraction)
    assert (event.date, event.date_inferred, event.end_date) == ("2024-05-03", False, "2024-06-02")


def test_a_redated_range_drops_the_end_read_against_the_old_date():
    text = "Since Friday the port of Vell has been closed."
    doc = document("o", text, "2024-05-08", source="override")
    friday = _time("o", text, "Friday", None, True)
    stale = replace(
        candidate("o", text, "2024-04-26", "Friday", (), date_span=friday.span), end_date="2024-04-30"
    )
    (event,) = redate_candidates(doc, ArticleExtraction(doc_id="o", events=(stale,)))
    assert (event.date, event.end_date) == ("2024-05-03", None)


def test_a_merged_event_shows_the_end_of_the_happening_its_line_tells():
    shown = "Minister Mara Quinlan closed the port of Port Evel."
    other = "Quinlan has kept the port of Port Evel closed since Monday."
    docs = [document("a", shown, "2024-03-05"), document("b", other, "2024-03-20")]
    lead = candidate("a", shown, "2024-03-04", "2024-03-04", ("Mara Quinlan", "Port Evel"), "close")
    since = candidate("b", other, "2024-03-04", "Monday", ("Quinlan", "Port Evel"), "close")
    (event,) = chronology(docs, [lead, replace(since, end_date="2024-03-20")]).events
    assert event.summary == shown and event.end_date is None


def test_a_full_date_beside_the_wrong_weekday_is_not_evidence():
    text = "VELL — Tuesday, 6 May 2024\n\nTalks opened in Vell."  # 6 May 2024 was a Monday
    extraction = ArticleExtraction(doc_id="u", times=(_time("u", text, "6 May 2024", "2024-05-06", False),))
    assert infer_document_date(document("u", text, None), extraction).date is None
    text = "VELL — Monday, 6 May 2024\n\nTalks opened in Vell."
    extraction = ArticleExtraction(doc_id="u", times=(_time("u", text, "6 May 2024", "2024-05-06", False),))
    assert infer_document_date(document("u", text, None), extraction).date == "2024-05-06"


def test_a_month_level_report_joins_the_one_matching_day_event():
    coarse = "In March the Port Evel ferry line was closed by Quinlan."
    docs = [document("a", ONE, "2024-03-05"), document("b", coarse, "2024-04-02")]
    result = chronology(
        docs,
        [
            candidate("a", ONE, "2024-03-04", "Monday", ("Mara Quinlan", "Port Evel"), "declare"),
            candidate("b", ONE, "2024-03", "March", ("Quinlan", "Port Evel"), "declare"),
            candidate("b", coarse, "2024-03", "March", ("Quinlan", "Port Evel"), "close", start=80),
        ],
    )
    assert [(e.date, len(e.sources)) for e in result.events] == [("2024-03", 1), ("2024-03-04", 2)]
    assert result.events[1].date_text == "Monday"


def test_an_analysts_date_reuses_the_tense_found_with_the_parse():
    text = "Otarola said Tuesday that Vell will open talks."
    doc = document("o", text, "2024-01-10", source="override")  # a Wednesday
    tuesday = _time("o", text, "Tuesday", None, True)
    extraction = ArticleExtraction(
        doc_id="o",
        times=(tuesday,),
        events=(candidate("o", text, None, "Tuesday", (), date_span=tuesday.span),),
    )
    (event,) = redate_candidates(doc, extraction)
    assert event.date == "2024-01-09"


def _crowd(size):
    """Same-day candidates of distinct invented people doing a handful of ordinary things."""
    syllables = ["ba", "ko", "ri", "mu", "te", "sa", "lo", "ni", "du", "fe"]
    verbs = [
        "opened a clinic",
        "visited the harbour",
        "signed a contract",
        "inspected bridges",
        "met farmers",
    ]
    crowd = []
    for n in range(size):
        name = "".join(syllables[int(d)] for d in f"{n:04d}").title()
        text = f"{name} {verbs[n % len(verbs)]} near the northern ridge."
        crowd.append(candidate(f"c{n // 20:03d}", text, "2024-03-04", "Monday", (name,), start=100 * n))
    return crowd


def test_merging_a_crowded_day_compares_each_candidate_with_a_bounded_few():
    crowd = _crowd(2000)
    pair = [
        candidate("a", ONE, "2024-03-04", "Monday", ("Mara Quinlan", "Port Evel"), "declare"),
        candidate("b", TWO, "2024-03-04", "Monday", ("Quinlan", "Port Evel"), "declare"),
        candidate("m", ONE, "2024-03", "March", ("Quinlan", "Port Evel"), "declare"),
        candidate("u", TWO, None, "Monday", ("Quinlan", "Port Evel"), "declare"),
    ]
    dated = sorted({c.source.doc for c in crowd + pair} - {"u"})
    docs = [document(d, "x", "2024-03-05") for d in dated] + [document("u", "x", None)]
    ids = {name: name.casefold() for c in crowd for name in c.names} | ACTORS
    kinds = {i: "person" for i in ids.values()} | KINDS
    extractions = [
        ArticleExtraction(doc_id=d.id, events=tuple(c for c in crowd + pair if c.source.doc == d.id))
        for d in docs
    ]
    COMPARISONS.clear()
    result = build_chronology(docs, extractions, ids.get, kinds)
    # All pairs would be about two million comparisons; blocking keeps a few per candidate.
    assert COMPARISONS["same_event"] < 20 * len(crowd)
    # The reports of one happening still meet among the crowd: the same day's, the month's, the undated one.
    (declared,) = [e for e in result.events if "mara-quinlan" in e.actors]
    assert [s.doc for s in declared.sources] == ["a", "b", "m", "u"]


def test_pre_sorted_wording_scores_as_rapidfuzz_token_sort_ratio():
    from rapidfuzz import fuzz

    from builder.resolve.chronology import _sorted_words

    # Odd spaces too: rapidfuzz splits words on most Unicode spaces but not U+0085 or U+00A0.
    texts = [
        "Troops  left\tthe harbour of Saltmere on Friday",
        "the harbour of Saltmere troops left on Friday",
        "Troops\u00a0left the harbour",
        "Troops left\u0085the harbour",
        "Troops\u2003left the harbour",
        "",
        " ",
    ]
    for a in texts:
        for b in texts:
            assert fuzz.ratio(_sorted_words(a), _sorted_words(b)) == fuzz.token_sort_ratio(a, b)


def test_events_with_many_wordings_match_as_any_pair_of_them_does():
    from rapidfuzz import fuzz

    from builder.resolve.chronology import MANY_WORDINGS, SAME_WORDING, _sorted_words, _worded_alike

    many = [f"Ferry number {n} sank off the northern cape with its cargo" for n in range(MANY_WORDINGS + 4)]
    close = "Ferry number 7 sank off the northern cape with its cargo of salt"
    far = "The harbour council voted on a new budget for the lighthouse"
    for probe in (close, far):
        expected = any(fuzz.token_sort_ratio(probe, m) >= SAME_WORDING for m in many)
        # One call scores every pair at once (more than MANY_WORDINGS pairs), or pair by pair.
        assert (
            _worded_alike([_sorted_words(m) for m in many], [_sorted_words(probe)], SAME_WORDING) is expected
        )
        assert _worded_alike([_sorted_words(many[7])], [_sorted_words(probe)], SAME_WORDING) is (
            fuzz.token_sort_ratio(probe, many[7]) >= SAME_WORDING
        )
    assert _worded_alike([_sorted_words(m) for m in many], [_sorted_words(close)], SAME_WORDING)


def test_content_words_are_letter_runs_cut_to_five_in_ascii_and_other_text():
    import re

    from builder.resolve.chronology import STOP_WORDS, _content_words

    assert _content_words("The Council declared 2024_budget cuts in Saltmere") == {
        "counc", "decla", "budge", "cuts", "saltm",
    }  # fmt: skip
    assert _content_words("Le Conseil a déclaré l'état d'urgence à Évora") == {
        "conse", "décla", "état", "urgen", "évora",
    }  # fmt: skip
    # ASCII text is read with a plain [a-zA-Z] pattern: the same words as the Unicode letter pattern.
    for text in ("Troops left the harbour_2 at 0600", "Straße der Einheit", "x²yz word4 ½half Ⅻ"):
        expected = {w[:5] for w in re.findall(r"[^\W\d_]{4,}", text.casefold()) if w not in STOP_WORDS}
        assert _content_words(text) == expected


def test_an_undated_weekday_matching_several_dated_events_stays_undated_after_two_matches():
    mondays = ["2024-03-04", "2024-03-11", "2024-03-18"]
    docs = [document(f"d{n}", ONE, day) for n, day in enumerate(mondays)] + [document("u", TWO, None)]
    candidates = [
        candidate(f"d{n}", ONE, day, "Monday", ("Mara Quinlan", "Port Evel"), "declare")
        for n, day in enumerate(mondays)
    ]
    COMPARISONS.clear()
    result = chronology(docs, [*candidates, candidate("u", TWO, None, "Monday", ("Quinlan", "Port Evel"))])
    assert [(e.date, e.date_inferred) for e in result.events] == [(day, False) for day in mondays] + [
        (None, False)
    ]
    # Ambiguous after the second match: the third Monday is not compared.
    assert COMPARISONS["same_event"] == 2


def test_a_year_report_joins_the_day_event_a_month_report_already_joined():
    """A month report that has joined its day event is no longer an event of its own to join."""
    docs = [
        document("a", ONE, "2024-03-05"),
        document("b", ONE, "2024-04-02"),
        document("c", ONE, "2024-06-01"),
    ]
    result = chronology(
        docs,
        [
            candidate("a", ONE, "2024-03-04", "Monday", ("Mara Quinlan", "Port Evel"), "declare"),
            candidate("b", ONE, "2024-03", "March", ("Quinlan", "Port Evel"), "declare"),
            candidate("c", ONE, "2024", "this year", ("Quinlan", "Port Evel"), "declare"),
        ],
    )
    # Every report is somewhere, once: none joined an event that no longer stands alone.
    assert sorted(s.doc for e in result.events for s in e.sources) == ["a", "b", "c"]
    assert [(e.date, [s.doc for s in e.sources]) for e in result.events] == [("2024-03-04", ["a", "b", "c"])]


def test_an_event_is_planned_only_when_every_report_tells_it_as_a_plan():
    from dataclasses import replace

    docs = [document("a", ONE, "2024-03-05"), document("b", TWO, "2024-03-06")]
    first = candidate("a", ONE, "2024-03-04", "Monday", ("Mara Quinlan", "Port Evel"), "declare")
    second = candidate("b", TWO, "2024-03-04", "Monday", ("Quinlan", "Port Evel"), "declare")
    (event,) = chronology(docs, [replace(first, planned=True), second]).events
    assert event.planned is False
    (event,) = chronology(docs, [replace(first, planned=True), replace(second, planned=True)]).events
    assert event.planned is True


def test_a_weekday_inside_the_expression_must_agree_with_its_date():
    from builder.extract.times import tag_times

    text = "VELL — Tuesday, May 6, 2024\n\nTalks opened in Vell."  # 6 May 2024 was a Monday
    doc = document("u", text, None)
    extraction = ArticleExtraction(doc_id="u", times=tuple(tag_times(doc)))
    assert [t.span.text for t in extraction.times] == ["Tuesday, May 6, 2024"]
    assert infer_document_date(doc, extraction) is doc
    right = document("u", text.replace("Tuesday", "Monday"), None)
    extraction = ArticleExtraction(doc_id="u", times=tuple(tag_times(right)))
    assert infer_document_date(right, extraction).date == "2024-05-06"


def test_the_source_page_shows_the_evidence_of_an_inferred_date(sample_dossier):
    from dataclasses import replace
    from pathlib import Path

    from builder.publish.pages import render_site

    evidence = "the date at the top of the article, '6 May 2024': “VELL — 6 May 2024”"
    camp = next(d for d in sample_dossier.documents if d.id == "camp-report")
    dated = replace(camp, date="2024-05-06", date_source="inferred", date_evidence=evidence)
    documents = tuple(dated if d.id == camp.id else d for d in sample_dossier.documents)
    site = render_site(
        replace(sample_dossier, documents=documents), Path(__file__).parent.parent / "templates"
    )
    page = site["sources/camp-report.md"]
    assert "2024-05-06 (from: inferred" in page and "the date at the top of the article" in page


def test_every_undated_event_says_why_its_date_is_unknown():
    dated = document("d", ONE, "2024-05-06")
    undated = document("u", TWO, None)
    events = chronology(
        [dated, undated],
        [
            candidate("d", ONE, None, "", ("Mara Quinlan", "Port Evel"), action="declared"),
            candidate("u", TWO, None, "", ("Quinlan", "Port Evel"), action="shelled"),
        ],
    ).events
    reasons = sorted(e.date_evidence for e in events if e.date is None)
    assert reasons == [
        "the article has no dateline and the sentence names no date",
        "the sentence names no date, and the article's date need not be the event's",
    ]


def test_an_undated_distance_from_another_time_says_it_counts_from_an_undated_time():
    text = "Just over an hour later, Quinlan was declared dead in Port Evel."
    events = chronology(
        [document("d", text, "2024-05-06")],
        [candidate("d", text, None, "Just over an hour later", ("Quinlan", "Port Evel"), action="declare")],
    ).events
    assert [e.date_evidence for e in events] == [
        "'Just over an hour later' counts from a time the article does not date"
    ]


# --- one event per happening, across sources (issue 15) -------------------------------------
# Invented places: Port Evel and Lake Sarn in Evelia, Corvo in Marenia.
PLACES = {"port-evel": "Evelia", "lake-sarn": "Evelia", "corvo": "Marenia", "evelia": "Evelia"}
MORE_ACTORS = {"Lake Sarn": "lake-sarn", "Corvo": "corvo", "Evelia": "evelia", "Ilse Varga": "ilse-varga"}
MORE_KINDS = {"lake-sarn": "place", "corvo": "place", "evelia": "place", "ilse-varga": "person"}


def placed_chronology(docs, candidates):
    """The chronology with the places' countries known (Evelia is a country as a whole)."""
    extractions = [
        ArticleExtraction(doc_id=d.id, events=tuple(c for c in candidates if c.source.doc == d.id))
        for d in docs
    ]
    actors = {**ACTORS, **MORE_ACTORS}
    kinds = {**KINDS, **MORE_KINDS}
    return build_chronology(docs, extractions, actors.get, kinds, PLACES, {"evelia"})


def two_reports(first, second):
    """Two articles of 6 March 2024, one report each; the chronology's events as (date, sources) pairs."""
    docs = [document("a", first[0], "2024-03-06"), document("b", second[0], "2024-03-06")]
    result = placed_chronology(
        docs,
        [
            candidate("a", first[0], first[1], "Monday", first[2], first[3]),
            candidate("b", second[0], second[1], "Monday", second[2], second[3]),
        ],
    )
    return [(e.date, [s.doc for s in e.sources]) for e in result.events]


def test_the_same_people_doing_the_same_kind_of_act_in_other_words_is_one_happening():
    # "denounced" and "condemned" are one kind of act (builder/values/happenings.py), by one actor.
    assert two_reports(
        ("Mara Quinlan denounced the blockade of the harbour.", "2024-03-04", ("Mara Quinlan",), "denounce"),
        ("Quinlan condemned the siege in a televised speech.", "2024-03-04", ("Quinlan",), "condemn"),
    ) == [("2024-03-04", ["a", "b"])]


def test_an_attack_reported_in_other_words_in_the_same_town_is_one_happening():
    # No actor is named (who set the bombs is not known): the town and the kind of act tell it.
    assert two_reports(
        ("Bombs exploded outside the ferry terminal in Port Evel.", "2024-03-04", ("Port Evel",), "explode"),
        ("The blast at the Port Evel terminal toppled a crane.", "2024-03-04", ("Port Evel",), "blast"),
    ) == [("2024-03-04", ["a", "b"])]


def test_the_same_kind_of_attack_in_the_same_country_only_stays_apart():
    # Evelia is a whole country: two attacks there on one day may be far apart.
    assert two_reports(
        ("Bombs exploded outside a terminal in Evelia.", "2024-03-04", ("Evelia",), "explode"),
        ("A blast in Evelia toppled a crane.", "2024-03-04", ("Evelia",), "blast"),
    ) == [("2024-03-04", ["a"]), ("2024-03-04", ["b"])]


def test_a_condemnation_is_not_the_attack_it_condemns_however_alike_the_words():
    assert two_reports(
        ("Tomas Reyes condemned the bombing of the ferry terminal in Port Evel.", "2024-03-04",
         ("Tomas Reyes", "Port Evel"), "condemn"),
        ("The bombing of the ferry terminal in Port Evel killed nine.", "2024-03-04",
         ("Port Evel",), "bombing"),
    ) == [("2024-03-04", ["a"]), ("2024-03-04", ["b"])]  # fmt: skip


def test_the_same_act_by_different_actors_on_the_same_day_stays_apart():
    # Two condemnations of one attack on one day, by two people, are two happenings.
    assert two_reports(
        ("Tomas Reyes condemned the bombing of the terminal in Port Evel.", "2024-03-04",
         ("Tomas Reyes", "Port Evel"), "condemn"),
        ("Ilse Varga also denounced the attack on the Port Evel terminal.", "2024-03-04",
         ("Ilse Varga", "Port Evel"), "denounce"),
    ) == [("2024-03-04", ["a"]), ("2024-03-04", ["b"])]  # fmt: skip


def test_different_kinds_of_act_on_the_same_date_with_shared_words_stay_apart():
    # Same day, same actor, words in common: a meeting and an arrest are not one happening.
    assert two_reports(
        ("Mara Quinlan met the harbour workers in Port Evel.", "2024-03-04",
         ("Mara Quinlan", "Port Evel"), "meet"),
        ("Police arrested Mara Quinlan among the harbour workers in Port Evel.", "2024-03-04",
         ("Mara Quinlan", "Port Evel"), "arrest"),
    ) == [("2024-03-04", ["a"]), ("2024-03-04", ["b"])]  # fmt: skip


def test_reports_placed_in_two_countries_are_never_one_happening():
    # The same actor, the same kind of act and most words in common, but Port Evel and Corvo lie
    # in two countries: two arrests, not one.
    assert two_reports(
        ("Mara Quinlan was arrested at the airport in Port Evel.", "2024-03-04",
         ("Mara Quinlan", "Port Evel"), "arrest"),
        ("Mara Quinlan was arrested at the airport in Corvo.", "2024-03-04",
         ("Mara Quinlan", "Corvo"), "arrest"),
    ) == [("2024-03-04", ["a"]), ("2024-03-04", ["b"])]  # fmt: skip


def test_a_coarser_date_joins_the_day_when_it_tells_the_same_kind_of_act():
    # "in March" is compatible with 4 March: the month report joins the day's event of its kind.
    assert two_reports(
        ("Mara Quinlan resigned as harbour minister on Monday.", "2024-03-04", ("Mara Quinlan",), "resign"),
        ("In March, Quinlan quit the harbour ministry.", "2024-03", ("Quinlan",), "quit"),
    ) == [("2024-03-04", ["a", "b"])]


def test_a_coarser_date_of_another_kind_of_act_stays_apart():
    assert two_reports(
        ("Mara Quinlan resigned as harbour minister on Monday.", "2024-03-04", ("Mara Quinlan",), "resign"),
        ("In March, Quinlan visited the harbour ministry.", "2024-03", ("Quinlan",), "visit"),
    ) == [("2024-03", ["b"]), ("2024-03-04", ["a"])]


def test_a_shared_kind_of_act_says_little_about_a_whole_year():
    # Dated by the year only, one actor and one kind of act are not enough: two arrests in 2023.
    assert two_reports(
        ("Mara Quinlan was arrested in 2023 after the port strike.", "2023", ("Mara Quinlan",), "arrest"),
        ("Quinlan was detained in 2023 for tax fraud.", "2023", ("Quinlan",), "detain"),
    ) == [("2023", ["a"]), ("2023", ["b"])]


def toll(doc_id, start, value, counted="Americans"):
    return FigureCandidate(value, "exact", "killed", counted, None, None, Span(doc_id, start, start + 1, ""))


def reports_with_tolls(value):
    """Two unnamed reports of an attack on one day (no actor, no place), each with a toll."""
    first = "The bombings killed many people, among them dozens of Americans."
    second = "Friday's blasts at the two consulates left the capitals in shock."
    docs = [document("a", first, "2024-03-06"), document("b", second, "2024-03-06")]
    extractions = [
        ArticleExtraction(
            doc_id="a",
            events=(candidate("a", first, "2024-03-01", "Friday", (), "bombing"),),
            figures=(toll("a", 0, value),),
        ),
        ArticleExtraction(
            doc_id="b",
            events=(candidate("b", second, "2024-03-01", "Friday", (), "blast"),),
            figures=(toll("b", 0, value),),
        ),
    ]
    result = build_chronology(docs, extractions, ACTORS.get, KINDS)
    return [[s.doc for s in e.sources] for e in result.events]


def test_an_attack_told_with_the_same_toll_on_the_same_day_is_one_happening():
    assert reports_with_tolls(12) == [["a", "b"]]


def test_a_small_toll_repeated_tells_nothing():
    # Two people killed on one day can be two attacks of one conflict.
    assert reports_with_tolls(2) == [["a"], ["b"]]


def test_an_actor_named_beside_the_happening_is_not_one_of_its_actors():
    # Both sentences name Reyes, but only as who questioned or who spoke: the expulsion of the
    # traders and the arrest of the sailors are acts of the same kind by different actors.
    first = "Mara Quinlan expelled five traders who were questioned by Tomas Reyes."
    second = "Tomas Reyes said Ilse Varga had deported the sailors."
    docs = [document("a", first, "2024-03-06"), document("b", second, "2024-03-06")]
    actors = {**ACTORS, **MORE_ACTORS}
    kinds = {**KINDS, **MORE_KINDS}
    candidates = [
        replace(
            candidate("a", first, "2024-03-04", "Monday", ("Mara Quinlan", "Tomas Reyes"), "expel"),
            participants=("Mara Quinlan",),
        ),
        replace(
            candidate("b", second, "2024-03-04", "Monday", ("Tomas Reyes", "Ilse Varga"), "deport"),
            participants=("Ilse Varga",),
        ),
    ]
    extractions = [
        ArticleExtraction(doc_id=d.id, events=tuple(c for c in candidates if c.source.doc == d.id))
        for d in docs
    ]
    events = build_chronology(docs, extractions, actors.get, kinds).events
    assert [[s.doc for s in e.sources] for e in events] == [["a"], ["b"]]
    # Told by the same actor, the same kind of act on the same day is one happening.
    candidates[1] = replace(candidates[1], participants=("Mara Quinlan",), names=("Quinlan",))
    extractions = [
        ArticleExtraction(doc_id=d.id, events=tuple(c for c in candidates if c.source.doc == d.id))
        for d in docs
    ]
    events = build_chronology(docs, extractions, actors.get, kinds).events
    assert [[s.doc for s in e.sources] for e in events] == [["a", "b"]]


def test_reports_of_what_different_actors_did_stay_apart_even_through_one_naming_neither():
    # Alike wire lines about different companies' shares, and one naming only the exchange: the
    # exchange is where it happened, not who; the line naming neither joins one of them at most.
    lines = {
        "a": (
            "In Vell Exchange trading yesterday, Orchard shares fell $1 to $10.",
            ("Vell Exchange", "Orchard"),
        ),
        "b": (
            "Lynx shares rose $2 to close at $20 in Vell Exchange trading yesterday.",
            ("Lynx", "Vell Exchange"),
        ),
        "c": ("In Vell Exchange trading yesterday, the shares closed at $18, unchanged.", ("Vell Exchange",)),
    }
    actors = {"Vell Exchange": "vell-exchange", "Orchard": "orchard", "Lynx": "lynx"}
    kinds = dict.fromkeys(actors.values(), "organisation")
    docs = [document(doc_id, text, "2024-03-05") for doc_id, (text, _) in lines.items()]
    extractions = [
        ArticleExtraction(
            doc_id=doc_id,
            events=(
                replace(
                    candidate(doc_id, text, "2024-03-04", "yesterday", names, "close"),
                    participants=names,
                ),
            ),
        )
        for doc_id, (text, names) in lines.items()
    ]
    result = build_chronology(docs, extractions, actors.get, kinds)
    together = [{s.doc for s in e.sources} for e in result.events]
    assert not any({"a", "b"} <= docs_of for docs_of in together)
