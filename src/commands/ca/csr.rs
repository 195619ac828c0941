use crate::commands::Context;
use crate::error::Result;
use crate::model::AuthorityArn;
use crate::output::Output;
use crate::output::acm::CsrResponse;

/// Print an authority's certificate signing request (GetCertificateAuthorityCsr)
///
/// An authority made with --pending-certificate has a key and a CSR but no
/// certificate: have the CSR signed (by a parent, with 'acmctl ca issue', or
/// by an outside CA), then 'acmctl ca import-certificate'.
///
/// Example:
///   acmctl ca csr CA_ARN > ca.csr
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// ARN of the authority
    #[arg(value_name = "CA_ARN", add = crate::commands::completions::authority_arns())]
    pub arn: AuthorityArn,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let csr = crate::ops::pca::csr(&ctx.scope()?, &args.arn)?;
    ctx.ui.emit(&Output::new(CsrResponse { csr: &csr }, csr.clone()));
    Ok(())
}
