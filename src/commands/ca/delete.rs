use crate::clock::rfc3339;
use crate::commands::Context;
use crate::error::Result;
use crate::model::AuthorityArn;
use crate::output::Output;
use crate::output::acm::Empty;

/// Delete an authority, restorable for a while (DeleteCertificateAuthority)
///
/// An authority that has issued must be DISABLED first ('acmctl ca update
/// CA_ARN --status DISABLED'); one still waiting for its certificate can be
/// deleted at once. It stays restorable ('acmctl ca restore') for 7 to 30 days.
///
/// Example:
///   acmctl ca delete CA_ARN --permanent-deletion-days 7
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// ARN of the authority
    #[arg(value_name = "CA_ARN", add = crate::commands::completions::authority_arns())]
    pub arn: AuthorityArn,
    /// Days it can be restored (7 to 30)
    #[arg(long, value_name = "N", default_value_t = 30, value_parser = clap::value_parser!(u32).range(7..=30))]
    pub permanent_deletion_days: u32,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let a = crate::ops::pca::delete(&ctx.scope()?, &args.arn, args.permanent_deletion_days)?;
    let until = a.restorable_until.map(rfc3339).unwrap_or_default();
    ctx.ui.status(&format!("{} is DELETED; it can be restored until {until}", a.arn));
    if ctx.ui.is_json() {
        ctx.ui.emit(&Output::new(Empty {}, ""));
    }
    Ok(())
}
