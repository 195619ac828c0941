use crate::commands::Context;
use crate::error::Result;
use crate::model::{CertificateArn, RevocationReason};
use crate::output::Output;
use crate::output::acm::Empty;
use crate::policy;

/// Revoke a private certificate and re-sign its authority's CRL (RevokeCertificate)
///
/// Only certificates issued by a private authority (ACM Private CA) can be
/// revoked; a revocation is final. The certificate's Status becomes REVOKED,
/// and the authority signs a new CRL (the next CRL number) listing it with the
/// reason; 'acmctl ca crl CA_ARN' prints it.
///
/// Reasons, as ACM Private CA names them (RFC 5280): UNSPECIFIED,
/// KEY_COMPROMISE, CERTIFICATE_AUTHORITY_COMPROMISE, AFFILIATION_CHANGED,
/// SUPERSEDED, CESSATION_OF_OPERATION, PRIVILEGE_WITHDRAWN, A_A_COMPROMISE.
///
/// An authority whose key is encrypted signs the CRL only with its
/// passphrase: --passphrase-file F, or ACMCTL_CA_PASSPHRASE.
///
/// Examples:
///   acmctl cert revoke CERT_ARN --reason KEY_COMPROMISE
///   acmctl ca crl CA_ARN > crl.pem
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// ARN of the certificate
    #[arg(value_name = "ARN", add = crate::commands::completions::certificate_arns())]
    pub arn: CertificateArn,
    /// Why the certificate is revoked
    #[arg(long, value_name = "R", default_value_t = RevocationReason::Unspecified)]
    pub reason: RevocationReason,
    #[command(flatten)]
    pub passphrase: crate::passphrase::PassphraseArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let scope = ctx.scope()?;
    // Refused certificates are refused before the passphrase is read.
    policy::check_revoke(&crate::ops::certificate::describe(&scope, &args.arn)?)?;
    let passphrase = args.passphrase.read(&ctx.settings)?;
    let r = crate::ops::revoke::revoke(&scope, &args.arn, args.reason, passphrase.as_ref())?;
    ctx.ui
        .status(&format!("Revoked {} ({}); CRL number {} of {} lists it", r.arn, r.reason, r.crl_number, r.authority));
    if ctx.ui.is_json() {
        ctx.ui.emit(&Output::new(Empty {}, ""));
    }
    Ok(())
}
