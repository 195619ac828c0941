//! Domain validation of public certificates: looking the DNS records up
//! (or taking the emailed token), issuing once every name is validated,
//! and ResendValidationEmail.

use super::issue::{SigningAuthority, apply_info, new_key};
use super::request::send_approvals;
use super::{Scope, authority, certificate};
use crate::error::{Error, Result};
use crate::model::{CertificateArn, CertificateRecord, CertificateStatus, FailureReason, ValidationMethod};
use crate::pki::PrivateKey;
use crate::pki::profile::PUBLIC_LEAF_DAYS;
use crate::policy::{self, Rule, effective_status};
use crate::store::RegionTx;
use crate::validation::email;
use crate::validation::record::{self, token_hash};
use crate::validation::{caa, dns};

/// How a validation ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validation {
    /// It had been issued already.
    AlreadyIssued,
    /// Every name is validated now, and the certificate issued.
    Issued,
    /// Names are still waiting (the record says which, and why).
    Pending,
    /// Every name is validated, but CAA forbids issuing: the certificate is
    /// FAILED with CAA_ERROR.
    Failed,
}

#[derive(Debug)]
pub struct Validated {
    pub record: CertificateRecord,
    pub outcome: Validation,
    /// Why the certificate failed (`Validation::Failed`).
    pub failure: Option<Error>,
}

impl Validated {
    fn new(record: CertificateRecord, outcome: Validation) -> Validated {
        Validated { record, outcome, failure: None }
    }
}

/// Looks up the CAA records of every name of `rec` (outside any
/// transaction: the network may be slow) and judges them. The outer error
/// is a lookup that failed, after which nothing may be issued; the inner
/// one the CAA records' refusal.
pub fn check_caa(
    scope: &Scope,
    rec: &CertificateRecord,
    nameserver: Option<std::net::SocketAddr>,
) -> Result<std::result::Result<(), policy::Refusal>> {
    let found = caa::lookup(nameserver, &rec.subject_alternative_names)?;
    for f in &found {
        if let Err(r) = policy::caa::check_caa(&f.name, &f.at, &f.records, &scope.settings.caa_domains) {
            return Ok(Err(r));
        }
    }
    Ok(Ok(()))
}

/// Records a certificate as FAILED by CAA, the validation entries as they
/// stand.
fn fail_by_caa(tx: &mut dyn RegionTx, mut rec: CertificateRecord, refusal: policy::Refusal) -> Result<Validated> {
    rec.status = CertificateStatus::Failed;
    rec.failure_reason = Some(FailureReason::CaaError);
    tx.save_certificate(&rec)?;
    let failure = Error::from(refusal);
    Ok(Validated { record: rec, outcome: Validation::Failed, failure: Some(failure) })
}

/// Why the certificate is still pending, as an error (exit 6).
pub fn still_pending(rec: &CertificateRecord) -> Error {
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
    .with_api("RequestInProgressException")
}

fn all_validated(rec: &CertificateRecord) -> bool {
    rec.domain_validation.iter().all(|d| d.validation_status == record::SUCCESS)
}

/// Validates `arn`: DNS records are looked up (at `nameserver`, else the
/// settings'), or the emailed `token` approves its validation domain.
pub fn validate(
    scope: &Scope,
    arn: &CertificateArn,
    nameserver: Option<&str>,
    token: Option<&str>,
) -> Result<Validated> {
    let rec = scope.read(|tx| certificate(tx, arn))?;
    policy::check_validate(&rec, scope.now)?;
    if effective_status(&rec, scope.now) == CertificateStatus::Issued {
        return Ok(Validated::new(rec, Validation::AlreadyIssued));
    }
    let email = rec.validation_method == Some(ValidationMethod::Email);
    // Lookups happen before the lock: the network may be slow, and other
    // writers must not wait for it.
    let (checks, hash, nameserver) = if email {
        if nameserver.is_some() {
            return Err(Error::invalid(format!(
                "{} is validated by EMAIL; --nameserver is for DNS validation",
                rec.arn
            )));
        }
        let Some(token) = token else {
            return Ok(Validated::new(rec, Validation::Pending));
        };
        (Vec::new(), Some(token_hash(token)), scope.settings.nameserver(None)?)
    } else {
        if token.is_some() {
            return Err(Error::invalid(format!("{} is validated by DNS; --token is for EMAIL validation", rec.arn))
                .with_hint("run 'acmctl cert validate ARN' after publishing its CNAME records"));
        }
        let ns = scope.settings.nameserver(nameserver)?;
        (dns::recheck(&rec, ns)?, None, ns)
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
    let key = if expect_issue { Some(new_key(rec.key_algorithm)?) } else { None };
    // CAA is read before issuing (RFC 8659); a lookup that fails issues
    // nothing and changes nothing: the next validation tries again.
    let caa = if expect_issue { Some(check_caa(scope, &rec, nameserver)?) } else { None };
    scope.write(|tx| {
        let mut rec = certificate(tx, arn)?;
        policy::check_validate(&rec, scope.now)?;
        if effective_status(&rec, scope.now) == CertificateStatus::Issued {
            return Ok(Validated::new(rec, Validation::AlreadyIssued));
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
        let caa = match (&caa, all_validated(&rec)) {
            (Some(caa), true) => caa,
            // Not every name is validated; or every name is, but only since
            // the records were read, so that CAA was not: the next
            // validation reads it.
            _ => {
                tx.save_certificate(&rec)?;
                return Ok(Validated::new(rec, Validation::Pending));
            }
        };
        if let Err(refusal) = caa {
            return fail_by_caa(tx, rec, refusal.clone());
        }
        let fresh;
        let key = match &key {
            Some(k) => k,
            None => {
                fresh = new_key(rec.key_algorithm)?;
                &fresh
            }
        };
        issue(tx, scope, &mut rec, key)?;
        Ok(Validated::new(rec, Validation::Issued))
    })
}

/// Signs a validated certificate with the public authority that took its
/// request.
fn issue(tx: &mut dyn RegionTx, scope: &Scope, rec: &mut CertificateRecord, key: &PrivateKey) -> Result<()> {
    let ca =
        rec.authority.ok_or_else(|| Error::failure(format!("certificate {} names no public authority", rec.arn)))?;
    let a = authority(tx, &ca, Rule::PublicAuthorityRequired)?;
    // The public authority's keys are never encrypted.
    let signer = SigningAuthority::load(tx, a, None)?;
    let (material, info) =
        signer.issue_leaf(tx, &rec.subject_alternative_names, key, true, PUBLIC_LEAF_DAYS, scope.now)?;
    rec.status = CertificateStatus::Issued;
    rec.issued_at = Some(scope.now);
    apply_info(rec, &info);
    tx.replace_material(rec, &material)?;
    Ok(())
}

/// ResendValidationEmail: new approval tokens for the validation domains
/// still waiting (or only `domain`), sent through the SMTP relay. Returns
/// the domains sent to.
pub fn resend(scope: &Scope, arn: &CertificateArn, domain: Option<&str>) -> Result<Vec<String>> {
    let rec = scope.read(|tx| certificate(tx, arn))?;
    policy::check_validate(&rec, scope.now)?;
    if rec.validation_method != Some(ValidationMethod::Email) {
        return Err(Error::invalid(format!("{} is validated by DNS, not EMAIL; there is no email to resend", rec.arn))
            .with_hint(
                "publish the CNAME records 'acmctl cert describe ARN' lists, then run 'acmctl cert validate ARN'",
            )
            .with_api("InvalidStateException"));
    }
    let status = effective_status(&rec, scope.now);
    if status != CertificateStatus::PendingValidation {
        return Err(Error::conflict(format!("{} is already {status}; there is nothing to approve", rec.arn))
            .with_api("InvalidStateException"));
    }
    if let Some(d) = domain
        && !rec.domain_validation.iter().any(|e| e.validation_domain == *d)
    {
        let known: Vec<&str> = rec.domain_validation.iter().map(|e| e.validation_domain.as_str()).collect();
        return Err(Error::invalid(format!(
            "{d} is not a validation domain of {}; its validation domains are {}",
            rec.arn,
            known.join(", ")
        ))
        .with_api("InvalidDomainValidationOptionsException"));
    }
    let relay = scope.settings.smtp_relay().ok_or_else(email::no_relay_error)?;
    let (rec, tokens) = scope.write(|tx| {
        let mut rec = certificate(tx, arn)?;
        policy::check_validate(&rec, scope.now)?;
        let tokens = email::issue_tokens(&mut rec, domain);
        if tokens.is_empty() {
            return Err(Error::conflict(format!("every validation domain of {} is already approved", rec.arn))
                .with_api("InvalidStateException"));
        }
        tx.save_certificate(&rec)?;
        Ok((rec, tokens))
    })?;
    match send_approvals(scope, relay, &rec, &tokens)? {
        (_, Some(failure)) => Err(failure),
        (sent, None) => Ok(sent),
    }
}
