use crate::commands::Context;
use crate::error::Result;
use crate::model::CertificateArn;
use crate::output::Output;

/// Send the validation email again (ResendValidationEmail)
///
/// Sends a new approval message, with a new approval token, to admin@,
/// administrator@, hostmaster@, postmaster@ and webmaster@ of each validation
/// domain of a certificate pending EMAIL validation (or of --domain only),
/// through the SMTP relay of ACMCTL_SMTP_RELAY or the config file's smtp_relay.
/// Tokens sent earlier stop working.
///
/// Examples:
///   acmctl cert resend-validation-email CERT_ARN
///   ACMCTL_SMTP_RELAY=127.0.0.1:2525 acmctl cert resend-validation-email CERT_ARN --domain example.com
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// ARN of the certificate
    #[arg(value_name = "ARN", add = crate::commands::completions::certificate_arns())]
    pub arn: CertificateArn,
    /// Only the validation domain D (as in DomainValidationOptions' ValidationDomain)
    #[arg(long, value_name = "D")]
    pub domain: Option<String>,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let sent = crate::ops::validate::resend(&ctx.scope()?, &args.arn, args.domain.as_deref())?;
    for domain in &sent {
        ctx.ui.status(&format!("Sent the approval email for {domain} to its five addresses"));
    }
    ctx.ui.emit(&Output::new(crate::output::acm::Empty {}, format!("Sent approval email for {}", sent.join(", "))));
    Ok(())
}
