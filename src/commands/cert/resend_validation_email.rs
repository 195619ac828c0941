use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::{CertificateArn, CertificateStatus, ValidationMethod};
use crate::output::Output;
use crate::policy::{self, effective_status};
use crate::store::records::CertificateRecord;
use crate::validation::email::{self, issue_tokens, mark_not_sent};
use crate::validation::record::ApprovalMessage;

/// Send the validation email again (ResendValidationEmail)
///
/// Sends a new approval message, with a new approval token, to admin@,
/// administrator@, hostmaster@, postmaster@ and webmaster@ of each validation
/// domain of a certificate pending EMAIL validation (or of --domain only),
/// through the SMTP relay of ACMCTL_SMTP_RELAY or the config file's smtp_relay.
/// Tokens sent earlier stop working.
///
/// Examples:
///   acmctl cert resend-validation-email CERT_ARN
///   ACMCTL_SMTP_RELAY=127.0.0.1:2525 acmctl cert resend-validation-email CERT_ARN --domain example.com
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// ARN of the certificate
    #[arg(value_name = "ARN", add = crate::commands::completions::certificate_arns())]
    pub arn: CertificateArn,
    /// Only the validation domain D (as in DomainValidationOptions' ValidationDomain)
    #[arg(long, value_name = "D")]
    pub domain: Option<String>,
}

pub fn relay(ctx: &Context) -> Result<String> {
    email::resolve_relay(std::env::var("ACMCTL_SMTP_RELAY").ok().as_deref(), ctx.config.smtp_relay.as_deref())
        .ok_or_else(email::no_relay_error)
}

/// Sends the approval messages for `tokens` (already recorded in the
/// store), and records the domains whose message could not be sent.
pub fn deliver(ctx: &Context, rec: &CertificateRecord, tokens: &[(String, String)], relay: &str) -> Result<()> {
    let arn = rec.arn.to_string();
    let mut failures: Vec<(String, Error)> = Vec::new();
    for (domain, token) in tokens {
        let names: Vec<String> = rec
            .domain_validation
            .iter()
            .filter(|d| d.validation_domain == *domain)
            .map(|d| d.domain_name.clone())
            .collect();
        let message = ApprovalMessage {
            validation_domain: domain,
            names: &names,
            account: rec.arn.account(),
            region: rec.arn.region().as_str(),
            certificate_arn: &arn,
            token,
        };
        match email::send(relay, &message) {
            Ok(()) => ctx.ui.status(&format!("Sent the approval email for {domain} to its five addresses")),
            Err(e) => failures.push((domain.clone(), e)),
        }
    }
    let Some((_, first)) = failures.first() else { return Ok(()) };
    let message = first.message.clone();
    let store = ctx.regional()?;
    let _lock = store.lock()?;
    if let Some(mut current) = store.load_certificate(&rec.arn)? {
        for (domain, e) in &failures {
            mark_not_sent(&mut current, domain, &e.message);
        }
        store.save_certificate(&current)?;
    }
    Err(Error::failure(message).with_hint(format!(
        "the request is recorded; when the relay is reachable, run 'acmctl --region {} cert resend-validation-email {arn}'",
        rec.arn.region()
    )))
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let rec = ctx.certificate(&args.arn)?;
    policy::check_validate(&rec, ctx.now)?;
    if rec.validation_method != Some(ValidationMethod::Email) {
        return Err(Error::invalid(format!("{} is validated by DNS, not EMAIL; there is no email to resend", rec.arn))
            .with_hint(
                "publish the CNAME records 'acmctl cert describe ARN' lists, then run 'acmctl cert validate ARN'",
            ));
    }
    if effective_status(&rec, ctx.now) != CertificateStatus::PendingValidation {
        return Err(Error::conflict(format!(
            "{} is already {}; there is nothing to approve",
            rec.arn,
            effective_status(&rec, ctx.now)
        )));
    }
    if let Some(d) = &args.domain
        && !rec.domain_validation.iter().any(|e| e.validation_domain == *d)
    {
        let known: Vec<&str> = rec.domain_validation.iter().map(|e| e.validation_domain.as_str()).collect();
        return Err(Error::invalid(format!(
            "{d} is not a validation domain of {}; its validation domains are {}",
            rec.arn,
            known.join(", ")
        )));
    }
    let relay = relay(ctx)?;
    let store = ctx.regional()?;
    let (rec, tokens) = {
        let _lock = store.lock()?;
        let mut rec = ctx.certificate(&args.arn)?;
        policy::check_validate(&rec, ctx.now)?;
        let tokens = issue_tokens(&mut rec, args.domain.as_deref());
        if tokens.is_empty() {
            return Err(Error::conflict(format!("every validation domain of {} is already approved", rec.arn)));
        }
        store.save_certificate(&rec)?;
        (rec, tokens)
    };
    deliver(ctx, &rec, &tokens, &relay)?;
    let domains: Vec<&str> = tokens.iter().map(|(d, _)| d.as_str()).collect();
    ctx.ui.emit(&Output::new(serde_json::json!({}), format!("Sent approval email for {}", domains.join(", "))));
    Ok(())
}
