"""One actor per entity: name variants joined with evidence, and only with evidence (invented texts)."""

from __future__ import annotations

from builder.model import RoleClaim
from builder.values.countries import gazetteer
from builder.values.names import fold
from builder.values.organisations import legal_basename, signature
from tests.test_resolve import Article, resolve

# --- the data: country spellings, demonyms, legal forms ----------------------


def test_country_codes_abbreviations_and_names_are_one_country():
    spellings = ["US", "U.S.", "U.S", "the U.S.", "USA", "United States", "the United States of America"]
    assert {gazetteer().country(s) for s in spellings} == {"United States"}
    assert {gazetteer().country(s) for s in ["UK", "U.K.", "Britain", "Great Britain"]} == {"United Kingdom"}
    assert gazetteer().country("DRC") == gazetteer().country("Democratic Republic of Congo")


def test_loose_country_patterns_do_not_make_countries_of_other_names():
    # an airline's name, a capital city, a bank, a mountain range's first word, a bare word
    for name in ["Emirates", "Kinshasa", "Bank of Taiwan", "Air Britain", "Sierra", "us"]:
        assert gazetteer().country(name) is None, name
    assert gazetteer().place_country("Kinshasa") == "Democratic Republic of the Congo"


def test_demonyms_the_packages_record_one_way_are_found_and_ambiguous_ones_are_not():
    assert gazetteer().demonym("Philippine") == "Philippines"
    assert gazetteer().demonym("Saudi") == "Saudi Arabia"
    assert gazetteer().demonym("Comorian") == "Comoros"
    assert gazetteer().demonym("Korean") is None  # North or South
    assert gazetteer().demonym("African") is None  # a continent's, and a word of a country's name


def test_abbreviation_dots_and_legal_forms_do_not_make_another_name():
    assert fold("U.N.") == fold("UN") == "un"
    assert fold("Harry S. Truman") == "harry s. truman"  # an initial is not an abbreviation
    assert legal_basename("Brightfield Inc.") == legal_basename("Brightfield Inc.,") == "Brightfield"
    assert legal_basename("Brightfield Corps") == "Brightfield Corps"  # not a legal form
    assert legal_basename("U.S.") == "U.S."
    assert (
        signature("U.S. Coast Guard") == signature("United States Coast Guard") == signature("US Coast Guard")
    )


# --- the joins ---------------------------------------------------------------


def test_a_country_in_any_spelling_is_one_place_saying_why():
    one = Article("one", "US officials met. The U.S. envoy left. The United States said no.")
    one.mention("US", "place").mention("U.S.", "place").mention("United States", "place")
    actors, _ = resolve(one)
    us = actors["United States"]
    assert us.kind == "place" and set(us.aliases) == {"US", "U.S."}
    assert dict(us.also_written) == {"US": "the same country", "U.S.": "the same country"}


def test_a_place_misspelt_in_its_own_article_joins_it_saying_why():
    one = Article("one", "Poland and Hungary joined. Hunragy signed. Hugnary left. Portugal voted.")
    one.mention("Poland", "place").mention("Hungary", "place").mention("Hunragy", "organisation")
    one.mention("Hugnary", "organisation").mention("Portugal", "place")
    other = Article("other", "Portugul ended the talks.")
    other.mention("Portugul", "organisation")  # the place it misses is in another article
    actors, _ = resolve(one, other)
    hungary = actors["Hungary"]
    assert set(hungary.aliases) == {"Hunragy", "Hugnary"}
    assert dict(hungary.also_written) == {"Hunragy": "spelling", "Hugnary": "spelling"}
    assert actors["Portugul"].kind == "organisation"


def test_a_company_with_and_without_its_legal_form_is_one():
    one = Article("one", "Brightfield Inc. sued. Brightfield said it would appeal.")
    one.mention("Brightfield Inc.", "organisation").mention("Brightfield", "organisation", 1)
    actors, _ = resolve(one)
    (company,) = [a for a in actors.values() if a.kind == "organisation"]
    assert {company.name, *company.aliases} == {"Brightfield Inc.", "Brightfield"}
    assert ("Brightfield", "legal form") in company.also_written


def test_a_legal_form_makes_a_company_of_a_name_the_tagger_called_a_place():
    one = Article("one", "Brightfield Inc doubled its profit.")
    one.mention("Brightfield Inc", "place")
    actors, _ = resolve(one)
    assert actors["Brightfield Inc"].kind == "organisation"


def test_a_bare_body_joins_the_one_countrys_body_of_the_corpus():
    one = Article("one", "The US Coast Guard searched. Later the Coast Guard found them.")
    one.mention("US Coast Guard", "organisation").mention("Coast Guard", "organisation", 1)
    actors, _ = resolve(one)
    assert "Coast Guard" in actors["US Coast Guard"].aliases


def test_an_acronym_two_long_names_spell_joins_the_one_its_article_writes():
    one = Article("one", "The Valdorian Harbour Authority met. The VHA said ships would wait.")
    one.mention("Valdorian Harbour Authority", "organisation").mention("VHA", "organisation")
    two = Article("two", "The Vell Health Agency opened a clinic.")
    two.mention("Vell Health Agency", "organisation")
    actors, _ = resolve(one, two)
    assert "VHA" in actors["Valdorian Harbour Authority"].aliases
    assert "VHA" not in actors["Vell Health Agency"].aliases


def test_a_bare_body_stays_apart_when_two_countries_bodies_are_named():
    one = Article("one", "The US Coast Guard and the Norwegian Coast Guard searched. The Coast Guard left.")
    one.mention("US Coast Guard", "organisation").mention("Norwegian Coast Guard", "organisation")
    one.mention("Coast Guard", "organisation", 2)
    actors, _ = resolve(one)
    assert "Coast Guard" in actors and "Coast Guard" not in actors["US Coast Guard"].aliases


def test_a_short_form_joins_the_longer_name_its_articles_use_it_for():
    one = Article("one", "Brightfield Computer opened a shop. Brightfield said sales rose.")
    one.mention("Brightfield Computer", "organisation").mention("Brightfield", "organisation", 1)
    two = Article("two", "Brightfield cut prices.")
    two.mention("Brightfield", "organisation")
    actors, _ = resolve(one, two)
    # the name the articles use most names the actor
    assert "Brightfield Computer" in actors["Brightfield"].aliases


def test_a_short_form_joins_a_companys_name_whose_legal_form_makes_its_head_word_the_names():
    one = Article("one", "Skyways Group Inc. sold the unit. Skyways, a merchant bank, said it gained.")
    one.mention("Skyways Group Inc.", "organisation").mention("Skyways", "organisation", 1)
    two = Article("two", "The Lynx Foundation gave a grant. Lynx said the school would open.")
    two.mention("Lynx Foundation", "organisation").mention("Lynx", "organisation", 1)
    actors, _ = resolve(one, two)
    assert "Skyways" in actors["Skyways Group Inc."].aliases
    assert "Lynx" in actors and "Lynx" not in actors["Lynx Foundation"].aliases  # a body of its own


def test_a_short_form_used_for_two_longer_names_joins_neither():
    one = Article("one", "Brightfield Computer opened a shop. Brightfield said sales rose.")
    one.mention("Brightfield Computer", "organisation").mention("Brightfield", "organisation", 1)
    two = Article("two", "Brightfield Records signed a band. Brightfield said it was pleased.")
    two.mention("Brightfield Records", "organisation").mention("Brightfield", "organisation", 1)
    actors, _ = resolve(one, two)
    assert {"Brightfield", "Brightfield Computer", "Brightfield Records"} <= set(actors)


def test_a_short_form_joins_the_longer_name_it_stands_beside_three_times_as_often():
    articles = []
    for n in range(3):
        one = Article(f"c{n}", "Brightfield Computer opened a shop. Brightfield said sales rose.")
        one.mention("Brightfield Computer", "organisation").mention("Brightfield", "organisation", 1)
        articles.append(one)
    box = Article("box", "Brightfield Box went on sale. Brightfield said it was pleased.")
    box.mention("Brightfield Box", "organisation").mention("Brightfield", "organisation", 1)
    actors, _ = resolve(*articles, box)
    assert "Brightfield Computer" in actors["Brightfield"].aliases
    assert "Brightfield Box" in actors  # the other longer name stays apart


def test_a_sub_body_is_not_its_parent():
    one = Article("one", "The Harbour Union Council met. The Harbour Union said nothing.")
    one.mention("Harbour Union Council", "organisation").mention("Harbour Union", "organisation", 1)
    actors, _ = resolve(one)
    assert {"Harbour Union Council", "Harbour Union"} <= set(actors)


# --- roles and countries from evidence ---------------------------------------


def _claim(article: Article, name: str, title: str, country: str | None = None, organisation=None):
    span = article.span(name)
    return RoleClaim(name, title, organisation, country, article.sentence(span))


def test_one_role_row_per_title_with_its_first_and_last_date_and_every_source():
    articles = []
    for n, date in enumerate(["2024-05-01", "2024-05-09", "2024-05-03"]):
        art = Article(f"a{n}", "Chief Executive Ana Lund spoke.", date=date)
        art.mention("Ana Lund", "person", title="Chief Executive")
        art.roles.append(_claim(art, "Ana Lund", "Chief Executive" if n else "chief executive"))
        articles.append(art)
    actors, _ = resolve(*articles)
    (role,) = actors["Ana Lund"].roles
    assert (role.as_of, role.until) == ("2024-05-01", "2024-05-09")
    assert {s.doc for s in role.sources} == {"a0", "a1", "a2"} and role.source.doc == "a0"


def test_a_persons_country_comes_with_the_sentence_that_states_it():
    one = Article("one", "The Senegalese envoy Amara Diallo arrived. Diallo met Norway's king.")
    one.mention("Amara Diallo", "person").mention("Diallo", "person", 1).mention("Norway", "place")
    actors, _ = resolve(one)
    amara = actors["Amara Diallo"]
    assert amara.country == "Senegal"
    assert amara.country_evidence.text == "The Senegalese envoy Amara Diallo arrived."


def test_the_organisation_led_gives_its_country_with_the_roles_sentence():
    one = Article("one", "Ana Lund, head of the Norwegian Tax Agency, spoke in Sweden.")
    one.mention("Ana Lund", "person").mention("Norwegian Tax Agency", "organisation").mention(
        "Sweden", "place"
    )
    one.roles.append(
        _claim(one, "Ana Lund", "head of the Norwegian Tax Agency", organisation="Norwegian Tax Agency")
    )
    actors, _ = resolve(one)
    assert actors["Norwegian Tax Agency"].country == "Norway"
    assert actors["Ana Lund"].country == "Norway"
    assert actors["Ana Lund"].country_evidence.text.startswith("Ana Lund, head of")


def test_a_country_named_nearby_is_no_evidence_for_a_person_or_a_body():
    one = Article("one", "Ana Lund flew home. Sweden and Sweden again. The Tax Unit met in Sweden.")
    one.mention("Ana Lund", "person", title="Minister").mention("Sweden", "place").mention(
        "Sweden", "place", 1
    )
    one.mention("Tax Unit", "organisation").mention("Sweden", "place", 2)
    actors, _ = resolve(one)
    assert actors["Ana Lund"].country is None and actors["Tax Unit"].country is None


def test_companies_and_parties_are_kinds_of_organisation():
    one = Article("one", "Brightfield Inc. and Nordlys Airways met the Harbour Party and the Lund firm.")
    for name in ("Brightfield Inc.", "Nordlys Airways", "Harbour Party", "Lund"):
        one.mention(name, "organisation")
    actors, _ = resolve(one)
    kinds = {name: actors[name].subkind for name in ("Brightfield Inc.", "Nordlys Airways", "Harbour Party")}
    assert kinds == {"Brightfield Inc.": "company", "Nordlys Airways": "company", "Harbour Party": "party"}


def test_a_bare_body_joins_the_one_countrys_body_of_its_own_article():
    one = Article("one", "The US Coast Guard searched. Later the Coast Guard found them.")
    one.mention("US Coast Guard", "organisation").mention("Coast Guard", "organisation", 1)
    two = Article("two", "The Norwegian Coast Guard searched.")
    two.mention("Norwegian Coast Guard", "organisation")
    actors, _ = resolve(one, two)
    assert {m.span.doc for m in actors["US Coast Guard"].mentions} == {"one"}
    assert len(actors["US Coast Guard"].mentions) == 2 and "Coast Guard" not in actors


def test_a_companys_president_takes_no_country_from_the_article():
    one = Article("one", "Jon Amsel, president of Nordlys Travel Inc., spoke. Sweden, Sweden and Sweden.")
    one.mention("Jon Amsel", "person").mention("Nordlys Travel Inc.", "organisation")
    for n in range(3):
        one.mention("Sweden", "place", n)
    one.roles.append(
        _claim(one, "Jon Amsel", "president of Nordlys Travel Inc.", organisation="Nordlys Travel Inc.")
    )
    two = Article("two", "Congress President Ana Lund spoke. Sweden, Sweden and Sweden.")
    two.mention("Ana Lund", "person", title="Congress President")
    for n in range(3):
        two.mention("Sweden", "place", n)
    two.roles.append(_claim(two, "Ana Lund", "Congress President"))
    actors, _ = resolve(one, two)
    assert actors["Jon Amsel"].country is None
    assert actors["Ana Lund"].country == "Sweden"  # a state institution's office: the article's country


def test_a_middle_name_and_its_initial_are_one_person_unless_two_middles_disagree():
    one = Article(
        "one", "James C. Ortega was named. James Charles Ortega fled. James Ortega hid. Ortega ran."
    )
    for name in ("James C. Ortega", "James Charles Ortega", "James Ortega", "Ortega"):
        one.mention(name, "person")
    two = Article("two", "Ana M. Ruiz won. Ana T. Ruiz lost. Ana Ruiz spoke.")
    for name in ("Ana M. Ruiz", "Ana T. Ruiz", "Ana Ruiz"):
        two.mention(name, "person")
    actors, _ = resolve(one, two)
    (ortega,) = [a for a in actors.values() if "Ortega" in a.name]
    assert {ortega.name, *ortega.aliases} == {
        "James C. Ortega",
        "James Charles Ortega",
        "James Ortega",
        "Ortega",
    }
    assert {"Ana M. Ruiz", "Ana T. Ruiz"} <= set(actors)  # which one "Ana Ruiz" is, the text does not say


def test_a_states_wire_abbreviation_is_the_state():
    one = Article("one", "She lives in Miami Beach, Fla. Florida voted. The United States watched.")
    one.mention("Fla.", "place").mention("Florida", "place").mention("United States", "place")
    actors, _ = resolve(one)
    assert "Fla." in actors["Florida"].aliases
    assert actors["Florida"].country == "United States"
    # its dot taken by the sentence's full stop: "of St. Albans, Vt. He said"
    other = Article("other", "He lives in St. Albans, Vt. Vermont voted.")
    other.mention("Vt", "place").mention("Vermont", "place")
    actors, _ = resolve(other)
    assert set(actors) == {"Vermont"} and dict(actors["Vermont"].also_written) == {"Vt": "abbreviation"}


def test_a_place_named_by_its_wire_abbreviation_alone_is_shown_by_its_name():
    one = Article("one", "KANSAS CITY, Mo. (AP) - Voters in Mo. went to the polls.")
    one.mention("Mo.", "place").mention("Mo.", "place", occurrence=1)
    actors, _ = resolve(one)
    assert set(actors) == {"Missouri"} and actors["Missouri"].aliases == ("Mo.",)


def test_a_datelines_capitals_name_an_actor_only_where_nothing_else_is_written():
    one = Article("one", "JOHANNESBURG (AP) - Calm returned. MANILA - Rain fell.")
    one.mention("JOHANNESBURG", "place").mention("MANILA", "place")
    two = Article("two", "MANILA - Storms. MANILA - Floods. Manila was flooded. NATO met.")
    two.mention("MANILA", "place").mention("MANILA", "place", occurrence=1).mention("Manila", "place")
    two.mention("NATO", "organisation")
    three = Article("three", "By JOHN SMITH. John Smith wrote this.")
    three.mention("JOHN SMITH", "person").mention("John Smith", "person")
    actors, _ = resolve(one, two, three)
    assert {"Johannesburg", "Manila", "NATO", "John Smith"} <= set(actors)
    assert not {"JOHANNESBURG", "MANILA", "JOHN SMITH"} & set(actors)


def test_a_name_written_with_hyphens_or_spaces_is_one_name():
    one = Article("one", "Flights to Dar-es-Salaam resumed. Dar es Salaam is calm.")
    one.mention("Dar-es-Salaam", "place").mention("Dar es Salaam", "place")
    actors, _ = resolve(one)
    assert len(actors) == 1


def test_the_actor_page_says_why_a_name_joined():
    from builder.resolve.joins import join_reason

    assert join_reason("Brightfield", "Brightfield Computer") == "long form"
    assert join_reason("Brightfield Computer", "Brightfield") == "short form"
    assert join_reason("Brightfield Inc.", "Brightfield") == "legal form"
    assert join_reason("Charles Ortega", "Chuck Ortega", "person") == "nickname"
    assert join_reason("Charles K. Ortega", "Chuck Ortega", "person") == "nickname"
    assert join_reason("Charles Ortega", "Chuck", "person") == "nickname"
    assert join_reason("Ana Ruiz", "Ruiz", "person") == "short name"
    assert join_reason("Joseph Kimotho", "Joseph Kamotho", "person") == "spelling"


def test_the_actor_page_names_a_middle_name_and_a_states_abbreviation_as_such():
    from builder.resolve.joins import join_reason

    assert join_reason("James Charles Ortega", "James C. Ortega", "person") == "middle name"
    assert join_reason("Florida", "Fla.", "place") == "abbreviation"


def test_an_office_takes_the_articles_country_only_where_most_of_its_places_are_that_countrys():
    one = Article("one", "President Ivo Brandt met President Lund. Sweden, Sweden, Norway and Denmark.")
    one.mention("Ivo Brandt", "person", title="President")
    one.mention("Sweden", "place").mention("Sweden", "place", 1)
    one.mention("Norway", "place").mention("Denmark", "place")
    one.roles.append(_claim(one, "Ivo Brandt", "President"))
    two = Article("two", "Mayor Ana Lund spoke. Sweden, Sweden and Norway.")
    two.mention("Ana Lund", "person", title="Mayor")
    for country in ["Sweden", "Norway"]:
        two.mention(country, "place")
    two.mention("Sweden", "place", 1)
    two.roles.append(_claim(two, "Ana Lund", "Mayor"))
    actors, _ = resolve(one, two)
    assert actors["Ivo Brandt"].country is None  # Sweden has two of four places: not most
    assert actors["Ana Lund"].country == "Sweden"  # two of three


def test_a_country_written_before_the_same_title_for_someone_else_is_not_the_holders():
    one = Article("one", "In a telegram to Swedish President Ivo Brandt, President Ana Lund wept.")
    one.mention("Ivo Brandt", "person", title="President").mention("Ana Lund", "person", title="President")
    one.roles.append(_claim(one, "Ana Lund", "President"))
    actors, _ = resolve(one)
    assert actors["Ana Lund"].country is None


def test_a_company_officers_title_takes_no_country_from_the_article():
    one = Article(
        "one",
        "Jon Amsel, president and CEO of Nordlys Airplanes, spoke. Eva Holm, Brightfield Inc.'s vice "
        "president for engineering, left. Ana Lund, head of the Presidential Guard, fled. Per Berg, Vice "
        "President of the company, quit. Sweden, Sweden.",
    )
    one.mention("Per Berg", "person")
    one.roles.append(_claim(one, "Per Berg", "Vice President of the company"))
    one.mention("Jon Amsel", "person").mention("Nordlys Airplanes", "organisation")
    one.mention("Eva Holm", "person").mention("Brightfield Inc.", "organisation")
    one.mention("Ana Lund", "person").mention("Presidential Guard", "organisation")
    one.mention("Sweden", "place").mention("Sweden", "place", 1)
    one.roles += [
        _claim(one, "Jon Amsel", "president and CEO of Nordlys Airplanes", organisation="Nordlys Airplanes"),
        _claim(one, "Eva Holm", "Brightfield Inc.'s vice president for engineering"),
        _claim(one, "Ana Lund", "head of the Presidential Guard", organisation="Presidential Guard"),
    ]
    actors, _ = resolve(one)
    assert actors["Jon Amsel"].country is None and actors["Eva Holm"].country is None
    assert actors["Per Berg"].country is None
    assert actors["Ana Lund"].country == "Sweden"  # a body of no known kind: its head's office is a state's


def test_a_trade_noun_before_a_name_makes_a_company():
    one = Article(
        "one", "The aircraft manufacturer Skyfleet won. The retailer Brightmart lost. The Lund Group met."
    )
    for name in ("Skyfleet", "Brightmart", "Lund Group"):
        one.mention(name, "organisation")
    actors, _ = resolve(one)
    assert actors["Skyfleet"].subkind == actors["Brightmart"].subkind == "company"
    assert actors["Lund Group"].subkind == "other"


def test_a_given_name_alone_the_tagger_called_a_body_is_the_persons_of_its_article():
    one = Article(
        "one",
        "Manuel and Tiago came in 1984. Tiago said no. Tiago Ruiz, the great-uncle, agreed. Tiago Ruiz left.",
    )
    one.mention("Tiago", "organisation").mention("Tiago", "organisation", 1)
    one.mention("Tiago Ruiz", "person").mention("Tiago Ruiz", "person", 1)
    two = Article("two", "Skyfleet won. Skyfleet grew. Skyfleet Martin said so.")
    two.mention("Skyfleet", "organisation").mention("Skyfleet", "organisation", 1)
    two.mention("Skyfleet Martin", "person")
    actors, _ = resolve(one, two)
    assert "Tiago" not in actors and len(actors["Tiago Ruiz"].mentions) == 4
    assert actors["Skyfleet"].kind == "organisation"  # the given name of no one the corpus is sure of


def test_a_body_s_name_that_ends_in_a_known_person_s_full_name_is_that_person():
    one = Article(
        "one",
        "Ambassador Ana Ruiz spoke. The ambassador to Valdoria Ana Ruiz was hurt. Ana Ruiz left. "
        "Lund Airways Per Berg spoke.",
    )
    one.mention("Ana Ruiz", "person", title="Ambassador").mention("Valdoria Ana Ruiz", "organisation")
    one.mention("Ana Ruiz", "person", 2).mention("Lund Airways Per Berg", "organisation")
    actors, _ = resolve(one)
    assert "Valdoria Ana Ruiz" not in actors and len(actors["Ana Ruiz"].mentions) == 3
    assert "Lund Airways Per Berg" in actors  # no person the corpus is sure of is called Per Berg


def test_a_body_s_name_run_on_from_a_word_before_and_is_the_body_the_corpus_names_alone():
    one = Article(
        "one",
        "The Tax Agency met. A letter went to Lund and Tax Agency officials. "
        "Farmers and Merchants Bank grew.",
    )
    one.mention("Tax Agency", "organisation").mention("Lund and Tax Agency", "organisation")
    one.mention("Farmers and Merchants Bank", "organisation")
    actors, _ = resolve(one)
    assert "Lund and Tax Agency" not in actors and len(actors["Tax Agency"].mentions) == 2
    assert "Farmers and Merchants Bank" in actors  # "Merchants Bank" is no body of the corpus


def test_given_names_alone_join_the_full_name_of_their_own_article_only():
    one = Article("one", "Juan Carlos Ruiz landed. Juan Carlos spoke to reporters.")
    one.mention("Juan Carlos Ruiz", "person").mention("Juan Carlos", "person")
    two = Article("two", "Juan Carlos waved from the car.")
    two.mention("Juan Carlos", "person")
    actors, _ = resolve(one, two)
    assert {m.span.doc for m in actors["Juan Carlos Ruiz"].mentions} == {"one"}
    assert len(actors["Juan Carlos Ruiz"].mentions) == 2
    assert [m.span.doc for m in actors["Juan Carlos"].mentions] == ["two"]  # no full name beside it


def test_prosecutors_and_the_air_force_hold_offices_of_the_articles_country():
    one = Article(
        "one",
        "Deputy Attorney General Ivo Brandt spoke. Judge Ana Lund ruled. Secretary of the Air Force Per "
        "Berg left. Attorney Eva Holm appealed. Sweden, Sweden.",
    )
    for name, title in [
        ("Ivo Brandt", "Deputy Attorney General"),
        ("Ana Lund", "Judge"),
        ("Per Berg", "Secretary of the Air Force"),
        ("Eva Holm", "Attorney"),
    ]:
        one.mention(name, "person", title=title)
        one.roles.append(_claim(one, name, title))
    one.mention("Sweden", "place").mention("Sweden", "place", 1)
    actors, _ = resolve(one)
    assert [actors[n].country for n in ("Ivo Brandt", "Per Berg")] == ["Sweden"] * 2
    assert actors["Eva Holm"].country is None  # a lawyer holds no office of the state
    assert actors["Ana Lund"].country is None  # a judge may rule on another country's case


def test_a_body_said_to_be_the_one_in_a_country_is_of_that_country():
    one = Article("one", "Ana Lund spoke for Force Nordique, the main aircraft union in France, on Monday.")
    one.mention("Ana Lund", "person").mention("Force Nordique", "organisation").mention("France", "place")
    one.roles.append(_claim(one, "Ana Lund", "spokeswoman for Force Nordique", organisation="Force Nordique"))
    actors, _ = resolve(one)
    assert actors["Force Nordique"].country == "France"
    assert actors["Ana Lund"].country == "France"


def test_an_office_written_with_its_country_elsewhere_in_the_article_is_that_countrys():
    one = Article(
        "one",
        "The envoy met Norway's trade minister to finish talks. Later, Trade Minister Ivo Brandt and "
        "others ended a news conference. Sweden, Sweden and Sweden.",
    )
    one.mention("Ivo Brandt", "person", title="Trade Minister")
    one.roles.append(_claim(one, "Ivo Brandt", "Trade Minister"))
    for n in range(3):
        one.mention("Sweden", "place", n)
    two = Article(
        "two",
        "Norway's interior minister and Sweden's interior minister met. Interior Minister Ana Lund spoke.",
    )
    two.mention("Ana Lund", "person", title="Interior Minister")
    two.roles.append(_claim(two, "Ana Lund", "Interior Minister"))
    actors, _ = resolve(one, two)
    assert actors["Ivo Brandt"].country == "Norway"  # not the country the article is mostly about
    assert actors["Ivo Brandt"].country_evidence.text.startswith("The envoy met Norway's trade minister")
    assert actors["Ana Lund"].country is None  # two countries' interior ministers: which one?
