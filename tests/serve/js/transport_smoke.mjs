// The JS SDK v3 half of ../transport_smoke.py: its deserialiser is strict
// (a string timestamp fails, as in the Go SDK Terraform uses).
import { ACMClient, DescribeCertificateCommand, paginateListCertificates } from "@aws-sdk/client-acm";
import { ACMPCAClient, DescribeCertificateAuthorityCommand } from "@aws-sdk/client-acm-pca";
import { readFileSync } from "node:fs";

const endpoint = process.env.AWS_ENDPOINT_URL;
// The session profile of AWS_SHARED_CREDENTIALS_FILE, read here: the
// credential-providers package is not among the pinned ones.
function profile(name) {
  const out = {};
  let section = null;
  for (const line of readFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE, "utf8").split("\n")) {
    const header = line.match(/^\[(.+)\]$/);
    if (header) section = header[1];
    const kv = line.match(/^(\w+)\s*=\s*(.*)$/);
    if (kv && section === name) out[kv[1]] = kv[2].trim();
  }
  return { accessKeyId: out.aws_access_key_id, secretAccessKey: out.aws_secret_access_key, sessionToken: out.aws_session_token };
}
const arn = "arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012";
const acm = new ACMClient({ region: "eu-west-1", endpoint, maxAttempts: 1 });
const { Certificate } = await acm.send(new DescribeCertificateCommand({ CertificateArn: arn }));
if (!(Certificate.CreatedAt instanceof Date) || Certificate.CreatedAt.getTime() !== 1733320000000) throw new Error(`CreatedAt ${Certificate.CreatedAt}`);
let n = 0;
for await (const page of paginateListCertificates({ client: acm, pageSize: 2 }, {})) n += page.CertificateSummaryList.length;
if (n !== 5) throw new Error(`listed ${n}`);
const pca = new ACMPCAClient({ region: "ap-southeast-2", endpoint, maxAttempts: 1, credentials: profile("session") });
const ca = await pca.send(new DescribeCertificateAuthorityCommand({
  CertificateAuthorityArn: "arn:aws:acm-pca:ap-southeast-2:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012" }));
if (!(ca.CertificateAuthority.CreatedAt instanceof Date)) throw new Error("CA CreatedAt");
console.log("JS SDK: describe, paginate, PCA with a session token: passed");
