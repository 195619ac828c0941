//! Managed renewal: a new key and serial under the same ARN, then every
//! deployment redeployed. What is renewed is decided in `policy::renewal`.

use time::OffsetDateTime;

use crate::deployment::{Outcome, redeploy_all};
use crate::error::{Error, ErrorKind, Result};
use crate::issuance::{SigningAuthority, apply_info, new_key};
use crate::model::{CertificateArn, CertificateType, RenewalStatus, ValidationMethod};
use crate::passphrase::Passphrase;
use crate::pki::PrivateKey;
use crate::pki::profile::{PRIVATE_LEAF_DAYS, PUBLIC_LEAF_DAYS};
use crate::policy::renewal::sweep_decision;
use crate::policy::{RenewalDecision, renewal_decision};
use crate::store::RegionStore;
use crate::store::records::{CertificateRecord, RenewalRecord};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Renewed,
    Skipped,
    /// A public certificate whose validation no longer holds.
    PendingValidation,
    Failed,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Renewed => "RENEWED",
            Action::Skipped => "SKIPPED",
            Action::PendingValidation => "PENDING_VALIDATION",
            Action::Failed => "FAILED",
        }
    }
}

/// What one certificate's turn in a renewal came to.
#[derive(Clone, Debug)]
pub struct Entry {
    pub arn: CertificateArn,
    pub domain_name: String,
    pub action: Action,
    pub reason: Option<String>,
    pub serial: Option<String>,
    pub not_after: Option<OffsetDateTime>,
    pub deployments: Vec<Outcome>,
}

impl Entry {
    fn new(rec: &CertificateRecord, action: Action, reason: Option<String>) -> Entry {
        Entry {
            arn: rec.arn,
            domain_name: rec.domain_name.clone(),
            action,
            reason,
            serial: rec.serial.clone(),
            not_after: rec.not_after,
            deployments: Vec::new(),
        }
    }

    /// A renewal failed, or a redeploy after it did.
    pub fn failed(&self) -> bool {
        self.action == Action::Failed || self.deployments.iter().any(|d| d.error.is_some())
    }
}

/// The one place where a public certificate's domain validation is checked
/// again before it is renewed: every DNS validation record is looked up
/// (the name server of ACMCTL_NAMESERVER or the config file, else the
/// system resolver). It fails closed: a public certificate is never renewed
/// without proof that its records still validate.
pub fn public_validation_still_holds(rec: &CertificateRecord, _now: OffsetDateTime) -> std::result::Result<(), String> {
    use crate::validation::dns;
    if rec.validation_method != Some(ValidationMethod::Dns) || rec.domain_validation.is_empty() {
        return Err(format!(
            "{} has no DNS validation records to check again (only DNS-validated certificates renew by themselves); request a new certificate",
            rec.domain_name
        ));
    }
    let nameserver = dns::default_nameserver().map_err(|e| e.message)?;
    let checks = dns::recheck(rec, nameserver).map_err(|e| e.message)?;
    let failing: Vec<String> = rec
        .domain_validation
        .iter()
        .zip(&checks)
        .filter(|(_, c)| !c.is_found())
        .map(|(d, c)| format!("{} ({})", d.domain_name, c.describe(d)))
        .collect();
    if failing.is_empty() {
        Ok(())
    } else {
        Err(format!("the DNS validation records no longer validate: {}", failing.join("; ")))
    }
}

/// Sweeps the region: every certificate is renewed or skipped, and says why.
pub fn sweep(
    store: &RegionStore,
    now: OffsetDateTime,
    passphrase: Option<&Passphrase>,
    progress: impl Fn(&str),
) -> Result<Vec<Entry>> {
    let mut entries = Vec::new();
    // The index decides most certificates without opening their records.
    for summary in store.certificate_summaries()? {
        if let RenewalDecision::Skip(reason) = sweep_decision(&summary, now) {
            progress(&summary.domain_name);
            entries.push(Entry {
                arn: summary.arn,
                domain_name: summary.domain_name,
                action: Action::Skipped,
                reason: Some(reason),
                serial: summary.serial,
                not_after: summary.not_after,
                deployments: Vec::new(),
            });
            continue;
        }
        let Some(rec) = store.load_certificate(&summary.arn)? else { continue };
        let entry = match renewal_decision(&rec, now, false) {
            RenewalDecision::Renew => renew(store, &rec, false, now, passphrase)?,
            RenewalDecision::Skip(reason) => Entry::new(&rec, Action::Skipped, Some(reason)),
            RenewalDecision::Refused(r) => Entry::new(&rec, Action::Skipped, Some(r.message)),
        };
        progress(&rec.domain_name);
        entries.push(entry);
    }
    Ok(entries)
}

/// Renews `seen` (as read before the lock) unless the decision changes
/// under the lock. Two processes renewing one certificate at once are
/// serialised by the region lock, and the second finds it renewed.
///
/// `passphrase` unlocks the issuing authority's key if it is encrypted. When
/// it is missing or wrong for a certificate named by ARN, the error is
/// returned and nothing is written: the fix is the caller's, not the
/// certificate's.
pub fn renew(
    store: &RegionStore,
    seen: &CertificateRecord,
    by_name: bool,
    now: OffsetDateTime,
    passphrase: Option<&Passphrase>,
) -> Result<Entry> {
    // The key is made before the lock: RSA generation is slow and needs nothing from the store.
    let key = match seen.cert_type {
        CertificateType::Private | CertificateType::AmazonIssued => Some(new_key(seen.key_algorithm)?),
        _ => None,
    };
    let _lock = store.lock()?;
    let Some(mut rec) = store.load_certificate(&seen.arn)? else {
        return Ok(Entry::new(seen, Action::Skipped, Some("deleted while the renewal waited".into())));
    };
    if rec.version != seen.version {
        return Ok(Entry::new(
            &rec,
            Action::Skipped,
            Some("renewed or re-imported by another process just now".into()),
        ));
    }
    match renewal_decision(&rec, now, by_name) {
        RenewalDecision::Renew => {}
        RenewalDecision::Skip(reason) => return Ok(Entry::new(&rec, Action::Skipped, Some(reason))),
        RenewalDecision::Refused(r) => return Err(r.into()),
    }
    if rec.cert_type == CertificateType::AmazonIssued
        && let Err(reason) = public_validation_still_holds(&rec, now)
    {
        rec.renewal = Some(RenewalRecord {
            status: RenewalStatus::PendingValidation,
            reason: Some(reason.clone()),
            updated_at: now,
        });
        store.save_certificate(&rec)?;
        return Ok(Entry::new(&rec, Action::PendingValidation, Some(reason)));
    }
    let key = key.expect("only private and public certificates get this far");
    match issue(store, &rec, &key, now, passphrase) {
        Ok((material, info)) => {
            apply_info(&mut rec, &info);
            rec.issued_at = Some(now);
            rec.renewal = Some(RenewalRecord { status: RenewalStatus::Success, reason: None, updated_at: now });
            store.replace_material(&mut rec, &material)?;
        }
        Err(e) if by_name && e.kind == ErrorKind::InvalidInput => return Err(e),
        Err(e) => {
            rec.renewal =
                Some(RenewalRecord { status: RenewalStatus::Failed, reason: Some(e.message.clone()), updated_at: now });
            store.save_certificate(&rec)?;
            return Ok(Entry::new(&rec, Action::Failed, Some(e.message)));
        }
    }
    let outcomes = redeploy_all(store, &mut rec, now)?;
    store.save_certificate(&rec)?;
    let mut entry = Entry::new(&rec, Action::Renewed, None);
    entry.deployments = outcomes;
    Ok(entry)
}

fn issue(
    store: &RegionStore,
    rec: &CertificateRecord,
    key: &PrivateKey,
    now: OffsetDateTime,
    passphrase: Option<&Passphrase>,
) -> Result<(crate::store::records::Material, crate::pki::CertInfo)> {
    let ca = rec.authority.ok_or_else(|| Error::failure(format!("{} records no issuing authority", rec.arn)))?;
    let authority = store
        .load_authority(&ca)?
        .ok_or_else(|| Error::failure(format!("its issuing authority {ca} no longer exists")))?;
    let signer = SigningAuthority::load_with(store, authority, passphrase)?;
    let public = rec.cert_type == CertificateType::AmazonIssued;
    let days = if public { PUBLIC_LEAF_DAYS } else { PRIVATE_LEAF_DAYS };
    signer.issue_leaf(store, &rec.subject_alternative_names, key, public, days, now)
}
