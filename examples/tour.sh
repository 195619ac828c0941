#!/usr/bin/env bash
# A short tour of acmctl: a private authority, a certificate, a check with
# openssl, and the listing. Runs on a throwaway store unless ACMCTL_HOME is set.
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
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

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

step acmctl --region eu-west-1 cert list
"$acmctl" --region eu-west-1 cert list

step acmctl store check
"$acmctl" store check
