#!/usr/bin/env python3
"""A small HTTP load generator for benches/ocsp.sh: CONNECTIONS processes,
each sending GET PATH on one connection for as long as the server keeps it
(HTTP/1.1 keep-alive), opening a new one when the server closes it (as
openssl's responder does after every answer, HTTP/1.0). Prints one line:
"responses/s p50_ms p99_ms errors".

Why not wrk alone: wrk first opens a connection and closes it without
sending anything, to check the address, and openssl 3.0's `ocsp -port`
responder then reads end-of-file from it for ever and answers no one.

    ocsp_load.py URL SECONDS CONNECTIONS
"""

import multiprocessing
import socket
import sys
import time
import urllib.parse


def worker(host, port, path, seconds, out):
    request = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode()
    done = 0
    errors = 0
    latencies = []
    sock = None
    buf = b""
    end = time.monotonic() + seconds
    while True:
        now = time.monotonic()
        if now >= end:
            break
        try:
            if sock is None:
                sock = socket.create_connection((host, port))
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                buf = b""
            started = time.monotonic()
            sock.sendall(request)
            while b"\r\n\r\n" not in buf:
                chunk = sock.recv(65536)
                if not chunk:
                    raise ConnectionError("closed before the answer")
                buf += chunk
            head, _, rest = buf.partition(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            status = int(lines[0].split(" ")[1])
            headers = {k.strip().lower(): v.strip() for k, _, v in (l.partition(":") for l in lines[1:])}
            length = int(headers.get("content-length", "-1"))
            close = lines[0].startswith("HTTP/1.0") or headers.get("connection", "").lower() == "close"
            if length < 0:
                close = True
            while (length >= 0 and len(rest) < length) or (length < 0):
                chunk = sock.recv(65536)
                if not chunk:
                    break
                rest += chunk
            buf = rest[length:] if length >= 0 else b""
            latencies.append(time.monotonic() - started)
            if status == 200:
                done += 1
            else:
                errors += 1
            if close:
                sock.close()
                sock = None
        except (OSError, ValueError, IndexError):
            errors += 1
            if sock is not None:
                sock.close()
            sock = None
    out.send((done, errors, latencies))


def main():
    url, seconds, connections = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    u = urllib.parse.urlsplit(url)
    path = u.path + (("?" + u.query) if u.query else "")
    pipes = []
    procs = []
    for _ in range(connections):
        r, w = multiprocessing.Pipe(duplex=False)
        p = multiprocessing.Process(target=worker, args=(u.hostname, u.port, path, seconds, w))
        p.start()
        pipes.append(r)
        procs.append(p)
    done = errors = 0
    latencies = []
    for r in pipes:
        d, e, l = r.recv()
        done += d
        errors += e
        latencies += l
    for p in procs:
        p.join()
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else 0.0
    print(f"{done / seconds:.0f} {pick(0.5):.2f}ms {pick(0.99):.2f}ms {errors}")


if __name__ == "__main__":
    main()
