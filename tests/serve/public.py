"""Public certificates validated over DNS, with boto3's waiter: the record is
published (tests/it/serve.rs copies the lines written to DNS_RECORDS into
its DNS server, which serve asks), and the waiter, polling every second,
returns once DescribeCertificate finds it. A certificate whose record is
never published stays PENDING_VALIDATION; its ARN goes to NEVER_VALIDATED
for the test to look at 73 hours later."""
import os
import time

from common import client, expect

acm = client("acm")
arn = acm.request_certificate(DomainName="api.example.org", SubjectAlternativeNames=["*.api.example.org"],
                              ValidationMethod="DNS", IdempotencyToken="tf0123456789",
                              Options={"CertificateTransparencyLoggingPreference": "DISABLED"})["CertificateArn"]
d = acm.describe_certificate(CertificateArn=arn)["Certificate"]
dvos = d["DomainValidationOptions"]
expect([o["DomainName"] for o in dvos] == ["api.example.org", "*.api.example.org"], dvos)
expect(dvos[1]["ValidationDomain"] == "*.api.example.org" and dvos[1]["ResourceRecord"] == dvos[0]["ResourceRecord"],
       f"a wildcard's record is its base name's: {dvos}")
expect(d["Options"]["CertificateTransparencyLoggingPreference"] == "DISABLED", "the CT preference is kept")
with open(os.environ["DNS_RECORDS"], "a") as f:
    r = dvos[0]["ResourceRecord"]
    f.write(f"{r['Name']} {r['Value']}\n")
started = time.monotonic()
acm.get_waiter("certificate_validated").wait(CertificateArn=arn, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
expect(time.monotonic() - started < 20, f"the waiter took {time.monotonic() - started:.1f} s")
d = acm.describe_certificate(CertificateArn=arn)["Certificate"]
expect(d["Status"] == "ISSUED" and all(o["ValidationStatus"] == "SUCCESS" for o in d["DomainValidationOptions"]), d)
expect(d["Issuer"] == "acmctl" and d["Subject"] == "CN=api.example.org", d)
expect(acm.get_certificate(CertificateArn=arn)["Certificate"].startswith("-----BEGIN CERTIFICATE-----"), "issued")

never = acm.request_certificate(DomainName="never.example.org", ValidationMethod="DNS")["CertificateArn"]
time.sleep(2.5)
expect(acm.describe_certificate(CertificateArn=never)["Certificate"]["Status"] == "PENDING_VALIDATION", "no record")
with open(os.environ["NEVER_VALIDATED"], "w") as f:
    f.write(never)
print("public.py: passed")
