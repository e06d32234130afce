#!/usr/bin/env python3
"""The front: GET /api asks the backend's /work and passes its answer on.

With a deadline (the default, 200 ms) a slow or failing backend costs the
user at most the deadline: the front then answers 200 with the last good
answer it has (or a static default) and the header `X-Degraded`, so users
keep getting answers. `--no-deadline` waits as long as the backend takes
(urllib's default: no timeout at all). `--no-fallback` answers 503 instead
of a degraded answer. GET /health answers "ok" without asking the backend.
Python 3 standard library only.

    python3 front.py --port 8080 --backend 127.0.0.1:8081 [--deadline-ms 200 | --no-deadline] [--no-fallback]
"""
import argparse
import http.client
import json
import socket
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DEFAULT_ANSWER = json.dumps({"item": None, "price": None, "source": "default"}).encode() + b"\n"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        if self.path == "/health":
            self.reply(200, b"ok\n", "text/plain")
        elif self.path == "/api" or self.path.startswith("/api?"):
            self.api()
        else:
            self.reply(404, b"not found\n", "text/plain")

    def api(self):
        server = self.server
        try:
            # The timeout bounds each socket operation (connect, each read);
            # the backend's answer is one small read, so it bounds the call.
            kwargs = {} if server.deadline_s is None else {"timeout": server.deadline_s}
            with urllib.request.urlopen(server.backend_url, **kwargs) as response:
                body = response.read()
            with server.lock:
                server.last_good = body
            self.reply(200, body, "application/json")
        except (urllib.error.URLError, http.client.HTTPException, socket.timeout, OSError) as error:
            reason = "backend-timeout" if "timed out" in str(error) else "backend-error"
            if not server.fallback:
                self.reply(503, b'{"error": "backend unavailable"}\n', "application/json")
                return
            with server.lock:
                body = server.last_good or DEFAULT_ANSWER
            self.reply(200, body, "application/json", {"X-Degraded": reason})

    def reply(self, status, body, content_type, headers=None):
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def log_message(self, fmt, *args):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--backend", required=True, help="HOST:PORT of the backend (or of a proxy in front of it)")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--deadline-ms", type=float, default=200.0, help="how long to wait for the backend (default 200)")
    group.add_argument("--no-deadline", action="store_true", help="wait as long as the backend takes")
    parser.add_argument("--no-fallback", action="store_true", help="answer 503 when the backend fails")
    args = parser.parse_args()
    ThreadingHTTPServer.request_queue_size = 256
    server = ThreadingHTTPServer((args.host, args.port), Handler)
    server.backend_url = f"http://{args.backend}/work"
    server.deadline_s = None if args.no_deadline else args.deadline_ms / 1000.0
    server.fallback = not args.no_fallback
    server.lock = threading.Lock()
    server.last_good = None
    deadline = "none" if server.deadline_s is None else f"{args.deadline_ms:g} ms"
    print(f"front listening on {args.host}:{args.port}, backend {args.backend}, deadline {deadline}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
