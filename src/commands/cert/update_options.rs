use crate::commands::Context;
use crate::error::Result;
use crate::model::{CertificateArn, Preference};
use crate::output::Output;
use crate::output::acm::{CertificateOptions, OptionsResponse};
use crate::output::table::fields;

/// Change a certificate's options (UpdateCertificateOptions)
///
/// The certificate transparency logging preference is ENABLED or DISABLED
/// (requested certificates start ENABLED, imported ones DISABLED). Whether the
/// key may be exported is decided when the certificate is requested and cannot
/// be changed (rule export-fixed-at-request).
///
/// Example:
///   acmctl cert update-options CERT_ARN --certificate-transparency-logging-preference DISABLED
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// ARN of the certificate
    #[arg(value_name = "ARN", add = crate::commands::completions::certificate_arns())]
    pub arn: CertificateArn,
    /// ENABLED or DISABLED
    #[arg(long, value_name = "PREF", required = true)]
    pub certificate_transparency_logging_preference: Option<Preference>,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let options = crate::ops::certificate::update_options(
        &ctx.scope()?,
        &args.arn,
        args.certificate_transparency_logging_preference,
        None,
    )?;
    let ct = options.certificate_transparency_logging_preference.as_str();
    ctx.ui.emit(&Output::new(
        OptionsResponse {
            options: CertificateOptions {
                certificate_transparency_logging_preference: ct,
                export: options.export.as_str(),
            },
        },
        fields(&[("CT logging", ct.into()), ("Export", options.export.as_str().into())]),
    ));
    Ok(())
}
