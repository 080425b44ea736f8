"""The session keeps only what is still wanted: results of an old text, or of an older word
request, are dropped in this one place."""

from __future__ import annotations

import pytest

from desktop.core.messages import plain
from desktop.core.pipeline import run_all
from desktop.core.session import Change, Failure, RunState, Session


@pytest.fixture
def session() -> Session:
    return Session(["bert", "gpt"])


def test_a_result_for_an_old_text_is_dropped(session: Session, adapters: dict) -> None:
    seen: list[Change] = []
    session.subscribe(seen.append)
    old = session.submit("the river bank")
    new = session.submit("the bank holds money")
    assert not session.set_result("bert", old, run_all(adapters["encoder"], "the river bank"))
    assert session.models["bert"].result is None
    assert session.set_result("bert", new, run_all(adapters["encoder"], "the bank holds money"))
    assert session.models["bert"].state is RunState.DONE
    assert Change("bert", "result") in seen and Change(None, "text") in seen


def test_only_the_newest_word_request_is_kept(session: Session) -> None:
    session.submit("a text")
    first = session.ask("gpt", "slot")
    second = session.ask("gpt", "slot")
    assert not session.set_answer("gpt", "slot", first, "late")
    assert session.set_answer("gpt", "slot", second, "wanted")
    assert session.models["gpt"].answers == {"slot": "wanted"}


def test_finished_waits_for_every_model_or_its_error(session: Session, adapters: dict) -> None:
    revision = session.submit("the river bank")
    session.set_result("bert", revision, run_all(adapters["encoder"], "the river bank"))
    assert not session.answered
    session.set_load_failure("gpt", Failure(plain("missing files")))
    assert session.answered and session.runnable() == ["bert"]
    assert not session.finished, "the cross-model results do not cover bert yet"
