"""Read a corpus folder into ``Document`` records.

One article a file (``.txt`` or ``.md``). A file may start with a dateline
`` date YYYY-MM-DD `` (leading space optional). Offsets in every later stage
are into the text after the dateline, so the dateline is cut here once.

The corpus is what the analyst put in the folder, and nothing else: regular
files inside it (a link is followed only when it leads to a file inside the
folder), not hidden files or folders (``.git``), not an editor's leftovers
(``notes.txt~``, ``#notes.txt#``, ``.swp``), and only text: binary content, text
that is mostly control characters, a file too large to be an article are left
out. Every file left out is listed with the reason.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from builder.faults import describe_error
from builder.model import Document, Paragraph, SkippedFile
from builder.values.dates import EARLIEST_DAY, LATEST_DAY, in_range

ARTICLE_SUFFIXES = (".txt", ".md")
CURATION_FILES = ("curation.yaml", "curation.yml")
DATELINE = re.compile(r"\A[ \t]*date[ \t]+(\d{4})-(\d{1,2})-(\d{1,2})[ \t]*")
# A dateline-shaped start whose date is not a calendar date ("date 2024-13-45").
DATELINE_SHAPE = re.compile(r"\A[ \t]*date[ \t]+\S+[ \t]*")
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*(?=\s|$)")
TITLE_MAX = 160
# Longer than any news article: a file this large is a dump, and would hold a build for hours.
MAX_ARTICLE_BYTES = 16 * 1024 * 1024
# Leftovers of editors, merges and downloads beside the files they belong to.
LEFTOVER_NAME = re.compile(r"(~|\.sw[a-p]|\.bak|\.orig|\.rej|\.tmp|\.part|\.crdownload)$|^#.*#$", re.I)
# Byte-order marks and their codecs; UTF-32's before UTF-16's, whose marks begin theirs.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Characters no article is written with: C0 and C1 controls other than line ends and tabs,
# DEL, surrogates, private use, and the replacement character of a failed decoding.
UNPRINTABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufffd]")
# Above this share of unprintable characters a file is not text, whatever decodes it.
UNPRINTABLE_SHARE = 0.05
# Read as Windows-1252 or Latin-1, a text article is mostly ASCII (accents are a few
# percent even in French or Spanish); random bytes are more than half not.
FALLBACK_NON_ASCII_SHARE = 0.25


@dataclass
class Corpus:
    """The articles that were read, and the files that were not."""

    documents: list[Document] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)


class BuildDateError(ValueError):
    """SOURCE_DATE_EPOCH holds no date the builder can use: the message says what it must be."""


def build_date() -> dt.date:
    """Today, or the date of SOURCE_DATE_EPOCH so that builds are reproducible.

    Raises ``BuildDateError`` when SOURCE_DATE_EPOCH is set to anything but whole seconds
    since 1970 up to ``LATEST_DAY``: a build dated wrongly without a word is worse than none.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.date.today()
    try:
        if not epoch.isdigit():
            raise ValueError(epoch)
        day = dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    except (ValueError, OverflowError, OSError):
        day = None
    if day is None or not in_range(day):
        raise BuildDateError(
            f"SOURCE_DATE_EPOCH={epoch[:40]!r} is not a build date: it must be whole seconds since "
            f"1970-01-01 UTC, no later than {LATEST_DAY.isoformat()} (for example $(date +%s)), or unset"
        )
    return day


@dataclass(frozen=True)
class CorpusScan:
    """The article files below a corpus folder, and the files left out with the reason."""

    articles: list[tuple[str, Path]]  # (path relative to the folder, the file to read)
    left_out: list[SkippedFile]


def scan_corpus(folder: Path) -> CorpusScan:
    """Article files below ``folder`` in a stable order, and every other file with why it is not read.

    The walk does not follow links to folders; a link to a file is read only when the
    file it leads to is inside ``folder``. Hidden folders are listed once, not walked.
    """
    root = folder.resolve()
    articles: list[tuple[str, Path]] = []
    left_out: list[SkippedFile] = []

    def unreadable(error: OSError) -> None:
        where = Path(error.filename or root)
        name = where.relative_to(root).as_posix() + "/" if where != root else "./"
        left_out.append(SkippedFile(name, f"cannot read the folder: {error.strerror or error}"))

    for directory, subfolders, names in os.walk(root, onerror=unreadable):
        here = Path(directory)
        for name in list(subfolders):
            path = here / name
            reason = _folder_left_out(path, name, root)
            if reason is not None:
                subfolders.remove(name)
                left_out.append(SkippedFile(path.relative_to(root).as_posix() + "/", reason))
        for name in names:
            path = here / name
            relative = path.relative_to(root).as_posix()
            if name in CURATION_FILES:
                continue  # the analyst's corrections, read by the pipeline
            target, reason = _file_to_read(path, name, root)
            if target is not None:
                articles.append((relative, target))
            elif reason is not None:
                left_out.append(SkippedFile(relative, reason))
    # A link to an article that is read where it is would only read it twice.
    real = {target for relative, target in articles if not (root / relative).is_symlink()}
    for relative, target in list(articles):
        if (root / relative).is_symlink() and target in real:
            articles.remove((relative, target))
            reason = f"link to {target.relative_to(root).as_posix()}, which is read itself"
            left_out.append(SkippedFile(relative, reason))
    articles.sort(key=lambda entry: entry[0])
    left_out.sort(key=lambda entry: entry.path)
    return CorpusScan(articles, left_out)


def _folder_left_out(path: Path, name: str, root: Path) -> str | None:
    """Why the walk does not enter the folder ``path``; None when it does."""
    if name.startswith("."):
        return "hidden folder (version control, an editor's or a system's files); not read"
    if path.is_symlink():
        inside = _resolves_inside(path, root)
        if inside is None:
            return "broken link; not read"
        if not inside:
            return "link to a folder outside the corpus folder; not followed"
        return "link to a folder; not followed (its files are read where they are)"
    return None


def _file_to_read(path: Path, name: str, root: Path) -> tuple[Path | None, str | None]:
    """(the file to read for ``path``, None) or (None, why it is left out)."""
    if name.startswith("."):
        return None, "hidden file; not read"
    if LEFTOVER_NAME.search(name):
        return None, "an editor's or a download's leftover; not read"
    if not name.lower().endswith(ARTICLE_SUFFIXES):
        return None, "not an article: only .txt and .md files are read"
    target = path
    if path.is_symlink():
        inside = _resolves_inside(path, root)
        if inside is None:
            return None, "broken link; not read"
        if not inside:
            # What lies outside the folder is not the analyst's article: it is never read.
            return None, "link to a file outside the corpus folder; not followed"
        target = path.resolve()
    try:
        mode = target.stat().st_mode
    except OSError as error:
        return None, f"cannot read: {error.strerror or error}"
    if not stat.S_ISREG(mode):
        return None, "not a regular file (a device, pipe or socket); not read"
    return target, None


def _resolves_inside(path: Path, root: Path) -> bool | None:
    """Whether the link ``path`` leads inside ``root``; None when it leads nowhere."""
    try:
        return path.resolve(strict=True).is_relative_to(root)
    except (OSError, RuntimeError):  # missing target, a loop of links
        return None


def read_bytes_checked(path: Path, limit: int = MAX_ARTICLE_BYTES) -> bytes | None:
    """The bytes of the regular file ``path``, at most ``limit`` of them; None if it holds more.

    Opened without following a link and without waiting on a pipe: the file was checked
    when the folder was scanned, and must still be that file when it is read.
    """
    handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise OSError(f"{path.name} is no longer a regular file")
        data = stream.read(limit + 1)
    return data if len(data) <= limit else None


def decode_article(raw: bytes) -> tuple[str | None, str | None]:
    """Decode an article's bytes: (text, warning or None), or (None, why it is not text).

    UTF-8 (a BOM allowed); UTF-16 and UTF-32 by their byte-order mark; otherwise
    Windows-1252, else Latin-1, with a warning, if the result still reads as text.
    """
    for mark, codec in BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                return None, f"starts with a {codec.upper()} byte-order mark but is not {codec.upper()} text"
            return _checked_text(text, None)
    if b"\x00" in raw:
        return None, (
            "binary content (NUL bytes); not a text article "
            "(UTF-16 or UTF-32 text is read when it starts with its byte-order mark)"
        )
    try:
        return _checked_text(raw.decode("utf-8"), None)
    except UnicodeDecodeError:
        pass
    for codec, name in (("cp1252", "Windows-1252"), ("latin-1", "Latin-1")):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        letters = [c for c in text if not c.isspace()]
        foreign = sum(1 for c in letters if ord(c) > 127)
        if letters and foreign / len(letters) > FALLBACK_NON_ASCII_SHARE:
            return None, (
                f"not UTF-8, and as {name} {foreign * 100 // len(letters)}% of its characters are "
                "not ASCII: not a text article (save a text as UTF-8)"
            )
        return _checked_text(text, f"not UTF-8; read as {name}")
    raise AssertionError("Latin-1 decodes any bytes")


def _checked_text(text: str, warning: str | None) -> tuple[str | None, str | None]:
    """``(text, warning)``, or (None, the reason) when the text is mostly control characters."""
    unprintable = len(UNPRINTABLE.findall(text))
    if text and unprintable / len(text) > UNPRINTABLE_SHARE:
        return None, (
            f"{unprintable * 100 // len(text)}% of its characters are control or unprintable "
            "characters: not a text article"
        )
    return text, warning


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
        if not in_range(date):
            return (
                body,
                None,
                f"dateline {date.isoformat()} is outside the years {EARLIEST_DAY.year} to "
                f"{LATEST_DAY.year}; treated as undated",
            )
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
    raw = read_bytes_checked(path)
    if raw is None:
        return None, [f"larger than {MAX_ARTICLE_BYTES // (1024 * 1024)} MB; not an article"]
    text, note = decode_article(raw)
    if text is None:
        return None, [note or "not a text article"]
    if note:
        problems.append(note)
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
    scan = scan_corpus(folder)
    seen_hashes: dict[str, str] = {}
    used_ids: set[str] = set()
    for relative, path in scan.articles:
        doc_id = unique_id(Path(relative).stem, used_ids)
        try:
            document, problems = read_article(path, doc_id, today)
        except OSError as error:
            corpus.skipped.append(SkippedFile(relative, f"cannot read: {error.strerror or error}"))
            continue
        except Exception as error:  # noqa: BLE001 - one file never stops the build: reported instead
            corpus.skipped.append(
                SkippedFile(relative, f"could not be read ({describe_error(error)})", severity="failed")
            )
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
    corpus.skipped.extend(scan.left_out)
    return corpus


def unique_id(stem: str, used: Iterable[str]) -> str:
    """The file stem, suffixed when another file already has it (a.txt, a.md)."""
    used = set(used)
    candidate, n = stem, 2
    while candidate in used:
        candidate, n = f"{stem}-{n}", n + 1
    return candidate
