"""Records each HTTP request exactly as received (raw bytes) with the time it
arrived, and answers 400 with a JSON 1.1 error so that the client stops."""
import json, socket, sys, time, os, threading

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 0))
srv.listen(16)
with open(os.path.join(out, "PORT"), "w") as f:
    f.write(str(srv.getsockname()[1]))
n = 0
def serve(conn, idx):
    buf = b""
    while True:
        while b"\r\n\r\n" not in buf:
            d = conn.recv(65536)
            if not d:
                return
            buf += d
        head, _, rest = buf.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n")[1:]:
            k, _, v = line.partition(b":")
            if k.strip().lower() == b"content-length":
                length = int(v.strip())
        while len(rest) < length:
            d = conn.recv(65536)
            if not d:
                return
            rest += d
        raw = head + b"\r\n\r\n" + rest[:length]
        buf = rest[length:]
        t = time.time()
        with open(os.path.join(out, f"req-{idx}-{int(t*1000)}.http"), "wb") as f:
            f.write(raw)
        with open(os.path.join(out, f"req-{idx}-{int(t*1000)}.time"), "w") as f:
            f.write(repr(t))
        body = b'{"__type":"AccessDeniedException","message":"capture"}'
        conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Type: application/x-amz-json-1.1\r\nx-amzn-RequestId: 00000000-0000-0000-0000-000000000000\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
while True:
    c, _ = srv.accept()
    n += 1
    threading.Thread(target=serve, args=(c, n), daemon=True).start()
