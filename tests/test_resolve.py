"""Actor resolution across articles, from hand-made extractions (no parse needed)."""

from __future__ import annotations

import dataclasses

from builder.model import (
    AliasClaim,
    ArticleExtraction,
    Document,
    Figure,
    FigureCandidate,
    Mention,
    Paragraph,
    QuoteClaim,
    RoleClaim,
    Span,
)
from builder.resolve.actors import resolve_actors
from builder.resolve.dossier import resolve_dossier
from builder.resolve.joins import ORG_FUZZY_THRESHOLD


class Article:
    """Builds one article's mentions and claims by searching the text."""

    def __init__(self, doc_id: str, text: str, date: str | None = "2024-05-02") -> None:
        self.document = Document(doc_id, f"{doc_id}.txt", doc_id, text, date, "dateline" if date else "none",
                                 (Paragraph(0, 0, len(text)),))  # fmt: skip
        self.mentions: list[Mention] = []
        self.roles: list[RoleClaim] = []
        self.aliases: list[AliasClaim] = []
        self.quotes: list[QuoteClaim] = []
        self.figures: list[FigureCandidate] = []

    def span(self, needle: str, occurrence: int = 0) -> Span:
        start = -1
        for _ in range(occurrence + 1):
            start = self.document.text.index(needle, start + 1)
        return Span(self.document.id, start, start + len(needle), needle)

    def sentence(self, span: Span) -> Span:
        text = self.document.text
        start = text.rfind(". ", 0, span.start)
        start = 0 if start < 0 else start + 2
        end = text.find(".", span.end)
        end = len(text) if end < 0 else end + 1
        return Span(self.document.id, start, end, text[start:end])

    def mention(self, needle: str, label: str, occurrence: int = 0, title: str | None = None) -> Article:
        span = self.span(needle, occurrence)
        self.mentions.append(Mention(span, label, self.sentence(span), title))
        return self

    def extraction(self) -> ArticleExtraction:
        return ArticleExtraction(self.document.id, tuple(self.mentions), roles=tuple(self.roles),
                                 aliases=tuple(self.aliases), quotes=tuple(self.quotes),
                                 figures=tuple(self.figures))  # fmt: skip


def resolve(*articles: Article):
    actors, lookup = resolve_actors([a.document for a in articles], [a.extraction() for a in articles])
    return {a.name: a for a in actors}, lookup


def test_surname_joins_the_one_full_name_and_titles_become_roles():
    one = Article("one", "Minister Rosa Lindqvist spoke. Later Lindqvist left Oslo.")
    one.mention("Rosa Lindqvist", "person", title="Minister").mention("Lindqvist", "person", 1)
    one.mention("Oslo", "place")
    one.roles.append(RoleClaim("Rosa Lindqvist", "Minister", None, "Norway", one.sentence(one.span("Rosa"))))
    actors, lookup = resolve(one)
    rosa = actors["Rosa Lindqvist"]
    assert rosa.aliases == ("Lindqvist",) and rosa.country == "Norway"
    assert [(r.title, r.as_of) for r in rosa.roles] == [("Minister", "2024-05-02")]
    assert lookup["lindqvist"] == rosa.id == "rosa-lindqvist"
    assert actors["Oslo"].kind == "place" and actors["Oslo"].country == "Norway"


def test_two_people_sharing_a_surname_keep_their_own_mentions():
    one = Article("one", "Anna Berg met the press. Berg said little.")
    one.mention("Anna Berg", "person").mention("Berg", "person", 1)
    two = Article("two", "Erik Berg arrived. Berg smiled.")
    two.mention("Erik Berg", "person").mention("Berg", "person", 1)
    actors, _ = resolve(one, two)
    assert {m.span.doc for m in actors["Anna Berg"].mentions} == {"one"}
    assert {m.span.doc for m in actors["Erik Berg"].mentions} == {"two"}
    assert "Berg" not in actors


def test_acronym_and_paraphrase_join_one_organisation():
    one = Article("one", "The Joint Staff of the Norwegian Armed Forces (JSNAF) met.")
    one.mention("Joint Staff of the Norwegian Armed Forces", "organisation").mention("JSNAF", "organisation")
    one.aliases.append(
        AliasClaim("Joint Staff of the Norwegian Armed Forces", "JSNAF", one.sentence(one.span("JSNAF")))
    )
    two = Article("two", "The Joint Staff of the Armed Forces of Norway spoke.")
    two.mention("Joint Staff of the Armed Forces of Norway", "organisation")
    actors, _ = resolve(one, two)
    (org,) = [a for a in actors.values() if a.kind == "organisation"]
    assert set(org.aliases) | {org.name} == {
        "Joint Staff of the Norwegian Armed Forces", "JSNAF", "Joint Staff of the Armed Forces of Norway"
    }  # fmt: skip
    assert org.subkind == "military" and org.country == "Norway"


def test_distinct_bodies_sharing_words_stay_apart():
    one = Article("one", "The National Police and the National Police of Norway met the National Assembly.")
    one.mention("National Police", "organisation").mention("National Police of Norway", "organisation")
    one.mention("National Assembly", "organisation")
    actors, _ = resolve(one)
    assert {"National Police", "National Police of Norway", "National Assembly"} <= set(actors)
    assert ORG_FUZZY_THRESHOLD >= 85


def test_label_is_decided_corpus_wide_and_lone_words_are_doubtful():
    one = Article("one", "Bergen Harbour Authority met in Trondheim. Trondheim was calm. Kjell waved.")
    one.mention("Trondheim", "person").mention("Trondheim", "place", 1).mention("Kjell", "person")
    two = Article("two", "Trondheim braced for the storm.")
    two.mention("Trondheim", "place")
    actors, _ = resolve(one, two)
    assert actors["Trondheim"].kind == "place"
    assert "Kjell" not in actors  # one word, no title, joins nobody


def test_quotes_and_handles_join_their_speaker():
    one = Article("one", '"We will rebuild," Solberg said. Signed — Ola Solberg (@olasolberg) May 2, 2024')
    one.mention("Solberg", "person").mention("Ola Solberg", "person")
    one.quotes.append(QuoteClaim("Solberg", "We will rebuild,", one.span("We will rebuild,")))
    one.aliases.append(AliasClaim("Ola Solberg", "@olasolberg", one.span("Ola Solberg"), country="Norway"))
    actors, _ = resolve(one)
    ola = actors["Ola Solberg"]
    assert [q.text for q in ola.quotes] == ["We will rebuild,"]
    assert "@olasolberg" in ola.aliases and ola.country == "Norway"


def test_armed_group_label_gives_the_subkind():
    one = Article("one", "The Black Fox cartel attacked. The Black Fox fled.")
    one.mention("Black Fox", "armed group").mention("Black Fox", "place", 1)
    actors, _ = resolve(one)
    assert actors["Black Fox"].kind == "organisation" and actors["Black Fox"].subkind == "armed group"


def test_organisation_kind_comes_from_general_cues():
    text = (
        "The Zorvian Liberation Army, the Coast Guard, the Ministry of Justice, the Westport Gazette, "
        "the Red Crescent, the Supreme Electoral Tribunal and the Tax Authority met."
    )
    one = Article("one", text)
    expected = {
        "Zorvian Liberation Army": "armed group",
        "Coast Guard": "military",
        "Ministry of Justice": "government",
        "Westport Gazette": "media",
        "Red Crescent": "international",
        "Supreme Electoral Tribunal": "judiciary",
        "Tax Authority": "government",
    }
    for name in expected:
        one.mention(name, "organisation")
    actors, _ = resolve(one)
    assert {name: actors[name].subkind for name in expected} == expected


def test_a_place_the_sentence_names_is_not_a_persons_country():
    one = Article(
        "one",
        "Colonel Ana Lund, who trained in Morocco, leads the brigade. Floods hit Norway. "
        "Norway asked for help.",
    )
    one.mention("Ana Lund", "person", title="Colonel").mention("Morocco", "place")
    one.mention("Norway", "place").mention("Norway", "place", 1)
    actors, _ = resolve(one)
    # Neither where she trained nor the country the article is about says whose she is: blank.
    assert actors["Ana Lund"].country is None


def test_country_words_next_to_a_name_say_whose_it_is():
    one = Article(
        "one",
        "Sweden's interior minister Eva Holm met Amara Diallo, a Senegalese diplomat, in Norway. "
        "Norway hosted the talks. Norway thanked them.",
    )
    one.mention("Eva Holm", "person", title="interior minister").mention("Amara Diallo", "person")
    for n in range(3):
        one.mention("Norway", "place", n)
    actors, _ = resolve(one)
    assert actors["Eva Holm"].country == "Sweden"
    assert actors["Amara Diallo"].country == "Senegal"


def test_a_continent_in_a_list_takes_no_country_from_the_name_after_it():
    one = Article("one", "The group has branches in Mongolia, Europe, Bolivia, and North America.")
    for name in ("Mongolia", "Europe", "Bolivia", "North America"):
        one.mention(name, "place")
    actors, _ = resolve(one)
    assert actors["Europe"].country is None


def test_a_demonym_inside_a_quotation_is_not_its_speakers():
    one = Article("one", "``The visit went on with the help of Swedish officials,'' Eva Holm said.")
    one.mention("Eva Holm", "person")
    actors, _ = resolve(one)
    assert actors["Eva Holm"].country is None


def test_a_demonym_past_a_preposition_or_a_participle_is_not_the_persons():
    one = Article(
        "one",
        "Swedish spies inside Eva Holm's home were caught. Danish police watching Amara Diallo left. "
        "Norwegian exiles Ole Dahl and Kari Lie spoke. Norway hosted the talks.",
    )
    for name in ("Eva Holm", "Amara Diallo", "Ole Dahl", "Kari Lie"):
        one.mention(name, "person")
    one.mention("Norway", "place")
    actors, _ = resolve(one)
    # What the spies and the police are says nothing of the person past "inside" or "watching".
    assert actors["Eva Holm"].country is None
    assert actors["Amara Diallo"].country is None
    # A demonym on a noun in apposition still is.
    assert actors["Ole Dahl"].country == "Norway"


def test_a_place_in_another_clause_is_not_an_organisations_country():
    one = Article("one", "Minister Eva Holm, who studied in Morocco, said the Tax Unit had been deployed.")
    one.mention("Eva Holm", "person", title="Minister").mention("Morocco", "place")
    one.mention("Tax Unit", "organisation")
    actors, _ = resolve(one)
    assert actors["Tax Unit"].country is None


def test_a_demonym_in_an_organisation_name_is_its_country_and_not_its_neighbours():
    one = Article(
        "one",
        "Minister Eva Holm spoke in Oslo. The Norwegian Red Cross opened shelters. Help came from Finland.",
    )
    one.mention("Eva Holm", "person", title="Minister").mention("Oslo", "place")
    one.mention("Norwegian Red Cross", "organisation").mention("Finland", "place")
    actors, _ = resolve(one)
    red_cross = actors["Norwegian Red Cross"]
    assert red_cross.country == "Norway"
    assert red_cross.country_evidence.text == "The Norwegian Red Cross opened shelters."
    assert actors["Eva Holm"].country is None  # the article's places say nothing of her


def test_a_place_inside_a_long_organisation_name_is_found_past_a_shorter_name_nested_in_it():
    from builder.resolve.countries import _inside_organisations

    art = Article("n", "The Council of Elders of the Free Port of Vellmar met in Dunmarrow.")
    art.mention("Council of Elders of the Free Port of Vellmar", "organisation")
    art.mention("Elders", "organisation")  # starts later, ends before the place
    art.mention("Vellmar", "place").mention("Dunmarrow", "place")
    inside = _inside_organisations(art.mentions)
    assert [inside(m) for m in art.mentions] == [False, False, True, False]


def _casualty_figures() -> Article:
    """An article with a total and a part of it: "40 people were killed, including 12 children"."""
    art = Article("toll", "In Port Evel 40 people were killed, including 12 children, on Monday.")
    sentence = art.sentence(art.span("40 people"))
    total = FigureCandidate(40, "exact", "killed", "people", "2024-05-02", "Port Evel", sentence)
    part = FigureCandidate(12, "exact", "killed", "children", "2024-05-02", "Port Evel", sentence,
                           part_of_total=True)  # fmt: skip
    art.figures += [total, part]
    return art


def test_a_figure_that_is_part_of_a_total_stays_one_through_resolution():
    art = _casualty_figures()
    dossier = resolve_dossier([art.document], [art.extraction()])
    assert [(f.value, f.part_of_total) for f in dossier.figures] == [(40, False), (12, True)]


def test_every_field_of_a_figure_candidate_reaches_the_resolved_figure():
    art = Article("crowd", "Hundreds of police officers were deployed in Port Evel.")
    # Every field away from its default, so that a field resolution drops would show.
    source = art.sentence(art.span("Hundreds"))
    candidate = FigureCandidate(100, "more_than", "police", "police officers", "2024-05-01", "Port Evel",
                                source, vague=True, part_of_total=True, value_max=200, date_source="article",
                                counted_head="officer")  # fmt: skip
    art.figures.append(candidate)
    (figure,) = resolve_dossier([art.document], [art.extraction()]).figures
    names = [f.name for f in dataclasses.fields(FigureCandidate)]
    assert [f.name for f in dataclasses.fields(Figure)] == ["id", *names, "sources"]
    assert figure.sources == (source,)
    assert {n: getattr(figure, n) for n in names} == {n: getattr(candidate, n) for n in names}
    assert all(getattr(candidate, f.name) != f.default for f in dataclasses.fields(FigureCandidate))


def test_a_persons_home_in_an_apposition_gives_the_country():
    one = Article(
        "one",
        "Jonas Berg, 44, of Bergen, Norway, was arrested. Marco Rossi, a native of Italy, spoke. "
        "Jane Doe, 52, of Springfield, Ill., was charged in the United States. "
        "Anna Weiss, of Amnesty International, was there.",
    )
    for name in ("Jonas Berg", "Marco Rossi", "Jane Doe", "Anna Weiss"):
        one.mention(name, "person")
    one.mention("United States", "place").mention("Amnesty International", "organisation")
    actors, _ = resolve(one)
    assert actors["Jonas Berg"].country == "Norway"
    assert actors["Marco Rossi"].country == "Italy"
    # a state as wire copy abbreviates it, once the text names its country
    assert actors["Jane Doe"].country == "United States"
    assert actors["Jane Doe"].country_evidence.text.startswith("Jane Doe, 52, of Springfield")
    assert actors["Anna Weiss"].country is None  # of a body, not of a place


def test_a_home_in_a_clause_on_the_name_and_a_hyphenated_american_give_the_country():
    one = Article(
        "one",
        "The warrant concerns the shooting of Jonas Berg, who survived the attack at his home in Bergen, "
        "Norway. Ana Ruiz, a Cuban-American political scientist, spoke. "
        "Police said Omar Said was shot at his home in Oslo.",
    )
    for name in ("Jonas Berg", "Ana Ruiz", "Omar Said"):
        one.mention(name, "person")
    actors, _ = resolve(one)
    assert actors["Jonas Berg"].country == "Norway"
    assert actors["Ana Ruiz"].country == "United States"  # an American of Cuban origin
    assert actors["Omar Said"].country is None  # neither the sentence's subject nor a clause on him


def test_his_native_country_counts_only_for_the_person_the_sentence_opens_with():
    one = Article(
        "one",
        "Ali Hassan, 30, later returned to his native Egypt. "
        "Police said Omar Said had fled to his native Sudan. "
        "Karim Nour met Samir Adel in his native Libya.",
    )
    for name in ("Ali Hassan", "Omar Said", "Karim Nour", "Samir Adel"):
        one.mention(name, "person")
    actors, _ = resolve(one)
    assert actors["Ali Hassan"].country == "Egypt"
    assert actors["Omar Said"].country is None  # not the sentence's first name: whose "his"?
    assert actors["Karim Nour"].country is None  # another name stands between
    assert actors["Samir Adel"].country is None


def test_born_in_a_country_counts_for_the_person_the_sentence_opens_with():
    one = Article(
        "one", "Eva Horten, 33, was born in Norway in 1984. Police said Ole Dahl was born in Sweden."
    )
    one.mention("Eva Horten", "person").mention("Ole Dahl", "person")
    actors, _ = resolve(one)
    assert actors["Eva Horten"].country == "Norway"
    assert actors["Ole Dahl"].country is None  # not the sentence's first name


def test_a_town_the_text_writes_as_one_is_no_lone_surname():
    one = Article(
        "one",
        "Ole Dahl said in his hometown of Horten that he waits. Horten awaits him. "
        "He works in Horten, Norway. Eva Horten, 33, was born in Norway. Dahl left.",
    )
    one.mention("Ole Dahl", "person").mention("Horten", "place").mention("Horten", "place", 1)
    one.mention("Horten", "place", 2).mention("Eva Horten", "person").mention("Norway", "place", 0)
    one.mention("Dahl", "organisation", 1)
    actors, _ = resolve(one)
    # the town of a named country, written "the hometown of Horten" and "Horten, Norway": a place
    assert actors["Horten"].kind == "place" and actors["Horten"].country == "Norway"
    assert [m.span.text for m in actors["Eva Horten"].mentions] == ["Eva Horten"]
    # a lone surname of one person that the text never writes as a town is still the person
    assert "Dahl" in actors["Ole Dahl"].aliases


def test_a_surname_that_is_a_town_only_in_a_country_the_corpus_never_names_is_the_persons():
    one = Article(
        "one", "Justice Ana Santos wrote. Tomas Santos agreed. The request to Santos failed in Oslo."
    )
    one.mention("Ana Santos", "person", title="Justice").mention("Tomas Santos", "person")
    one.mention("Santos", "place").mention("Oslo", "place")
    two = Article("two", "Floods hit Brazil. Santos was dry.")
    two.mention("Brazil", "place").mention("Santos", "place")
    actors, _ = resolve(one, two)
    assert "Santos" in actors and actors["Santos"].kind == "place"  # Brazil is named: the Brazilian city
    three = Article("three", "Justice Ana Santos wrote. Tomas Santos agreed. The request to Santos failed.")
    three.mention("Ana Santos", "person", title="Justice").mention("Tomas Santos", "person")
    three.mention("Santos", "place")
    actors, _ = resolve(three)
    # no text names Brazil: not the Brazilian city, the surname of the article's people
    assert "Santos" not in actors
    assert not any(a.kind == "place" for a in actors.values())


def test_a_region_written_after_a_town_gives_its_country_over_the_gazetteers_guess():
    one = Article(
        "one",
        "A clinic was bombed in Birmingham, Ala., in 1998. Fulton, Mo., held a ceremony. "
        "Talks in Paris, Berlin and Rome went on. Kenya, Tanzania and Uganda met.",
    )
    for name in ("Birmingham", "Fulton", "Paris", "Berlin", "Kenya", "Tanzania"):
        one.mention(name, "place")
    actors, _ = resolve(one)
    assert actors["Birmingham"].country == "United States"  # not the English city
    assert actors["Birmingham"].country_evidence.text.startswith("A clinic was bombed")
    assert actors["Fulton"].country == "United States"  # a town the gazetteer does not know
    # a list of cities or countries is no town and its region
    assert actors["Paris"].country == "France"
    assert actors["Kenya"].country == "Kenya"


def test_a_name_one_article_writes_as_a_thing_made_and_none_as_an_actor_is_no_actor_anywhere():
    one = Article("one", "Orchard unveiled the new Lynx laptops. Orchard said so.")
    one.mention("Orchard", "organisation").mention("Orchard", "organisation", 1)
    two = Article("two", "Fans went back to the Lynx. Skyfleet bought Lynx laptops. Orchard grew in Lynx.")
    two.mention("Lynx", "organisation").mention("Skyfleet", "organisation").mention("Orchard", "organisation")
    two.mention("Lynx", "place", 2)  # the tagger's place: no town the gazetteer knows
    three = Article(
        "three", "Skyfleet launched the new Skyfleet Jet. Skyfleet said it flies. Oslo laptops sold."
    )
    three.mention("Skyfleet", "organisation", 2).mention("Oslo", "place")
    x1, x2, x3 = (a.extraction() for a in (one, two, three))
    x1 = dataclasses.replace(x1, things_named=("lynx",), actors_named=("orchard",))
    x3 = dataclasses.replace(x3, things_named=("skyfleet", "oslo"), actors_named=("skyfleet",))
    actors, _ = resolve_actors([a.document for a in (one, two, three)], [x1, x2, x3])
    found = {a.name for a in actors}
    assert "Lynx" not in found  # "back to the Lynx" in article two is the laptop of article one
    assert {"Orchard", "Skyfleet"} <= found  # an actor somewhere stays one everywhere
    assert "Oslo" in found  # a town on the map stays one


def test_a_name_spelt_one_letter_apart_is_one_person_unless_a_third_is_as_close_or_they_meet():
    one = Article("one", "Trade Minister Joseph Kimotho spoke. Rita Lindqvist met Rita Lindquist.")
    one.mention("Joseph Kimotho", "person", title="Trade Minister")
    one.mention("Rita Lindqvist", "person").mention("Rita Lindquist", "person")
    two = Article("two", "Joseph Kamotho left. Mario Gonzalez and his sister came. Maria Gonzalez spoke.")
    two.mention("Joseph Kamotho", "person").mention("Mario Gonzalez", "person").mention(
        "Maria Gonzalez", "person"
    )
    three = Article("three", "Ana Berglund, Ana Berglunt and Ana Berglumd were named. Elena Pryce won.")
    for name in ("Ana Berglund", "Ana Berglunt", "Ana Berglumd", "Elena Pryce"):
        three.mention(name, "person")
    four = Article("four", "Helena Pryce lost. Dr. Barnet Holm spoke. Dr. Barnett Holm left.")
    four.mention("Helena Pryce", "person").mention("Barnet Holm", "person").mention("Barnett Holm", "person")
    actors, _ = resolve(one, two, three, four)
    kimotho = actors["Joseph Kimotho"] if "Joseph Kimotho" in actors else actors["Joseph Kamotho"]
    assert {kimotho.name, *kimotho.aliases} == {"Joseph Kimotho", "Joseph Kamotho"}
    assert ("Joseph Kamotho", "spelling") in kimotho.also_written or ("Joseph Kimotho", "spelling") in (
        kimotho.also_written
    )
    assert {"Rita Lindqvist", "Rita Lindquist"} <= set(actors)  # one sentence names both
    assert {"Mario Gonzalez", "Maria Gonzalez"} <= set(actors)  # a brother and a sister
    assert {"Elena Pryce", "Helena Pryce"} <= set(actors)  # two given names, each a name of its own
    assert "Barnet Holm" not in actors or "Barnett Holm" not in actors  # a letter doubled: one name
    assert {"Ana Berglund", "Ana Berglunt", "Ana Berglumd"} <= set(actors)  # which is which?


def test_a_title_stated_without_its_organisation_joins_the_one_stated_with_one():
    one = Article("one", "ORC commissioner Ana Ruiz spoke. Later Ana Ruiz, the commissioner, left.")
    one.mention("Ana Ruiz", "person", title="ORC commissioner").mention("Ana Ruiz", "person", 1)
    for occurrence, organisation in ((0, "ORC"), (1, None)):
        span = one.span("Ana Ruiz", occurrence)
        one.roles.append(RoleClaim("Ana Ruiz", "ORC commissioner", organisation, None, one.sentence(span)))
    actors, _ = resolve(one)
    assert [(r.title, r.organisation, len(r.sources)) for r in actors["Ana Ruiz"].roles] == [
        ("ORC commissioner", "ORC", 2)
    ]


def test_where_a_body_is_based_gives_its_country_and_its_officers():
    one = Article(
        "one",
        "Skyjet said so. Skyjet grew. A deal between Aeroflot and Oslo-based Skyjet was signed. "
        "Ana Ruiz, president of Tourworld International, spoke. "
        "Tourworld International, a tour operator in Bergen, Norway, closed. "
        "Fjordline, headquartered in Oslo, agreed.",
    )
    one.mention("Fjordline", "organisation")
    one.mention("Skyjet", "organisation").mention("Skyjet", "organisation", 1).mention(
        "Skyjet", "organisation", 2
    )
    one.mention("Aeroflot", "organisation").mention("Ana Ruiz", "person")
    one.mention("Tourworld International", "organisation").mention(
        "Tourworld International", "organisation", 1
    )
    one.roles.append(
        RoleClaim(
            "Ana Ruiz",
            "president of Tourworld International",
            "Tourworld International",
            None,
            one.sentence(one.span("Ana Ruiz")),
        )
    )
    actors, _ = resolve(one)
    assert actors["Skyjet"].country == "Norway"
    assert actors["Skyjet"].country_evidence.text.startswith("A deal between")
    assert actors["Aeroflot"].country is None  # the other party to the deal
    assert actors["Tourworld International"].country == "Norway"
    assert actors["Ana Ruiz"].country == "Norway"  # what she leads
    assert actors["Fjordline"].country == "Norway"


def test_a_body_named_after_its_town_or_state_is_of_that_country_and_so_is_its_staff():
    from builder.resolve.countries import home_in_name

    assert home_in_name("University of Bergen", frozenset({"Norway"})) == "Norway"
    assert home_in_name("Oslo Police Service", frozenset()) == "Norway"  # a large city
    assert home_in_name("Kansas Board of Regents", frozenset()) == "United States"  # a state
    # a town a person's name spells, a province's common word, a treaty signed in a town
    assert home_in_name("George Berg University", frozenset()) is None
    assert home_in_name("Coast Guard", frozenset({"Kenya"})) is None
    assert home_in_name("Warsaw Pact", frozenset()) is None
    # a province whose name a town of another country bears: which one is not written
    assert home_in_name("Savings Bank of Somerset", frozenset({"United Kingdom", "United States"})) is None
    one = Article("one", "Ana Ruiz, a professor at the University of Bergen, spoke. Norway agreed.")
    one.mention("Ana Ruiz", "person").mention("University of Bergen", "organisation").mention(
        "Norway", "place"
    )
    sentence = one.sentence(one.span("Ana Ruiz"))
    one.roles.append(
        RoleClaim("Ana Ruiz", "professor at the University of Bergen", "University of Bergen", None, sentence)
    )
    actors, _ = resolve(one)
    assert actors["University of Bergen"].country == "Norway"
    assert actors["Ana Ruiz"].country == "Norway"


def test_a_local_occupation_in_a_town_gives_its_country_and_a_posting_does_not():
    one = Article(
        "one",
        "Ana Ruiz, a gynecologist in Bergen, was shot. Tomas Berg, an aid worker in Bergen, helped. "
        "Omar Said, the ambassador in Bergen, left. Norway mourned.",
    )
    one.mention("Ana Ruiz", "person").mention("Tomas Berg", "person").mention("Omar Said", "person")
    one.mention("Norway", "place")
    for name, title in (("Ana Ruiz", "gynecologist in Bergen"), ("Tomas Berg", "aid worker in Bergen"),
                        ("Omar Said", "ambassador in Bergen")):  # fmt: skip
        one.roles.append(RoleClaim(name, title, None, None, one.sentence(one.span(name))))
    actors, _ = resolve(one)
    assert actors["Ana Ruiz"].country == "Norway"
    assert actors["Ana Ruiz"].country_evidence.text.startswith("Ana Ruiz, a gynecologist")
    assert actors["Tomas Berg"].country is None  # sent from elsewhere
    assert actors["Omar Said"].country is None  # a posting


def test_a_persons_name_written_once_that_starts_with_a_busy_organisations_name_is_its():
    one = Article(
        "one",
        "Skyfleet said so. Skyfleet grew. Skyfleet lost. The deal went to Skyfleet Morgan. "
        "Lazaro Ruiz spoke. Lazaro Ruiz left.",
    )
    for n in range(3):
        one.mention("Skyfleet", "organisation", n)
    one.mention("Skyfleet Morgan", "person").mention("Lazaro Ruiz", "person").mention(
        "Lazaro Ruiz", "person", 1
    )
    two = Article("two", "Lazaro said. Lazaro left. Lazaro won.")
    for n in range(3):
        two.mention("Lazaro", "organisation", n)
    actors, _ = resolve(one, two)
    assert "Skyfleet Morgan" in actors["Skyfleet"].aliases
    assert actors["Lazaro Ruiz"].kind == "person"  # named twice: the tagger is sure of him


def test_a_states_abbreviation_is_no_short_form_of_a_company_named_like_it():
    one = Article("one", "Ana Ruiz, of Portville, Vt. She left. Later VT Group said so. VT Group grew.")
    one.mention("Vt", "place").mention("VT Group", "organisation").mention("VT Group", "organisation", 1)
    actors, _ = resolve(one)
    # shown by the state's name, its dot taken by the full stop
    assert actors["Vermont"].kind == "place" and actors["Vermont"].aliases == ("Vt",)
    assert actors["VT Group"].kind == "organisation"


def test_a_nickname_and_the_given_name_are_one_person_unless_a_third_name_shares_the_surname():
    one = Article("one", "Senator Charles Ortega spoke. Later Chuck Ortega said more. Ortega left.")
    one.mention("Charles Ortega", "person").mention("Chuck Ortega", "person").mention("Ortega", "person")
    two = Article(
        "two",
        "Bill Lindqvist met William Lindqvist. Anna Sorensen and Ann Sorensen came, with Rita Sorensen.",
    )
    for name in ("Bill Lindqvist", "William Lindqvist", "Anna Sorensen", "Ann Sorensen", "Rita Sorensen"):
        two.mention(name, "person")
    three = Article("three", "Thomas K. Brandt spoke. Later Tom Brandt said more.")
    three.mention("Thomas K. Brandt", "person").mention("Tom Brandt", "person")
    actors, _ = resolve(one, two, three)
    # a middle initial written or not does not keep a nickname apart
    (brandt,) = [a for a in actors.values() if "Brandt" in a.name]
    assert {brandt.name, *brandt.aliases} == {"Thomas K. Brandt", "Tom Brandt"}
    (ortega,) = [a for a in actors.values() if "Ortega" in a.name]
    assert {ortega.name, *ortega.aliases} == {"Charles Ortega", "Chuck Ortega", "Ortega"}
    assert any(why == "nickname" for _, why in ortega.also_written)
    assert "Bill Lindqvist" in actors  # one sentence names both: two people
    assert "William Lindqvist" in actors
    assert "Ann Sorensen" in actors and "Anna Sorensen" in actors  # a third given name: who is who?


def test_a_lone_word_no_person_is_named_by_and_also_tagged_an_organisation_is_one():
    one = Article("one", "Skyfleet said fares rise. Skyfleet chief Ana Ruiz agreed. Skyfleet hired Ruiz.")
    one.mention("Skyfleet", "organisation").mention("Skyfleet", "person", 1).mention("Skyfleet", "person", 2)
    one.mention("Ana Ruiz", "person", title="chief").mention("Ruiz", "person")
    # a surname of the corpus stays a person whatever the tagger said once
    two = Article("two", "Rosa Lindqvist spoke. Lindqvist left. Lindqvist agreed. Lindqvist Group sued.")
    two.mention("Rosa Lindqvist", "person").mention("Lindqvist", "person", 1)
    two.mention("Lindqvist", "person", 2).mention("Lindqvist", "organisation", 3)
    actors, _ = resolve(one, two)
    assert actors["Skyfleet"].kind == "organisation"
    assert "Lindqvist" in actors["Rosa Lindqvist"].aliases


def test_a_first_name_joined_in_its_article_stays_joined_when_the_surname_joins_later():
    one = Article("one", 'Fire Chief Tom Reilly spoke. Residents call him "Chief Tom". Reilly left.')
    one.mention("Tom Reilly", "person", title="Fire Chief").mention("Tom", "person", 1, title="Chief")
    one.mention("Reilly", "person")
    actors, _ = resolve(one)
    assert set(actors) == {"Tom Reilly"}
    assert set(actors["Tom Reilly"].aliases) == {"Tom", "Reilly"}


def test_an_unknown_place_that_starts_an_organisations_name_is_its_short_form():
    one = Article(
        "one", "Skyjet delivers jets to Skyways. Skyways Airlines thanked Skyjet. Oslo Airport closed."
    )
    one.mention("Skyways", "place").mention("Skyways Airlines", "organisation").mention(
        "Skyjet", "organisation"
    )
    one.mention("Oslo", "place").mention("Oslo Airport", "organisation")
    actors, _ = resolve(one)
    assert actors["Skyways Airlines"].kind == "organisation"
    assert "Skyways" in actors["Skyways Airlines"].aliases
    assert actors["Oslo"].kind == "place"  # a place the gazetteer knows stays one


def _counted_corpus(articles: int) -> list[ArticleExtraction]:
    """Articles that each report counts, some repeating another article's count (merged across sources)."""
    extractions = []
    for n in range(articles):
        text = f"Police said {n % 7 + 10} people were killed and {n % 5 + 100} officers were sent."
        killed, sent = Span(f"a{n}", 12, 27, text[12:27]), Span(f"a{n}", 48, 60, text[48:60])
        date = f"2024-05-{n % 9 + 1:02d}"
        figures = (
            FigureCandidate(
                n % 7 + 10, "exact", "killed", "people", date, None, killed, counted_head="people"
            ),
            FigureCandidate(
                n % 5 + 100, "exact", "police", "officers", date, None, sent, counted_head="officer"
            ),
        )
        extractions.append(ArticleExtraction(f"a{n}", figures=figures))
    return extractions


def test_figures_resolved_in_a_forked_child_are_those_resolved_here(monkeypatch):
    import builder.resolve.dossier as dossier_module
    from builder.forked import ForkedCall, fork_is_safe

    extractions = _counted_corpus(60)
    documents = [Article(x.doc_id, "text").document for x in extractions]
    here = resolve_dossier(documents, extractions)
    calls = []

    class Recorded(ForkedCall):
        def __init__(self, function):
            calls.append(function)
            super().__init__(function)

    monkeypatch.setattr(dossier_module, "ForkedCall", Recorded)
    monkeypatch.setattr(dossier_module, "FIGURES_BESIDE_FROM", 100)
    beside = resolve_dossier(documents, extractions)
    assert len(calls) == (1 if fork_is_safe() else 0)
    assert beside == here
    assert len(here.figures) < 120  # reports of one count in several articles were merged
    monkeypatch.setattr(dossier_module, "FIGURES_BESIDE_FROM", 121)  # 120 candidates: not worth a fork
    assert resolve_dossier(documents, extractions) == here
    assert len(calls) == (1 if fork_is_safe() else 0)


def test_figures_are_resolved_here_when_the_forked_child_dies(monkeypatch, tmp_path):
    import os

    import builder.resolve.dossier as dossier_module
    from builder.forked import fork_is_safe

    extractions = _counted_corpus(60)
    documents = [Article(x.doc_id, "text").document for x in extractions]
    here = resolve_dossier(documents, extractions)
    parent = os.getpid()
    resolve_figures = dossier_module.resolve_figures

    def dies_in_the_child(extractions):
        if os.getpid() != parent:
            (tmp_path / "the child died").touch()
            os._exit(9)
        return resolve_figures(extractions)

    monkeypatch.setattr(dossier_module, "resolve_figures", dies_in_the_child)
    monkeypatch.setattr(dossier_module, "FIGURES_BESIDE_FROM", 100)
    assert resolve_dossier(documents, extractions) == here
    assert (tmp_path / "the child died").exists() == fork_is_safe()


def test_a_legislators_party_and_state_say_the_united_states():
    one = Article(
        "one", "A gift from Rep. Ana Lund, R-Fla., arrived. Sen. Eva Holm (D-NY) and Jon Amsel, 44, spoke."
    )
    one.mention("Ana Lund", "person").mention("Eva Holm", "person").mention("Jon Amsel", "person")
    actors, _ = resolve(one)
    assert actors["Ana Lund"].country == actors["Eva Holm"].country == "United States"
    assert "Ana Lund, R-Fla." in actors["Ana Lund"].country_evidence.text
    assert actors["Jon Amsel"].country is None


def test_a_spokesman_or_a_campaign_manager_is_of_the_country_of_the_person_served():
    one = Article(
        "one",
        "Ruritanian President Ana Ruiz flew home. Tomas Berg, Ruiz's campaign manager, spoke. "
        "Lena Holm, a lawyer for Ruiz, spoke too.",
    )
    one.mention("Ana Ruiz", "person", title="Ruritanian President").mention("Ruiz", "person", 1)
    one.mention("Tomas Berg", "person").mention("Lena Holm", "person")
    sentence = one.sentence(one.span("Tomas Berg"))
    one.roles.append(
        RoleClaim("Ana Ruiz", "President", None, "Ruritania", one.sentence(one.span("Ana Ruiz")))
    )
    one.roles.append(
        RoleClaim("Tomas Berg", "Ruiz's campaign manager", None, None, sentence, principal="Ruiz")
    )
    one.roles.append(RoleClaim("Lena Holm", "lawyer", None, None, one.sentence(one.span("Lena Holm"))))
    actors, _ = resolve(one)
    assert actors["Ana Ruiz"].country == "Ruritania"
    assert actors["Tomas Berg"].country == "Ruritania"
    assert actors["Tomas Berg"].country_evidence == sentence
    assert actors["Lena Holm"].country is None  # no one the lawyer serves is written as served


def test_a_surname_a_town_shares_joins_its_person_in_the_article_another_writes_the_town():
    one = Article("one", "Superintendent Pedro Toledo urged calm. Toledo said patrols would grow.")
    one.mention("Pedro Toledo", "person", title="Superintendent").mention("Toledo", "person", 1)
    two = Article("two", "Jim Ortega, chief executive of Toledo, Ohio-based Meridian, spoke.")
    two.mention("Jim Ortega", "person").mention("Toledo", "place").mention("Ohio", "place")
    two.mention("Meridian", "organisation")
    actors, _ = resolve(one, two)
    assert actors["Pedro Toledo"].aliases == ("Toledo",)
    assert [m.span.doc for m in actors["Pedro Toledo"].mentions] == ["one", "one"]
    assert actors["Toledo"].kind == "place" and actors["Toledo"].country == "United States"


def test_a_region_another_article_names_is_no_short_form_of_an_organisation():
    one = Article("one", "The official Valdor Basin News Agency said the talks had ended.")
    one.mention("Valdor Basin News Agency", "organisation")
    two = Article("two", "Peace in the Valdor Basin is far off.")
    two.mention("Valdor Basin", "place")
    actors, _ = resolve(one, two)
    assert actors["Valdor Basin"].kind == "place"


def test_a_surname_names_the_person_of_its_own_years():
    old = Article("old", "President Ruiz spoke.", date="1990-08-15")
    old.mention("Ruiz", "person", title="President")
    mid = Article("mid", "Ruiz left.", date="1999-03-01")
    mid.mention("Ruiz", "person")
    new = Article("new", "Governor Tomas Ruiz spoke. Ruiz left.", date="2000-01-05")
    new.mention("Tomas Ruiz", "person", title="Governor").mention("Ruiz", "person", 1)
    actors, _ = resolve(old, mid, new)
    assert {m.span.doc for m in actors["Tomas Ruiz"].mentions} == {"new", "mid"}  # within two years
    assert not any(r.title == "President" for r in actors["Tomas Ruiz"].roles)  # ten years before


def test_a_body_whose_name_names_two_countries_is_of_neither():
    one = Article("one", "The Alliance for the Union of Norway and Sweden met. The Norway Red Cross helped.")
    one.mention("Alliance for the Union of Norway and Sweden", "organisation")
    one.mention("Norway Red Cross", "organisation")
    actors, _ = resolve(one)
    assert actors["Alliance for the Union of Norway and Sweden"].country is None
    assert actors["Norway Red Cross"].country == "Norway"


def test_a_local_trade_from_a_village_no_gazetteer_knows_is_of_the_articles_country():
    one = Article(
        "one",
        'Floods hit Norway. Oslo and Bergen flooded. "The water took the barn," said Ola Dahl, a rice farmer '
        "from Vindrum. Per Holm, a tourist from Vindrum, left. Ana Lund, of Vindrum, wept.",
    )
    for place in ("Norway", "Oslo", "Bergen", "Vindrum"):
        one.mention(place, "place")
    one.mention("Ola Dahl", "person").mention("Per Holm", "person").mention("Ana Lund", "person")
    two = Article("two", "Ivo Brandt, a farmer from Vindrum, spoke. Sweden and Norway talked.")
    two.mention("Ivo Brandt", "person").mention("Vindrum", "place")
    two.mention("Sweden", "place").mention("Norway", "place")
    actors, _ = resolve(one, two)
    assert actors["Ola Dahl"].country == "Norway"
    assert actors["Ola Dahl"].country_evidence.text.startswith('"The water took the barn,"')
    assert actors["Per Holm"].country is None  # a tourist comes from elsewhere
    assert actors["Ana Lund"].country is None  # a bare "of" is as often a body's
    assert actors["Ivo Brandt"].country is None  # an article about two countries
