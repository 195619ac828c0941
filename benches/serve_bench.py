"""The benchmark behind benches/serve.sh: `acmctl serve` and moto's server
under the same load, in the same run, from the same load generator (wrk,
many keep-alive connections), every request signed with SigV4.

Requests are signed with botocore just before each measurement (a
signature stays valid for the 5 minutes of allowed clock skew) and written
as raw HTTP for wrk (benches/serve.lua). RequestCertificate bodies are the
same for both servers (a new domain name each, the private authority's ARN,
EC_prime256v1); DescribeCertificate asks about certificates each server
made in the RequestCertificate measurement. A run with any error response
is refused, and every certificate a 200 answered must be in the store.

    python3 serve_bench.py ACMCTL_BINARY    (run by benches/serve.sh)
"""

import configparser
import http.client
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ACMCTL = os.path.abspath(sys.argv[1])
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "64"))
THREADS = int(os.environ.get("BENCH_THREADS", "1"))
# BENCH_PROFILE: a shell command run beside each measurement of acmctl and
# stopped with SIGINT after it, {pid} the server's process id and {op} the
# operation, e.g. 'perf record -g -o /tmp/{op}.data -p {pid}'.
PROFILE = os.environ.get("BENCH_PROFILE")
# BENCH_OPS=request: RequestCertificate only, and no table.
# BENCH_SERVE_ARGS: more options for `acmctl serve`, such as --workers 16.
SERVE_ARGS = os.environ.get("BENCH_SERVE_ARGS", "").split()
PACED_CONNECTIONS = int(os.environ.get("BENCH_PACED_CONNECTIONS", "32"))
REGION = "us-east-1"
here = os.path.dirname(os.path.abspath(__file__))
LUA = os.path.join(here, "serve.lua")

work = tempfile.mkdtemp(prefix="acmctl-serve-bench-", dir=os.environ.get("BENCH_DIR") or None)
os.makedirs(os.path.join(work, "bin"))
# Measured as installed (copied, as `cargo install` does; see BENCHMARKS.md).
ACMCTL = shutil.copy(ACMCTL, os.path.join(work, "bin", "acmctl"))
env = dict(os.environ, ACMCTL_HOME=os.path.join(work, "store"), NO_COLOR="1")
for var in ("ACMCTL_REGION", "AWS_REGION", "AWS_DEFAULT_REGION", "ACMCTL_NOW", "ACMCTL_CA_PASSPHRASE"):
    env.pop(var, None)
load_before = os.getloadavg()
started = []  # the servers this script started, stopped at the end


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, proc, what):
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            sys.exit(f"{what} exited during start-up (see {work})")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"{what} did not listen on port {port}")


def cpu_seconds(pid):
    """User plus system CPU time of a process so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Target:
    """A server, and how to sign requests for it."""

    def __init__(self, name, port, proc, credentials):
        self.name, self.port, self.proc, self.credentials = name, port, proc, credentials

    def sign(self, target, body):
        service, prefix = ("acm", "CertificateManager") if target.startswith("CM.") else ("acm-pca", "ACMPrivateCA")
        op = target.split(".", 1)[1]
        headers = {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": f"{prefix}.{op}"}
        req = AWSRequest(method="POST", url=f"http://127.0.0.1:{self.port}/", data=body, headers=headers)
        SigV4Auth(self.credentials, service, REGION).add_auth(req)
        p = req.prepare()
        lines = [f"POST / HTTP/1.1", f"Host: 127.0.0.1:{self.port}"]
        lines += [f"{k}: {v}" for k, v in p.headers.items()]
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + body.encode()

    def call(self, target, body):
        """One signed request outside the load: its status and decoded body."""
        raw = self.sign(target, body)
        with socket.create_connection(("127.0.0.1", self.port)) as s:
            s.sendall(raw)
            resp = http.client.HTTPResponse(s)
            resp.begin()
            data = resp.read()
        return resp.status, json.loads(data or b"{}")

    def arns(self):
        """Every certificate ARN ListCertificates gives, page by page."""
        out, token = [], None
        while True:
            body = {"MaxItems": 1000}
            # ListCertificates leaves out keys other than RSA_2048 unless
            # asked; moto answers Includes with a 500, and makes RSA_2048
            # certificates whatever KeyAlgorithm says.
            if self.name == "acmctl":
                body["Includes"] = {"keyTypes": ["EC_prime256v1"]}
            if token:
                body["NextToken"] = token
            status, page = self.call("CM.ListCertificates", json.dumps(body))
            if status != 200:
                sys.exit(f"{self.name}: ListCertificates answered {status}: {page}")
            out += [c["CertificateArn"] for c in page.get("CertificateSummaryList", [])]
            token = page.get("NextToken")
            if not token:
                return out


def load(target, name, bodies, seconds, pause_ms=None, connections=CONNECTIONS):
    """Signs `bodies` (JSON texts) for `target`, sends them with wrk for
    `seconds` (each connection waiting `pause_ms` after each answer, if
    given), and returns wrk's summary and the server's CPU time."""
    prefix = os.path.join(work, f"{target.name}-{name.split('.')[1]}")
    t0 = time.time()
    files = [open(f"{prefix}.{i + 1}", "wb") for i in range(THREADS)]
    for n, body in enumerate(bodies):
        files[n % THREADS].write(target.sign(name, body) + b"\0")
    for f in files:
        f.close()
    log(f"  {target.name} {name}: {len(bodies)} requests signed in {time.time() - t0:.1f} s; {seconds} s of load")
    profiler = None
    if PROFILE and target.name == "acmctl" and seconds == SECONDS:
        cmd = PROFILE.format(pid=target.proc.pid, op=name.split(".")[1])
        profiler = subprocess.Popen(cmd, shell=True, start_new_session=True)
        time.sleep(1)
    cpu0 = cpu_seconds(target.proc.pid)
    wrk_env = dict(os.environ)
    wrk_env.pop("BENCH_DELAY_MS", None)
    if pause_ms is not None:
        wrk_env["BENCH_DELAY_MS"] = str(pause_ms)
    run = subprocess.run(
        ["wrk", "-t", str(THREADS), "-c", str(max(connections, THREADS)), "-d", f"{seconds}s", "--timeout", "60s",
         "-s", LUA, f"http://127.0.0.1:{target.port}/", "--", prefix],
        capture_output=True, text=True, env=wrk_env)
    cpu = cpu_seconds(target.proc.pid) - cpu0
    if profiler:
        os.killpg(profiler.pid, signal.SIGINT)
        profiler.wait()
    for i in range(THREADS):
        os.remove(f"{prefix}.{i + 1}")
    if run.returncode != 0:
        sys.exit(f"wrk failed: {run.stderr}{run.stdout}")
    summary = json.loads(next(l for l in run.stdout.splitlines() if l.startswith("{")))
    errors = sum(summary[k] for k in ("status_errors", "connect_errors", "read_errors", "write_errors", "timeouts"))
    summary["rate"] = summary["requests"] / (summary["duration_us"] / 1e6)
    summary["cpu"] = cpu / (summary["duration_us"] / 1e6)
    summary["sent"] = len(bodies)
    log(f"    {summary['rate']:,.0f}/s, median {summary['p50_us'] / 1000:.2f} ms, p99 {summary['p99_us'] / 1000:.2f} ms, "
        f"server CPU {summary['cpu'] * 100:.0f}% of a core, {summary['requests']:,} answered, {errors} errors")
    if errors:
        sys.exit(f"{target.name} {name}: {errors} errors in the run ({summary}); see {work}: not a result")
    return summary


def stop_all():
    for p in started:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def main():
    log(f"work directory {work}")
    ca = subprocess.run([ACMCTL, "--region", REGION, "-q", "ca", "init", "--mode", "private", "--common-name",
                         "Bench Root CA", "--key-algorithm", "EC_prime256v1"],
                        env=env, check=True, capture_output=True, text=True).stdout.strip()
    # acmctl serve, on its defaults (4 workers) unless BENCH_SERVE_ARGS
    # says, its log in a file.
    ready = os.path.join(work, "ready")
    serve = subprocess.Popen([ACMCTL, "serve", "--listen", "127.0.0.1:0", "--ready-file", ready, *SERVE_ARGS], env=env,
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=open(os.path.join(work, "serve.log"), "wb"))
    started.append(serve)
    deadline = time.time() + 30
    while not os.path.exists(ready):
        if serve.poll() is not None or time.time() > deadline:
            sys.exit(f"acmctl serve did not start (see {work}/serve.log)")
        time.sleep(0.05)
    port = int(open(ready).read().strip().rsplit(":", 1)[1])
    ini = configparser.ConfigParser()
    ini.read(os.path.join(work, "store", "serve", "credentials"))
    section = ini[ini.sections()[0]]
    creds = Credentials(section["aws_access_key_id"], section["aws_secret_access_key"])
    acmctl = Target("acmctl", port, serve, creds)

    moto_port = free_port()
    moto_proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-p", str(moto_port)],
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                 stderr=open(os.path.join(work, "moto.log"), "wb"))
    started.append(moto_proc)
    wait_for_port(moto_port, moto_proc, "moto's server")
    moto = Target("moto", moto_port, moto_proc, creds)
    targets = [acmctl, moto]

    def request_body(i):
        return json.dumps({"DomainName": f"r{i}.bench.example", "CertificateAuthorityArn": ca,
                           "KeyAlgorithm": "EC_prime256v1"})

    # One request of each kind through a plain client first: the signed
    # requests verify, and the answers are what the load expects.
    for t in targets:
        status, answer = t.call("CM.RequestCertificate", request_body(0))
        if status != 200 or "CertificateArn" not in answer:
            sys.exit(f"{t.name}: RequestCertificate answered {status}: {answer}")
        status, answer = t.call("CM.DescribeCertificate", json.dumps({"CertificateArn": answer["CertificateArn"]}))
        if status != 200 or answer["Certificate"].get("Status") != "ISSUED":
            sys.exit(f"{t.name}: DescribeCertificate answered {status}: {answer}")

    results = {}
    # RequestCertificate: a new domain name each, numbered on from the last
    # run's, so that no request repeats while the signed ones last.
    expected = {"acmctl": 5000, "moto": 200}  # per second, to sign enough
    before = {t.name: len(t.arns()) for t in targets}
    first = 1
    for t in targets:
        n = max(2000, expected[t.name] * SECONDS)
        results[(t.name, "request")] = load(t, "CM.RequestCertificate",
                                            [request_body(first + i) for i in range(n)], SECONDS)
        first += n
    arns = {}
    for t in targets:
        arns[t.name] = t.arns()
        made = len(arns[t.name]) - before[t.name]
        answered = results[(t.name, "request")]["requests"]
        # wrk counts what was answered in its time; a request still in
        # flight at the end may be stored without being counted.
        if made < answered:
            sys.exit(f"{t.name}: {answered} RequestCertificate answered 200, but only {made} certificates were made")
        log(f"  {t.name}: {made:,} certificates made, {answered:,} answers counted")

    if os.environ.get("BENCH_OPS") == "request":  # for profiling: no table
        stop_all()
        shutil.rmtree(work, ignore_errors=True)
        return
    # DescribeCertificate: the same number of distinct certificates of each
    # server, asked about in turn.
    distinct = min(5000, *(len(a) for a in arns.values()))
    for t in targets:
        bodies = [json.dumps({"CertificateArn": a}) for a in arns[t.name][:distinct]]
        bodies = (bodies * (20000 // len(bodies) + 1))[:20000]
        load(t, "CM.DescribeCertificate", bodies[:2000], 2)  # warm-up, not reported
        results[(t.name, "describe")] = load(t, "CM.DescribeCertificate", bodies, SECONDS)
        if t is acmctl:
            # The latency at about 10,000 requests a second rather than at
            # saturation, where it is the wait behind the other CONNECTIONS
            # requests: PACED_CONNECTIONS connections, each pausing 1 ms
            # (wrk's unit) after each answer.
            results[("acmctl", "paced")] = load(t, "CM.DescribeCertificate", bodies, SECONDS, pause_ms=1,
                                                connections=PACED_CONNECTIONS)

    stop_all()
    load_after = os.getloadavg()
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    version = subprocess.run([ACMCTL, "--version"], capture_output=True, text=True).stdout.strip()
    from importlib.metadata import version as pkg_version
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()[1]
    serve_args = " ".join(SERVE_ARGS) or "its defaults (4 workers)"
    print(f"{version} (`cargo build --release`, `acmctl serve` with {serve_args}) and moto {pkg_version('moto')} (`moto_server`); "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {os.cpu_count()} CPUs ({cpu}); "
          f"{platform.system()} {platform.release()}; wrk {wrk_version}, {THREADS} thread(s), {CONNECTIONS} "
          f"keep-alive connections, {SECONDS} s per measurement; store in {os.path.dirname(work)}; "
          f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after\n")
    print("| Operation | Server | Requests/s | Median | p99 | Server CPU | Ratio |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for op, label in (("request", "RequestCertificate (private, EC P-256)"), ("describe", "DescribeCertificate")):
        a, m = results[("acmctl", op)], results[("moto", op)]
        for name, r in (("acmctl", a), ("moto", m)):
            ratio = f"{a['rate'] / m['rate']:.0f}x moto" if name == "acmctl" else ""
            print(f"| {label} | {name} | {r['rate']:,.0f} | {r['p50_us'] / 1000:.2f} ms | "
                  f"{r['p99_us'] / 1000:.2f} ms | {r['cpu'] * 100:.0f}% | {ratio} |")
    p = results[("acmctl", "paced")]
    print(f"| DescribeCertificate, paced ({PACED_CONNECTIONS} connections, each pausing 1 ms after each answer) | acmctl | "
          f"{p['rate']:,.0f} | {p['p50_us'] / 1000:.2f} ms | {p['p99_us'] / 1000:.2f} ms | {p['cpu'] * 100:.0f}% | |")
    a, m = results[("acmctl", "request")], results[("moto", "request")]
    d, dm = results[("acmctl", "describe")], results[("moto", "describe")]
    print()
    print("| Target | Measured | Met |")
    print("| --- | --- | --- |")
    for goal, got, met in (
        ("RequestCertificate ≥ 2,000/s", f"{a['rate']:,.0f}/s", a["rate"] >= 2000),
        ("DescribeCertificate ≥ 10,000/s", f"{d['rate']:,.0f}/s", d["rate"] >= 10000),
        ("DescribeCertificate median < 1 ms at ≥ 10,000/s (paced)",
         f"{p['p50_us'] / 1000:.2f} ms at {p['rate']:,.0f}/s", p["p50_us"] < 1000 and p["rate"] >= 10000),
        ("≥ 10x moto, RequestCertificate", f"{a['rate'] / m['rate']:.0f}x", a["rate"] >= 10 * m["rate"]),
        ("≥ 10x moto, DescribeCertificate", f"{d['rate'] / dm['rate']:.0f}x", d["rate"] >= 10 * dm["rate"]),
    ):
        print(f"| {goal} | {got} | {'yes' if met else 'NO'} |")
    shutil.rmtree(work, ignore_errors=True)


try:
    main()
finally:
    stop_all()
