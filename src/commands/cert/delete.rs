use serde_json::json;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::CertificateArn;
use crate::output::Output;
use crate::output::acm::in_use_by;

/// Delete a certificate and its key (DeleteCertificate)
///
/// A certificate in use by a deployment cannot be deleted
/// (ResourceInUseException): remove the deployment first.
///
/// Example:
///   acmctl cert delete CERT_ARN
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// ARN of the certificate
    #[arg(value_name = "ARN", add = crate::commands::completions::certificate_arns())]
    pub arn: CertificateArn,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    // Checked before the lock is taken, so that a refusal writes nothing.
    ctx.certificate(&args.arn)?;
    let store = ctx.regional()?;
    let _lock = store.lock()?;
    let c = ctx.certificate(&args.arn)?;
    let users = in_use_by(&c);
    if !users.is_empty() {
        return Err(Error::conflict(format!(
            "ResourceInUseException: certificate {} is in use by {}",
            c.arn,
            users.join(", ")
        ))
        .with_hint("remove each deployment first with 'acmctl deploy ARN --target TARGET --remove'"));
    }
    store.delete_certificate(&c.arn)?;
    ctx.ui.status(&format!("Deleted {}", c.arn));
    if ctx.ui.is_json() {
        ctx.ui.emit(&Output::new(json!({}), ""));
    }
    Ok(())
}
