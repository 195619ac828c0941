#!/usr/bin/env python3
"""Writes scripts/hot-text.ld: the functions common commands run, placed
together at the start of the musl binary's code (build.rs passes it to the
linker for `cargo build-static`).

A command runs about a thousand of the binary's functions, spread over its
13 MB of code; each 64 KiB of code a process first touches costs a page
fault, dear in a virtual machine (BENCHMARKS.md). Placed together they take
a few dozen faults fewer per command.

    scripts/hot-text.py [BINARY]          # write it; default: the musl release build
    scripts/hot-text.py --check [BINARY]  # check a build made with it

Writing it needs valgrind: the functions are found by running the commands
under callgrind, and written as linker-script patterns without the hashes
a symbol's name carries, so the file stays useful as the code and the
compiler change: a function it no longer names is simply not moved.
--check (CI runs it on the static build) fails if a function the file
names was left out of the section, or if most of the file no longer names
anything in the binary: then it is time to write it again.
"""
import fnmatch
import os
import re
import subprocess
import sys
import tempfile

CHECK = "--check" in sys.argv[1:]
ARGS = [a for a in sys.argv[1:] if a != "--check"]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = ARGS[0] if ARGS else os.path.join(ROOT, "target/x86_64-unknown-linux-musl/release/acmctl")
OUT = os.path.join(ROOT, "scripts/hot-text.ld")


def workloads(run):
    """The commands whose functions count, `cert request` first: its
    functions come first in the file, so that it touches the fewest pages.
    Then the benchmark's other commands, and the everyday ones."""
    ca = run("-q", "ca", "init", "--mode", "private", "--common-name", "Hot CA", "--key-algorithm", "EC_prime256v1",
             record=False)
    arn = run("-q", "cert", "request", "--domain-name", "a.example.com", "--certificate-authority-arn", ca,
              "--key-algorithm", "EC_prime256v1")
    run("--version")
    run("-q", "ca", "init", "--mode", "private", "--common-name", "Hot CA 2", "--key-algorithm", "EC_prime256v1")
    rsa_ca = run("-q", "ca", "init", "--mode", "private", "--common-name", "Hot RSA CA")
    run("-q", "cert", "request", "--domain-name", "b.example.com", "--certificate-authority-arn", rsa_ca)
    run("cert", "describe", arn)
    run("--output", "json", "cert", "describe", arn)
    run("cert", "get", arn)
    run("cert", "list")
    run("--output", "json", "cert", "list")
    run("cert", "list", "--expiring-within", "400")
    run("-q", "renew")
    run("ca", "list")


def executed_functions():
    """The functions the workloads run, in the order of the first workload
    that ran each."""
    names = {}
    with tempfile.TemporaryDirectory(prefix="acmctl-hot-") as work:
        env = dict(os.environ, ACMCTL_HOME=os.path.join(work, "store"), NO_COLOR="1", ACMCTL_REGION="eu-west-1")

        def run(*args, record=True):
            out = os.path.join(work, "callgrind.out")
            p = subprocess.run(["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={out}",
                                BINARY, *args], env=env, capture_output=True, text=True)
            if p.returncode != 0:
                sys.exit(f"acmctl {' '.join(args)} failed under valgrind: {p.stderr[-2000:]}")
            seen = set()
            with open(out) as f:
                for line in f:
                    m = re.match(r"c?fn=\(\d+\) (.+)", line)
                    if m:
                        seen.add(m.group(1).split("'")[0])
            if record:
                for name in sorted(seen):
                    if not name.startswith(("0x", "(")):
                        names.setdefault(name, len(names))
            return p.stdout.strip()

        workloads(run)
    return sorted(names, key=names.get)


def archive_members():
    """Symbol -> archive member, for the C and assembly objects (aws-lc,
    musl): an assembly file's functions share one `.text` section, so it
    is moved whole."""
    sysroot = subprocess.run(["rustc", "--print", "sysroot"], capture_output=True, text=True, check=True).stdout.strip()
    archives = []
    build = os.path.join(ROOT, "target/x86_64-unknown-linux-musl/release/build")
    for d in os.listdir(build) if os.path.isdir(build) else []:
        out = os.path.join(build, d, "out")
        if d.startswith("aws-lc-sys-") and os.path.isdir(out):
            archives += [os.path.join(out, f) for f in os.listdir(out) if f.endswith(".a")]
    # After aws-lc, whose static functions share some of musl's names.
    archives.append(os.path.join(sysroot, "lib/rustlib/x86_64-unknown-linux-musl/lib/self-contained/libc.a"))
    members = {}
    for a in archives:
        if not os.path.exists(a):
            continue
        text = subprocess.run(["nm", "-A", "--defined-only", a], capture_output=True, text=True).stdout
        for line in text.splitlines():
            m = re.match(r"[^:]+:([^:]+):\s*\S+ [tTwW] (\S+)$", line)
            if m:
                # aws-lc's object names start with a hash of where they were built.
                members.setdefault(m.group(2), re.sub(r"^[0-9a-f]{16}-", "", m.group(1)))
    return members


def member_pattern(member):
    """A glob for an archive member's code. musl builds each of its files
    into sections of their own, where a function's other names (weak
    aliases such as clock_gettime for __clock_gettime) live too, so its
    members move whole; aws-lc's are too large for that and move by
    function, but their assembly shares one `.text`."""
    if member.endswith(".lo"):
        return f"*:*{member}(.text .text.*)"
    return f"*:*{member}(.text)"


def pattern(name):
    """A glob for the section of `name`, without the parts of it that a new
    build or compiler would change."""
    name = re.sub(r"17h[0-9a-f]{16}E$", "17h*", name)  # a legacy Rust symbol's hash
    name = re.sub(r"Cs[0-9A-Za-z]*_", "Cs*_", name)  # a v0 Rust symbol's crate disambiguators
    name = re.sub(r"^aws_lc_\d+_\d+_\d+_", "aws_lc_*_", name)  # aws-lc's version prefix
    return name


def binary_functions():
    """(address, name) of each function in BINARY."""
    text = subprocess.run(["nm", "--defined-only", BINARY], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in text.splitlines()]
    return [(int(r[0], 16), r[2]) for r in rows if len(r) == 3 and r[1] in "tTwW"]


def binary_symbols():
    return [name for _, name in binary_functions()]


def check():
    """Each function the file names is in the binary's .text.hot, and most
    of the file still names something."""
    sections = subprocess.run(["readelf", "-SW", BINARY], capture_output=True, text=True, check=True).stdout
    m = re.search(r"\] \.text\.hot\s+PROGBITS\s+([0-9a-f]+) [0-9a-f]+ ([0-9a-f]+)", sections)
    if not m:
        sys.exit(f"{BINARY} has no .text.hot section: was it built by `cargo build-static` with build.rs?")
    start, size = int(m.group(1), 16), int(m.group(2), 16)
    with open(OUT) as f:
        names = re.findall(r"\*\(\.text\.(\S+) \.text\.unlikely\.", f.read())
    functions = binary_functions()
    by_name = {}
    for addr, sym in functions:
        by_name.setdefault(sym, []).append(addr)
    found, outside = 0, []
    for name in names:
        if "*" in name:
            glob, prefix = re.compile(fnmatch.translate(name)), name.split("*")[0]
            hits = [(a, s) for a, s in functions if s.startswith(prefix) and glob.match(s)]
        else:
            hits = [(a, name) for a in by_name.get(name, [])]
        found += bool(hits)
        outside += [s for a, s in hits if not start <= a < start + size]
    if outside:
        sys.exit(f"{len(outside)} functions scripts/hot-text.ld names are outside .text.hot, e.g. {outside[0]}")
    if found < len(names) / 2:
        sys.exit(f"scripts/hot-text.ld names {len(names)} functions, {BINARY} has only {found} of them: "
                 "run scripts/hot-text.py to write it again")
    print(f"{BINARY}: .text.hot holds {size >> 10} KiB and all {found} of the {len(names)} functions "
          "scripts/hot-text.ld names that it has", file=sys.stderr)


def main():
    names = executed_functions()
    members = archive_members()
    # A generic function's instances differ only in their hashes: a pattern
    # would take all of them, so those keep their exact names.
    shared = {}
    for sym in binary_symbols():
        shared[pattern(sym)] = shared.get(pattern(sym), 0) + 1
    # musl starts the process before valgrind names what runs, and
    # valgrind runs its own copies of the string functions.
    patterns = ["*rcrt1.o(.text .text.*)", "*crt1.o(.text .text.*)"] + [
        member_pattern(m) for m in ("memcpy.lo", "memmove.lo", "memset.lo")]
    startup = ["memcpy", "__memcpy_fwd", "_start_c", "__libc_start_main", "libc_start_init", "libc_start_main_stage2", "__init_libc",
               "static_init_tls", "__init_tls", "__copy_tls", "__init_tp", "__init_ssp", "__set_thread_area"]
    for n in startup + names:
        section = pattern(n) if shared.get(pattern(n), 0) <= 1 else n
        # LLVM puts the functions it guesses are seldom called in
        # .text.unlikely sections; the C compiler puts constructors and
        # destructors in .text.startup and .text.exit ones.
        own = f"*(.text.{section} .text.unlikely.{section})"
        if n in members:
            own = f"*(.text.{section} .text.unlikely.{section} .text.startup.{section} .text.exit.{section})"
        for p in [own] + ([member_pattern(members[n])] if n in members else []):
            if p not in patterns:
                patterns.append(p)
    lines = [
        "/* Written by scripts/hot-text.py: the functions common commands run,",
        "   placed together before the rest of the code of the musl build",
        "   (build.rs), those of `cert request` first. Regenerate it when",
        "   commands change much; a pattern that matches nothing is harmless. */",
        "SECTIONS",
        "{",
        "  .text.hot :",
        "  {",
    ]
    lines += [f"    {p}" for p in patterns]
    lines += ["  }", "}", "INSERT BEFORE .text;", ""]
    with open(OUT, "w") as f:
        f.write("\n".join(lines))
    print(f"{OUT}: {len(patterns)} patterns", file=sys.stderr)


if CHECK:
    check()
else:
    main()
