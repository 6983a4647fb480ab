#!/usr/bin/env python3
"""Fetches one URL N times, C at a time, over kept-alive connections (as a
browser does), and prints p50, p95 and the slowest response time.

A light client on purpose: starting a curl process per request costs the
2-core machine about as much CPU as the page it measures, so the figures
would say more about the client than about the server. Standard library
only; loopback only.

    load.py URL --cookies FILE [--requests 200] [--concurrency 10]

FILE is a cookie jar as `curl -c` writes it.
"""

import argparse
import http.client
import threading
import time
import urllib.parse


def cookie_header(path):
    pairs = []
    with open(path, encoding="utf-8") as jar:
        for line in jar:
            if line.startswith("#HttpOnly_"):
                line = line[len("#HttpOnly_"):]
            elif line.startswith("#") or not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) == 7:
                pairs.append(f"{fields[5]}={fields[6]}")
    return "; ".join(pairs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("--cookies", required=True)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--concurrency", type=int, default=10)
    args = ap.parse_args()
    url = urllib.parse.urlsplit(args.url)
    if url.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("loopback only")
    headers = {"Cookie": cookie_header(args.cookies), "Accept": "text/html"}
    path = url.path + (f"?{url.query}" if url.query else "")
    left = [args.requests]
    lock = threading.Lock()
    times, sizes, failures = [], [], []

    def worker():
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        while True:
            with lock:
                if left[0] == 0:
                    break
                left[0] -= 1
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                resp = conn.getresponse()
                body = resp.read()
            except (OSError, http.client.HTTPException) as e:
                failures.append(str(e))
                conn.close()
                conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
                continue
            elapsed = time.perf_counter() - start
            with lock:
                if resp.status != 200:
                    failures.append(f"HTTP {resp.status}")
                else:
                    times.append(elapsed)
                    sizes.append(len(body))
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures or not times:
        raise SystemExit(f"{len(failures)} failed requests: {failures[:3]}")
    times.sort()
    n = len(times)
    p50 = times[(n + 1) // 2 - 1]
    p95 = times[(n * 95 + 99) // 100 - 1]
    print(
        f"{url.path:<28} n={n} c={args.concurrency}  p50 {p50 * 1000:5.0f} ms  "
        f"p95 {p95 * 1000:5.0f} ms  max {times[-1] * 1000:5.0f} ms  {max(sizes):8d} bytes"
    )


if __name__ == "__main__":
    main()
