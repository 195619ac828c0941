//! `RegionTx` on files. A write transaction is the region's lock held for
//! its length; each write inside it is atomic and durable on its own.
//!
//! Serial reservations are the one thing whose sync is deferred: a reserved
//! serial is a new name in the authority's `serials/`, and that directory
//! is synced in the same round as the first record signed with it (or, for
//! a write that is not a new record, just before that write), so that one
//! `cert request` pays for one round of syncs, not two. Whatever is still
//! unsynced when the transaction ends is synced then.

use std::path::PathBuf;

use super::{CERT_PEM, CHAIN_PEM, CRL_PEM, CSR_PEM, KEY_PEM, RegionLock, RegionStore};
use crate::fsx;
use crate::model::*;
use crate::pki::serial::plain_hex;
use crate::store::{AuthorityPart, RegionTx, StoreResult};

pub(super) struct FsTx<'a> {
    rs: &'a RegionStore,
    lock: Option<RegionLock>,
    /// Serial directories with reservations not yet synced.
    unsynced_serials: Vec<PathBuf>,
}

impl<'a> FsTx<'a> {
    pub(super) fn new(rs: &'a RegionStore, lock: Option<RegionLock>) -> Self {
        FsTx { rs, lock, unsynced_serials: Vec::new() }
    }

    /// Syncs the reservations still waiting, before anything signed with
    /// them is written.
    fn sync_serials(&mut self) -> StoreResult<()> {
        for dir in self.unsynced_serials.drain(..) {
            fsx::sync_dir(&dir)?;
        }
        Ok(())
    }

    pub(super) fn finish(mut self) -> StoreResult<()> {
        self.sync_serials()?;
        drop(self.lock.take());
        Ok(())
    }

    fn writable(&self) {
        debug_assert!(self.lock.is_some(), "writes happen in a write transaction");
    }
}

impl RegionTx for FsTx<'_> {
    fn region(&self) -> Region {
        self.rs.region
    }

    fn account(&self) -> AccountId {
        self.rs.account
    }

    fn authority(&mut self, arn: &AuthorityArn) -> StoreResult<Option<AuthorityRecord>> {
        self.rs.load_authority(arn)
    }

    fn authorities(&mut self) -> StoreResult<Vec<AuthorityRecord>> {
        self.rs.list_authorities()
    }

    fn authority_material(&mut self, arn: &AuthorityArn) -> StoreResult<AuthorityMaterial> {
        // An authority waiting for its certificate has none of these yet;
        // one that should have them and does not is found damaged by
        // whoever reads them (empty is no PEM).
        let file = |name: &str| self.rs.authority_file_optional(arn, name).map(Option::unwrap_or_default);
        Ok(AuthorityMaterial {
            certificate_pem: file(CERT_PEM)?,
            chain_pem: file(CHAIN_PEM)?,
            private_key_pem: self.rs.authority_key(arn)?,
            crl_pem: file(CRL_PEM)?,
            csr_pem: self.rs.authority_file_optional(arn, CSR_PEM)?.unwrap_or_default(),
        })
    }

    fn replace_authority_certificate(&mut self, rec: &AuthorityRecord, m: &AuthorityMaterial) -> StoreResult<()> {
        self.writable();
        // Its serial in the parent's `serials/`, when a parent of this
        // store signed it.
        self.sync_serials()?;
        for (name, pem) in [(CERT_PEM, &m.certificate_pem), (CHAIN_PEM, &m.chain_pem), (CRL_PEM, &m.crl_pem)] {
            self.rs.write_authority_file(&rec.arn, name, pem.as_bytes())?;
        }
        // The record last: until it says so, the authority is still waiting.
        self.rs.save_authority(rec)
    }

    fn issued_certificate(&mut self, issuer: &AuthorityArn, serial: &str) -> StoreResult<Option<IssuedCertificate>> {
        self.rs.load_issued(issuer, serial)
    }

    fn create_issued_certificate(&mut self, rec: &IssuedCertificate) -> StoreResult<()> {
        self.writable();
        self.sync_serials()?;
        self.rs.save_issued(rec)
    }

    fn authority_part(&self, arn: &AuthorityArn, part: AuthorityPart) -> String {
        let file = match part {
            AuthorityPart::Record => super::AUTHORITY_FILE,
            AuthorityPart::Certificate => CERT_PEM,
            AuthorityPart::Chain => CHAIN_PEM,
            AuthorityPart::Key => KEY_PEM,
            AuthorityPart::Crl => CRL_PEM,
            AuthorityPart::Csr => CSR_PEM,
        };
        self.rs.authority_dir(arn).join(file).display().to_string()
    }

    fn create_authority(&mut self, rec: &AuthorityRecord, m: &AuthorityMaterial) -> StoreResult<()> {
        self.writable();
        // A subordinate is signed with a serial of its parent.
        self.sync_serials()?;
        self.rs.create_authority(rec, m)
    }

    fn save_authority(&mut self, rec: &AuthorityRecord) -> StoreResult<()> {
        self.writable();
        self.rs.save_authority(rec)
    }

    fn save_crl(&mut self, rec: &AuthorityRecord, crl_pem: &str) -> StoreResult<()> {
        self.writable();
        self.rs.save_authority(rec)?;
        self.rs.write_authority_file(&rec.arn, CRL_PEM, crl_pem.as_bytes())
    }

    fn reserve_serials(&mut self, issuer: &AuthorityArn, serials: &[[u8; 16]]) -> StoreResult<Vec<bool>> {
        self.writable();
        let hex: Vec<String> = serials.iter().map(|s| plain_hex(s)).collect();
        let free = self.rs.reserve_serials(issuer, &hex)?;
        let dir = self.rs.serials_dir(issuer);
        if !self.unsynced_serials.contains(&dir) {
            self.unsynced_serials.push(dir);
        }
        Ok(free)
    }

    fn reserved_serials(&mut self, issuer: &AuthorityArn) -> StoreResult<Vec<String>> {
        self.rs.reserved_serials(issuer)
    }

    fn serial_reserved(&mut self, issuer: &AuthorityArn, serial_hex: &str) -> StoreResult<bool> {
        self.rs.serial_reserved(issuer, serial_hex)
    }

    fn certificate(&mut self, arn: &CertificateArn) -> StoreResult<Option<CertificateRecord>> {
        self.rs.load_certificate(arn)
    }

    fn material(&mut self, rec: &CertificateRecord) -> StoreResult<Option<Material>> {
        self.rs.material(rec)
    }

    fn create_certificates(
        &mut self,
        items: &[(CertificateRecord, Option<Material>)],
        issuer: Option<&AuthorityArn>,
    ) -> StoreResult<()> {
        self.writable();
        match (items, issuer) {
            ([], _) => Ok(()),
            ([(rec, material)], None) => {
                self.sync_serials()?;
                self.rs.create_certificate(rec, material.as_ref())
            }
            ([(rec, Some(material))], Some(issuer)) => {
                // The record and its serial's name are synced together.
                let serials = self.rs.serials_dir(issuer);
                self.unsynced_serials.retain(|d| *d != serials);
                self.sync_serials()?;
                self.rs.create_issued_certificate(rec, material, issuer)
            }
            (many, Some(issuer)) if many.iter().all(|(_, m)| m.is_some()) => {
                // One sync of the file system covers the batch and its serials.
                let serials = self.rs.serials_dir(issuer);
                self.unsynced_serials.retain(|d| *d != serials);
                self.sync_serials()?;
                self.rs.create_certificates(many, issuer)
            }
            (many, _) => {
                self.sync_serials()?;
                many.iter().try_for_each(|(rec, material)| self.rs.create_certificate(rec, material.as_ref()))
            }
        }
    }

    fn save_certificate(&mut self, rec: &CertificateRecord) -> StoreResult<()> {
        self.writable();
        self.rs.save_certificate(rec)
    }

    fn try_claim(&mut self, _arn: &CertificateArn) -> StoreResult<bool> {
        // The region's lock is held: nobody else writes it.
        Ok(true)
    }

    fn replace_material(&mut self, rec: &mut CertificateRecord, material: &Material) -> StoreResult<()> {
        self.writable();
        self.sync_serials()?;
        self.rs.replace_material(rec, material)
    }

    fn versions(&mut self, rec: &CertificateRecord) -> StoreResult<Vec<CertificateVersion>> {
        // The current version only: replace_material removes the one before.
        Ok(self
            .rs
            .material(rec)?
            .map(|material| CertificateVersion {
                version: rec.version,
                authority: rec.authority,
                serial: rec.serial.clone(),
                created_at: rec.issued_at.or(rec.imported_at).unwrap_or(rec.created_at),
                material,
            })
            .into_iter()
            .collect())
    }

    fn add_earlier_versions(&mut self, _arn: &CertificateArn, _versions: &[CertificateVersion]) -> StoreResult<()> {
        // A directory keeps the current version only (see `versions`).
        self.writable();
        Ok(())
    }

    fn delete_certificate(&mut self, arn: &CertificateArn) -> StoreResult<()> {
        self.writable();
        self.rs.delete_certificate(arn)
    }

    fn summaries(&mut self) -> StoreResult<Vec<Summary>> {
        self.rs.certificate_summaries()
    }

    fn certificate_count(&mut self) -> StoreResult<usize> {
        self.rs.certificate_count()
    }

    fn idempotency(&mut self, token: &str) -> StoreResult<Option<IdempotencyRecord>> {
        self.rs.load_idempotency(token)
    }

    fn remember(&mut self, rec: &IdempotencyRecord) -> StoreResult<()> {
        self.writable();
        self.rs.save_idempotency(rec)
    }

    fn idempotency_records(&mut self, since: time::OffsetDateTime) -> StoreResult<Vec<IdempotencyRecord>> {
        self.rs.idempotency_records(since)
    }

    fn account_configuration(&mut self) -> StoreResult<AccountConfiguration> {
        self.rs.load_account_configuration()
    }

    fn save_account_configuration(&mut self, config: &AccountConfiguration) -> StoreResult<()> {
        self.writable();
        self.rs.save_account_configuration(config)
    }
}
