use crate::commands::Context;
use crate::error::Result;
use crate::model::AuthorityArn;
use crate::output::Output;
use crate::output::acm::CertificatePem;

/// Print a certificate an authority signed for a CSR (GetCertificate of ACM PCA)
///
/// Example:
///   acmctl ca get-certificate CA_ARN --certificate-arn CA_ARN/certificate/SERIAL > cert.pem
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// ARN of the authority
    #[arg(value_name = "CA_ARN", add = crate::commands::completions::authority_arns())]
    pub arn: AuthorityArn,
    /// ARN of the certificate, as 'acmctl ca issue' printed it
    #[arg(long, value_name = "ARN")]
    pub certificate_arn: String,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let c = crate::ops::pca::get_certificate(&ctx.scope()?, &args.arn, &args.certificate_arn)?;
    let json = CertificatePem { certificate: &c.certificate_pem, certificate_chain: &c.chain_pem };
    ctx.ui.emit(&Output::new(json, format!("{}{}", c.certificate_pem, c.chain_pem)));
    Ok(())
}
