"""The Terraform AWS provider's call sequences (ACM-API.md §8) replayed with
boto3, with its inputs (IdempotencyToken tf…, %x serials, DISABLED before
delete). After each apply, a Read whose state differs from the last one
would be a change on the next plan: each Read is done twice and compared.
DNS records are published through DNS_RECORDS (see tests/it/serve.rs)."""
import os
import time
import uuid

from common import acmctl, client, error_of, expect

acm, pca = client("acm"), client("acm-pca")


def token():
    return "tf" + uuid.uuid4().hex[:20]


def read_certificate(arn):
    """What resource aws_acm_certificate's Read puts in the state."""
    c = acm.describe_certificate(CertificateArn=arn)["Certificate"]
    dvos = c.get("DomainValidationOptions", [])
    return {
        "domain_name": c["DomainName"], "sans": c["SubjectAlternativeNames"], "status": c["Status"],
        "key_algorithm": c["KeyAlgorithm"].replace("-", "_"), "options": c.get("Options"),
        "certificate_authority_arn": c.get("CertificateAuthorityArn", ""),
        "validation_method": dvos[0].get("ValidationMethod", "NONE") if dvos else "NONE",
        "dvos": sorted((o["DomainName"], o.get("ResourceRecord", {}).get("Name", "")) for o in dvos),
        "not_after": c.get("NotAfter"), "serial": c.get("Serial"),
        "tags": acm.list_tags_for_certificate(CertificateArn=arn).get("Tags", []),
    }


def no_change(arn):
    first = read_certificate(arn)
    expect(read_certificate(arn) == first, f"a second Read of {arn} differs")
    return first


def wait(what, ok, seconds=30):
    deadline = time.monotonic() + seconds
    while not ok():
        expect(time.monotonic() < deadline, f"timed out waiting for {what}")
        time.sleep(0.5)


# aws_acm_certificate, DNS-validated, then aws_acm_certificate_validation.
arn = acm.request_certificate(DomainName="tf.example.org", SubjectAlternativeNames=["www.tf.example.org"],
                              ValidationMethod="DNS", IdempotencyToken=token(), KeyAlgorithm="RSA_2048",
                              Options={"CertificateTransparencyLoggingPreference": "ENABLED"},
                              Tags=[{"Key": "Name", "Value": "tf"}])["CertificateArn"]
wait("a ResourceRecord", lambda: any("ResourceRecord" in o for o in acm.describe_certificate(CertificateArn=arn)[
    "Certificate"]["DomainValidationOptions"]))
state = no_change(arn)
expect(state["certificate_authority_arn"] == "" and state["validation_method"] == "DNS", state)
expect(state["options"]["CertificateTransparencyLoggingPreference"] == "ENABLED", state)
with open(os.environ["DNS_RECORDS"], "a") as f:
    for o in acm.describe_certificate(CertificateArn=arn)["Certificate"]["DomainValidationOptions"]:
        f.write(f"{o['ResourceRecord']['Name']} {o['ResourceRecord']['Value']}\n")
wait("ISSUED", lambda: acm.describe_certificate(CertificateArn=arn)["Certificate"]["Status"] == "ISSUED")
issued = no_change(arn)
expect(issued["status"] == "ISSUED" and issued["certificate_authority_arn"] == "", issued)

# Updates: tags and the CT preference, each then read back unchanged.
acm.add_tags_to_certificate(CertificateArn=arn, Tags=[{"Key": "env", "Value": "test"}])
acm.remove_tags_from_certificate(CertificateArn=arn, Tags=[{"Key": "Name", "Value": "tf"}])
acm.update_certificate_options(CertificateArn=arn, Options={"CertificateTransparencyLoggingPreference": "DISABLED"})
updated = no_change(arn)
expect(updated["tags"] == [{"Key": "env", "Value": "test"}], updated)
expect(updated["options"]["CertificateTransparencyLoggingPreference"] == "DISABLED", updated)

# data aws_acm_certificate: the paginator, then Describe, tags, Get.
found = [c["CertificateArn"] for p in acm.get_paginator("list_certificates").paginate(
    CertificateStatuses=["ISSUED"], Includes={"keyTypes": ["RSA_2048", "EC_prime256v1"]})
    for c in p["CertificateSummaryList"] if c["DomainName"] == "tf.example.org"]
expect(found == [arn], found)
expect(acm.get_certificate(CertificateArn=arn)["Certificate"].startswith("-----BEGIN"), "GetCertificate")

# A private certificate: Create waits until it leaves PENDING_VALIDATION.
ca = acmctl("ca", "init", "--mode", "private")
private = acm.request_certificate(DomainName="tf-private.example.org", CertificateAuthorityArn=ca,
                                  IdempotencyToken=token(), KeyAlgorithm="EC_prime256v1",
                                  Options={"CertificateTransparencyLoggingPreference": "DISABLED"})["CertificateArn"]
p = no_change(private)
expect(p["status"] == "ISSUED" and p["certificate_authority_arn"] == ca and p["validation_method"] == "NONE", p)
expect(p["key_algorithm"] == "EC_prime256v1" and p["options"]["CertificateTransparencyLoggingPreference"] == "DISABLED", p)

# Delete: ResourceNotFoundException afterwards counts as gone.
for a in (arn, private):
    acm.delete_certificate(CertificateArn=a)
    gone = error_of(lambda: acm.describe_certificate(CertificateArn=a))
    expect(gone["Error"]["Code"] == "ResourceNotFoundException", gone)

# aws_acmpca_certificate_authority, aws_acmpca_certificate (its root
# certificate), aws_acmpca_certificate_authority_certificate.
revocation = {"CrlConfiguration": {"Enabled": False}, "OcspConfiguration": {"Enabled": False}}
root = pca.create_certificate_authority(
    CertificateAuthorityType="ROOT", IdempotencyToken=token(), KeyStorageSecurityStandard="FIPS_140_2_LEVEL_3_OR_HIGHER",
    UsageMode="GENERAL_PURPOSE", RevocationConfiguration=revocation,
    CertificateAuthorityConfiguration={"KeyAlgorithm": "RSA_2048", "SigningAlgorithm": "SHA256WITHRSA",
                                       "Subject": {"CommonName": "tf root", "Organization": "Terraform"}},
    Tags=[{"Key": "Name", "Value": "root"}])["CertificateAuthorityArn"]
wait("not CREATING", lambda: pca.describe_certificate_authority(CertificateAuthorityArn=root)[
    "CertificateAuthority"]["Status"] != "CREATING")


def read_authority(arn):
    a = pca.describe_certificate_authority(CertificateAuthorityArn=arn)["CertificateAuthority"]
    try:
        cert = pca.get_certificate_authority_certificate(CertificateAuthorityArn=arn)
    except pca.exceptions.InvalidStateException:
        cert = {}
    try:
        csr = pca.get_certificate_authority_csr(CertificateAuthorityArn=arn)["Csr"]
    except pca.exceptions.InvalidStateException:
        csr = ""
    cert.pop("ResponseMetadata", None)
    return a, cert, csr, pca.list_tags(CertificateAuthorityArn=arn)["Tags"]


first = read_authority(root)
expect(read_authority(root) == first, "a second Read of the authority differs")
expect(first[0]["RevocationConfiguration"] == revocation and first[0]["Status"] == "PENDING_CERTIFICATE", first[0])
cert_arn = pca.issue_certificate(CertificateAuthorityArn=root, Csr=first[2].encode(), SigningAlgorithm="SHA256WITHRSA",
                                 TemplateArn="arn:aws:acm-pca:::template/RootCACertificate/V1",
                                 Validity={"Type": "YEARS", "Value": 5}, IdempotencyToken=token())["CertificateArn"]
pca.get_waiter("certificate_issued").wait(CertificateAuthorityArn=root, CertificateArn=cert_arn)
root_pem = pca.get_certificate(CertificateAuthorityArn=root, CertificateArn=cert_arn)["Certificate"]
pca.import_certificate_authority_certificate(CertificateAuthorityArn=root, Certificate=root_pem.encode())
active = read_authority(root)
expect(read_authority(root) == active and active[0]["Status"] == "ACTIVE", active[0])

# aws_acmpca_certificate for a leaf, destroyed by revoking its %x serial.
leaf_csr = pca.get_certificate_authority_csr(CertificateAuthorityArn=pca.create_certificate_authority(
    CertificateAuthorityType="SUBORDINATE",
    CertificateAuthorityConfiguration={"KeyAlgorithm": "RSA_2048", "SigningAlgorithm": "SHA256WITHRSA",
                                       "Subject": {"CommonName": "tf sub"}})["CertificateAuthorityArn"])["Csr"]
leaf = pca.issue_certificate(CertificateAuthorityArn=root, Csr=leaf_csr.encode(), SigningAlgorithm="SHA256WITHRSA",
                             TemplateArn="arn:aws:acm-pca:::template/SubordinateCACertificate_PathLen0/V1",
                             Validity={"Type": "DAYS", "Value": 30})["CertificateArn"]
serial = leaf.rsplit("/", 1)[1]
expect(serial == format(int(serial, 16), "x"), f"the ARN ends in the %x serial: {serial}")
pca.revoke_certificate(CertificateAuthorityArn=root, CertificateSerial=serial, RevocationReason="UNSPECIFIED")

# Destroy the authority: DISABLED first (Terraform tolerates the state
# message), then deleted with a restore window.
pca.update_certificate_authority(CertificateAuthorityArn=root, Status="DISABLED")
pca.delete_certificate_authority(CertificateAuthorityArn=root, PermanentDeletionTimeInDays=7)
again = error_of(lambda: pca.update_certificate_authority(CertificateAuthorityArn=root, Status="DISABLED"))
expect("must be in the ACTIVE or DISABLED state" in again["Error"]["Message"], again)
print("terraform.py: passed")
