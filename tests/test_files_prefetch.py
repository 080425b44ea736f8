"""`main.py prefetch` end to end on loopback: files already on disk are re-checked before they are
trusted, and Hugging Face repos are fetched at the revision the registry names (never a real hub)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import huggingface_hub
import pytest

from desktop.cli.main import run
from desktop.core.store.download import check_recorded


@pytest.fixture
def elmo_server(tiny_dir: Path) -> Iterator[str]:
    """The tiny ELMo files over HTTP (Content-Length, Last-Modified and HEAD, no ranges)."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(tiny_dir / "tiny-elmo"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    thread.join(timeout=5)


def _registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    path = tmp_path / "models.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("BGE_REGISTRY", str(path))


def test_an_elmo_file_not_in_elmo_layout_is_fetched_again(
    elmo_server: str, tiny_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    _registry(
        tmp_path,
        monkeypatch,
        f'[[model]]\nname = "e"\nfamily = "elmo"\nelmo_options = "options.json"\nelmo_weights = "lm_weights.hdf5"\n'
        f'urls = ["{elmo_server}/options.json", "{elmo_server}/lm_weights.hdf5"]\n',
    )
    folder = tmp_path / "elmo"
    folder.mkdir()
    monkeypatch.setenv("BGE_ELMO_DIR", str(folder))
    original = tiny_dir / "tiny-elmo"
    (folder / "options.json").write_bytes((original / "options.json").read_bytes())
    weights = (original / "lm_weights.hdf5").read_bytes()
    (folder / "lm_weights.hdf5").write_bytes(b"\0" * len(weights))  # the server's size, not an HDF5 file

    assert run(["prefetch", "e"]) == 0
    out = capsys.readouterr().out
    assert "downloading lm_weights.hdf5 again" in out and "e: ready in" in out
    assert (folder / "lm_weights.hdf5").read_bytes() == weights
    assert sorted(check_recorded(folder)) == [("lm_weights.hdf5", "ok"), ("options.json", "ok")]


def _fake_hub(cache: Path, seen: list[dict]) -> object:
    """snapshot_download as huggingface_hub does it for a branch: the snapshot plus refs/<branch>."""

    def snapshot_download(repo: str, revision: str, allow_patterns: list[str]) -> str:
        seen.append({"repo": repo, "revision": revision, "patterns": allow_patterns})
        folder = cache / f"models--{repo.replace('/', '--')}"
        snapshot = folder / "snapshots" / "c0ffee"
        snapshot.mkdir(parents=True)
        (snapshot / "config.json").write_text("{}")
        if revision != "c0ffee":
            (folder / "refs").mkdir()
            (folder / "refs" / revision).write_text("c0ffee")
        return str(snapshot)

    return snapshot_download


@pytest.mark.parametrize(("revision", "code"), [("main", 0), ("c0ffee", 1)])
def test_hf_repos_are_fetched_at_the_registry_revision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, revision: str, code: int
) -> None:
    _registry(
        tmp_path,
        monkeypatch,
        '[[model]]\nname = "g"\nfamily = "decoder"\nhf_repos = ["someone/g"]\n\n'
        f'[hf_revisions]\n"someone/g" = "{revision}"\n',
    )
    cache = tmp_path / "hub"
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(cache))
    seen: list[dict] = []
    monkeypatch.setattr(huggingface_hub, "snapshot_download", _fake_hub(cache, seen))
    assert run(["prefetch", "g"]) == code
    out, err = capsys.readouterr()
    assert seen[0]["revision"] == revision and "*.bin" not in seen[0]["patterns"]
    assert "(commit c0ffee)" in out
    if code:  # a commit the cache's main ref does not name: downloaded, but the program would not load it
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("error: g: someone/g at c0ffee is in the cache")
