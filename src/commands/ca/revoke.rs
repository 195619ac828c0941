use crate::commands::Context;
use crate::error::Result;
use crate::model::{AuthorityArn, RevocationReason};
use crate::output::Output;
use crate::output::acm::Empty;

/// Revoke a certificate by its serial (RevokeCertificate of ACM PCA)
///
/// The serial is hex, with or without colons and leading zeros (as Terraform
/// and openssl write it). Any certificate the authority issued can be
/// revoked: one signed for a CSR, an ACM certificate, a subordinate's; not
/// a root's own. The authority signs a new CRL that lists it.
///
/// Example:
///   acmctl ca revoke CA_ARN --serial 3f0c2a... --reason KEY_COMPROMISE
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// ARN of the authority
    #[arg(value_name = "CA_ARN", add = crate::commands::completions::authority_arns())]
    pub arn: AuthorityArn,
    /// The certificate's serial number, hex
    #[arg(long, value_name = "HEX")]
    pub serial: String,
    /// Why the certificate is revoked
    #[arg(long, value_name = "R", default_value_t = RevocationReason::Unspecified)]
    pub reason: RevocationReason,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let number = crate::ops::pca::revoke(&ctx.scope()?, &args.arn, &args.serial, args.reason)?;
    ctx.ui.status(&format!(
        "Revoked serial {} ({}); CRL number {number} of {} lists it",
        args.serial, args.reason, args.arn
    ));
    if ctx.ui.is_json() {
        ctx.ui.emit(&Output::new(Empty {}, ""));
    }
    Ok(())
}
