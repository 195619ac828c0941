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
# a binary that is already built. On x86_64 Linux it measures the static
# binary as shipped (`cargo build-static`, musl; `cargo build-static-glibc`
# where the musl target or musl-tools is missing) and, for `cert request`,
# the one `cargo build --release` makes beside it (ACMCTL_BIN_DEFAULT).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [[ -z "${ACMCTL_BIN:-}" ]]; then
    cargo build --release --quiet --manifest-path "$here/../Cargo.toml"
    ACMCTL_BIN="$here/../target/release/acmctl"
    if [[ "$(uname -sm)" == "Linux x86_64" ]]; then
        export ACMCTL_BIN_DEFAULT="$ACMCTL_BIN"
        # Read whole before matching: `grep -q` would stop reading early,
        # and under pipefail the writer's broken pipe would count as no match.
        targets=$(rustup target list --installed 2>/dev/null || true)
        if grep -qx x86_64-unknown-linux-musl <<< "$targets" && command -v x86_64-linux-musl-gcc >/dev/null; then
            (cd "$here/.." && cargo build-static --quiet)
            ACMCTL_BIN="$here/../target/x86_64-unknown-linux-musl/release/acmctl"
            export ACMCTL_BUILD='`cargo build-static` (musl)'
        elif (cd "$here/.." && cargo build-static-glibc --quiet); then
            echo "musl target or musl-tools missing: measuring the glibc static build" >&2
            ACMCTL_BIN="$here/../target/x86_64-unknown-linux-gnu/release/acmctl"
            export ACMCTL_BUILD='`cargo build-static-glibc`'
        else
            echo "no static build here: measuring the cargo build --release binary" >&2
            unset ACMCTL_BIN_DEFAULT
        fi
    fi
fi
exec python3 "$here/compare.py" "$ACMCTL_BIN"
