"""Records that start inside a range of an article, found by bisection instead of a scan.

Per-sentence lookups ("the time expressions in this sentence") that scan every
record of the article are quadratic: harmless on a news story, hours on a
3 MB dump. ``StartIndex`` answers them in logarithmic time.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import TYPE_CHECKING, Generic, NamedTuple, Protocol, TypeVar
from weakref import WeakKeyDictionary

from builder.model import Span

if TYPE_CHECKING:  # types only: what resolution reads from here does not load spaCy
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan


class HasSpan(Protocol):
    """A record with a ``span`` (Mention, TimeExpression, ...)."""

    @property
    def span(self) -> Span: ...


T = TypeVar("T", bound=HasSpan)


class StartIndex(Generic[T]):
    """Records with a ``span``, looked up by where their span starts."""

    def __init__(self, items: Iterable[T]) -> None:
        self._ordered = sorted(enumerate(items), key=lambda pair: pair[1].span.start)
        self._starts = [item.span.start for _, item in self._ordered]

    def starting_in(self, start: int, end: int) -> list[T]:
        """The records whose span starts in ``[start, end)``, in their original order."""
        chosen = self._ordered[bisect_left(self._starts, start) : bisect_left(self._starts, end)]
        return [item for _, item in sorted(chosen, key=lambda pair: pair[0])]


class _TokenColumns(NamedTuple):
    """The per-token attributes of a Doc, one list each."""

    text: list[str]
    whitespace: list[bool]
    idx: list[int]
    is_punct: list[bool]
    is_sent_start: list[bool | None]
    pos: list[str]
    tag: list[str]
    ent_type: list[str]
    ent_iob: list[str]


# ``Token.is_sent_start`` and ``Token.ent_iob_`` of the values ``Doc.to_array`` gives.
SENT_STARTS: dict[int, bool | None] = {1: True, -1: False, 0: None}
IOB_NAMES = {0: "", 1: "I", 2: "O", 3: "B"}
# ``Doc.to_array`` gives unsigned 64-bit values; read as signed (for SENT_START's -1), a string
# id above 2**63 is negative, and this mask gives it back.
UINT64 = (1 << 64) - 1


class TokenTable:
    """Per-token attributes of a parsed article, read once into Python lists.

    ``doc[i].text`` builds a Token object on every call and ``token.sent`` walks
    the sentence; helpers that probe the tokens around every name and number
    read these lists instead. The columns are read together, on first use.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._columns: dict[str, list] = {}

    def column(self, name: str, compute: Callable[[TokenTable], list]) -> list:
        """A column a module derives from the others (``compute(table)``), computed once per Doc."""
        found = self._columns.get(name)
        if found is None:
            found = self._columns[name] = compute(self)
        return found

    @cached_property
    def _tokens(self) -> _TokenColumns:
        # Read from the Doc's arrays: each ``doc[i]`` or step of ``iter(doc)`` builds a Token
        # object, and each attribute of it is a call. The string columns are the ids' strings,
        # each id looked up once.
        from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, IS_PUNCT, ORTH, POS, SENT_START, SPACY, TAG

        names = [ORTH, SPACY, IDX, IS_PUNCT, SENT_START, POS, TAG, ENT_TYPE, ENT_IOB]
        rows = self.doc.to_array(names).astype("int64", copy=False) if len(self.doc) else None
        columns = rows.T.tolist() if rows is not None else [[] for _ in names]
        text, space, idx, punct, sent_start, pos, tag, ent_type, ent_iob = columns
        strings = self.doc.vocab.strings

        def named(ids: list[int]) -> list[str]:
            found = {value: strings[value & UINT64] for value in set(ids)}
            return [found[value] for value in ids]

        return _TokenColumns(
            text=named(text),
            whitespace=[bool(value) for value in space],
            idx=idx,
            is_punct=[bool(value) for value in punct],
            is_sent_start=[SENT_STARTS[value] for value in sent_start],
            pos=named(pos),
            tag=named(tag),
            ent_type=named(ent_type),
            ent_iob=[IOB_NAMES[value] for value in ent_iob],
        )

    @property
    def text(self) -> list[str]:
        return self._tokens.text

    @cached_property
    def folded(self) -> list[str]:
        return [text.casefold() for text in self.text]

    @property
    def whitespace(self) -> list[bool]:
        return self._tokens.whitespace

    @cached_property
    def doc_text(self) -> str:
        # What ``Doc.text`` joins (each token and its one trailing space, if any), from the
        # columns: ``Doc.text`` walks the tokens again, on each call.
        return "".join(
            text + " " if space else text for text, space in zip(self.text, self.whitespace, strict=True)
        )

    def span_text(self, span: SpacySpan) -> str:
        """``span.text`` sliced from the article's text (``Span.text`` joins the span's tokens)."""
        return self.doc_text[span.start_char : span.end_char]

    def tokens_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` (token indexes, end exclusive), sliced from the article's text."""
        if start >= end:
            return ""
        return self.doc_text[self.idx[start] : self.idx[end - 1] + len(self.text[end - 1])]

    @property
    def idx(self) -> list[int]:
        return self._tokens.idx

    @property
    def is_punct(self) -> list[bool]:
        return self._tokens.is_punct

    @property
    def is_sent_start(self) -> list[bool | None]:
        return self._tokens.is_sent_start

    @property
    def pos(self) -> list[str]:
        return self._tokens.pos

    @property
    def tag(self) -> list[str]:
        return self._tokens.tag

    @property
    def ent_type(self) -> list[str]:
        return self._tokens.ent_type

    @property
    def ent_iob(self) -> list[str]:
        return self._tokens.ent_iob

    @cached_property
    def sentences(self) -> list[SpacySpan]:
        return list(self.doc.sents)

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [sentence.start for sentence in self.sentences]

    @cached_property
    def sentence_index(self) -> list[int]:
        """The index in ``sentences`` of each token's sentence."""
        index: list[int] = []
        for number, sentence in enumerate(self.sentences):
            index.extend([number] * (sentence.end - sentence.start))
        return index

    def sentence_of(self, i: int) -> SpacySpan:
        """``doc[i].sent``, without walking the sentence."""
        return self.sentences[self.sentence_index[i]]


_TABLES: WeakKeyDictionary[Doc, TokenTable] = WeakKeyDictionary()


def token_table(doc: Doc) -> TokenTable:
    """The ``TokenTable`` of ``doc``, built once while the Doc lives."""
    table = _TABLES.get(doc)
    if table is None:
        table = _TABLES[doc] = TokenTable(doc)
    return table


def forget_token_table(doc: Doc) -> None:
    """Drop the ``TokenTable`` of ``doc`` once the article is done.

    The table refers back to its Doc (its sentences are Spans of it), so the weak
    dictionary alone never lets either go: a worker kept every article it had
    parsed, about 1 MB each, until it exited.
    """
    _TABLES.pop(doc, None)
