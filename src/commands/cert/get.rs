use crate::commands::Context;
use crate::error::Result;
use crate::model::CertificateArn;
use crate::output::Output;
use crate::output::acm::CertificatePem;

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
    let (cert, chain) = crate::ops::certificate::get(&ctx.scope()?, &args.arn)?;
    let json = CertificatePem { certificate: &cert, certificate_chain: &chain };
    ctx.ui.emit(&Output::new(json, format!("{cert}{chain}")));
    Ok(())
}
