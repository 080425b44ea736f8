"""The shipped lessons load and point at views and claims that exist; a broken lesson file fails
with the file, the lesson and what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.claims.record import load_specs
from desktop.core.store.lessons import LESSONS_DIR, VIEWS, LessonError, claim_ids, load_lessons

GOOD = """
[[lesson]]
id = "one"
title = "A title"
view = "decoder"
panel = "direction"
text_en = "The cat sat."
text_zh = "猫坐着。"
question = "What?"
claims = ["gpt-one-way"]
explanation = "Because."
"""


def test_every_shipped_lesson_loads_in_the_article_order() -> None:
    lessons = load_lessons()
    assert len(lessons) >= 8
    assert len({lesson.id for lesson in lessons}) == len(lessons)
    assert lessons[-1].id == "summary"  # the article ends with its summary
    assert list(LESSONS_DIR.glob("*.toml")), "the lessons ship in resources/lessons"


def test_every_lesson_names_a_view_a_panel_and_claims_that_exist() -> None:
    specs = load_specs()
    for lesson in load_lessons():
        assert lesson.view in VIEWS, lesson.id
        assert not lesson.panel or lesson.panel in VIEWS[lesson.view], lesson.id
        assert lesson.claims and all(claim in specs for claim in lesson.claims), lesson.id
        assert lesson.text_en.strip() and lesson.text_zh.strip(), lesson.id
        assert lesson.title and lesson.question and lesson.explanation, lesson.id
        assert any("\u4e00" <= ch <= "\u9fff" for ch in lesson.text_zh), f"{lesson.id}: text_zh is not Chinese"
        assert lesson.text("zh") == lesson.text_zh and lesson.text("en") == lesson.text_en


def test_the_claim_ids_are_those_the_claims_are_measured_by() -> None:
    assert claim_ids() == set(load_specs())


def test_lesson_strings_go_through_the_translations() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from build_translations import resource_strings

    strings = set(resource_strings())
    for lesson in load_lessons():
        assert {lesson.title, lesson.question, lesson.explanation} <= strings
        assert lesson.text_zh not in strings and lesson.text_en not in strings  # the texts are data


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "lessons.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_a_good_file_loads(tmp_path: Path) -> None:
    [lesson] = load_lessons(_write(tmp_path, GOOD))
    assert (lesson.id, lesson.view, lesson.panel, lesson.claims) == ("one", "decoder", "direction", ("gpt-one-way",))


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ('view = "decoder"', 'view = "gpt-tab"', "no view 'gpt-tab'"),
        ('panel = "direction"', 'panel = "masks"', "has no panel 'masks'"),
        ('claims = ["gpt-one-way"]', 'claims = ["gpt-one-way", "gpt-is-magic"]', "unknown claim ids ['gpt-is-magic']"),
        ('text_zh = "猫坐着。"', 'text_zh = "  "', "text_en and text_zh must not be blank"),
        ('question = "What?"\n', "", "question missing or empty"),
        ('claims = ["gpt-one-way"]', 'claims = "gpt-one-way"', "claims a list"),
    ],
)
def test_a_bad_lesson_fails_with_where_and_what(tmp_path: Path, old: str, new: str, said: str) -> None:
    assert old in GOOD
    with pytest.raises(LessonError) as caught:
        load_lessons(_write(tmp_path, GOOD.replace(old, new)))
    assert "lessons.toml, lesson 'one'" in str(caught.value) and said in str(caught.value)


def test_two_lessons_with_one_id_and_broken_toml_fail(tmp_path: Path) -> None:
    with pytest.raises(LessonError, match="two lessons are named 'one'"):
        load_lessons(_write(tmp_path, GOOD + GOOD))
    with pytest.raises(LessonError, match=r"lessons\.toml"):
        load_lessons(_write(tmp_path, GOOD + "[[lesson]\n"))
