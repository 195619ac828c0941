//! DescribeCertificate, GetCertificate, ListCertificates,
//! DeleteCertificate and ExportCertificate.

use time::Duration;

use super::{Scope, certificate};
use crate::error::{Error, Result};
use crate::model::{
    CertificateArn, CertificateOptions, CertificateRecord, CertificateStatus, KeyAlgorithm, Preference, Summary,
};
use crate::passphrase::Passphrase;
use crate::pki::PrivateKey;
use crate::pki::export::encrypt_pkcs8;
use crate::policy::{self, Refusal, Rule, status_at};

/// DescribeCertificate.
pub fn describe(scope: &Scope, arn: &CertificateArn) -> Result<CertificateRecord> {
    scope.read(|tx| certificate(tx, arn))
}

/// GetCertificate: the certificate and its chain, in PEM.
pub fn get(scope: &Scope, arn: &CertificateArn) -> Result<(String, String)> {
    scope.read(|tx| {
        let c = certificate(tx, arn)?;
        let m = tx.material(&c)?.ok_or_else(|| {
            Error::conflict(format!("certificate {} has not been issued yet (status {})", c.arn, c.status))
                .with_hint("validate it first: 'acmctl cert validate ARN'")
                .with_api("RequestInProgressException")
        })?;
        Ok((m.certificate_pem, m.chain_pem))
    })
}

/// ListCertificates' filters.
#[derive(Default)]
pub struct Filter {
    /// Only these statuses (as of now); all when empty.
    pub statuses: Vec<CertificateStatus>,
    /// Only these key algorithms; all when empty.
    pub key_types: Vec<KeyAlgorithm>,
    /// Only certificates whose NotAfter is within this many days.
    pub expiring_within_days: Option<u32>,
}

/// ListCertificates: the region's certificates that pass `filter`, in
/// order of creation, from the store's summaries (no record is opened).
pub fn list(scope: &Scope, filter: &Filter) -> Result<Vec<Summary>> {
    let mut certs = scope.read(|tx| Ok(tx.summaries()?))?;
    let now = scope.now;
    let horizon = filter.expiring_within_days.map(|days| now + Duration::days(i64::from(days)));
    certs.retain(|c| {
        (filter.statuses.is_empty() || filter.statuses.contains(&status_at(c.status, c.not_after, c.created_at, now)))
            && (filter.key_types.is_empty() || filter.key_types.contains(&c.key_algorithm))
            && horizon.is_none_or(|h| c.not_after.is_some_and(|t| t <= h))
    });
    Ok(certs)
}

/// How many certificates the region holds.
pub fn count(scope: &Scope) -> Result<usize> {
    scope.read(|tx| Ok(tx.certificate_count()?))
}

/// DeleteCertificate: refused while it is in use.
pub fn delete(scope: &Scope, arn: &CertificateArn) -> Result<()> {
    // Checked before the lock too, so that a refusal takes no lock and writes nothing.
    policy::delete::check_delete(&describe(scope, arn)?)?;
    scope.write(|tx| {
        let c = certificate(tx, arn)?;
        policy::delete::check_delete(&c)?;
        Ok(tx.delete_certificate(&c.arn)?)
    })
}

/// UpdateCertificateOptions: the certificate-transparency logging
/// preference changes; whether the key may be exported was decided when
/// the certificate was requested and stays.
pub fn update_options(
    scope: &Scope,
    arn: &CertificateArn,
    ct: Option<Preference>,
    export: Option<Preference>,
) -> Result<CertificateOptions> {
    let check = |c: &CertificateRecord| -> Result<()> {
        match export {
            Some(e) if e != c.options().export => Err(Refusal::new(
                Rule::ExportFixedAtRequest,
                format!("{} is requested with Export {}; it cannot be changed to {e}", c.arn, c.options().export),
                "request a new certificate with the export option you need",
            )
            .into()),
            _ => Ok(()),
        }
    };
    check(&describe(scope, arn)?)?;
    scope.write(|tx| {
        let mut c = certificate(tx, arn)?;
        check(&c)?;
        let mut options = c.options();
        if let Some(ct) = ct {
            options.certificate_transparency_logging_preference = ct;
        }
        c.options = Some(options);
        tx.save_certificate(&c)?;
        Ok(options)
    })
}

/// ExportCertificate's result: the key encrypted with the passphrase.
pub struct Exported {
    pub certificate_pem: String,
    pub chain_pem: String,
    pub encrypted_key_pem: String,
}

/// ExportCertificate: private certificates, issued; exporting makes the
/// certificate eligible for managed renewal.
pub fn export(scope: &Scope, arn: &CertificateArn, passphrase: &Passphrase) -> Result<Exported> {
    // Checked before the lock too, so that a refusal takes no lock and writes nothing.
    policy::check_export(&describe(scope, arn)?, scope.now)?;
    scope.write(|tx| {
        let mut c = certificate(tx, arn)?;
        policy::check_export(&c, scope.now)?;
        let material =
            tx.material(&c)?.ok_or_else(|| Error::failure(format!("certificate {} has no key in the store", c.arn)))?;
        if material.private_key_pem.is_empty() {
            return Err(Error::failure(format!("the key of {} could not be read from the store", c.arn)));
        }
        let key = PrivateKey::from_pem(&material.private_key_pem, c.key_algorithm)
            .map_err(|e| Error::failure(format!("the key of {} cannot be read: {e}", c.arn)))?;
        let encrypted_key_pem = encrypt_pkcs8(key.pkcs8_der(), passphrase.as_bytes())?;
        if !c.exported {
            c.exported = true;
            tx.save_certificate(&c)?;
        }
        Ok(Exported { certificate_pem: material.certificate_pem, chain_pem: material.chain_pem, encrypted_key_pem })
    })
}
