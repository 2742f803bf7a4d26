"""Parts of the theme that read alike on many pages, rendered once per folder and build.

Material renders its navigation, tabs, search box and colour palette on every page: on
the 132 real articles' site, two fifths of the theme's time per page. On a page outside
the navigation (an actor's, an article's, a month's: nearly every page of a dossier)
no tab or item is active, so these parts depend on nothing of the page but the folder
it is in, which their relative links start from. Such a page takes them from the first
page of its folder that rendered them; a page in the navigation, or one whose folder
has not rendered a part yet, renders it as the theme does.

How: each part's name (``partials/nav.html``...) is given a stand-in template that
renders the theme's own part inside a call to ``dossier_theme_part``, which keeps what
it rendered. The theme's own part is still read from the theme's loader, under the
prefix ``dossier-theme/``, so a part the user overrides (``custom_dir``) is the one kept.
"""

from __future__ import annotations

import posixpath

from jinja2 import BaseLoader, ChoiceLoader, DictLoader, PrefixLoader, TemplateNotFound, pass_context
from jinja2.runtime import Context

# The theme's parts that read alike on every page outside the navigation in a folder (above).
PARTS = ("partials/nav.html", "partials/tabs.html", "partials/search.html", "partials/palette.html")
THEME_PREFIX = "dossier-theme"
PART_FUNCTION = "dossier_theme_part"


class ThemeParts:
    """The theme's parts rendered during one build, by part and folder."""

    def __init__(self) -> None:
        self._rendered: dict[tuple, str] = {}
        self.reused = 0

    def install(self, env) -> None:
        """Give ``env`` the stand-ins for the parts its theme has, and the function they call."""
        theme_loader = env.loader
        stand_ins = {}
        for name in PARTS:
            try:
                theme_loader.get_source(env, name)
            except TemplateNotFound:
                continue  # not this theme's part: nothing to stand in for
            stand_ins[name] = (
                f"{{% call {PART_FUNCTION}({name!r}) %}}"
                f"{{% include {posixpath.join(THEME_PREFIX, name)!r} %}}"
                "{% endcall %}"
            )
        env.loader = _loader(stand_ins, theme_loader)
        env.globals[PART_FUNCTION] = self._part

    @pass_context
    def _part(self, context: Context, name: str, caller) -> str:
        shared = _shared_by(context)
        if shared is None:
            return caller()
        key = (name, *shared)
        rendered = self._rendered.get(key)
        if rendered is None:
            rendered = self._rendered[key] = caller()
        else:
            self.reused += 1
        return rendered


def _loader(stand_ins: dict[str, str], theme_loader: BaseLoader) -> BaseLoader:
    return ChoiceLoader([DictLoader(stand_ins), PrefixLoader({THEME_PREFIX: theme_loader}), theme_loader])


def _shared_by(context: Context) -> tuple[str, str] | None:
    """What the pages that share parts with the page being rendered have in common (its folder, and
    what its front matter hides); None: the page renders its own parts."""
    page = context.get("page")
    nav = context.get("nav")
    if page is None or nav is None or getattr(page, "url", None) is None:
        return None
    # In the navigation, a page marks its own item and section active: its parts are its own.
    if page.parent is not None or page in nav.pages or any(item.active for item in nav.pages):
        return None
    # A part the theme hides on a page (``hide:`` in its front matter) may render otherwise there.
    hidden = (page.meta or {}).get("hide") or ()
    return posixpath.dirname(page.url.rstrip("/")), repr(hidden)
