"""Property tests: the reader never crashes and never loses or shifts text."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from builder.corpus import decode_article, split_dateline, split_paragraphs


@given(st.text())
def test_split_dateline_never_crashes_and_keeps_the_body(text):
    body, date, warning = split_dateline(text, today=dt.date(2026, 1, 1))
    assert text.endswith(body)
    if date is not None:
        assert dt.date.fromisoformat(date) <= dt.date(2026, 1, 1)
        assert warning is None


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2025, 12, 31)), st.text())
def test_a_valid_dateline_round_trips(date, body):
    text = f" date {date.isoformat()} {body}"
    parsed_body, parsed_date, _ = split_dateline(text, today=dt.date(2026, 1, 1))
    assert parsed_date == date.isoformat()
    assert body.endswith(parsed_body.lstrip(" \t")) or parsed_body == body.lstrip(" \t")


@given(st.text())
def test_paragraph_offsets_point_at_their_text(text):
    for paragraph in split_paragraphs(text):
        piece = text[paragraph.start : paragraph.end]
        assert piece == piece.strip() and piece
        assert "\n" not in piece


@given(st.binary())
def test_any_bytes_decode_or_are_refused_with_a_reason(raw):
    text, note = decode_article(raw)
    assert isinstance(text, str) or (text is None and note)
    if text is not None:
        assert "\x00" not in text


@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Co"), blacklist_characters="\ufffd"))
)
def test_text_in_any_unicode_encoding_with_its_mark_reads_back(text):
    for codec, mark in (
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-32-be", b"\x00\x00\xfe\xff"),
    ):
        decoded, note = decode_article(mark + text.encode(codec))
        assert (decoded, note) == (text, None), codec
