//! Signing with an authority of the store: the step shared by authority
//! creation (subordinates), requests, validation, renewal and revocation
//! (CRLs). There is one way to draw serial numbers and one way to sign a
//! leaf; the store orders the serials' durability before what they sign.

use time::OffsetDateTime;

use crate::error::{Error, Result};
use crate::model::{AuthorityArn, AuthorityRecord, CertificateRecord, KeyAlgorithm, Material, Revocation};
use crate::passphrase::{self, Passphrase};
use crate::pki::export::{check_encrypted_pem, decrypt_pkcs8};
use crate::pki::profile::{self, LeafProfile, PublicationUrls, RevokedEntry, Validity};
use crate::pki::serial::{SERIAL_LEN, parse_colon_hex, random_serial};
use crate::pki::strict_pem;
use crate::pki::{CertInfo, PrivateKey};
use crate::policy;
use crate::store::{AuthorityPart, RegionTx, StoreError};

/// Why an authority cannot sign. Renewal tells a missing or wrong
/// passphrase (the caller's to fix) from the rest by these variants.
#[derive(Debug, thiserror::Error)]
pub enum SignerError {
    #[error("the key of certificate authority {0} is encrypted and no passphrase was given")]
    PassphraseMissing(AuthorityArn),
    #[error("the passphrase does not decrypt the key of certificate authority {0}")]
    PassphraseWrong(AuthorityArn),
    #[error("certificate authority {0} is PENDING_CERTIFICATE: it has no certificate to sign with yet")]
    NoCertificate(AuthorityArn),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<SignerError> for Error {
    fn from(e: SignerError) -> Error {
        match e {
            SignerError::PassphraseMissing(_) => {
                Error::invalid(e.to_string()).with_hint(format!("pass --passphrase-file F or set {}", passphrase::ENV))
            }
            SignerError::PassphraseWrong(_) => {
                Error::invalid(e.to_string()).with_hint("check the passphrase file or ACMCTL_CA_PASSPHRASE")
            }
            SignerError::NoCertificate(_) => {
                let mut err = Error::conflict(e.to_string())
                    .with_hint("import its certificate with 'acmctl ca import-certificate'")
                    .with_api("InvalidStateException");
                err.rule = Some(crate::policy::Rule::AuthorityActive);
                err
            }
            SignerError::Store(s) => s.into(),
        }
    }
}

/// An authority with its certificate and key loaded, ready to sign.
pub struct SigningAuthority {
    pub record: AuthorityRecord,
    pub cert_pem: String,
    pub chain_pem: String,
    pub key: PrivateKey,
}

impl SigningAuthority {
    /// Loads an authority's certificate, chain and key; `passphrase`
    /// unlocks a key kept encrypted. Damage to any of them is reported with
    /// where it is kept, never with its contents.
    pub fn load(
        tx: &mut dyn RegionTx,
        record: AuthorityRecord,
        passphrase: Option<&Passphrase>,
    ) -> std::result::Result<Self, SignerError> {
        let arn = record.arn;
        if !record.has_certificate() {
            return Err(SignerError::NoCertificate(arn));
        }
        let damaged = |tx: &dyn RegionTx, part: AuthorityPart, reason: String| -> SignerError {
            StoreError::Corrupt { path: tx.authority_part(&arn, part).into(), reason }.into()
        };
        let material = tx.authority_material(&arn)?;
        let info = strict_pem::one(&material.certificate_pem, "CERTIFICATE")
            .and_then(|der| CertInfo::from_der(&der))
            .map_err(|e| damaged(tx, AuthorityPart::Certificate, e.to_string()))?;
        strict_pem::all(&material.chain_pem, "CERTIFICATE")
            .map_err(|e| damaged(tx, AuthorityPart::Chain, e.to_string()))?;
        let key_text = material.private_key_pem.as_str();
        let key = if record.key_encrypted {
            check_encrypted_pem(key_text).map_err(|e| damaged(tx, AuthorityPart::Key, e.to_string()))?;
            let passphrase = passphrase.ok_or(SignerError::PassphraseMissing(arn))?;
            let der = zeroize::Zeroizing::new(
                decrypt_pkcs8(key_text, passphrase.as_bytes()).map_err(|_| SignerError::PassphraseWrong(arn))?,
            );
            PrivateKey::from_pkcs8_der(&der, record.key_algorithm)
        } else {
            strict_pem::one(key_text, "PRIVATE KEY").and_then(|_| PrivateKey::from_pem(key_text, record.key_algorithm))
        }
        .map_err(|e| damaged(tx, AuthorityPart::Key, e.to_string()))?;
        if key.spki_der() != info.spki_der {
            return Err(damaged(
                tx,
                AuthorityPart::Key,
                "the private key does not match the authority's certificate".into(),
            ));
        }
        Ok(SigningAuthority { record, cert_pem: material.certificate_pem, chain_pem: material.chain_pem, key })
    }

    /// The chain a certificate signed by this authority is served with.
    pub fn chain_for_issued(&self) -> String {
        format!("{}{}", self.cert_pem, self.chain_pem)
    }

    /// Draws `n` serial numbers this authority has never used, and reserves
    /// them. Nothing signed with one can be stored before its reservation
    /// is durable.
    pub fn reserve_serials(&self, tx: &mut dyn RegionTx, n: usize) -> Result<Vec<[u8; SERIAL_LEN]>> {
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            let drawn: Vec<[u8; SERIAL_LEN]> = (out.len()..n).map(|_| random_serial()).collect();
            let free = tx.reserve_serials(&self.record.arn, &drawn)?;
            out.extend(drawn.into_iter().zip(free).filter(|(_, f)| *f).map(|(s, _)| s));
        }
        Ok(out)
    }

    /// Whether the authority may sign at `now`.
    pub fn check_can_issue(&self, now: OffsetDateTime) -> Result<()> {
        Ok(policy::authority::check_can_issue(&self.record, now)?)
    }

    /// Signs a server certificate for `names` on `key`, with a serial drawn
    /// and reserved now.
    pub fn issue_leaf(
        &self,
        tx: &mut dyn RegionTx,
        names: &[String],
        key: &PrivateKey,
        public: bool,
        days: i64,
        now: OffsetDateTime,
    ) -> Result<(Material, CertInfo)> {
        self.check_can_issue(now)?;
        let serial = self.reserve_serials(tx, 1)?[0];
        self.sign_leaf(names, key, public, days, now, &serial)
    }

    /// Signs a server certificate with a serial already reserved.
    pub fn sign_leaf(
        &self,
        names: &[String],
        key: &PrivateKey,
        public: bool,
        days: i64,
        now: OffsetDateTime,
        serial: &[u8; SERIAL_LEN],
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
        } else {
            profile::add_publication(&mut params, &super::pca::publication(&self.record)?)?;
        }
        let pem = profile::signed_by(&params, key.pair(), &self.cert_pem, &self.key)?;
        let info = CertInfo::from_pem(&pem)?;
        let material =
            Material { certificate_pem: pem, chain_pem: self.chain_for_issued(), private_key_pem: key.to_pem() };
        Ok((material, info))
    }

    /// The authority's CRL numbered `number`, listing every revocation its
    /// record holds.
    pub fn sign_crl(&self, number: u64, now: OffsetDateTime) -> Result<String> {
        let serials: Vec<(Vec<u8>, &Revocation)> = self
            .record
            .revoked
            .iter()
            .map(|r| {
                parse_colon_hex(&r.serial).map(|b| (b, r)).ok_or_else(|| {
                    Error::failure(format!(
                        "certificate authority {} records a damaged serial '{}'",
                        self.record.arn, r.serial
                    ))
                })
            })
            .collect::<Result<_>>()?;
        let entries: Vec<RevokedEntry<'_>> = serials
            .iter()
            .map(|(bytes, r)| RevokedEntry { serial: bytes, revoked_at: r.revoked_at, reason: r.reason })
            .collect();
        Ok(profile::crl(&self.cert_pem, &self.key, number, now, super::pca::crl_days(&self.record), &entries)?)
    }

    /// Signs the next CRL and stores it with the record that numbers it.
    pub fn publish_crl(&mut self, tx: &mut dyn RegionTx, now: OffsetDateTime) -> Result<(u64, String)> {
        let number = self.record.crl_number + 1;
        let pem = self.sign_crl(number, now)?;
        self.record.crl_number = number;
        tx.save_crl(&self.record, &pem)?;
        Ok((number, pem))
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
    Ok(PrivateKey::generate(alg)?)
}
