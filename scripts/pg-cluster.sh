#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 for acmctl's tests
# (STORE-ENGINES.md §3 and §5.11).
#
#   eval "$(scripts/pg-cluster.sh start DIR [--fsync])"   # prints export lines
#   scripts/pg-cluster.sh kill DIR       # pg_ctl stop -m immediate (crash tests); DIR stays
#   scripts/pg-cluster.sh restart DIR    # starts a killed or stopped server again, same port
#   scripts/pg-cluster.sh stop DIR       # stops the server and removes DIR
#
# `start` installs Debian's postgresql package if initdb is missing, creates
# the cluster as the postgres user (trust on the local socket only; TCP
# needs a password, scram-sha-256), turns TLS on with a server certificate
# that acmctl itself issued from a private root (`ca init`, `cert request`,
# `deploy` to a directory for the unencrypted key), creates the role and
# database `acmctl`, and prints:
#
#   ACMCTL_TEST_PG_URL            postgresql://acmctl@pg.acmctl.test:PORT/acmctl?hostaddr=127.0.0.1&sslmode=verify-full&sslrootcert=DIR/tls/root.pem
#   ACMCTL_TEST_PG_PASSFILE       a libpq password file (host:port:db:user:password) with the role's password
#   ACMCTL_TEST_PG_PASSWORD_FILE  the same password alone (the ACMCTL_DB_PASSWORD_FILE format)
#   ACMCTL_TEST_PG_SOCKET_DIR     the superuser's way in: psql -h "$ACMCTL_TEST_PG_SOCKET_DIR" -p PORT -U postgres -d acmctl
#                                 (the cluster has no database postgres: it became acmctl's)
#   ACMCTL_TEST_PG_PORT, ACMCTL_TEST_PG_SUPERUSER, ACMCTL_TEST_PG_BIN, ACMCTL_TEST_PG_DIR
#
# acmctl refuses single-label names such as `localhost`, as ACM does, so the
# certificate names pg.acmctl.test (a reserved test name) and the URL
# connects to 127.0.0.1 through libpq's hostaddr while verify-full checks
# that name.
#
# The server runs with fsync=off, synchronous_commit=off and
# full_page_writes=off unless --fsync is given (the crash test's server).
# ACMCTL_BIN names an acmctl to use instead of building one with cargo.
#
# initdb is most of the time a start takes, so the first start keeps a
# freshly made cluster (role and database acmctl included, no password, no
# TLS, nothing else) as a template under target/pg-cluster-template/, and
# later starts copy it; ACMCTL_PG_TEMPLATE_DIR moves it, and
# ACMCTL_PG_TEMPLATE_DIR=none turns it off.
# Progress goes to stderr; only the export lines go to stdout.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
marker=.acmctl-pg-cluster

usage() {
    echo "usage: $0 start DIR [--fsync] | kill DIR | restart DIR | stop DIR" >&2
    exit 2
}

say() { echo "pg-cluster: $*" >&2; }
die() {
    say "$*"
    exit 1
}

pg_bin() {
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$d/initdb" ]; then
            echo "$d"
            return
        fi
    done
    if command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
    fi
}

ensure_postgresql() {
    local bin
    bin=$(pg_bin)
    if [ -z "$bin" ]; then
        say "initdb not found: installing Debian's postgresql package"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -qq --no-install-recommends postgresql >/dev/null 2>&1 \
            || { apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql >/dev/null; }
        bin=$(pg_bin)
        [ -n "$bin" ] || die "installing postgresql gave no initdb"
    fi
    echo "$bin"
}

as_postgres() { runuser -u postgres -- "$@"; }

# A port nothing listens on (the server's start is retried on a race).
free_port() {
    local port tries=0
    while [ $tries -lt 50 ]; do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
        tries=$((tries + 1))
    done
    die "no free port found"
}

acmctl_bin() {
    if [ -n "${ACMCTL_BIN:-}" ]; then
        [ -x "$ACMCTL_BIN" ] || die "ACMCTL_BIN=$ACMCTL_BIN is not an executable"
        echo "$ACMCTL_BIN"
        return
    fi
    (cd "$here" && cargo build --locked --quiet --bin acmctl >&2) || die "cargo build failed"
    echo "$(target_dir)/debug/acmctl"
}

# The server certificate, issued by acmctl from a private root of its own.
issue_server_certificate() {
    local acmctl=$1 dir=$2 ca cert account
    local -a base=(env -u ACMCTL_NOW -u ACMCTL_CONFIG "$acmctl" --store "$dir/ca" --region us-east-1 -q)
    local -a run=("${base[@]}" --output json)
    ca=$("${run[@]}" ca init --mode private --common-name 'acmctl test PostgreSQL root' --key-algorithm EC_prime256v1 \
        | sed -n 's/.*"CertificateAuthorityArn": *"\([^"]*\)".*/\1/p')
    [ -n "$ca" ] || die "acmctl ca init printed no ARN"
    cert=$("${run[@]}" cert request --domain-name pg.acmctl.test --certificate-authority-arn "$ca" \
        --key-algorithm EC_prime256v1 | sed -n 's/.*"CertificateArn": *"\([^"]*\)".*/\1/p')
    [ -n "$cert" ] || die "acmctl cert request printed no ARN"
    account=$(cut -d: -f5 <<< "$cert")
    "${run[@]}" deploy "$cert" --target "arn:aws:elasticloadbalancing:us-east-1:$account:loadbalancer/app/pg/1" \
        --dest "$dir/deployed" >/dev/null
    "${base[@]}" --output text ca certificate "$ca" > "$dir/tls/root.pem"
    install -m 0644 -o root "$dir/deployed/fullchain.pem" "$dir/tls/server.crt"
    install -m 0600 -o postgres -g postgres "$dir/deployed/privkey.pem" "$dir/tls/server.key"
    rm -rf "$dir/deployed"
}

on_start_failure() {
    local rc=$?
    [ $rc -ne 0 ] || return 0
    if [ "$started" = 1 ]; then
        as_postgres "$bin/pg_ctl" -D "$cluster_dir/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    if [ -s "$cluster_dir/server.log" ]; then
        tail -n 20 "$cluster_dir/server.log" >&2
    fi
    rm -rf "$cluster_dir"
    say "start failed; $cluster_dir removed"
}

target_dir() {
    local target=${CARGO_TARGET_DIR:-target}
    case "$target" in
        /*) ;;
        *) target="$here/$target" ;;
    esac
    echo "$target"
}

# A cluster as initdb makes it, plus the role and database acmctl:
# $1/data, made by the postgres user inside $1 (which it can reach).
make_fresh_cluster() {
    local dir=$1
    install -d -m 0700 -o postgres -g postgres "$dir/data" "$dir/template-run"
    # Trust on the local socket (the superuser's way in), scram-sha-256
    # over TCP; --no-sync: a throwaway cluster needs no fsync at creation.
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        -E UTF8 --locale=C --no-sync --no-instructions --wal-segsize=1 >/dev/null
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-c listen_addresses='' -c unix_socket_directories='$dir/template-run' -c port=5432 -c fsync=off" \
        start >/dev/null
    # The database postgres becomes acmctl's: one database fewer to copy.
    as_postgres "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir/template-run" -p 5432 -U postgres -d template1 \
        -c 'CREATE ROLE acmctl LOGIN' -c 'ALTER DATABASE postgres RENAME TO acmctl' \
        -c 'ALTER DATABASE acmctl OWNER TO acmctl' >/dev/null
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    rm -rf "$dir/template-run"
}

# $1/data: a copy of the template, made first if there is none.
cluster_from_template() {
    local dir=$1 cache version template tmp
    cache=${ACMCTL_PG_TEMPLATE_DIR:-$(target_dir)/pg-cluster-template}
    if [ "$cache" = none ]; then
        make_fresh_cluster "$dir"
        return
    fi
    version=$("$bin/postgres" --version | tr -c 'A-Za-z0-9.\n' '_')
    template="$cache/$version"
    if [ ! -f "$template/.complete" ]; then
        make_fresh_cluster "$dir"
        mkdir -p "$cache"
        tmp="$template.tmp.$$"
        rm -rf "$tmp"
        cp -a "$dir/data" "$tmp"
        touch "$tmp/.complete"
        # Another start may have made one meanwhile: keep either.
        mv -T "$tmp" "$template" 2>/dev/null || rm -rf "$tmp"
        return
    fi
    cp -a "$template" "$dir/data"
    rm -f "$dir/data/.complete"
}

start_server() {
    local dir=$1 bin
    bin=$(cat "$dir/bin")
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start >/dev/null
}

cmd_start() {
    local dir=$1 fsync=$2
    case "$dir" in
        /*) ;;
        *) dir="$(pwd)/$dir" ;;
    esac
    [[ "$dir" =~ ^[A-Za-z0-9_./+-]+$ ]] || die "DIR must be a path of letters, digits and ._/+- (it goes into a URL): $dir"
    if [ -e "$dir" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
        die "$dir exists and is not empty"
    fi
    [ "$(id -u)" = 0 ] || die "run as root: the server runs as the postgres user through runuser"

    local acmctl port password
    # Globals: the EXIT trap below reads them.
    started=0 cluster_dir=$dir
    bin=$(ensure_postgresql)
    id postgres >/dev/null 2>&1 || die "there is no postgres user (the postgresql package creates it)"
    acmctl=$(acmctl_bin)

    mkdir -p "$dir"
    # Removed again if anything below fails.
    trap on_start_failure EXIT
    touch "$dir/$marker"
    echo "$bin" > "$dir/bin"
    chmod 0755 "$dir"
    as_postgres test -x "$dir" || die "the postgres user cannot enter $dir: a parent directory is not searchable by others (chmod o+x it, or pick a DIR under /tmp)"
    mkdir -m 0755 "$dir/tls"
    mkdir -m 0700 "$dir/ca"
    install -d -m 0700 -o postgres -g postgres "$dir/run"
    touch "$dir/server.log" && chown postgres:postgres "$dir/server.log"

    issue_server_certificate "$acmctl" "$dir"
    cluster_from_template "$dir"

    password=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')

    local durability="fsync = off
synchronous_commit = off
full_page_writes = off"
    [ "$fsync" = 1 ] && durability="fsync = on
synchronous_commit = on
full_page_writes = on"
    local attempt
    for attempt in 1 2 3 4 5; do
        port=$(free_port)
        cat > "$dir/data/acmctl-test.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/run'
ssl = on
ssl_cert_file = '$dir/tls/server.crt'
ssl_key_file = '$dir/tls/server.key'
password_encryption = 'scram-sha-256'
max_connections = 120
shared_buffers = 64MB
$durability
EOF
        chown postgres:postgres "$dir/data/acmctl-test.conf"
        grep -q "^include_if_exists = 'acmctl-test.conf'" "$dir/data/postgresql.conf" \
            || echo "include_if_exists = 'acmctl-test.conf'" >> "$dir/data/postgresql.conf"
        if start_server "$dir"; then
            started=1
            break
        fi
        say "the server did not start on port $port (attempt $attempt)"
    done
    [ $started = 1 ] || die "the server did not start"
    echo "$port" > "$dir/port"

    as_postgres "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir/run" -p "$port" -U postgres -d acmctl >/dev/null <<EOF
ALTER ROLE acmctl PASSWORD '$password';
EOF
    (
        umask 077
        printf '%s\n' "$password" > "$dir/password"
        printf 'pg.acmctl.test:%s:acmctl:acmctl:%s\n' "$port" "$password" > "$dir/pgpass"
    )

    local url="postgresql://acmctl@pg.acmctl.test:$port/acmctl?hostaddr=127.0.0.1&sslmode=verify-full&sslrootcert=$dir/tls/root.pem"
    {
        printf 'export ACMCTL_TEST_PG_URL=%q\n' "$url"
        printf 'export ACMCTL_TEST_PG_PASSFILE=%q\n' "$dir/pgpass"
        printf 'export ACMCTL_TEST_PG_PASSWORD_FILE=%q\n' "$dir/password"
        printf 'export ACMCTL_TEST_PG_SOCKET_DIR=%q\n' "$dir/run"
        printf 'export ACMCTL_TEST_PG_PORT=%q\n' "$port"
        printf 'export ACMCTL_TEST_PG_SUPERUSER=postgres\n'
        printf 'export ACMCTL_TEST_PG_BIN=%q\n' "$bin"
        printf 'export ACMCTL_TEST_PG_DIR=%q\n' "$dir"
    } > "$dir/env"
    trap - EXIT
    cat "$dir/env"
}

check_dir() {
    [ -f "$1/$marker" ] || die "$1 is not a cluster made by $0 (no $marker)"
}

cmd_kill() {
    check_dir "$1"
    as_postgres "$(cat "$1/bin")/pg_ctl" -D "$1/data" -m immediate stop >/dev/null
}

cmd_restart() {
    check_dir "$1"
    start_server "$1"
}

cmd_stop() {
    local dir=$1
    [ -e "$dir" ] || return 0
    check_dir "$dir"
    # Immediate: the data is about to be removed; a shutdown checkpoint would be wasted.
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_postgres "$(cat "$dir/bin")/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}

[ $# -ge 2 ] || usage
command=$1
dir=$2
shift 2
case "$command" in
    start)
        fsync=0
        for arg in "$@"; do
            case "$arg" in
                --fsync) fsync=1 ;;
                *) usage ;;
            esac
        done
        cmd_start "$dir" "$fsync"
        ;;
    kill) [ $# -eq 0 ] || usage; cmd_kill "$dir" ;;
    restart) [ $# -eq 0 ] || usage; cmd_restart "$dir" ;;
    stop) [ $# -eq 0 ] || usage; cmd_stop "$dir" ;;
    *) usage ;;
esac
