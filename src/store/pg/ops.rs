//! The SQL of each record-level operation of the store interface
//! (STORE-ENGINES.md §5.10), as functions on an open transaction taking
//! plain values: wiring them to the store trait is a matter of converting
//! records to rows. Nothing here seals or opens keys (the rows carry
//! `key_sealed` bytes; see `seal.rs`) or knows ACM's rules.
//!
//! Every statement names the region: it is in every key.

use postgres::{GenericClient, Row};
use serde_json::Value;
use time::OffsetDateTime;
use uuid::Uuid;

use super::error::PgError;

/// An authority's row. `record` is the whole record as JSON; the other
/// columns are what constraints and queries use.
#[derive(Debug, Clone, PartialEq)]
pub struct AuthorityRow {
    pub region: String,
    pub id: Uuid,
    pub mode: String,
    pub authority_type: String,
    pub parent_id: Option<Uuid>,
    pub common_name: String,
    pub key_algorithm: String,
    pub serial: Vec<u8>,
    pub not_before: OffsetDateTime,
    pub not_after: OffsetDateTime,
    pub created_at: OffsetDateTime,
    pub certificate_pem: String,
    pub chain_pem: String,
    /// The chain of the certificates it signs (stored once in `chains`).
    pub issued_chain_pem: Option<String>,
    pub key_sealed: Vec<u8>,
    pub key_passphrase_encrypted: bool,
    pub crl_number: i64,
    pub record: Value,
}

/// A certificate's row, without its versions, tags and deployments.
#[derive(Debug, Clone, PartialEq)]
pub struct CertificateRow {
    pub region: String,
    pub id: Uuid,
    pub cert_type: String,
    pub status: String,
    /// This store's authority that issued it; `None` for imported and
    /// public certificates (whose serial is then not checked).
    pub authority_id: Option<Uuid>,
    pub serial: Option<Vec<u8>>,
    pub domain_name: String,
    pub sans: Vec<String>,
    pub key_algorithm: String,
    pub version: i32,
    pub not_before: Option<OffsetDateTime>,
    pub not_after: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
    pub issued_at: Option<OffsetDateTime>,
    pub imported_at: Option<OffsetDateTime>,
    pub revoked_at: Option<OffsetDateTime>,
    pub revocation_reason: Option<String>,
    pub exported: bool,
    pub renewal_status: Option<String>,
    pub record: Value,
}

/// One version of a certificate: what `vN/` holds in the filesystem store.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionRow {
    pub version: i32,
    pub authority_id: Option<Uuid>,
    pub serial: Option<Vec<u8>>,
    pub certificate_pem: String,
    pub chain_pem: Option<String>,
    pub key_sealed: Vec<u8>,
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DeploymentRow {
    pub certificate_id: Uuid,
    pub target: String,
    pub host_id: String,
    pub dest: String,
    pub exec: Option<String>,
    pub endpoint_type: Option<String>,
    pub deployed_version: i32,
    pub deployed_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IdempotencyRow {
    pub token: String,
    pub fingerprint: String,
    pub certificate_id: Uuid,
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RevocationRow {
    pub authority_id: Uuid,
    pub serial: Vec<u8>,
    pub certificate_id: Option<Uuid>,
    pub revoked_at: OffsetDateTime,
    pub reason: String,
}

/// What `cert list` shows of a certificate, read from the indexed columns.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryRow {
    pub id: Uuid,
    pub cert_type: String,
    pub status: String,
    pub key_algorithm: String,
    pub version: i32,
    pub in_use: bool,
    pub exported: bool,
    pub authority_id: Option<Uuid>,
    pub created_at: OffsetDateTime,
    pub not_before: Option<OffsetDateTime>,
    pub not_after: Option<OffsetDateTime>,
    pub issued_at: Option<OffsetDateTime>,
    pub imported_at: Option<OffsetDateTime>,
    pub revoked_at: Option<OffsetDateTime>,
    pub domain_name: String,
    pub sans: Vec<String>,
    pub serial: Option<Vec<u8>>,
}

/// `cert list`'s filters, pushed down to SQL. Empty lists mean "any".
#[derive(Debug, Clone, Default)]
pub struct SummaryFilter<'a> {
    pub region: &'a str,
    pub statuses: &'a [&'a str],
    pub types: &'a [&'a str],
    pub key_algorithms: &'a [&'a str],
    /// Only certificates whose `not_after` is before this.
    pub expiring_before: Option<OffsetDateTime>,
    /// Keyset pagination: rows after this `(created_at, id)`, the last
    /// row of the previous page.
    pub after: Option<(OffsetDateTime, Uuid)>,
    /// At most this many rows; `None` for all.
    pub limit: Option<i64>,
}

/// Creates the region's row if it has none. Its row is what
/// [`lock_region`] locks, and what region-scoped rows refer to.
pub fn ensure_region(tx: &mut impl GenericClient, region: &str, now: OffsetDateTime) -> Result<(), PgError> {
    tx.execute("INSERT INTO regions (region, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING", &[&region, &now])
        .map_err(PgError::db("create the region"))?;
    Ok(())
}

/// Locks the region's row until the transaction ends: for the rare
/// region-wide decisions no unique key can make (one active public
/// authority, say). Issuance never takes it.
pub fn lock_region(tx: &mut impl GenericClient, region: &str, now: OffsetDateTime) -> Result<(), PgError> {
    ensure_region(tx, region, now)?;
    tx.query_one("SELECT region FROM regions WHERE region = $1 FOR UPDATE", &[&region])
        .map_err(PgError::db("lock the region"))?;
    Ok(())
}

/// Stores a chain once, by its SHA-256; returns the hash.
pub fn put_chain(tx: &mut impl GenericClient, pem: &str) -> Result<Vec<u8>, PgError> {
    let sha = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, pem.as_bytes()).as_ref().to_vec();
    tx.execute("INSERT INTO chains (sha256, pem) VALUES ($1, $2) ON CONFLICT DO NOTHING", &[&sha, &pem])
        .map_err(PgError::db("store a chain"))?;
    Ok(sha)
}

pub fn insert_authority(tx: &mut impl GenericClient, a: &AuthorityRow) -> Result<(), PgError> {
    ensure_region(tx, &a.region, a.created_at)?;
    let chain = a.issued_chain_pem.as_deref().map(|pem| put_chain(tx, pem)).transpose()?;
    tx.execute(
        "INSERT INTO authorities (region, id, mode, type, parent_id, common_name, key_algorithm, serial, \
         not_before, not_after, created_at, certificate_pem, chain_pem, issued_chain_sha256, key_sealed, \
         key_passphrase_encrypted, crl_number, record) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)",
        &[
            &a.region,
            &a.id,
            &a.mode,
            &a.authority_type,
            &a.parent_id,
            &a.common_name,
            &a.key_algorithm,
            &a.serial,
            &a.not_before,
            &a.not_after,
            &a.created_at,
            &a.certificate_pem,
            &a.chain_pem,
            &chain,
            &a.key_sealed,
            &a.key_passphrase_encrypted,
            &a.crl_number,
            &a.record,
        ],
    )
    .map_err(PgError::db("store the authority"))?;
    Ok(())
}

const AUTHORITY_COLUMNS: &str = "a.region, a.id, a.mode, a.type, a.parent_id, a.common_name, a.key_algorithm, \
    a.serial, a.not_before, a.not_after, a.created_at, a.certificate_pem, a.chain_pem, ch.pem, a.key_sealed, \
    a.key_passphrase_encrypted, a.crl_number, a.record";

fn authority_row(r: &Row) -> AuthorityRow {
    AuthorityRow {
        region: r.get(0),
        id: r.get(1),
        mode: r.get(2),
        authority_type: r.get(3),
        parent_id: r.get(4),
        common_name: r.get(5),
        key_algorithm: r.get(6),
        serial: r.get(7),
        not_before: r.get(8),
        not_after: r.get(9),
        created_at: r.get(10),
        certificate_pem: r.get(11),
        chain_pem: r.get(12),
        issued_chain_pem: r.get(13),
        key_sealed: r.get(14),
        key_passphrase_encrypted: r.get(15),
        crl_number: r.get(16),
        record: r.get(17),
    }
}

/// An authority, locked (`FOR UPDATE OF a`) when `lock` is set.
pub fn authority(
    tx: &mut impl GenericClient,
    region: &str,
    id: Uuid,
    lock: bool,
) -> Result<Option<AuthorityRow>, PgError> {
    let sql = format!(
        "SELECT {AUTHORITY_COLUMNS} FROM authorities a LEFT JOIN chains ch ON ch.sha256 = a.issued_chain_sha256 \
         WHERE a.region = $1 AND a.id = $2{}",
        if lock { " FOR UPDATE OF a" } else { "" }
    );
    let row = tx.query_opt(&sql, &[&region, &id]).map_err(PgError::db("read the authority"))?;
    Ok(row.as_ref().map(authority_row))
}

/// The region's authorities, oldest first.
pub fn authorities(tx: &mut impl GenericClient, region: &str) -> Result<Vec<AuthorityRow>, PgError> {
    let sql = format!(
        "SELECT {AUTHORITY_COLUMNS} FROM authorities a LEFT JOIN chains ch ON ch.sha256 = a.issued_chain_sha256 \
         WHERE a.region = $1 ORDER BY a.created_at, a.id"
    );
    let rows = tx.query(&sql, &[&region]).map_err(PgError::db("list the authorities"))?;
    Ok(rows.iter().map(authority_row).collect())
}

/// Rewrites an authority's record and mutable columns (not its key,
/// certificate or serial). Its CRL number only ever grows: a record
/// carrying an older number leaves the column as it is. Returns whether
/// the authority exists.
pub fn update_authority(tx: &mut impl GenericClient, a: &AuthorityRow) -> Result<bool, PgError> {
    let n = tx
        .execute(
            "UPDATE authorities SET mode = $3, record = $4, crl_number = greatest(crl_number, $5) \
             WHERE region = $1 AND id = $2",
            &[&a.region, &a.id, &a.mode, &a.record, &a.crl_number],
        )
        .map_err(PgError::db("update the authority"))?;
    Ok(n == 1)
}

/// Reserves serials of `authority_id` before anything is signed with
/// them, in one statement. Each `true` is a serial now reserved by this
/// transaction; `false` means it was taken already (or repeated in
/// `serials`): draw another. The transaction stays usable either way.
pub fn reserve_serials(
    tx: &mut impl GenericClient,
    region: &str,
    authority_id: Uuid,
    serials: &[Vec<u8>],
    now: OffsetDateTime,
) -> Result<Vec<bool>, PgError> {
    let rows = tx
        .query(
            "INSERT INTO serials (region, authority_id, serial, reserved_at) \
             SELECT $1, $2, s, $4 FROM unnest($3::bytea[]) AS s \
             ON CONFLICT DO NOTHING RETURNING serial",
            &[&region, &authority_id, &serials, &now],
        )
        .map_err(PgError::db("reserve serials"))?;
    let mut won: Vec<Vec<u8>> = rows.iter().map(|r| r.get(0)).collect();
    Ok(serials
        .iter()
        .map(|s| match won.iter().position(|w| w == s) {
            Some(i) => {
                won.swap_remove(i);
                true
            }
            None => false,
        })
        .collect())
}

/// The serials reserved under an authority, in byte order (`store check`).
pub fn reserved_serials(
    tx: &mut impl GenericClient,
    region: &str,
    authority_id: Uuid,
) -> Result<Vec<Vec<u8>>, PgError> {
    let rows = tx
        .query(
            "SELECT serial FROM serials WHERE region = $1 AND authority_id = $2 ORDER BY serial",
            &[&region, &authority_id],
        )
        .map_err(PgError::db("read the reserved serials"))?;
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

/// How many certificates the region has.
pub fn certificate_count(tx: &mut impl GenericClient, region: &str) -> Result<i64, PgError> {
    let row = tx
        .query_one("SELECT count(*) FROM certificates WHERE region = $1", &[&region])
        .map_err(PgError::db("count the certificates"))?;
    Ok(row.get(0))
}

/// Stores a new certificate with its first version (if any) and tags.
/// The serial of the certificate and of its version must have been
/// reserved (the foreign keys refuse it otherwise: SQLSTATE 23503).
pub fn insert_certificate(
    tx: &mut impl GenericClient,
    c: &CertificateRow,
    version: Option<&VersionRow>,
    tags: &[(String, String)],
) -> Result<(), PgError> {
    ensure_region(tx, &c.region, c.created_at)?;
    tx.execute(
        "INSERT INTO certificates (region, id, type, status, authority_id, serial, domain_name, sans, \
         key_algorithm, version, not_before, not_after, created_at, issued_at, imported_at, revoked_at, \
         revocation_reason, exported, renewal_status, record) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)",
        &[
            &c.region,
            &c.id,
            &c.cert_type,
            &c.status,
            &c.authority_id,
            &c.serial,
            &c.domain_name,
            &c.sans,
            &c.key_algorithm,
            &c.version,
            &c.not_before,
            &c.not_after,
            &c.created_at,
            &c.issued_at,
            &c.imported_at,
            &c.revoked_at,
            &c.revocation_reason,
            &c.exported,
            &c.renewal_status,
            &c.record,
        ],
    )
    .map_err(PgError::db("store the certificate"))?;
    if let Some(v) = version {
        insert_version(tx, &c.region, c.id, v)?;
    }
    // A new certificate has no tags to replace.
    if !tags.is_empty() {
        set_tags(tx, &c.region, c.id, tags)?;
    }
    Ok(())
}

/// Adds a version of a certificate (renewal, re-import). The caller also
/// updates the certificate's `version` ([`update_certificate`]).
pub fn insert_version(
    tx: &mut impl GenericClient,
    region: &str,
    certificate_id: Uuid,
    v: &VersionRow,
) -> Result<(), PgError> {
    let chain = v.chain_pem.as_deref().map(|pem| put_chain(tx, pem)).transpose()?;
    tx.execute(
        "INSERT INTO certificate_versions (region, certificate_id, version, authority_id, serial, \
         certificate_pem, chain_sha256, key_sealed, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &[
            &region,
            &certificate_id,
            &v.version,
            &v.authority_id,
            &v.serial,
            &v.certificate_pem,
            &chain,
            &v.key_sealed,
            &v.created_at,
        ],
    )
    .map_err(PgError::db("store the certificate's version"))?;
    Ok(())
}

/// Replaces a certificate's tags.
pub fn set_tags(
    tx: &mut impl GenericClient,
    region: &str,
    certificate_id: Uuid,
    tags: &[(String, String)],
) -> Result<(), PgError> {
    tx.execute("DELETE FROM tags WHERE region = $1 AND certificate_id = $2", &[&region, &certificate_id])
        .map_err(PgError::db("replace the tags"))?;
    if tags.is_empty() {
        return Ok(());
    }
    let (keys, values): (Vec<&str>, Vec<&str>) = tags.iter().map(|(k, v)| (k.as_str(), v.as_str())).unzip();
    tx.execute(
        "INSERT INTO tags (region, certificate_id, key, value) SELECT $1, $2, k, v FROM unnest($3::text[], $4::text[]) AS t(k, v)",
        &[&region, &certificate_id, &keys, &values],
    )
    .map_err(PgError::db("store the tags"))?;
    Ok(())
}

pub fn tags(tx: &mut impl GenericClient, region: &str, certificate_id: Uuid) -> Result<Vec<(String, String)>, PgError> {
    let rows = tx
        .query(
            "SELECT key, value FROM tags WHERE region = $1 AND certificate_id = $2 ORDER BY key",
            &[&region, &certificate_id],
        )
        .map_err(PgError::db("read the tags"))?;
    Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
}

const CERTIFICATE_COLUMNS: &str = "region, id, type, status, authority_id, serial, domain_name, sans, key_algorithm, \
    version, not_before, not_after, created_at, issued_at, imported_at, revoked_at, revocation_reason, exported, \
    renewal_status, record";

fn certificate_row(r: &Row) -> CertificateRow {
    CertificateRow {
        region: r.get(0),
        id: r.get(1),
        cert_type: r.get(2),
        status: r.get(3),
        authority_id: r.get(4),
        serial: r.get(5),
        domain_name: r.get(6),
        sans: r.get(7),
        key_algorithm: r.get(8),
        version: r.get(9),
        not_before: r.get(10),
        not_after: r.get(11),
        created_at: r.get(12),
        issued_at: r.get(13),
        imported_at: r.get(14),
        revoked_at: r.get(15),
        revocation_reason: r.get(16),
        exported: r.get(17),
        renewal_status: r.get(18),
        record: r.get(19),
    }
}

/// A certificate; with `lock`, its row stays locked (`FOR UPDATE`) until
/// the transaction ends: delete, revoke, re-import, export, deploy,
/// validate and renew read it this way.
pub fn certificate(
    tx: &mut impl GenericClient,
    region: &str,
    id: Uuid,
    lock: bool,
) -> Result<Option<CertificateRow>, PgError> {
    let sql = format!(
        "SELECT {CERTIFICATE_COLUMNS} FROM certificates WHERE region = $1 AND id = $2{}",
        if lock { " FOR UPDATE" } else { "" }
    );
    let row = tx.query_opt(&sql, &[&region, &id]).map_err(PgError::db("read the certificate"))?;
    Ok(row.as_ref().map(certificate_row))
}

/// A version's certificate, chain and sealed key.
pub fn version(
    tx: &mut impl GenericClient,
    region: &str,
    certificate_id: Uuid,
    version: i32,
) -> Result<Option<VersionRow>, PgError> {
    let sql = format!("{VERSION_SELECT} WHERE v.region = $1 AND v.certificate_id = $2 AND v.version = $3");
    let row = tx
        .query_opt(&sql, &[&region, &certificate_id, &version])
        .map_err(PgError::db("read the certificate's version"))?;
    Ok(row.as_ref().map(version_row))
}

/// The columns `version_row` reads, each version with its chain.
const VERSION_SELECT: &str = "SELECT v.version, v.authority_id, v.serial, v.certificate_pem, ch.pem, v.key_sealed, \
     v.created_at FROM certificate_versions v LEFT JOIN chains ch ON ch.sha256 = v.chain_sha256";

fn version_row(r: &Row) -> VersionRow {
    VersionRow {
        version: r.get(0),
        authority_id: r.get(1),
        serial: r.get(2),
        certificate_pem: r.get(3),
        chain_pem: r.get(4),
        key_sealed: r.get(5),
        created_at: r.get(6),
    }
}

/// Every version of a certificate, oldest first.
pub fn versions(tx: &mut impl GenericClient, region: &str, certificate_id: Uuid) -> Result<Vec<VersionRow>, PgError> {
    let sql = format!("{VERSION_SELECT} WHERE v.region = $1 AND v.certificate_id = $2 ORDER BY v.version");
    let rows = tx.query(&sql, &[&region, &certificate_id]).map_err(PgError::db("read the certificate's versions"))?;
    Ok(rows.iter().map(version_row).collect())
}

/// Rewrites a certificate's columns and record. Returns whether it exists.
pub fn update_certificate(tx: &mut impl GenericClient, c: &CertificateRow) -> Result<bool, PgError> {
    let n = tx
        .execute(
            "UPDATE certificates SET type = $3, status = $4, authority_id = $5, serial = $6, domain_name = $7, \
             sans = $8, key_algorithm = $9, version = $10, not_before = $11, not_after = $12, issued_at = $13, \
             imported_at = $14, revoked_at = $15, revocation_reason = $16, exported = $17, renewal_status = $18, \
             record = $19 WHERE region = $1 AND id = $2",
            &[
                &c.region,
                &c.id,
                &c.cert_type,
                &c.status,
                &c.authority_id,
                &c.serial,
                &c.domain_name,
                &c.sans,
                &c.key_algorithm,
                &c.version,
                &c.not_before,
                &c.not_after,
                &c.issued_at,
                &c.imported_at,
                &c.revoked_at,
                &c.revocation_reason,
                &c.exported,
                &c.renewal_status,
                &c.record,
            ],
        )
        .map_err(PgError::db("update the certificate"))?;
    Ok(n == 1)
}

/// Deletes a certificate with its versions and tags. Returns whether it
/// existed. One with deployments is refused by the database (23503):
/// check `InUseBy` first.
pub fn delete_certificate(tx: &mut impl GenericClient, region: &str, id: Uuid) -> Result<bool, PgError> {
    let n = tx
        .execute("DELETE FROM certificates WHERE region = $1 AND id = $2", &[&region, &id])
        .map_err(PgError::db("delete the certificate"))?;
    Ok(n == 1)
}

/// `cert list`: the filters and the order `(created_at, id)` are done by
/// the server on `certificates_by_created`, a page at a time.
pub fn summaries(tx: &mut impl GenericClient, f: &SummaryFilter<'_>) -> Result<Vec<SummaryRow>, PgError> {
    let (after_at, after_id) = match f.after {
        Some((at, id)) => (Some(at), Some(id)),
        None => (None, None),
    };
    let rows = tx
        .query(
            "SELECT c.id, c.type, c.status, c.key_algorithm, c.version, \
             EXISTS (SELECT 1 FROM deployments d WHERE d.region = c.region AND d.certificate_id = c.id), \
             c.exported, c.authority_id, c.created_at, c.not_before, c.not_after, c.issued_at, c.imported_at, \
             c.revoked_at, c.domain_name, c.sans, c.serial \
             FROM certificates c \
             WHERE c.region = $1 \
             AND (cardinality($2::text[]) = 0 OR c.status = ANY ($2)) \
             AND (cardinality($3::text[]) = 0 OR c.type = ANY ($3)) \
             AND (cardinality($4::text[]) = 0 OR c.key_algorithm = ANY ($4)) \
             AND ($5::timestamptz IS NULL OR c.not_after < $5) \
             AND ($6::timestamptz IS NULL OR (c.created_at, c.id) > ($6, $7::uuid)) \
             ORDER BY c.created_at, c.id \
             LIMIT $8",
            &[&f.region, &f.statuses, &f.types, &f.key_algorithms, &f.expiring_before, &after_at, &after_id, &f.limit],
        )
        .map_err(PgError::db("list the certificates"))?;
    Ok(rows
        .iter()
        .map(|r| SummaryRow {
            id: r.get(0),
            cert_type: r.get(1),
            status: r.get(2),
            key_algorithm: r.get(3),
            version: r.get(4),
            in_use: r.get(5),
            exported: r.get(6),
            authority_id: r.get(7),
            created_at: r.get(8),
            not_before: r.get(9),
            not_after: r.get(10),
            issued_at: r.get(11),
            imported_at: r.get(12),
            revoked_at: r.get(13),
            domain_name: r.get(14),
            sans: r.get(15),
            serial: r.get(16),
        })
        .collect())
}

/// Records a revocation and takes the authority's next CRL number, in one
/// statement. `None` when the serial was revoked already (nothing
/// changes); otherwise the number the new CRL must carry. Concurrent
/// revocations under one authority queue on its row, so numbers are
/// handed out once each, in order.
pub fn revoke(tx: &mut impl GenericClient, region: &str, r: &RevocationRow) -> Result<Option<i64>, PgError> {
    let row = tx
        .query_opt(
            "WITH r AS (INSERT INTO revocations (region, authority_id, serial, certificate_id, revoked_at, reason) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING 1) \
             UPDATE authorities SET crl_number = crl_number + 1 \
             WHERE region = $1 AND id = $2 AND EXISTS (SELECT 1 FROM r) RETURNING crl_number",
            &[&region, &r.authority_id, &r.serial, &r.certificate_id, &r.revoked_at, &r.reason],
        )
        .map_err(PgError::db("record the revocation"))?;
    Ok(row.map(|r| r.get(0)))
}

/// Takes the authority's next CRL number without a revocation (a CRL
/// reissued on schedule).
pub fn next_crl_number(tx: &mut impl GenericClient, region: &str, authority_id: Uuid) -> Result<Option<i64>, PgError> {
    let row = tx
        .query_opt(
            "UPDATE authorities SET crl_number = crl_number + 1 WHERE region = $1 AND id = $2 RETURNING crl_number",
            &[&region, &authority_id],
        )
        .map_err(PgError::db("take the next CRL number"))?;
    Ok(row.map(|r| r.get(0)))
}

/// The authority's revocations, for its CRL.
pub fn revocations(
    tx: &mut impl GenericClient,
    region: &str,
    authority_id: Uuid,
) -> Result<Vec<RevocationRow>, PgError> {
    let rows = tx
        .query(
            "SELECT authority_id, serial, certificate_id, revoked_at, reason FROM revocations \
             WHERE region = $1 AND authority_id = $2 ORDER BY revoked_at, serial",
            &[&region, &authority_id],
        )
        .map_err(PgError::db("read the revocations"))?;
    Ok(rows
        .iter()
        .map(|r| RevocationRow {
            authority_id: r.get(0),
            serial: r.get(1),
            certificate_id: r.get(2),
            revoked_at: r.get(3),
            reason: r.get(4),
        })
        .collect())
}

/// Stores a CRL under the number [`revoke`] or [`next_crl_number`] gave.
/// A number used twice is refused (unique key, SQLSTATE 23505).
pub fn save_crl(
    tx: &mut impl GenericClient,
    region: &str,
    authority_id: Uuid,
    number: i64,
    this_update: OffsetDateTime,
    next_update: OffsetDateTime,
    pem: &str,
) -> Result<(), PgError> {
    tx.execute(
        "INSERT INTO crls (region, authority_id, crl_number, this_update, next_update, pem) VALUES ($1, $2, $3, $4, $5, $6)",
        &[&region, &authority_id, &number, &this_update, &next_update, &pem],
    )
    .map_err(PgError::db("store the CRL"))?;
    Ok(())
}

/// The authority's latest CRL: its number and PEM.
pub fn latest_crl(
    tx: &mut impl GenericClient,
    region: &str,
    authority_id: Uuid,
) -> Result<Option<(i64, String)>, PgError> {
    let row = tx
        .query_opt(
            "SELECT crl_number, pem FROM crls WHERE region = $1 AND authority_id = $2 ORDER BY crl_number DESC LIMIT 1",
            &[&region, &authority_id],
        )
        .map_err(PgError::db("read the CRL"))?;
    Ok(row.map(|r| (r.get(0), r.get(1))))
}

/// A remembered token.
pub fn idempotency(tx: &mut impl GenericClient, region: &str, token: &str) -> Result<Option<IdempotencyRow>, PgError> {
    let row = tx
        .query_opt(
            "SELECT token, fingerprint, certificate_id, created_at FROM idempotency WHERE region = $1 AND token = $2",
            &[&region, &token],
        )
        .map_err(PgError::db("read the idempotency token"))?;
    Ok(row.map(|r| IdempotencyRow {
        token: r.get(0),
        fingerprint: r.get(1),
        certificate_id: r.get(2),
        created_at: r.get(3),
    }))
}

/// The outcome of [`claim_idempotency`].
#[derive(Debug, Clone, PartialEq)]
pub enum Claim {
    /// The token is this transaction's: go on and create the certificate
    /// it names (before commit: the key to it is deferred).
    Claimed,
    /// Another request holds the token: replay its certificate (or refuse,
    /// if the fingerprint differs). Roll this transaction back.
    Held(IdempotencyRow),
}

/// Claims a `RequestCertificate` token for `row.certificate_id` (§5.6).
/// A concurrent claim of the same token waits on the unique key until the
/// first commits or rolls back, then sees it held (or claims it). A token
/// created before `expired_before` is taken over.
pub fn claim_idempotency(
    tx: &mut impl GenericClient,
    region: &str,
    row: &IdempotencyRow,
    expired_before: OffsetDateTime,
) -> Result<Claim, PgError> {
    ensure_region(tx, region, row.created_at)?;
    let claimed = tx
        .query_opt(
            "INSERT INTO idempotency (region, token, fingerprint, certificate_id, created_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (region, token) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, \
             certificate_id = EXCLUDED.certificate_id, created_at = EXCLUDED.created_at \
             WHERE idempotency.created_at < $6 RETURNING certificate_id",
            &[&region, &row.token, &row.fingerprint, &row.certificate_id, &row.created_at, &expired_before],
        )
        .map_err(PgError::db("claim the idempotency token"))?;
    if claimed.is_some() {
        return Ok(Claim::Claimed);
    }
    match idempotency(tx, region, &row.token)? {
        Some(held) => Ok(Claim::Held(held)),
        // Deleted between the two statements (its certificate was): try once more.
        None => claim_idempotency(tx, region, row, expired_before),
    }
}

/// Certificates due for renewal, locked for this transaction; rows another
/// runner holds are skipped (`FOR UPDATE SKIP LOCKED`), so parallel sweeps
/// share the work and renew each certificate once. `types` and `statuses`
/// narrow the candidates (empty: any); the caller applies ACM's remaining
/// rules to the records.
pub fn due_for_renewal(
    tx: &mut impl GenericClient,
    region: &str,
    before: OffsetDateTime,
    types: &[&str],
    statuses: &[&str],
    limit: i64,
) -> Result<Vec<CertificateRow>, PgError> {
    let sql = format!(
        "SELECT {CERTIFICATE_COLUMNS} FROM certificates WHERE region = $1 AND not_after < $2 \
         AND (cardinality($3::text[]) = 0 OR type = ANY ($3)) \
         AND (cardinality($4::text[]) = 0 OR status = ANY ($4)) \
         ORDER BY not_after, id LIMIT $5 FOR UPDATE SKIP LOCKED"
    );
    let rows = tx
        .query(&sql, &[&region, &before, &types, &statuses, &limit])
        .map_err(PgError::db("find certificates due for renewal"))?;
    Ok(rows.iter().map(certificate_row).collect())
}

/// Records (or updates) a host's deployment of a certificate.
pub fn upsert_deployment(tx: &mut impl GenericClient, region: &str, d: &DeploymentRow) -> Result<(), PgError> {
    tx.execute(
        "INSERT INTO deployments (region, certificate_id, target, host_id, dest, exec, endpoint_type, \
         deployed_version, deployed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (region, certificate_id, target, host_id) DO UPDATE SET dest = EXCLUDED.dest, \
         exec = EXCLUDED.exec, endpoint_type = EXCLUDED.endpoint_type, \
         deployed_version = EXCLUDED.deployed_version, deployed_at = EXCLUDED.deployed_at",
        &[
            &region,
            &d.certificate_id,
            &d.target,
            &d.host_id,
            &d.dest,
            &d.exec,
            &d.endpoint_type,
            &d.deployed_version,
            &d.deployed_at,
        ],
    )
    .map_err(PgError::db("record the deployment"))?;
    Ok(())
}

const DEPLOYMENT_COLUMNS: &str =
    "d.certificate_id, d.target, d.host_id, d.dest, d.exec, d.endpoint_type, d.deployed_version, d.deployed_at";

fn deployment_row(r: &Row) -> DeploymentRow {
    DeploymentRow {
        certificate_id: r.get(0),
        target: r.get(1),
        host_id: r.get(2),
        dest: r.get(3),
        exec: r.get(4),
        endpoint_type: r.get(5),
        deployed_version: r.get(6),
        deployed_at: r.get(7),
    }
}

/// Every host's deployments of one certificate (`InUseBy` is global).
pub fn certificate_deployments(
    tx: &mut impl GenericClient,
    region: &str,
    certificate_id: Uuid,
) -> Result<Vec<DeploymentRow>, PgError> {
    let sql = format!(
        "SELECT {DEPLOYMENT_COLUMNS} FROM deployments d WHERE d.region = $1 AND d.certificate_id = $2 ORDER BY d.target, d.host_id"
    );
    let rows = tx.query(&sql, &[&region, &certificate_id]).map_err(PgError::db("read the deployments"))?;
    Ok(rows.iter().map(deployment_row).collect())
}

/// This host's deployments; with `stale_only`, those of an older version
/// than their certificate's current one: what this host must redeploy
/// (§5.7).
pub fn host_deployments(
    tx: &mut impl GenericClient,
    region: &str,
    host_id: &str,
    stale_only: bool,
) -> Result<Vec<DeploymentRow>, PgError> {
    let sql = format!(
        "SELECT {DEPLOYMENT_COLUMNS} FROM deployments d JOIN certificates c ON c.region = d.region AND c.id = d.certificate_id \
         WHERE d.region = $1 AND d.host_id = $2{} ORDER BY d.certificate_id, d.target",
        if stale_only { " AND d.deployed_version < c.version" } else { "" }
    );
    let rows = tx.query(&sql, &[&region, &host_id]).map_err(PgError::db("read this host's deployments"))?;
    Ok(rows.iter().map(deployment_row).collect())
}

/// Forgets a host's deployment of a certificate. Returns whether it existed.
pub fn delete_deployment(
    tx: &mut impl GenericClient,
    region: &str,
    certificate_id: Uuid,
    target: &str,
    host_id: &str,
) -> Result<bool, PgError> {
    let n = tx
        .execute(
            "DELETE FROM deployments WHERE region = $1 AND certificate_id = $2 AND target = $3 AND host_id = $4",
            &[&region, &certificate_id, &target, &host_id],
        )
        .map_err(PgError::db("delete the deployment"))?;
    Ok(n == 1)
}

/// Stores many new certificates with their first versions in three
/// statements whatever their number (`--manifest`, `store copy`, serve's
/// batches): each row appears with the others or not at all. The same
/// rules as [`insert_certificate`] hold (serials reserved first).
pub fn insert_certificates(
    tx: &mut impl GenericClient,
    region: &str,
    rows: &[(CertificateRow, Option<VersionRow>)],
    now: OffsetDateTime,
) -> Result<(), PgError> {
    if rows.is_empty() {
        return Ok(());
    }
    ensure_region(tx, region, now)?;
    let mut chains: Vec<(Vec<u8>, &str)> = Vec::new();
    for pem in rows.iter().filter_map(|(_, v)| v.as_ref()?.chain_pem.as_deref()) {
        if !chains.iter().any(|(_, p)| *p == pem) {
            chains.push((aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, pem.as_bytes()).as_ref().to_vec(), pem));
        }
    }
    if !chains.is_empty() {
        let (shas, pems): (Vec<&[u8]>, Vec<&str>) = chains.iter().map(|(s, p)| (s.as_slice(), *p)).unzip();
        tx.execute(
            "INSERT INTO chains (sha256, pem) SELECT * FROM unnest($1::bytea[], $2::text[]) ON CONFLICT DO NOTHING",
            &[&shas, &pems],
        )
        .map_err(PgError::db("store the chains"))?;
    }
    let c: Vec<&CertificateRow> = rows.iter().map(|(c, _)| c).collect();
    let col = |f: fn(&CertificateRow) -> &str| c.iter().map(|r| f(r)).collect::<Vec<&str>>();
    // A text[] per row travels as JSON: unnest would flatten an array of arrays.
    let sans: Vec<Value> = c.iter().map(|r| Value::from(r.sans.clone())).collect();
    tx.execute(
        "INSERT INTO certificates (region, id, type, status, authority_id, serial, domain_name, sans, \
         key_algorithm, version, not_before, not_after, created_at, issued_at, imported_at, revoked_at, \
         revocation_reason, exported, renewal_status, record) \
         SELECT $1, id, type, status, authority_id, serial, domain_name, \
         ARRAY(SELECT jsonb_array_elements_text(sans)), key_algorithm, version, not_before, not_after, created_at, \
         issued_at, imported_at, revoked_at, revocation_reason, exported, renewal_status, record \
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::bytea[], $7::text[], $8::jsonb[], \
         $9::text[], $10::int4[], $11::timestamptz[], $12::timestamptz[], $13::timestamptz[], $14::timestamptz[], \
         $15::timestamptz[], $16::timestamptz[], $17::text[], $18::bool[], $19::text[], $20::jsonb[]) \
         AS t(id, type, status, authority_id, serial, domain_name, sans, key_algorithm, version, not_before, \
         not_after, created_at, issued_at, imported_at, revoked_at, revocation_reason, exported, renewal_status, record)",
        &[
            &region,
            &c.iter().map(|r| r.id).collect::<Vec<_>>(),
            &col(|r| &r.cert_type),
            &col(|r| &r.status),
            &c.iter().map(|r| r.authority_id).collect::<Vec<_>>(),
            &c.iter().map(|r| r.serial.as_deref()).collect::<Vec<_>>(),
            &col(|r| &r.domain_name),
            &sans,
            &col(|r| &r.key_algorithm),
            &c.iter().map(|r| r.version).collect::<Vec<_>>(),
            &c.iter().map(|r| r.not_before).collect::<Vec<_>>(),
            &c.iter().map(|r| r.not_after).collect::<Vec<_>>(),
            &c.iter().map(|r| r.created_at).collect::<Vec<_>>(),
            &c.iter().map(|r| r.issued_at).collect::<Vec<_>>(),
            &c.iter().map(|r| r.imported_at).collect::<Vec<_>>(),
            &c.iter().map(|r| r.revoked_at).collect::<Vec<_>>(),
            &c.iter().map(|r| r.revocation_reason.as_deref()).collect::<Vec<_>>(),
            &c.iter().map(|r| r.exported).collect::<Vec<_>>(),
            &c.iter().map(|r| r.renewal_status.as_deref()).collect::<Vec<_>>(),
            &c.iter().map(|r| &r.record).collect::<Vec<_>>(),
        ],
    )
    .map_err(PgError::db("store the certificates"))?;
    let v: Vec<(Uuid, &VersionRow)> = rows.iter().filter_map(|(c, v)| Some((c.id, v.as_ref()?))).collect();
    if v.is_empty() {
        return Ok(());
    }
    let chain_of = |v: &VersionRow| {
        v.chain_pem.as_deref().and_then(|pem| chains.iter().find(|(_, p)| *p == pem)).map(|(s, _)| s.as_slice())
    };
    tx.execute(
        "INSERT INTO certificate_versions (region, certificate_id, version, authority_id, serial, certificate_pem, \
         chain_sha256, key_sealed, created_at) \
         SELECT $1, * FROM unnest($2::uuid[], $3::int4[], $4::uuid[], $5::bytea[], $6::text[], $7::bytea[], \
         $8::bytea[], $9::timestamptz[])",
        &[
            &region,
            &v.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
            &v.iter().map(|(_, v)| v.version).collect::<Vec<_>>(),
            &v.iter().map(|(_, v)| v.authority_id).collect::<Vec<_>>(),
            &v.iter().map(|(_, v)| v.serial.as_deref()).collect::<Vec<_>>(),
            &v.iter().map(|(_, v)| v.certificate_pem.as_str()).collect::<Vec<_>>(),
            &v.iter().map(|(_, v)| chain_of(v)).collect::<Vec<_>>(),
            &v.iter().map(|(_, v)| v.key_sealed.as_slice()).collect::<Vec<_>>(),
            &v.iter().map(|(_, v)| v.created_at).collect::<Vec<_>>(),
        ],
    )
    .map_err(PgError::db("store the certificates' versions"))?;
    Ok(())
}
