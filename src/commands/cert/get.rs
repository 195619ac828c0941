use serde_json::json;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::CertificateArn;
use crate::output::Output;

/// Print a certificate and its chain in PEM (GetCertificate)
///
/// The private key is not part of the output: private certificates export it
/// with 'acmctl cert export', public ones only through 'acmctl deploy'.
///
/// Examples:
///   acmctl cert get CERT_ARN > fullchain.pem
///   acmctl cert get CERT_ARN --output json | jq -r .CertificateChain
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// ARN of the certificate
    #[arg(value_name = "ARN", add = crate::commands::completions::certificate_arns())]
    pub arn: CertificateArn,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let c = ctx.certificate(&args.arn)?;
    let material = ctx.regional()?.material(&c)?.ok_or_else(|| {
        Error::conflict(format!("certificate {} has not been issued yet (status {})", c.arn, c.status))
            .with_hint("validate it first: 'acmctl cert validate ARN'")
    })?;
    let mut json = json!({"Certificate": material.certificate_pem});
    if !material.chain_pem.is_empty() {
        json["CertificateChain"] = json!(material.chain_pem);
    }
    ctx.ui.emit(&Output::new(json, format!("{}{}", material.certificate_pem, material.chain_pem)));
    Ok(())
}
