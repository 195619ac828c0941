use crate::commands::Context;
use crate::error::Result;
use crate::model::CertificateArn;
use crate::output::Output;
use crate::output::acm::Empty;

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
    crate::ops::certificate::delete(&ctx.scope()?, &args.arn)?;
    ctx.ui.status(&format!("Deleted {}", args.arn));
    if ctx.ui.is_json() {
        ctx.ui.emit(&Output::new(Empty {}, ""));
    }
    Ok(())
}
