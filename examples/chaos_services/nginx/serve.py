#!/usr/bin/env python3
"""Starts nginx on a given loopback port, serving a 256 KB product catalog.

nginx reads its port from its configuration file, and a scenario file fills
in placeholders only in its own strings, so this wrapper writes the
configuration (from nginx.conf.in next to it) and the content into the run's
log folder, then replaces itself with nginx (exec: the scenario's stop signal
reaches nginx directly). Python 3 standard library only.

    python3 serve.py --port 8080 --logs /tmp/run [--gzip-static on|off]
"""
import argparse
import gzip
import json
import os
import random
import shutil
import sys
from pathlib import Path

ADJECTIVES = "red blue green light heavy small large classic modern steel oak linen wool cotton quiet smart".split()
NOUNS = "chair table lamp desk shelf sofa rug mirror clock bench stool cabinet bed vase frame".split()


def catalog(size):
    """A deterministic JSON product list of about `size` bytes."""
    rng = random.Random(7)
    items = []
    while True:
        for _ in range(50):
            items.append({
                "id": 100000 + len(items),
                "sku": f"SKU-{rng.randrange(16 ** 8):08X}",
                "name": f"{rng.choice(ADJECTIVES)} {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}",
                "price_cents": rng.randrange(500, 200000),
                "stock": rng.randrange(0, 500),
                "rating": round(rng.uniform(1, 5), 1),
                "tags": rng.sample(ADJECTIVES, 3),
                "warehouse": rng.choice(["AMS1", "FRA2", "DUB1", "WAW3"]),
            })
        text = json.dumps({"items": items}, indent=1).encode() + b"\n"
        if len(text) >= size:
            return text


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--logs", required=True, help="folder for the configuration, content, pid and logs")
    parser.add_argument("--gzip-static", choices=["on", "off"], default="on")
    parser.add_argument("--nginx", default=shutil.which("nginx") or "/usr/sbin/nginx")
    args = parser.parse_args()

    logs = Path(args.logs).resolve()
    www = logs / "www"
    www.mkdir(parents=True, exist_ok=True)
    (logs / "nginx-tmp").mkdir(exist_ok=True)
    body = catalog(256 * 1024)
    (www / "catalog.json").write_bytes(body)
    (www / "catalog.json.gz").write_bytes(gzip.compress(body, 9, mtime=0))

    template = (Path(__file__).resolve().parent / "nginx.conf.in").read_text()
    conf = (template.replace("@PORT@", str(args.port))
                    .replace("@LOGS@", str(logs))
                    .replace("@GZIP_STATIC@", args.gzip_static))
    (logs / "nginx.conf").write_text(conf)

    if not os.access(args.nginx, os.X_OK):
        sys.exit(f"serve.py: nginx not found at {args.nginx}")
    print(f"starting {args.nginx} on 127.0.0.1:{args.port} (gzip_static {args.gzip_static})", flush=True)
    os.execv(args.nginx, [args.nginx, "-p", str(logs), "-c", str(logs / "nginx.conf"),
                          "-e", str(logs / "nginx.error.log")])


if __name__ == "__main__":
    main()
