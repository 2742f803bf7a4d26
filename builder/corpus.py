"""Read a corpus folder into ``Document`` records.

One article a file (``.txt`` or ``.md``). A file may start with a dateline
`` date YYYY-MM-DD `` (leading space optional). Offsets in every later stage
are into the text after the dateline, so the dateline is cut here once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from builder.model import Document, Paragraph, SkippedFile

ARTICLE_SUFFIXES = (".txt", ".md")
CURATION_FILES = ("curation.yaml", "curation.yml")
DATELINE = re.compile(r"\A[ \t]*date[ \t]+(\d{4})-(\d{1,2})-(\d{1,2})[ \t]*")
# A dateline-shaped start whose date is not a calendar date ("date 2024-13-45").
DATELINE_SHAPE = re.compile(r"\A[ \t]*date[ \t]+\S+[ \t]*")
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*(?=\s|$)")
TITLE_MAX = 160


@dataclass
class Corpus:
    """The articles that were read, and the files that were not."""

    documents: list[Document] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)


def build_date() -> dt.date:
    """Today, or the date of SOURCE_DATE_EPOCH so that builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


def corpus_files(folder: Path) -> list[Path]:
    """Article files below ``folder``, in a stable order."""
    return sorted(
        (p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES),
        key=lambda p: p.relative_to(folder).as_posix(),
    )


def ignored_files(folder: Path) -> list[str]:
    """Files below ``folder`` that are not articles, as relative paths (the analyst is told).

    The curation file and hidden files and folders (``.git``, editor backups) are
    expected there and not listed.
    """
    ignored = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if not path.is_file() or path.suffix.lower() in ARTICLE_SUFFIXES:
            continue
        if relative.name in CURATION_FILES or any(part.startswith(".") for part in relative.parts):
            continue
        ignored.append(relative.as_posix())
    return sorted(ignored)


def decode_article(raw: bytes) -> tuple[str, str | None]:
    """Decode bytes as UTF-8 (BOM allowed); fall back to cp1252/Latin-1.

    Returns the text and a warning when the fallback was used.
    """
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "not UTF-8; read as Windows-1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "not UTF-8; read as Latin-1"


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_dateline(text: str, today: dt.date | None = None) -> tuple[str, str | None, str | None]:
    """Cut a leading dateline off ``text``.

    Returns (body, ISO date or None, warning or None). A malformed or
    future dateline is cut but not trusted.
    """
    match = DATELINE.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        body = text[match.end() :]
        try:
            date = dt.date(year, month, day)
        except ValueError:
            return body, None, f"malformed dateline {match.group(0).strip()!r}; treated as undated"
        if today is not None and date > today:
            return body, None, f"dateline {date.isoformat()} is in the future; treated as undated"
        return body, date.isoformat(), None
    shape = DATELINE_SHAPE.match(text)
    if shape and re.match(r"\A[ \t]*date[ \t]+\d", text):
        return (
            text[shape.end() :],
            None,
            f"malformed dateline {shape.group(0).strip()!r}; treated as undated",
        )
    return text, None, None


def split_paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Paragraphs as character ranges; blank lines and single newlines both separate."""
    paragraphs: list[Paragraph] = []
    position = 0
    for chunk in re.split(r"(\n+)", text):
        if chunk and not chunk.startswith("\n"):
            stripped = chunk.strip()
            if stripped:
                start = position + (len(chunk) - len(chunk.lstrip()))
                paragraphs.append(Paragraph(len(paragraphs), start, start + len(stripped)))
        position += len(chunk)
    return tuple(paragraphs)


def make_title(text: str, paragraphs: tuple[Paragraph, ...]) -> str:
    """The lede up to its first sentence end, shortened to a readable length."""
    if not paragraphs:
        return ""
    lede = text[paragraphs[0].start : paragraphs[0].end]
    match = SENTENCE_END.search(lede)
    title = lede[: match.end()] if match else lede
    title = " ".join(title.split())
    if len(title) > TITLE_MAX:
        title = title[:TITLE_MAX].rsplit(" ", 1)[0] + "…"
    return title


def read_article(path: Path, doc_id: str, today: dt.date | None = None) -> tuple[Document | None, list[str]]:
    """Read one article file.

    Returns the document (None when the file is unusable) and the problems
    found, each a sentence for the build report.
    """
    problems: list[str] = []
    raw = path.read_bytes()
    if b"\x00" in raw:
        return None, ["binary content (NUL bytes); not a text article"]
    text, warning = decode_article(raw)
    if warning:
        problems.append(warning)
    text = normalise_newlines(text)
    body, date, warning = split_dateline(text, today)
    if warning:
        problems.append(warning)
    if not body.strip():
        return None, problems + ["empty article (no text after the dateline)"]
    paragraphs = split_paragraphs(body)
    document = Document(
        id=doc_id,
        path=str(path),
        title=make_title(body, paragraphs),
        text=body,
        date=date,
        date_source="dateline" if date else "none",
        paragraphs=paragraphs,
        content_hash=hashlib.sha256(raw).hexdigest(),
    )
    return document, problems


def read_corpus(folder: Path | str, today: dt.date | None = None) -> Corpus:
    """Read every article below ``folder``; bad files are reported, not fatal."""
    folder = Path(folder)
    corpus = Corpus()
    if not folder.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {folder}")
    seen_hashes: dict[str, str] = {}
    used_ids: set[str] = set()
    for path in corpus_files(folder):
        relative = path.relative_to(folder).as_posix()
        doc_id = unique_id(path.stem, used_ids)
        try:
            document, problems = read_article(path, doc_id, today)
        except OSError as error:
            corpus.skipped.append(SkippedFile(relative, f"cannot read: {error.strerror or error}"))
            continue
        if document is None:
            corpus.skipped.append(SkippedFile(relative, "; ".join(problems)))
            continue
        # Relative to the corpus folder, like the skipped files: the site and
        # dossier.json must not depend on (or reveal) where the folder sits.
        document = replace(document, path=relative)
        text_hash = hashlib.sha256(" ".join(document.text.split()).encode()).hexdigest()
        if text_hash in seen_hashes:
            corpus.skipped.append(
                SkippedFile(relative, f"duplicate of {seen_hashes[text_hash]}; kept the first")
            )
            continue
        seen_hashes[text_hash] = relative
        used_ids.add(doc_id)
        for problem in problems:
            corpus.skipped.append(SkippedFile(relative, problem, severity="warning"))
        corpus.documents.append(document)
    for relative in ignored_files(folder):
        corpus.skipped.append(SkippedFile(relative, "not an article: only .txt and .md files are read"))
    return corpus


def unique_id(stem: str, used: Iterable[str]) -> str:
    """The file stem, suffixed when another file already has it (a.txt, a.md)."""
    used = set(used)
    candidate, n = stem, 2
    while candidate in used:
        candidate, n = f"{stem}-{n}", n + 1
    return candidate
