#!/usr/bin/env python3
"""The backend: GET /work answers a small JSON document after a few
milliseconds of work; GET /health answers "ok". Python 3 standard library only.

    python3 backend.py --port 8081 [--work-ms 5]
"""
import argparse
import json
import random
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive when the client wants it

    def do_GET(self):
        if self.path == "/health":
            self.reply(200, b"ok\n", "text/plain")
        elif self.path == "/work" or self.path.startswith("/work?"):
            server = self.server
            time.sleep(server.work_s * random.uniform(0.8, 1.2))
            with server.lock:
                server.served += 1
                n = server.served
            body = json.dumps({"item": n, "price": 100 + n % 17, "source": "backend"}).encode() + b"\n"
            self.reply(200, body, "application/json")
        else:
            self.reply(404, b"not found\n", "text/plain")

    def reply(self, status, body, content_type):
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the caller gave up: nothing to do

    def log_message(self, fmt, *args):  # no access log: it would cost more than the work
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--work-ms", type=float, default=5.0, help="time each /work takes (default 5)")
    args = parser.parse_args()
    ThreadingHTTPServer.request_queue_size = 256  # the default backlog of 5 drops connections under load
    server = ThreadingHTTPServer((args.host, args.port), Handler)
    server.work_s = args.work_ms / 1000.0
    server.lock = threading.Lock()
    server.served = 0
    print(f"backend listening on {args.host}:{args.port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
