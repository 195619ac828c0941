use serde_json::{Value, json};

use crate::clock::rfc3339;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::AuthorityArn;
use crate::output::Output;
use time::{Duration, OffsetDateTime};

use crate::commands::cert::revoke::sign_crl;
use crate::issuance::SigningAuthority;
use crate::pki::inspect::{CrlInfo, crl_info};
use crate::policy::Rule;
use crate::store::CRL_PEM;
use crate::store::records::AuthorityRecord;

/// Print an authority's current certificate revocation list (CRL)
///
/// The text output is the CRL in PEM, signed by the authority, ready for
/// 'openssl verify -crl_check -CRLfile' or a server's CRL setting. Each CRL is
/// valid for 7 days; one within a day of its NextUpdate is re-signed (with the
/// next CRL number) before it is printed; an authority whose key is
/// encrypted needs its passphrase for that (--passphrase-file F, or
/// ACMCTL_CA_PASSPHRASE). With --output json, a summary: the CRL number, its
/// update times, every revoked certificate with its reason, and the PEM as
/// "Crl".
///
/// Examples:
///   acmctl ca crl CA_ARN > crl.pem
///   acmctl ca crl CA_ARN --output json | jq '.RevokedCertificates[].Serial'
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// ARN of the authority
    #[arg(value_name = "CA_ARN", add = crate::commands::completions::authority_arns())]
    pub arn: AuthorityArn,
    #[command(flatten)]
    pub passphrase: crate::passphrase::PassphraseArg,
}

/// A CRL this close to its NextUpdate is re-signed before it is printed,
/// as ACM Private CA publishes a fresh one before the old one lapses.
const RESIGN_BEFORE: Duration = Duration::days(1);

fn read(ctx: &Context, a: &AuthorityRecord) -> Result<(String, CrlInfo)> {
    let pem = ctx.regional()?.authority_file(&a.arn, CRL_PEM)?;
    let info = crl_info(&pem)
        .map_err(|e| Error::failure(format!("the CRL of certificate authority {} is damaged: {e}", a.arn)))?;
    Ok((pem, info))
}

fn stale(info: &CrlInfo, now: OffsetDateTime) -> bool {
    info.next_update.is_none_or(|t| now + RESIGN_BEFORE >= t)
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let mut a = ctx.authority(&args.arn, Rule::RegionalResource)?;
    let passphrase = args.passphrase.read()?;
    let (mut pem, mut info) = read(ctx, &a)?;
    if stale(&info, ctx.now) && ctx.now < a.not_after {
        let store = ctx.regional()?;
        let _lock = store.lock()?;
        a = ctx.authority(&args.arn, Rule::RegionalResource)?;
        (pem, info) = read(ctx, &a)?;
        if stale(&info, ctx.now) {
            let mut signer = SigningAuthority::load_with(&store, a.clone(), passphrase.as_ref())?;
            let number = signer.record.crl_number + 1;
            pem = sign_crl(&signer, number, ctx.now)?;
            signer.record.crl_number = number;
            store.save_authority(&signer.record)?;
            store.write_authority_file(&a.arn, CRL_PEM, pem.as_bytes())?;
            info = crl_info(&pem)?;
            ctx.ui.status(&format!("Signed CRL number {number}: the previous one was due for update"));
        }
    }
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
