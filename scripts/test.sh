#!/usr/bin/env bash
# The test command. Installs what the tests need where it is missing,
# starts the services they use, then runs the whole suite:
# `cargo test --locked`, with this script's arguments passed on (a test
# name, `--target x86_64-unknown-linux-musl`, `-- --nocapture`, ...), and
# after a whole run the conformance pass on PostgreSQL (below).
# Run again with everything in place, it installs nothing and checks no
# registry.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'scripts/test.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# Debian packages: the tools the tests run (openssl, jq, nginx, fish, zsh,
# script from bsdutils, groff) and Python for the virtualenv below.
packages=(openssl ca-certificates jq nginx bsdutils fish zsh groff-base python3 python3-venv)

# The musl build's C compiler, for aws-lc, when the tests are asked to run
# against it.
target=""
previous=""
for arg in "$@"; do
    case "$arg" in
        --target=*) target=${arg#--target=} ;;
    esac
    [ "$previous" = --target ] && target=$arg
    [ "$arg" = -- ] && break
    previous=$arg
done
case "$target" in
    *-musl*) packages+=(musl-tools) ;;
esac

# Runs a command as root: directly when root, else through sudo.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@" || die "'sudo $*' failed: install these packages as root, then run this again"
    else
        die "'$*' needs root: run this as root, or install sudo"
    fi
}

# Installs the Debian packages given that are not installed; apt-get
# updates its lists only then.
install_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
        say "not a Debian system: make sure $* are installed (the tests fail without them)"
        return 0
    fi
    local missing=() p
    for p in "$@"; do
        dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^ii' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The Python tools of tests/requirements.txt, in the virtualenv .ci/venv
# where the tests look for them. The virtualenv keeps the hash of the
# requirements it was made from: while they are unchanged and its Python
# runs, nothing is done.
python_tools() {
    local venv=.ci/venv requirements=tests/requirements.txt want
    # tests/requirements.txt includes the serve clients' pinned list.
    want=$(cat "$requirements" tests/serve/requirements.txt | sha256sum | cut -d' ' -f1)
    if "$venv/bin/python" -c '' 2>/dev/null && [ "$(cat "$venv/requirements.sha256" 2>/dev/null)" = "$want" ]; then
        return 0
    fi
    say "installing $requirements into $venv"
    python3 -m venv --clear "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check --requirement "$requirements"
    echo "$want" > "$venv/requirements.sha256"
}

# The node packages of every package.json under tests/, from its lock file
# (npm ci), installed again whenever the lock file changes.
node_packages() {
    local manifest dir lock want
    while IFS= read -r manifest; do
        dir=$(dirname "$manifest")
        lock=$dir/package-lock.json
        [ -f "$lock" ] || lock=$dir/npm-shrinkwrap.json
        [ -f "$lock" ] || die "$manifest has no package-lock.json: run 'npm install' in $dir and commit the lock file"
        want=$(cat "$manifest" "$lock" | sha256sum | cut -d' ' -f1)
        [ "$(cat "$dir/node_modules/.lock.sha256" 2>/dev/null)" = "$want" ] && continue
        command -v npm >/dev/null 2>&1 || install_packages nodejs npm
        command -v npm >/dev/null 2>&1 || die "npm is needed for $manifest and could not be installed"
        say "installing the node packages of $dir"
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
        mkdir -p "$dir/node_modules"
        echo "$want" > "$dir/node_modules/.lock.sha256"
    done < <(find tests -name package.json -not -path '*/node_modules/*' | sort)
}

# Services the tests use: started here before the suite, stopped when this
# script exits.
#
# A throwaway PostgreSQL cluster on 127.0.0.1, TLS on with a certificate
# acmctl issued, for the tests of the PostgreSQL store; its URL and password
# file reach the tests as ACMCTL_TEST_PG_URL and ACMCTL_TEST_PG_PASSFILE.
pg_dir=""
start_services() {
    pg_dir=$(mktemp -d /tmp/acmctl-pg.XXXXXX)
    local exports
    exports=$(scripts/pg-cluster.sh start "$pg_dir") || die "the PostgreSQL cluster for the tests did not start"
    eval "$exports"
}

stop_services() {
    if [ -n "$pg_dir" ]; then
        scripts/pg-cluster.sh stop "$pg_dir" >/dev/null 2>&1 || true
    fi
}

command -v cargo >/dev/null 2>&1 || die "cargo is not on PATH: install the Rust toolchain (rustup) first"
install_packages "${packages[@]}"
python_tools
node_packages
trap stop_services EXIT
start_services
cargo test --locked "$@"

# The conformance pass: the suites of what a store does run again with
# every store of theirs on PostgreSQL (ACMCTL_TEST_ENGINE=pg: each test's
# store a schema of the cluster above, made with `store init`). Tests of
# the filesystem engine itself (its files, modes, locks, index, crashes)
# keep a directory and are not repeated. It follows a whole run: with a
# test name or other arguments than --target, only cargo test runs.
conformance=(cli completions concurrency deploy events examples import limbo pca private public refusals renewal
             revocation revocation_serve serve tags)
whole_run=yes
previous=""
for arg in "$@"; do
    case "$arg" in
        --target=*) ;;
        --target) ;;
        *) [ "$previous" = --target ] || whole_run=no ;;
    esac
    previous=$arg
done
if [ "$whole_run" = yes ]; then
    say "the conformance pass: ${conformance[*]} on PostgreSQL"
    ACMCTL_TEST_ENGINE=pg cargo test --locked "$@" --test it -- "${conformance[@]/%/::}"
fi
