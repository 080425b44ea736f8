"""The project's own download code against an HTTP server on loopback (never a real hub)."""

from __future__ import annotations

import hashlib
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.store.download import SUMS_FILE, DownloadError, download, verify_recorded

PAYLOAD = bytes(range(256)) * 4096  # 1 MiB


class _RangeHandler(http.server.BaseHTTPRequestHandler):
    """Serves PAYLOAD at /file, honouring "Range: bytes=N-"; counts the bytes it sent."""

    sent = 0

    def do_GET(self) -> None:
        if self.path != "/file":
            self.send_error(404)
            return
        start = 0
        if rng := self.headers.get("Range"):
            start = int(rng.removeprefix("bytes=").rstrip("-"))
        if start >= len(PAYLOAD):
            self.send_error(416)
            return
        body = PAYLOAD[start:]
        self.send_response(206 if start else 200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        type(self).sent += len(body)  # before writing: the client may check it as soon as it has read
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _RangeHandler)
    _RangeHandler.sent = 0
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    thread.join(timeout=5)


def test_download_verifies_and_records_the_checksum(server: str, tmp_path: Path) -> None:
    expected = hashlib.sha256(PAYLOAD).hexdigest()
    seen = []
    path = download(f"{server}/file", tmp_path / "w.hdf5", expected, lambda n, d, t: seen.append((d, t)))
    assert path.read_bytes() == PAYLOAD
    assert seen[-1] == (len(PAYLOAD), len(PAYLOAD))
    assert (tmp_path / SUMS_FILE).read_text() == f"{expected}  w.hdf5\n"
    assert verify_recorded(tmp_path) == []
    path.write_bytes(b"damaged")
    assert verify_recorded(tmp_path) == ["w.hdf5"]


def test_an_interrupted_download_resumes_where_it_stopped(server: str, tmp_path: Path) -> None:
    half = len(PAYLOAD) // 2
    (tmp_path / "w.hdf5.part").write_bytes(PAYLOAD[:half])
    download(f"{server}/file", tmp_path / "w.hdf5", hashlib.sha256(PAYLOAD).hexdigest())
    assert (tmp_path / "w.hdf5").read_bytes() == PAYLOAD
    assert _RangeHandler.sent == len(PAYLOAD) - half, "only the missing half travelled"
    assert not (tmp_path / "w.hdf5.part").exists()


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
