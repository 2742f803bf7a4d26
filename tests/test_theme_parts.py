"""The theme's parts alike on a folder's pages outside the navigation: rendered once, the same site."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

from jinja2 import DictLoader, Environment

from builder.plugin import page_cache, theme_parts
from builder.plugin.theme_parts import ThemeParts

ROOT = Path(__file__).resolve().parent.parent


class _Page(SimpleNamespace):
    def __eq__(self, other: object) -> bool:  # as MkDocs' pages compare: by file
        return isinstance(other, _Page) and self.url == other.url

    __hash__ = None  # type: ignore[assignment]


def _env(theme: dict[str, str]) -> tuple[Environment, list[str]]:
    """A theme whose navigation part says which page it was rendered for, and a log of its renders."""
    rendered: list[str] = []
    env = Environment(loader=DictLoader(theme))
    env.globals["noted"] = lambda url: rendered.append(url) or url
    ThemeParts().install(env)
    return env, rendered


THEME = {
    "main.html": "<{% include 'partials/nav.html' %}|{{ page.title }}>",
    "partials/nav.html": "nav for {{ noted(page.url) }}",
}


def _site(*urls: str, in_nav: tuple[str, ...] = ()) -> tuple[SimpleNamespace, dict[str, _Page]]:
    pages = {url: _Page(url=url, title=url.upper(), parent=None, meta={}, active=False) for url in urls}
    for url in in_nav:
        pages[url].parent = SimpleNamespace(title="Section")
    nav = SimpleNamespace(pages=[pages[url] for url in in_nav])
    return nav, pages


def test_pages_of_a_folder_outside_the_navigation_share_the_part_and_keep_their_own_text():
    env, rendered = _env(THEME)
    nav, pages = _site("actors/a/", "actors/b/", "sources/c/")
    main = env.get_template("main.html")
    out = [main.render(page=pages[url], nav=nav) for url in ("actors/a/", "actors/b/", "sources/c/")]
    # The part is rendered once for the actors' folder (for its first page), once for the sources'.
    assert rendered == ["actors/a/", "sources/c/"]
    assert out == [
        "<nav for actors/a/|ACTORS/A/>",
        "<nav for actors/a/|ACTORS/B/>",
        "<nav for sources/c/|SOURCES/C/>",
    ]


def test_a_page_in_the_navigation_or_hiding_parts_renders_its_own():
    env, rendered = _env(THEME)
    nav, pages = _site("actors/a/", "actors/b/", "actors/c/", "actors/d/", in_nav=("actors/b/",))
    pages["actors/c/"].meta = {"hide": ["navigation"]}
    main = env.get_template("main.html")
    for url in ("actors/a/", "actors/b/", "actors/c/", "actors/d/"):
        main.render(page=pages[url], nav=nav)
    # b is in the navigation: its own; c hides a part: its own (and shared with pages that hide the same).
    assert rendered == ["actors/a/", "actors/b/", "actors/c/"]
    # While a page of the navigation is active (its section open), nothing is shared.
    pages["actors/b/"].active = True
    main.render(page=pages["actors/d/"], nav=nav)
    assert rendered[-1] == "actors/d/"


def test_the_theme_part_itself_is_what_renders_and_only_the_parts_the_theme_has_stand_in():
    env, _ = _env({**THEME, "partials/tabs.html": "tabs"})
    # The stand-in includes the theme's own template, found by the theme's loader (a user's
    # override in custom_dir comes first there).
    source, _, _ = env.loader.get_source(env, "partials/nav.html")
    assert theme_parts.PART_FUNCTION in source and "dossier-theme/partials/nav.html" in source
    assert env.loader.get_source(env, "dossier-theme/partials/nav.html")[0] == THEME["partials/nav.html"]
    assert "dossier-theme/partials/tabs.html" in env.loader.get_source(env, "partials/tabs.html")[0]
    # A part the theme does not have stays missing.
    assert "partials/search.html" not in env.list_templates()


def test_a_site_built_with_shared_parts_is_the_site_built_without(tmp_path, monkeypatch):
    from browser_util import build_site

    from builder.store import default_cache_dir

    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    installed: list[ThemeParts] = []
    original_install = ThemeParts.install

    def keep(self, env):
        installed.append(self)
        original_install(self, env)

    monkeypatch.setattr(ThemeParts, "install", lambda self, env: None)
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    without = build_site(corpus, tmp_path / "one" / "site")
    # The same build again without the page cache (whose pages skip the theme), parts shared.
    shutil.rmtree(default_cache_dir(corpus) / page_cache.FOLDER)
    monkeypatch.setattr(ThemeParts, "install", keep)
    shared = build_site(corpus, tmp_path / "two" / "site")
    assert installed and installed[0].reused > 20  # the seeds' actor and article pages
    files = sorted(path.relative_to(without) for path in without.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(shared) for path in shared.rglob("*") if path.is_file())
    different = [path for path in files if (without / path).read_bytes() != (shared / path).read_bytes()]
    assert different == []
