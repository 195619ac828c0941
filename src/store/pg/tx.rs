//! `RegionTx` on PostgreSQL: model records to rows and back. Each record
//! keeps its whole shape in the `record` column (JSON); the columns beside
//! it are what keys, constraints and queries need. Private keys are sealed
//! here, bound to their row (store, region, kind, id, version).

use std::collections::HashMap;

use postgres::Transaction;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use time::OffsetDateTime;
use uuid::Uuid;

use super::engine::{KeyState, PgStore, TxFail, key_error};
use super::error::PgError;
use super::ops::{self, CertificateRow, VersionRow};
use super::seal::{SealContext, SealKind};
use crate::error::Result;
use crate::model::*;
use crate::pki::serial::{colon_hex, parse_colon_hex, plain_hex};
use crate::store::{AuthorityPart, RegionTx, StoreError, StoreResult};

pub(super) struct PgTx<'a, 't> {
    store: &'a PgStore,
    region: Region,
    /// The region's name, as every statement names it.
    rs: &'static str,
    tx: &'a mut Transaction<'t>,
    writable: bool,
    /// The last database error a method returned: the runner decides from
    /// it whether the transaction runs again.
    failed: Option<PgError>,
    /// Why a key was handed out empty in a read (no usable store key): the
    /// error to report if the command then fails.
    keyless: Option<StoreError>,
}

/// A model enum as the string it serialises to (`PRIVATE`, `EC_prime256v1`).
fn name<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

fn json<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).expect("records always serialise to JSON")
}

fn serial_bytes(colon: Option<&str>) -> Option<Vec<u8>> {
    colon.and_then(parse_colon_hex).filter(|b| !b.is_empty() && b.len() <= 20)
}

/// Hex digits to bytes, a missing leading zero restored.
fn hex_bytes(hex: &str) -> Option<Vec<u8>> {
    if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let padded = if hex.len() % 2 == 1 { format!("0{hex}") } else { hex.to_string() };
    (0..padded.len()).step_by(2).map(|i| u8::from_str_radix(&padded[i..i + 2], 16).ok()).collect()
}

impl<'a, 't> PgTx<'a, 't> {
    pub(super) fn new(store: &'a PgStore, region: Region, tx: &'a mut Transaction<'t>, writable: bool) -> Self {
        PgTx { store, region, rs: region.as_str(), tx, writable, failed: None, keyless: None }
    }

    /// The closure's result, as the transaction runner needs it.
    pub(super) fn finish<T>(mut self, out: Result<T>) -> std::result::Result<T, TxFail> {
        match out {
            Ok(v) => Ok(v),
            Err(e) => {
                if let Some(pg) = self.failed.take()
                    && (pg.is_retryable() || matches!(pg, PgError::Busy { .. }))
                {
                    return Err(TxFail::Pg(pg));
                }
                if let Some(k) = self.keyless.take() {
                    return Err(TxFail::Op(k.into()));
                }
                Err(TxFail::Op(e))
            }
        }
    }

    /// A database result, remembered if it failed.
    fn pg<T>(&mut self, r: std::result::Result<T, PgError>) -> StoreResult<T> {
        r.map_err(|e| {
            let out = StoreError::from(&e);
            self.failed = Some(e);
            out
        })
    }

    fn location(&self, what: &str) -> String {
        format!("{}#{}/{what}", self.store.location(), self.rs)
    }

    fn damaged(&self, what: &str, reason: impl std::fmt::Display) -> StoreError {
        StoreError::Corrupt { path: self.location(what).into(), reason: reason.to_string() }
    }

    fn decode<T: DeserializeOwned>(&self, what: &str, v: Value) -> StoreResult<T> {
        serde_json::from_value(v).map_err(|e| self.damaged(what, format!("its record does not read: {e}")))
    }

    /// A model enum from its name, decoded once per name.
    fn cached<T: DeserializeOwned + Copy>(
        &self,
        cache: &mut HashMap<String, T>,
        id: Uuid,
        name: &str,
    ) -> StoreResult<T> {
        if let Some(v) = cache.get(name) {
            return Ok(*v);
        }
        let v: T = self.decode(&format!("certificates/{id}"), Value::String(name.to_string()))?;
        cache.insert(name.to_string(), v);
        Ok(v)
    }

    fn ctx(&self, kind: SealKind, id: Uuid, version: u32) -> SealContext<'static> {
        SealContext { store_id: self.store.meta.store_id, region: self.rs, kind, resource_id: id, version }
    }

    fn seal(&mut self, plaintext: &str, kind: SealKind, id: Uuid, version: u32) -> StoreResult<Vec<u8>> {
        let KeyState::Ready(keys) = &self.store.keys else {
            return Err(key_error(&self.store.keys).expect("not ready"));
        };
        let ctx = self.ctx(kind, id, version);
        keys.seal(plaintext.as_bytes(), &ctx).map_err(|e| StoreError::from(PgError::from(e)))
    }

    /// A sealed key opened; in a read without a usable store key, empty
    /// (public data stays readable), and remembered.
    fn open(&mut self, sealed: &[u8], kind: SealKind, id: Uuid, version: u32) -> StoreResult<String> {
        let KeyState::Ready(keys) = &self.store.keys else {
            let err = key_error(&self.store.keys).expect("not ready");
            if self.writable {
                return Err(err);
            }
            self.keyless = Some(err);
            return Ok(String::new());
        };
        let ctx = self.ctx(kind, id, version);
        let plain = keys.open(sealed, &ctx).map_err(|e| StoreError::from(PgError::from(e)))?;
        String::from_utf8(plain.to_vec()).map_err(|_| self.damaged(&format!("{id}"), "its key is not PEM text"))
    }

    fn certificate_row(&self, rec: &CertificateRecord) -> CertificateRow {
        CertificateRow {
            region: self.rs.to_string(),
            id: rec.arn.id(),
            cert_type: name(&rec.cert_type),
            status: name(&rec.status),
            authority_id: rec.authority.map(|a| a.id()),
            serial: serial_bytes(rec.serial.as_deref()),
            domain_name: rec.domain_name.clone(),
            sans: rec.subject_alternative_names.clone(),
            key_algorithm: name(&rec.key_algorithm),
            version: rec.version as i32,
            not_before: rec.not_before,
            not_after: rec.not_after,
            created_at: rec.created_at,
            issued_at: rec.issued_at,
            imported_at: rec.imported_at,
            revoked_at: rec.revoked_at,
            revocation_reason: rec.revocation_reason.as_ref().map(name),
            exported: rec.exported,
            renewal_status: rec.renewal.as_ref().map(|r| name(&r.status)),
            record: json(rec),
        }
    }

    fn version_row(&mut self, rec: &CertificateRecord, m: &Material, now: OffsetDateTime) -> StoreResult<VersionRow> {
        let key_sealed = self.seal(&m.private_key_pem, SealKind::Certificate, rec.arn.id(), rec.version)?;
        Ok(VersionRow {
            version: rec.version as i32,
            authority_id: rec.authority.map(|a| a.id()),
            serial: serial_bytes(rec.serial.as_deref()),
            certificate_pem: m.certificate_pem.clone(),
            chain_pem: (!m.chain_pem.is_empty()).then(|| m.chain_pem.clone()),
            key_sealed,
            created_at: now,
        })
    }

    fn writable(&self) {
        debug_assert!(self.writable, "writes happen in a write transaction");
    }

    /// A row of `idempotency`: token, fingerprint, certificate_id,
    /// resource_arn, created_at.
    fn idempotency_record(&self, row: &postgres::Row) -> IdempotencyRecord {
        IdempotencyRecord {
            token: row.get(0),
            fingerprint: row.get(1),
            certificate_arn: row
                .get::<_, Option<Uuid>>(2)
                .map(|id| CertificateArn::from_parts(self.region, self.store.account(), id)),
            resource_arn: row.get(3),
            created_at: row.get(4),
        }
    }

    fn save_authority_columns(&mut self, rec: &AuthorityRecord, crl_pem: Option<&str>) -> StoreResult<()> {
        let (r, id) = (self.rs, rec.arn.id());
        let (mode, record, crl_number) = (name(&rec.mode), json(rec), rec.crl_number as i64);
        let n = self.tx.execute(
            "UPDATE authorities SET mode = $3, record = $4, crl_number = greatest(crl_number, $5), \
             crl_pem = coalesce($6, crl_pem) WHERE region = $1 AND id = $2",
            &[&r, &id, &mode, &record, &crl_number, &crl_pem],
        );
        let n = self.pg(n.map_err(PgError::db("update the authority")))?;
        if n != 1 {
            return Err(self.damaged(&format!("authorities/{id}"), "the authority is not in the store"));
        }
        Ok(())
    }
}

impl RegionTx for PgTx<'_, '_> {
    fn region(&self) -> Region {
        self.region
    }

    fn account(&self) -> AccountId {
        self.store.account()
    }

    fn authority(&mut self, arn: &AuthorityArn) -> StoreResult<Option<AuthorityRecord>> {
        let row = ops::authority(self.tx, self.rs, arn.id(), false);
        match self.pg(row)? {
            Some(row) => self.decode(&format!("authorities/{}", arn.id()), row.record).map(Some),
            None => Ok(None),
        }
    }

    fn authorities(&mut self) -> StoreResult<Vec<AuthorityRecord>> {
        let rows = ops::authorities(self.tx, self.rs);
        let rows = self.pg(rows)?;
        rows.into_iter().map(|row| self.decode(&format!("authorities/{}", row.id), row.record)).collect()
    }

    fn authority_material(&mut self, arn: &AuthorityArn) -> StoreResult<AuthorityMaterial> {
        let (r, id) = (self.rs, arn.id());
        let row = self.tx.query_opt(
            "SELECT certificate_pem, chain_pem, key_sealed, crl_pem, csr_pem FROM authorities WHERE region = $1 AND id = $2",
            &[&r, &id],
        );
        let Some(row) = self.pg(row.map_err(PgError::db("read the authority")))? else {
            return Err(self.damaged(&format!("authorities/{id}"), "the authority is not in the store"));
        };
        let sealed: Vec<u8> = row.get(2);
        let key = self.open(&sealed, SealKind::Authority, id, 0)?;
        Ok(AuthorityMaterial {
            certificate_pem: row.get(0),
            chain_pem: row.get(1),
            private_key_pem: zeroize::Zeroizing::new(key),
            crl_pem: row.get(3),
            csr_pem: row.get(4),
        })
    }

    fn authority_part(&self, arn: &AuthorityArn, part: AuthorityPart) -> String {
        let part = match part {
            AuthorityPart::Record => "record",
            AuthorityPart::Certificate => "certificate",
            AuthorityPart::Chain => "chain",
            AuthorityPart::Key => "key",
            AuthorityPart::Crl => "crl",
            AuthorityPart::Csr => "csr",
        };
        self.location(&format!("authorities/{}/{part}", arn.id()))
    }

    fn create_authority(&mut self, rec: &AuthorityRecord, m: &AuthorityMaterial) -> StoreResult<()> {
        self.writable();
        let id = rec.arn.id();
        let key_sealed = self.seal(&m.private_key_pem, SealKind::Authority, id, 0)?;
        let row = ops::AuthorityRow {
            region: self.rs.to_string(),
            id,
            mode: name(&rec.mode),
            authority_type: name(&rec.authority_type),
            parent_id: rec.parent.map(|p| p.id()),
            common_name: rec.common_name.clone(),
            key_algorithm: name(&rec.key_algorithm),
            serial: serial_bytes(Some(&rec.serial)).unwrap_or_default(),
            not_before: rec.not_before,
            not_after: rec.not_after,
            created_at: rec.created_at,
            certificate_pem: m.certificate_pem.clone(),
            chain_pem: m.chain_pem.clone(),
            issued_chain_pem: None,
            key_sealed,
            key_passphrase_encrypted: rec.key_encrypted,
            crl_number: rec.crl_number as i64,
            record: json(rec),
        };
        let done = ops::insert_authority(self.tx, &row);
        self.pg(done)?;
        let (r, crl, csr) = (self.rs, &m.crl_pem, &m.csr_pem);
        let done = self
            .tx
            .execute(
                "UPDATE authorities SET crl_pem = $3, csr_pem = $4 WHERE region = $1 AND id = $2",
                &[&r, &id, crl, csr],
            )
            .map_err(PgError::db("store the authority's CRL"));
        self.pg(done)?;
        Ok(())
    }

    fn save_authority(&mut self, rec: &AuthorityRecord) -> StoreResult<()> {
        self.writable();
        self.save_authority_columns(rec, None)
    }

    fn replace_authority_certificate(&mut self, rec: &AuthorityRecord, m: &AuthorityMaterial) -> StoreResult<()> {
        self.writable();
        let (r, id) = (self.rs, rec.arn.id());
        let serial = serial_bytes(Some(&rec.serial)).unwrap_or_default();
        let done = self
            .tx
            .execute(
                "UPDATE authorities SET serial = $3, not_before = $4, not_after = $5, certificate_pem = $6, \
                 chain_pem = $7 WHERE region = $1 AND id = $2",
                &[&r, &id, &serial, &rec.not_before, &rec.not_after, &m.certificate_pem, &m.chain_pem],
            )
            .map_err(PgError::db("store the authority's certificate"));
        self.pg(done)?;
        self.save_authority_columns(rec, Some(&m.crl_pem))
    }

    fn save_crl(&mut self, rec: &AuthorityRecord, crl_pem: &str) -> StoreResult<()> {
        self.writable();
        self.save_authority_columns(rec, Some(crl_pem))
    }

    fn reserve_serials(&mut self, issuer: &AuthorityArn, serials: &[[u8; 16]]) -> StoreResult<Vec<bool>> {
        self.writable();
        let serials: Vec<Vec<u8>> = serials.iter().map(|s| s.to_vec()).collect();
        let now = OffsetDateTime::now_utc();
        let won = ops::reserve_serials(self.tx, self.rs, issuer.id(), &serials, now);
        self.pg(won)
    }

    fn reserved_serials(&mut self, issuer: &AuthorityArn) -> StoreResult<Vec<String>> {
        let rows = ops::reserved_serials(self.tx, self.rs, issuer.id());
        Ok(self.pg(rows)?.iter().map(|s| plain_hex(s)).collect())
    }

    fn serial_reserved(&mut self, issuer: &AuthorityArn, serial_hex: &str) -> StoreResult<bool> {
        let Some(serial) = hex_bytes(serial_hex) else { return Ok(false) };
        let (r, id) = (self.rs, issuer.id());
        let row = self
            .tx
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM serials WHERE region = $1 AND authority_id = $2 AND serial = $3)",
                &[&r, &id, &serial],
            )
            .map_err(PgError::db("look up a serial"));
        Ok(self.pg(row)?.get(0))
    }

    fn issued_certificate(&mut self, issuer: &AuthorityArn, serial: &str) -> StoreResult<Option<IssuedCertificate>> {
        let Some(hex) = crate::ops::pca::normal_serial(serial) else { return Ok(None) };
        let (r, id) = (self.rs, issuer.id());
        let row = self
            .tx
            .query_opt(
                "SELECT record FROM issued_certificates WHERE region = $1 AND authority_id = $2 AND serial_hex = $3",
                &[&r, &id, &hex],
            )
            .map_err(PgError::db("read the issued certificate"));
        match self.pg(row)? {
            Some(row) => self.decode(&format!("authorities/{id}/issued/{hex}"), row.get(0)).map(Some),
            None => Ok(None),
        }
    }

    fn create_issued_certificate(&mut self, rec: &IssuedCertificate) -> StoreResult<()> {
        self.writable();
        let id = rec.authority.id();
        let (Some(hex), Some(serial)) = (crate::ops::pca::normal_serial(&rec.serial), serial_bytes(Some(&rec.serial)))
        else {
            return Err(self.damaged(&format!("authorities/{id}/issued"), "a serial that is not hex"));
        };
        let (r, record) = (self.rs, json(rec));
        let done = self
            .tx
            .execute(
                "INSERT INTO issued_certificates (region, authority_id, serial_hex, serial, record) VALUES ($1, $2, $3, $4, $5)",
                &[&r, &id, &hex, &serial, &record],
            )
            .map_err(PgError::db("store the issued certificate"));
        self.pg(done)?;
        Ok(())
    }

    fn certificate(&mut self, arn: &CertificateArn) -> StoreResult<Option<CertificateRecord>> {
        let row = ops::certificate(self.tx, self.rs, arn.id(), false);
        match self.pg(row)? {
            Some(row) => self.decode(&format!("certificates/{}", arn.id()), row.record).map(Some),
            None => Ok(None),
        }
    }

    fn material(&mut self, rec: &CertificateRecord) -> StoreResult<Option<Material>> {
        if rec.version == 0 {
            return Ok(None);
        }
        let id = rec.arn.id();
        let row = ops::version(self.tx, self.rs, id, rec.version as i32);
        let Some(v) = self.pg(row)? else {
            return Err(self.damaged(&format!("certificates/{id}/v{}", rec.version), "the version is not in the store"));
        };
        let key = self.open(&v.key_sealed, SealKind::Certificate, id, rec.version)?;
        Ok(Some(Material {
            certificate_pem: v.certificate_pem,
            chain_pem: v.chain_pem.unwrap_or_default(),
            private_key_pem: key,
        }))
    }

    fn create_certificates(
        &mut self,
        items: &[(CertificateRecord, Option<Material>)],
        _issuer: Option<&AuthorityArn>,
    ) -> StoreResult<()> {
        self.writable();
        let mut rows = Vec::with_capacity(items.len());
        for (rec, material) in items {
            let row = self.certificate_row(rec);
            let version = match material {
                Some(m) => {
                    Some(self.version_row(rec, m, rec.issued_at.or(rec.imported_at).unwrap_or(rec.created_at))?)
                }
                None => None,
            };
            rows.push((row, version));
        }
        let done = match rows.as_slice() {
            [(row, version)] => ops::insert_certificate(self.tx, row, version.as_ref(), &[]),
            _ => ops::insert_certificates(self.tx, self.rs, &rows, OffsetDateTime::now_utc()),
        };
        self.pg(done)?;
        Ok(())
    }

    fn save_certificate(&mut self, rec: &CertificateRecord) -> StoreResult<()> {
        self.writable();
        let row = self.certificate_row(rec);
        let done = ops::update_certificate(self.tx, &row);
        if !self.pg(done)? {
            return Err(self.damaged(&format!("certificates/{}", rec.arn.id()), "the certificate is not in the store"));
        }
        Ok(())
    }

    fn try_claim(&mut self, arn: &CertificateArn) -> StoreResult<bool> {
        let (rs, id) = (self.rs, arn.id());
        let row = self
            .tx
            .query_opt("SELECT 1 FROM certificates WHERE region = $1 AND id = $2 FOR UPDATE SKIP LOCKED", &[&rs, &id])
            .map_err(PgError::db("claim the certificate"));
        Ok(self.pg(row)?.is_some())
    }

    fn replace_material(&mut self, rec: &mut CertificateRecord, material: &Material) -> StoreResult<()> {
        self.writable();
        rec.version += 1;
        let now = rec.issued_at.or(rec.imported_at).unwrap_or_else(OffsetDateTime::now_utc);
        let version = self.version_row(rec, material, now)?;
        // The record first: a writer that renewed it since this snapshot
        // makes this a serialization failure (run again, see it renewed)
        // rather than a clash on the version's key.
        self.save_certificate(rec)?;
        let done = ops::insert_version(self.tx, self.rs, rec.arn.id(), &version);
        self.pg(done)?;
        Ok(())
    }

    fn versions(&mut self, rec: &CertificateRecord) -> StoreResult<Vec<CertificateVersion>> {
        if rec.version == 0 {
            return Ok(Vec::new());
        }
        let id = rec.arn.id();
        let rows = ops::versions(self.tx, self.rs, id);
        let rows = self.pg(rows)?;
        if !rows.iter().any(|v| v.version == rec.version as i32) {
            return Err(self.damaged(&format!("certificates/{id}/v{}", rec.version), "the version is not in the store"));
        }
        let account = self.store.account();
        let mut out = Vec::with_capacity(rows.len());
        for v in rows.into_iter().filter(|v| v.version >= 1 && v.version as u32 <= rec.version) {
            let version = v.version as u32;
            let key = self.open(&v.key_sealed, SealKind::Certificate, id, version)?;
            out.push(CertificateVersion {
                version,
                authority: v.authority_id.map(|a| AuthorityArn::from_parts(self.region, account, a)),
                serial: v.serial.as_deref().map(colon_hex),
                created_at: v.created_at,
                material: Material {
                    certificate_pem: v.certificate_pem,
                    chain_pem: v.chain_pem.unwrap_or_default(),
                    private_key_pem: key,
                },
            });
        }
        Ok(out)
    }

    fn add_earlier_versions(&mut self, arn: &CertificateArn, versions: &[CertificateVersion]) -> StoreResult<()> {
        self.writable();
        let id = arn.id();
        for v in versions {
            let key_sealed = self.seal(&v.material.private_key_pem, SealKind::Certificate, id, v.version)?;
            let row = VersionRow {
                version: v.version as i32,
                authority_id: v.authority.map(|a| a.id()),
                serial: serial_bytes(v.serial.as_deref()),
                certificate_pem: v.material.certificate_pem.clone(),
                chain_pem: (!v.material.chain_pem.is_empty()).then(|| v.material.chain_pem.clone()),
                key_sealed,
                created_at: v.created_at,
            };
            let done = ops::insert_version(self.tx, self.rs, id, &row);
            self.pg(done)?;
        }
        Ok(())
    }

    fn delete_certificate(&mut self, arn: &CertificateArn) -> StoreResult<()> {
        self.writable();
        let done = ops::delete_certificate(self.tx, self.rs, arn.id());
        self.pg(done)?;
        Ok(())
    }

    fn summaries(&mut self) -> StoreResult<Vec<Summary>> {
        let rs = self.rs;
        // The whole region in creation order: sorted in memory, not on disk.
        let done = self.tx.batch_execute("SET LOCAL work_mem = '64MB'").map_err(PgError::db("list the certificates"));
        self.pg(done)?;
        let rows = self
            .tx
            .query(
                "SELECT id, type, status, key_algorithm, version, \
                 coalesce(jsonb_array_length(record->'deployments'), 0) > 0, exported, authority_id IS NOT NULL, \
                 created_at, not_before, not_after, issued_at, imported_at, revoked_at, domain_name, sans, serial \
                 FROM certificates WHERE region = $1 ORDER BY created_at, id",
                &[&rs],
            )
            .map_err(PgError::db("list the certificates"));
        let rows = self.pg(rows)?;
        let account = self.store.account();
        // Each distinct name is decoded once: a region has few.
        let (mut types, mut statuses, mut algorithms) = (HashMap::new(), HashMap::new(), HashMap::new());
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let id: Uuid = row.get(0);
            let cert_type = self.cached(&mut types, id, row.get(1))?;
            let status = self.cached(&mut statuses, id, row.get(2))?;
            let key_algorithm = self.cached(&mut algorithms, id, row.get(3))?;
            out.push(Summary {
                arn: CertificateArn::from_parts(self.region, account, id),
                cert_type,
                status,
                key_algorithm,
                version: row.get::<_, i32>(4) as u32,
                in_use: row.get(5),
                exported: row.get(6),
                has_authority: row.get(7),
                created_at: row.get(8),
                not_before: row.get(9),
                not_after: row.get(10),
                issued_at: row.get(11),
                imported_at: row.get(12),
                revoked_at: row.get(13),
                domain_name: row.get(14),
                subject_alternative_names: row.get(15),
                serial: row.get::<_, Option<Vec<u8>>>(16).map(|s| colon_hex(&s)),
            });
        }
        Ok(out)
    }

    fn certificate_count(&mut self) -> StoreResult<usize> {
        let n = ops::certificate_count(self.tx, self.rs);
        Ok(self.pg(n)? as usize)
    }

    fn idempotency(&mut self, token: &str) -> StoreResult<Option<IdempotencyRecord>> {
        let r = self.rs;
        let row = self
            .tx
            .query_opt(
                "SELECT token, fingerprint, certificate_id, resource_arn, created_at FROM idempotency \
                 WHERE region = $1 AND token = $2",
                &[&r, &token],
            )
            .map_err(PgError::db("read the idempotency token"));
        Ok(self.pg(row)?.map(|row| self.idempotency_record(&row)))
    }

    fn remember(&mut self, rec: &IdempotencyRecord) -> StoreResult<()> {
        self.writable();
        let done = ops::ensure_region(self.tx, self.rs, rec.created_at);
        self.pg(done)?;
        let r = self.rs;
        let certificate_id = rec.certificate_arn.map(|a| a.id());
        // A token is claimed by its unique key: of two requests with one
        // token, the second waits for the first and then runs again on a
        // snapshot that shows the token (and replays its certificate).
        let done = self
            .tx
            .execute(
                "INSERT INTO idempotency (region, token, fingerprint, certificate_id, resource_arn, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (region, token) DO UPDATE SET \
                 fingerprint = EXCLUDED.fingerprint, certificate_id = EXCLUDED.certificate_id, \
                 resource_arn = EXCLUDED.resource_arn, created_at = EXCLUDED.created_at",
                &[&r, &rec.token, &rec.fingerprint, &certificate_id, &rec.resource_arn, &rec.created_at],
            )
            .map_err(PgError::db("remember the idempotency token"));
        self.pg(done)?;
        Ok(())
    }

    fn idempotency_records(&mut self, since: OffsetDateTime) -> StoreResult<Vec<IdempotencyRecord>> {
        let r = self.rs;
        let rows = self
            .tx
            .query(
                "SELECT token, fingerprint, certificate_id, resource_arn, created_at FROM idempotency \
                 WHERE region = $1 AND created_at >= $2 ORDER BY token",
                &[&r, &since],
            )
            .map_err(PgError::db("read the idempotency tokens"));
        Ok(self.pg(rows)?.iter().map(|row| self.idempotency_record(row)).collect())
    }

    fn account_configuration(&mut self) -> StoreResult<AccountConfiguration> {
        let r = self.rs;
        let row = self
            .tx
            .query_opt("SELECT record FROM account_configurations WHERE region = $1", &[&r])
            .map_err(PgError::db("read the account configuration"));
        match self.pg(row)? {
            Some(row) => self.decode("account", row.get(0)),
            None => Ok(AccountConfiguration::default()),
        }
    }

    fn save_account_configuration(&mut self, config: &AccountConfiguration) -> StoreResult<()> {
        self.writable();
        let done = ops::ensure_region(self.tx, self.rs, OffsetDateTime::now_utc());
        self.pg(done)?;
        let (r, record) = (self.rs, json(config));
        let done = self
            .tx
            .execute(
                "INSERT INTO account_configurations (region, record) VALUES ($1, $2) \
                 ON CONFLICT (region) DO UPDATE SET record = EXCLUDED.record",
                &[&r, &record],
            )
            .map_err(PgError::db("save the account configuration"));
        self.pg(done)?;
        Ok(())
    }
}

impl From<&PgError> for StoreError {
    fn from(e: &PgError) -> Self {
        StoreError::Pg { message: e.to_string(), class: e.class() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_serials_read_back_with_their_leading_zero() {
        assert_eq!(hex_bytes("0e8f"), Some(vec![0x0e, 0x8f]));
        assert_eq!(hex_bytes("e8f"), Some(vec![0x0e, 0x8f]));
        assert_eq!(hex_bytes(""), None);
        assert_eq!(hex_bytes("zz"), None);
        assert_eq!(serial_bytes(Some("0e:8f")), Some(vec![0x0e, 0x8f]));
        assert_eq!(serial_bytes(Some("")), None);
        assert_eq!(name(&CertificateType::Private), "PRIVATE");
    }
}
