// The JS SDK v3 reading acmctl serve's answers: its parser is strict (a
// string timestamp fails, as in the Go SDK Terraform uses), so this is what
// a Go or JS program would see. ARNs come from ../shapes.py.
import { ACMClient, DescribeCertificateCommand, paginateListCertificates } from "@aws-sdk/client-acm";
import { ACMPCAClient, DescribeCertificateAuthorityCommand, ListCertificateAuthoritiesCommand } from "@aws-sdk/client-acm-pca";

const endpoint = process.env.AWS_ENDPOINT_URL;
const region = process.env.AWS_DEFAULT_REGION;
const acm = new ACMClient({ region, endpoint, maxAttempts: 1 });
const pca = new ACMPCAClient({ region, endpoint, maxAttempts: 1 });
const isDate = (d, what) => { if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new Error(`${what}: ${d}`); };

for (const arn of JSON.parse(process.env.CERT_ARNS)) {
  const { Certificate: c } = await acm.send(new DescribeCertificateCommand({ CertificateArn: arn }));
  isDate(c.CreatedAt, `${arn} CreatedAt`);
  if (c.Status === "ISSUED") isDate(c.NotAfter, `${arn} NotAfter`);
}
let listed = 0;
for await (const page of paginateListCertificates({ client: acm, pageSize: 1 }, { Includes: { keyTypes: ["EC_prime256v1", "RSA_2048"] } })) {
  for (const s of page.CertificateSummaryList) { isDate(s.CreatedAt, "summary CreatedAt"); listed++; }
}
if (listed < 3) throw new Error(`listed ${listed}`);
for (const arn of JSON.parse(process.env.CA_ARNS)) {
  const { CertificateAuthority: a } = await pca.send(new DescribeCertificateAuthorityCommand({ CertificateAuthorityArn: arn }));
  isDate(a.CreatedAt, `${arn} CreatedAt`);
  isDate(a.LastStateChangeAt, `${arn} LastStateChangeAt`);
}
const { CertificateAuthorities } = await pca.send(new ListCertificateAuthoritiesCommand({}));
CertificateAuthorities.forEach((a) => isDate(a.CreatedAt, "listed CA CreatedAt"));
console.log(`JS SDK: ${listed} summaries, ${CertificateAuthorities.length} authorities parsed`);
