#!/usr/bin/env bash
# Benchmarks `acmctl serve` against moto's server: RequestCertificate and
# DescribeCertificate under the same load, every request signed with SigV4,
# sent by wrk over many keep-alive connections. Prints a table.
#
#   benches/serve.sh
#   BENCH_SECONDS=20 BENCH_CONNECTIONS=128 benches/serve.sh
#   BENCH_DIR=target benches/serve.sh     # the store under target/ instead of /tmp
#
# Needs python3 and wrk (installed with apt-get when missing); moto and
# botocore go into the virtualenv .bench/venv, pinned by
# benches/serve-requirements.txt. Set ACMCTL_BIN to measure a binary that
# is already built.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root="$here/.."
if ! command -v wrk >/dev/null; then
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
venv="$root/.bench/venv"
stamp="$venv/.requirements"
if ! cmp -s "$here/serve-requirements.txt" "$stamp" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet -r "$here/serve-requirements.txt"
    cp "$here/serve-requirements.txt" "$stamp"
fi
if [[ -z "${ACMCTL_BIN:-}" ]]; then
    nice cargo build --release --locked --quiet --manifest-path "$root/Cargo.toml"
    ACMCTL_BIN="$root/target/release/acmctl"
fi
exec "$venv/bin/python" "$here/serve_bench.py" "$ACMCTL_BIN"
