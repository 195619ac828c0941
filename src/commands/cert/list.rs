use serde_json::json;
use time::Duration;

use crate::clock::rfc3339;
use crate::context::Context;
use crate::error::Result;
use crate::model::{CertificateStatus, KeyAlgorithm};
use crate::output::acm::{certificate_summary, in_use_by};
use crate::output::table::table;
use crate::output::Output;
use crate::policy::effective_status;

/// List the certificates of the current region (ListCertificates)
///
/// Without filters every certificate of the region is listed, whatever its
/// status and key type.
///
/// Examples:
///   acmctl cert list --status ISSUED --key-type EC_prime256v1
///   acmctl cert list --expiring-within 30 --output json | jq -r '.CertificateSummaryList[].CertificateArn'
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Only these statuses (PENDING_VALIDATION, ISSUED, INACTIVE, EXPIRED, VALIDATION_TIMED_OUT, REVOKED, FAILED)
    #[arg(long, value_name = "S", num_args = 1..)]
    pub status: Vec<CertificateStatus>,
    /// Only these key algorithms (RSA_2048, EC_prime256v1, EC_secp384r1, …)
    #[arg(long, value_name = "K", num_args = 1..)]
    pub key_type: Vec<KeyAlgorithm>,
    /// Only certificates whose not-after falls within DAYS from now (already expired ones included)
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(0..=36500))]
    pub expiring_within: Option<u32>,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let mut certs = ctx.regional()?.list_certificates()?;
    certs.retain(|c| {
        let status = effective_status(c, ctx.now);
        (args.status.is_empty() || args.status.contains(&status))
            && (args.key_type.is_empty() || args.key_type.contains(&c.key_algorithm))
            && args.expiring_within.is_none_or(|days| {
                c.not_after.is_some_and(|t| t <= ctx.now + Duration::days(i64::from(days)))
            })
    });
    certs.sort_by(|a, b| a.created_at.cmp(&b.created_at).then_with(|| a.arn.id().cmp(&b.arn.id())));
    let json = json!({
        "CertificateSummaryList": certs.iter().map(|c| certificate_summary(c, ctx.now)).collect::<Vec<_>>()
    });
    let rows: Vec<Vec<String>> = certs
        .iter()
        .map(|c| {
            vec![
                c.arn.to_string(),
                c.domain_name.clone(),
                c.cert_type.to_string(),
                effective_status(c, ctx.now).to_string(),
                c.key_algorithm.to_string(),
                c.not_after.map(rfc3339).unwrap_or_else(|| "-".into()),
                if in_use_by(c).is_empty() { "no".into() } else { "yes".into() },
            ]
        })
        .collect();
    let text = if rows.is_empty() {
        ctx.ui.status(&format!("No certificates in {} match.", ctx.region));
        String::new()
    } else {
        table(&["CERTIFICATE ARN", "DOMAIN", "TYPE", "STATUS", "KEY", "NOT AFTER", "IN USE"], &rows)
    };
    ctx.ui.emit(&Output::new(json, text));
    Ok(())
}
