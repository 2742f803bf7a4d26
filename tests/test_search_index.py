"""The generated pages' search entries: the same sections as Material's search plugin reads, faster."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import Parser, SearchIndex

import builder.plugin
from builder.plugin.search_index import add_page, page_sections
from tests.browser_util import build_site


def material_sections(html: str) -> list:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return outline(parser.data)


def outline(sections) -> list:
    return [(s.el.tag, s.el.attrs, s.depth, s.id, s.title, s.text) for s in sections]


CASES = {
    "preface, then headings": "<p>Before.</p><h1 id='top'>Title</h1><p>One</p><h2 id=\"b\">Two</h2><p>x</p>",
    "a first heading that is not h1": "<h2 id='a'>A</h2><p>text</p><h3 id='b'>B <code>c</code></h3>",
    "a heading without id": "<h2>Plain</h2><p>text</p><h2 id='x'>X</h2>",
    "a heading nested in a div": "<div><h2 id='in'>In</h2><p>a</p></div><p>after the div</p>",
    "an excluded block with the same tag inside": (
        "<p>kept</p><div data-search-exclude><div>hidden</div>shown?</div><div>kept too</div>"
    ),
    "line numbers": '<table><tr><td class="linenodiv"><pre>1\n2</pre></td><td>code</td></tr></table>',
    "whitespace and pre": "<p>a\nb   </p>\n\n  <pre>  x\n\n  y</pre><p>\n</p><p> </p>",
    "spaces between elements in pre": "<p>a <i> </i> <b></b>\n</p><pre><i>a</i>  <i> </i>\n<i>b</i></pre>",
    "empty kept elements": "<ul><li> </li><li>one</li><li></li></ul><p><code> </code>z</p>",
    "entities": "<p>Fish &amp; chips &lt;b&gt; &quot;q&quot; &#233;t&eacute; &unknown; 5 &amp</p>",
    "attribute entities": '<h2 id="a&amp;b">T</h2><a href="?x=1&amp;y=2" title=\'it&#39;s\'>l</a>',
    "comments split the text": "<p>one<!-- a comment -->two<!---->three</p>",
    "self-closing and void tags": "<p>a<br>b<br/>c<img src=x alt='y'/><span/>d</p><hr>",
    "permalinks": '<h2 id="p">Title<a class="headerlink" href="#p">¶</a></h2><p>t</p>',
    "upper case": "<P>Upper</P><H2 ID='U'>Head</H2><Sub>x</Sub>",
    "objects are skipped": "<p>a</p><object><p>inside</p></object><p>b</p>",
    "sup and sub": "<p>x<sup>2</sup> H<sub>2</sub>O</p>",
    "bare and valueless attributes": "<details open><summary class=s>S</summary><p>d</p></details>",
    "a tag with a line break inside": '<a\n  href="x"\n  class="y">link</a>',
    "odd spaces in a tag name": "<p\xa0class=x>y</p><p\x0bclass=z>w</p>",
    "the stand-in comment of a block left out": "<p>a<!--dossier-unindexed-block-3-->b</p>",
}


@pytest.mark.parametrize("html", CASES.values(), ids=CASES.keys())
def test_the_sections_are_the_search_plugins(html):
    sections = page_sections(html)
    assert sections is not None
    assert outline(sections) == material_sections(html)


@pytest.mark.parametrize(
    "html",
    [
        "<p>a < b</p>",  # a "<" that opens no tag: html.parser reads it its own way
        "<script>var a = '<p>';</script><p>x</p>",  # raw text
        "<style>p {}</style>",
        "<!DOCTYPE html><p>x</p>",
        "<p>x</p ignored='1'>",
        '<p a="1"b="2">x</p>',
        "<!-- c -- >x<!-- -->y",  # html.parser closes a comment at "-- >" (and newer Pythons elsewhere)
        "<!-- a --->b",
        "<p>x</p\x00>",
    ],
)
def test_markup_it_does_not_read_is_left_to_the_search_plugin(html):
    assert page_sections(html) is None


# Well-formed HTML of the kinds the pages hold, nested at random.
_TEXT = st.sampled_from(["word", " ", "\n", "two words", "a &amp; b", "  \n ", "x&lt;y", "é"])
_TAGS = ["p", "div", "span", "code", "pre", "li", "ul", "ol", "a", "table", "td", "sub", "h1", "h2", "h3"]
_ATTRIBUTES = st.sampled_from(
    ["", ' id="s1"', ' id="s2"', " data-search-exclude", ' class="headerlink"', " open"]
)


def _element(children):
    return st.builds(
        lambda tag, attributes, inner: f"<{tag}{attributes}>{''.join(inner)}</{tag}>",
        st.sampled_from(_TAGS),
        _ATTRIBUTES,
        st.lists(children, max_size=4),
    )


_HTML = st.recursive(_TEXT, _element, max_leaves=30)


def _outcome(read, html: str):
    try:
        return read(html)
    except ValueError as error:  # the plugin's parser fails on some nestings: so must this reader
        return type(error)


@settings(max_examples=300, deadline=None)
@given(st.lists(_HTML, max_size=6))
def test_random_pages_give_the_search_plugins_sections(parts):
    html = "".join(parts)
    assert _outcome(lambda h: outline(page_sections(h)), html) == _outcome(material_sections, html)


def test_entries_are_made_by_the_plugins_own_rules():
    page = SimpleNamespace(
        content='<h1 id="t">Title</h1><p>Body</p><h2 id="s">Sub</h2><p>More</p>',
        toc=[],
        url="actors/x/",
        meta={"search": {"boost": 2}, "tags": ["people"]},
        title="Title",
    )
    ours, theirs = SearchIndex(), SearchIndex()
    assert add_page(ours, page)
    theirs.add_entry_from_context(page)
    assert ours.entries == theirs.entries and len(ours.entries) == 2
    assert ours.entries[1]["location"] == "actors/x/#s" and ours.entries[1]["boost"] == 2


def test_a_page_left_out_of_search_or_another_index_is_not_added():
    page = SimpleNamespace(content="<p>x</p>", toc=[], url="", meta={"search": {"exclude": True}}, title="")
    assert not add_page(SearchIndex(), page)
    assert not add_page(SimpleNamespace(entries=[]), replace_meta(page, {}))


def replace_meta(page, meta):
    return SimpleNamespace(**{**vars(page), "meta": meta})


ARTICLES = {
    "harbour.txt": (
        "Strike at the <b>harbour</b> & docks\n\n"
        "Governor Ilse Marwick said on Monday that 250 police officers had been sent to Caldera Springs.\n\n"
        'Dock workers of the "Union" met at 10:00 < noon > dawn.\n'
    ),
    "valley.txt": (
        "Floods in the valley\n\n"
        "More than 1,000 residents of Lindqvist Bay were evacuated in May 2020, the Red Cross said.\n"
    ),
}


def test_a_site_has_the_search_index_the_search_plugin_makes(tmp_path, monkeypatch):
    """The whole site's index, built with the fast reader and by the search plugin alone, is the same."""
    indexes, read_here = [], []

    def counted(index, page):
        added = add_page(index, page)
        read_here.append(added)
        return added

    for name in ("fast", "plugin"):
        reader = counted if name == "fast" else lambda index, page: False  # the plugin reads every page
        monkeypatch.setattr(builder.plugin, "add_page", reader)
        corpus = tmp_path / name / "corpus"  # a folder of its own: its own page cache
        corpus.mkdir(parents=True)
        for file_name, text in ARTICLES.items():
            (corpus / file_name).write_text(text, encoding="utf-8")
        site = build_site(corpus, tmp_path / name / "site")
        indexes.append((site / "search" / "search_index.json").read_bytes())
    assert indexes[0] == indexes[1]
    assert read_here and all(read_here)  # every generated page was read by the fast reader
    assert b"Marwick" in indexes[0] and b"harbour" in indexes[0]
