"""Text as the reader expects it printed."""

from __future__ import annotations

import re

# Quotation marks as typewritten wire copy and treebank text write them: ``a quote'' (spaces inside
# in some corpora: `` a quote ''), printed as the reader expects them, “a quote”.
TYPEWRITER_OPENING = re.compile(r"``\s*")
TYPEWRITER_CLOSING = re.compile(r"\s*''")


# Quotation marks, wire copy's doubled ones included.
QUOTE_MARKS = ("“", "”", '"', "``", "''")


def has_quote_mark(text: str) -> bool:
    """Whether ``text`` holds a quotation mark of any kind."""
    return any(mark in text for mark in QUOTE_MARKS)


def printed_quotes(text: str) -> str:
    """``text`` with typewriter quotation marks printed as quotation marks: ``a'' -> “a”."""
    return TYPEWRITER_CLOSING.sub("”", TYPEWRITER_OPENING.sub("“", text))


def quoted_inside_quotes(text: str) -> str:
    """``text`` to be set inside quotation marks: its own double marks turn single, as English sets
    a quote within a quote (“He said ‘no’ twice”)."""
    text = printed_quotes(text)
    return text.replace("“", "‘").replace("”", "’").replace('"', "'")
