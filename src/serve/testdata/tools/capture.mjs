import { readFileSync } from "node:fs";
import { ACMClient, DescribeCertificateCommand, RequestCertificateCommand } from "@aws-sdk/client-acm";
import { ACMPCAClient, ListCertificateAuthoritiesCommand } from "@aws-sdk/client-acm-pca";
const port = readFileSync(process.argv[2], "utf8").trim();
const endpoint = `http://127.0.0.1:${port}`;
const creds = { accessKeyId: "ACMCJ46ZLKSXHOXCRJDZ", secretAccessKey: "SOrCt62AHR0v58sEsOPT0pv1Ui2WBmJATUGWSbPt" };
const session = { accessKeyId: "ACMCQPXOMNLCS2ZLCT2L", secretAccessKey: "Z9ZWnfCAKHzydJ+yp57l5vYo5soBrgOXEmktuFHG",
  sessionToken: "o6D01hdXesR6XA5hrBOvrEkvkxEOS+l6/NVA3UFRQVSdBiKbRwyJeg8xiBCRVxsF" };
async function run(client, cmd) {
  try { await client.send(cmd); } catch (e) { console.log(cmd.constructor.name, e.name); }
}
const acm = new ACMClient({ region: "us-east-1", endpoint, credentials: creds, maxAttempts: 1 });
await run(acm, new DescribeCertificateCommand({ CertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012" }));
const acm2 = new ACMClient({ region: "eu-west-1", endpoint, credentials: session, maxAttempts: 1 });
await run(acm2, new RequestCertificateCommand({ DomainName: "www.example.com", ValidationMethod: "DNS", SubjectAlternativeNames: ["example.com", "*.example.com"], Tags: [{ Key: "team", Value: "a  b" }] }));
const pca = new ACMPCAClient({ region: "us-west-2", endpoint, credentials: creds, maxAttempts: 1 });
await run(pca, new ListCertificateAuthoritiesCommand({ MaxResults: 10 }));
