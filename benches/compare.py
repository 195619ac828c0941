"""The benchmark behind benches/run.sh: medians of wall-clock times, each
process started with posix_spawn and reaped with wait4 (which also gives
its peak memory). Peers run in alternating pairs with acmctl, so that both
see the same machine load."""

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ACMCTL = os.path.abspath(sys.argv[1])
# The same source built the default way (`cargo build --release`), when
# ACMCTL is the static build: measured for `cert request` beside it.
DEFAULT = os.environ.get("ACMCTL_BIN_DEFAULT")
DEFAULT = os.path.abspath(DEFAULT) if DEFAULT else None
SIZE = int(os.environ.get("BENCH_SIZE", "100000"))
PAIRS = int(os.environ.get("BENCH_PAIRS", "30"))
SMALL = 40
# BENCH_DIR: where the stores are made (default: the system's temporary
# directory). On ext4 without a journal, creating a file is slow in a
# directory whose block group had many files deleted in the last minutes
# (the allocator skips recently freed inodes one by one), which a shared
# /tmp often has; see BENCHMARKS.md.
work = tempfile.mkdtemp(prefix="acmctl-bench-", dir=os.environ.get("BENCH_DIR") or None)
# The binaries are measured as installed (copied, as `cargo install` does).
# One just written by the linker starts slower until the kernel drops it
# from its cache: its cached pages are in small pieces, and a process
# faults in each of them (0.2 ms more for `--version`, up to 0.7 ms more
# for `cert request` on the machine in BENCHMARKS.md).
os.makedirs(os.path.join(work, "bin"))
ACMCTL = shutil.copy(ACMCTL, os.path.join(work, "bin", "acmctl"))
if DEFAULT:
    DEFAULT = shutil.copy(DEFAULT, os.path.join(work, "bin", "acmctl-default"))
load_before = os.getloadavg()[0]
env = dict(os.environ, ACMCTL_HOME=os.path.join(work, "store"), NO_COLOR="1")
for var in ("ACMCTL_REGION", "AWS_REGION", "AWS_DEFAULT_REGION", "ACMCTL_NOW"):
    env.pop(var, None)
devnull = os.open(os.devnull, os.O_RDWR)


def run(argv, extra_env=None, cwd=None):
    """Runs argv with no output; returns (seconds, peak RSS in KiB)."""
    e = dict(env, **(extra_env or {}))
    old = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        t0 = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, e, file_actions=[
            (os.POSIX_SPAWN_DUP2, devnull, 0), (os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)])
        _, status, usage = os.wait4(pid, 0)
        elapsed = time.perf_counter() - t0
    finally:
        os.chdir(old)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"benchmark command failed: {' '.join(argv)}")
    return elapsed, usage.ru_maxrss


def out(argv):
    return subprocess.run(argv, env=env, check=True, capture_output=True, text=True).stdout.strip()


def ms(s):
    return f"{s * 1000:.2f} ms"


def median(xs):
    return statistics.median(xs)


rows = []  # (measurement, result, goal, met)


def row(name, result, goal="", met=None):
    rows.append((name, result, goal, "" if met is None else ("yes" if met else "NO")))
    print(f"  {name}: {result}", file=sys.stderr)


def tool(name):
    return shutil.which(name)


# ---- set-up ----
print(f"work directory {work}", file=sys.stderr)
ca = out([ACMCTL, "--region", "eu-west-1", "-q", "ca", "init", "--mode", "private",
          "--common-name", "Bench Root CA", "--key-algorithm", "EC_prime256v1"])
big_ca = out([ACMCTL, "--region", "us-east-1", "-q", "ca", "init", "--mode", "private",
              "--common-name", "Bench Scale CA", "--key-algorithm", "EC_prime256v1"])
openssl = tool("openssl")
os.makedirs(os.path.join(work, "ossl"))
od = os.path.join(work, "ossl")
subprocess.run([openssl, "ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", f"{od}/ca.key"], check=True)
subprocess.run([openssl, "req", "-x509", "-new", "-key", f"{od}/ca.key", "-subj", "/CN=Bench OpenSSL CA",
                "-days", "3650", "-out", f"{od}/ca.pem"], check=True, capture_output=True)


def manifest(path, n, prefix):
    with open(path, "w") as f:
        for i in range(n):
            f.write(f"{prefix}{i}.example.com\n")


manifest(f"{work}/small.txt", SMALL, "small")
out([ACMCTL, "--region", "eu-west-1", "-q", "cert", "request", "--manifest", f"{work}/small.txt",
     "--certificate-authority-arn", ca, "--key-algorithm", "EC_prime256v1"])

# ---- one certificate per process, side by side ----
# First, while the disk is quiet: the bulk issuance after it leaves the
# kernel writing back for a while, which any sync then waits for.
# openssl and acmctl alternate in a loop of their own: the Go programs
# (mkcert, cfssl) slow down whatever process runs next on this kind of
# virtual machine (their memory is handed back and faulted in afresh), so
# each of them alternates with acmctl in a loop of its own too.
if tool("cfssl"):
    with open(f"{work}/csr.json", "w") as f:
        json.dump({"CN": "x.example.com", "hosts": ["x.example.com"], "key": {"algo": "ecdsa", "size": 256}}, f)


def command(p, name):
    return {
        "acmctl": ([ACMCTL, "--region", "eu-west-1", "-q", "cert", "request", "--domain-name", name,
                    "--certificate-authority-arn", ca, "--key-algorithm", "EC_prime256v1"], None),
        "acmctl-default": ([DEFAULT or "", "--region", "eu-west-1", "-q", "cert", "request", "--domain-name",
                            "d" + name, "--certificate-authority-arn", ca, "--key-algorithm", "EC_prime256v1"], None),
        "openssl": ([openssl, "req", "-x509", "-CA", f"{od}/ca.pem", "-CAkey", f"{od}/ca.key", "-newkey", "ec",
                     "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", f"{od}/leaf.key", "-out",
                     f"{od}/leaf.pem", "-subj", f"/CN={name}", "-addext", f"subjectAltName=DNS:{name}",
                     "-days", "395"], None),
        "mkcert": ([tool("mkcert") or "", "-ecdsa", "-cert-file", f"{work}/mk.pem", "-key-file", f"{work}/mk.key", name],
                   {"CAROOT": f"{work}/mkcert-ca"}),
        "cfssl": ([tool("cfssl") or "", "gencert", "-ca", f"{od}/ca.pem", "-ca-key", f"{od}/ca.key", f"{work}/csr.json"],
                  None),
    }[p]


def alternate(tag, tools, before_each=None):
    """Medians of each tool, run in turn, PAIRS rounds after 3 that warm the caches."""
    times = {p: [] for p in tools}
    for i in range(PAIRS + 3):
        for p in tools:
            argv, extra = command(p, f"{tag}{i}.example.com")
            if before_each:
                before_each()
            t, _ = run(argv, extra)
            if i >= 3:
                times[p].append(t)
    return {p: median(ts) for p, ts in times.items()}


# Each run starts on a synced file system (the sync is not timed):
# acmctl makes a record durable with one syncfs when the kernel holds
# almost nothing else to write, and that syncfs would otherwise also write
# the files openssl had just written (openssl leaves them to the kernel),
# so the two would not run on the same disk. The busy-disk row below
# measures acmctl with other writes pending.
main = alternate("pair", ["acmctl", "openssl"] + (["acmctl-default"] if DEFAULT else []), before_each=os.sync)
req = main["acmctl"]
# How ACMCTL was built, when run.sh built it (ACMCTL_BUILD names the command).
BUILD = f", {os.environ['ACMCTL_BUILD']}" if os.environ.get("ACMCTL_BUILD") else ""
row(f"`cert request` (private CA, EC P-256, one process, durable){BUILD}", ms(req), "≤ 2.5 ms", req <= 0.0025)
if DEFAULT:
    row("`cert request`, built by `cargo build --release` (glibc shared)", ms(main["acmctl-default"]))
    v_default = median([run([DEFAULT, "--version"])[0] for _ in range(PAIRS)])
ratio = main["openssl"] / req
row("openssl issuing the same certificate", f"{ms(main['openssl'])} (acmctl {ratio:.1f}× faster)",
    "acmctl ≥ 3× faster", ratio >= 3)
# The same while another program's writes wait for the disk: 2 MiB,
# written again before each run so that they stay unwritten. acmctl then
# syncs each file of the record on its own rather than all of them.
busy_file = os.path.join(work, "busy.bin")
busy_fd = os.open(busy_file, os.O_WRONLY | os.O_CREAT, 0o600)
busy_bytes = os.urandom(2 << 20)
busy = alternate("busy", ["acmctl", "openssl"], lambda: os.pwrite(busy_fd, busy_bytes, 0))
os.close(busy_fd)
os.unlink(busy_file)
os.sync()
row("`cert request` while 2 MiB of another program's writes wait for the disk (each file synced)",
    f"{ms(busy['acmctl'])}; openssl {ms(busy['openssl'])} (acmctl {busy['openssl'] / busy['acmctl']:.1f}× faster)")
for p in ("mkcert", "cfssl"):
    if tool(p):
        m = alternate(p, ["acmctl", p], before_each=os.sync)
        row(f"{p} issuing the same certificate, in a loop of its own",
            f"{ms(m[p])} (acmctl {m[p] / m['acmctl']:.1f}× faster; acmctl {ms(m['acmctl'])} in that loop)")

# ---- bulk issuance: also builds the large region ----
manifest(f"{work}/big.txt", SIZE, "host")
bulk_s, bulk_rss = run([ACMCTL, "--region", "us-east-1", "-q", "cert", "request", "--manifest", f"{work}/big.txt",
                        "--certificate-authority-arn", big_ca, "--key-algorithm", "EC_prime256v1"])
rate = SIZE / bulk_s
row(f"bulk issuance, {SIZE:,} EC P-256 certificates in one process", f"{rate:,.0f} certificates/s ({bulk_s:.1f} s)",
    "≥ 5,000/s", rate >= 5000)

# ---- start-up and look-ups ----
v = median([run([ACMCTL, "--version"])[0] for _ in range(PAIRS)])
row(f"`acmctl --version`{BUILD}", ms(v), "≤ 2 ms", v <= 0.002)
if DEFAULT:
    row("`acmctl --version`, built by `cargo build --release`", ms(v_default))

small_arn = out([ACMCTL, "--region", "eu-west-1", "--output", "json", "cert", "list"])
small_arn = json.loads(small_arn)["CertificateSummaryList"][0]["CertificateArn"]
big_arn = None
with open(f"{work}/store/regions/us-east-1/index") as f:
    f.readline()
    big_id = f.readline().split("\t")[1]
acct = small_arn.split(":")[4]
big_arn = f"arn:aws:acm:us-east-1:{acct}:certificate/{big_id}"
d_small, d_big = [], []
for _ in range(PAIRS):
    d_small.append(run([ACMCTL, "--region", "eu-west-1", "cert", "describe", small_arn])[0])
    d_big.append(run([ACMCTL, "--region", "us-east-1", "cert", "describe", big_arn])[0])
ds, db = median(d_small), median(d_big)
row(f"`cert describe`, region of {SMALL} vs {SIZE:,}", f"{ms(ds)} vs {ms(db)}", "the same",
    abs(db - ds) <= max(0.0005, 0.15 * ds))

# ---- the large region ----
runs = 7
lst = [run([ACMCTL, "--region", "us-east-1", "cert", "list"]) for _ in range(runs)]
lt = median([t for t, _ in lst])
lr = max(r for _, r in lst) / 1024
row(f"`cert list`, {SIZE:,} certificates", f"{ms(lt)}, peak {lr:.1f} MiB", "≤ 300 ms, ≤ 64 MiB",
    lt <= 0.3 and lr <= 64)
lj = [run([ACMCTL, "--region", "us-east-1", "--output", "json", "cert", "list"]) for _ in range(runs)]
row(f"`cert list --output json`, {SIZE:,} certificates",
    f"{ms(median([t for t, _ in lj]))}, peak {max(r for _, r in lj) / 1024:.1f} MiB")
ex = median([run([ACMCTL, "--region", "us-east-1", "cert", "list", "--expiring-within", "30"])[0] for _ in range(runs)])
row(f"`cert list --expiring-within 30`, {SIZE:,} certificates", ms(ex), "≤ 500 ms", ex <= 0.5)
has_renew = subprocess.run([ACMCTL, "renew", "--help"], env=env, capture_output=True).returncode == 0
if has_renew:
    rn = median([run([ACMCTL, "--region", "us-east-1", "renew"])[0] for _ in range(runs)])
    row(f"`renew` sweep, nothing due, {SIZE:,} certificates", ms(rn), "≤ 500 ms", rn <= 0.5)
else:
    row("`renew` sweep", "not measured: this build has no `renew` command")

# ---- the table ----
cpu = "unknown CPU"
try:
    with open("/proc/cpuinfo") as f:
        cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
except (OSError, StopIteration):
    pass
version = out([ACMCTL, "--version"])
print(f"{version}; {time.strftime('%Y-%m-%d', time.gmtime())}; {os.cpu_count()} CPUs ({cpu}); "
      f"{platform.system()} {platform.release()}; medians of {PAIRS} runs ({runs} at scale); "
      f"stores in {os.path.dirname(work)}; load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after\n")
print("| Measurement | Result | Goal | Met |")
print("| --- | --- | --- | --- |")
for r in rows:
    print("| " + " | ".join(r) + " |")
shutil.rmtree(work, ignore_errors=True)
# ext4 without a journal skips inodes freed in the last minute when it
# allocates new ones, and for six minutes while their inode table blocks
# are unwritten: written now, a run right after this one is slowed for a
# minute rather than six.
os.sync()
