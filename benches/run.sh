#!/usr/bin/env bash
# Benchmarks acmctl against the tools people would otherwise use, and at
# scale (a region of 100,000 certificates). Prints a table of medians.
#
#   benches/run.sh                 # everything, 100,000 certificates
#   BENCH_SIZE=20000 BENCH_PAIRS=20 benches/run.sh
#   BENCH_DIR=target benches/run.sh      # stores under target/ instead of /tmp
#
# Needs openssl and python3; mkcert and cfssl are measured when installed
# (Debian: apt-get install mkcert golang-cfssl). Set ACMCTL_BIN to measure
# a binary that is already built. On x86_64 Linux it measures the binary
# `cargo build-static` makes (as shipped) and, for `cert request`, the one
# `cargo build --release` makes beside it (ACMCTL_BIN_DEFAULT).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [[ -z "${ACMCTL_BIN:-}" ]]; then
    cargo build --release --quiet --manifest-path "$here/../Cargo.toml"
    ACMCTL_BIN="$here/../target/release/acmctl"
    # Read whole before matching: `grep -q` would stop reading early, and
    # under pipefail ldd's broken pipe would then count as no match.
    libc=$(ldd --version 2>&1 || true)
    if [[ "$(uname -sm)" == "Linux x86_64" ]] && grep -qiE 'glibc|gnu libc' <<< "$libc"; then
        (cd "$here/.." && cargo build-static --quiet)
        export ACMCTL_BIN_DEFAULT="$ACMCTL_BIN"
        ACMCTL_BIN="$here/../target/x86_64-unknown-linux-gnu/release/acmctl"
    fi
fi
exec python3 "$here/compare.py" "$ACMCTL_BIN"
