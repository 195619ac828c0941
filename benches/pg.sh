#!/usr/bin/env bash
# The store on PostgreSQL, measured: `cert request` per process (direct and
# through PgBouncer, beside a directory store), 16 clients beside pgbench
# running the same transaction, `acmctl serve` with 16 keep-alive
# connections beside the same pgbench runs, `cert list` of 100,000
# certificates. Starts its own throwaway cluster (scripts/pg-cluster.sh,
# fsync on) and PgBouncer (installed from Debian when missing); wrk from
# Debian and botocore (to sign serve's requests) in .bench/venv, as
# benches/serve.sh. Prints a table of medians.
#
#   benches/pg.sh
#   BENCH_OPS=serve benches/pg.sh     # serve and pgbench only
#   BENCH_SIZE=20000 BENCH_PAIRS=20 BENCH_SECONDS=5 benches/pg.sh
#   ACMCTL_BIN=target/release/acmctl benches/pg.sh   # a binary already built
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v wrk >/dev/null; then
    apt-get install -y wrk >/dev/null
fi
venv="$here/../.bench/venv"
stamp="$venv/.requirements"
if ! cmp -s "$here/serve-requirements.txt" "$stamp" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet -r "$here/serve-requirements.txt"
    cp "$here/serve-requirements.txt" "$stamp"
fi
if [[ -z "${ACMCTL_BIN:-}" ]]; then
    cargo build --release --quiet --manifest-path "$here/../Cargo.toml"
    ACMCTL_BIN="$here/../target/release/acmctl"
fi
exec "$venv/bin/python" "$here/pg.py" "$(realpath "$ACMCTL_BIN")"
