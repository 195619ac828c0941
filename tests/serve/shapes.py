"""Raw responses checked member by member against botocore's own service models
(the venv's botocore/data): every member known to its shape, of its type,
timestamps as numbers, no nulls, no empty NextToken, enums from the model
(KeyAlgorithm is hyphenated in responses, as AWS sends it). Then the JS SDK,
whose parser is strict, reads Describe, List and DescribeCertificateAuthority."""
import json
import os
import subprocess
import tempfile

import botocore.session

from common import acmctl, client, expect, raw

MODELS = {s: botocore.session.get_session().get_service_model(s) for s in ("acm", "acm-pca")}
HYPHENATED = {"RSA-2048", "RSA-3072", "RSA-4096", "EC-prime256v1", "EC-secp384r1", "EC-secp521r1"}
TYPES = {"string": str, "blob": str, "boolean": bool, "integer": int, "long": int, "list": list, "structure": dict,
         "map": dict}


def check(shape, value, path, problems):
    if value is None:
        problems.append(f"{path}: null")
        return
    if shape.type_name == "timestamp":
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            problems.append(f"{path}: timestamp {value!r} is not epoch seconds")
        return
    want = TYPES.get(shape.type_name)
    if want and not isinstance(value, want) or shape.type_name in ("integer", "long") and isinstance(value, bool):
        problems.append(f"{path}: {value!r} is not a {shape.type_name}")
        return
    if shape.type_name == "structure":
        for k, v in value.items():
            if k not in shape.members:
                problems.append(f"{path}.{k}: not a member of {shape.name}")
            else:
                check(shape.members[k], v, f"{path}.{k}", problems)
    elif shape.type_name == "list":
        for i, item in enumerate(value):
            check(shape.member, item, f"{path}[{i}]", problems)
    elif shape.type_name == "string" and shape.enum and value not in shape.enum:
        if not (shape.name == "KeyAlgorithm" and value in HYPHENATED):
            problems.append(f"{path}: {value!r} is not one of {shape.name}")


def call(service, operation, body, problems):
    status, headers, out = raw(service, operation, body)
    expect(headers.get("Content-Type") == "application/x-amz-json-1.1", headers)
    expect(len(headers.get("x-amzn-RequestId", "")) == 36, headers)
    if status != 200:
        problems.append(f"{operation}: {status} {out}")
        return out
    if out.get("NextToken") == "":
        problems.append(f"{operation}: an empty NextToken")
    op = MODELS[service].operation_model(operation)
    if op.output_shape is None:
        expect(out == {}, f"{operation} has no output: {out}")
    else:
        check(op.output_shape, out, operation, problems)
    return out


ca = acmctl("ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1")
acm = client("acm")
private = acm.request_certificate(DomainName="shape.example.com", CertificateAuthorityArn=ca, KeyAlgorithm="EC_prime256v1",
                                  Tags=[{"Key": "k", "Value": "v"}])["CertificateArn"]
public = acm.request_certificate(DomainName="shape.example.org", SubjectAlternativeNames=["*.shape.example.org"],
                                 ValidationMethod="DNS")["CertificateArn"]
work = tempfile.mkdtemp(prefix="acmctl-shapes-")
key, cert = os.path.join(work, "k.pem"), os.path.join(work, "c.pem")
subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "10", "-subj",
                "/C=US/O=Shape Test/CN=imported.example.com", "-keyout", key, "-out", cert],
               check=True, capture_output=True)
imported = acm.import_certificate(Certificate=open(cert, "rb").read(), PrivateKey=open(key, "rb").read())[
    "CertificateArn"]
pca = client("acm-pca")
pending_ca = pca.create_certificate_authority(
    CertificateAuthorityType="ROOT",
    CertificateAuthorityConfiguration={"KeyAlgorithm": "RSA_2048", "SigningAlgorithm": "SHA256WITHRSA",
                                       "Subject": {"CommonName": "Pending"}})["CertificateAuthorityArn"]

problems = []
for arn in (private, public, imported):
    d = call("acm", "DescribeCertificate", {"CertificateArn": arn}, problems)["Certificate"]
    expect("Tags" not in d and "Mode" not in d, d)
expect(call("acm", "DescribeCertificate", {"CertificateArn": private}, problems)["Certificate"]["KeyAlgorithm"] ==
       "EC-prime256v1", "hyphenated")
call("acm", "ListCertificates", {"Includes": {"keyTypes": ["EC_prime256v1", "RSA_2048"]}, "MaxItems": 1}, problems)
call("acm", "GetCertificate", {"CertificateArn": private}, problems)
call("acm", "ListTagsForCertificate", {"CertificateArn": private}, problems)
call("acm", "GetAccountConfiguration", {}, problems)
call("acm", "PutAccountConfiguration", {"IdempotencyToken": "t1", "ExpiryEvents": {"DaysBeforeExpiry": 30}}, problems)
call("acm", "UpdateCertificateOptions", {"CertificateArn": private,
                                         "Options": {"CertificateTransparencyLoggingPreference": "DISABLED"}}, problems)
for arn in (ca, pending_ca):
    d = call("acm-pca", "DescribeCertificateAuthority", {"CertificateAuthorityArn": arn}, problems)
    expect("Mode" not in d["CertificateAuthority"], d)
call("acm-pca", "ListCertificateAuthorities", {"MaxResults": 1}, problems)
call("acm-pca", "GetCertificateAuthorityCertificate", {"CertificateAuthorityArn": ca}, problems)
call("acm-pca", "GetCertificateAuthorityCsr", {"CertificateAuthorityArn": pending_ca}, problems)
call("acm-pca", "ListTags", {"CertificateAuthorityArn": ca}, problems)
expect(not problems, "\n".join(problems))

# Errors: {"__type", "message"} and nothing else, 400.
status, _, err = raw("acm", "DescribeCertificate", {"CertificateArn": private.replace("eu-west-1", "eu-west-2")})
expect(status == 400 and set(err) == {"__type", "message"} and err["__type"] == "ResourceNotFoundException", err)
status, _, err = raw("acm", "DescribeCertificate", b"{not json")
expect(status == 400 and err["__type"] == "SerializationException", err)

# The JS SDK reads the same answers with its strict parser.
js = os.path.join(os.path.dirname(os.path.abspath(__file__)), "js")
expect(os.path.isdir(os.path.join(js, "node_modules", "@aws-sdk")),
       "tests/serve/js has no node_modules: run 'npm ci' there (scripts/test.sh does)")
out = subprocess.run(["node", "parse.mjs"], cwd=js, capture_output=True, text=True,
                     env={**os.environ, "CERT_ARNS": json.dumps([private, public, imported]),
                          "CA_ARNS": json.dumps([ca, pending_ca])})
expect(out.returncode == 0, f"the JS SDK: {out.stdout}{out.stderr}")
print(out.stdout.strip())
print("shapes.py: passed")
