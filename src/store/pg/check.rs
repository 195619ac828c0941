//! `store check` on PostgreSQL (STORE-ENGINES.md §5.8): one REPEATABLE
//! READ read-only transaction, so the whole store is read as of one
//! moment without locking anyone out. What the schema makes impossible
//! (duplicate or unreserved serials, half-written records, index drift,
//! file modes) is not looked for; what it cannot say is: every record
//! reads, every sealed key opens under the store key and matches its
//! certificate, every certificate parses, the expected constraints exist.

use std::collections::{HashMap, HashSet};

use time::OffsetDateTime;
use uuid::Uuid;

use super::conn::TxMode;
use super::engine::{KeyState, PgStore};
use super::error::PgError;
use super::schema;
use super::seal::{SealContext, SealKind};
use crate::model::{AuthorityRecord, CertificateRecord, CertificateStatus, Revocation};
use crate::pki::{CertInfo, PrivateKey, strict_pem};
use crate::store::{Report, StoreResult};

pub fn check(store: &PgStore, _now: OffsetDateTime) -> StoreResult<Report> {
    let location = store.location();
    let report = store.with_conn(|conn| {
        conn.with_tx_mode(TxMode::Snapshot, |tx| -> Result<Report, PgError> {
            let mut report = Report::default();
            for missing in schema::missing_constraints(tx)? {
                report.problem(format!("{location}#schema"), format!("the constraint {missing} is missing"));
            }
            let keys = match &store.keys {
                KeyState::Ready(k) => Some(k),
                KeyState::Missing => {
                    report.problem(
                        format!("{location}#store-key"),
                        "ACMCTL_STORE_KEY_FILE is not set, so no private key was checked",
                    );
                    None
                }
                KeyState::Unusable(why) => {
                    report.problem(format!("{location}#store-key"), why.clone());
                    None
                }
            };
            let open = |sealed: &[u8], ctx: &SealContext<'_>| -> Option<Result<String, String>> {
                let keys = keys?;
                Some(
                    keys.open(sealed, ctx)
                        .map_err(|e| e.to_string())
                        .and_then(|p| String::from_utf8(p.to_vec()).map_err(|_| "the key is not PEM text".into())),
                )
            };
            let rows = tx
                .query(
                    "SELECT region, id, record, certificate_pem, key_sealed, crl_pem FROM authorities \
                     ORDER BY region, created_at, id",
                    &[],
                )
                .map_err(PgError::db("read the authorities"))?;
            let mut revocations: HashMap<String, Vec<Revocation>> = HashMap::new();
            for row in rows {
                report.authorities += 1;
                let (region, id): (String, Uuid) = (row.get(0), row.get(1));
                let here = format!("{location}#{region}/authorities/{id}");
                let rec: AuthorityRecord = match serde_json::from_value(row.get(2)) {
                    Ok(r) => r,
                    Err(e) => {
                        report.problem(&here, format!("the record does not read: {e}"));
                        continue;
                    }
                };
                revocations.insert(rec.arn.to_string(), rec.revoked.clone());
                if !rec.has_certificate() {
                    continue;
                }
                check_crl(&row.get::<_, String>(5), &rec, &here, &mut report);
                let info = match certificate(&row.get::<_, String>(3)) {
                    Ok(info) => info,
                    Err(e) => {
                        report.problem(&here, e);
                        continue;
                    }
                };
                let region_name: &str = &region;
                let ctx = SealContext {
                    store_id: store.meta.store_id,
                    region: region_name,
                    kind: SealKind::Authority,
                    resource_id: id,
                    version: 0,
                };
                match open(&row.get::<_, Vec<u8>>(4), &ctx) {
                    Some(Ok(pem)) => check_key(&pem, &info, rec.key_encrypted, &here, &mut report),
                    Some(Err(e)) => report.problem(&here, e),
                    None => {}
                }
            }
            let rows = tx
                .query(
                    "SELECT c.region, c.id, c.record, v.certificate_pem, v.key_sealed, v.version IS NOT NULL \
                     FROM certificates c LEFT JOIN certificate_versions v \
                     ON v.region = c.region AND v.certificate_id = c.id AND v.version = c.version \
                     ORDER BY c.region, c.created_at, c.id",
                    &[],
                )
                .map_err(PgError::db("read the certificates"))?;
            for row in rows {
                report.certificates += 1;
                let (region, id): (String, Uuid) = (row.get(0), row.get(1));
                let here = format!("{location}#{region}/certificates/{id}");
                let rec: CertificateRecord = match serde_json::from_value(row.get(2)) {
                    Ok(r) => r,
                    Err(e) => {
                        report.problem(&here, format!("the record does not read: {e}"));
                        continue;
                    }
                };
                check_revocation(&rec, &revocations, &here, &mut report);
                if rec.version == 0 {
                    continue;
                }
                if !row.get::<_, bool>(5) {
                    report.problem(&here, format!("version {} is missing", rec.version));
                    continue;
                }
                let info = match certificate(&row.get::<_, String>(3)) {
                    Ok(info) => info,
                    Err(e) => {
                        report.problem(&here, e);
                        continue;
                    }
                };
                if let Some(serial) = &rec.serial
                    && *serial != crate::pki::serial::colon_hex(&info.serial)
                {
                    report.problem(&here, "the record's serial is not the certificate's");
                }
                let region_name: &str = &region;
                let ctx = SealContext {
                    store_id: store.meta.store_id,
                    region: region_name,
                    kind: SealKind::Certificate,
                    resource_id: id,
                    version: rec.version,
                };
                match open(&row.get::<_, Vec<u8>>(4), &ctx) {
                    Some(Ok(pem)) => check_key(&pem, &info, false, &here, &mut report),
                    Some(Err(e)) => report.problem(&here, e),
                    None => {}
                }
            }
            Ok(report)
        })
    })??;
    Ok(report)
}

fn certificate(pem: &str) -> Result<CertInfo, String> {
    strict_pem::one(pem, "CERTIFICATE")
        .and_then(|der| CertInfo::from_der(&der))
        .map_err(|e| format!("the certificate does not read: {e}"))
}

fn check_key(pem: &str, info: &CertInfo, encrypted: bool, here: &str, report: &mut Report) {
    if encrypted {
        // Without the passphrase, the most that can be checked is its form.
        if let Err(e) = crate::pki::export::check_encrypted_pem(pem) {
            report.problem(here, e.to_string());
        }
        return;
    }
    match PrivateKey::parse_pem(pem) {
        Ok(key) if key.spki_der() == info.spki_der => {}
        Ok(_) => report.problem(here, "the private key does not match the certificate"),
        Err(e) => report.problem(here, format!("the private key does not read: {e}")),
    }
}

/// The authority's CRL carries the number its record has and lists the
/// serials its record says it revoked, no more.
fn check_crl(pem: &str, rec: &AuthorityRecord, here: &str, report: &mut Report) {
    let crl = match crate::pki::inspect::crl_info(pem) {
        Ok(c) => c,
        Err(e) => return report.problem(here, format!("the CRL does not read: {e}")),
    };
    if crl.number != Some(rec.crl_number) {
        let number = crl.number.map_or_else(|| "none".to_string(), |n| n.to_string());
        report.problem(here, format!("CRL number {number} differs from the authority's record ({})", rec.crl_number));
    }
    let listed: HashSet<&str> = crl.revoked_serials.iter().map(String::as_str).collect();
    let recorded: HashSet<&str> = rec.revoked.iter().map(|r| r.serial.as_str()).collect();
    for serial in recorded.difference(&listed) {
        report.problem(
            here,
            format!("the CRL does not list serial {serial}, which the authority's record says it revoked"),
        );
    }
    for serial in listed.difference(&recorded) {
        report.problem(
            here,
            format!("the CRL lists serial {serial}, which the authority's record does not say it revoked"),
        );
    }
}

/// A certificate is REVOKED exactly when its authority's record lists its
/// serial, with the same time and reason.
fn check_revocation(
    rec: &CertificateRecord,
    revocations: &HashMap<String, Vec<Revocation>>,
    here: &str,
    report: &mut Report,
) {
    let (Some(ca), Some(serial)) = (&rec.authority, &rec.serial) else { return };
    let Some(revoked) = revocations.get(&ca.to_string()) else { return };
    let entry = revoked.iter().find(|r| &r.serial == serial);
    match (rec.status == CertificateStatus::Revoked, entry) {
        (true, None) => report.problem(here, format!("is REVOKED, but authority {ca} has no revocation of serial {serial} on record")),
        (false, Some(_)) => report.problem(
            here,
            format!("is {}, but authority {ca} records serial {serial} as revoked (run `acmctl cert revoke {}` again to finish)", rec.status, rec.arn),
        ),
        (true, Some(r)) if rec.revoked_at != Some(r.revoked_at) || rec.revocation_reason != Some(r.reason) => {
            report.problem(here, format!("the revocation time or reason differs from authority {ca}'s record"));
        }
        _ => {}
    }
}
