"""The test and benchmark file server: wasm's type, the hosting headers, quiet client disconnects, and
the slow link it can serve through."""

import socket
import struct
import threading
import time
import urllib.request

from testkit.static_server import Link, serve


def test_wasm_is_served_as_application_wasm_and_the_extra_headers_are_sent(tmp_path):
    (tmp_path / "a.wasm").write_bytes(b"\0asm")
    with serve(tmp_path, headers=lambda path: {"X-Frame-Options": "DENY"} if path == "/a.wasm" else {}) as url:
        with urllib.request.urlopen(url + "a.wasm") as response:
            assert response.headers["Content-Type"] == "application/wasm"
            assert response.headers["X-Frame-Options"] == "DENY"
            assert response.read() == b"\0asm"


def test_a_client_that_hangs_up_mid_download_prints_no_traceback(tmp_path, capfd):
    (tmp_path / "big.bin").write_bytes(b"x" * 8_000_000)
    with serve(tmp_path) as url:
        port = int(url.rstrip("/").rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port)) as client:
            client.sendall(b"GET /big.bin HTTP/1.1\r\nHost: localhost\r\n\r\n")
            client.recv(1024)
            # An RST on close (linger 0) makes the server's next write fail at once.
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        with urllib.request.urlopen(url + "big.bin") as response:  # the server still answers
            assert len(response.read()) == 8_000_000
    assert "Traceback" not in capfd.readouterr().err


def test_a_slow_link_delivers_every_byte_no_faster_than_its_rate_and_counts_them_per_file(tmp_path):
    (tmp_path / "a.bin").write_bytes(bytes(range(256)) * 400)  # 102,400 bytes
    link = Link(bits_per_second=8_000_000, rtt_ms=50)  # 1 MB/s: at least 0.1 s for the body
    with serve(tmp_path, link=link) as url:
        started = time.monotonic()
        with urllib.request.urlopen(url + "a.bin") as response:
            assert response.read() == bytes(range(256)) * 400
        # A lower bound only: a busy machine is slower, never faster.
        assert time.monotonic() - started >= 0.1 + 0.05
    assert link.sent == 102_400
    assert link.files["/a.bin"][0] == 102_400


def test_a_stopped_link_sends_nothing_more_until_it_goes_again(tmp_path):
    (tmp_path / "a.bin").write_bytes(b"x" * 200_000)
    link = Link(bits_per_second=8_000_000, rtt_ms=0)
    link.stop()
    with serve(tmp_path, link=link) as url:
        received = []
        reader = threading.Thread(target=lambda: received.append(urllib.request.urlopen(url + "a.bin").read()))
        reader.start()
        reader.join(timeout=0.5)
        assert reader.is_alive() and link.sent <= link.slice  # held at its first slice
        link.go()
        reader.join()
    assert received == [b"x" * 200_000]


def _get(url, encoding=None):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(request) as response:
        return dict(response.headers), response.read()


def test_a_pre_compressed_copy_goes_to_a_browser_that_accepts_it_with_the_file_s_own_type(tmp_path):
    import gzip

    wasm = b"\0asm" + bytes(5000)
    (tmp_path / "a.wasm").write_bytes(wasm)
    (tmp_path / "a.wasm.gz").write_bytes(gzip.compress(wasm))
    (tmp_path / "a.wasm.br").write_bytes(b"brotli bytes")
    with serve(tmp_path) as url:
        headers, body = _get(url + "a.wasm", "gzip, deflate, br")
        assert (headers["Content-Encoding"], headers["Content-Type"], body) == (
            "br",
            "application/wasm",
            b"brotli bytes",
        )
        assert headers["Vary"] == "Accept-Encoding"
        headers, body = _get(url + "a.wasm", "gzip")
        assert (headers["Content-Encoding"], gzip.decompress(body)) == ("gzip", wasm)
        assert int(headers["Content-Length"]) == len(body)
        headers, body = _get(url + "a.wasm")
        assert "Content-Encoding" not in headers and body == wasm
        assert headers["Vary"] == "Accept-Encoding"


def test_a_pre_compressed_copy_older_than_its_file_is_not_sent(tmp_path):
    import os

    (tmp_path / "a.js").write_text("new")
    (tmp_path / "a.js.br").write_bytes(b"stale")
    os.utime(tmp_path / "a.js.br", (0, 0))
    with serve(tmp_path) as url:
        headers, body = _get(url + "a.js", "br")
    assert "Content-Encoding" not in headers and body == b"new"


def test_a_folder_s_index_page_is_sent_compressed_too(tmp_path):
    (tmp_path / "wizard").mkdir()
    (tmp_path / "wizard" / "index.html").write_text("<p>page</p>")
    (tmp_path / "wizard" / "index.html.br").write_bytes(b"compressed page")
    with serve(tmp_path) as url:
        headers, body = _get(url + "wizard/", "br")
    assert (headers["Content-Encoding"], headers["Content-Type"], body) == ("br", "text/html", b"compressed page")


def test_a_slow_link_records_each_response_when_asked_and_when_its_first_and_last_bytes_went(tmp_path):
    (tmp_path / "a.bin").write_bytes(b"x" * 100_000)
    (tmp_path / "b.bin").write_bytes(b"y" * 100_000)
    link = Link(bits_per_second=8_000_000, rtt_ms=20)  # 1 MB/s: 0.1 s a file, 0.2 s for both
    with serve(tmp_path, link=link) as url:
        readers = [
            threading.Thread(target=lambda n=n: urllib.request.urlopen(url + n).read()) for n in ("a.bin", "b.bin")
        ]
        for reader in readers:
            reader.start()
        for reader in readers:
            reader.join()
    assert sorted(entry[0] for entry in link.requests) == ["/a.bin", "/b.bin"]
    for _, asked, first, last, sent in link.requests:
        assert sent == 100_000
        assert asked + 0.02 <= first <= last
    # One link shared: both files together took as long as their sum at the link's rate.
    assert max(entry[3] for entry in link.requests) - min(entry[1] for entry in link.requests) >= 0.2
