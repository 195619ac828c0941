import os, sys, boto3, botocore.config
port = open(sys.argv[1]).read().strip()
url = f"http://127.0.0.1:{port}"
cfg = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"})
def call(profile, service, region, op, **kw):
    s = boto3.Session(profile_name=profile, region_name=region)
    c = s.client(service, endpoint_url=url, config=cfg)
    try:
        getattr(c, op)(**kw)
    except Exception as e:
        print(service, op, type(e).__name__)
call("default", "acm", "us-east-1", "describe_certificate", CertificateArn="arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012")
call("default", "acm", "eu-west-2", "list_certificates", CertificateStatuses=["ISSUED"], Includes={"keyTypes": ["EC_prime256v1"]}, MaxItems=2)
call("session", "acm-pca", "ap-southeast-2", "describe_certificate_authority", CertificateAuthorityArn="arn:aws:acm-pca:ap-southeast-2:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012")
call("default", "acm", "us-west-2", "import_certificate", Certificate=b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", PrivateKey=b"-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n")
