use serde_json::{Value, json};

use crate::clock::rfc3339;
use crate::commands::Context;
use crate::error::{Error, Result};
use crate::model::CertificateArn;
use crate::ops::renew::{self, Action, Entry};
use crate::output::Output;
use crate::output::table::table;

/// Renew certificates: managed renewal (RenewCertificate)
///
/// Without an ARN, sweeps the region: from 60 days before NotAfter, every
/// certificate the tool issued that is ELIGIBLE (in use by a deployment, or
/// exported) gets a new key and a new serial under the same ARN, and every
/// deployment of it is rewritten and its reload command run again. The others
/// are skipped, and the summary says why: in text, skipped certificates that
/// share a reason are counted on one line (--output json lists every one). A
/// renewed certificate is not due again for months, so the sweep is safe to
/// run from cron or CI every few minutes.
///
/// With an ARN, renews that certificate now. Imported certificates are never
/// renewed by ACM: renew them where they came from and import them again.
///
/// A private authority whose key is encrypted signs only with its
/// passphrase: --passphrase-file F, else ACMCTL_CA_PASSPHRASE. Without it (or
/// with a wrong one) a sweep marks its certificates FAILED with the reason,
/// and a renewal by ARN stops with exit 3 and changes nothing.
///
/// Exits 0 when nothing failed, 1 when a renewal or a redeploy failed, 3 when
/// the passphrase is missing or wrong for a certificate named by ARN, and 5
/// when a certificate named by ARN may not be renewed.
///
/// Examples:
///   acmctl renew                      # in crontab: */10 * * * * acmctl renew --quiet
///   acmctl renew --output json | jq '.Certificates[] | select(.Action == "RENEWED")'
///   acmctl renew CERT_ARN
///   acmctl renew --passphrase-file /etc/acmctl/ca.pass   # authorities with encrypted keys
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// ARN of one certificate to renew now
    #[arg(value_name = "ARN", add = crate::commands::completions::certificate_arns())]
    pub arn: Option<CertificateArn>,
    #[command(flatten)]
    pub passphrase: crate::passphrase::PassphraseArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    // Read first: a passphrase file that cannot be read stops the command
    // before any certificate is looked at.
    let passphrase = args.passphrase.read(&ctx.settings)?;
    let passphrase = passphrase.as_ref();
    let scope = ctx.scope()?;
    let entries = match &args.arn {
        Some(arn) => vec![renew::renew_one(&scope, arn, passphrase)?],
        None => {
            let bar = ctx.ui.progress(crate::ops::certificate::count(&scope)? as u64);
            renew::sweep(&scope, passphrase, &|name| bar.step(name))?
        }
    };
    // Only the form that is printed is built: a sweep of a large region
    // summarises every certificate, and building both doubled its cost.
    let out = if ctx.ui.is_json() {
        Output::new(summary_json(&entries), String::new())
    } else {
        Output::new(Value::Null, summary_text(&entries))
    };
    ctx.ui.emit(&out);
    let failed: Vec<String> = entries.iter().filter(|e| e.failed()).map(|e| e.arn.to_string()).collect();
    if !failed.is_empty() {
        return Err(Error::failure(format!("renewal or redeployment failed for {}", failed.join(", ")))
            .with_hint("the summary above gives each reason; 'acmctl cert describe ARN' shows the RenewalSummary"));
    }
    Ok(())
}

fn summary_json(entries: &[Entry]) -> Value {
    let count = |a: Action| entries.iter().filter(|e| e.action == a).count();
    let list: Vec<Value> = entries
        .iter()
        .map(|e| {
            let mut v = json!({
                "CertificateArn": e.arn.to_string(),
                "DomainName": e.domain_name,
                "Action": e.action.as_str(),
                "Deployments": e.deployments.iter().map(|d| {
                    let mut o = json!({
                        "Target": d.target,
                        "Directory": d.dest.display().to_string(),
                        "Status": if d.error.is_some() { "FAILED" } else { "SUCCESS" },
                    });
                    if let Some(err) = &d.error {
                        o["Reason"] = json!(err);
                    }
                    o
                }).collect::<Vec<_>>(),
            });
            if let Some(r) = &e.reason {
                v["Reason"] = json!(r);
            }
            if let Some(s) = &e.serial {
                v["Serial"] = json!(s);
            }
            if let Some(t) = e.not_after {
                v["NotAfter"] = json!(rfc3339(t));
            }
            v
        })
        .collect();
    json!({
        "Renewed": count(Action::Renewed),
        "Skipped": count(Action::Skipped),
        "PendingValidation": count(Action::PendingValidation),
        "Failed": count(Action::Failed),
        "Certificates": list,
    })
}

/// Certificates acted on get a row each. Skipped ones are grouped by why
/// (a reason shared by several certificates is one row with their count),
/// so that a sweep of a large region where nothing is due prints a few
/// lines rather than one per certificate; `--output json` lists every one.
fn summary_text(entries: &[Entry]) -> String {
    if entries.is_empty() {
        return "No certificates in this region.".into();
    }
    let mut rows: Vec<Vec<String>> = Vec::new();
    // Reason -> (count, the only entry while there is one, earliest NotAfter).
    let mut skipped: Vec<(String, usize, usize, Option<time::OffsetDateTime>)> = Vec::new();
    let mut groups: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if e.action == Action::Skipped && e.deployments.is_empty() {
            let reason = e.reason.as_deref().unwrap_or("");
            let key = if reason.starts_with(NOT_DUE) { NOT_DUE } else { reason };
            let g = *groups.entry(key).or_insert_with(|| {
                skipped.push((key.to_string(), 0, i, None));
                skipped.len() - 1
            });
            let group = &mut skipped[g];
            group.1 += 1;
            group.3 = match (group.3, e.not_after) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            continue;
        }
        rows.push(row(e));
    }
    for (key, count, only, earliest) in skipped {
        if count == 1 {
            rows.push(row(&entries[only]));
            continue;
        }
        let why = match earliest {
            Some(t) if key == NOT_DUE => {
                format!("{NOT_DUE} 60 days before NotAfter; the earliest NotAfter is {}", rfc3339(t))
            }
            _ => key,
        };
        rows.push(vec![format!("{count} certificates"), "-".into(), Action::Skipped.as_str().into(), why]);
    }
    table(&["CERTIFICATE ARN", "DOMAIN NAME", "ACTION", "REASON"], &rows)
}

/// How the policy words a certificate that is not due yet.
const NOT_DUE: &str = "not due until";

fn row(e: &Entry) -> Vec<String> {
    let mut why = e.reason.clone().unwrap_or_else(|| match e.not_after {
        Some(t) => format!("valid until {}", rfc3339(t)),
        None => String::new(),
    });
    for d in &e.deployments {
        match &d.error {
            None => why.push_str(&format!("; redeployed to {}", d.target)),
            Some(err) => why.push_str(&format!("; redeploy to {} FAILED: {err}", d.target)),
        }
    }
    vec![e.arn.to_string(), e.domain_name.clone(), e.action.as_str().to_string(), why]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AccountId, Region};

    fn skipped(reason: &str) -> Entry {
        Entry {
            arn: CertificateArn::new("us-east-1".parse::<Region>().unwrap(), AccountId::random()),
            domain_name: "www.example.com".into(),
            action: Action::Skipped,
            reason: Some(reason.into()),
            serial: None,
            not_after: None,
            deployments: Vec::new(),
        }
    }

    #[test]
    fn skipped_certificates_sharing_a_reason_take_one_line() {
        let mut entries: Vec<Entry> = (0..3).map(|_| skipped("INELIGIBLE: never exported")).collect();
        entries.push(skipped("IMPORTED: re-import it to renew"));
        let text = summary_text(&entries);
        assert_eq!(text.lines().count(), 3, "{text}");
        assert!(text.contains("3 certificates") && text.contains("INELIGIBLE: never exported"), "{text}");
        assert!(text.contains(&entries[3].arn.to_string()), "a reason of one certificate names it: {text}");
    }
}
