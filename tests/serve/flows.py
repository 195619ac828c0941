"""ACM-API.md §11's flows through the aws CLI and boto3, against a real acmctl
serve on a store of its own. One case per run: `python flows.py CASE`.

  private     request from a private authority, get, openssl verify -x509_strict,
              export with a passphrase file, revoke (ACM, exported; PCA, by serial)
  rules       other region, in use, re-import, imported renewal, pending get
  tags_pages  tags to the limit and past it, pages of certificates and tags"""
import os
import subprocess
import sys
import tempfile

from common import (acmctl, aws, aws_json, client, error_of, expect)

WORK = tempfile.mkdtemp(prefix="acmctl-serve-")


def write(name, data):
    path = os.path.join(WORK, name)
    with open(path, "wb" if isinstance(data, bytes) else "w") as f:
        f.write(data)
    return path


def openssl(*args):
    out = subprocess.run(["openssl", *args], capture_output=True, text=True)
    return out.returncode, out.stdout + out.stderr


def private():
    ca = acmctl("ca", "init", "--mode", "private", "--common-name", "Serve Test Root")
    ca_cert = aws_json("acm-pca", "get-certificate-authority-certificate", "--certificate-authority-arn", ca)
    expect("CertificateChain" not in ca_cert, f"a root has no chain: {ca_cert}")
    request = ["acm", "request-certificate", "--domain-name", "www.example.com", "--subject-alternative-names",
               "www.example.com", "api.example.com", "--certificate-authority-arn", ca, "--key-algorithm",
               "EC_prime256v1", "--idempotency-token", "tf20261204"]
    arn = aws_json(*request)["CertificateArn"]
    expect(aws_json(*request)["CertificateArn"] == arn, "the same token within the hour gives the same certificate")
    got = aws_json("acm", "get-certificate", "--certificate-arn", arn)
    root, cert, chain = write("root.pem", ca_cert["Certificate"]), write("cert.pem", got["Certificate"]), \
        write("chain.pem", got["CertificateChain"])
    code, text = openssl("verify", "-x509_strict", "-purpose", "sslserver", "-verify_hostname", "api.example.com",
                         "-CAfile", root, "-untrusted", chain, cert)
    expect(code == 0, f"openssl verify: {text}")
    d = aws_json("acm", "describe-certificate", "--certificate-arn", arn)["Certificate"]
    expect((d["Status"], d["Type"], d["KeyAlgorithm"]) == ("ISSUED", "PRIVATE", "EC-prime256v1"), d)
    expect(d["CertificateAuthorityArn"] == ca and "DomainValidationOptions" not in d and "Tags" not in d, d)
    expect(d["Options"] == {"CertificateTransparencyLoggingPreference": "ENABLED", "Export": "ENABLED"}, d)
    expect(d["Subject"] == "CN=www.example.com" and d["Issuer"] == "acmctl", d)
    expect(d["SubjectAlternativeNames"] == ["www.example.com", "api.example.com"], d)

    # ExportCertificate: the key, encrypted with the passphrase file's bytes.
    passphrase = write("pass.txt", b"correct horse battery")
    exported = aws_json("acm", "export-certificate", "--certificate-arn", arn, "--passphrase", f"fileb://{passphrase}")
    expect(exported["PrivateKey"].startswith("-----BEGIN ENCRYPTED PRIVATE KEY-----"), exported["PrivateKey"][:40])
    key = write("key.pem", exported["PrivateKey"])
    code, key_pub = openssl("pkey", "-in", key, "-passin", f"file:{passphrase}", "-pubout")
    expect(code == 0, f"openssl pkey -passin: {key_pub}")
    _, cert_pub = openssl("x509", "-in", cert, "-noout", "-pubkey")
    expect(key_pub == cert_pub, "the exported key is the certificate's")
    code, _ = openssl("pkey", "-in", key, "-passin", "pass:wrong horse", "-pubout")
    expect(code != 0, "a wrong passphrase does not open the key")
    d = aws_json("acm", "describe-certificate", "--certificate-arn", arn)["Certificate"]
    expect(d["RenewalEligibility"] == "ELIGIBLE", "exporting makes it eligible for renewal")

    # RenewCertificate, eligible now: renewed at once, RenewalSummary SUCCESS.
    aws("acm", "renew-certificate", "--certificate-arn", arn)
    d = aws_json("acm", "describe-certificate", "--certificate-arn", arn)["Certificate"]
    expect(d["RenewalSummary"]["RenewalStatus"] == "SUCCESS" and isinstance(d["RenewalSummary"]["UpdatedAt"], int), d)

    # ACM's RevokeCertificate: exported certificates only.
    other = aws_json("acm", "request-certificate", "--domain-name", "other.example.com",
                     "--certificate-authority-arn", ca)["CertificateArn"]
    acm = client("acm")
    refused = error_of(lambda: acm.revoke_certificate(CertificateArn=other, RevocationReason="KEY_COMPROMISE"))
    expect(refused["Error"]["Code"] == "ValidationException" and "not been exported" in refused["Error"]["Message"],
           refused)
    revoked = aws_json("acm", "revoke-certificate", "--certificate-arn", arn, "--revocation-reason", "CA_COMPROMISE")
    expect(revoked["CertificateArn"] == arn, revoked)
    d = aws_json("acm", "describe-certificate", "--certificate-arn", arn)["Certificate"]
    expect(d["Status"] == "REVOKED" and d["RevocationReason"] == "CA_COMPROMISE", d)
    again = error_of(lambda: acm.revoke_certificate(CertificateArn=arn, RevocationReason="KEY_COMPROMISE"))
    expect(again["Error"]["Code"] == "ConflictException", again)
    expect(again["ResponseMetadata"]["HTTPHeaders"]["x-acmctl-rule"] == "revocation-is-final", again)

    # ACM PCA's RevokeCertificate, by serial as Terraform writes it (%x).
    pca = client("acm-pca")
    serial = acm.describe_certificate(CertificateArn=other)["Certificate"]["Serial"]
    hexserial = format(int(serial.replace(":", ""), 16), "x")
    pca.revoke_certificate(CertificateAuthorityArn=ca, CertificateSerial=hexserial, RevocationReason="SUPERSEDED")
    expect(acm.describe_certificate(CertificateArn=other)["Certificate"]["Status"] == "REVOKED", "revoked by serial")
    twice = error_of(lambda: pca.revoke_certificate(CertificateAuthorityArn=ca, CertificateSerial=hexserial,
                                                    RevocationReason="SUPERSEDED"))
    expect(twice["Error"]["Code"] == "RequestAlreadyProcessedException", twice)
    root_serial = pca.describe_certificate_authority(CertificateAuthorityArn=ca)["CertificateAuthority"]["Serial"]
    own = error_of(lambda: pca.revoke_certificate(CertificateAuthorityArn=ca, CertificateSerial=root_serial,
                                                  RevocationReason="UNSPECIFIED"))
    expect(own["Error"] == {"Code": "InvalidRequestException", "Message": "Self-signed certificate can not be revoked."},
           own)
    unknown = error_of(lambda: pca.revoke_certificate(CertificateAuthorityArn=ca, CertificateSerial="abc123",
                                                      RevocationReason="UNSPECIFIED"))
    expect(unknown["Error"]["Code"] == "ResourceNotFoundException", unknown)
    # The CRL lists both: openssl refuses the revoked certificate with it.
    # (The certificate as it is now: renewal gave it a new serial.)
    crl = write("crl.pem", acmctl("ca", "crl", ca))
    current = write("current.pem", aws_json("acm", "get-certificate", "--certificate-arn", arn)["Certificate"])
    code, text = openssl("verify", "-crl_check", "-CAfile", root, "-CRLfile", crl, "-untrusted", chain, current)
    expect(code != 0 and "revoked" in text, f"openssl verify -crl_check: {text}")


def account_of(arn):
    return arn.split(":")[4]


def rules():
    ca = acmctl("ca", "init", "--mode", "private")
    acm = client("acm")
    arn = acm.request_certificate(DomainName="web.example.com", CertificateAuthorityArn=ca)["CertificateArn"]

    # Another region's certificate is not found there, and the rule says why.
    elsewhere = client("acm", region="us-west-2")
    gone = error_of(lambda: elsewhere.describe_certificate(CertificateArn=arn))
    expect(gone["Error"]["Code"] == "ResourceNotFoundException", gone)
    expect(gone["ResponseMetadata"]["HTTPStatusCode"] == 400, gone)
    expect(gone["ResponseMetadata"]["HTTPHeaders"]["x-acmctl-rule"] == "regional-resource", gone)
    expect("[acmctl rule regional-resource: " in gone["Error"]["Message"], gone)
    cli = aws("acm", "describe-certificate", "--certificate-arn", arn, region="us-west-2", check=False)
    expect(cli.returncode == 255 and "ResourceNotFoundException" in cli.stderr, (cli.returncode, cli.stderr))

    # Deployed with the CLI, then deleted through the API: in use.
    target = f"arn:aws:elasticloadbalancing:{os.environ['AWS_DEFAULT_REGION']}:{account_of(arn)}:loadbalancer/app/web/1"
    acmctl("deploy", arn, "--target", target, "--dest", os.path.join(WORK, "deployed"))
    in_use = error_of(lambda: acm.delete_certificate(CertificateArn=arn))
    expect(in_use["Error"]["Code"] == "ResourceInUseException", in_use)
    expect(in_use["Error"]["Message"].startswith(f"Certificate {arn} in account {account_of(arn)} is in use."), in_use)
    expect(in_use["ResponseMetadata"]["HTTPHeaders"]["x-acmctl-rule"] == "delete-not-in-use", in_use)
    expect(acm.describe_certificate(CertificateArn=arn)["Certificate"]["InUseBy"] == [target], "InUseBy lists it")

    # Import with tags; re-import over it, with tags refused.
    key, cert = os.path.join(WORK, "imported-key.pem"), os.path.join(WORK, "imported.pem")
    code, text = openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "30",
                         "-subj", "/CN=imported.example.com", "-addext",
                         "subjectAltName=DNS:imported.example.com,DNS:www.imported.example.com",
                         "-keyout", key, "-out", cert)
    expect(code == 0, text)
    files = ["--certificate", f"fileb://{cert}", "--private-key", f"fileb://{key}"]
    imported = aws_json("acm", "import-certificate", *files, "--tags", "Key=team,Value=web")["CertificateArn"]
    expect(acm.list_tags_for_certificate(CertificateArn=imported)["Tags"] == [{"Key": "team", "Value": "web"}],
           "tags given at import")
    d = acm.describe_certificate(CertificateArn=imported)["Certificate"]
    expect(d["Type"] == "IMPORTED" and d["DomainValidationOptions"] == [
        {"DomainName": "imported.example.com"}, {"DomainName": "www.imported.example.com"}], d)
    expect(d["Options"]["CertificateTransparencyLoggingPreference"] == "DISABLED", d)
    tagged = aws("acm", "import-certificate", *files, "--certificate-arn", imported, "--tags", "Key=a,Value=b",
                 check=False)
    expect(tagged.returncode == 255 and "Tagging is not permitted on re-import" in tagged.stderr, tagged.stderr)
    expect(aws_json("acm", "import-certificate", *files, "--certificate-arn", imported)["CertificateArn"] == imported,
           "re-import keeps the ARN")
    over_private = error_of(lambda: acm.import_certificate(CertificateArn=arn, Certificate=open(cert, "rb").read(),
                                                           PrivateKey=open(key, "rb").read()))
    expect(over_private["Error"]["Code"] == "ValidationException", over_private)
    expect(over_private["ResponseMetadata"]["HTTPHeaders"]["x-acmctl-rule"] == "reimport-imported-only", over_private)

    # ACM never renews an imported certificate.
    renew = error_of(lambda: acm.renew_certificate(CertificateArn=imported))
    expect(renew["Error"]["Code"] == "ValidationException", renew)
    expect(renew["ResponseMetadata"]["HTTPHeaders"]["x-acmctl-rule"] == "imported-not-renewed", renew)
    not_eligible = error_of(lambda: acm.renew_certificate(
        CertificateArn=acm.request_certificate(DomainName="idle.example.com", CertificateAuthorityArn=ca)[
            "CertificateArn"]))
    expect(not_eligible["Error"]["Code"] == "ValidationException", not_eligible)

    # A public certificate: EMAIL (the API's default) needs a relay; DNS waits.
    no_relay = error_of(lambda: acm.request_certificate(DomainName="mail.example.com"))
    expect(no_relay["Error"]["Code"] == "InvalidParameterException", no_relay)
    pending = acm.request_certificate(DomainName="pending.example.com", ValidationMethod="DNS")["CertificateArn"]
    early = error_of(lambda: acm.get_certificate(CertificateArn=pending))
    expect(early["Error"]["Code"] == "RequestInProgressException", early)
    export = error_of(lambda: acm.export_certificate(CertificateArn=pending, Passphrase=b"four"))
    expect(export["Error"]["Code"] == "ValidationException", export)
    d = acm.describe_certificate(CertificateArn=pending)["Certificate"]
    expect("CertificateAuthorityArn" not in d and d["Type"] == "AMAZON_ISSUED", d)
    dvo = d["DomainValidationOptions"][0]
    expect(dvo["ValidationMethod"] == "DNS" and dvo["ResourceRecord"]["Type"] == "CNAME", dvo)
    # A name no public CA issues for: the request stands, FAILED, as in ACM.
    failed = acm.request_certificate(DomainName="shop.example.test", ValidationMethod="DNS")["CertificateArn"]
    d = acm.describe_certificate(CertificateArn=failed)["Certificate"]
    expect(d["Status"] == "FAILED" and d["FailureReason"] == "INVALID_PUBLIC_DOMAIN", d)
    expect(d["DomainValidationOptions"][0]["ValidationStatus"] == "FAILED", d)
    listed = acm.list_certificates(CertificateStatuses=["FAILED"])["CertificateSummaryList"]
    expect([s["CertificateArn"] for s in listed] == [failed], listed)
    # Options.Export ENABLED makes a public certificate exportable, for good.
    exportable = acm.request_certificate(DomainName="export.example.com", ValidationMethod="DNS",
                                         Options={"Export": "ENABLED"})["CertificateArn"]
    d = acm.describe_certificate(CertificateArn=exportable)["Certificate"]
    expect(d["Options"]["Export"] == "ENABLED", d)
    fixed = error_of(lambda: acm.update_certificate_options(CertificateArn=exportable, Options={"Export": "DISABLED"}))
    expect(fixed["ResponseMetadata"]["HTTPHeaders"]["x-acmctl-rule"] == "export-fixed-at-request", fixed)
    listed = acm.list_certificates(Includes={"exportOption": "ENABLED"}, CertificateStatuses=["PENDING_VALIDATION"])
    expect([s["CertificateArn"] for s in listed["CertificateSummaryList"]] == [exportable], listed)
    expect(acm.describe_certificate(CertificateArn=pending)["Certificate"]["Options"]["Export"] == "DISABLED", pending)
    bad_ca = error_of(lambda: acm.request_certificate(DomainName="x.example.com",
                                                      CertificateAuthorityArn=ca.replace(region_of(ca), "us-west-2")))
    expect(bad_ca["Error"]["Code"] in ("InvalidArnException", "ResourceNotFoundException"), bad_ca)


def region_of(arn):
    return arn.split(":")[3]


def tags_pages():
    ca = acmctl("ca", "init", "--mode", "private")
    acm = client("acm")
    arns = [acm.request_certificate(DomainName=f"host{i}.example.com", CertificateAuthorityArn=ca)["CertificateArn"]
            for i in range(7)]
    listed = aws_json("acm", "list-certificates", "--page-size", "2")["CertificateSummaryList"]
    expect(sorted(c["CertificateArn"] for c in listed) == sorted(arns), f"all 7 with --page-size 2: {listed}")
    pages = list(acm.get_paginator("list_certificates").paginate(PaginationConfig={"PageSize": 2}))
    tokens = [p["NextToken"] for p in pages if "NextToken" in p]
    expect(len(pages) == 4 and len(tokens) == 3 and len(set(tokens)) == 3 and all(tokens), pages)
    paged = [c for p in pages for c in p["CertificateSummaryList"]]
    expect(sorted(c["CertificateArn"] for c in paged) == sorted(arns), "every certificate once")
    created = [c["CreatedAt"] for c in paged]
    expect(created == sorted(created), f"in order of creation: {created}")
    whole = acm.list_certificates(MaxItems=7)
    expect(len(whole["CertificateSummaryList"]) == 7 and "NextToken" not in whole, whole)
    newest = acm.list_certificates(MaxItems=1, SortBy="CREATED_AT", SortOrder="DESCENDING")
    expect(newest["CertificateSummaryList"][0]["CreatedAt"] == max(created) and newest["NextToken"], newest)
    bad = error_of(lambda: acm.list_certificates(NextToken="bm90LWEtdG9rZW4"))
    expect(bad["Error"]["Code"] == "InvalidArgsException", bad)
    ec = acm.request_certificate(DomainName="ec.example.com", CertificateAuthorityArn=ca,
                                 KeyAlgorithm="EC_prime256v1")["CertificateArn"]
    expect(ec not in [c["CertificateArn"] for c in acm.list_certificates()["CertificateSummaryList"]],
           "without Includes.keyTypes, RSA_2048 only")
    only_ec = acm.list_certificates(Includes={"keyTypes": ["EC_prime256v1"]})["CertificateSummaryList"]
    expect([c["CertificateArn"] for c in only_ec] == [ec], only_ec)
    expect(acm.list_certificates(CertificateStatuses=["REVOKED"])["CertificateSummaryList"] == [], "status filter")

    # Tags: 50 at most, ACM's characters, no aws: keys.
    arn = arns[0]
    acm.add_tags_to_certificate(CertificateArn=arn, Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(50)])
    many = error_of(lambda: acm.add_tags_to_certificate(CertificateArn=arn, Tags=[{"Key": "one-more", "Value": ""}]))
    expect(many["Error"]["Code"] == "TooManyTagsException", many)
    reserved = error_of(lambda: acm.add_tags_to_certificate(CertificateArn=arns[1], Tags=[{"Key": "aws:x", "Value": "y"}]))
    expect(reserved["Error"]["Code"] == "InvalidTagException", reserved)
    acm.remove_tags_from_certificate(CertificateArn=arn, Tags=[{"Key": "k0", "Value": "not-v"}, {"Key": "k1"}])
    keys = [t["Key"] for t in acm.list_tags_for_certificate(CertificateArn=arn)["Tags"]]
    expect(len(keys) == 49 and "k0" in keys and "k1" not in keys, "a value that does not match removes nothing")
    acm.untag_resource(ResourceArn=arn, TagKeys=[f"k{i}" for i in range(2, 50)])
    expect(acm.list_tags_for_resource(ResourceArn=arn)["Tags"] == [{"Key": "k0", "Value": "v"}], "untagged")
    acm.tag_resource(ResourceArn=arn, Tags=[{"Key": "team", "Value": "web"}])
    expect(aws_json("acm", "list-tags-for-certificate", "--certificate-arn", arn)["Tags"][-1] ==
           {"Key": "team", "Value": "web"}, "the CLI sees the tag")

    # An authority's tags, in pages.
    pca = client("acm-pca")
    pca.tag_certificate_authority(CertificateAuthorityArn=ca, Tags=[{"Key": f"t{i}", "Value": str(i)} for i in range(5)])
    pages = list(pca.get_paginator("list_tags").paginate(CertificateAuthorityArn=ca, PaginationConfig={"PageSize": 2}))
    expect([t["Key"] for p in pages for t in p["Tags"]] == [f"t{i}" for i in range(5)] and len(pages) == 3, pages)
    pca.untag_certificate_authority(CertificateAuthorityArn=ca, Tags=[{"Key": "t0"}])
    expect(len(pca.list_tags(CertificateAuthorityArn=ca)["Tags"]) == 4, "untagged authority")
    cas = list(pca.get_paginator("list_certificate_authorities").paginate(PaginationConfig={"PageSize": 1}))
    expect([a["Arn"] for p in cas for a in p["CertificateAuthorities"]] == [ca], cas)


CASES = {"private": private, "rules": rules, "tags_pages": tags_pages}

if __name__ == "__main__":
    CASES[sys.argv[1]]()
    print(f"flows.py {sys.argv[1]}: passed")
