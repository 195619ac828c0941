#!/usr/bin/env python3
"""The store on PostgreSQL, measured (issue 18; see BENCHMARKS.md).

    benches/pg.sh                     # builds, then everything below
    BENCH_SIZE=20000 benches/pg.sh    # a smaller region for `cert list`

On a throwaway cluster on 127.0.0.1 (scripts/pg-cluster.sh, fsync on,
TLS with verify-full, SCRAM), side by side in one run:

- `cert request`, one process per certificate (connection included), EC
  P-256: against PostgreSQL directly, through PgBouncer (session mode, on
  the same machine), and on a directory store, alternating;
- 16 clients issuing at once for BENCH_SECONDS, each a loop of `cert
  request` processes, beside pgbench running the same transaction (the
  statements one issuance sends) with 16 clients, warm connections and a
  new connection per transaction (-C);
- `acmctl serve` on the same store (TLS verify-full, the store key file),
  RequestCertificate (private, EC P-256) from wrk over 16 keep-alive
  connections for BENCH_SECONDS, every request signed with SigV4 beforehand
  (benches/serve.lua), beside the same pgbench runs: serve is the
  long-lived client that the 85% goal is about;
- `cert list` of BENCH_SIZE certificates (100,000 by default, issued with
  `cert request --manifest`).

BENCH_OPS=serve measures serve and pgbench only. BENCH_SERVE_ARGS: more
options for `acmctl serve`, such as --workers 16.

Prints a Markdown table of medians.
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = sys.argv[1]
PAIRS = int(os.environ.get("BENCH_PAIRS", "30"))
SIZE = int(os.environ.get("BENCH_SIZE", "100000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
OPS = os.environ.get("BENCH_OPS", "all")
SERVE_ARGS = os.environ.get("BENCH_SERVE_ARGS", "").split()
REGION = "eu-west-1"
# What the measured processes print goes nowhere.
QUIET = [(os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0), (os.POSIX_SPAWN_OPEN, 2, "/dev/null", os.O_WRONLY, 0)]


def say(*a):
    print("pg-bench:", *a, file=sys.stderr, flush=True)


def timed(argv, env):
    """Wall-clock seconds of one whole process (posix_spawn, wait)."""
    t0 = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=QUIET)
    _, status = os.waitpid(pid, 0)
    t1 = time.perf_counter()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{argv} failed")
    return t1 - t0


def run(argv, env, **kw):
    out = subprocess.run(argv, env=env, capture_output=True, text=True, **kw)
    if out.returncode != 0:
        raise SystemExit(f"{argv} failed: {out.stderr}")
    return out.stdout.strip()


class Cluster:
    def __init__(self, work):
        self.dir = work / "pg"
        out = run([str(ROOT / "scripts/pg-cluster.sh"), "start", str(self.dir), "--fsync"],
                  dict(os.environ, ACMCTL_BIN=BIN))
        self.vars = {}
        for line in out.splitlines():
            if line.startswith("export "):
                k, v = line[len("export "):].split("=", 1)
                self.vars[k] = v.replace("\\", "")
        self.port = self.vars["ACMCTL_TEST_PG_PORT"]
        self.bin = Path(self.vars["ACMCTL_TEST_PG_BIN"])

    def psql(self, sql):
        return run([str(self.bin / "psql"), "-X", "-At", "-h", self.vars["ACMCTL_TEST_PG_SOCKET_DIR"],
                    "-p", self.port, "-U", "postgres", "-d", "acmctl", "-c", sql], os.environ)

    def stop(self):
        subprocess.run([str(ROOT / "scripts/pg-cluster.sh"), "stop", str(self.dir)], capture_output=True)


class Bouncer:
    """PgBouncer in session mode before the cluster, SCRAM both ways."""

    def __init__(self, work, cluster):
        if not shutil.which("pgbouncer") and not Path("/usr/sbin/pgbouncer").exists():
            say("installing Debian's pgbouncer")
            subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "pgbouncer"],
                           env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"), check=True,
                           stdout=subprocess.DEVNULL)
        self.dir = work / "pgbouncer"
        self.dir.mkdir()
        self.port = free_port()
        verifier = cluster.psql("SELECT rolpassword FROM pg_authid WHERE rolname = 'acmctl'")
        (self.dir / "userlist.txt").write_text(f'"acmctl" "{verifier}"\n')
        (self.dir / "pgbouncer.ini").write_text(f"""[databases]
acmctl = host=127.0.0.1 port={cluster.port} dbname=acmctl
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {self.port}
unix_socket_dir =
auth_type = scram-sha-256
auth_file = {self.dir}/userlist.txt
pool_mode = session
server_tls_sslmode = require
max_client_conn = 200
default_pool_size = 20
logfile = {self.dir}/pgbouncer.log
pidfile = {self.dir}/pgbouncer.pid
""")
        shutil.chown(self.dir, "postgres", "postgres")
        for f in self.dir.iterdir():
            shutil.chown(f, "postgres", "postgres")
            f.chmod(0o600)
        pgbouncer = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
        subprocess.run(["runuser", "-u", "postgres", "--", pgbouncer, "-d", str(self.dir / "pgbouncer.ini")],
                       check=True)
        deadline = time.time() + 10
        while not (self.dir / "pgbouncer.pid").exists() and time.time() < deadline:
            time.sleep(0.05)

    def stop(self):
        pid = self.dir / "pgbouncer.pid"
        if pid.exists():
            subprocess.run(["kill", pid.read_text().strip()])


def free_port():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def median_ms(xs):
    return statistics.median(xs) * 1000


def main():
    work = Path(tempfile.mkdtemp(prefix="acmctl-pg-bench-"))
    os.chmod(work, 0o755)
    cluster = Cluster(work)
    bouncer = None
    try:
        bouncer = Bouncer(work, cluster)
        rows = measure(work, cluster, bouncer)
    finally:
        if bouncer:
            bouncer.stop()
        cluster.stop()
        shutil.rmtree(work, ignore_errors=True)
    load = os.getloadavg()[0]
    print(f"\nacmctl on PostgreSQL 15, {time.strftime('%Y-%m-%d')}; {os.cpu_count()} CPUs; "
          f"fsync on, TLS verify-full and SCRAM direct; load average {load:.2f} after\n")
    print("| Measurement | Result | Goal | Met |")
    print("| --- | --- | --- | --- |")
    for r in rows:
        print("| " + " | ".join(r) + " |")


def measure(work, cluster, bouncer):
    key = work / "store.key"
    base = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(work),
        "ACMCTL_CONFIG": str(work / "none.toml"),
        "ACMCTL_STORE_KEY_FILE": str(key),
        "ACMCTL_REGION": REGION,
    }
    direct = dict(base, ACMCTL_HOME=cluster.vars["ACMCTL_TEST_PG_URL"],
                  PGPASSFILE=cluster.vars["ACMCTL_TEST_PG_PASSFILE"])
    pooled = dict(base, ACMCTL_HOME=f"postgresql://acmctl@127.0.0.1:{bouncer.port}/acmctl?sslmode=disable",
                  ACMCTL_DB_PASSWORD_FILE=cluster.vars["ACMCTL_TEST_PG_PASSWORD_FILE"])
    fs = dict(base, ACMCTL_HOME=str(work / "fs-store"))
    run([BIN, "store", "init"], direct)
    ca = run([BIN, "ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1"], direct)
    fs_ca = run([BIN, "ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1"], fs)

    def request(env, ca_arn, name):
        return [BIN, "cert", "request", "--certificate-authority-arn", ca_arn, "--key-algorithm",
                "EC_prime256v1", "--domain-name", name]

    if OPS == "serve":
        return serve_rows(work, cluster, ca, direct)
    say(f"cert request, {PAIRS} runs each: direct, PgBouncer, directory")
    t_direct, t_pooled, t_fs = [], [], []
    for i in range(3):
        timed(request(direct, ca, f"warm{i}.example.com"), direct)
        timed(request(pooled, ca, f"warmp{i}.example.com"), pooled)
        timed(request(fs, fs_ca, f"warmf{i}.example.com"), fs)
    for i in range(PAIRS):
        t_direct.append(timed(request(direct, ca, f"d{i}.example.com"), direct))
        t_pooled.append(timed(request(pooled, ca, f"p{i}.example.com"), pooled))
        t_fs.append(timed(request(fs, fs_ca, f"f{i}.example.com"), fs))
    d, p, f = median_ms(t_direct), median_ms(t_pooled), median_ms(t_fs)
    rows = [
        ["`cert request`, PostgreSQL on 127.0.0.1, one process (TLS verify-full, SCRAM, connection included)",
         f"{d:.2f} ms", "≤ 20 ms", "yes" if d <= 20 else "no"],
        ["`cert request` through PgBouncer (session mode, SCRAM, no TLS on loopback)", f"{p:.2f} ms", "", ""],
        ["`cert request` on a directory store, same run", f"{f:.2f} ms", "", ""],
    ]

    say(f"16 clients for {SECONDS} s")
    n16 = clients(16, SECONDS, lambda w, i: request(direct, ca, f"c{w}-{i}.example.com"), direct)
    n16p = clients(16, SECONDS, lambda w, i: request(pooled, ca, f"b{w}-{i}.example.com"), pooled)
    rows += [
        ["16 clients at once, a `cert request` process each time, direct", f"{n16:.0f} certificates/s", "", ""],
        ["the same through PgBouncer", f"{n16p:.0f} certificates/s", "", ""],
    ]
    rows += serve_rows(work, cluster, ca, direct, n16)

    say(f"{SIZE} certificates for cert list")
    have = int(cluster.psql("SELECT count(*) FROM certificates"))
    manifest = work / "names.txt"
    with open(manifest, "w") as m:
        for i in range(max(0, SIZE - have)):
            m.write(f"bulk{i}.example.com\n")
    t0 = time.perf_counter()
    run([BIN, "cert", "request", "--manifest", str(manifest), "--certificate-authority-arn", ca,
         "--key-algorithm", "EC_prime256v1"], dict(direct, ACMCTL_LOCK_TIMEOUT="600"))
    bulk = max(0, SIZE - have) / (time.perf_counter() - t0)
    total = int(cluster.psql("SELECT count(*) FROM certificates"))
    cluster.psql("VACUUM ANALYZE")
    lists = [timed([BIN, "cert", "list"], direct) for _ in range(5)]
    lm = median_ms(lists)
    rows += [
        [f"bulk issuance (`--manifest`) into PostgreSQL", f"{bulk:,.0f} certificates/s", "", ""],
        [f"`cert list`, {total:,} certificates from PostgreSQL", f"{lm:.0f} ms", "≤ 500 ms",
         "yes" if lm <= 500 else "no"],
    ]
    return rows


def serve_rows(work, cluster, ca, env, n16=None):
    """`acmctl serve` on the store, 16 keep-alive connections of
    RequestCertificate, then pgbench's two runs: the table's rows."""
    served, cpu, p50, p99 = serve(work, ca, env)
    warm, fresh = pgbench(work, cluster, ca)
    rows = [
        [f"`acmctl serve` on PostgreSQL, RequestCertificate (private, EC P-256), 16 keep-alive connections "
         f"(median {p50:.1f} ms, p99 {p99:.1f} ms, serve's CPU {cpu:.0%} of a core)",
         f"{served:,.0f} certificates/s", "≥ 1,000/s", "yes" if served >= 1000 else "no"],
        ["pgbench, the same transaction, 16 clients, warm connections", f"{warm:,.0f} tps",
         "serve ≥ 85%", f"{'yes' if served >= 0.85 * warm else 'no'} ({100 * served / warm:.0f}%)"],
        ["pgbench, the same transaction, 16 clients, a new connection each (-C)", f"{fresh:,.0f} tps", "",
         f"serve {100 * served / fresh:.0f}%" + (f", processes {100 * n16 / fresh:.0f}%" if n16 else "")],
    ]
    return rows


def serve(work, ca, env):
    """RequestCertificate per second through `acmctl serve` on the store:
    wrk, 16 keep-alive connections, SigV4-signed requests (a new domain name
    each). Returns the rate, serve's CPU in cores, the median and p99 in ms."""
    import configparser
    import json
    import socket
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    creds_file = work / "serve-credentials"
    ready = work / "serve.ready"
    log = open(work / "serve.log", "wb")
    proc = subprocess.Popen([BIN, "serve", "--listen", "127.0.0.1:0", "--ready-file", str(ready), "--credentials",
                             str(creds_file), *SERVE_ARGS], env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=log)
    try:
        deadline = time.time() + 30
        while not ready.exists() or not ready.read_text().strip():
            if proc.poll() is not None or time.time() > deadline:
                raise SystemExit(f"acmctl serve did not start: {(work / 'serve.log').read_text()}")
            time.sleep(0.05)
        port = int(ready.read_text().strip().rsplit(":", 1)[1])
        ini = configparser.ConfigParser()
        ini.read(creds_file)
        section = ini[ini.sections()[0]]
        creds = Credentials(section["aws_access_key_id"], section["aws_secret_access_key"])

        def signed(i):
            body = json.dumps({"DomainName": f"s{i}.bench.example", "CertificateAuthorityArn": ca,
                               "KeyAlgorithm": "EC_prime256v1"})
            req = AWSRequest(method="POST", url=f"http://127.0.0.1:{port}/", data=body,
                             headers={"Content-Type": "application/x-amz-json-1.1",
                                      "X-Amz-Target": "CertificateManager.RequestCertificate"})
            SigV4Auth(creds, "acm", REGION).add_auth(req)
            p = req.prepare()
            head = [f"POST / HTTP/1.1", f"Host: 127.0.0.1:{port}"] + [f"{k}: {v}" for k, v in p.headers.items()]
            return ("\r\n".join(head) + "\r\n\r\n").encode() + body.encode()

        # One request outside the load: the signature verifies.
        with socket.create_connection(("127.0.0.1", port)) as s:
            s.sendall(signed(0))
            import http.client
            resp = http.client.HTTPResponse(s)
            resp.begin()
            answer = resp.read()
        if resp.status != 200:
            raise SystemExit(f"serve answered RequestCertificate with {resp.status}: {answer!r}")
        prefix = work / "serve-requests"
        with open(f"{prefix}.1", "wb") as f:
            for i in range(1, max(2000, 4000 * SECONDS) + 1):
                f.write(signed(i) + b"\0")
        before = cpu_seconds(proc.pid)
        out = run(["wrk", "-t", "1", "-c", "16", "-d", f"{SECONDS}s", "--timeout", "60s", "-s",
                   str(HERE / "serve.lua"), f"http://127.0.0.1:{port}/", "--", str(prefix)], os.environ)
        summary = json.loads(next(l for l in out.splitlines() if l.startswith("{")))
        seconds = summary["duration_us"] / 1e6
        cpu = (cpu_seconds(proc.pid) - before) / seconds
        errors = sum(summary[k] for k in ("status_errors", "connect_errors", "read_errors", "write_errors",
                                          "timeouts"))
        if errors:
            raise SystemExit(f"serve: {errors} errors under load ({summary}): not a result")
        rate = summary["requests"] / seconds
        say(f"serve: {rate:,.0f} RequestCertificate/s, serve's CPU {cpu:.0%}")
        return rate, cpu, summary["p50_us"] / 1000, summary["p99_us"] / 1000
    finally:
        proc.terminate()
        proc.wait()


def cpu_seconds(pid):
    """User plus system CPU time of a process so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def clients(n, seconds, argv_of, env):
    """Certificates per second that `n` loops of one process each make."""
    done = [0] * n
    stop = time.perf_counter() + seconds

    def loop(w):
        i = 0
        while time.perf_counter() < stop:
            argv = argv_of(w, i)
            pid = os.posix_spawn(argv[0], argv, env, file_actions=QUIET)
            _, status = os.waitpid(pid, 0)
            if os.waitstatus_to_exitcode(status) == 0:
                done[w] += 1
            i += 1

    t0 = time.perf_counter()
    threads = [threading.Thread(target=loop, args=(w,)) for w in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / (time.perf_counter() - t0)


def pgbench(work, cluster, ca):
    """The statements one `cert request` sends, as a pgbench script; rows
    shaped like acmctl's (a real record, chain and sealed key reused)."""
    ca_id = ca.rsplit("/", 1)[1]
    script = work / "issue.sql"
    script.write_text(f"""\\set n random(1, 1000000000)
BEGIN;
SELECT record FROM authorities WHERE region = '{REGION}' AND id = '{ca_id}';
SELECT certificate_pem, chain_pem, key_sealed, crl_pem, csr_pem FROM authorities WHERE region = '{REGION}' AND id = '{ca_id}';
INSERT INTO serials (region, authority_id, serial, reserved_at) SELECT '{REGION}', '{ca_id}', s, now() FROM unnest(ARRAY[decode(md5(random()::text || :n), 'hex')]) AS s ON CONFLICT DO NOTHING RETURNING serial;
INSERT INTO regions (region, created_at) VALUES ('{REGION}', now()) ON CONFLICT DO NOTHING;
WITH c AS (INSERT INTO certificates (region, id, type, status, domain_name, sans, key_algorithm, version, not_before, not_after, created_at, issued_at, exported, record) SELECT '{REGION}', gen_random_uuid(), 'PRIVATE', 'ISSUED', 'pgbench' || :n || '.example.com', ARRAY['pgbench.example.com'], 'EC_prime256v1', 1, now(), now() + interval '395 days', now(), now(), false, record FROM certificates LIMIT 1 RETURNING id) INSERT INTO certificate_versions (region, certificate_id, version, certificate_pem, chain_sha256, key_sealed, created_at) SELECT '{REGION}', c.id, 1, v.certificate_pem, v.chain_sha256, v.key_sealed, now() FROM c, (SELECT certificate_pem, chain_sha256, key_sealed FROM certificate_versions LIMIT 1) v;
INSERT INTO chains (sha256, pem) SELECT chain_sha256, 'x' FROM certificate_versions WHERE chain_sha256 IS NOT NULL LIMIT 1 ON CONFLICT DO NOTHING;
COMMIT;
""")
    password = Path(cluster.vars["ACMCTL_TEST_PG_PASSWORD_FILE"]).read_text().strip()
    env = dict(os.environ, PGPASSWORD=password, PGSSLMODE="require")
    conninfo = f"host=127.0.0.1 port={cluster.port} dbname=acmctl user=acmctl"
    pgb = str(cluster.bin / "pgbench")

    def tps(extra):
        out = run([pgb, "-n", "-c", "16", "-j", "2", "-T", str(SECONDS), *extra, "-f", str(script), conninfo], env)
        for line in out.splitlines():
            if line.startswith("tps = "):
                return float(line.split()[2])
        raise SystemExit(f"no tps in pgbench's output: {out}")

    warm = tps([])
    fresh = tps(["-C"])
    cluster.psql("DELETE FROM certificates WHERE domain_name LIKE 'pgbench%'")
    return warm, fresh


if __name__ == "__main__":
    main()
