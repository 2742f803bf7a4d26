"""A generated page's title for the theme: corpus text, so escaped plain text."""

from __future__ import annotations

import html

from markupsafe import Markup


def escaped_title(title_html: str) -> str:
    """A page title (HTML) as escaped plain text: tags dropped, text escaped once."""
    return html.escape(Markup(title_html).striptags(), quote=False)


def escape_page_title(page) -> None:
    """Give a generated page a meta title the theme prints as it is: escaped plain text."""
    # A generated page's title is corpus text (an article's first sentence,
    # an actor's name). MkDocs hands it to the theme as HTML with that text
    # escaped, and Material prints it in <title> through `striptags`, which
    # unescapes it again: "</title><script>" in an article would run there.
    # A meta title is printed as given, so give the escaped plain text.
    if page.file.generated_by and not page.is_homepage and "title" not in page.meta and page.title:
        page.meta["title"] = escaped_title(page.title)
