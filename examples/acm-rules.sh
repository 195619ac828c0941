#!/usr/bin/env bash
# A walk through ACM's rules. Each step tries something ACM would refuse,
# shows acmctl's refusal (the rule it applies and what would work instead),
# and checks the exit code; then it does what would work.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
acmctl=${ACMCTL:-$here/target/release/acmctl}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ACMCTL_HOME=${ACMCTL_HOME:-$work/store}
# Headings in bold on a terminal, unless NO_COLOR is set (as acmctl does).
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi
step() { printf '\n%s== %s%s\n' "$bold" "$*" "$plain"; }
# refused CODE CMD...: run an acmctl command that must be refused with CODE.
refused() {
  local want=$1; shift
  printf '$ acmctl %s\n' "$*"
  local code=0
  "$acmctl" "$@" || code=$?
  if [ "$code" -ne "$want" ]; then echo "expected exit $want, got $code" >&2; exit 1; fi
  echo "(exit $code)"
}
ok() { printf '$ acmctl %s\n' "$*"; "$acmctl" "$@"; }

ca_eu=$("$acmctl" --region eu-west-1 ca init --mode private --common-name "Rules Root CA EU")
cert_eu=$("$acmctl" --region eu-west-1 cert request --domain-name app.example.internal \
  --certificate-authority-arn "$ca_eu" --key-algorithm EC_prime256v1)
account=$(echo "$cert_eu" | cut -d: -f5)

step "1. ACM resources are regional"
refused 5 --region us-east-1 cert describe "$cert_eu"
refused 5 --region us-east-1 cert request --domain-name app.example.internal --certificate-authority-arn "$ca_eu"
ok --region eu-west-1 cert describe "$cert_eu" >/dev/null && echo "in its own region: fine"

step "2. A regional load balancer takes only a certificate of its own region"
alb_us="arn:aws:elasticloadbalancing:us-west-2:$account:loadbalancer/app/web/50dc6c495c0c9188"
alb_eu="arn:aws:elasticloadbalancing:eu-west-1:$account:loadbalancer/app/web/50dc6c495c0c9188"
refused 5 --region eu-west-1 deploy "$cert_eu" --target "$alb_us" --dry-run
ok --region eu-west-1 deploy "$cert_eu" --target "$alb_eu" --dry-run

step "3. EC2 instances are not an ACM-integrated service"
refused 5 --region eu-west-1 deploy "$cert_eu" --target "arn:aws:ec2:eu-west-1:$account:instance/i-0abcd1234ef567890"
echo "what works: export the private certificate and install it yourself"
echo "secret passphrase" > "$work/pass"
ok --region eu-west-1 cert export "$cert_eu" --passphrase-file "$work/pass" >/dev/null && echo "exported (key encrypted)"

step "4. CloudFront is global but takes only certificates from us-east-1"
cloudfront="arn:aws:cloudfront::$account:distribution/E2QWRUHAPOMQZL"
refused 5 --region eu-west-1 deploy "$cert_eu" --target "$cloudfront" --dry-run
ca_us=$("$acmctl" --region us-east-1 ca init --mode private --common-name "Rules Root CA US")
cert_us=$("$acmctl" --region us-east-1 cert request --domain-name cdn.example.internal \
  --certificate-authority-arn "$ca_us" --key-algorithm EC_prime256v1)
ok --region us-east-1 deploy "$cert_us" --target "$cloudfront" --dry-run

step "5. A certificate in use cannot be deleted"
ok --region eu-west-1 deploy "$cert_eu" --target "$alb_eu" --dest "$work/alb" >/dev/null
refused 6 --region eu-west-1 cert delete "$cert_eu"

step "6. Names follow ACM's pattern"
refused 3 --region eu-west-1 cert request --domain-name 'www.*.example.internal' --certificate-authority-arn "$ca_eu"
refused 3 --region eu-west-1 cert request --domain-name "$(printf 'a%.0s' $(seq 64)).example.internal" \
  --certificate-authority-arn "$ca_eu"

step "7. Imported certificates are not renewed: you re-import them"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
  -subj /CN=legacy.example.internal -addext subjectAltName=DNS:legacy.example.internal \
  -keyout "$work/legacy.key" -out "$work/legacy.pem" 2>/dev/null
imported=$("$acmctl" --region eu-west-1 import --certificate "$work/legacy.pem" --private-key "$work/legacy.key")
refused 5 --region eu-west-1 renew "$imported"
echo "what works: get a new certificate from its issuer and re-import it under the same ARN"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 90 \
  -subj /CN=legacy.example.internal -addext subjectAltName=DNS:legacy.example.internal \
  -keyout "$work/legacy2.key" -out "$work/legacy2.pem" 2>/dev/null
ok --region eu-west-1 import --certificate "$work/legacy2.pem" --private-key "$work/legacy2.key" \
  --certificate-arn "$imported"

step "8. A public certificate names only public domains"
"$acmctl" --region eu-west-1 ca init --mode public >/dev/null
refused 5 --region eu-west-1 cert request --domain-name app.example.internal
echo "recorded as ACM records it: FAILED, INVALID_PUBLIC_DOMAIN; a private authority issues internal names (step 1)"

echo
echo "every rule held"
