"""ACM Private CA through boto3 and the aws CLI (ACM-API.md §11, cases 1 and 2):
a root made the way the console makes one (CreateCertificateAuthority, its CSR,
IssueCertificate with RootCACertificate/V1, ImportCertificateAuthorityCertificate),
a subordinate under it (PathLen0, imported with its chain), certificates from
both checked with openssl verify -x509_strict, and the lifecycle: disable,
delete with a restore window, restore."""
import os
import subprocess
import tempfile

from common import aws_json, client, error_of, expect

WORK = tempfile.mkdtemp(prefix="acmctl-pca-")
TEMPLATE = "arn:aws:acm-pca:::template/"
pca, acm = client("acm-pca"), client("acm")


def write(name, text):
    path = os.path.join(WORK, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def openssl(*args):
    out = subprocess.run(["openssl", *args], capture_output=True, text=True)
    return out.returncode, out.stdout + out.stderr


def create(kind, cn, token):
    return pca.create_certificate_authority(
        CertificateAuthorityType=kind, IdempotencyToken=token,
        CertificateAuthorityConfiguration={"KeyAlgorithm": "EC_prime256v1", "SigningAlgorithm": "SHA256WITHECDSA",
                                           "Subject": {"Country": "DE", "Organization": "Example", "CommonName": cn}},
        RevocationConfiguration={"CrlConfiguration": {"Enabled": False}},
        Tags=[{"Key": "tier", "Value": kind.lower()}])["CertificateAuthorityArn"]


def pem(text):
    """PEM compared by content (acmctl's self-signed root has CRLF line ends)."""
    return text.replace("\r\n", "\n").strip()


def issue(ca, csr, template, validity):
    arn = pca.issue_certificate(CertificateAuthorityArn=ca, Csr=csr.encode(), SigningAlgorithm="SHA256WITHECDSA",
                                TemplateArn=TEMPLATE + template, Validity=validity,
                                IdempotencyToken="tf" + template.replace("/", "")[:20])["CertificateArn"]
    expect(arn.startswith(ca + "/certificate/"), arn)
    pca.get_waiter("certificate_issued").wait(CertificateAuthorityArn=ca, CertificateArn=arn,
                                              WaiterConfig={"Delay": 1, "MaxAttempts": 5})
    return arn, pca.get_certificate(CertificateAuthorityArn=ca, CertificateArn=arn)


# The root: PENDING_CERTIFICATE with a CSR, then its own certificate.
root = create("ROOT", "Example Root", "tfroot1")
expect(create("ROOT", "Example Root", "tfroot1") == root, "the same token within 5 minutes")
d = pca.describe_certificate_authority(CertificateAuthorityArn=root)["CertificateAuthority"]
expect(d["Status"] == "PENDING_CERTIFICATE" and "Serial" not in d and "NotAfter" not in d, d)
expect(d["CertificateAuthorityConfiguration"]["Subject"] == {"Country": "DE", "Organization": "Example",
                                                             "CommonName": "Example Root"}, d)
expect(d["RevocationConfiguration"] == {"CrlConfiguration": {"Enabled": False}}, d)
pending = error_of(lambda: pca.get_certificate_authority_certificate(CertificateAuthorityArn=root))
expect(pending["Error"]["Code"] == "InvalidStateException", pending)
pca.get_waiter("certificate_authority_csr_created").wait(CertificateAuthorityArn=root,
                                                         WaiterConfig={"Delay": 1, "MaxAttempts": 5})
root_csr = pca.get_certificate_authority_csr(CertificateAuthorityArn=root)["Csr"]
expect(root_csr.startswith("-----BEGIN CERTIFICATE REQUEST-----"), root_csr[:40])
_, root_cert = issue(root, root_csr, "RootCACertificate/V1", {"Type": "YEARS", "Value": 10})
expect("CertificateChain" not in root_cert, "a root's own certificate has no chain")
pca.import_certificate_authority_certificate(CertificateAuthorityArn=root,
                                             Certificate=root_cert["Certificate"].encode())
d = pca.describe_certificate_authority(CertificateAuthorityArn=root)["CertificateAuthority"]
expect(d["Status"] == "ACTIVE" and d["Serial"] and d["NotAfter"] > d["NotBefore"], d)
root_pem = write("root.pem", root_cert["Certificate"])

# A subordinate: its CSR signed by the root with PathLen0, imported with the chain.
sub = create("SUBORDINATE", "Example Issuing", "tfsub1")
sub_csr = pca.get_certificate_authority_csr(CertificateAuthorityArn=sub)["Csr"]
_, sub_cert = issue(root, sub_csr, "SubordinateCACertificate_PathLen0/V1", {"Type": "DAYS", "Value": 1000})
expect(pem(sub_cert["CertificateChain"]) == pem(root_cert["Certificate"]), "the chain ends at the root")
pca.import_certificate_authority_certificate(CertificateAuthorityArn=sub, Certificate=sub_cert["Certificate"].encode(),
                                             CertificateChain=sub_cert["CertificateChain"].encode())
got = pca.get_certificate_authority_certificate(CertificateAuthorityArn=sub)
expect(pem(got["CertificateChain"]) == pem(root_cert["Certificate"]), got)
sub_pem = write("sub.pem", got["Certificate"])
code, text = openssl("verify", "-x509_strict", "-CAfile", root_pem, sub_pem)
expect(code == 0, f"the subordinate verifies under the root: {text}")

# ACM issues from the subordinate (aws CLI), and so does IssueCertificate for a CSR.
arn = aws_json("acm", "request-certificate", "--domain-name", "svc.example.net", "--certificate-authority-arn",
               sub)["CertificateArn"]
leaf = aws_json("acm", "get-certificate", "--certificate-arn", arn)
code, text = openssl("verify", "-x509_strict", "-purpose", "sslserver", "-verify_hostname", "svc.example.net",
                     "-CAfile", root_pem, "-untrusted", write("chain.pem", leaf["CertificateChain"]),
                     write("leaf.pem", leaf["Certificate"]))
expect(code == 0, f"openssl verify -x509_strict: {text}")
key, csr = os.path.join(WORK, "ee.key"), os.path.join(WORK, "ee.csr")
code, text = openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key,
                     "-subj", "/CN=client.example.net", "-addext", "subjectAltName=DNS:client.example.net", "-out", csr)
expect(code == 0, text)
ee_arn, ee = issue(sub, open(csr).read(), "EndEntityCertificate/V1", {"Type": "DAYS", "Value": 30})
code, text = openssl("verify", "-x509_strict", "-CAfile", root_pem, "-untrusted", write("ee-chain.pem",
                     ee["CertificateChain"]), write("ee.pem", ee["Certificate"]))
expect(code == 0, f"the CSR's certificate verifies: {text}")
malformed = error_of(lambda: pca.issue_certificate(CertificateAuthorityArn=sub, Csr=b"not a csr",
                                                   SigningAlgorithm="SHA256WITHECDSA",
                                                   Validity={"Type": "DAYS", "Value": 1}))
expect(malformed["Error"]["Code"] == "MalformedCSRException", malformed)

# Revocation by serial (Terraform's %x), once.
serial = ee_arn.rsplit("/", 1)[1]
pca.revoke_certificate(CertificateAuthorityArn=sub, CertificateSerial=serial, RevocationReason="UNSPECIFIED")
again = error_of(lambda: pca.revoke_certificate(CertificateAuthorityArn=sub, CertificateSerial=serial,
                                                RevocationReason="UNSPECIFIED"))
expect(again["Error"]["Code"] == "RequestAlreadyProcessedException", again)

# Lifecycle: disabled authorities do not issue; deletion needs DISABLED and
# leaves a restore window.
active = error_of(lambda: pca.delete_certificate_authority(CertificateAuthorityArn=sub, PermanentDeletionTimeInDays=7))
expect(active["Error"]["Code"] == "InvalidStateException", active)
pca.update_certificate_authority(CertificateAuthorityArn=sub, Status="DISABLED",
                                 RevocationConfiguration={"CrlConfiguration": {"Enabled": False},
                                                          "OcspConfiguration": {"Enabled": False}})
d = pca.describe_certificate_authority(CertificateAuthorityArn=sub)["CertificateAuthority"]
expect(d["Status"] == "DISABLED" and d["RevocationConfiguration"] == {
    "CrlConfiguration": {"Enabled": False}, "OcspConfiguration": {"Enabled": False}}, d)
refused = error_of(lambda: acm.request_certificate(DomainName="late.example.net", CertificateAuthorityArn=sub))
expect(refused["Error"]["Code"] == "InvalidStateException", refused)
pca.delete_certificate_authority(CertificateAuthorityArn=sub, PermanentDeletionTimeInDays=7)
d = pca.describe_certificate_authority(CertificateAuthorityArn=sub)["CertificateAuthority"]
expect(d["Status"] == "DELETED" and "RestorableUntil" in d, d)
expect(sub in [a["Arn"] for a in pca.list_certificate_authorities()["CertificateAuthorities"]], "listed while restorable")
pca.restore_certificate_authority(CertificateAuthorityArn=sub)
expect(pca.describe_certificate_authority(CertificateAuthorityArn=sub)["CertificateAuthority"]["Status"] == "DISABLED",
       "restored to DISABLED")
expect(pca.list_tags(CertificateAuthorityArn=root)["Tags"] == [{"Key": "tier", "Value": "root"}], "tags at creation")
with open(os.environ.get("PCA_ARNS", os.devnull), "w") as f:
    f.write(f"{root}\n{sub}\n")
print("pca.py: passed")
