use serde_json::{Value, json};

use crate::clock::rfc3339;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::AuthorityArn;
use crate::output::Output;
use crate::pki::inspect::crl_info;
use crate::policy::Rule;
use crate::store::CRL_PEM;

/// Print an authority's current certificate revocation list (CRL)
///
/// The text output is the CRL in PEM, signed by the authority, ready for
/// 'openssl verify -crl_check -CRLfile' or a server's CRL setting. With
/// --output json, a summary: the CRL number, its update times, every revoked
/// certificate with its reason, and the PEM as "Crl".
///
/// Examples:
///   acmctl ca crl CA_ARN > crl.pem
///   acmctl ca crl CA_ARN --output json | jq '.RevokedCertificates[].Serial'
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// ARN of the authority
    #[arg(value_name = "CA_ARN")]
    pub arn: AuthorityArn,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let a = ctx.authority(&args.arn, Rule::RegionalResource)?;
    let pem = ctx.regional()?.authority_file(&a.arn, CRL_PEM)?;
    let info = crl_info(&pem)
        .map_err(|e| Error::failure(format!("the CRL of certificate authority {} is damaged: {e}", a.arn)))?;
    let revoked: Vec<Value> = a
        .revoked
        .iter()
        .map(|r| {
            let mut v = json!({
                "Serial": r.serial,
                "RevokedAt": rfc3339(r.revoked_at),
                "RevocationReason": r.reason.as_str(),
            });
            if let Some(c) = r.certificate_arn {
                v["CertificateArn"] = json!(c.to_string());
            }
            v
        })
        .collect();
    let json = json!({
        "CertificateAuthorityArn": a.arn.to_string(),
        "CrlNumber": info.number,
        "ThisUpdate": rfc3339(info.this_update),
        "NextUpdate": info.next_update.map(rfc3339),
        "RevokedCertificates": revoked,
        "Crl": pem,
    });
    ctx.ui.emit(&Output::new(json, pem.clone()));
    Ok(())
}
