"""The project's own download code against an HTTP server on loopback (never a real hub)."""

from __future__ import annotations

import hashlib
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.store.download import SUMS_FILE, DownloadError, check_recorded, download, verify_recorded

PAYLOAD = bytes(range(256)) * 4096 * 3  # 3 MiB
MIB = 1 << 20
ETAG = '"v1"'


class _RangeHandler(http.server.BaseHTTPRequestHandler):
    """Serves PAYLOAD at /file with an ETag, honouring "Range: bytes=N-" and If-Range.

    Class attributes steer it: ``cut_at`` sends only that many body bytes after announcing them
    all; ``ignore_range`` answers every request with the whole file; ``range_offset`` shifts the
    start of a 206 away from the one asked for. It counts the body bytes it sent and keeps the
    headers of each GET.
    """

    sent = 0
    cut_at: int | None = None
    ignore_range = False
    range_offset = 0
    requests: list[dict[str, str]] = []  # noqa: RUF012 (reset by the fixture)

    def do_HEAD(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(PAYLOAD)))
        self.send_header("ETag", ETAG)
        self.end_headers()

    def do_GET(self) -> None:
        if self.path != "/file":
            self.send_error(404)
            return
        type(self).requests.append(dict(self.headers))
        start = self._start()
        if start >= len(PAYLOAD):
            self.send_response(416)
            self.send_header("Content-Range", f"bytes */{len(PAYLOAD)}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = PAYLOAD[start:]
        self.send_response(206 if start else 200)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", ETAG)
        if start:
            self.send_header("Content-Range", f"bytes {start}-{len(PAYLOAD) - 1}/{len(PAYLOAD)}")
        self.end_headers()
        body = body if self.cut_at is None else body[: self.cut_at]
        type(self).sent += len(body)  # before writing: the client may check it as soon as it has read
        self.wfile.write(body)

    def _start(self) -> int:
        rng = self.headers.get("Range")
        if not rng or self.ignore_range:
            return 0
        if_range = self.headers.get("If-Range")
        if if_range is not None and if_range != ETAG:  # the file changed: send it whole
            return 0
        return int(rng.removeprefix("bytes=").rstrip("-")) + self.range_offset

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _RangeHandler)
    _RangeHandler.sent, _RangeHandler.requests = 0, []
    _RangeHandler.cut_at, _RangeHandler.ignore_range, _RangeHandler.range_offset = None, False, 0
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    thread.join(timeout=5)


def _part(tmp_path: Path, data: bytes, validator: str | None) -> None:
    """What an interrupted run leaves: the bytes so far and the ETag they belong to."""
    (tmp_path / "w.hdf5.part").write_bytes(data)
    if validator is not None:
        (tmp_path / "w.hdf5.part.validator").write_text(validator, encoding="utf-8")


def test_download_verifies_and_records_the_checksum(server: str, tmp_path: Path) -> None:
    expected = hashlib.sha256(PAYLOAD).hexdigest()
    seen = []
    path = download(f"{server}/file", tmp_path / "w.hdf5", expected, lambda n, d, t: seen.append((d, t)))
    assert path.read_bytes() == PAYLOAD
    assert seen[-1] == (len(PAYLOAD), len(PAYLOAD))
    assert (tmp_path / SUMS_FILE).read_text() == f"{expected}  w.hdf5\n"
    assert verify_recorded(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [SUMS_FILE, "w.hdf5"], "no .part or validator left"
    path.write_bytes(b"damaged")
    assert verify_recorded(tmp_path) == ["w.hdf5"]


def test_a_truncated_body_is_refused_then_resumed_with_if_range(server: str, tmp_path: Path) -> None:
    """The server promises 3 MiB and sends 1 MiB: not finished, nothing recorded; the next run resumes."""
    _RangeHandler.cut_at = MIB
    with pytest.raises(DownloadError, match=f"ended at {MIB} of {len(PAYLOAD)} bytes"):
        download(f"{server}/file", tmp_path / "w.hdf5")
    assert not (tmp_path / "w.hdf5").exists() and not (tmp_path / SUMS_FILE).exists()
    assert (tmp_path / "w.hdf5.part").stat().st_size == MIB
    _RangeHandler.cut_at, _RangeHandler.sent = None, 0
    download(f"{server}/file", tmp_path / "w.hdf5")
    assert _RangeHandler.requests[-1]["Range"] == f"bytes={MIB}-"
    assert _RangeHandler.requests[-1]["If-Range"] == ETAG
    assert _RangeHandler.sent == len(PAYLOAD) - MIB, "only the missing part travelled"
    assert (tmp_path / "w.hdf5").read_bytes() == PAYLOAD
    assert check_recorded(tmp_path) == [("w.hdf5", "ok")]


def test_a_file_changed_on_the_server_restarts_from_zero(server: str, tmp_path: Path) -> None:
    _part(tmp_path, b"old version " * 1000, '"v0"')
    download(f"{server}/file", tmp_path / "w.hdf5")
    assert _RangeHandler.requests[-1]["If-Range"] == '"v0"'
    assert (tmp_path / "w.hdf5").read_bytes() == PAYLOAD


def test_a_200_answer_to_a_range_request_restarts_cleanly(server: str, tmp_path: Path) -> None:
    _RangeHandler.ignore_range = True
    _part(tmp_path, b"x" * 1000, ETAG)
    download(f"{server}/file", tmp_path / "w.hdf5")
    assert "Range" in _RangeHandler.requests[-1]
    assert (tmp_path / "w.hdf5").read_bytes() == PAYLOAD, "the whole body replaced the .part, not appended"


def test_a_206_from_another_offset_restarts(server: str, tmp_path: Path) -> None:
    _RangeHandler.range_offset = 7
    _part(tmp_path, PAYLOAD[:MIB], ETAG)
    download(f"{server}/file", tmp_path / "w.hdf5")
    assert "Range" not in _RangeHandler.requests[-1], "the second request starts from zero"
    assert (tmp_path / "w.hdf5").read_bytes() == PAYLOAD


def test_a_part_file_without_validator_is_not_resumed(server: str, tmp_path: Path) -> None:
    _part(tmp_path, b"from who knows where", None)
    download(f"{server}/file", tmp_path / "w.hdf5")
    assert [r.get("Range") for r in _RangeHandler.requests] == [None]
    assert (tmp_path / "w.hdf5").read_bytes() == PAYLOAD


def test_a_complete_part_file_answered_416_is_finished(server: str, tmp_path: Path) -> None:
    _part(tmp_path, PAYLOAD, ETAG)
    download(f"{server}/file", tmp_path / "w.hdf5", hashlib.sha256(PAYLOAD).hexdigest())
    assert _RangeHandler.sent == 0 and (tmp_path / "w.hdf5").read_bytes() == PAYLOAD


def test_an_existing_truncated_file_without_checksum_is_fetched_again(server: str, tmp_path: Path) -> None:
    (tmp_path / "w.hdf5").write_bytes(PAYLOAD[:MIB])
    download(f"{server}/file", tmp_path / "w.hdf5")
    assert (tmp_path / "w.hdf5").read_bytes() == PAYLOAD


def test_an_existing_file_damaged_since_recorded_is_fetched_again(server: str, tmp_path: Path) -> None:
    download(f"{server}/file", tmp_path / "w.hdf5")
    damaged = bytearray(PAYLOAD)
    damaged[5] ^= 1  # same size: only the recorded checksum tells
    (tmp_path / "w.hdf5").write_bytes(bytes(damaged))
    download(f"{server}/file", tmp_path / "w.hdf5")
    assert (tmp_path / "w.hdf5").read_bytes() == PAYLOAD
    assert len(_RangeHandler.requests) == 2


def test_an_existing_whole_file_is_kept_without_fetching(server: str, tmp_path: Path) -> None:
    (tmp_path / "w.hdf5").write_bytes(PAYLOAD)
    download(f"{server}/file", tmp_path / "w.hdf5")
    assert _RangeHandler.requests == [], "only a HEAD request to compare the size"
    assert check_recorded(tmp_path) == [("w.hdf5", "ok")], "its checksum is recorded from now on"


def test_the_sums_file_is_replaced_not_rewritten_in_place(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = f"{'a' * 64}  other.hdf5\n"
    (tmp_path / SUMS_FILE).write_text(before)
    real_replace = os.replace

    def full_disk(src: str | Path, dst: str | Path) -> None:
        if Path(dst).name == SUMS_FILE:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError, match="No space"):
        download(f"{server}/file", tmp_path / "w.hdf5")
    assert (tmp_path / SUMS_FILE).read_text() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")], "the temporary file is removed"
    monkeypatch.undo()
    download(f"{server}/file", tmp_path / "w.hdf5")
    assert [n for n, _ in check_recorded(tmp_path)] == ["other.hdf5", "w.hdf5"]


def test_check_recorded_says_ok_damaged_or_missing(tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"a")
    (tmp_path / "b").write_bytes(b"b")
    digest = hashlib.sha256(b"a").hexdigest()
    (tmp_path / SUMS_FILE).write_text(f"{digest}  a\n{digest}  b\n{digest}  c\n")
    assert check_recorded(tmp_path) == [("a", "ok"), ("b", "damaged"), ("c", "missing")]


def test_wrong_checksum_is_refused_and_the_partial_file_removed(server: str, tmp_path: Path) -> None:
    with pytest.raises(DownloadError, match="does not match"):
        download(f"{server}/file", tmp_path / "w.hdf5", "0" * 64)
    assert not (tmp_path / "w.hdf5").exists() and not (tmp_path / "w.hdf5.part").exists()


def test_missing_file_names_the_url(server: str, tmp_path: Path) -> None:
    with pytest.raises(DownloadError, match=r"/nothing: HTTP 404"):
        download(f"{server}/nothing", tmp_path / "x")


def test_unreachable_server_says_it_can_resume(tmp_path: Path) -> None:
    with pytest.raises(DownloadError, match="run again to resume"):
        download("http://127.0.0.1:9/file", tmp_path / "x", timeout=2)
