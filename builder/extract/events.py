"""Events: dated happenings in one article, one per clause that reports an action.

A sentence is an event when it carries a date expression, when it continues
a dated sentence of the same paragraph with a past-tense action ("Ruiz
ordered the army ..."), or when it introduces a social-media post whose
signature carries the date. Only calendar dates date an event (a day, month
or year; a week or quarter widened, a time of day narrowed to its day, "two
days after" the day it counts to): a duration, a set ("every week"),
"now", "recently" or a decade dates nothing, and a clock time alone borrows
its day from elsewhere. A duration that is how long the happening lasts ("a
60-day state of emergency") gives the event its end date. In an undated
article the expression stays unresolved and the event is listed apart.

A date is the event's only when it tells when the happening was, not what
it is compared with: "the worst crisis since 1989", "higher than in 2008",
"its November 2008 low" name reference points. A sentence that tells
several happenings with their own dates ("rebels seized the town on Monday
and police retook it on Wednesday", "Greece joined in 1952, Germany in
1955") gives one event per date. An event told as still to happen (a future
tense or modal, or a date after the article's) is marked planned; a date in
a conditional ("if talks fail on Monday, the union will strike on Friday")
dates nothing.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from builder.extract.mentions import DATELINE_DASHES
from builder.extract.spans import StartIndex, token_table
from builder.extract.tense import given_up_plan, governing_verb, verb_at
from builder.extract.times import embed_dates, event_date, is_extent, names_a_day
from builder.model import Document, EventCandidate, Mention, Span, TimeExpression
from builder.values.dates import add_duration
from builder.values.happenings import happening_class, is_event_noun
from builder.values.timex import is_underspecified
from builder.values.typography import has_quote_mark, printed_quotes

SUMMARY_MAX = 160
# How much of a long line's opening (who did what) stays when its date lies further in.
SUMMARY_HEAD = 60
# Where a long sentence can be cut and still read as a line of a chronology.
CLAUSE_BREAKS = re.compile(
    r",? (?:amid|due to|in order to|as a result of|because)\b|, (?:which|who|where|while|following|after)\b"
    r"|; | — | – "
)
# Common English sentence-initial connectives: they link a sentence to the one before, which a
# chronology line no longer follows. Those that also start plain clauses ("So far", "Still waters",
# "Later that day", "Besides the dead") are dropped only when a comma follows them.
CONNECTIVES_FREE = [
    "however", "meanwhile", "in the meantime", "also", "in addition", "additionally", "furthermore",
    "moreover", "nevertheless", "nonetheless", "separately", "likewise", "similarly", "consequently",
    "subsequently", "then", "now", "in turn", "even so", "for its part", "for their part", "for his part",
    "for her part", "precisely", "but", "and",
]  # fmt: skip
CONNECTIVES_WITH_COMMA = [
    "besides", "earlier", "later", "elsewhere", "still", "yet", "so", "instead", "in contrast",
    "by contrast", "on the other hand", "at the same time", "as a result", "therefore", "thus", "indeed",
    "in fact", "afterwards", "afterward", "finally", "eventually", "again", "otherwise", "regardless",
    "anyway", "in response", "in the end", "overall", "further", "in particular", "notably", "above all",
    "hence", "accordingly", "in short", "in any case", "after all", "of course", "first", "second",
    "third", "lastly", "previously", "since then", "until then", "by then", "at the time",
]  # fmt: skip


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


CONNECTIVES = re.compile(
    rf"^(?:(?:{_alternation(CONNECTIVES_FREE)})\b,?|(?:{_alternation(CONNECTIVES_WITH_COMMA)}),)\s*(?=\S)",
    re.I,
)
STATE_VERBS = {"be", "have", "remain", "seem", "stand", "live", "hold"}
# What a date is compared with, not when the happening was: "than in 2008", "compared with 2008";
# "since 1989" after a superlative ("the worst crisis since 1989").
COMPARED_WITH = re.compile(
    r"\b(?:than(?:\s+in)?|compared\s+(?:with|to)|versus|vs\.?)\s+(?:(?:the|its|their|a|an)\s+)?$", re.I
)
# The units of an amount of money, a share or a percentage: "$7 million", "40 cents", "3.5%".
_UNITS = r"(?:million|billion|trillion|cents?|pence|percent|%|points?)"
# A currency's sign, with the letters of its country before it ("$", "C$", "US$", "HK$").
_MONEY = r"(?:[A-Z]{0,3}[$#€£])?"
_AMOUNT = rf"{_MONEY}\d[\d.,]*(?:\s*(?:{_UNITS}|a\s+share))*"
# An amount compared with, right before the date: "from $7 million, or 40 cents a share, a year
# earlier", "compared with a restated loss of $5 million a year ago", "up from C$25 million in
# 2008"; or a change measured from the date ("down $2 billion from 2016"): the date is the
# amount's, not the happening's.
AMOUNT_COMPARED_BEFORE = re.compile(
    rf"\b(?:from|compared\s+(?:with|to)|against|versus)\s+(?:[a-z]+\s+){{0,4}}{_AMOUNT}"
    rf"(?:\s*,\s*or\s+{_AMOUNT}\s*,)?\s*,?\s*(?:(?:in|during)\s+)?(?:(?:the|a|an)\s+)?$",
    re.I,
)
# "fell 8% from a year ago", "down $2 billion from 2016": a point in the past that a change is
# measured from (not "from May to June", a stretch: ``RANGE_GOES_ON``).
FROM_BEFORE = re.compile(r"\bfrom\s+$", re.I)
CHANGE_FROM_BEFORE = re.compile(rf"\d[\d.,]*(?:\s*{_UNITS})+\s+from\s+$", re.I)
COMPARISON_POINT = re.compile(
    r"(?:(?:a|one)\s+year\s+(?:ago|earlier|before)|(?:the\s+)?year[- ](?:ago|earlier)(?:\s+\w+)?"
    r"|last\s+year)",
    re.I,
)
# "compared with" and a noun or two before a point in the past ("compared with profits a year earlier").
COMPARED_WITH_A_NOUN = re.compile(r"\bcompared\s+(?:with|to)\s+(?:[a-z]+\s+){1,2}$", re.I)
RANGE_GOES_ON = re.compile(r"\s*(?:to|until|till|through)\b", re.I)
SUPERLATIVE_SINCE = re.compile(
    r"\b(?:\w+est|most|least|first|best|worst|only)\b[^.;]{0,160}\bsince\s+(?:(?:the|its|their|a|an)\s+)?$",
    re.I,
)
# Words opening a condition: what is dated in it, or in what follows from it, has not happened.
CONDITIONALS = {"if", "unless"}
# Nouns a date can name a point of ("its November 2008 low", "the 2007 record").
MEASURE_NOUNS = {
    "low",
    "high",
    "record",
    "peak",
    "level",
    "close",
    "average",
    "trough",
    "bottom",
    "top",
    "mark",
}
# A list of dated items: "Greece in 1952, Germany in 1955 and Spain in 1982".
NEXT_IN_LIST = re.compile(r"[,;]?\s*(?:and\s+)?[^,;.]{1,40}?\s+(?:in|on|by|during)\s+", re.I)
REPORTING_VERBS = {"say", "tell", "add", "note", "state", "explain", "write", "report", "tweet", "post"}


# "since" right before a date: the date opens a stretch of time that runs on after it.
SINCE_BEFORE = re.compile(r"\bsince\s+$", re.I)


def summarise(
    sentence: str,
    sentence_start: int = 0,
    time: Span | None = None,
    keep_date: bool = False,
    of_a_noun: bool = False,
) -> str:
    """The sentence as one line of a chronology: the leading date and connectives dropped, long tails cut,
    typewriter quotation marks printed as quotation marks. A date that dates another clause than the
    sentence's own (``keep_date``) stays in the line, which a cut would otherwise give to the wrong
    clause ("X is being offered for the arrest of Y, who is charged with killing Z last fall"). A
    line that is a noun's phrase (``of_a_noun``) keeps its date at its head too ("the 2019 Harbour
    Act")."""
    text = sentence
    if time is not None and not of_a_noun:
        head = text[: time.start - sentence_start]
        # "On Tuesday, Zorn announced ..." -> "Zorn announced ...": the date is shown beside the line.
        # Not "Since 1990, X ...": the line would seem to say it happened in 1990.
        if re.fullmatch(r"[\s\"“”'’]*(?:\w+\s+){0,2}", head) and not SINCE_BEFORE.search(head):
            tail = text[time.end - sentence_start :]
            if re.match(r"\s*,|\s+(?:(?:the|a|an)\b|[A-Z])", tail) and not time.text.endswith(("'s", "’s")):
                text = tail.lstrip().lstrip(",")
    text = " ".join(text.split())
    text = printed_quotes(text)
    text = CONNECTIVES.sub("", text).lstrip('"”’ ')
    text = text[:1].upper() + text[1:]
    written = " ".join(time.text.split()) if time is not None and keep_date else ""
    return _cut(text, text.find(written) + len(written) if written and written in text else 0)


def _cut(text: str, date_end: int, limit: int = SUMMARY_MAX) -> str:
    """A long line cut at a clause boundary, keeping the date it is shown under (its text ends at
    ``date_end``): a line cut before its date would give the date to a clause it does not date.
    A date further in than a line holds keeps the line's opening words (who did what) and goes on
    from the first clause boundary or comma (else a word) that lets it fit ("The FBI put alleged
    terrorist mastermind … on the bureau's list of the Ten Most Wanted fugitives Monday.")."""
    if len(text) <= limit:
        return text
    breaks = [m.start() for m in CLAUSE_BREAKS.finditer(text)]
    if date_end > limit:
        head = text[:SUMMARY_HEAD].rsplit(" ", 1)[0].rstrip(" ,;:")
        earliest = date_end - (limit - len(head) - len(" … "))
        starts = [b for b in breaks if earliest <= b < date_end]
        starts += [m.end() for m in re.finditer(r", ", text) if earliest <= m.start() < date_end]
        # a boundary that would leave much of the line unused gives way to a word
        word = text.find(" ", earliest)
        start = min(starts) if starts and min(starts) - earliest < SUMMARY_HEAD else max(word, earliest)
        tail = text[start:].lstrip(",;—– ")
        return f"{head} … " + _cut(tail, date_end - (len(text) - len(tail)), limit - len(head) - len(" … "))
    cuts = [b for b in breaks if max(50, date_end) <= b <= limit]
    if cuts:
        return re.sub(r"[,;:]+([\"”’]?)$", r"\1", text[: cuts[-1]].rstrip())
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,") + "…"


def extract_events(
    document: Document,
    doc: Doc,
    times: list[TimeExpression],
    mentions: list[Mention],
    skip: set[int] | None = None,
) -> list[EventCandidate]:
    """The event candidates of one article, in text order."""
    skip = skip or set()
    embeds = embed_dates(document)
    events: list[EventCandidate] = []
    previous: EventCandidate | None = None
    times_at, mentions_at = StartIndex(times), StartIndex(mentions)
    for sentence in _sentences(doc):
        paragraph = document.paragraph_at(sentence.start_char)
        if paragraph.index in skip or not _text(sentence).strip():
            previous = None
            continue
        if previous is not None and document.paragraph_at(previous.source.start).index != paragraph.index:
            previous = None
        inside = times_at.starting_in(sentence.start_char, sentence.end_char)
        dates = [
            t
            for t in inside
            if _dates_its_clause(t)
            and not _reference_point(document, doc, t)
            and not _hypothetical(doc, t)
            and not _denied(document, t)
        ]
        durations = [t for t in inside if is_extent(document, t)]
        found: list[EventCandidate] = []
        if (
            _describes_a_state(sentence)
            or not any(t.pos_ in ("VERB", "AUX") for t in sentence)
            or CREDIT_LINE.search(_text(sentence))
        ):
            pass  # "Today the country has five million people", "WASHINGTON, August 11 --": no happening
        elif dates:
            groups = _happenings(document, doc, dates)
            found = [_dated(document, doc, sentence, g, durations) for g in groups]
        elif (
            previous is not None
            and _continues_action(sentence)
            and not _change_since(sentence, previous)
            and not _within_another_happening(sentence, previous)
        ):
            found = [_inherited(document, sentence, previous)]
        elif _introduces_embed(document, sentence, paragraph.index, embeds):
            found = [_dated_by_embed(document, sentence, *embeds[paragraph.index + 1])]
        if not found:
            # A sentence between breaks the narrative, unless it reports more of the same happening
            # ("At least nine were killed, the league said").
            if not _reports_a_past_action(sentence):
                previous = None
            continue
        in_sentence = mentions_at.starting_in(sentence.start_char, sentence.end_char)
        names = tuple(m.span.text for m in in_sentence)
        found = [
            _with(c, names=names, **_what_and_who(doc, sentence, c.date_span, in_sentence)) for c in found
        ]
        events.extend(found)
        # A plan lends its date to no sentence after it ("to be released in July. Jobs showed ...").
        previous = found[0] if found[0].date and not found[0].planned else None
    return events


# --- helpers ------------------------------------------------------------------


def _sentences(doc: Doc):
    """The parser's sentences, cut at line breaks: a sentence never runs across paragraphs."""
    table = token_table(doc)
    for sentence in table.sentences:
        text = table.span_text(sentence)
        if "\n" not in text.strip():
            if text.strip():  # the sentence itself: its span is already aligned to tokens
                yield sentence
            continue
        offset = sentence.start_char
        for line in re.split(r"(\n+)", text):
            piece = doc.char_span(offset, offset + len(line), alignment_mode="contract")
            offset += len(line)
            if piece is not None and table.span_text(piece).strip():
                yield piece


def _text(span: SpacySpan) -> str:
    """``span.text``, sliced from the article's text."""
    return token_table(span.doc).span_text(span)


def _source(document: Document, sentence: SpacySpan) -> Span:
    text = _text(sentence).rstrip()
    # A closing quote the parser left at the start belongs to the paragraph before.
    stray = re.match(r"[\"”’]\s+", text)
    start = sentence.start_char + (stray.end() if stray else 0)
    text = text[stray.end() :] if stray else text
    return Span(document.id, start, start + len(text), text)


def _dated(
    document: Document,
    doc: Doc,
    sentence: SpacySpan,
    dates: list[TimeExpression],
    durations: list[TimeExpression],
) -> EventCandidate:
    # The first expression that resolves to a calendar date dates the clause; else the first as written.
    resolved = [t for t in dates if event_date(t)]
    chosen = resolved[0] if resolved else dates[0]
    date = event_date(chosen)
    end_date = None
    lasting = next((d for d in durations if _lasts(doc, chosen, d)), None)
    extent = lasting.value if lasting is not None else None
    if date and extent:
        end_date = add_duration(date, extent)
    if date and not end_date:
        end_date = _range_end(document, chosen, dates)
    since = _since(document, chosen)
    if since and date and not end_date and _goes_on_to_now(doc, chosen):
        end_date = document.date  # "Since 1990, four guards have been killed": until the article
    phrase, phrase_start = _dated_phrase(doc, sentence, chosen)
    return EventCandidate(
        planned=_planned(doc, chosen, date, document.date),
        date=date,
        date_text=chosen.span.text,
        date_inferred=False,
        summary=summarise(
            phrase,
            phrase_start,
            chosen.span,
            # "since 1990" stays in the line: the date starts what it tells, which did not happen then
            keep_date=since or not _dates_the_main_clause(doc, chosen),
            of_a_noun=phrase_start != sentence.start_char,
        ),
        source=_source(document, sentence),
        end_date=end_date,
        date_span=chosen.span,
        extent=extent,
    )


def _lasts(doc: Doc, time: TimeExpression, duration: TimeExpression) -> bool:
    """Whether a duration is how long the happening ``time`` dates lasts: it hangs on the date's own
    verb (or a participle of it: "spoke on Friday, declaring a week of mourning") as a "for"
    phrase, its object or its object's length ("imposed a 30-day curfew"). Not another happening's
    length ("before a two-day visit", "stays two more weeks after a court ruled on Monday"),
    nor a stretch the dated clause looks back on ("300 years of rule", "for the year ended
    May 12")."""
    span = doc.char_span(duration.span.start, duration.span.end, alignment_mode="expand")
    date_verb = verb_at(time.span.start, time.span.end, doc)
    if span is None or date_verb is None:
        return False
    word = span.root
    verb = governing_verb(word)
    if verb.i != date_verb.i and not (verb.tag_ == "VBG" and verb.head.i == date_verb.i):
        return False
    if word.dep_ == "pobj":
        return word.head.lower_ == "for" and word.head.head.i in (verb.i, *(c.i for c in verb.children))
    if word.dep_ in ("dobj", "npadvmod"):
        return word.head.i == verb.i
    noun = word.head
    return word.dep_ in LENGTH_MODIFIERS and noun.dep_ in ("dobj", "nsubjpass") and noun.head.i == verb.i


# How a length is written on a noun: "a 30-day curfew", "a three-month ban".
LENGTH_MODIFIERS = {"compound", "amod", "nummod", "nmod"}


def _reference_point(document: Document, doc: Doc, time: TimeExpression) -> bool:
    """A date the happening is compared with, not when it was: "the worst crisis since 1989",
    "its biggest fall since the attacks of September 11, 2001", "has not closed above 8,000
    since February", "higher than in 2008", "its November 2008 low". ("Since February 15 the
    president has led a crusade" dates the start of what he does: not a reference point.)"""
    before = document.text[max(0, time.span.start - 200) : time.span.start]
    if COMPARED_WITH.search(before[-30:]) or SUPERLATIVE_SINCE.search(before):
        return True
    if COMPARISON_POINT.fullmatch(time.span.text) and COMPARED_WITH_A_NOUN.search(before[-40:]):
        return True  # "compared with profits a year earlier of $4 million"
    measured_from = FROM_BEFORE.search(before[-12:]) and (
        COMPARISON_POINT.fullmatch(time.span.text) or CHANGE_FROM_BEFORE.search(before)
    )
    if (AMOUNT_COMPARED_BEFORE.search(before) or measured_from) and not RANGE_GOES_ON.match(
        document.text[time.span.end : time.span.end + 12]
    ):
        return True  # "to $9 million from $7 million a year earlier", "fell 8% from a year ago"
    span = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    # Up the noun phrase and its prepositions, as far as the verb.
    while token.head.i != token.i and token.pos_ not in ("VERB", "AUX"):
        if (
            token.dep_ in ("compound", "nmod", "poss", "amod", "nummod")
            and token.head.lemma_ in MEASURE_NOUNS
        ):
            return True
        token = token.head
        if token.pos_ == "ADP" and token.lower_ == "than":
            return True
        if token.pos_ == "ADP" and token.lower_ == "since":
            return _compares(token.head)
    return False


def _denied(document: Document, time: TimeExpression) -> bool:
    """A date the sentence says is not the one: "around 2030, and not 2025 as hoped", "in May rather
    than March", "instead of Friday"."""
    return bool(DENIED_BEFORE.search(document.text[max(0, time.span.start - 16) : time.span.start]))


DENIED_BEFORE = re.compile(r"\b(?:not(?:\s+in|\s+on)?|rather\s+than|instead\s+of)\s+$", re.I)


def _hypothetical(doc: Doc, time: TimeExpression) -> bool:
    """A date in a conditional, either half: "if talks fail on Monday, the union will strike on
    Friday", "the soonest he could leave would be seven days later" (after an "if")."""
    verb = verb_at(time.span.start, time.span.end, doc)
    if verb is None:
        return False
    verbs = [verb, verb.head] if verb.dep_ == "conj" else [verb]
    for head in verbs:
        for child in head.children:
            if child.dep_ == "mark" and child.lower_ in CONDITIONALS:
                return True  # the condition
            if child.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in CONDITIONALS for m in child.children
            ):
                return True  # what follows from it
    return False


def _compares(head: Token) -> bool:
    """Whether a "since" phrase on ``head`` measures against a point ("the worst crisis since",
    "the highest since", "has not closed above 8,000 since") rather than starting what the verb
    tells ("has been leading since February 15")."""
    if head.pos_ not in ("VERB", "AUX"):
        return True  # on a noun or an adjective: "the worst crisis since 1989"
    return any(
        t.dep_ == "neg" or t.tag_ in ("JJS", "RBS", "JJR", "RBR") or t.lower_ in ("never", "first")
        for child in (head, *head.children)
        for t in (child, *child.children)
    )


def _happenings(document: Document, doc: Doc, dates: list[TimeExpression]) -> list[list[TimeExpression]]:
    """The sentence's dates grouped by the happening they date: a calendar date starts a happening
    of its own when it is another date on another verb, or the next in a list of dated items
    ("Greece in 1952, Germany in 1955"); dates that cannot be placed stay with the first."""
    resolved = [t for t in dates if event_date(t)]
    if len(resolved) <= 1:
        return [dates]
    groups: list[list[TimeExpression]] = []
    verbs: list[int] = []
    for previous, time in zip([None, *resolved], resolved, strict=False):
        date, verb = event_date(time), _verb_of(doc, time)
        same_date = next((g for g in groups if event_date(g[0]) == date), None)
        if same_date is not None:
            same_date.append(time)
        elif verb in verbs and not (previous and _next_in_list(document, previous, time)):
            groups[verbs.index(verb)].append(time)
        else:
            groups.append([time])
            verbs.append(verb)
    groups[0] += [t for t in dates if t not in resolved]
    return groups


def _verb_of(doc: Doc, time: TimeExpression) -> int:
    verb = verb_at(time.span.start, time.span.end, doc)
    return verb.i if verb is not None else -1


def _next_in_list(document: Document, before: TimeExpression, time: TimeExpression) -> bool:
    """ "... Turkey in 1952, Germany in 1955": the next item of a list of dated items."""
    between = document.text[before.span.end : time.span.start]
    return bool(NEXT_IN_LIST.fullmatch(between))


def _planned(doc: Doc, time: TimeExpression, date: str | None, article_date: str | None) -> bool:
    """Whether the happening a date dates is told as still to happen: its clause is in a future
    tense or a modal, or the date lies after the article's ("postponed until Tuesday"); never
    when the date lies before the article's.

    A date that names a thing ("the 2019 Harbour Act", "the 2008 model") takes no tense from the
    verb of its clause ("is meant to recall her vote against the 2019 Harbour Act"); a plan told
    in the past perfect ("had hoped to open it in 2026") is one given up.
    """
    if date and article_date and date < article_date[: len(date)]:
        return False  # "were ready to build them in 2019", told in 2024: no longer ahead
    noun = _noun_dated(doc, time)
    if time.tense == "future" and (noun is None or is_event_noun(noun.lemma_)):
        return True
    if given_up_plan(time.span.start, time.span.end, doc):
        return False  # "had hoped to open it in 2026": no longer a plan
    return _after_the_article(date, article_date)


def _dated_phrase(doc: Doc, sentence: SpacySpan, time: TimeExpression) -> tuple[str, int]:
    """What the date dates, as text and where it starts: the sentence, or, when the date belongs to a
    clause on a noun ("the revolution that brought Ana Ruiz to power 42 years ago"), that noun's
    phrase: the sentence's own clause happened at another time, and a summary of it under this date
    would mislead."""
    span = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
    counted_from = _clause_counted_from(doc, time, span)
    if counted_from is not None:
        return _text(counted_from), counted_from.start_char
    noun = _noun_dated_before(span)
    if noun is not None and noun.dep_ not in ("nsubj", "nsubjpass") and not _setting(noun):
        # "the port can be inspected as laid down by the May 3 accord", "the inquiry into last
        # Friday's bombing was stalled": the date is the accord's, the bombing's, not the sentence's
        phrase = doc[noun.left_edge.i : noun.right_edge.i + 1]
        return _text(phrase), phrase.start_char
    if span is not None:
        verb = _dated_word(span.root)
        noun = verb.head
        if (
            verb.dep_ in ("relcl", "acl")
            and noun.pos_ in ("NOUN", "PROPN")
            and verb.i != sentence.root.i
            and noun.lemma_.lower() not in PERIOD_NOUNS  # not "the year ended May 12"
            # "the decision, announced by Ana Ruiz, that X must leave by May 2": a clause with a
            # "that" of its own says what the decision is, it is no clause on the name before it
            and not any(c.dep_ == "mark" for c in verb.children)
        ):
            phrase = doc[noun.left_edge.i : noun.right_edge.i + 1]
            return _text(phrase), phrase.start_char
    return _text(sentence), sentence.start_char


def _range_end(document: Document, start: TimeExpression, dates: list[TimeExpression]) -> str | None:
    """The later date of a range the sentence writes from ``start``: "from 20,000 in 1985 to 90,000
    last year", "between 1985 and 1992", "lived in Portville from 1970 until 1988"."""
    date = event_date(start)
    opening = document.text[max(0, start.span.start - RANGE_REACH) : start.span.start]
    for later in dates:
        end = event_date(later)
        if later.span.start <= start.span.end or not end or not date or end <= date:
            continue
        between = document.text[start.span.end : later.span.start]
        if len(between) > RANGE_REACH or ";" in between:
            return None
        if (RANGE_FROM.search(opening) and RANGE_TO.search(between)) or (
            RANGE_BETWEEN.search(opening) and RANGE_AND.search(between)
        ):
            return end
    return None


# How far apart the words of a range may stand ("from fewer than 20,000 in 1985 to ...").
RANGE_REACH = 60
RANGE_FROM = re.compile(r"\bfrom\b(?!.*\b(?:to|until|till|through)\b)", re.I | re.S)
RANGE_TO = re.compile(r"\b(?:to|until|till|through)\b", re.I)
RANGE_BETWEEN = re.compile(r"\bbetween\b(?!.*\band\b)", re.I | re.S)
RANGE_AND = re.compile(r"\band\b", re.I)


def _since(document: Document, time: TimeExpression) -> bool:
    """Whether "since" opens the date ("since 1990", "ever since March")."""
    return bool(SINCE_BEFORE.search(document.text[max(0, time.span.start - 12) : time.span.start]))


def _goes_on_to_now(doc: Doc, time: TimeExpression) -> bool:
    """Whether the clause the date belongs to is in the present perfect ("have been killed since"),
    which runs to the article's day; a past perfect ("had been arrested since") ends before it."""
    span = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
    if span is None:
        return False
    verb = _dated_word(span.root)
    return any(
        child.dep_ == "aux" and child.lemma_ == "have" and child.tag_ in ("VBZ", "VBP")
        for child in verb.children
    )


def _clause_counted_from(doc: Doc, time: TimeExpression, span: SpacySpan | None) -> SpacySpan | None:
    """ "Two years after it was first due, X opened Y": the clause a duration counts back to, which
    its date is of (``points_to``), not the sentence's own clause, which came two years on."""
    if time.kind != "duration" or not time.points_to or span is None or span.end >= len(doc):
        return None
    link = doc[span.end]
    if link.lower_ not in ("after", "before"):
        return None
    verb = next(
        (t for t in doc[link.i + 1 : link.sent.end] if t.dep_ == "advcl" and t.pos_ in ("VERB", "AUX")), None
    )
    if verb is None:
        return None
    end = verb.right_edge.i + 1
    while end > link.i + 2 and doc[end - 1].is_punct:
        end -= 1  # "..., by two gunmen," before the sentence goes on
    return doc[link.i + 1 : end]


def _noun_dated_before(span: SpacySpan | None) -> Token | None:
    """The noun a date is written before as its modifier ("the May 3 accord", "Friday's
    verdict", "the June 1990 truce"), if any: not a time word ("Monday night") or a stretch
    ("the 1989 fiscal year"). A date after a noun is left to its verb: the parser's attachment of
    "the mayor Friday" is no guide."""
    if span is None:
        return None
    root, noun = span.root, _modified_noun(span)
    if span.start > 0 and span.doc[span.start - 1].pos_ == "PROPN":
        return None  # "WWDC 2005": the year of a name
    if noun is None or noun.i < span.end:
        return _noun_of_a_term(span)
    if noun.dep_ == "ROOT" or not noun.is_alpha:
        return None  # the parser's noun for the sentence's verb ("the events of May 7 show")
    if PRESENT.fullmatch(span.text) and root.dep_ == "poss":
        return None  # "today's youth", "this year's campaign": the present, not a happening's day
    if PERIOD_PART.search(span.text) or {noun.lower_, noun.lemma_.lower()} & PERIOD_AMOUNTS:
        return None  # "a third-quarter loss", "1989 earnings": the period the sentence reports on
    while noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN") and noun.head.i > noun.i:
        noun = noun.head  # "the 2019 Harbour Act": the act, not "Harbour"
    between = span.doc[span.end : noun.i]
    if any(t.text in DATELINE_DASHES for t in between):
        return None  # "PORTVILLE, May 2 - Ana Ruiz said ...": a dateline, no modifier
    determined = root.dep_ == "poss" or any(c.dep_ in ("det", "poss") for c in noun.children)
    if not determined:
        return None  # "the events of May 7 show that ...": no noun phrase opens there
    written_on = noun.lemma_.lower() in PERIOD_NOUNS or any(t.lemma_.lower() in PERIOD_NOUNS for t in between)
    return None if written_on else noun


# "today", "this year": before "'s", the present ("today's youth").
PRESENT = re.compile(r"today|this\s+\w+", re.I)
# A date that names a part of a year, and the nouns of what a period's accounts count: "a
# third-quarter loss", "fiscal 1989 sales", "1990 earnings" date the sentence that reports them.
PERIOD_PART = re.compile(r"\b(?:quarter|half|fiscal|year)\b", re.I)
PERIOD_AMOUNTS = frozenset(
    "earnings results figures sales revenue revenues profit profits loss losses income net output "
    "transactions turnover".split()
)
# Prepositions whose noun is where or when the verb's happening took place ("At a Tuesday launch,
# Orchard showed ...", "At Sunday's service, the bishop said ..."), or the report it is told by
# ("according to a May 4 report").
SETTING_PREPOSITIONS = {"in", "at", "during", "on", "to"}


def _setting(noun: Token) -> bool:
    """Whether a dated noun is the setting of its verb: its date is the verb's."""
    preposition = noun.head
    return (
        noun.dep_ == "pobj"
        and preposition.lower_ in SETTING_PREPOSITIONS
        and (preposition.head.pos_ in ("VERB", "AUX") or preposition.head.lower_ == "according")
    )


def _noun_of_a_term(span: SpacySpan) -> Token | None:
    """The thing a term's date is written on: "a dividend, payable June 15", "notes due June 1,
    2030" (the date of a word like "payable" that modifies the noun before it)."""
    term = span.root.head
    noun = term.head
    if term.pos_ == "ADJ" and term.dep_ in ("amod", "appos") and noun.pos_ == "NOUN" and noun.i < term.i:
        return noun
    return None


def _noun_dated(doc: Doc, time: TimeExpression) -> Token | None:
    """The noun a date is written on ("the 2019 Harbour Act", "Friday's ceremony"), if any."""
    span = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
    # Written on the noun itself: the parser's attachment of "on Monday" after a noun is no guide
    # ("was set to land in the United States on Monday").
    noun = _modified_noun(span) if span is not None else None
    # "Easter week", "Monday night": a time word the tagger left out is the date itself.
    return None if noun is None or noun.lemma_.lower() in TIME_NOUNS else noun


def _modified_noun(span: SpacySpan) -> Token | None:
    """The noun a date modifies as a noun's modifier ("the 2019 Harbour Act", "Friday's ceremony")."""
    root = span.root
    return root.head if root.dep_ in NOUN_MODIFIERS and root.head.pos_ in ("NOUN", "PROPN") else None


TIME_NOUNS = {"week", "weekend", "day", "night", "morning", "afternoon", "evening", "season", "holiday"}
# Stretches of time a clause can close ("the year ended May 12", "the six months ending tomorrow"):
# what the sentence tells happened in them, so the sentence is the line.
PERIOD_NOUNS = TIME_NOUNS | {"year", "month", "quarter", "half", "period", "term"}


def _after_the_article(date: str | None, article_date: str | None) -> bool:
    """A date after the article's own (at the date's precision): it can only be told as a plan."""
    if not date or not article_date:
        return False
    return date > article_date[: len(date)]


def _dates_its_clause(time: TimeExpression) -> bool:
    """A time expression that dates its clause, or would if the article had a date: a calendar
    date, or a date the text names but cannot place ("on Monday" in an undated article)."""
    if event_date(time):
        return True
    unplaced = time.value is None or is_underspecified(time.value)
    return time.kind in ("date", "time") and names_a_day(time) and unplaced


def _inherited(document: Document, sentence: SpacySpan, previous: EventCandidate) -> EventCandidate:
    return EventCandidate(
        date=previous.date,
        date_text=previous.date_text,
        date_inferred=previous.date_inferred,
        summary=summarise(_text(sentence)),
        source=_source(document, sentence),
        date_span=previous.date_span,
        date_evidence=f"continues the sentence dated '{previous.date_text}'",
    )


def _dated_by_embed(document: Document, sentence: SpacySpan, date: str, written: str) -> EventCandidate:
    return EventCandidate(
        date=date,
        date_text=written,
        date_inferred=False,
        summary=summarise(_text(sentence)),
        source=_source(document, sentence),
        date_evidence="the date of the social-media post that follows the paragraph",
    )


def _describes_a_state(sentence: SpacySpan) -> bool:
    """A present-tense "is", "has" or "remains" clause: how things stand, not what happened."""
    root = sentence.root
    return root.lemma_ in STATE_VERBS and root.tag_ in ("VBZ", "VBP")


def _continues_action(sentence: SpacySpan) -> bool:
    """A past-tense action, active or passive ("police arrested six", "a man was hospitalized"), with
    its own subject (not a quote, not a reported statement)."""
    root = sentence.root
    passive = root.tag_ == "VBN" and any(
        child.dep_ == "auxpass" and child.lower_ in ("was", "were") for child in root.children
    )
    if not (root.tag_ == "VBD" or passive) or root.lemma_ in REPORTING_VERBS or root.lemma_ == "be":
        return False
    if _quotes(sentence):
        return False
    if any(
        child.lemma_.lower() in TIME_SHIFTS and child.dep_ in ("prep", "advmod") for child in root.children
    ):
        return False  # "Before his post at Orchard, Berg held ...": a time of its own
    if any(child.dep_ == "neg" for child in root.children):
        return False  # "The cost of the deal was not disclosed": nothing happened
    return any(
        child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("PROPN", "NOUN") for child in root.children
    )


# A writer's credit at an article's foot: "Ana Ruiz contributed to this article", "... contributed
# reporting".
CREDIT_LINE = re.compile(r"\bcontributed\s+(?:reporting\b|to\s+this\s+(?:article|report|story)\b)", re.I)
# A change told between two amounts: "sales rose 8% to $9 million from $7 million", "the toll rose
# from 87 to 120".
_WITHIN_CLAUSE = r"(?:[^.;]|\.(?=\d))*?"  # no sentence's end between: the point of "$9.5" is no stop
CHANGE_BETWEEN_AMOUNTS = re.compile(
    rf"\b(?:to\s+{_MONEY}\d{_WITHIN_CLAUSE}\bfrom\s+{_MONEY}\d|from\s+{_MONEY}\d{_WITHIN_CLAUSE}\bto\s+{_MONEY}\d)",
    re.I,
)


def _change_since(sentence: SpacySpan, previous: EventCandidate) -> bool:
    """Whether the sentence measures a change between two amounts ("Sales rose 8% to $9 million from
    $7 million") after a sentence dated by the point it is measured from ("A year earlier, net
    was ..."): the latest figure, as of the report, not a step back in time."""
    return bool(
        COMPARISON_POINT.fullmatch(previous.date_text) and CHANGE_BETWEEN_AMOUNTS.search(_text(sentence))
    )


def _within_another_happening(sentence: SpacySpan, previous: EventCandidate) -> bool:
    """Whether the sentence tells what befell people in a happening it names, of another kind than
    the sentence before tells on its date ("Ministers met on Monday after the attack. Nine were
    killed in the attack."): the attack's date is not the meeting's. ("A bomb exploded on Friday.
    Twelve were killed in the blast." goes on with the same happening.)"""
    told = happening_class(previous.action or "")
    for token in sentence:
        if (
            token.dep_ == "pobj"
            and token.head.lower_ in ("in", "during")
            and is_event_noun(token.lemma_)
            and any(c.dep_ in ("det", "poss") and c.lower_ != "a" for c in token.children)
            and happening_class(token.lemma_) != told
        ):
            return True
    return False


def _quotes(sentence: SpacySpan) -> bool:
    return has_quote_mark(_text(sentence))


def _reports_a_past_action(sentence: SpacySpan) -> bool:
    """A reported statement of a past action, not quoted and not told as background ("had been"):
    "At least nine were killed, the league said"."""
    root = sentence.root
    if root.lemma_ not in REPORTING_VERBS or _quotes(sentence):
        return False
    return any(
        child.dep_ == "ccomp"
        and child.tag_ in ("VBD", "VBN")
        and not any(aux.lower_ == "had" for aux in child.children if aux.dep_ == "aux")
        for child in root.children
    )


# Words that set an action back before another time ("Before X, ...", "previously", "once"): a
# background told out of order, not at the time of the sentence before it. ("After an inspection,
# X decided ..." mostly goes on the same day: those are left to inherit.)
TIME_SHIFTS = frozenset("before prior earlier previously formerly once recently lately".split())


def _introduces_embed(
    document: Document, sentence: SpacySpan, index: int, embeds: dict[int, tuple[str, str]]
) -> bool:
    """The last sentence of a paragraph right before a dated post, reporting a statement or action."""
    if index + 1 not in embeds:
        return False
    paragraph = document.paragraphs[index]
    return sentence.end_char >= paragraph.end - 1 and sentence.root.pos_ == "VERB"


def _what_and_who(
    doc: Doc, sentence: SpacySpan, date_span: Span | None, mentions: list[Mention]
) -> dict[str, object]:
    """A candidate's ``action`` (what happened on its date) and ``participants`` (the names in
    that happening's own phrase)."""
    action, token = _happening(doc, sentence, date_span)
    if token is None:
        return {"action": action, "participants": ()}
    own = _own_phrase(token)
    if _controlled(token):
        # "Orchard's stock rose $3 to close at $41 on Friday": the subject of "rose" closed too
        for subject in token.head.children:
            if subject.dep_ in ("nsubj", "nsubjpass"):
                own |= _own_phrase(subject)
    return {"action": action, "participants": tuple(m.span.text for m in mentions if m.span.start in own)}


def _controlled(verb: Token) -> bool:
    """Whether a verb without a subject of its own does what the subject of the verb above does:
    "rose to close", "agreed to buy", "met and signed"."""
    if verb.pos_ not in ("VERB", "AUX") or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return verb.dep_ in ("xcomp", "conj") or (verb.dep_ == "advcl" and infinitive)


# Dependents that open a clause of their own: its names are not the happening's participants.
CLAUSE_DEPS = {"relcl", "advcl", "ccomp", "acl", "parataxis", "csubj", "xcomp"}


def _own_phrase(token: Token) -> set[int]:
    """The character offsets of the tokens of ``token``'s phrase, without the clauses in it."""
    found: set[int] = set()
    pending = [token]
    while pending:
        current = pending.pop()
        found.add(current.idx)
        pending.extend(c for c in current.children if c.dep_ not in CLAUSE_DEPS)
    return found


def _happening(doc: Doc, sentence: SpacySpan, date_span: Span | None) -> tuple[str | None, Token | None]:
    """The lemma of what happened on the candidate's date, and the word that tells it: the word its
    date is on ("last Friday's bombings", "exploded ... Friday"), else the sentence's main verb.

    A date written on a noun dates that noun's happening ("the Friday blasts killed twelve": the
    blasts); a verb that only carries an event noun ("the bombings occurred", "became members",
    "the blasts claimed nine lives") gives way to that noun; a reporting verb to what it reports.
    """
    token = sentence.root
    span = None
    if date_span is not None and sentence.start_char <= date_span.start < sentence.end_char:
        span = doc.char_span(date_span.start, date_span.end, alignment_mode="expand")
    if span is not None:
        token = _dated_word(span.root)
    if token.pos_ in ("VERB", "AUX"):
        verb = _reported(token)
        for noun in _arguments(verb):
            phrase = f"{verb.lemma_} {noun.lemma_}".lower()  # "became members": "become member"
            if is_event_noun(phrase):
                return phrase, verb
            if is_event_noun(noun.lemma_):
                return noun.lemma_.lower(), noun
        return verb.lemma_.lower(), verb
    if token.pos_ not in ("NOUN", "PROPN"):
        return None, None
    return token.lemma_.lower(), token


# How a date hangs on the noun it dates: "Friday's blasts", "the May 3 attacks", "the 2019 bombing".
NOUN_MODIFIERS = {"compound", "poss", "nmod", "amod", "appos", "nummod", "npadvmod"}


def _dates_the_main_clause(doc: Doc, time: TimeExpression) -> bool:
    """Whether a date belongs to its sentence's own verb ("officials said Friday", "Ruiz said
    Tuesday her government ...") rather than to a clause inside or beside it."""
    span = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
    if span is None:
        return True
    word = _dated_word(span.root)
    return word.dep_ == "ROOT" or word.lemma_ in REPORTING_VERBS  # "..., Ruiz said Sunday."


def _dated_word(root: Token) -> Token:
    """The word a date expression dates: the noun it modifies, else the verb it belongs to."""
    head = root.head
    if root.dep_ in NOUN_MODIFIERS and head.pos_ == "NOUN" and is_event_noun(head.lemma_):
        return head  # not "the government Friday condemned": a date is no part of a body
    # "the bombings on May 3 killed nine": a subject's own date (the parser's attachment of a date
    # after an object is not to be trusted: "condemned the bombing ... on Thursday").
    if root.dep_ == "pobj" and head.dep_ == "prep" and head.head.dep_ in ("nsubj", "nsubjpass"):
        if is_event_noun(head.head.lemma_):
            return head.head
    return governing_verb(root)


def _reported(verb: Token) -> Token:
    """ "X said that Y declared ...": the reported action is what happened."""
    if verb.lemma_ in REPORTING_VERBS:
        for child in verb.children:
            if child.dep_ == "ccomp" and child.pos_ in ("VERB", "AUX"):
                return child
    return verb


def _arguments(verb: Token) -> list[Token]:
    """The verb's subject, object and complement nouns, for a verb that may only carry an event noun."""
    if is_event_noun(verb.lemma_):
        return []  # the verb tells the happening itself ("exploded", "joined")
    return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and c.pos_ == "NOUN"]


def _with(candidate: EventCandidate, **changes) -> EventCandidate:
    from dataclasses import replace

    return replace(candidate, **changes)
