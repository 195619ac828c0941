"""Drives acmctl serve's transport with real clients: boto3, the aws CLI and,
when ACMCTL_SERVE_NODE_DIR names tests/serve/js with its node_modules, the JS
SDK v3. The server is the in-process one of src/serve/server/tests.rs
(`real_clients_speak_to_the_transport`, ignored unless asked for) with a test
double behind the Api trait; this checks SigV4 with live signatures, the
JSON 1.1 wire format, errors, epoch timestamps and pagination, not ACM itself.

Environment: AWS_ENDPOINT_URL, AWS_SHARED_CREDENTIALS_FILE (the test keys of
src/serve/testdata), AWS_CONFIG_FILE=/dev/null."""
import datetime
import json
import os
import subprocess
import sys

import boto3
import botocore.config
from botocore.exceptions import ClientError

URL = os.environ["AWS_ENDPOINT_URL"]
ARN = "arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012"
CFG = botocore.config.Config(retries={"max_attempts": 1}, parameter_validation=False)


def client(service, region="eu-west-1", profile="default"):
    return boto3.Session(profile_name=profile, region_name=region).client(service, endpoint_url=URL, config=CFG)


def error_of(call):
    try:
        call()
    except ClientError as e:
        return e.response
    raise AssertionError("no error")


acm = client("acm")
cert = acm.describe_certificate(CertificateArn=ARN)["Certificate"]
assert isinstance(cert["CreatedAt"], datetime.datetime), cert
assert cert["CreatedAt"].timestamp() == 1733320000, cert
assert "Tags" not in cert, cert

# Pagination: five certificates, two a page, every token used once.
pages = list(acm.get_paginator("list_certificates").paginate(PaginationConfig={"PageSize": 2}))
arns = [c["CertificateArn"] for p in pages for c in p["CertificateSummaryList"]]
assert len(pages) == 3 and len(set(arns)) == 5, pages
assert "NextToken" not in pages[-1], pages[-1]
bad = error_of(lambda: acm.list_certificates(NextToken="bm90LWEtdG9rZW4"))
assert bad["Error"]["Code"] == "InvalidArgsException", bad

# Errors: the API's, with the rule header; the protocol's; auth.
gone = error_of(lambda: acm.delete_certificate(CertificateArn=ARN))
assert gone["Error"]["Code"] == "ResourceNotFoundException", gone
assert gone["ResponseMetadata"]["HTTPStatusCode"] == 400
assert gone["ResponseMetadata"]["HTTPHeaders"]["x-acmctl-rule"] == "regional-resource", gone
assert len(gone["ResponseMetadata"]["RequestId"]) == 36, gone
invalid = error_of(lambda: acm.describe_certificate(CertificateArn="x"))
assert invalid["Error"]["Code"] == "ValidationException", invalid
assert invalid["Error"]["Message"].startswith("2 validation errors detected: Value 'x' at 'certificateArn'"), invalid
unsupported = error_of(lambda: acm.search_certificates())
assert unsupported["Error"] == {"Code": "UnsupportedOperationException", "Message": "acmctl serve does not implement SearchCertificates"}, unsupported
wrong = error_of(lambda: client("acm", profile="wrong-secret").describe_certificate(CertificateArn=ARN))
assert wrong["Error"]["Code"] == "InvalidSignatureException", wrong
unknown = error_of(lambda: client("acm", profile="unknown-key").describe_certificate(CertificateArn=ARN))
assert unknown["Error"] == {"Code": "UnrecognizedClientException", "Message": "The security token included in the request is invalid."}, unknown

# The session-token profile, on ACM PCA: region and service of its scope.
pca = client("acm-pca", region="ap-southeast-2", profile="session")
ca = pca.describe_certificate_authority(CertificateAuthorityArn="arn:aws:acm-pca:ap-southeast-2:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012")
assert ca["CertificateAuthority"]["Arn"].startswith("arn:aws:acm-pca:ap-southeast-2:"), ca
assert isinstance(ca["CertificateAuthority"]["CreatedAt"], datetime.datetime), ca

# The aws CLI (its vendored botocore): exit 0 and the double's answer; 255 on an error.
aws = os.path.join(os.path.dirname(sys.executable), "aws")
out = subprocess.run([aws, "acm", "get-certificate", "--certificate-arn", ARN.replace("eu-west-1", "us-west-2"), "--region", "us-west-2",
                      "--endpoint-url", URL], capture_output=True, text=True, check=True)
assert json.loads(out.stdout)["Certificate"].startswith("-----BEGIN CERTIFICATE-----"), out.stdout
failed = subprocess.run([aws, "acm", "delete-certificate", "--certificate-arn", ARN, "--region", "eu-west-1", "--endpoint-url", URL],
                        capture_output=True, text=True)
assert failed.returncode == 255 and "ResourceNotFoundException" in failed.stderr, (failed.returncode, failed.stderr)

node_dir = os.environ.get("ACMCTL_SERVE_NODE_DIR")
if node_dir:
    subprocess.run(["node", os.path.join(os.path.dirname(os.path.abspath(__file__)), "js", "transport_smoke.mjs")],
                   cwd=node_dir, check=True)
print("transport smoke: boto3, aws CLI" + (", JS SDK" if node_dir else "") + ": all passed")
