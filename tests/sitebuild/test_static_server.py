"""The test and benchmark file server: wasm's type, the hosting headers, and quiet client disconnects."""

import socket
import struct
import urllib.request

from sitebuild.static_server import serve


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
