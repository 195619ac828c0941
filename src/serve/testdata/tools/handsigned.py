"""Requests signed by botocore's own SigV4Auth at a fixed time, with what the
SDKs rarely send: a repeated header, whitespace to trim, a query string and a
path with dot segments. Written as raw HTTP/1.1 requests."""
import datetime, sys, os
from unittest import mock
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
creds = Credentials("ACMCJ46ZLKSXHOXCRJDZ", "SOrCt62AHR0v58sEsOPT0pv1Ui2WBmJATUGWSbPt")
when = datetime.datetime(2026, 12, 4, 16, 30, 0, tzinfo=datetime.timezone.utc)

def sign(name, url, host, headers, body, service="acm", region="us-east-1"):
    req = AWSRequest(method="POST", url=url, data=body)
    for k, v in headers:
        req.headers[k] = v  # HTTPHeaders appends: a second set repeats the header
    with mock.patch("botocore.auth.get_current_datetime", return_value=when):
        auth = SigV4Auth(creds, service, region)
        auth.add_auth(req)
    path = url.split(host, 1)[1]
    lines = [f"POST {path} HTTP/1.1", f"Host: {host}"]
    for k, v in req.headers.raw_items():
        lines.append(f"{k}: {v}" if not v.startswith(" ") else f"{k}:{v}")
    lines.append(f"Content-Length: {len(body)}")
    raw = ("\r\n".join(lines) + "\r\n\r\n").encode() + body
    with open(os.path.join(out, name + ".http"), "wb") as f:
        f.write(raw)
    print(name, req.headers["Authorization"])

body = b'{"CertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012"}'
base = [("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "CertificateManager.DescribeCertificate")]
sign("repeated-header", "http://127.0.0.1:7480/", "127.0.0.1:7480",
     base + [("X-Amz-Meta-Team", "platform"), ("X-Amz-Meta-Team", "  security   team  ")], body)
sign("query-and-dot-segments", "http://localhost:7480/a/./b/../?b=2&a=1%20x&a=0", "localhost:7480", base, body)
