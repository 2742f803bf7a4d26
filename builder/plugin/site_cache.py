"""Caches of the site build, so that a rebuild redoes only what changed.

Two layers sit above the per-article cache (``builder.extract.cache``):

* the **generated files** (pages' Markdown, charts, exports, the PDF) of a
  build, keyed by everything they are made from: each article, the skipped
  files, the curation file, the templates, the builder's code, the installed
  packages and the build date. A rebuild with nothing changed loads them
  instead of resolving, rendering and typesetting again;
* the **rendered pages**: each generated page's final HTML, table of contents,
  anchors and search-index entries, keyed by its Markdown, its front matter, the
  site configuration and the navigation. An unchanged page skips Markdown, the
  search indexer and the theme (``builder.plugin.page_cache`` wires this into MkDocs).
  The pages of the latest build are one entry: a file a page cost the page loop a
  create and a rename each (over a second at 1,000 articles).

Both stores are :class:`builder.store.PickleStore` folders: entries signed with the
user's key and verified before they are read, atomic writes, damaged or unsigned
entries deleted and rebuilt.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path

from builder.corpus import Corpus
from builder.store import PickleStore

BUILDER_DIR = Path(__file__).resolve().parent.parent  # the builder package: its code keys the caches


def digest_of(parts: Iterable[str | bytes]) -> str:
    """One SHA-256 of ``parts`` in order (each ended by a NUL, so that parts cannot run together)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The builder's own source and every installed package's version.

    Any change of code, template engine, theme or Markdown extension may
    change a page, so it invalidates both layers.
    """
    sources = sorted(BUILDER_DIR.rglob("*.py"))
    # A set: a project folder on sys.path (``python -m``, the benchmark) lists this
    # project twice, and that must not make a cache of its own.
    packages = sorted({_name_and_version(dist) for dist in importlib.metadata.distributions()})
    return digest_of(
        [*(p.relative_to(BUILDER_DIR).as_posix() + "\n" + p.read_text("utf-8") for p in sources), *packages]
    )


def _name_and_version(dist: importlib.metadata.Distribution) -> str:
    """``name==version`` from the headers of a package's metadata.

    ``dist.metadata`` parses the whole file as an e-mail message, its long description
    included: 0.1 to 0.4 s for 150 packages on every build. The headers come first and
    end at the first blank line.
    """
    text = dist.read_text("METADATA") or dist.read_text("PKG-INFO") or ""
    headers: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            break
        key, _, value = line.partition(":")
        headers.setdefault(key.strip(), value.strip())
    return f"{headers.get('Name', '')}=={headers.get('Version', '')}"


def folder_digest(folder: Path | str | None) -> str:
    """A digest of every file below ``folder`` (names and bytes); empty when there is none."""
    if folder is None or not Path(folder).is_dir():
        return ""
    folder = Path(folder)
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return digest_of(part for p in files for part in (p.relative_to(folder).as_posix(), p.read_bytes()))


def file_digest(path: Path | str | None) -> str:
    if path is None or not Path(path).is_file():
        return ""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def generated_key(corpus: Corpus, settings: Mapping[str, object]) -> str:
    """The key of a build's generated files: the corpus as read, ``settings`` and the code.

    ``settings`` holds everything else the output depends on (model, curation
    digest, templates digest, build date, whether there is a PDF, the title).
    """
    documents = (
        "\x1f".join(f"{f.name}={getattr(doc, f.name)!r}" for f in fields(doc)) for doc in corpus.documents
    )
    skipped = (repr(skipped) for skipped in corpus.skipped)
    return digest_of(
        [code_fingerprint(), json.dumps(settings, sort_keys=True, default=str), *documents, "--", *skipped]
    )


@dataclass(frozen=True)
class GeneratedSite:
    """What a build hands to MkDocs, and what it said on the way."""

    files: dict[str, str | bytes]
    summary: str
    warnings: tuple[str, ...] = ()
    # The pages' view digests (``builder.publish.pages.RenderMemo``) and the templates and code
    # they were rendered with: the next build takes over the pages whose view is unchanged.
    page_digests: dict[str, str] = field(default_factory=dict)
    render_key: str = ""
    # Corpus files the builder raised on and left out: warnings that `--strict` fails on.
    failed: tuple[str, ...] = ()

    def memo_for(self, render_key: str) -> dict[str, tuple[str, str]]:
        """``{path: (view digest, Markdown)}`` for a render with ``render_key``; empty if it differs."""
        if render_key != self.render_key:
            return {}
        return {
            path: (digest, content)
            for path, digest in self.page_digests.items()
            if isinstance(content := self.files.get(path), str)
        }


class GeneratedStore(PickleStore):
    """The generated files of the latest build (one entry: a large corpus makes them large)."""

    magic = b"dossier-site"

    def accept(self, value: object, check: object = None) -> bool:
        return isinstance(value, GeneratedSite)

    def put_latest(self, key: str, site: GeneratedSite) -> None:
        """Store ``site`` as the one entry: one site's files are large, keep only the latest."""
        self.put(key, site)
        self.keep_newest(1)


def render_key(templates_digest: str) -> str:
    """What a page's Markdown depends on besides its view: the templates (``folder_digest``) and the code."""
    return digest_of([code_fingerprint(), templates_digest])


def site_key(config_digest: str, settings: Mapping[str, object], templates_digest: str, nav: object) -> str:
    """What every page's HTML depends on besides its own source: mkdocs.yml, the plugin's
    settings, the templates, the navigation around it and the code."""
    return digest_of(
        [
            code_fingerprint(),
            config_digest,
            json.dumps(settings, sort_keys=True, default=str),
            templates_digest,
            json.dumps(nav, default=str),
        ]
    )


@dataclass
class RenderedPage:
    """One page as MkDocs rendered it: enough to write it again without rendering."""

    output: bytes  # the final HTML, zlib-compressed
    toc: object
    title: str | None
    anchors: frozenset[str]
    search_entries: list[dict] = field(default_factory=list)

    @property
    def html(self) -> str:
        return zlib.decompress(self.output).decode("utf-8")


@dataclass
class RenderedPages:
    """The rendered pages of one build, by page key (``page_key``)."""

    pages: dict[str, RenderedPage]


class PageStore(PickleStore):
    """The rendered pages of the latest build (one entry, replaced by each build)."""

    magic = b"dossier-pages"

    def accept(self, value: object, check: object = None) -> bool:
        return isinstance(value, RenderedPages) and all(
            isinstance(page, RenderedPage) for page in value.pages.values()
        )

    def latest_pages(self) -> dict[str, RenderedPage]:
        """The pages the latest build stored; none if there is no entry that checks out."""
        latest = self.latest()
        return latest.pages if latest is not None else {}

    def put_latest(self, build: str, pages: dict[str, RenderedPage]) -> None:
        """Store ``pages`` as the one entry, named after this build's key (any string)."""
        self.put(digest_of([build]), RenderedPages(pages))
        self.keep_newest(1)


def page_key(site_key: str, src_uri: str, markdown: str, meta: Mapping[str, object]) -> str:
    """The key of a rendered page: the site's key (configuration, navigation, code) and the page's source."""
    return digest_of([site_key, src_uri, json.dumps(meta, sort_keys=True, default=str), markdown])


def rendered_page(
    html: str, toc: object, title: str | None, anchors: Iterable[str], entries: list[dict]
) -> RenderedPage:
    return RenderedPage(zlib.compress(html.encode("utf-8"), 1), toc, title, frozenset(anchors), entries)
