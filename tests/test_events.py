import pytest

from builder.corpus import split_paragraphs
from builder.extract.events import extract_events, summarise
from builder.extract.times import tag_times
from builder.model import Document, Span


@pytest.fixture(scope="module")
def nlp():
    from builder.extract.nlp import DEFAULT_MODEL, load_pipeline

    return load_pipeline(DEFAULT_MODEL)


def events(nlp, text, date):
    document = Document("d", "d.txt", "", text, date, "dateline" if date else "none", split_paragraphs(text))
    doc = nlp(text)
    return extract_events(document, doc, tag_times(document, doc), [])


def test_summary_drops_the_leading_date_and_keeps_the_clause(nlp):
    (event,) = events(nlp, "On Tuesday, the Valdorian navy seized a cargo ship near Port Evel.", "2024-05-16")
    assert (event.date, event.date_text) == ("2024-05-14", "Tuesday")
    assert event.summary == "The Valdorian navy seized a cargo ship near Port Evel."
    assert event.source.text == "On Tuesday, the Valdorian navy seized a cargo ship near Port Evel."


@pytest.mark.parametrize("dateline, monday", [("2024-05-15", "2024-05-13"), ("2024-05-19", "2024-05-13")])
def test_a_duration_gives_the_end_date(nlp, dateline, monday):
    (event,) = events(nlp, "On Monday, the governor declared a 30-day curfew in Marrow County.", dateline)
    assert (event.date, event.end_date) == (monday, "2024-06-12")
    assert event.action == "declare"


def test_a_following_action_in_the_paragraph_inherits_the_date(nlp):
    text = (
        "On Monday, rebels attacked the garrison at Kessel. Soldiers repelled the assault.\n\n"
        "Soldiers rested."
    )
    found = events(nlp, text, "2024-05-15")
    assert [(e.date, e.summary) for e in found] == [
        ("2024-05-13", "Rebels attacked the garrison at Kessel."),
        ("2024-05-13", "Soldiers repelled the assault."),
    ]
    assert "continues" in found[1].date_evidence


def test_what_befell_people_in_another_happening_named_takes_no_date_from_the_sentence_before(nlp):
    text = (
        "The Vell ministers met on Wednesday to assess the damage after the bombing of the port. "
        "Twelve sailors were killed in the bombing.\n\n"
        "A bomb exploded on Monday at the Kessel embassy. Nine guards were killed in the blast."
    )
    found = [(e.date, e.summary) for e in events(nlp, text, "2024-05-16")]
    assert not any(summary.startswith("Twelve sailors") for _, summary in found)
    assert ("2024-05-13", "Nine guards were killed in the blast.") in found  # the same happening


def test_only_the_next_sentence_continues_a_dated_one_unless_a_report_of_the_same_stands_between(nlp):
    text = (
        "On Monday, rebels attacked the garrison at Kessel. The garrison is small. "
        "Soldiers repelled the assault.\n\n"
        "On Sunday evening, protests broke out in Kessel. At least nine people were killed, the league said. "
        "Security forces detained 150 protesters.\n\n"
        "On Friday, the army shelled Dunmore. ``We lost everything,'' a farmer said. Soldiers then left."
    )
    found = [(e.date, e.summary) for e in events(nlp, text, "2024-05-15")]
    assert ("2024-05-13", "Soldiers repelled the assault.") not in found
    assert ("2024-05-12", "Security forces detained 150 protesters.") in found
    # a quote between, in wire copy's doubled marks, is no report of the same happening
    assert ("2024-05-10", "Soldiers then left.") not in found
    assert ("2024-05-10", "The army shelled Dunmore.") in found


def test_a_duration_counted_back_to_a_clause_dates_that_clause_not_the_sentence(nlp):
    text = "Three years after it was first due for delivery, Skyfleet has rolled out its first jet."
    (event,) = events(nlp, text, "2011-08-08")
    # the rollout is today's; the date three years back is when the jet was due
    assert (event.date, event.summary) == ("2008-08-08", "It was first due for delivery")


def test_a_date_after_since_starts_a_stretch_that_runs_to_the_article_in_the_present_perfect(nlp):
    text = (
        "Since 1993, three doctors have been murdered in Portville. "
        "Since 1990, Tomas Berg had been arrested in several states."
    )
    now, before = events(nlp, text, "1998-10-25")
    assert (now.date, now.end_date) == ("1993", "1998-10-25")
    assert (before.date, before.end_date) == ("1990", None)  # a past perfect ends before the article
    # the line keeps "since": it did not all happen in that year
    assert now.summary.startswith("Since 1993, three doctors")
    assert before.summary.startswith("Since 1990, Tomas Berg")


def test_a_range_of_two_dates_ends_at_the_later_one(nlp):
    text = (
        "Visitors to Valdoria rose from fewer than 100,000 in 1980 to more than 300,000 last year. "
        "The number of clinics declined between 1982 and 1992. The plant opened in 1990 and closed in 1995."
    )
    found = [(e.date, e.end_date) for e in events(nlp, text, "1998-09-07")]
    assert found == [("1980", "1997"), ("1982", "1992"), ("1990", None), ("1995", None)]


def test_a_date_the_sentence_denies_dates_nothing(nlp):
    text = (
        "Delivery is now expected around 2020, and not 2015 as hoped. "
        "The vote was held in May rather than March. The plan will not be ready until 2030."
    )
    found = [(e.date, e.date_text) for e in events(nlp, text, "2008-05-24")]
    assert ("2015", "2015") not in found and ("2020", "2020") in found
    assert ("2008-05", "May") in found
    assert ("2030", "2030") in found  # "not until" says when it will be


def test_a_past_passive_action_continues_the_dated_sentence_and_a_denied_one_does_not(nlp):
    text = (
        "On Sunday, a bomb hit the market in Kessel. An old man was hospitalized with cuts. "
        "Police arrested six men. The size of the bomb was not disclosed."
    )
    found = [(e.date, e.summary) for e in events(nlp, text, "2024-05-15")]
    assert ("2024-05-12", "An old man was hospitalized with cuts.") in found
    assert ("2024-05-12", "Police arrested six men.") in found
    assert not any(summary.startswith("The size") for _, summary in found)


def test_a_background_told_out_of_order_does_not_inherit_the_date(nlp):
    text = (
        "In March, Orchard named Tomas Berg its chief executive. "
        "Before his post at Orchard, Berg held positions at two banks. "
        "Previously the board rejected him."
    )
    found = events(nlp, text, "2024-05-15")
    assert [(e.date, e.summary) for e in found] == [
        ("2024-03", "Orchard named Tomas Berg its chief executive.")
    ]


def test_undated_article_keeps_the_expression_unresolved(nlp):
    (event,) = events(nlp, "On Monday, the minister of Orlen resigned.", None)
    assert (event.date, event.date_text) == (None, "Monday")


def test_a_sentence_never_runs_across_paragraphs(nlp):
    text = 'He said, "We are ready."\n\n" On Friday, the Dunmore council approved the budget.'
    (event,) = events(nlp, text, "2024-05-18")
    assert event.source.text == "On Friday, the Dunmore council approved the budget."
    assert text[event.source.start : event.source.end] == event.source.text
    assert event.summary == "The Dunmore council approved the budget."


def test_a_paragraph_before_a_dated_post_takes_its_date(nlp):
    text = (
        "The rights office issued a statement criticising the raid in Orlen.\n\n"
        "Stop the raids now. pic.twitter.com/abc — Rights Office (@rightsoffice) March 2, 2022"
    )
    document = Document("d", "d.txt", "", text, "2022-03-05", "dateline", split_paragraphs(text))
    doc = nlp(text)
    times = [t for t in tag_times(document, doc) if document.paragraph_at(t.span.start).index != 1]
    (event,) = extract_events(document, doc, times, [], skip={1})
    assert (event.date, event.date_text) == ("2022-03-02", "March 2, 2022")
    assert event.summary.startswith("The rights office issued a statement")


def test_long_sentences_are_cut_at_a_clause_boundary():
    sentence = (
        "The transport minister of Valdoria ordered the closure of every northern rail line and two ports "
        "amid a wave of sabotage that has disrupted freight traffic across the region for several weeks now."
    )
    summary = summarise(sentence)
    assert summary.endswith("two ports")
    assert len(summary) <= 160


def test_a_long_line_keeps_the_date_of_a_clause_other_than_its_own(nlp):
    found = events(
        nlp,
        "A reward of $650,000, meanwhile, is being offered for information leading to the arrest of "
        "Tomas Berg, who is charged with shooting a judge of the Portville district court last fall in "
        "her home near the harbour.\n\n"
        "Faced with the choice of keeping the boy with relatives in Portville, where he has been wooed "
        "with toys and theme-park visits, or returning him to his father in Valdoria, the immigration "
        "service decided the boy should go home by Jan. 14, its commissioner told reporters.",
        "1998-11-20",
    )
    reward, decision = (e.summary for e in found)
    assert (
        reward.startswith("A reward of $650,000") and "shooting a judge" in reward and "last fall" in reward
    )
    assert decision.startswith("Faced with the choice") and " … " in decision
    assert "decided the boy should go home by Jan. 14" in decision
    assert max(len(reward), len(decision)) <= 160


def test_a_long_line_dated_by_its_own_verb_is_cut_as_before():
    sentence = (
        "The transport minister of Valdoria ordered the closure of every northern rail line and two ports "
        "amid a wave of sabotage that has disrupted freight traffic across the region, officials said Friday."
    )
    at = sentence.index("Friday")
    said_friday = Span("d", at, at + len("Friday"), "Friday")
    assert summarise(sentence, 0, said_friday).endswith("two ports")
    assert "Friday" in summarise(sentence, 0, said_friday, keep_date=True)


def test_sentences_without_a_date_are_not_events(nlp):
    assert events(nlp, "The council of Orlen is large. It has many members.", "2024-05-15") == []


def test_present_tense_states_are_not_events(nlp):
    text = "Today the province of Vell has five million people. Today the governor of Vell resigned."
    assert [e.summary for e in events(nlp, text, "2024-05-15")] == ["The governor of Vell resigned."]


@pytest.mark.parametrize(
    "sentence, summary",
    [
        (
            "Furthermore, the Ostrelan coast guard towed two trawlers.",
            "The Ostrelan coast guard towed two trawlers.",
        ),
        (
            "Separately the port authority closed the northern pier.",
            "The port authority closed the northern pier.",
        ),
        ("Elsewhere, farmers blocked the ring road.", "Farmers blocked the ring road."),
        ("Still, the ferry company cancelled its crossings.", "The ferry company cancelled its crossings."),
        ("In the meantime, volunteers handed out blankets.", "Volunteers handed out blankets."),
        ("But the mayor denied the report.", "The mayor denied the report."),
        # Words that also open plain clauses stay without a comma.
        ("So far twelve villages have been cut off.", "So far twelve villages have been cut off."),
        ("Later that night the dam gave way.", "Later that night the dam gave way."),
        ("Besides the harbour, two schools were flooded.", "Besides the harbour, two schools were flooded."),
    ],
)
def test_common_english_connectives_are_dropped(sentence, summary):
    assert summarise(sentence) == summary


@pytest.mark.parametrize(
    ("sentence", "summary"),
    [
        ("His ``Iron Curtain'' speech was read aloud.", "His “Iron Curtain” speech was read aloud."),
        ("The mayor said `` we are ready '' on Monday.", "The mayor said “we are ready” on Monday."),
        ("The students' union met the dean.", "The students' union met the dean."),
    ],
)
def test_typewriter_quotation_marks_are_printed_as_quotation_marks(sentence, summary):
    assert summarise(sentence) == summary


# --- dated by what happened; several happenings; plans -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "On Tuesday shares in Vell fell to their lowest level since 1998.",
        "On Tuesday the Orlen index closed above its November 20, 2008 low.",
        "On Tuesday rates rose higher than in 2008.",
    ],
)
def test_a_reference_point_is_not_the_events_date(nlp, text):
    (event,) = events(nlp, text, "2024-05-16")
    assert (event.date, event.date_text) == ("2024-05-14", "Tuesday")


def test_a_sentence_dated_only_by_a_reference_point_is_no_event(nlp):
    assert events(nlp, "Unemployment in Vell reached its highest level since February.", "2024-05-16") == []
    assert events(nlp, "It was the worst crisis in Vell since 1989.", "2024-05-16") == []
    # the superlative far before its "since"
    text = (
        "It was the first time that Tomas Berg, who led the talks in Vell for most of the winter, had "
        "been allowed to visit the port since March 2."
    )
    assert not any(e.date == "2024-03-02" for e in events(nlp, text, "2024-05-16"))


def test_since_on_an_ongoing_action_dates_its_start(nlp):
    # Not a comparison: what the president does began on that day.
    (event,) = events(nlp, "Since February 15, the president of Vell has led a campaign.", "2023-03-14")
    assert event.date == "2023-02-15"


def test_durations_around_a_happening_give_no_end_date(nlp):
    (event,) = events(nlp, "On Thursday shares in Vell fell to twelve-year lows.", "2024-05-16")
    assert (event.date, event.end_date) == ("2024-05-16", None)


@pytest.mark.parametrize(
    "text, date, end",
    [
        ("On Monday, the governor of Vell declared an emergency for 30 days.", "2024-05-13", "2024-06-12"),
        # a participle of the dated verb: the mourning was declared in the address
        (
            "The president of Vell spoke in an address on Monday, declaring three days of mourning.",
            "2024-05-13",
            "2024-05-16",
        ),
    ],
)
def test_a_duration_on_the_dated_verb_gives_the_end_date(nlp, text, date, end):
    (event,) = events(nlp, text, "2024-05-16")
    assert (event.date, event.end_date) == (date, end)


@pytest.mark.parametrize(
    "text",
    [
        # another happening's length
        "Before the minister's two-day visit, the Vell embassy on Sunday sent a warning.",
        "Ana Ruiz will stay in Vell for two more weeks after a court on Monday refused her appeal.",
        # a stretch the dated clause looks back on, or a period that closes on the date
        "Turning its back on 300 years of rule by the crown, the Vell assembly voted Monday to leave.",
        "For the year ended May 12, Orchard Corp. had net income of $2.4 million.",
        "Orchard Corp. said on Monday that it lost $6 million in the first nine months.",
        "Lynx Inc. said Monday that it has hired 300 people a month for the past four months.",
    ],
)
def test_a_duration_of_something_else_gives_no_end_date(nlp, text):
    found = events(nlp, text, "2024-05-16")
    assert found and all(e.end_date is None for e in found)


@pytest.mark.parametrize(
    "text, line",
    [
        # A date written before a noun that is not the sentence's subject is that noun's: the
        # sentence's own verb happened at another time (the official spoke on the article's day).
        (
            "Officials said the port could be inspected as laid down by the May 3 accord signed by "
            "the two ministers.",
            "The May 3 accord signed by the two ministers",
        ),
        (
            "Reyes said the inquiry into last Friday's bombing of the depot was stalled.",
            "Last Friday's bombing of the depot",
        ),
        (
            "Tomas Berg is serving ten years for the May 2001 murder of Ana Ruiz.",
            "The May 2001 murder of Ana Ruiz",
        ),
        # A term's date is the thing's: the dividend is paid then, not declared.
        (
            "Orchard Ltd. declared a 5% stock dividend, payable June 15 to stock of record May 17.",
            "A 5% stock dividend, payable June 15 to stock of record May 17",
        ),
        # The subject's date, the setting's and a name's year date the sentence.
        ("The Friday blasts at the harbour killed twelve people.", "same"),
        ("At a Tuesday launch in Vell, Orchard showed a new laptop.", "same"),
        ("Ana Ruiz opened Expo 2005 in Vell.", "same"),
        ("PORTVILLE, March 4 - Tomas Berg of the Vell police said the port had closed.", "same"),
        # the parser's noun for a verb: no noun phrase opens at the date
        (
            "``The riots of May 7 underscore that no town is safe,'' Ana Ruiz said.",
            "“The riots of May 7 underscore that no town is safe,” Ana Ruiz said.",
        ),
        # a period's accounts and the present date the sentence that reports them
        ("Orchard posted a third-quarter loss of $70 million, or $12 a share.", "same"),
        ("Orchard blamed its 2023 operating results on the strike.", "same"),
        ("Ana Ruiz said she had no role in this year's campaign.", "same"),
    ],
)
def test_a_date_written_on_a_noun_dates_that_nouns_phrase(nlp, text, line):
    found = events(nlp, text, "2024-03-06")
    assert (text if line == "same" else line) in [e.summary for e in found]


def test_a_period_closed_by_its_date_keeps_the_sentence_as_its_line(nlp):
    # "ended May 12" is a clause on "the year": the line is the sentence, not "The year ended May 12"
    text = "For the year ended May 12, Orchard Corp. had net income of $2.4 million."
    (event,) = events(nlp, text, "2024-05-16")
    assert (event.date, event.summary) == ("2024-05-12", text)


def test_each_happening_of_a_sentence_gets_its_date(nlp):
    text = "Rebels seized the town of Kessel on Monday and police retook it on Wednesday."
    assert [e.date for e in events(nlp, text, "2024-05-16")] == ["2024-05-13", "2024-05-15"]


def test_a_list_of_dated_items_gives_one_event_an_item(nlp):
    text = "The league grew to include Vell and Orlen in 1952, Kessel in 1955 and Dunmore in 1982."
    found = events(nlp, text, "2024-05-16")
    assert [e.date for e in found] == ["1952", "1955", "1982"]
    assert all(e.source.text == text for e in found)


def test_dates_of_one_happening_make_one_event(nlp):
    (event,) = events(nlp, "On Monday, May 13, the Kessel council voted to close the port.", "2024-05-16")
    assert event.date == "2024-05-13"


@pytest.mark.parametrize(
    "text, planned",
    [
        ("The Kessel council will vote on Friday.", True),
        ("The Kessel council is expected to vote on Friday.", True),
        ("The Kessel council voted on Friday.", False),
        ("The Kessel assembly meets in June.", True),  # a date after the article's
    ],
)
def test_planned_events_are_marked(nlp, text, planned):
    (event,) = events(nlp, text, "2024-05-15")
    assert event.planned is planned


def test_a_plan_lends_its_date_to_no_following_action(nlp):
    text = "The Kessel line will open in July. Engineers inspected the tracks."
    found = events(nlp, text, "2024-05-15")
    assert [(e.date, e.planned) for e in found] == [("2024-07", True)]


def test_a_dateline_is_no_event(nlp):
    text = "KESSEL, August 11 (Vell News) --\n\nThe Kessel council met on Tuesday."
    assert [e.date for e in events(nlp, text, "2024-08-11")] == ["2024-08-06"]


@pytest.mark.parametrize(
    "text",
    [
        "If talks fail on Monday, the Kessel union will strike on Friday.",
        "The port would reopen on Friday if the storm passes.",
    ],
)
def test_a_conditional_dates_nothing(nlp, text):
    assert events(nlp, text, "2024-05-15") == []


@pytest.mark.parametrize(
    "text, happening",
    [
        # The date on a noun dates that noun's happening, not the verb's.
        ("The Friday blasts at the harbour killed twelve people.", "blast"),
        ("Reyes said the inquiry into last Friday's bombing of the depot was stalled.", "bombing"),
        # A verb that only carries an event noun gives way to it.
        ("The bombings occurred minutes apart on Friday.", "bombing"),
        ("Marenia and Evelia on Friday became full members of the alliance.", "become member"),
        # A date on a body's name dates the verb: "the government Friday condemned".
        ("The Valdorian government Friday condemned the attack.", "condemn"),
        # A reporting verb gives way to what it reports.
        ("Police said on Friday they had arrested nine dock workers.", "arrest"),
    ],
)
def test_the_action_is_what_happened_on_the_date(nlp, text, happening):
    (event,) = events(nlp, text, "2024-05-18")
    assert event.action == happening


@pytest.mark.parametrize(
    "text, date, planned, dateline",
    [
        # Told as still to happen: a future, a verb of planning.
        ("The harbour budget will be voted on Thursday.", "2024-05-23", True, "2024-05-18"),
        ("The team planned to leave Port Evel on Thursday.", "2024-05-23", True, "2024-05-18"),
        (
            "Quinlan has invited the ministers to a ceremony in Port Evel on June 12.",
            "2024-06-12",
            True,
            "2024-05-18",
        ),
        # A date that names a thing takes no tense from its clause's verb.
        (
            "The advertisement is intended to spotlight Reyes's vote against the 2019 Harbour Act.",
            "2019",
            False,
            "2024-05-18",
        ),
        # A negated "could" tells what did not happen, also when its subject carries the negation.
        (
            "Neither he nor his grandparents could be located Wednesday in their hometown.",
            "2024-05-15",
            False,
            "2024-05-18",
        ),
        # "as early as" points ahead, unless the expression itself points back.
        ("The company had been aware of the fault as early as a year ago.", "2023", False, "2024-05-18"),
        # A plan told in the past perfect is one given up, whatever its date.
        ("Orchard Aero had hoped to have its new jet ready for 2026.", "2026", False, "2024-05-18"),
        (
            "Industry analysts predict one. Orchard Aero had hoped to have their's ready for 2026.",
            "2026",
            False,
            "2024-05-18",
        ),
        (
            "The team had planned to leave Port Evel on Thursday, but a storm kept it there.",
            "2024-05-16",
            False,
            "2024-05-18",
        ),
        ("The team hopes to leave Port Evel on Thursday.", "2024-05-23", True, "2024-05-18"),
        # A date after the article's is a plan's, whatever the tense of the verb.
        ("Officials postponed any ruling until Tuesday morning.", "2024-05-21", True, "2024-05-18"),
        # A planned thing's date lies ahead, though the clause is told in the past.
        (
            "The minister had been talking about the slated visit of the trade secretary in September.",
            "2024-09",
            True,
            "2024-05-18",
        ),
    ],
)
def test_planned_marks_follow_tense_and_modality(nlp, text, date, planned, dateline):
    found = events(nlp, text, dateline)
    assert [(e.date, e.planned) for e in found if e.date == date] == [(date, planned)]


def test_years_after_a_happening_with_no_date_of_its_own_date_nothing(nlp):
    # "Five years after its launch" counts from the launch, which the article does not date: not
    # from the article's date (that made a plan five years ahead of a past-tense report).
    found = events(
        nlp,
        "Five years after its launch, the Orchard music service in February passed a rival.",
        "2024-05-18",
    )
    assert [(e.date, e.planned) for e in found] == [("2024-02", False)]
    # Named before in the paragraph, the date it counts from is known.
    found = events(
        nlp, "The war began in 1990. Five years after the war, the country held elections.", "2024-05-18"
    )
    assert [(e.date, e.planned) for e in found][-1] == ("1995", False)


def test_the_participants_are_the_names_of_the_happenings_own_phrase(nlp):
    from builder.model import Mention, Span

    text = "Evelia expelled five traders on Friday who were questioned by Tomas Reyes."
    document = Document("d", "d.txt", "", text, "2024-05-18", "dateline", split_paragraphs(text))
    sentence = Span("d", 0, len(text), text)
    mentions = [
        Mention(Span("d", text.index(name), text.index(name) + len(name), name), label, sentence)
        for name, label in (("Evelia", "place"), ("Tomas Reyes", "person"))
    ]
    doc = nlp(text)
    (event,) = extract_events(document, doc, tag_times(document, doc), mentions)
    assert (event.names, event.participants, event.action) == (
        ("Evelia", "Tomas Reyes"),
        ("Evelia",),
        "expel",
    )


def test_the_subject_of_the_verb_above_is_a_participant_of_a_verb_without_its_own(nlp):
    from builder.model import Mention, Span

    text = "Orchard's stock rose $3.25 a share to close at $41 in Vell Exchange trading yesterday."
    document = Document("d", "d.txt", "", text, "2024-05-18", "dateline", split_paragraphs(text))
    sentence = Span("d", 0, len(text), text)
    mentions = [
        Mention(Span("d", text.index(name), text.index(name) + len(name), name), "organisation", sentence)
        for name in ("Orchard", "Vell Exchange")
    ]
    doc = nlp(text)
    (event,) = extract_events(document, doc, tag_times(document, doc), mentions)
    assert event.action == "close" and "Orchard" in event.participants  # Orchard's stock closed


def test_a_date_in_a_clause_on_a_noun_summarises_that_phrase_not_the_sentence(nlp):
    found = events(
        nlp,
        "Hundreds of former fighters in the revolution that brought Ana Ruiz to power 42 years ago "
        "gathered Wednesday night to denounce the exiles.",
        "2024-05-02",
    )
    by_date = {e.date: e.summary for e in found}
    assert by_date["1982"] == "The revolution that brought Ana Ruiz to power 42 years ago"
    assert by_date["2024-05-01"].startswith("Hundreds of former fighters")


@pytest.mark.parametrize(
    "text",
    [
        "Orchard said net rose to $9 million, or 40 cents a share, from $7 million, or 31 cents a share, "
        "a year earlier.",
        "Ruritanian output slid 6.1% from a year ago, which cut into Orchard's profit, Orchard said.",
        "Orchard earned $4 million, compared with a restated loss of $2 million last year.",
        "Trade shrank to $11 billion, down $3 billion from 2016.",
        # another currency's sign, "in" before the date, a noun between "compared with" and the date
        "Orchard's revenue was C$88.4 million, up from C$71 million in 2019.",
        "Orchard's net fell 21% to $12.5 million from $15.8 million in the year-ago period.",
        "Orchard had losses of $61 million, compared with earnings a year earlier of $47 million.",
    ],
)
def test_the_date_of_an_amount_compared_with_dates_no_happening(nlp, text):
    assert events(nlp, text, "1989-10-26") == []


def test_a_change_between_two_amounts_takes_no_date_from_the_sentence_before(nlp):
    text = (
        "In the year-earlier quarter, Orchard paid $2.2 million in tax. Sales climbed 7% to $214 million "
        "from $200 million. On Monday, rebels attacked the garrison at Kessel. Soldiers repelled the assault."
    )
    found = [(e.date, e.summary) for e in events(nlp, text, "1989-10-26")]
    assert not any(summary.startswith("Sales") for _, summary in found)
    assert ("1989-10-23", "Soldiers repelled the assault.") in found  # a narrative still continues


def test_a_change_over_a_stretch_keeps_its_dates(nlp):
    (event,) = events(nlp, "Ruritanian exports rose 5% from 2010 to 2015.", "2016-05-02")
    assert (event.date, event.end_date) == ("2010", "2015")


def test_a_change_between_amounts_with_decimals_and_a_writers_credit_take_no_date(nlp):
    text = (
        "A year earlier, Orchard earned $4.1 million. Sales climbed to $61.7 million from $58.3 million.\n\n"
        "In March, rebels attacked Kessel. --- Ana Ruiz contributed to this article."
    )
    found = [(e.date, e.summary) for e in events(nlp, text, "1990-05-02")]
    assert [summary for _, summary in found] == ["Orchard earned $4.1 million.", "Rebels attacked Kessel."]
