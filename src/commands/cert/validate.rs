use serde_json::json;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::issuance::{SigningAuthority, apply_info, new_key};
use crate::model::{CertificateArn, CertificateStatus, ValidationMethod};
use crate::output::Output;
use crate::output::acm::certificate_detail;
use crate::output::table::table;
use crate::pki::profile::PUBLIC_LEAF_DAYS;
use crate::policy::{self, Rule, effective_status};
use crate::store::RegionStore;
use crate::store::records::CertificateRecord;
use crate::validation::dns;
use crate::validation::record::{self, token_hash};

/// Validate a public certificate's domains, and issue it once all are
///
/// DNS: looks up each name's CNAME record (as 'acmctl cert describe ARN'
/// lists it) over real DNS: --nameserver, else ACMCTL_NAMESERVER, else the
/// config file's nameserver, else the system resolver. EMAIL: --token is the
/// approval token from the message sent to the validation domain.
///
/// When every name is validated, the region's public authority signs the
/// certificate and it becomes ISSUED. Otherwise it stays PENDING_VALIDATION,
/// each name says what is missing, and the exit code is 6. A certificate not
/// validated within 72 hours of its request is VALIDATION_TIMED_OUT and can no
/// longer be validated.
///
/// Examples:
///   acmctl cert validate CERT_ARN
///   acmctl cert validate CERT_ARN --nameserver 127.0.0.1:5353
///   acmctl cert validate CERT_ARN --token 0f3c…   (from 'Approval token:' in the email)
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// ARN of the certificate
    #[arg(value_name = "ARN", add = crate::commands::completions::certificate_arns())]
    pub arn: CertificateArn,
    /// DNS server to ask, HOST:PORT [default: ACMCTL_NAMESERVER, config file, system resolver]
    #[arg(long, value_name = "HOST:PORT")]
    pub nameserver: Option<String>,
    /// EMAIL validation: the approval token from the validation email
    #[arg(long, value_name = "T")]
    pub token: Option<String>,
}

/// One row per name: its status and what is missing.
pub fn status_table(rec: &CertificateRecord) -> String {
    let rows: Vec<Vec<String>> = rec
        .domain_validation
        .iter()
        .map(|d| {
            vec![
                d.domain_name.clone(),
                d.validation_status.clone(),
                d.reason.clone().unwrap_or_else(|| "-".into()),
                d.detail.clone().unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    table(&["DOMAIN", "STATUS", "REASON", "DETAIL"], &rows)
}

fn show(ctx: &Context, rec: &CertificateRecord) {
    let text = format!("{} {}\n{}", rec.arn, effective_status(rec, ctx.now), status_table(rec));
    ctx.ui.emit(&Output::new(json!({"Certificate": certificate_detail(rec, ctx.now)}), text));
}

fn still_pending(rec: &CertificateRecord) -> Error {
    let pending: Vec<String> = rec
        .domain_validation
        .iter()
        .filter(|d| d.validation_status != record::SUCCESS)
        .map(|d| format!("{} ({})", d.domain_name, d.detail.as_deref().unwrap_or("not validated")))
        .collect();
    let hint = match rec.validation_method {
        Some(ValidationMethod::Email) => {
            "approve with 'acmctl cert validate ARN --token TOKEN', the token from each validation domain's email"
        }
        _ => "publish the CNAME records 'acmctl cert describe ARN' lists, then run 'acmctl cert validate ARN' again",
    };
    Error::conflict(format!(
        "certificate {} is still PENDING_VALIDATION: {} of {} names not validated: {}",
        rec.arn,
        pending.len(),
        rec.domain_validation.len(),
        pending.join("; ")
    ))
    .with_hint(hint)
}

fn all_validated(rec: &CertificateRecord) -> bool {
    rec.domain_validation.iter().all(|d| d.validation_status == record::SUCCESS)
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let rec = ctx.certificate(&args.arn)?;
    policy::check_validate(&rec, ctx.now)?;
    if effective_status(&rec, ctx.now) == CertificateStatus::Issued {
        ctx.ui.status(&format!("{} is already validated and issued", rec.arn));
        show(ctx, &rec);
        return Ok(());
    }
    let email = rec.validation_method == Some(ValidationMethod::Email);
    // Lookups happen before the lock: the network may be slow, and other
    // commands must not wait for it.
    let (checks, hash) = if email {
        if args.nameserver.is_some() {
            return Err(Error::invalid(format!(
                "{} is validated by EMAIL; --nameserver is for DNS validation",
                rec.arn
            )));
        }
        let Some(token) = &args.token else {
            show(ctx, &rec);
            return Err(still_pending(&rec));
        };
        (Vec::new(), Some(token_hash(token)))
    } else {
        if args.token.is_some() {
            return Err(Error::invalid(format!("{} is validated by DNS; --token is for EMAIL validation", rec.arn))
                .with_hint("run 'acmctl cert validate ARN' after publishing its CNAME records"));
        }
        let ns = dns::configured_nameserver(ctx, args.nameserver.as_deref())?;
        (dns::recheck(&rec, ns)?, None)
    };
    if let Some(h) = &hash
        && !rec
            .domain_validation
            .iter()
            .any(|d| d.token_sha256.as_deref() == Some(h.as_str()) && d.validation_status != record::SUCCESS)
    {
        return Err(Error::invalid(format!(
            "the approval token does not match any validation domain of {} still waiting for approval",
            rec.arn
        ))
        .with_hint("use the token from the latest email ('Approval token: …'); 'acmctl cert resend-validation-email ARN' sends a new one"));
    }
    // RSA keys are slow to make: make the key before the lock when the
    // certificate is about to be issued.
    let expect_issue = if email {
        rec.domain_validation.iter().all(|d| d.validation_status == record::SUCCESS || d.token_sha256 == hash)
    } else {
        checks.iter().all(dns::RecordCheck::is_found)
    };
    let mut key = if expect_issue { Some(new_key(rec.key_algorithm)?) } else { None };

    let store = ctx.regional()?;
    let _lock = store.lock()?;
    let mut rec = ctx.certificate(&args.arn)?;
    policy::check_validate(&rec, ctx.now)?;
    if effective_status(&rec, ctx.now) == CertificateStatus::Issued {
        show(ctx, &rec);
        return Ok(());
    }
    if email {
        for d in rec.domain_validation.iter_mut().filter(|d| d.token_sha256 == hash) {
            d.validation_status = record::SUCCESS.into();
            d.reason = None;
            d.detail = Some("approved with the emailed token".into());
        }
    } else {
        if checks.len() != rec.domain_validation.len() {
            return Err(Error::conflict(format!(
                "certificate {} changed while its records were looked up; run the command again",
                rec.arn
            )));
        }
        for (d, c) in rec.domain_validation.iter_mut().zip(&checks) {
            dns::apply(d, c);
        }
    }
    if !all_validated(&rec) {
        store.save_certificate(&rec)?;
        show(ctx, &rec);
        return Err(still_pending(&rec));
    }
    let key = match key.take() {
        Some(k) => k,
        None => new_key(rec.key_algorithm)?,
    };
    issue(ctx, &store, &mut rec, &key)?;
    ctx.ui.status(&format!("Validated every name: {} is ISSUED", rec.arn));
    show(ctx, &rec);
    Ok(())
}

/// Signs a validated certificate with the public authority that took its
/// request. The serial is recorded before signing (issue_leaf does it).
fn issue(ctx: &Context, store: &RegionStore, rec: &mut CertificateRecord, key: &crate::pki::PrivateKey) -> Result<()> {
    let authority_arn =
        rec.authority.ok_or_else(|| Error::failure(format!("certificate {} names no public authority", rec.arn)))?;
    let authority = ctx.authority(&authority_arn, Rule::PublicAuthorityRequired)?;
    let signer = SigningAuthority::load(store, authority)?;
    let (material, info) =
        signer.issue_leaf(store, &rec.subject_alternative_names, key, true, PUBLIC_LEAF_DAYS, ctx.now)?;
    rec.status = CertificateStatus::Issued;
    rec.issued_at = Some(ctx.now);
    apply_info(rec, &info);
    store.replace_material(rec, &material)?;
    Ok(())
}
