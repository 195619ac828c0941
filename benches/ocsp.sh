#!/usr/bin/env bash
# OCSP responses per second: the responder of `acmctl serve` against
# openssl's (`openssl ocsp -index index.txt -port P -rsigner ca.pem -rkey
# ca.key -CA ca.pem`), on the same authority, for the same request, side by
# side in one run. The clients send the GET form of RFC 5019 (the DER
# request in base64, URL-escaped), which both answer, without a nonce (as
# browsers and nginx ask), on keep-alive connections (openssl's responder
# closes each after one answer; the client then opens another). The rounds
# alternate between the responders so that both see the same machine load;
# the table gives the median of the rounds.
#
# The client is wrk, with benches/ocsp.lua, which keeps wrk from opening
# the probe connection that hangs openssl's responder.
#
# Once for an authority with an EC P-256 key and once with RSA 2048: the
# cost of a signature, which openssl pays for every answer, differs by
# tens of times between them.
#
#   benches/ocsp.sh
#   OCSP_SECONDS=20 OCSP_CONNECTIONS=16 OCSP_ROUNDS=5 benches/ocsp.sh
#   OCSP_KEY_ALGORITHMS=RSA_2048 benches/ocsp.sh
#
# Needs wrk (Debian: apt-get install wrk), openssl and python3. ACMCTL_BIN
# names a binary already built; otherwise `cargo build --release` makes one.
# openssl's responder needs the authority's key: it is copied (0600) from
# the throwaway store this script makes, as an operator moving the key to
# another responder would; it never leaves the work directory.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
die() { printf 'benches/ocsp.sh: %s\n' "$*" >&2; exit 1; }

for tool in wrk openssl python3; do
    command -v "$tool" >/dev/null || die "$tool is missing (Debian: apt-get install $tool)"
done
seconds=${OCSP_SECONDS:-10}
connections=${OCSP_CONNECTIONS:-8}
rounds=${OCSP_ROUNDS:-3}
algorithms=${OCSP_KEY_ALGORITHMS:-EC_prime256v1 RSA_2048}
if [[ -z "${ACMCTL_BIN:-}" ]]; then
    nice cargo build --release --locked --quiet --manifest-path "$here/../Cargo.toml"
    ACMCTL_BIN="$here/../target/release/acmctl"
fi

work=$(mktemp -d)
pids=()
cleanup() {
    local p c children=()
    # openssl -multi's children, found before their parent goes.
    for p in "${pids[@]}"; do
        for c in $(pgrep -P "$p" || true); do children+=("$c"); done
    done
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for c in "${children[@]}"; do kill "$c" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
chmod 700 "$work"
export ACMCTL_HOME=$work/store ACMCTL_CONFIG=$work/config.toml NO_COLOR=1
region=eu-west-1
acmctl() { "$ACMCTL_BIN" --region "$region" "$@"; }
json() { python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]], end="")' "$1"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

# Serve first: the authorities name it as their OCSP responder.
"$ACMCTL_BIN" serve --listen 127.0.0.1:0 --ready-file "$work/ready" 2>"$work/serve.log" &
pids+=($!)
for _ in $(seq 200); do [[ -s "$work/ready" ]] && break; sleep 0.05; done
[[ -s "$work/ready" ]] || die "acmctl serve did not start: $(cat "$work/serve.log")"
addr=$(tr -d '\n' < "$work/ready")

# openssl's responder, started afresh for each run: a client that closes a
# connection before sending a request (as wrk does when its time is up)
# leaves openssl 3.0 reading end-of-file from it in a loop, answering no
# one. It says ACCEPT once it listens; a probe connection would hang it.
# Sets `openssl_pid`.
start_openssl() { # DIR PORT [more arguments]
    local dir=$1 port=$2; shift 2
    openssl ocsp -index "$dir/index.txt" -port "$port" -rsigner "$dir/ca.pem" -rkey "$dir/ca.key" \
        -CA "$dir/ca.pem" -nmin 60 -ignore_err "$@" >"$dir/openssl-$port.out" 2>/dev/null &
    openssl_pid=$!
    pids+=("$openssl_pid")
    for _ in $(seq 200); do grep -q ACCEPT "$dir/openssl-$port.out" 2>/dev/null && return 0; sleep 0.05; done
    die "openssl ocsp did not start on port $port"
}
stop_openssl() { # PID
    local c children
    children=$(pgrep -P "$1" || true)
    kill "$1" 2>/dev/null || true
    for c in $children; do kill "$c" 2>/dev/null || true; done
    wait "$1" 2>/dev/null || true
}
# One wrk run against a fresh openssl responder.
openssl_run() { # DIR PATH [more arguments]
    local dir=$1 path=$2 port result; shift 2
    port=$(free_port)
    start_openssl "$dir" "$port" "$@"
    result=$(wrk_run "http://127.0.0.1:$port$path")
    stop_openssl "$openssl_pid"
    echo "$result"
}

# A response that says "good" and verifies against the authority.
check() { # DIR NAME URL
    python3 -c 'import sys, urllib.request; open(sys.argv[2], "wb").write(urllib.request.urlopen(sys.argv[1]).read())' \
        "$3" "$1/check.resp"
    local out
    out=$(openssl ocsp -respin "$1/check.resp" -issuer "$1/ca.pem" -cert "$1/leaf.pem" -CAfile "$1/ca.pem" 2>&1)
    grep -q ': good' <<< "$out" && grep -q 'Response verify OK' <<< "$out" || die "$2 does not answer good: $out"
}

# One wrk run: "responses/s p50 p99 errors".
wrk_run() {
    local out rps p50 p99 errors
    out=$(wrk -s "$here/ocsp.lua" -t2 -c"$connections" -d"${seconds}s" --latency "$1")
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<< "$out")
    p50=$(awk '$1 == "50%" {print $2}' <<< "$out")
    p99=$(awk '$1 == "99%" {print $2}' <<< "$out")
    errors=$( (grep -E 'Socket errors|Non-2xx' <<< "$out" || true) | tr -s ' ' | tr ' ' '_' | paste -sd';' -)
    echo "$rps $p50 $p99 ${errors:-0}"
}

rows=()
summary=()
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for alg in $algorithms; do
    dir=$work/$alg
    mkdir "$dir"
    ca=$(acmctl ca init --mode private --key-algorithm "$alg" --ocsp-cname "$addr" 2>/dev/null)
    leaf=$(acmctl cert request --certificate-authority-arn "$ca" --key-algorithm EC_prime256v1 --domain-name bench.example.internal)
    acmctl --output json ca certificate "$ca" | json Certificate > "$dir/ca.pem"
    acmctl --output json cert get "$leaf" | json Certificate > "$dir/leaf.pem"

    # openssl's responder: the same authority's certificate and key, and an
    # index listing the leaf as valid.
    install -m 600 "$ACMCTL_HOME/regions/$region/authorities/${ca##*/}/private_key.pem" "$dir/ca.key"
    serial=$(openssl x509 -in "$dir/leaf.pem" -noout -serial | cut -d= -f2)
    expiry=$(date -u -d "$(openssl x509 -in "$dir/leaf.pem" -noout -enddate | cut -d= -f2)" +%y%m%d%H%M%SZ)
    subject=$(openssl x509 -in "$dir/leaf.pem" -noout -subject -nameopt compat | sed 's/^subject=//')
    printf 'V\t%s\t\t%s\tunknown\t%s\n' "$expiry" "$serial" "$subject" > "$dir/index.txt"
    # The request, without a nonce, in the GET form. acmctl answers at
    # /ocsp/<base64> (its certificates say http://NAME/ocsp); openssl's
    # responder reads the whole path as base64.
    openssl ocsp -issuer "$dir/ca.pem" -cert "$dir/leaf.pem" -no_nonce -reqout "$dir/req.der" 2>/dev/null
    b64=$(python3 -c 'import base64, sys, urllib.parse; print(urllib.parse.quote(base64.b64encode(open(sys.argv[1], "rb").read()).decode(), safe=""))' "$dir/req.der")
    acmctl_url="http://$addr/ocsp/$b64"
    check "$dir" "acmctl serve" "$acmctl_url"
    port=$(free_port)
    start_openssl "$dir" "$port"
    check "$dir" "openssl ocsp" "http://127.0.0.1:$port/$b64"
    stop_openssl "$openssl_pid"

    names=("acmctl serve" "openssl ocsp -port" "openssl ocsp -port -multi $(nproc)")
    runs=("wrk_run $acmctl_url" "openssl_run $dir /$b64" "openssl_run $dir /$b64 -multi $(nproc)")
    declare -A results=()
    for r in $(seq "$rounds"); do
        for i in "${!names[@]}"; do
            results[$i,$r]=$(${runs[$i]})
            printf '%s: %s, round %s: %s\n' "$alg" "${names[$i]}" "$r" "${results[$i,$r]}" >&2
        done
    done
    medians=()
    for i in "${!names[@]}"; do
        rps=$(for r in $(seq "$rounds"); do cut -d' ' -f1 <<< "${results[$i,$r]}"; done | median)
        read -r _ p50 p99 errors <<< "${results[$i,$rounds]}"
        medians[$i]=$rps
        rows+=("$(printf '| %s | %s | %.0f | %s | %s | %s |' "$alg" "${names[$i]}" "$rps" "$p50" "$p99" "$errors")")
    done
    summary+=("$(python3 -c '
import sys
alg, ours, single, multi = sys.argv[1], *map(float, sys.argv[2:])
ok = lambda b: "met" if b else "missed"
print(f"{alg}: acmctl serve {ours:,.0f}/s (>= 10,000/s: {ok(ours >= 10000)}), "
      f"{ours / single:.1f}x openssl ocsp -port and {ours / multi:.1f}x with -multi (>= 10x: {ok(ours >= 10 * max(single, multi))})")
' "$alg" "${medians[0]}" "${medians[1]}" "${medians[2]}")")
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
# wrk counts non-2xx answers as errors; serve logs one line per request.
served=$(grep -c ' GET /ocsp/' "$work/serve.log" || true)

cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
echo
echo "acmctl $("$ACMCTL_BIN" --version | awk '{print $2}'); $(date -u +%F); $(nproc) CPUs ($cpu); wrk -t2 -c$connections, ${seconds} s a run, GET of the request in base64, no nonce; median of $rounds rounds; load average $load_before before, $load_after after; serve logged $served OCSP requests"
echo
echo "| Authority key | Responder | Responses/s | p50 latency | p99 latency | Errors (last round) |"
echo "| --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
echo
printf '%s\n' "${summary[@]}"
