"""The session keeps only what is still wanted: results of an old text, or of an older word
request, are dropped in this one place."""

from __future__ import annotations

import pytest

from desktop.core.cross import cross_results
from desktop.core.messages import plain
from desktop.core.pipeline import run_all
from desktop.core.recent import RecentTexts, Snapshot
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


def _finish(session: Session, adapters: dict, text: str) -> int:
    """Submit ``text`` and hand in what the workers would: complete results, cross results, verdicts."""
    revision = session.submit(text)
    for name, family in (("bert", "encoder"), ("gpt", "decoder")):
        session.set_result(name, revision, run_all(adapters[family], text, claims=False))
    session.set_cross(revision, cross_results(text, {n: r.analysis for n, r in session.results().items()}))
    session.set_claims(revision, [], {"bert", "gpt"})
    assert session.finished
    return revision


def test_a_text_seen_again_is_restored_without_running(session: Session, adapters: dict) -> None:
    _finish(session, adapters, "the river bank")
    kept = {n: s.result for n, s in session.models.items()}
    _finish(session, adapters, "the bank holds money")
    seen: list[Change] = []
    session.subscribe(seen.append)
    session.submit("the river bank")
    assert session.finished and not any(session.needs_run(n) for n in session.models)
    assert all(session.models[n].result is kept[n] for n in kept)
    assert Change("bert", "result") in seen and Change(None, "claims") in seen
    session.submit("a text never seen")
    assert all(session.needs_run(n) for n in session.models) and not session.finished


def test_a_model_that_failed_is_not_restored(session: Session, adapters: dict) -> None:
    text = "the river bank"
    revision = session.submit(text)
    session.set_result("bert", revision, run_all(adapters["encoder"], text, claims=False))
    session.set_failure("gpt", revision, Failure(plain("it broke")))
    session.set_cross(revision, cross_results(text, {"bert": session.models["bert"].result.analysis}))
    session.set_claims(revision, [], {"bert"})
    session.submit("something else")
    session.submit(text)
    assert not session.needs_run("bert") and session.needs_run("gpt")


def test_recent_texts_keep_a_few_short_texts() -> None:
    recent = RecentTexts(max_texts=2, max_chars=10)
    snap = Snapshot({}, {}, {}, None, None, frozenset(), 0)
    for text in ("one", "two", "three"):
        recent.keep(text, snap)
    recent.keep("far too long a text", snap)
    assert recent.get("one") is None and recent.get("two") is snap and recent.get("three") is snap
    assert recent.get("far too long a text") is None and len(recent) == 2
