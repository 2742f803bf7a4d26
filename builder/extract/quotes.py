"""Direct quotes and their speakers as written: '"...," X said.' and 'X said: "..."'.

The speaker is a name as written (``resolve`` finds the actor); quotes whose
speaker is a pronoun or a common noun are not attributed.
"""

from __future__ import annotations

import re

from builder.model import Document, QuoteClaim, Span

SPEECH_VERBS = (
    r"said|says|told|tweeted|wrote|added|stated|declared|announced|warned|insisted|posted|"
    r"explained|noted|stressed|reported|published|asked|urged|replied|argued|affirmed"
)
QUOTE = r"[\"“](?P<quote>[^\"“”\n]{12,}?)[\"”]"
# A quote followed by its speaker ends in a comma, "!" or "?" (a period ends the sentence).
QUOTE_BEFORE = r"[\"“](?P<quote>[^\"“”\n]{12,}?[,!?])[\"”]"
SPEAKER = r"(?P<speaker>(?:the[ \t]+)?[A-Z][\w'’-]*(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?[A-Z][\w'’-]*)*)"
# '"We will win," Ruiz said' / '"...," said the Ministry of Health'
QUOTE_THEN_SPEAKER = re.compile(
    QUOTE_BEFORE
    + r"\s*(?:"
    + SPEAKER
    + r"[ \t]+(?:"
    + SPEECH_VERBS
    + r")\b|(?:"
    + SPEECH_VERBS
    + r")[ \t]+"
    + SPEAKER.replace("speaker", "speaker2")
    + r")"
)
# 'Ruiz said: "We will win."' / 'In a statement, the Ministry reported: "..."'
SPEAKER_THEN_QUOTE = re.compile(SPEAKER + r"[ \t]+(?:" + SPEECH_VERBS + r")\s*:\s*" + QUOTE)


def _clean_quote(text: str) -> str:
    return text.strip().rstrip(",").strip()


def extract_quotes(document: Document, skip: set[int] | None = None) -> list[QuoteClaim]:
    """Direct quotes of one article with the speaker's name as written."""
    skip = skip or set()
    claims: list[QuoteClaim] = []
    for pattern in (QUOTE_THEN_SPEAKER, SPEAKER_THEN_QUOTE):
        for match in pattern.finditer(document.text):
            if document.paragraph_at(match.start()).index in skip:
                continue
            speaker = match.groupdict().get("speaker") or match.groupdict().get("speaker2")
            if not speaker:
                continue
            speaker = re.sub(r"^the\s+", "", speaker)
            start, end = match.span("quote")
            claims.append(
                QuoteClaim(
                    speaker=speaker,
                    text=_clean_quote(match["quote"]),
                    source=Span(document.id, start, end, document.text[start:end]),
                )
            )
    return claims
