use serde_json::json;

use crate::commands::Context;
use crate::error::Result;
use crate::model::{AuthorityArn, AuthorityStatus};
use crate::output::Output;
use crate::output::acm::authority_detail;

/// Enable or disable an authority (UpdateCertificateAuthority)
///
/// A DISABLED authority issues nothing and signs no CRL until it is ACTIVE
/// again; it can then be deleted. Only ACTIVE and DISABLED authorities are
/// updated.
///
/// Example:
///   acmctl ca update CA_ARN --status DISABLED
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// ARN of the authority
    #[arg(value_name = "CA_ARN", add = crate::commands::completions::authority_arns())]
    pub arn: AuthorityArn,
    /// ACTIVE or DISABLED
    #[arg(long, value_name = "STATUS")]
    pub status: Option<AuthorityStatus>,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let a = crate::ops::pca::update(&ctx.scope()?, &args.arn, args.status, None)?;
    ctx.ui.status(&format!("{} is {}", a.arn, a.status));
    ctx.ui.emit(&Output::new(json!({"CertificateAuthority": authority_detail(&a, ctx.now)}), ""));
    Ok(())
}
