use crate::clock::rfc3339;
use crate::commands::Context;
use crate::error::Result;
use crate::model::{CertificateArn, CertificateRecord};
use crate::output::acm::{CertificateDetail, DescribeCertificate};
use crate::output::table::fields;
use crate::policy::{effective_status, renewal_eligibility};

/// Show one certificate (DescribeCertificate)
///
/// Examples:
///   acmctl cert describe CERT_ARN
///   acmctl cert describe CERT_ARN --output json | jq -r .Certificate.Status
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// ARN of the certificate
    #[arg(value_name = "ARN", add = crate::commands::completions::certificate_arns())]
    pub arn: CertificateArn,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let c = crate::ops::certificate::describe(&ctx.scope()?, &args.arn)?;
    ctx.ui.show(|| DescribeCertificate { certificate: CertificateDetail::of(&c, ctx.now) }, || text(&c, ctx.now));
    Ok(())
}

/// The labelled fields people read.
fn text(c: &CertificateRecord, now: time::OffsetDateTime) -> String {
    let opt = |t: Option<time::OffsetDateTime>| t.map(rfc3339).unwrap_or_else(|| "-".into());
    let mut pairs = vec![
        ("Certificate ARN", c.arn.to_string()),
        ("Domain name", c.domain_name.clone()),
        ("Names", c.subject_alternative_names.join(", ")),
        ("Type", c.cert_type.to_string()),
        ("Status", effective_status(c, now).to_string()),
        ("Key algorithm", c.key_algorithm.to_string()),
        ("Serial", c.serial.clone().unwrap_or_else(|| "-".into())),
        ("Issuer", c.issuer.clone().unwrap_or_else(|| "-".into())),
        ("Not before", opt(c.not_before)),
        ("Not after", opt(c.not_after)),
        ("Created", rfc3339(c.created_at)),
        ("In use by", {
            let v = c.in_use_by();
            if v.is_empty() { "-".into() } else { v.join(", ") }
        }),
        ("Renewal eligibility", renewal_eligibility(c).to_string()),
    ];
    if let Some(r) = c.failure_reason {
        pairs.push(("Failure reason", r.to_string()));
    }
    if let Some(a) = c.authority {
        pairs.push(("Authority", a.to_string()));
    }
    if let Some(t) = c.imported_at {
        pairs.push(("Imported", rfc3339(t)));
    }
    if let Some(t) = c.revoked_at {
        let reason = c.revocation_reason.map(|r| format!(" ({r})")).unwrap_or_default();
        pairs.push(("Revoked", format!("{}{reason}", rfc3339(t))));
    }
    if let Some(r) = &c.renewal {
        let reason = r.reason.as_deref().map(|s| format!(" ({s})")).unwrap_or_default();
        pairs.push(("Renewal status", format!("{}{reason}", r.status)));
    }
    for d in &c.domain_validation {
        let mut line = format!("{} {}", d.domain_name, d.validation_status);
        if let (Some(n), Some(v)) = (&d.resource_record_name, &d.resource_record_value) {
            line.push_str(&format!("; CNAME {n} -> {v}"));
        }
        if !d.validation_emails.is_empty() {
            line.push_str(&format!("; email to {}", d.validation_emails.join(", ")));
        }
        if let Some(detail) = &d.detail {
            line.push_str(&format!("; {detail}"));
        }
        pairs.push(("Validation", line));
    }
    if !c.tags.is_empty() {
        pairs.push(("Tags", c.tags.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(", ")));
    }
    fields(&pairs)
}
