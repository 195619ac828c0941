//! `store check` on PostgreSQL (STORE-ENGINES.md §5.8): one REPEATABLE
//! READ read-only transaction, so the whole store is read as of one
//! moment without locking anyone out. What the schema makes impossible
//! (duplicate or unreserved serials, half-written records, index drift,
//! file modes) is not looked for; what it cannot say is: every record
//! reads, every sealed key opens under the store key and matches its
//! certificate, every certificate parses, the expected constraints exist.

use time::OffsetDateTime;
use uuid::Uuid;

use super::conn::TxMode;
use super::engine::{KeyState, PgStore};
use super::error::PgError;
use super::schema;
use super::seal::{SealContext, SealKind};
use crate::model::{AuthorityRecord, CertificateRecord};
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
                    "SELECT region, id, record, certificate_pem, key_sealed FROM authorities ORDER BY region, created_at, id",
                    &[],
                )
                .map_err(PgError::db("read the authorities"))?;
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
                if !rec.has_certificate() {
                    continue;
                }
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
