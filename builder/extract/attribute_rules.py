"""The attribute ruler's rules found by looking each token up, instead of by spaCy's Matcher.

An English pipeline's attribute ruler sets parts of speech, morphology and a few lemmas
from rules of one or two tokens: "a token tagged NN", "'gon' then 'na'", "'i' as a subject"
(179 of them in en_core_web_sm). spaCy runs them with its Matcher, which tries every rule
at every token: 1.2 of the 9.5 seconds that parsing 100 articles took, more than the
extraction's time expressions and figures together. Almost every rule names an exact tag,
word or dependency, so here each token's candidate rules are looked up by those, and only
they are tested.

The annotations are the ruler's own (``AttributeRuler.set_annotations``) from the same
matches: the parse does not change. A rule of a form not handled here (an operator, a
predicate other than IN, NOT_IN and REGEX, an attribute other than those in ``COLUMNS``)
leaves the ruler's Matcher to find every match, as spaCy does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

# The token attributes a rule may test here, in the order of ``Doc.to_array``'s columns.
COLUMNS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
COLUMN_OF = {name: column for column, name in enumerate(COLUMNS)}
# Which attribute of a rule's first token its lookup goes by, when it names more than one
# exactly: a word is the rarest, so the fewest rules are tested at each token.
LOOKUP_ORDER = ("LOWER", "TAG", "DEP", "IS_SPACE")
FACTORY = "indexed_attribute_ruler"


class UnhandledRule(ValueError):
    """A rule of a form ``TokenTest`` does not read: spaCy's Matcher finds the matches."""


@dataclass(frozen=True)
class TokenTest:
    """What one token of a rule must be, as the Matcher reads it (values are string ids)."""

    equal: tuple[tuple[int, int], ...] = ()  # (column, value)
    within: tuple[tuple[int, frozenset[int], bool], ...] = ()  # (column, values, True for NOT_IN)
    searched: tuple[tuple[int, re.Pattern[str]], ...] = ()  # (column, pattern): re.search the string
    # What a lookup may go by, best first: (attribute, the values that meet this test).
    lookups: tuple[tuple[str, tuple[int, ...]], ...] = field(default=(), compare=False)

    def passes(self, row: Sequence[int], strings: StringStore) -> bool:
        for column, value in self.equal:
            if row[column] != value:
                return False
        for column, values, negated in self.within:
            if (row[column] in values) == negated:
                return False
        for column, pattern in self.searched:
            if not pattern.search(strings[row[column]]):
                return False
        return True

    def without(self, column: int) -> TokenTest:
        """This test without its conditions on ``column`` (a lookup by that column has met them)."""
        return TokenTest(
            tuple(c for c in self.equal if c[0] != column),
            tuple(c for c in self.within if c[0] != column),
            self.searched,
        )

    @property
    def always(self) -> bool:
        return not (self.equal or self.within or self.searched)


def token_test(spec: dict, vocab: Vocab) -> TokenTest:
    """One token's spec of a Matcher pattern, compiled as the Matcher compiles it."""
    equal: list[tuple[int, int]] = []
    within: list[tuple[int, frozenset[int], bool]] = []
    searched: list[tuple[int, re.Pattern[str]]] = []
    lookups: dict[str, tuple[int, ...]] = {}
    for key, value in spec.items():
        name = key.upper() if isinstance(key, str) else key
        if name not in COLUMNS:
            raise UnhandledRule(f"attribute {key!r}")
        column = COLUMN_OF[name]
        if isinstance(value, bool):
            equal.append((column, int(value)))
            lookups[name] = (int(value),)
        elif isinstance(value, str):
            string_id = vocab.strings.add(value)
            equal.append((column, string_id))
            lookups[name] = (string_id,)
        elif isinstance(value, dict) and len(value) == 1 and set(value) <= {"IN", "NOT_IN", "REGEX"}:
            ((predicate, argument),) = value.items()
            if predicate == "REGEX" and isinstance(argument, str):
                searched.append((column, re.compile(argument)))
            elif predicate != "REGEX" and _strings(argument):
                members = frozenset(get_string_id(v) for v in argument)
                within.append((column, members, predicate == "NOT_IN"))
                if predicate == "IN":
                    lookups.setdefault(name, tuple(members))
            else:
                raise UnhandledRule(f"{key}: {value!r}")
        else:
            raise UnhandledRule(f"{key}: {value!r}")
    ordered = tuple((name, lookups[name]) for name in LOOKUP_ORDER if name in lookups)
    return TokenTest(tuple(equal), tuple(within), tuple(searched), ordered)


def _strings(argument: object) -> bool:
    return isinstance(argument, list) and all(isinstance(v, str) for v in argument)


@dataclass(frozen=True)
class Rule:
    """One Matcher pattern of the ruler: the ruler's attribute set it gives, its tokens' tests."""

    attr_id: int
    match_id: int
    tokens: tuple[TokenTest, ...]


class RuleIndex:
    """A ruler's rules by what their first token must be: a tag, word, dependency or space flag
    (looked up), or a word a pattern finds (a regular expression, tried once per word)."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        # column: {value: [(rule, the tests left)]}. The lookup has met the first token's
        # test on that column; a rule of one token that tested only that (a tag's part of
        # speech and morphology: most rules) has no test left and matches on the lookup.
        self.by_value: dict[int, dict[int, list[tuple[Rule, tuple[TokenTest, ...]]]]] = {}
        # column: [(rule, its first token's pattern, the tests left)], and each value's rules
        # whose pattern finds it, filled in as values come.
        self.by_pattern: dict[int, list[tuple[Rule, re.Pattern[str], tuple[TokenTest, ...]]]] = {}
        self.found_by_pattern: dict[int, dict[int, list[tuple[Rule, tuple[TokenTest, ...]]]]] = {}
        self.everywhere: list[tuple[Rule, tuple[TokenTest, ...]]] = []  # tested at every token
        for rule in rules:
            first = rule.tokens[0]
            if first.lookups:
                name, values = first.lookups[0]
                column = COLUMN_OF[name]
                for value in values:
                    self.by_value.setdefault(column, {}).setdefault(value, []).append(
                        (rule, _left(first.without(column), rule.tokens[1:]))
                    )
            elif not first.equal and not first.within and len(first.searched) == 1:
                ((column, pattern),) = first.searched
                self.by_pattern.setdefault(column, []).append((rule, pattern, rule.tokens[1:]))
                self.found_by_pattern.setdefault(column, {})
            else:
                self.everywhere.append((rule, rule.tokens))

    def matches(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """(attr id, match id, start, end) of every rule that matches, sorted as ``AttributeRuler.match``."""
        rows = doc.to_array(list(COLUMNS.values())).tolist()
        strings = doc.vocab.strings
        found = set()
        for start, row in enumerate(rows):
            candidates = [
                entry for column, index in self.by_value.items() for entry in index.get(row[column], ())
            ]
            candidates += [
                entry for column in self.by_pattern for entry in self._found(column, row[column], strings)
            ]
            for rule, left in candidates:
                if not left or _fits(rows, start + len(rule.tokens) - len(left), left, strings):
                    found.add((rule.attr_id, rule.match_id, start, start + len(rule.tokens)))
            for rule, tests in self.everywhere:
                if _fits(rows, start, tests, strings):
                    found.add((rule.attr_id, rule.match_id, start, start + len(rule.tokens)))
        return sorted(found)

    def _found(
        self, column: int, value: int, strings: StringStore
    ) -> list[tuple[Rule, tuple[TokenTest, ...]]]:
        """The rules whose first token's pattern finds the string ``value`` (its id) of ``column``."""
        known = self.found_by_pattern[column]
        entries = known.get(value)
        if entries is None:
            text = strings[value]
            entries = known[value] = [
                (rule, left) for rule, pattern, left in self.by_pattern[column] if pattern.search(text)
            ]
        return entries


def _left(first: TokenTest, rest: tuple[TokenTest, ...]) -> tuple[TokenTest, ...]:
    """The tests left to run once a lookup has found a rule: the first token's rest (``first``),
    unless the lookup met all of it, then the other tokens' tests (``rest``)."""
    return rest if first.always else (first, *rest)


def _fits(rows: list[list[int]], start: int, tests: Sequence[TokenTest], strings: StringStore) -> bool:
    """Whether the tokens from ``start`` on pass ``tests``, one each."""
    if start + len(tests) > len(rows):
        return False
    for offset, test in enumerate(tests):
        if not test.passes(rows[start + offset], strings):
            return False
    return True


def rule_index(ruler: AttributeRuler) -> RuleIndex:
    """The index of ``ruler``'s rules; ``UnhandledRule`` if one has a form it does not read."""
    rules = []
    for attr_id in range(len(ruler.attrs)):
        match_id = ruler.vocab.strings[str(attr_id)]
        for pattern in ruler.matcher.get(str(attr_id))[1]:
            if not pattern:
                raise UnhandledRule("an empty pattern")
            tokens = tuple(token_test(spec, ruler.vocab) for spec in pattern)
            rules.append(Rule(attr_id, match_id, tokens))
    return RuleIndex(rules)


class IndexedAttributeRuler(AttributeRuler):
    """spaCy's attribute ruler, its matches found through a ``RuleIndex`` where every rule allows."""

    _index: RuleIndex | None = None
    _indexed = False

    def match(self, doc: Doc):
        if not self._indexed:
            try:
                self._index = rule_index(self)
            except UnhandledRule:
                self._index = None
            self._indexed = True
        return super().match(doc) if self._index is None else self._index.matches(doc)

    def add(self, patterns, attrs, index=0) -> None:
        super().add(patterns, attrs, index)
        self._indexed = False

    def clear(self) -> None:
        super().clear()
        self._indexed = False


@Language.factory(FACTORY)
def make_indexed_attribute_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name)


def index_attribute_rulers(nlp: Language) -> None:
    """Replace each attribute ruler of ``nlp`` by an ``IndexedAttributeRuler`` with the same rules."""
    for name, component in list(nlp.pipeline):
        if type(component) is AttributeRuler:
            indexed = nlp.replace_pipe(name, FACTORY)
            assert isinstance(indexed, IndexedAttributeRuler)
            indexed.add_patterns(component.patterns)
