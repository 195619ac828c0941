//! `store check`: reads the whole store and reports what is inconsistent.
//! Leftovers of interrupted writes are removed (the region lock is held,
//! so no writer is using them) and reported as such.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use super::index::{self, Unusable};
use super::{
    AUTHORITY_FILE, CERT_PEM, CERTIFICATE_FILE, CHAIN_PEM, CRL_PEM, FsStore, KEY_PEM, RESERVATION_FILE, RegionStore,
    SERIALS_DIR, load_toml,
};
use crate::fsx;
use crate::model::{AuthorityRecord, CertificateRecord, CertificateStatus, Revocation, Summary};
use crate::pki::chain::check_chain;
use crate::pki::strict_pem;
use crate::pki::{CertInfo, PrivateKey};
use crate::store::{Report, StoreError, StoreResult};

/// What an interrupted write leaves, removed.
pub const LEFTOVER: &str = "removed leftover of an interrupted write";

fn problem(report: &mut Report, path: &Path, what: impl Into<String>) {
    report.problem(path.display(), what);
}

pub fn check(store: &FsStore, _now: OffsetDateTime) -> StoreResult<Report> {
    let mut report = Report::default();
    clean_leftovers(store.root(), &mut report);
    clean_leftovers(&store.root().join("regions"), &mut report);
    for path in [store.root().to_path_buf(), store.root().join("regions"), store.root().join(super::STORE_FILE)] {
        check_modes(&path, false, &mut report);
    }
    check_serve_dir(&store.root().join(SERVE_DIR), &mut report);
    for entry in record_entries(&store.root().join("regions"), &mut report) {
        let Ok(region) = entry.parse::<crate::model::Region>() else {
            problem(&mut report, &store.root().join("regions").join(&entry), "is not the directory of a known region");
            continue;
        };
        let rs = store.region(region);
        // A region whose directory or lock is a link, or another user's, is
        // reported and not read: nothing in it can be trusted.
        let _lock = match rs.lock() {
            Ok(lock) => lock,
            Err(StoreError::Unsafe { path, reason }) => {
                problem(&mut report, &path, format!("{reason}; the region was not checked"));
                continue;
            }
            Err(e) => return Err(e),
        };
        for dir in [rs.dir().to_path_buf(), rs.authorities_dir(), rs.certificates_dir(), rs.dir().join("idempotency")] {
            clean_leftovers(&dir, &mut report);
        }
        let mut issued: HashMap<String, HashMap<String, Vec<String>>> = HashMap::new();
        let mut summaries = HashMap::new();
        // Serial numbers each authority of the region has reserved.
        let mut reserved: HashMap<String, HashSet<String>> = HashMap::new();
        // Subordinates are issued by their parent, so their serials count too.
        let mut signed: Vec<(String, String, PathBuf)> = Vec::new();
        let mut revocations: HashMap<String, Vec<Revocation>> = HashMap::new();
        let mut certificates: Vec<(CertificateRecord, PathBuf)> = Vec::new();
        for name in record_entries(&rs.authorities_dir(), &mut report) {
            report.authorities += 1;
            let dir = rs.authorities_dir().join(&name);
            clean_leftovers(&dir, &mut report);
            clean_leftovers(&dir.join(SERIALS_DIR), &mut report);
            check_reservation_file(&dir.join(SERIALS_DIR).join(RESERVATION_FILE), &mut report);
            if let Some(rec) = check_authority(&dir, &name, region, &mut report) {
                revocations.insert(rec.arn.to_string(), rec.revoked.clone());
                reserved.insert(
                    rec.arn.to_string(),
                    fsx::record_names(&dir.join(SERIALS_DIR)).unwrap_or_default().into_iter().collect(),
                );
                if let Some(parent) = rec.parent {
                    signed.push((parent.to_string(), rec.serial.clone(), dir.join(AUTHORITY_FILE)));
                    issued
                        .entry(parent.to_string())
                        .or_default()
                        .entry(rec.serial)
                        .or_default()
                        .push(rec.arn.to_string());
                }
            }
        }
        for name in record_entries(&rs.certificates_dir(), &mut report) {
            report.certificates += 1;
            let dir = rs.certificates_dir().join(&name);
            clean_leftovers(&dir, &mut report);
            if let Some(rec) = check_certificate(&dir, &name, region, &mut report) {
                summaries.insert(rec.arn.id(), Summary::of(&rec));
                if let (Some(ca), Some(serial)) = (rec.authority, rec.serial.clone()) {
                    signed.push((ca.to_string(), serial.clone(), dir.join(CERTIFICATE_FILE)));
                    issued.entry(ca.to_string()).or_default().entry(serial).or_default().push(rec.arn.to_string());
                }
                certificates.push((rec, dir.join(CERTIFICATE_FILE)));
            }
        }
        // Check modes after the leftovers are gone, so each is reported once.
        check_modes(rs.dir(), true, &mut report);
        for (ca, serial, path) in signed {
            if let Some(set) = reserved.get(&ca)
                && !set.contains(&serial.replace(':', ""))
            {
                problem(
                    &mut report,
                    &path,
                    format!("serial {serial} was not reserved by authority {ca} before signing"),
                );
            }
        }
        check_revocations(&certificates, &revocations, &mut report);
        check_index(&rs, &summaries, &mut report)?;
        for (ca, serials) in issued {
            for (serial, arns) in serials {
                if arns.len() > 1 {
                    problem(
                        &mut report,
                        &rs.certificates_dir(),
                        format!(
                            "serial {serial} of authority {ca} is used by {} certificates: {}",
                            arns.len(),
                            arns.join(", ")
                        ),
                    );
                }
            }
        }
    }
    Ok(report)
}

/// `acmctl serve`'s directory in the store root: its credentials file.
pub const SERVE_DIR: &str = "serve";

/// Serve's directory belongs in the store, and its files follow the store's
/// rules: the owner's, directories 0700; and its credentials, which hold
/// secret keys, readable by the owner alone (as serve itself demands).
fn check_serve_dir(dir: &Path, report: &mut Report) {
    check_modes(dir, true, report);
    let Ok(entries) = fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let Ok(meta) = fs::symlink_metadata(e.path()) else { continue };
        let mode = meta.permissions().mode() & 0o777;
        if meta.is_file() && mode & 0o077 != 0 {
            problem(
                report,
                &e.path(),
                format!("file mode is {mode:o}; serve's keys must be readable by their owner only (600)"),
            );
        }
    }
}

/// The record names of `dir`; symbolic links are reported, never followed.
fn record_entries(dir: &Path, report: &mut Report) -> Vec<String> {
    let names = match fsx::record_names(dir) {
        Ok(n) => n,
        Err(e) => {
            problem(report, dir, e.to_string());
            return Vec::new();
        }
    };
    names
        .into_iter()
        .filter(|n| match fs::symlink_metadata(dir.join(n)) {
            Ok(m) if m.file_type().is_symlink() => {
                problem(report, &dir.join(n), "is a symbolic link inside the store; it was not followed");
                false
            }
            Ok(m) if !m.is_dir() => {
                problem(report, &dir.join(n), "is a file where a record directory is expected");
                false
            }
            _ => true,
        })
        .collect()
}

/// Every reserved serial is a name of this one file; were it not empty,
/// each would seem to hold something, and new reservations are refused.
fn check_reservation_file(path: &Path, report: &mut Report) {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == 0 => {}
        Ok(meta) if meta.is_file() => problem(
            report,
            path,
            format!(
                "holds {} bytes; it must be empty (every reserved serial is a name of it): truncate -s 0 it",
                meta.len()
            ),
        ),
        Ok(_) => problem(report, path, "must be an empty file (every reserved serial is a name of it)".to_string()),
        Err(_) => {}
    }
}

fn clean_leftovers(dir: &Path, report: &mut Report) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if name.starts_with(fsx::TEMP_PREFIX) {
            let path = entry.path();
            let removed = if entry.file_type().map(|t| t.is_dir()).unwrap_or(false) {
                fs::remove_dir_all(&path)
            } else {
                fs::remove_file(&path)
            };
            match removed {
                Ok(()) => report.repaired(path.display(), LEFTOVER),
                Err(e) => {
                    problem(report, &path, format!("leftover of an interrupted write that cannot be removed: {e}"))
                }
            }
        }
    }
}

/// Everything the store's owner's, directories 0700 and private keys
/// 0600, all the way down.
fn check_modes(dir: &Path, recurse: bool, report: &mut Report) {
    let Ok(meta) = fs::symlink_metadata(dir) else { return };
    if meta.file_type().is_symlink() {
        problem(report, dir, "is a symbolic link inside the store");
        return;
    }
    let me = rustix::process::geteuid().as_raw();
    if std::os::unix::fs::MetadataExt::uid(&meta) != me {
        problem(
            report,
            dir,
            format!(
                "is owned by user {}, and the store's files must all belong to its owner (user {me})",
                std::os::unix::fs::MetadataExt::uid(&meta)
            ),
        );
    }
    let mode = meta.permissions().mode() & 0o777;
    if meta.is_dir() {
        if mode != fsx::DIR_MODE {
            problem(report, dir, format!("directory mode is {mode:o}, expected 700"));
        }
        let entries = if recurse { fs::read_dir(dir).ok() } else { None };
        if let Some(entries) = entries {
            for e in entries.flatten() {
                check_modes(&e.path(), true, report);
            }
        }
    } else if dir.file_name().is_some_and(|n| n == KEY_PEM) && mode != fsx::KEY_MODE {
        problem(report, dir, format!("private key mode is {mode:o}, expected 600"));
    } else if dir.file_name().is_some_and(|n| n == KEY_PEM) && std::os::unix::fs::MetadataExt::nlink(&meta) > 1 {
        // acmctl never gives a key a second name: one elsewhere is a copy
        // of the key outside the store's protection.
        problem(
            report,
            dir,
            format!(
                "the private key has {} names (hard links); a name outside the store exposes it",
                std::os::unix::fs::MetadataExt::nlink(&meta)
            ),
        );
    } else if mode & 0o022 != 0 {
        problem(report, dir, format!("file mode is {mode:o}; it must not be writable by other users"));
    }
}

fn read_pem_info(path: &Path, report: &mut Report) -> Option<CertInfo> {
    let text = match fsx::read_string(path) {
        Ok(t) => t,
        Err(e) => {
            problem(report, path, e.to_string());
            return None;
        }
    };
    match strict_pem::one(&text, "CERTIFICATE").and_then(|der| CertInfo::from_der(&der)) {
        Ok(i) => Some(i),
        Err(e) => {
            problem(report, path, e.to_string());
            None
        }
    }
}

fn check_chain_file(leaf: &CertInfo, chain_path: &Path, report: &mut Report) {
    let chain = match fsx::read_string(chain_path).map(|t| strict_pem::all(&t, "CERTIFICATE")) {
        Ok(Ok(c)) => c,
        Ok(Err(e)) => return problem(report, chain_path, e.to_string()),
        Err(e) => return problem(report, chain_path, e.to_string()),
    };
    if let Err(e) = check_chain(&leaf.der, &chain) {
        problem(report, chain_path, format!("the chain does not link: {e}"));
    }
}

fn check_key(key_path: &Path, info: &CertInfo, encrypted: bool, report: &mut Report) {
    let text = match fsx::read_string(key_path) {
        Ok(t) => t,
        Err(e) => return problem(report, key_path, e.to_string()),
    };
    if encrypted {
        // Without the passphrase, the most that can be checked is its form.
        if let Err(e) = crate::pki::export::check_encrypted_pem(&text) {
            problem(report, key_path, e.to_string());
        }
        return;
    }
    match strict_pem::one(&text, "PRIVATE KEY").and_then(|_| PrivateKey::parse_pem(&text)) {
        Ok(key) if key.spki_der() == info.spki_der => {}
        Ok(_) => problem(report, key_path, "the private key does not match the certificate"),
        Err(e) => problem(report, key_path, e.to_string()),
    }
}

fn check_authority(
    dir: &Path,
    name: &str,
    region: crate::model::Region,
    report: &mut Report,
) -> Option<AuthorityRecord> {
    let rec: AuthorityRecord = match load_toml(&dir.join(AUTHORITY_FILE)) {
        Ok(r) => r,
        Err(e) => {
            problem(report, &dir.join(AUTHORITY_FILE), e.to_string());
            return None;
        }
    };
    if rec.arn.id().to_string() != name || rec.arn.region() != region {
        report.problem(
            dir.join(AUTHORITY_FILE).display(),
            format!("records ARN {}, which does not match its directory", rec.arn),
        );
    }
    if !rec.has_certificate() {
        // Waiting for its certificate: a key and a CSR for that key.
        check_pending(dir, &rec, report);
        return Some(rec);
    }
    let Some(info) = read_pem_info(&dir.join(CERT_PEM), report) else { return Some(rec) };
    let meta = dir.join(AUTHORITY_FILE);
    if info.serial_colon_hex() != rec.serial {
        problem(
            report,
            &meta,
            format!("serial {} differs from the certificate's {}", rec.serial, info.serial_colon_hex()),
        );
    }
    if rec.not_before != info.not_before || rec.not_after != info.not_after {
        problem(report, &meta, "the validity period differs from the certificate's");
    }
    if info.key_algorithm != Some(rec.key_algorithm) {
        problem(
            report,
            &meta,
            format!("key algorithm {} differs from the certificate's {}", rec.key_algorithm, info.key_description),
        );
    }
    if info.common_name.as_deref() != Some(rec.common_name.as_str()) {
        problem(report, &meta, format!("common name '{}' differs from the certificate's", rec.common_name));
    }
    check_key(&dir.join(KEY_PEM), &info, rec.key_encrypted, report);
    if rec.parent.is_none() && !crate::pki::chain::is_signed_by(&info.der, &info.der) {
        problem(report, &dir.join(CERT_PEM), "the root certificate's self-signature does not verify");
    }
    check_chain_file(&info, &dir.join(CHAIN_PEM), report);
    check_crl(&dir.join(CRL_PEM), &rec, report);
    Some(rec)
}

/// An authority PENDING_CERTIFICATE: its key reads, and its CSR (if it has
/// one) is for that key.
fn check_pending(dir: &Path, rec: &AuthorityRecord, report: &mut Report) {
    let key = match fsx::read_string(&dir.join(KEY_PEM)).map(|t| PrivateKey::from_pem(&t, rec.key_algorithm)) {
        Ok(Ok(k)) => k,
        Ok(Err(e)) => return problem(report, &dir.join(KEY_PEM), e.to_string()),
        Err(e) => return problem(report, &dir.join(KEY_PEM), e.to_string()),
    };
    let csr_path = dir.join(super::CSR_PEM);
    if let Ok(Some(bytes)) = fsx::read_optional(&csr_path) {
        match crate::pki::csr::Csr::from_pem(&String::from_utf8_lossy(&bytes)) {
            Ok(csr) if csr.spki_der == key.spki_der() => {}
            Ok(_) => problem(report, &csr_path, "the CSR is not for the authority's key"),
            Err(e) => problem(report, &csr_path, e.to_string()),
        }
    }
}

/// The CRL lists exactly the certificates the authority's record says it
/// revoked, under the CRL number it records.
fn check_crl(path: &Path, rec: &AuthorityRecord, report: &mut Report) {
    let text = match fsx::read_string(path) {
        Ok(t) => t,
        Err(e) => return problem(report, path, e.to_string()),
    };
    let crl = match crate::pki::inspect::crl_info(&text) {
        Ok(c) => c,
        Err(e) => return problem(report, path, e.to_string()),
    };
    if crl.number != Some(rec.crl_number) {
        let number = crl.number.map_or_else(|| "none".to_string(), |n| n.to_string());
        problem(report, path, format!("CRL number {number} differs from the authority's record ({})", rec.crl_number));
    }
    let listed: HashSet<&str> = crl.revoked_serials.iter().map(String::as_str).collect();
    let recorded: HashSet<&str> = rec.revoked.iter().map(|r| r.serial.as_str()).collect();
    for serial in recorded.difference(&listed) {
        problem(report, path, format!("does not list serial {serial}, which the authority's record says it revoked"));
    }
    for serial in listed.difference(&recorded) {
        problem(report, path, format!("lists serial {serial}, which the authority's record does not say it revoked"));
    }
}

/// A certificate is REVOKED exactly when its authority's record lists its
/// serial, with the same time and reason. `cert revoke` writes the
/// authority first; a crash before the certificate's record leaves the
/// second case, which running the same revoke again completes.
fn check_revocations(
    certificates: &[(CertificateRecord, PathBuf)],
    revocations: &HashMap<String, Vec<Revocation>>,
    report: &mut Report,
) {
    for (rec, path) in certificates {
        let (Some(ca), Some(serial)) = (&rec.authority, &rec.serial) else { continue };
        // An authority that is missing or unreadable is reported on its own.
        let Some(revoked) = revocations.get(&ca.to_string()) else { continue };
        let entry = revoked.iter().find(|r| &r.serial == serial);
        match (rec.status == CertificateStatus::Revoked, entry) {
            (true, None) => problem(
                report,
                path,
                format!("is REVOKED, but authority {ca} has no revocation of serial {serial} on record"),
            ),
            (false, Some(_)) => problem(
                report,
                path,
                format!(
                    "is {}, but authority {ca} records serial {serial} as revoked (run `acmctl cert revoke {}` again to finish)",
                    rec.status, rec.arn
                ),
            ),
            (true, Some(r)) if rec.revoked_at != Some(r.revoked_at) || rec.revocation_reason != Some(r.reason) => {
                problem(report, path, format!("the revocation time or reason differs from authority {ca}'s record"));
            }
            _ => {}
        }
    }
}

fn check_certificate(
    dir: &Path,
    name: &str,
    region: crate::model::Region,
    report: &mut Report,
) -> Option<CertificateRecord> {
    let rec: CertificateRecord = match load_toml(&dir.join(CERTIFICATE_FILE)) {
        Ok(r) => r,
        Err(e) => {
            problem(report, &dir.join(CERTIFICATE_FILE), e.to_string());
            return None;
        }
    };
    if rec.arn.id().to_string() != name || rec.arn.region() != region {
        problem(
            report,
            &dir.join(CERTIFICATE_FILE),
            format!("records ARN {}, which does not match its directory", rec.arn),
        );
    }
    // Versions other than the current one are what a crash between the
    // switch and the removal leaves; they are never read.
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            let n = e.file_name().to_string_lossy().to_string();
            if n.starts_with('v') && n != format!("v{}", rec.version) && fs::remove_dir_all(e.path()).is_ok() {
                report.repaired(e.path().display(), LEFTOVER);
            }
        }
    }
    if rec.version == 0 {
        return Some(rec);
    }
    let v = dir.join(format!("v{}", rec.version));
    let info = read_pem_info(&v.join(CERT_PEM), report)?;
    if rec.serial.as_deref() != Some(info.serial_colon_hex().as_str()) {
        problem(
            report,
            &dir.join(CERTIFICATE_FILE),
            format!("serial {:?} differs from the certificate's {}", rec.serial, info.serial_colon_hex()),
        );
    }
    if rec.not_after != Some(info.not_after) || rec.not_before != Some(info.not_before) {
        problem(report, &dir.join(CERTIFICATE_FILE), "the validity period differs from the certificate's");
    }
    let names = info.acm_names();
    if rec.subject_alternative_names != names || rec.subject_alternative_names.first() != Some(&rec.domain_name) {
        problem(
            report,
            &dir.join(CERTIFICATE_FILE),
            format!("domain names {:?} differ from the certificate's {:?}", rec.subject_alternative_names, names),
        );
    }
    if info.key_algorithm != Some(rec.key_algorithm) {
        problem(
            report,
            &dir.join(CERTIFICATE_FILE),
            format!("key algorithm {} differs from the certificate's {}", rec.key_algorithm, info.key_description),
        );
    }
    check_key(&v.join(KEY_PEM), &info, false, report);
    check_chain_file(&info, &v.join(CHAIN_PEM), report);
    Some(rec)
}

/// The region index must say what the records say. One an interrupted
/// write left stale (a change announced with no outcome, records added or
/// removed behind it) is expected after a crash: it is rebuilt and reported
/// as repaired. One that disagrees otherwise, or is damaged, is a problem
/// (and is rebuilt too). The lock is held.
fn check_index(rs: &RegionStore, records: &HashMap<uuid::Uuid, Summary>, report: &mut Report) -> StoreResult<()> {
    let path = rs.index_path();
    let mut stale = None;
    let ids = index::record_ids(&rs.certificates_dir())?;
    let read = match index::read(&path, rs, ids.len()) {
        // A link or another user's: reported, neither read nor replaced.
        Err(StoreError::Unsafe { reason, .. }) => {
            problem(report, &path, format!("{reason}; the region index was neither read nor rebuilt"));
            return Ok(());
        }
        read => read?,
    };
    let damage = match read {
        Err(Unusable::Missing) => None,
        Err(Unusable::Damaged(why)) => Some(format!("the region index is damaged: {why}")),
        Ok(mut loaded) => {
            let st = index::staleness(&mut loaded, &ids);
            if !st.is_fresh() {
                stale = Some(format!("the region index, which an interrupted write left stale ({})", st.describe()));
            }
            let mut parts = Vec::new();
            // A change announced with no outcome differs by design: it is
            // the stale part, not damage.
            let mut differ: Vec<String> = loaded
                .positions
                .keys()
                .filter(|id| !st.pending.contains(id))
                .filter(|id| {
                    let entry = loaded.get(id).expect("positions name entries");
                    records.get(id).is_some_and(|r| Summary { arn: entry.arn, ..r.clone() } != *entry)
                })
                .map(|id| id.to_string())
                .collect();
            differ.sort();
            if let Some(first) = differ.first() {
                parts.push(format!("{} entries differ from their records (first: certificate {first})", differ.len()));
            }
            (!parts.is_empty()).then(|| format!("the region index disagrees with the records: {}", parts.join("; ")))
        }
    };
    // A record that does not parse is reported above; the index is then
    // left for a later rebuild.
    let rebuilt = rs.rebuild_index_locked().is_ok();
    let fix = if rebuilt {
        "it was rebuilt from the records"
    } else {
        "it could not be rebuilt until the records are repaired"
    };
    if let Some(p) = damage {
        problem(report, &path, format!("{p}; {fix}"));
    } else if let Some(s) = stale {
        if rebuilt {
            report.repaired(path.display(), format!("rebuilt {s}"));
        } else {
            problem(report, &path, format!("{s}; {fix}"));
        }
    }
    Ok(())
}
