"""What the client scripts share: boto3 clients and the aws CLI pointed at the
acmctl serve that tests/it/serve.rs started, acmctl itself for the CLI side,
and raw requests signed by botocore's own SigV4Auth, to read responses byte
for byte.

Environment (set by tests/it/serve.rs): AWS_ENDPOINT_URL,
AWS_SHARED_CREDENTIALS_FILE (serve's credentials), AWS_CONFIG_FILE=/dev/null,
AWS_DEFAULT_REGION, ACMCTL_BIN, ACMCTL_HOME."""
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

import boto3
import botocore.config
import botocore.session
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.exceptions import ClientError

URL = os.environ["AWS_ENDPOINT_URL"]
REGION = os.environ["AWS_DEFAULT_REGION"]
ACMCTL = os.environ["ACMCTL_BIN"]
AWS = os.path.join(os.path.dirname(sys.executable), "aws")
TARGETS = {"acm": "CertificateManager", "acm-pca": "ACMPrivateCA"}


def client(service, region=REGION, attempts=1):
    config = botocore.config.Config(retries={"max_attempts": attempts, "mode": "standard"})
    return boto3.Session(region_name=region).client(service, endpoint_url=URL, config=config)


def error_of(call):
    """The error response of a call that must fail."""
    try:
        result = call()
    except ClientError as e:
        return e.response
    raise AssertionError(f"expected an error, got {result}")


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


def acmctl(*args, region=REGION, env=None):
    """acmctl's CLI on the same store; its stdout."""
    out = subprocess.run([ACMCTL, "--region", region, *args], capture_output=True, text=True,
                         env={**os.environ, **(env or {})})
    expect(out.returncode == 0, f"acmctl {' '.join(args)} exited {out.returncode}: {out.stderr}")
    return out.stdout.strip()


def aws(*args, region=REGION, check=True):
    """The aws CLI (its own vendored botocore)."""
    out = subprocess.run([AWS, "--endpoint-url", URL, "--region", region, *args], capture_output=True, text=True,
                         env={**os.environ, "AWS_MAX_ATTEMPTS": "1"})
    if check:
        expect(out.returncode == 0, f"aws {' '.join(args)} exited {out.returncode}: {out.stderr}")
    return out


def aws_json(*args, region=REGION):
    return json.loads(aws(*args, region=region).stdout or "{}")


def credentials():
    return botocore.session.get_session().get_credentials().get_frozen_credentials()


def signed(service, operation, body, region=REGION, creds=None, scope_service=None):
    """An AWSRequest for `operation`, signed as botocore signs it."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    req = AWSRequest(method="POST", url=URL + "/", data=data, headers={
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": f"{TARGETS[service]}.{operation}",
    })
    SigV4Auth(creds or credentials(), scope_service or service, region).add_auth(req)
    return req


def send(req, data=None):
    """Sends a prepared request; returns (status, headers, body as JSON)."""
    http = urllib.request.Request(req.url, data=req.body if data is None else data, method="POST",
                                  headers=dict(req.headers.items()))
    try:
        with urllib.request.urlopen(http, timeout=60) as r:
            return r.status, dict(r.headers.items()), json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers.items()), json.loads(e.read() or b"{}")


def raw(service, operation, body, region=REGION):
    return send(signed(service, operation, body, region))
