//! Signing with an authority of the store: the step shared by `ca init`
//! (subordinates), `cert request`, validation and renewal.

use time::OffsetDateTime;

use crate::error::{Error, Result};
use crate::model::KeyAlgorithm;
use crate::passphrase::{self, Passphrase};
use crate::pki::export::{check_encrypted_pem, decrypt_pkcs8};
use crate::pki::keys::Zeroizing;
use crate::pki::profile::{self, LeafProfile, PublicationUrls, Validity};
use crate::pki::serial::{plain_hex, random_serial};
use crate::pki::strict_pem;
use crate::pki::{CertInfo, PrivateKey};
use crate::store::records::{AuthorityRecord, CertificateRecord, Material};
use crate::store::{CERT_PEM, CHAIN_PEM, KEY_PEM, RegionStore, StoreError};

/// An authority with its certificate and key loaded, ready to sign.
pub struct SigningAuthority {
    pub record: AuthorityRecord,
    pub cert_pem: String,
    pub chain_pem: String,
    pub key: PrivateKey,
}

impl SigningAuthority {
    /// Loads an authority whose key, if encrypted, is unlocked by
    /// ACMCTL_CA_PASSPHRASE.
    pub fn load(store: &RegionStore, record: AuthorityRecord) -> Result<Self> {
        let passphrase = passphrase::from_env()?;
        Self::load_with(store, record, passphrase.as_ref())
    }

    /// Loads an authority's certificate, chain and key. Damage to any of
    /// them is reported with the file's path, never with its contents.
    pub fn load_with(store: &RegionStore, record: AuthorityRecord, passphrase: Option<&Passphrase>) -> Result<Self> {
        let dir = store.authority_dir(&record.arn);
        let damaged = |name: &str, reason: String| -> Error { StoreError::corrupt(dir.join(name), reason).into() };
        let cert_pem = store.authority_file(&record.arn, CERT_PEM)?;
        let info = strict_pem::one(&cert_pem, "CERTIFICATE")
            .and_then(|der| CertInfo::from_der(&der))
            .map_err(|e| damaged(CERT_PEM, e.to_string()))?;
        let chain_pem = store.authority_file(&record.arn, CHAIN_PEM)?;
        strict_pem::all(&chain_pem, "CERTIFICATE").map_err(|e| damaged(CHAIN_PEM, e.to_string()))?;
        let key_pem = Zeroizing(store.authority_file(&record.arn, KEY_PEM)?.into_bytes());
        let key_text = std::str::from_utf8(&key_pem.0).unwrap_or_default();
        let key = if record.key_encrypted {
            check_encrypted_pem(key_text).map_err(|e| damaged(KEY_PEM, e.to_string()))?;
            let Some(passphrase) = passphrase else {
                return Err(Error::invalid(format!(
                    "the key of certificate authority {} is encrypted and no passphrase was given",
                    record.arn
                ))
                .with_hint(format!("pass --passphrase-file F or set {}", passphrase::ENV)));
            };
            let der = Zeroizing(decrypt_pkcs8(key_text, &passphrase.0).map_err(|_| {
                Error::invalid(format!(
                    "the passphrase does not decrypt the key of certificate authority {}",
                    record.arn
                ))
                .with_hint("check the passphrase file or ACMCTL_CA_PASSPHRASE")
            })?);
            PrivateKey::from_pkcs8_der(&der.0, record.key_algorithm)
        } else {
            strict_pem::one(key_text, "PRIVATE KEY").and_then(|_| PrivateKey::from_pem(key_text, record.key_algorithm))
        }
        .map_err(|e| damaged(KEY_PEM, e.to_string()))?;
        if key.spki_der() != info.spki_der {
            return Err(damaged(KEY_PEM, "the private key does not match the authority's certificate".into()));
        }
        Ok(SigningAuthority { record, cert_pem, chain_pem, key })
    }

    /// The chain a certificate signed by this authority is served with.
    pub fn chain_for_issued(&self) -> String {
        format!("{}{}", self.cert_pem, self.chain_pem)
    }

    /// Draws a serial number and records it durably before it is used.
    pub fn reserve_serial(&self, store: &RegionStore) -> Result<[u8; 16]> {
        loop {
            let serial = random_serial();
            if store.reserve_serial(&self.record.arn, &plain_hex(&serial))? {
                return Ok(serial);
            }
        }
    }

    /// Signs a server certificate for `names` on `key`.
    pub fn issue_leaf(
        &self,
        store: &RegionStore,
        names: &[String],
        key: &PrivateKey,
        public: bool,
        days: i64,
        now: OffsetDateTime,
    ) -> Result<(Material, CertInfo)> {
        self.check_not_expired(now)?;
        let serial = self.reserve_serial(store)?;
        self.sign_leaf(names, key, public, days, now, &serial)
    }

    /// Like `issue_leaf`, for a certificate stored at once with
    /// `RegionStore::create_issued_certificate`, which makes the serial's
    /// reservation durable together with the certificate: one round of
    /// syncs instead of two.
    pub fn issue_leaf_for_new_record(
        &self,
        store: &RegionStore,
        names: &[String],
        key: &PrivateKey,
        days: i64,
        now: OffsetDateTime,
    ) -> Result<(Material, CertInfo)> {
        self.check_not_expired(now)?;
        let serial = loop {
            let serial = random_serial();
            if store.reserve_serial_unsynced(&self.record.arn, &plain_hex(&serial))? {
                break serial;
            }
        };
        self.sign_leaf(names, key, false, days, now, &serial)
    }

    fn check_not_expired(&self, now: OffsetDateTime) -> Result<()> {
        if now >= self.record.not_after {
            return Err(Error::conflict(format!(
                "certificate authority {} expired at {}; it can no longer issue",
                self.record.arn,
                crate::clock::rfc3339(self.record.not_after)
            )));
        }
        Ok(())
    }

    /// Signs a server certificate with a serial already reserved.
    pub fn sign_leaf(
        &self,
        names: &[String],
        key: &PrivateKey,
        public: bool,
        days: i64,
        now: OffsetDateTime,
        serial: &[u8; 16],
    ) -> Result<(Material, CertInfo)> {
        let mut params = profile::leaf_params(&LeafProfile {
            names,
            public,
            rsa: key.algorithm().is_rsa(),
            validity: Validity::days_from(now, days, Some(self.record.not_after)),
            serial,
        })?;
        if public {
            profile::add_publication_urls(&mut params, &publication_urls(&self.record));
        }
        let pem = profile::signed_by(&params, key.pair(), &self.cert_pem, &self.key)?;
        let info = CertInfo::from_pem(&pem)?;
        let material =
            Material { certificate_pem: pem, chain_pem: self.chain_for_issued(), private_key_pem: key.to_pem() };
        Ok((material, info))
    }
}

/// Where the certificates an authority signs say its certificate and CRL
/// are published. Nothing serves them (the host is under example.com, a
/// public name reserved for documentation), but the Baseline Requirements
/// ask that the URLs be there and name no internal domain.
pub fn publication_urls(issuer: &AuthorityRecord) -> PublicationUrls {
    let region = issuer.arn.region();
    let id = issuer.arn.id().simple().to_string();
    PublicationUrls {
        ca_issuers: format!("http://crt.{region}.acmctl.example.com/{id}.cer"),
        crl: format!("http://crl.{region}.acmctl.example.com/{id}.crl"),
    }
}

/// Copies what a certificate says about itself into its record.
pub fn apply_info(rec: &mut CertificateRecord, info: &CertInfo) {
    rec.serial = Some(info.serial_colon_hex());
    rec.subject = Some(info.subject.clone());
    rec.issuer = Some(info.issuer.clone());
    rec.signature_algorithm = Some(info.signature_algorithm.clone());
    rec.not_before = Some(info.not_before);
    rec.not_after = Some(info.not_after);
}

/// A key for a new certificate.
pub fn new_key(alg: KeyAlgorithm) -> Result<PrivateKey> {
    PrivateKey::generate(alg).map_err(|e| Error::failure(e.to_string()))
}
