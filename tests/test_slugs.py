from builder.values.slugs import MAX_SLUG_LENGTH, content_ids, slugify_name, unique_slugs


def test_slug_is_ascii_and_safe():
    assert slugify_name("José Pérez-Núñez") == "jose-perez-nunez"
    assert slugify_name("Ministry of the Interior / Police (MoI)") == "ministry-of-the-interior-police-moi"
    for name in ["../../etc/passwd", "a/b\\c", "..", ".", "<script>"]:
        slug = slugify_name(name)
        assert slug and "/" not in slug and "\\" not in slug and ".." not in slug and slug.isascii()


def test_slug_is_never_empty_and_stays_apart():
    assert slugify_name("") != ""
    assert slugify_name("!!!") != slugify_name("???")
    assert slugify_name("!!!") == slugify_name("!!!")


def test_slug_is_short():
    assert len(slugify_name("word " * 50)) <= MAX_SLUG_LENGTH


def test_unique_slugs_suffix_collisions_in_a_stable_order():
    items = [("b", "Ann Lee"), ("a", "ANN LEE"), ("c", "Bo")]
    slugs = unique_slugs(items)
    assert slugs == unique_slugs(list(reversed(items)))
    assert sorted(slugs.values()) == ["ann-lee", "ann-lee-2", "bo"]
    assert slugs["a"] == "ann-lee"  # "ANN LEE" sorts before "Ann Lee"


def test_unique_slugs_never_steal_a_natural_slug_or_index():
    slugs = unique_slugs([("1", "Ann Lee"), ("2", "Ann Lee"), ("3", "Ann Lee 2"), ("4", "Index")])
    assert slugs["3"] == "ann-lee-2"
    assert len(set(slugs.values())) == 4
    assert slugs["4"] != "index"


def test_unique_slugs_accepts_plain_strings():
    assert unique_slugs(["x", "X"]) == {"X": "x", "x": "x-2"}


def test_content_ids_follow_the_item_not_its_position():
    first = content_ids("e", ["doc-b\0120", "doc-c\05"])
    # An item added before the others leaves their ids as they were.
    second = content_ids("e", ["doc-a\07", "doc-b\0120", "doc-c\05"])
    assert second[1:] == first
    assert len(set(second)) == 3 and all(i.startswith("e") for i in second)
    # The same key twice (two events of one sentence) stays apart, in order.
    twice = content_ids("f", ["x", "x", "y"])
    assert twice[1] == f"{twice[0]}-2" and len(set(twice)) == 3
