use crate::commands::Context;
use crate::error::Result;
use crate::model::AuthorityArn;
use crate::output::Output;
use crate::output::acm::CertificatePem;

/// Print an authority's certificate and chain, to install as trust
///
/// Clients trust a private authority when they have its root certificate.
/// The text output is the authority's certificate followed by its chain (up to
/// the root), ready for a trust store or for `openssl verify -CAfile`.
///
/// Examples:
///   acmctl ca certificate CA_ARN > ca.pem
///   acmctl ca certificate CA_ARN --output json | jq -r .Certificate
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// ARN of the authority
    #[arg(value_name = "CA_ARN", add = crate::commands::completions::authority_arns())]
    pub arn: AuthorityArn,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let (cert, chain) = crate::ops::authority::certificate(&ctx.scope()?, &args.arn)?;
    let json = CertificatePem { certificate: &cert, certificate_chain: &chain };
    ctx.ui.emit(&Output::new(json, format!("{cert}{chain}")));
    Ok(())
}
