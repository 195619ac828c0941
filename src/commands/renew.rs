use serde::Serialize;
use serde_json::Value;

use crate::clock::rfc3339;
use crate::commands::Context;
use crate::error::{Error, Result};
use crate::model::CertificateArn;
use crate::ops::events;
use crate::ops::renew::{self, Action, Entry};
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
/// A sweep also sends expiry events, once a day per certificate, when a sink
/// is set (--event-file F or --event-command CMD, else ACMCTL_EVENT_FILE or
/// ACMCTL_EVENT_COMMAND, else event_file or event_command in the config file):
/// every active certificate, imported ones too, within the region's
/// DaysBeforeExpiry ('acmctl account config get', 45 by default) of its
/// NotAfter gets ACM's "ACM Certificate Approaching Expiration" event in
/// EventBridge's shape (source aws.acm, detail DaysToExpiry and CommonName,
/// resources the ARN), appended as one JSON line to the file, or given on
/// stdin to the command (sh -c, once per event, as reload commands run). The
/// day it was sent is kept in the store; an event that could not be
/// delivered is sent by the next sweep, and the exit code is 1.
///
/// Examples:
///   acmctl renew                      # in crontab: */10 * * * * acmctl renew --quiet
///   acmctl renew --output json | jq '.Certificates[] | select(.Action == "RENEWED")'
///   acmctl renew CERT_ARN
///   acmctl renew --passphrase-file /etc/acmctl/ca.pass   # authorities with encrypted keys
///   acmctl renew --event-file /var/log/acmctl-events.jsonl
///   acmctl renew --event-command 'jq -r .detail.CommonName | mail -s "certificate expiring" ops@example.com'
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// ARN of one certificate to renew now
    #[arg(value_name = "ARN", add = crate::commands::completions::certificate_arns())]
    pub arn: Option<CertificateArn>,
    /// A sweep appends expiry events to this JSON-lines file [default: ACMCTL_EVENT_FILE, config file event_file]
    #[arg(long, value_name = "FILE", conflicts_with_all = ["arn", "event_command"])]
    pub event_file: Option<std::path::PathBuf>,
    /// A sweep gives each expiry event on stdin to this command (sh -c) [default: ACMCTL_EVENT_COMMAND, config file event_command]
    #[arg(long, value_name = "CMD", conflicts_with = "arn")]
    pub event_command: Option<String>,
    #[command(flatten)]
    pub passphrase: crate::passphrase::PassphraseArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    // Read first: a passphrase file that cannot be read stops the command
    // before any certificate is looked at.
    let passphrase = args.passphrase.read(&ctx.settings)?;
    let passphrase = passphrase.as_ref();
    let scope = ctx.scope()?;
    let (entries, events) = match &args.arn {
        Some(arn) => (vec![renew::renew_one(&scope, arn, passphrase)?], Vec::new()),
        None => {
            let bar = ctx.ui.progress(crate::ops::certificate::count(&scope)? as u64);
            let entries = renew::sweep(&scope, passphrase, &|name| bar.step(name))?;
            let sink = ctx.settings.event_sink(args.event_file.as_deref(), args.event_command.as_deref());
            let events = match sink {
                Some(sink) => events::send_expiry_events(&scope, &sink)?,
                None => Vec::new(),
            };
            (entries, events)
        }
    };
    // Only the form that is printed is built: a sweep of a large region
    // summarises every certificate, and building both doubled its cost.
    ctx.ui.show(|| summary_json(&entries, &events), || summary_text(&entries));
    for e in &events {
        match &e.error {
            None => ctx.ui.status(&format!("Sent the expiry event of {} ({} days to expiry)", e.arn, e.days_to_expiry)),
            Some(err) => ctx.ui.status(&format!("Could not send the expiry event of {}: {err}", e.arn)),
        }
    }
    let undelivered: Vec<String> = events.iter().filter(|e| e.error.is_some()).map(|e| e.arn.to_string()).collect();
    if !undelivered.is_empty() {
        return Err(Error::failure(format!("expiry events could not be sent for {}", undelivered.join(", ")))
            .with_hint("the next sweep sends them again; check the event file or command"));
    }
    let failed: Vec<String> = entries.iter().filter(|e| e.failed()).map(|e| e.arn.to_string()).collect();
    if !failed.is_empty() {
        return Err(Error::failure(format!("renewal or redeployment failed for {}", failed.join(", ")))
            .with_hint("the summary above gives each reason; 'acmctl cert describe ARN' shows the RenewalSummary"));
    }
    Ok(())
}

/// The summary `--output json` prints: counts, every certificate, and the
/// expiry events the sweep sent. Members in the byte order of their names,
/// as output::acm's shapes.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Summary<'a> {
    certificates: Vec<EntryShape<'a>>,
    expiry_events: Vec<EventShape<'a>>,
    failed: usize,
    pending_validation: usize,
    renewed: usize,
    skipped: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct EntryShape<'a> {
    action: &'static str,
    certificate_arn: String,
    deployments: Vec<DeploymentShape<'a>>,
    domain_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    not_after: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    serial: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct DeploymentShape<'a> {
    directory: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    status: &'static str,
    target: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct EventShape<'a> {
    certificate_arn: String,
    days_to_expiry: i64,
    /// The event as delivered (a JSON value, its keys sorted).
    event: &'a Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    status: &'static str,
}

fn summary_json<'a>(entries: &'a [Entry], events: &'a [events::Sent]) -> Summary<'a> {
    let count = |a: Action| entries.iter().filter(|e| e.action == a).count();
    Summary {
        certificates: entries
            .iter()
            .map(|e| EntryShape {
                action: e.action.as_str(),
                certificate_arn: e.arn.to_string(),
                deployments: e
                    .deployments
                    .iter()
                    .map(|d| DeploymentShape {
                        directory: d.dest.display().to_string(),
                        reason: d.error.as_deref(),
                        status: if d.error.is_some() { "FAILED" } else { "SUCCESS" },
                        target: &d.target,
                    })
                    .collect(),
                domain_name: &e.domain_name,
                not_after: e.not_after.map(rfc3339),
                reason: e.reason.as_deref(),
                serial: e.serial.as_deref(),
            })
            .collect(),
        expiry_events: events
            .iter()
            .map(|e| EventShape {
                certificate_arn: e.arn.to_string(),
                days_to_expiry: e.days_to_expiry,
                event: &e.event,
                reason: e.error.as_deref(),
                status: if e.error.is_some() { "FAILED" } else { "SENT" },
            })
            .collect(),
        failed: count(Action::Failed),
        pending_validation: count(Action::PendingValidation),
        renewed: count(Action::Renewed),
        skipped: count(Action::Skipped),
    }
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

    #[test]
    fn the_json_summary_prints_every_member_in_order() {
        let mut renewed = skipped("FAILED: the hook exited 1");
        renewed.action = Action::Failed;
        renewed.serial = Some("01:02".into());
        renewed.not_after = Some(time::OffsetDateTime::UNIX_EPOCH);
        renewed.deployments = vec![crate::ops::deploy::Outcome {
            target: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/a/1".into(),
            dest: "/srv/tls".into(),
            error: Some("the hook exited 1".into()),
        }];
        let entries = vec![renewed, skipped("IMPORTED: re-import it to renew")];
        let events = vec![events::Sent {
            arn: entries[0].arn,
            days_to_expiry: 30,
            event: serde_json::json!({"detail-type": "ACM Certificate Approaching Expiration", "account": "1"}),
            error: Some("the event command exited 1".into()),
        }];
        let v = crate::output::printed_in_order(&summary_json(&entries, &events));
        assert_eq!((&v["Failed"], &v["Skipped"], &v["Renewed"]), (&1.into(), &1.into(), &0.into()), "{v}");
        assert_eq!(v["Certificates"][0].as_object().unwrap().len(), 7, "{v}");
        assert_eq!(v["Certificates"][0]["Deployments"][0].as_object().unwrap().len(), 4, "{v}");
        assert_eq!(v["Certificates"][1].as_object().unwrap().len(), 5, "no serial or NotAfter: {v}");
        assert_eq!(v["ExpiryEvents"][0].as_object().unwrap().len(), 5, "{v}");
        assert_eq!(v["ExpiryEvents"][0]["Status"], "FAILED");
    }
}
