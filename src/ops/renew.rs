//! RenewCertificate and the managed-renewal sweep: a new key and serial
//! under the same ARN, then every deployment redeployed. What is renewed is
//! decided in `policy::renewal`.

use time::OffsetDateTime;

use super::deploy::{Outcome, Redeploy};
use super::issue::{SignerError, SigningAuthority, apply_info, new_key};
use super::{Scope, certificate};
use crate::error::{Error, Result};
use crate::model::{
    CertificateArn, CertificateRecord, CertificateType, Deployment, FailureReason, Material, RenewalRecord,
    RenewalStatus, ValidationMethod,
};
use crate::passphrase::Passphrase;
use crate::pki::profile::{PRIVATE_LEAF_DAYS, PUBLIC_LEAF_DAYS};
use crate::pki::{CertInfo, PrivateKey};
use crate::policy::renewal::sweep_decision;
use crate::policy::{RenewalDecision, renewal_decision};
use crate::store::RegionTx;

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
    pub fn new(rec: &CertificateRecord, action: Action, reason: Option<String>) -> Entry {
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
/// (at the settings' name server, else the system resolver). It fails
/// closed: a public certificate is never renewed without proof that its
/// records still validate. It runs before the store is locked: a silent
/// name server must not hold every writer up.
/// Then the CAA records are read: a refusal fails the renewal (the
/// current certificate stays), a lookup that fails leaves it pending.
pub fn public_validation_still_holds(scope: &Scope, rec: &CertificateRecord) -> std::result::Result<(), Blocked> {
    still_validated(scope, rec).map_err(Blocked::Pending)?;
    let nameserver = scope.settings.nameserver(None).map_err(|e| Blocked::Pending(e.message))?;
    match super::validate::check_caa(scope, rec, nameserver) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(refusal)) => Err(Blocked::Caa(refusal.message)),
        Err(e) => Err(Blocked::Pending(e.message)),
    }
}

/// Why a public certificate is not renewed now.
#[derive(Clone, Debug)]
pub enum Blocked {
    /// Its validation does not hold, or could not be checked: the renewal
    /// waits (PENDING_VALIDATION) and the next sweep tries again.
    Pending(String),
    /// Its CAA records forbid the public authority: the renewal FAILED
    /// with CAA_ERROR.
    Caa(String),
}

fn still_validated(scope: &Scope, rec: &CertificateRecord) -> std::result::Result<(), String> {
    use crate::validation::dns;
    if rec.validation_method != Some(ValidationMethod::Dns) || rec.domain_validation.is_empty() {
        return Err(format!(
            "{} has no DNS validation records to check again (only DNS-validated certificates renew by themselves); request a new certificate",
            rec.domain_name
        ));
    }
    let nameserver = scope.settings.nameserver(None).map_err(|e| e.message)?;
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

/// Sweeps the region: every certificate is renewed or skipped, and says
/// why. `progress` hears each certificate's domain name as it is done.
pub fn sweep(scope: &Scope, passphrase: Option<&Passphrase>, progress: &dyn Fn(&str)) -> Result<Vec<Entry>> {
    let mut entries = Vec::new();
    // The summaries decide most certificates without opening their records.
    // One read serves both steps: listing a large region is most of a sweep
    // with nothing due.
    let summaries = scope.read(|tx| Ok(tx.summaries()?))?;
    let in_use: Vec<CertificateArn> = summaries.iter().filter(|s| s.in_use).map(|s| s.arn).collect();
    for summary in summaries {
        if let RenewalDecision::Skip(reason) = sweep_decision(&summary, scope.now) {
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
        let Some(rec) = scope.read(|tx| Ok(tx.certificate(&summary.arn)?))? else { continue };
        let entry = match renewal_decision(&rec, scope.now, false) {
            RenewalDecision::Renew => renew(scope, &rec, false, passphrase)?,
            RenewalDecision::Skip(reason) => Entry::new(&rec, Action::Skipped, Some(reason)),
            RenewalDecision::Refused(r) => Entry::new(&rec, Action::Skipped, Some(r.message)),
        };
        progress(&rec.domain_name);
        entries.push(entry);
    }
    redeploy_stale(scope, &in_use, &mut entries)?;
    Ok(entries)
}

/// The second step of renewal in a store that hosts share: this host's
/// deployments whose files hold an older version than their certificate
/// (another host renewed or re-imported it) get the current files, and
/// their reload commands run. Other hosts' deployments are left to them.
/// `in_use` is what the sweep's summaries showed deployed; a deployment made
/// since holds the current version, or is the next sweep's to refresh.
fn redeploy_stale(scope: &Scope, in_use: &[CertificateArn], entries: &mut [Entry]) -> Result<()> {
    let host = scope.settings.host_id.as_str();
    let stale = |d: &Deployment, version: u32| d.belongs_to(host) && d.version.is_some_and(|v| v < version);
    for arn in in_use {
        let Some(seen) = scope.read(|tx| Ok(tx.certificate(arn)?))? else { continue };
        if !seen.deployments.iter().any(|d| stale(d, seen.version)) {
            continue;
        }
        let redeploy = scope.write(|tx| {
            let Some(mut rec) = tx.certificate(&seen.arn)? else { return Ok(None) };
            let Some(material) = tx.material(&rec)? else { return Ok(None) };
            if material.private_key_pem.is_empty() {
                return Err(Error::failure(format!("the key of {} could not be read from the store", rec.arn)));
            }
            let version = rec.version;
            let redeploy = Redeploy::rewrite_where(&mut rec, &material, scope.now, |d| stale(d, version));
            tx.save_certificate(&rec)?;
            Ok(Some(redeploy))
        })?;
        if let Some(redeploy) = redeploy {
            let outcomes = redeploy.finish(&scope.settings.hooks);
            if let Some(e) = entries.iter_mut().find(|e| e.arn == seen.arn) {
                e.deployments.extend(outcomes);
            }
        }
    }
    Ok(())
}

/// RenewCertificate: renews `arn` now.
pub fn renew_one(scope: &Scope, arn: &CertificateArn, passphrase: Option<&Passphrase>) -> Result<Entry> {
    let rec = scope.read(|tx| certificate(tx, arn))?;
    renew(scope, &rec, true, passphrase)
}

/// Renews `seen` (as read before the lock) unless the decision changes in
/// the transaction. Two processes renewing one certificate at once are
/// serialised by the store, and the second finds it renewed.
///
/// `passphrase` unlocks the issuing authority's key if it is encrypted.
/// When it is missing or wrong for a certificate named by ARN, the error is
/// returned and nothing is written: the fix is the caller's, not the
/// certificate's.
fn renew(scope: &Scope, seen: &CertificateRecord, by_name: bool, passphrase: Option<&Passphrase>) -> Result<Entry> {
    if let RenewalDecision::Refused(r) = renewal_decision(seen, scope.now, by_name) {
        return Err(r.into());
    }
    // The key is made before the lock: RSA generation is slow and needs nothing from the store.
    let key = match seen.cert_type {
        CertificateType::Private | CertificateType::AmazonIssued => Some(new_key(seen.key_algorithm)?),
        _ => None,
    };
    let validation = match seen.cert_type {
        CertificateType::AmazonIssued => public_validation_still_holds(scope, seen),
        _ => Ok(()),
    };
    let done = scope.write(|tx| {
        // A sweep leaves a certificate another writer holds to it: in a
        // shared store, parallel sweeps share the work.
        if !by_name && !tx.try_claim(&seen.arn)? && tx.certificate(&seen.arn)?.is_some() {
            let why = "being renewed by another process just now";
            return Ok((Entry::new(seen, Action::Skipped, Some(why.into())), None));
        }
        let Some(mut rec) = tx.certificate(&seen.arn)? else {
            return Ok((Entry::new(seen, Action::Skipped, Some("deleted while the renewal waited".into())), None));
        };
        if rec.version != seen.version {
            let why = "renewed or re-imported by another process just now";
            return Ok((Entry::new(&rec, Action::Skipped, Some(why.into())), None));
        }
        match renewal_decision(&rec, scope.now, by_name) {
            RenewalDecision::Renew => {}
            RenewalDecision::Skip(reason) => return Ok((Entry::new(&rec, Action::Skipped, Some(reason)), None)),
            RenewalDecision::Refused(r) => return Err(r.into()),
        }
        match &validation {
            Ok(()) => {}
            Err(Blocked::Pending(reason)) => {
                rec.renewal = Some(RenewalRecord {
                    status: RenewalStatus::PendingValidation,
                    reason: Some(reason.clone()),
                    failure_reason: None,
                    updated_at: scope.now,
                });
                tx.save_certificate(&rec)?;
                return Ok((Entry::new(&rec, Action::PendingValidation, Some(reason.clone())), None));
            }
            Err(Blocked::Caa(reason)) => {
                rec.renewal = Some(RenewalRecord {
                    status: RenewalStatus::Failed,
                    reason: Some(reason.clone()),
                    failure_reason: Some(FailureReason::CaaError),
                    updated_at: scope.now,
                });
                tx.save_certificate(&rec)?;
                return Ok((Entry::new(&rec, Action::Failed, Some(reason.clone())), None));
            }
        }
        let key = key.as_ref().expect("only private and public certificates get this far");
        let material = match issue(tx, &rec, key, scope.now, passphrase) {
            Ok((material, info)) => {
                apply_info(&mut rec, &info);
                rec.issued_at = Some(scope.now);
                rec.renewal = Some(RenewalRecord {
                    status: RenewalStatus::Success,
                    reason: None,
                    failure_reason: None,
                    updated_at: scope.now,
                });
                tx.replace_material(&mut rec, &material)?;
                material
            }
            Err(Failure::Passphrase(e)) if by_name => return Err(e.into()),
            // A store acmctl may not use stops everything, writing nothing.
            Err(Failure::Refused(e)) => return Err(e),
            Err(failure) => {
                let reason = failure.message();
                rec.renewal = Some(RenewalRecord {
                    status: RenewalStatus::Failed,
                    reason: Some(reason.clone()),
                    failure_reason: Some(FailureReason::Other),
                    updated_at: scope.now,
                });
                tx.save_certificate(&rec)?;
                return Ok((Entry::new(&rec, Action::Failed, Some(reason)), None));
            }
        };
        let redeploy = Redeploy::rewrite(&mut rec, &material, scope.now, &scope.settings.host_id);
        tx.save_certificate(&rec)?;
        Ok((Entry::new(&rec, Action::Renewed, None), Some(redeploy)))
    })?;
    let (mut entry, redeploy) = done;
    if let Some(redeploy) = redeploy {
        entry.deployments = redeploy.finish(&scope.settings.hooks);
    }
    Ok(entry)
}

/// Why a renewal could not sign: the passphrase (the caller's to fix), or
/// anything else (the certificate's renewal failed).
enum Failure {
    Passphrase(SignerError),
    /// A part of the store that is not safe to use (another user's, a link).
    Refused(Error),
    Other(Error),
}

impl Failure {
    fn message(self) -> String {
        match self {
            Failure::Passphrase(e) => e.to_string(),
            Failure::Refused(e) | Failure::Other(e) => e.message,
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Other(e)
    }
}

fn store_failure(e: crate::store::StoreError) -> Failure {
    use crate::store::{StoreError, pg::ErrorClass};
    match e {
        // A store acmctl may not use, or a store key missing or wrong:
        // the caller's to fix, not the certificate's.
        StoreError::Unsafe { .. } | StoreError::Pg { class: ErrorClass::InvalidInput | ErrorClass::Busy, .. } => {
            Failure::Refused(e.into())
        }
        other => Failure::Other(other.into()),
    }
}

fn issue(
    tx: &mut dyn RegionTx,
    rec: &CertificateRecord,
    key: &PrivateKey,
    now: OffsetDateTime,
    passphrase: Option<&Passphrase>,
) -> std::result::Result<(Material, CertInfo), Failure> {
    let ca = rec.authority.ok_or_else(|| Error::failure(format!("{} records no issuing authority", rec.arn)))?;
    let authority = tx
        .authority(&ca)
        .map_err(store_failure)?
        .ok_or_else(|| Error::failure(format!("its issuing authority {ca} no longer exists")))?;
    let signer = SigningAuthority::load(tx, authority, passphrase).map_err(|e| match e {
        SignerError::PassphraseMissing(_) | SignerError::PassphraseWrong(_) => Failure::Passphrase(e),
        SignerError::Store(s) => store_failure(s),
        other => Failure::Other(other.into()),
    })?;
    let public = rec.cert_type == CertificateType::AmazonIssued;
    let days = if public { PUBLIC_LEAF_DAYS } else { PRIVATE_LEAF_DAYS };
    Ok(signer.issue_leaf(tx, &rec.subject_alternative_names, key, public, days, now)?)
}
