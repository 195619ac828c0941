use crate::commands::Context;
use crate::error::Result;
use crate::model::AuthorityArn;
use crate::output::Output;
use crate::output::acm::Empty;

/// Restore a deleted authority within its window (RestoreCertificateAuthority)
///
/// It comes back DISABLED (enable it with 'acmctl ca update CA_ARN --status
/// ACTIVE'), or PENDING_CERTIFICATE if it never had a certificate.
///
/// Example:
///   acmctl ca restore CA_ARN
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// ARN of the authority
    #[arg(value_name = "CA_ARN", add = crate::commands::completions::authority_arns())]
    pub arn: AuthorityArn,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let a = crate::ops::pca::restore(&ctx.scope()?, &args.arn)?;
    ctx.ui.status(&format!("{} is {}", a.arn, a.status));
    if ctx.ui.is_json() {
        ctx.ui.emit(&Output::new(Empty {}, ""));
    }
    Ok(())
}
