use crate::clock::rfc3339;
use crate::commands::Context;
use crate::error::Result;
use crate::model::{CertificateStatus, KeyAlgorithm, Summary};
use crate::ops::certificate::{self, Filter};
use crate::output::acm::CertificateSummary;
use crate::output::table::line;
use crate::policy::status_at;
use crate::text::width;

/// List the certificates of the current region (ListCertificates)
///
/// Without filters every certificate of the region is listed, whatever its
/// status and key type. The list comes from the region's index, which is
/// checked against the certificate directories and repaired when stale.
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

const HEADERS: [&str; 7] = ["CERTIFICATE ARN", "DOMAIN", "TYPE", "STATUS", "KEY", "NOT AFTER", "IN USE"];

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let scope = ctx.scope()?;
    let filter = Filter {
        statuses: args.status.clone(),
        key_types: args.key_type.clone(),
        expiring_within_days: args.expiring_within,
    };
    let certs = certificate::list(&scope, &filter)?;
    let status = |c: &Summary| status_at(c.status, c.not_after, c.created_at, ctx.now);
    if ctx.ui.is_json() {
        ctx.ui.emit_json_list("CertificateSummaryList", certs.iter().map(|c| CertificateSummary::of(c, ctx.now)));
        return Ok(());
    }
    if certs.is_empty() {
        ctx.ui.status(&format!("No certificates in {} match.", scope.region));
        return Ok(());
    }
    // Widths first, from lengths alone, so that no more than one row is
    // held (or formatted) at a time.
    let mut widths: Vec<usize> = HEADERS.iter().map(|h| h.chars().count()).collect();
    // One region, one account: every ARN is the first one's but for its ID
    // (so one length, and the rest of it is formatted once).
    let first = certs[0].arn;
    let first_arn = first.to_string();
    let id_text = first.id().hyphenated().to_string();
    let arn_prefix = first_arn.strip_suffix(id_text.as_str());
    let arn_len = first_arn.len();
    for c in &certs {
        let cells = [
            arn_len,
            width(&c.domain_name),
            c.cert_type.as_str().len(),
            status(c).as_str().len(),
            c.key_algorithm.as_str().len(),
            c.not_after
                .map_or(1, |t| if t.nanosecond() == 0 { "2000-01-01T00:00:00Z".len() } else { rfc3339(t).len() }),
            3,
        ];
        for (w, n) in widths.iter_mut().zip(cells) {
            *w = (*w).max(n);
        }
    }
    let row = |c: &Summary| {
        let arn = match arn_prefix {
            Some(prefix) if (c.arn.region(), c.arn.account()) == (first.region(), first.account()) => {
                let mut arn = String::with_capacity(first_arn.len());
                arn.push_str(prefix);
                arn.push_str(c.arn.id().hyphenated().encode_lower(&mut uuid::Uuid::encode_buffer()));
                arn
            }
            _ => c.arn.to_string(),
        };
        let not_after = c.not_after.map(rfc3339);
        let cells = [
            arn.as_str(),
            &c.domain_name,
            c.cert_type.as_str(),
            status(c).as_str(),
            c.key_algorithm.as_str(),
            not_after.as_deref().unwrap_or("-"),
            if c.in_use { "yes" } else { "no" },
        ];
        line(&widths, &cells)
    };
    ctx.ui.emit_lines(std::iter::once(line(&widths, &HEADERS)).chain(certs.iter().map(row)));
    Ok(())
}
