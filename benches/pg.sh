#!/usr/bin/env bash
# The store on PostgreSQL, measured: `cert request` per process (direct and
# through PgBouncer, beside a directory store), 16 clients beside pgbench
# running the same transaction, `cert list` of 100,000 certificates. Starts
# its own throwaway cluster (scripts/pg-cluster.sh, fsync on) and PgBouncer
# (installed from Debian when missing). Prints a table of medians.
#
#   benches/pg.sh
#   BENCH_SIZE=20000 BENCH_PAIRS=20 BENCH_SECONDS=5 benches/pg.sh
#   ACMCTL_BIN=target/release/acmctl benches/pg.sh   # a binary already built
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [[ -z "${ACMCTL_BIN:-}" ]]; then
    cargo build --release --quiet --manifest-path "$here/../Cargo.toml"
    ACMCTL_BIN="$here/../target/release/acmctl"
fi
exec python3 "$here/pg.py" "$(realpath "$ACMCTL_BIN")"
