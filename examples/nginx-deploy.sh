#!/usr/bin/env bash
# A private certificate deployed to a directory that a real nginx serves,
# then renewed: acmctl rewrites the files and runs the reload hook, and nginx
# serves the new certificate under the same ARN. Needs nginx on PATH (or in
# /usr/sbin) and openssl.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
acmctl=${ACMCTL:-$here/target/release/acmctl}
nginx=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
work=$(mktemp -d)
export ACMCTL_HOME=${ACMCTL_HOME:-$work/store}
export AWS_REGION=eu-west-1
prefix=$work/nginx
mkdir -p "$prefix/logs" "$work/tls"
stop_nginx() { [ -f "$prefix/logs/nginx.pid" ] && "$nginx" -p "$prefix" -c nginx.conf -s stop 2>/dev/null || true; }
trap 'stop_nginx; rm -rf "$work"' EXIT
# Headings in bold on a terminal, unless NO_COLOR is set (as acmctl does).
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi
step() { printf '\n%s$ %s%s\n' "$bold" "$*" "$plain"; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$prefix/nginx.conf" <<CONF
daemon on;
pid logs/nginx.pid;
error_log logs/error.log;
events { worker_connections 64; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$port ssl;
    server_name shop.example.internal;
    ssl_certificate     $work/tls/fullchain.pem;
    ssl_certificate_key $work/tls/privkey.pem;
    location / { return 200 "hello from nginx\n"; }
  }
}
CONF
# The hook reloads nginx once it runs; acmctl passes the ARN and directory.
cat > "$work/reload-nginx.sh" <<HOOK
#!/bin/sh
echo "hook: \$ACMCTL_CERTIFICATE_ARN -> \$ACMCTL_DEPLOY_DIR"
if [ -f "$prefix/logs/nginx.pid" ]; then exec "$nginx" -p "$prefix" -c nginx.conf -s reload; fi
HOOK
chmod +x "$work/reload-nginx.sh"

served_serial() {
  openssl s_client -connect "127.0.0.1:$port" -servername shop.example.internal </dev/null 2>/dev/null \
    | openssl x509 -noout -serial | cut -d= -f2
}

step acmctl ca init --mode private --common-name "Shop Root CA"
ca=$("$acmctl" ca init --mode private --common-name "Shop Root CA" --key-algorithm EC_prime256v1)
"$acmctl" ca certificate "$ca" > "$work/root.pem"

step acmctl cert request --domain-name shop.example.internal --certificate-authority-arn CA
cert=$("$acmctl" cert request --domain-name shop.example.internal --certificate-authority-arn "$ca" \
  --key-algorithm EC_prime256v1)
echo "$cert"
account=$(echo "$cert" | cut -d: -f5)
alb="arn:aws:elasticloadbalancing:eu-west-1:$account:loadbalancer/app/shop/50dc6c495c0c9188"

step acmctl deploy CERT --target ALB --dest TLS_DIR --exec reload-nginx.sh
"$acmctl" deploy "$cert" --target "$alb" --dest "$work/tls" --exec "$work/reload-nginx.sh"
ls -l "$work/tls"

step nginx -p PREFIX -c nginx.conf
"$nginx" -p "$prefix" -c nginx.conf
before=$(served_serial)
echo "nginx serves serial $before"
openssl s_client -connect "127.0.0.1:$port" -servername shop.example.internal -CAfile "$work/root.pem" \
  -verify_hostname shop.example.internal -verify_return_error </dev/null 2>/dev/null | grep 'Verify return code: 0 (ok)' >/dev/null
echo "verified against the authority: ok"

# Move the clock to 40 days before expiry: the certificate is due.
not_after=$("$acmctl" --output json cert describe "$cert" | jq -r .Certificate.NotAfter)
due=$(date -u -d "@$(( $(date -u -d "$not_after" +%s) - 40*86400 ))" +%Y-%m-%dT%H:%M:%SZ)
step "ACMCTL_NOW=$due acmctl renew"
ACMCTL_NOW=$due "$acmctl" renew

after=$before
for _ in $(seq 50); do
  after=$(served_serial)
  [ "$after" != "$before" ] && break
  sleep 0.1
done
echo "nginx now serves serial $after"
[ "$after" != "$before" ] || { echo "nginx still serves the old certificate" >&2; exit 1; }
[ "$after" = "$("$acmctl" --output json cert describe "$cert" | jq -r .Certificate.Serial | tr -d : | tr a-f A-F)" ]
openssl s_client -connect "127.0.0.1:$port" -servername shop.example.internal -CAfile "$work/root.pem" \
  -verify_hostname shop.example.internal -verify_return_error -attime "$(date -u -d "$due" +%s)" \
  </dev/null 2>/dev/null | grep 'Verify return code: 0 (ok)' >/dev/null
echo "renewed certificate verified at $due: ok (same ARN $cert)"
