"""Property tests: the slug function, the number parser, the reader's decoding and the NLP pieces.

No input may crash them, and where a round trip exists it must hold. The
dateline and paragraph properties live in tests/test_corpus_properties.py.
"""

import re
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.corpus import read_article
from builder.extract.figures import parse_number
from builder.extract.nlp import text_pieces
from builder.extract.spans import StartIndex
from builder.values.slugs import MAX_SLUG_LENGTH, slugify_name, unique_slugs

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# --- slugs -------------------------------------------------------------------


@given(st.text())
def test_any_name_gives_a_safe_short_slug(name):
    slug = slugify_name(name)
    assert SLUG.fullmatch(slug), slug
    assert len(slug) <= MAX_SLUG_LENGTH


@given(st.text())
def test_a_slug_is_its_own_slug(name):
    slug = slugify_name(name)
    assert slugify_name(slug) == slug


@given(st.lists(st.text(max_size=80), max_size=12))
def test_unique_slugs_are_unique_safe_and_order_free(names):
    items = [(f"key-{n}", name) for n, name in enumerate(names)]
    slugs = unique_slugs(items)
    assert set(slugs) == {key for key, _ in items}
    assert len(set(slugs.values())) == len(items)
    assert "index" not in slugs.values()
    assert all(SLUG.fullmatch(slug) and len(slug) <= MAX_SLUG_LENGTH for slug in slugs.values())
    assert unique_slugs(list(reversed(items))) == slugs


# --- numbers -------------------------------------------------------------------

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()  # noqa: E501
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def spell(n: int) -> str:
    """American English words for 1 <= n < 1,000,000 ("two hundred fifty-three thousand ...")."""
    if n >= 1000:
        thousands, rest = divmod(n, 1000)
        return f"{spell(thousands)} thousand" + (f" {spell(rest)}" if rest else "")
    if n >= 100:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {spell(rest)}" if rest else "")
    if n >= 20:
        tens, rest = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[rest]}" if rest else "")
    return _ONES[n]


@given(st.text())
def test_parse_number_never_crashes(text):
    value = parse_number(text)
    assert value is None or isinstance(value, float)


@given(st.integers(min_value=0, max_value=10**12))
def test_digits_with_and_without_thousands_separators_round_trip(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["thousand", "million", "billion"]))
def test_a_number_and_a_scale_multiply(n, scale):
    factor = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}[scale]
    assert parse_number(f"{n} {scale}") == n * factor
    assert parse_number(f"{n}.5 {scale}") == (n + 0.5) * factor


@given(st.integers(min_value=1, max_value=999_999))
def test_spelled_numbers_round_trip(n):
    assert parse_number(spell(n)) == n
    british = re.sub(r"(hundred|thousand) (?!thousand)(\w)", r"\1 and \2", spell(n))  # "two hundred and five"
    assert parse_number(british) == n


@given(st.integers(min_value=1_000, max_value=10**12))
def test_digit_groups_separated_by_spaces_round_trip(n):
    assert parse_number(f"{n:,}".replace(",", " ")) == n  # "1 200", the SI style


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=99))
def test_two_numbers_side_by_side_are_not_summed(n, m):
    assert parse_number(f"{n} {m}") is None


# --- reading and parsing in pieces ----------------------------------------------


# A text with line feeds only (a carriage return of its own would already be a line end):
# saved again with a BOM and CRLF line ends, it must read the same.
@settings(max_examples=60)
@given(st.text(alphabet=st.characters(blacklist_characters="\x00\r", blacklist_categories=("Cs",))))
def test_bom_and_crlf_do_not_change_what_is_read(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("enc")
    plain, windows = folder / "plain.txt", folder / "windows.txt"
    plain.write_bytes(text.encode("utf-8"))
    windows.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    one, _ = read_article(plain, "a")
    two, _ = read_article(windows, "a")
    if one is None:
        assert two is None
        return
    assert (two.text, two.paragraphs, two.title, two.date) == (one.text, one.paragraphs, one.title, one.date)


@given(st.text(), st.integers(min_value=1, max_value=200))
def test_text_pieces_cover_any_text_exactly(text, limit):
    pieces = text_pieces(text, limit)
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= limit for _, piece in pieces)
    offset = 0
    for start, piece in pieces:
        assert start == offset
        offset += len(piece)


@given(st.lists(st.text(alphabet="ab .,", min_size=1, max_size=40), min_size=1, max_size=50))
def test_text_pieces_end_at_paragraph_breaks_when_there_are_some(paragraphs):
    text = "\n\n".join(paragraphs)
    for _, piece in text_pieces(text, 100)[:-1]:
        assert piece.endswith("\n\n")


@given(
    st.lists(st.integers(min_value=0, max_value=50), max_size=40),
    st.integers(min_value=0, max_value=60),
    st.integers(min_value=0, max_value=60),
)
def test_start_index_finds_what_a_scan_finds_in_the_same_order(starts, low, high):
    records = [SimpleNamespace(span=SimpleNamespace(start=start), n=n) for n, start in enumerate(starts)]
    expected = [r for r in records if low <= r.span.start < high]
    assert StartIndex(records).starting_in(low, high) == expected


@settings(max_examples=60, deadline=None)
@given(st.text())
def test_a_typst_string_reads_back_as_the_text(text):
    """Typst's own evaluator reads the string the briefing writes as exactly the text given."""
    import json

    import typst

    from builder.publish.templating import typst_str

    evaluated = typst.Compiler().eval(str(typst_str(text, keep_lines=True)), format="json")
    assert json.loads(evaluated) == text


def test_a_lone_surrogate_in_a_typst_string_is_the_replacement_character():
    import json

    import typst

    from builder.publish.templating import typst_str

    evaluated = typst.Compiler().eval(str(typst_str("a\udc80b")), format="json")
    assert json.loads(evaluated) == "a\ufffdb"
