"""A static file server for the built site, for tests and benchmarks (wasm served as application/wasm)."""

import contextlib
import functools
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm"}
    extra_headers = None  # optional: request path -> {header: value}, e.g. sitebuild.embed.hosting_headers

    def _extra(self) -> dict:
        return self.extra_headers(self.path.split("?", 1)[0]) if self.extra_headers is not None else {}

    def guess_type(self, path):
        # A Content-Type among the extra headers replaces the guessed one (sent once, by send_head).
        declared = {name.lower(): value for name, value in self._extra().items()}.get("content-type")
        return declared or super().guess_type(path)

    def end_headers(self):
        for name, value in self._extra().items():
            if name.lower() != "content-type":
                self.send_header(name, value)
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - the base class names it so
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that closes a page mid-download (a test ending, a cancelled fetch) is normal;
        # only other errors are worth a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory: Path, host: str = "127.0.0.1", port: int = 0, headers=None):
    """Serve directory on host (a free port unless given); yields the base URL ending in '/'.

    headers: an optional function of the request path giving extra response headers.
    """
    handler_class = (
        type("_Handler", (_QuietHandler,), {"extra_headers": staticmethod(headers)}) if headers else _QuietHandler
    )
    handler = functools.partial(handler_class, directory=str(directory))
    server = _Server((host, port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
