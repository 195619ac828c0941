#!/usr/bin/env bash
# A short tour of acmctl: a private authority, a certificate, a check with
# openssl, a deployment, and the listing. Runs on a throwaway store unless
# ACMCTL_HOME is set.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
acmctl=${ACMCTL:-$here/target/release/acmctl}
work=$(mktemp -d)
cleanup="$work"
if [ -z "${ACMCTL_HOME:-}" ]; then
  ACMCTL_HOME="$work/store"
fi
export ACMCTL_HOME
trap 'rm -rf "$cleanup"' EXIT
# Headings in bold on a terminal, unless NO_COLOR is set (as acmctl does).
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi
step() { printf '\n%s$ %s%s\n' "$bold" "$*" "$plain"; }

step acmctl --region eu-west-1 ca init --mode private --common-name "Tour Root CA"
root=$("$acmctl" --region eu-west-1 ca init --mode private --common-name "Tour Root CA")
echo "$root"

step acmctl --region eu-west-1 cert request --domain-name www.example.com --certificate-authority-arn ROOT
cert=$("$acmctl" --region eu-west-1 cert request --domain-name www.example.com \
  --subject-alternative-names api.example.com --certificate-authority-arn "$root" --key-algorithm EC_prime256v1)
echo "$cert"

step acmctl --region eu-west-1 cert describe CERT
"$acmctl" --region eu-west-1 cert describe "$cert"

step openssl verify -x509_strict -purpose sslserver -verify_hostname www.example.com
"$acmctl" --region eu-west-1 ca certificate "$root" > "$work/root.pem"
"$acmctl" --region eu-west-1 cert get "$cert" > "$work/fullchain.pem"
openssl verify -x509_strict -purpose sslserver -verify_hostname www.example.com \
  -CAfile "$work/root.pem" "$work/fullchain.pem"

step "acmctl --region us-east-1 cert describe CERT   # ACM resources are regional"
"$acmctl" --region us-east-1 cert describe "$cert" || echo "(exit $?: refused, as ACM would)"

account=$(echo "$cert" | cut -d: -f5)
alb="arn:aws:elasticloadbalancing:eu-west-1:$account:loadbalancer/app/tour/50dc6c495c0c9188"
step "acmctl --region eu-west-1 deploy CERT --target ALB --dest DIR   # what an ALB would serve"
"$acmctl" --region eu-west-1 deploy "$cert" --target "$alb" --dest "$work/tls"
openssl x509 -in "$work/tls/cert.pem" -noout -subject -ext subjectAltName

step "acmctl --region eu-west-1 deploy CERT --target arn:aws:ec2:...   # EC2 is not an integrated service"
"$acmctl" --region eu-west-1 deploy "$cert" --target "arn:aws:ec2:eu-west-1:$account:instance/i-0abcd1234ef567890" \
  || echo "(exit $?: refused, as ACM would)"

step acmctl --region eu-west-1 cert list
"$acmctl" --region eu-west-1 cert list

step acmctl store check
"$acmctl" store check
