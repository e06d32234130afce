"""An HTTP server for memory tests: holds --hold-mib MiB from the start and,
with --leak-kib, keeps that many KiB more for every request it answers."""
import argparse
import http.server

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--hold-mib", type=int, default=0)
parser.add_argument("--leak-kib", type=int, default=0)
args = parser.parse_args()

PAGE = 4096


def touched(size):
    block = bytearray(size)
    for i in range(0, size, PAGE):  # make every page resident
        block[i] = 1
    return block


held = touched(args.hold_mib * 1024 * 1024)
leaked = []


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if args.leak_kib:
            leaked.append(touched(args.leak_kib * 1024))
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *_):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
print("ready", flush=True)
server.serve_forever()
