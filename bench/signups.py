#!/usr/bin/env python3
"""Fires session sign-ups at a running Plenum, all at once, and prints the
latency (p50, p95, slowest) and throughput.

    signups.py BASE_URL FORUM DIR [--signups 2000] [--concurrency 2000] [--offset 0]

DIR holds what `plenum bench-participants` wrote: cookies.txt (one signed-in
participant per line) and sessions.txt (the keys of the sessions with a seat
limit). Participant i signs up for session i mod the number of sessions, as
a browser without JavaScript does (a form POST answered 303). Connections
are opened first; then every request is sent at the same moment. Standard
library only; loopback only.
"""

import argparse
import asyncio
import time
import urllib.parse


async def sign_up(host, port, base, forum, key, cookie, start, out):
    reader, writer = await asyncio.open_connection(host, port)
    body = urllib.parse.urlencode({"forum": forum, "session": key}).encode()
    request = (
        f"POST /api/participation/sign-up HTTP/1.1\r\n"
        f"Host: {host}:{port}\r\n"
        f"Origin: {base}\r\n"
        f"Referer: {base}/forums/{forum}/session/{key}\r\n"
        "Accept: text/html\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Cookie: plenum_session={cookie}\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode() + body
    await start.wait()
    began = time.perf_counter()
    writer.write(request)
    await writer.drain()
    status = await reader.readline()
    await reader.read()  # headers and body, to the end
    out.append((time.perf_counter() - began, status.split(b" ")[1].decode()))
    writer.close()


async def run(args):
    url = urllib.parse.urlsplit(args.base)
    if url.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("loopback only")
    cookies = open(f"{args.dir}/cookies.txt").read().split()
    keys = open(f"{args.dir}/sessions.txt").read().split()
    cookies = cookies[args.offset:]
    n = min(args.signups, len(cookies))
    start = asyncio.Event()
    out = []
    sem = asyncio.Semaphore(args.concurrency)

    async def one(i):
        async with sem:
            await sign_up(url.hostname, url.port, args.base, args.forum,
                          keys[i % len(keys)], cookies[i], start, out)

    tasks = [asyncio.create_task(one(i)) for i in range(n)]
    await asyncio.sleep(0.5)  # let the connections open
    began = time.perf_counter()
    start.set()
    await asyncio.gather(*tasks)
    wall = time.perf_counter() - began
    times = sorted(t for t, _ in out)
    statuses = {}
    for _, s in out:
        statuses[s] = statuses.get(s, 0) + 1

    def pct(p):
        return times[min(len(times) - 1, int(len(times) * p))] * 1000

    print(f"sign-ups: {n} over {len(keys)} sessions, {args.concurrency} at once")
    print(f"  statuses: {statuses}")
    print(f"  p50 {pct(0.50):.1f} ms  p95 {pct(0.95):.1f} ms  slowest {times[-1] * 1000:.1f} ms")
    print(f"  {n / wall:.0f} sign-ups/s ({wall:.2f} s in all)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("forum")
    ap.add_argument("dir")
    ap.add_argument("--signups", type=int, default=2000)
    ap.add_argument("--concurrency", type=int, default=2000)
    ap.add_argument("--offset", type=int, default=0)
    asyncio.run(run(ap.parse_args()))


if __name__ == "__main__":
    main()
