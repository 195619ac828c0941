"""SigV4 as serve checks it (ACM-API.md §11, case 7), with requests signed by
botocore's own SigV4Auth and then spoiled one way each. `python sigv4.py
strict` expects each refused with AWS's error; `python sigv4.py any` (serve
under --any-credentials) expects each answered."""
import datetime
import json
import sys
from unittest import mock

from botocore.credentials import Credentials

from common import credentials, expect, send, signed

MODE = sys.argv[1]
BODY = {"MaxItems": 1}
good = credentials()


def at(minutes_ago):
    when = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=minutes_ago)
    with mock.patch("botocore.auth.get_current_datetime", return_value=when):
        return signed("acm", "ListCertificates", BODY)


def unsigned_target():
    req = signed("acm", "ListCertificates", BODY)
    auth = req.headers["Authorization"].replace("x-amz-target;", "").replace(";x-amz-target", "")
    req.headers.replace_header("Authorization", auth)
    return req


def no_authorization():
    req = signed("acm", "ListCertificates", BODY)
    del req.headers["Authorization"]
    return req


CASES = [
    ("a wrong secret", lambda: signed("acm", "ListCertificates", BODY,
                                      creds=Credentials(good.access_key, "x" * 40)), None,
     "InvalidSignatureException", "The request signature we calculated does not match"),
    ("an unknown key", lambda: signed("acm", "ListCertificates", BODY,
                                      creds=Credentials("ACMCUNKNOWNUNKNOWN00", good.secret_key)), None,
     "UnrecognizedClientException", "The security token included in the request is invalid."),
    ("no Authorization", no_authorization, None, "MissingAuthenticationTokenException", "Missing Authentication Token"),
    ("a date 6 minutes old", lambda: at(6), None, "InvalidSignatureException", "Signature expired: "),
    ("the acm-pca scope on an ACM target", lambda: signed("acm", "ListCertificates", BODY, scope_service="acm-pca"),
     None, "InvalidSignatureException", "Credential should be scoped to correct service: 'acm'."),
    ("a body changed after signing", lambda: signed("acm", "ListCertificates", BODY),
     json.dumps({"MaxItems": 2}).encode(), "InvalidSignatureException", "The request signature we calculated"),
    ("X-Amz-Target not signed", unsigned_target, None, None, None),
]

for what, make, body, code, words in CASES:
    status, _, out = send(make(), data=body)
    if MODE == "any":
        expect(status == 200 and "CertificateSummaryList" in out, f"--any-credentials answers {what}: {status} {out}")
        continue
    expect(status == 400, f"{what}: status {status} {out}")
    if code:
        expect(out["__type"] == code and out["message"].startswith(words) or words in out["message"],
               f"{what}: {out}")
    print(f"refused {what}: {out['__type']}")
# A signature from 4 minutes ago is inside the 5 minutes AWS allows.
status, _, out = send(at(4))
expect(status == 200, f"4 minutes of skew is allowed: {out}")
print(f"sigv4.py {MODE}: passed")
