"""The place gazetteer and the agency-type lexicon: data checked against its source and examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.lexicon.organs import load_organs, organ_mentions, organs, type_fits, without_level
from bot.lexicon.places import from_jionlp, gazetteer, read_places, write_places


def test_places_tsv_is_what_jionlp_gives(tmp_path: Path):
    fresh = tmp_path / "places.tsv"
    write_places(fresh)
    assert read_places(fresh) == from_jionlp() == list(gazetteer().by_code.values())


def test_places_have_their_hierarchy():
    places = gazetteer()
    [linzi] = places.named("临淄区")
    assert [p.name for p in places.chain(linzi)] == ["山东省", "淄博市", "临淄区"]
    assert places.named("临淄") == (linzi,)  # its short name
    [city] = places.named("淮安市")
    assert places.named("淮安区")[0] != city and places.within(places.named("淮安区")[0], city)
    assert len(places.named("鼓楼区")) >= 3  # one name, several places


def test_a_text_names_its_places_longest_first():
    found = gazetteer().mentions("江苏省淮安市洪泽区政府")
    assert [(m.text, m.full) for m in found] == [("江苏省", True), ("淮安市", True), ("洪泽区", True)]


@pytest.mark.parametrize(("text", "named"), organs().examples)
def test_organ_examples(text: str, named: str):
    found = [without_level(m.text) for m in organ_mentions(text)]
    assert found == ([named] if named else [])


@pytest.mark.parametrize(
    ("asked", "own", "fits"),
    [
        ("交建局", "交通与建设局", True),
        ("发改委", "发展和改革委员会", True),
        ("经发局", "经济发展局", True),
        ("应急局", "应急管理局", True),
        ("安监局", "应急管理局", True),  # a former name, from the lexicon
        ("府办", "人民政府办公厅", True),
        ("政府", "人民政府", True),
        ("教育局", "应急管理局", False),
        ("公安局", "公共资源交易管理局", False),
        ("府办", "人民政府", False),
    ],
)
def test_a_type_fits_the_agencies_it_can_mean(asked: str, own: str, fits: bool):
    assert type_fits(asked, own) is fits


def test_a_broken_organs_file_is_named(tmp_path: Path):
    broken = tmp_path / "organs.toml"
    broken.write_text('suffixes = "局"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"organs\.toml"):
        load_organs(broken)


def test_words_examples_read_as_the_records_say():
    from bot.lexicon.words import word_lexicon

    words = word_lexicon()
    for family in words.paraphrase:
        for example in family.examples:
            assert family.means in words.rephrase(example), (example, family.means)
    assert words.rephrase("商业企业提了几件") == "商业企业提了几件"  # already the records' word


def test_answer_shapes_find_their_examples():
    import re

    from bot.lexicon.questions import question_lexicon

    lexicon = question_lexicon()
    for shape in lexicon.shapes:
        for question, sentence in shape.examples:
            assert lexicon.shape_of(question) is shape, question  # the first that fits is this one
            assert re.search(shape.value, sentence), (question, sentence)
