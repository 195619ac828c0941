"""Many clients at once (ACM-API.md §11, case 9), and clients cut off by a
SIGKILL of serve.

  concurrent CA_ARN   16 threads of boto3 RequestCertificate while acmctl's CLI
                      requests too; every answer a 200 (a busy store is a
                      ThrottlingException, which botocore retries), never a 500
  until_killed CA_ARN ARNS_FILE
                      threads request until serve is gone, each ARN written
                      (and synced) to ARNS_FILE once received"""
import os
import subprocess
import sys
import threading
import time

from botocore.exceptions import BotoCoreError, ClientError

from common import ACMCTL, REGION, client, expect

MODE, CA = sys.argv[1], sys.argv[2]


def concurrent():
    statuses, arns, failures = [], [], []
    lock = threading.Lock()

    def worker(n):
        acm = client("acm", attempts=10)
        acm.meta.events.register("after-call", lambda http_response, **_: statuses.append(http_response.status_code))
        for i in range(3):
            try:
                arn = acm.request_certificate(DomainName=f"t{n}-{i}.example.com", CertificateAuthorityArn=CA,
                                              KeyAlgorithm="EC_prime256v1")["CertificateArn"]
                with lock:
                    arns.append(arn)
            except ClientError as e:
                failures.append(e.response["Error"])

    def cli():
        for i in range(5):
            out = subprocess.run([ACMCTL, "--region", REGION, "cert", "request", "--domain-name", f"cli{i}.example.com",
                                  "--certificate-authority-arn", CA, "--key-algorithm", "EC_prime256v1"],
                                 capture_output=True, text=True)
            if out.returncode != 0:
                failures.append(out.stderr)
            else:
                arns.append(out.stdout.strip())

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(16)] + [threading.Thread(target=cli)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    expect(not failures, f"failures: {failures}")
    expect(len(set(arns)) == 16 * 3 + 5, f"{len(set(arns))} distinct certificates")
    expect(all(s in (200, 400) for s in statuses) and statuses.count(200) >= 48, f"statuses: {sorted(set(statuses))}")
    acm = client("acm")
    for arn in arns:
        expect(acm.describe_certificate(CertificateArn=arn)["Certificate"]["Status"] == "ISSUED", arn)
    print(f"concurrent: {len(arns)} certificates, {statuses.count(400)} throttled answers retried")


def until_killed():
    path = sys.argv[3]
    lock = threading.Lock()
    deadline = time.monotonic() + 120

    def worker(n):
        acm = client("acm")
        i = 0
        while time.monotonic() < deadline:
            try:
                arn = acm.request_certificate(DomainName=f"k{n}-{i}.example.com", CertificateAuthorityArn=CA,
                                              KeyAlgorithm="EC_prime256v1")["CertificateArn"]
            except (BotoCoreError, ClientError):
                return  # serve is gone (or going): what was received is written
            with lock, open(path, "a") as f:
                f.write(arn + "\n")
                f.flush()
                os.fsync(f.fileno())
            i += 1

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


{"concurrent": concurrent, "until_killed": until_killed}[MODE]()
print(f"load.py {MODE}: done")
