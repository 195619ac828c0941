#!/usr/bin/env bash
# acmctl in a CI pipeline: a throwaway store, certificates for a few
# services, their ARNs read from the JSON output with jq, and the store
# checked at the end. Many such jobs may run at once against one store.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
acmctl=${ACMCTL:-$here/target/release/acmctl}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export ACMCTL_HOME=${ACMCTL_HOME:-$out/store}
export AWS_REGION=eu-central-1

ca=$("$acmctl" --output json ca init --mode private --common-name "CI Root CA" --key-algorithm EC_prime256v1 \
  | jq -r .CertificateAuthorityArn)
echo "authority: $ca"

for service in web api admin; do
  arn=$("$acmctl" --quiet --output json cert request --domain-name "$service.ci.example.com" \
    --certificate-authority-arn "$ca" --key-algorithm EC_prime256v1 \
    --idempotency-token "ci_${service}" --tags "service=$service" | jq -r .CertificateArn)
  echo "$service: $arn"
  "$acmctl" --output json cert get "$arn" | jq -r '.Certificate, .CertificateChain' > "$out/$service.pem"
done

# A retried job with the same token gets the same certificate, not a new one.
again=$("$acmctl" --quiet --output json cert request --domain-name web.ci.example.com \
  --certificate-authority-arn "$ca" --key-algorithm EC_prime256v1 --idempotency-token ci_web | jq -r .CertificateArn)
count=$("$acmctl" --output json cert list --status ISSUED | jq '.CertificateSummaryList | length')
echo "issued certificates: $count (retry returned $again)"
[ "$count" -eq 3 ]

"$acmctl" ca certificate "$ca" > "$out/root.pem"
for service in web api admin; do
  openssl verify -x509_strict -purpose sslserver -verify_hostname "$service.ci.example.com" \
    -CAfile "$out/root.pem" "$out/$service.pem"
done
"$acmctl" --quiet store check
echo "pipeline ok"
