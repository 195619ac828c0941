use serde_json::json;

use crate::context::Context;
use crate::error::Result;
use crate::model::AuthorityArn;
use crate::output::Output;
use crate::policy::Rule;
use crate::store::{CERT_PEM, CHAIN_PEM};

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
    let a = ctx.authority(&args.arn, Rule::RegionalResource)?;
    let store = ctx.regional()?;
    let cert = store.authority_file(&a.arn, CERT_PEM)?;
    let chain = store.authority_file(&a.arn, CHAIN_PEM)?;
    let mut json = json!({"Certificate": cert});
    if !chain.is_empty() {
        json["CertificateChain"] = json!(chain);
    }
    ctx.ui.emit(&Output::new(json, format!("{cert}{chain}")));
    Ok(())
}
