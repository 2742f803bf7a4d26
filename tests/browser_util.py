"""Helpers for the browser tests: build a site, serve it on 127.0.0.1, start Chromium.

Chromium is Debian's (``/usr/bin/chromium``) driven by Playwright's Python
package; ``playwright install`` is never needed.
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Headless, as root, and quiet: no update checks or other traffic of its own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def build_site(corpus: Path, site_dir: Path, pdf: bool = False) -> Path:
    """Run a real ``mkdocs build --strict`` of the project's mkdocs.yml on ``corpus``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = (
        text.replace("corpus: seeds", f"corpus: {corpus}")
        .replace("curation: seeds/curation.yaml", f"curation: {corpus / 'curation.yaml'}")
        .replace("templates: templates", f"templates: {ROOT / 'templates'}")
        .replace("pdf: true", f"pdf: {'true' if pdf else 'false'}")
    )
    # A handful of articles: one process is quicker than starting a pool of spaCy workers.
    text = text.replace("      model: ", "      jobs: 1\n      model: ", 1)
    config_file = site_dir.parent / "mkdocs.yml"
    config_file.write_text(text, encoding="utf-8")
    config = load_config(str(config_file), docs_dir=str(ROOT / "docs"), site_dir=str(site_dir), strict=True)
    build(config)
    return site_dir


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve ``site_dir`` on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def launch_chromium(playwright):
    """Debian's Chromium, headless, under Playwright (a fresh profile every launch)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


class PageWatch:
    """What a page did that a reader would not want: errors, dialogs, foreign requests."""

    def __init__(self, page, host: str = "127.0.0.1") -> None:
        self.host = host
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.dialogs: list[str] = []
        self.foreign_requests: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("dialog", self._dialog)
        page.on("request", self._request)

    def _console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if parts.hostname != self.host:
            self.foreign_requests.append(request.url)
