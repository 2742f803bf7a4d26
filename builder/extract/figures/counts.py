"""The figures of an article: each number that counts people or units, as a ``FigureCandidate``."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from spacy.tokens import Doc, Token

from builder.extract.figures.categories import categorise, modifier_words
from builder.extract.figures.context import PlaceName, date_near, place_names, place_near
from builder.extract.figures.counted import SaidBefore, counted_by
from builder.extract.figures.exclusions import a_capacity, not_a_count
from builder.extract.figures.nouns import counted_lemma, is_part_of_total, lemma
from builder.extract.figures.numbers import (
    figure_qualifier,
    is_number_head,
    number_tokens,
    number_value,
    number_word_indexes,
    range_high,
    range_values,
)
from builder.extract.figures.tables import table_figures
from builder.extract.figures.words import EVENT_PRIORITY, UNITS
from builder.extract.spans import StartIndex, token_table
from builder.extract.times import tag_times
from builder.model import Document, FigureCandidate, Span, TimeExpression


def extract_figures(
    document: Document,
    doc: Doc,
    skip: set[int] | None = None,
    times: list[TimeExpression] | None = None,
) -> list[FigureCandidate]:
    """Counts of people or units in ``doc``, each with its sentence as source.

    ``times``: every time expression of the article (``tag_times``), when the caller has them already.
    """
    skip = skip or set()
    dated = StartIndex(tag_times(document, doc) if times is None else times)
    figures, used = table_figures(document, doc, skip)  # "Total dead: 192" lines, read apart
    said = SaidBefore()
    sentences = list(doc.sents)
    for earlier, later in zip(sentences, sentences[1:], strict=False):
        said.previous_sentence[later.start] = earlier
    # Sentences, place names and time expressions are found once per article and looked up by offset.
    sentence_starts = [sentence.start for sentence in sentences]
    places: dict[int, list[PlaceName]] = {}
    for i in number_word_indexes(token_table(doc)):
        token = doc[i]
        if i in used or not is_number_head(token):
            continue
        if document.paragraph_at(token.idx).index in skip:
            continue
        tokens = number_tokens(token)
        used.update(t.i for t in tokens)
        high = range_high(tokens[0], tokens[-1])
        if high is not None and range_values(tokens, high) is not None:
            used.update(t.i for t in high)  # one figure for the range, its value_max the upper end
        else:
            high = None
        if not_a_count(token, tokens, ranged=high is not None):
            continue
        sentence = sentences[bisect_right(sentence_starts, token.i) - 1]
        in_sentence = dated.starting_in(sentence.start_char, sentence.end_char)  # only these date the count
        if sentence.start not in places:
            places[sentence.start] = place_names(sentence)
        found = _figure(document, token, tokens, high, in_sentence, said, places[sentence.start])
        if found is not None:
            figures.append(_with_total(found, figures[-1] if figures else None))
    figures.sort(key=lambda figure: figure.source.start)  # table rows among the sentences
    return _with_breakdowns(figures)


def _figure(
    document: Document,
    token: Token,
    tokens: list[Token],
    high: list[Token] | None,
    times: list[TimeExpression],
    said: SaidBefore,
    places: list[PlaceName],
) -> FigureCandidate | None:
    """The figure of the number ``tokens`` (headed by ``token``), or None when it counts nothing.

    Args:
        high: the tokens of the range's upper end, when ``tokens`` are its lower end.
        times: the time expressions of the number's sentence.
        said: the nouns counted before; the counted noun is added to it.
        places: the place names of the number's sentence.
    """
    table = token_table(token.doc)
    sentence = table.sentence_of(token.i)
    vague, value = number_value(token, tokens)
    ends = range_values(tokens, high) if high is not None else None
    if ends is not None:
        value = ends[0]
    if value is None or value <= 0:
        return None
    noun, counted, key, anchor = counted_by(token, sentence, said)
    if counted is None and high is not None:
        noun, counted, key, anchor = counted_by(
            high[-1], sentence, said
        )  # "5-6 police": the noun is the top's
    if counted is None or a_capacity(token):
        return None
    same_sentence = noun is not None and table.sentence_index[noun.i] == table.sentence_index[token.i]
    # A bare number later stands for people, not for "14 homes", nor for a part ("killed 200 people,
    # including 12 children, and injured 500": the 500 are people, not children).
    part = is_part_of_total(anchor)
    if noun is not None and same_sentence and counted_lemma(noun) not in UNITS and not part:
        said.last_counted[sentence.start] = noun
    written = date_near(times, token)
    return FigureCandidate(
        value=value,
        qualifier=figure_qualifier(document.text, sentence, tokens, vague),
        category=categorise(noun, key, anchor, modifier_words(noun) if noun is not None else set()),
        counted=counted,
        date=written or document.date,
        date_source="text" if written else "article" if document.date else "none",
        place=place_near(token, places),
        source=Span(document.id, sentence.start_char, sentence.end_char, table.span_text(sentence)),
        vague=vague,
        part_of_total=part,
        value_max=ends[1] if ends is not None else None,
        counted_head=lemma(noun) if noun is not None else counted.lower(),
    )


def _with_total(found: FigureCandidate, previous: FigureCandidate | None) -> FigureCandidate:
    """A part of a total said just before it in its sentence takes the total's category
    ("12 people were killed, including five children": the children were killed too); a part with
    no total before it is no part."""
    total = previous if previous is not None and previous.source == found.source else None
    if found.part_of_total and total is not None:
        inherit = found.category not in EVENT_PRIORITY and total.category in EVENT_PRIORITY
        if inherit or found.category == "other":
            return replace(found, category=total.category)
    elif found.part_of_total:
        return replace(found, part_of_total=False)
    return found


def _with_breakdowns(figures: list[FigureCandidate]) -> list[FigureCandidate]:
    """Counts of one sentence that add up to an earlier count of it, in the same category, are its
    parts ("the 14 foreigners, six A and eight B, were rounded up": the parser may read a list of
    coordinated counts rather than an apposition)."""
    result = list(figures)
    for i, total in enumerate(result):
        if total.part_of_total or total.vague:
            continue
        later = [j for j in range(i + 1, len(result)) if result[j].source == total.source]
        items = [j for j in later if result[j].category == total.category and not result[j].vague]
        if len(items) >= 2 and sum(result[j].value for j in items) == total.value:
            for j in items:
                result[j] = replace(result[j], part_of_total=True)
    return result
