use crate::clock::rfc3339;
use crate::commands::Context;
use crate::error::Result;
use crate::model::AuthorityArn;
use crate::ops::authority::Crl;
use crate::output::{Output, acm};

/// Print an authority's current certificate revocation list (CRL)
///
/// The text output is the CRL in PEM, signed by the authority, ready for
/// 'openssl verify -crl_check -CRLfile' or a server's CRL setting. Each CRL is
/// valid for 7 days; one within a day of its NextUpdate is re-signed (with the
/// next CRL number) before it is printed; an authority whose key is
/// encrypted needs its passphrase for that (--passphrase-file F, or
/// ACMCTL_CA_PASSPHRASE). With --output json, a summary: the CRL number, its
/// update times, every revoked certificate with its reason, and the PEM as
/// "Crl".
///
/// Examples:
///   acmctl ca crl CA_ARN > crl.pem
///   acmctl ca crl CA_ARN --output json | jq '.RevokedCertificates[].Serial'
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// ARN of the authority
    #[arg(value_name = "CA_ARN", add = crate::commands::completions::authority_arns())]
    pub arn: AuthorityArn,
    #[command(flatten)]
    pub passphrase: crate::passphrase::PassphraseArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let passphrase = args.passphrase.read(&ctx.settings)?;
    let Crl { authority: a, pem, info, signed } =
        crate::ops::authority::crl(&ctx.scope()?, &args.arn, passphrase.as_ref())?;
    if let Some(number) = signed {
        ctx.ui.status(&format!("Signed CRL number {number}: the previous one was due for update"));
    }
    let json = acm::Crl {
        certificate_authority_arn: a.arn.to_string(),
        crl: &pem,
        crl_number: info.number,
        next_update: info.next_update.map(rfc3339),
        revoked_certificates: a
            .revoked
            .iter()
            .map(|r| acm::RevokedCertificate {
                certificate_arn: r.certificate_arn.map(|c| c.to_string()),
                revocation_reason: r.reason.as_str(),
                revoked_at: rfc3339(r.revoked_at),
                serial: &r.serial,
            })
            .collect(),
        this_update: rfc3339(info.this_update),
    };
    ctx.ui.emit(&Output::new(json, pem.clone()));
    Ok(())
}
