//! `acmctl store copy SRC DST`: a whole store from one engine to another
//! (a directory to a database and back), through the record-level
//! interface only, then read back and compared record by record.
//!
//! What is copied, per region: every authority (parents first) with its
//! certificate, chain, key (as stored: PBES2 stays PBES2), CRL and CSR;
//! the serials each reserved; the certificates it signed for CSRs; every
//! certificate with every version the source keeps (certificate, chain,
//! key, serial); the idempotency tokens remembered within the hour (the
//! longest a token answers), but for those whose certificate is gone; the
//! account's settings.
//!
//! Versions: PostgreSQL keeps each earlier version of a renewed or
//! re-imported certificate; a directory keeps the current one only (it
//! removes the old one when it switches). So a copy to a database takes
//! every version the source has, and a copy to a directory takes the
//! current one and counts the earlier ones it leaves behind. Tokens older
//! than the hour answer nothing and are left behind too.
//!
//! Certificates go in batches, so that a large store is never all in
//! memory and a database transaction stays short.

use std::collections::{HashMap, HashSet};

use time::OffsetDateTime;

use crate::error::{Error, Result};
use crate::model::{
    AccountConfiguration, AuthorityArn, AuthorityRecord, CertificateArn, CertificateVersion, IdempotencyRecord, Region,
};
use crate::pki::serial::SERIAL_LEN;
use crate::policy::IDEMPOTENCY_WINDOW;
use crate::store::{RegionTx, Store};

/// Certificates per transaction.
const BATCH: usize = 500;

/// What was copied.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Copied {
    pub regions: usize,
    pub authorities: usize,
    pub serials: usize,
    pub certificates: usize,
    pub issued: usize,
    /// Earlier versions of renewed or re-imported certificates copied.
    pub earlier_versions: usize,
    /// Earlier versions the destination does not keep (a directory).
    pub earlier_versions_left: usize,
    pub idempotency_tokens: usize,
}

/// Parents before the authorities they signed.
fn parents_first(mut authorities: Vec<AuthorityRecord>) -> Vec<AuthorityRecord> {
    let mut out: Vec<AuthorityRecord> = Vec::with_capacity(authorities.len());
    let mut placed: HashSet<AuthorityArn> = HashSet::new();
    while !authorities.is_empty() {
        let before = authorities.len();
        let (ready, waiting): (Vec<_>, Vec<_>) =
            authorities.into_iter().partition(|a| a.parent.is_none_or(|p| placed.contains(&p) || p == a.arn));
        authorities = waiting;
        for a in ready {
            placed.insert(a.arn);
            out.push(a);
        }
        if authorities.len() == before {
            // A parent that is not in the region: nothing orders the rest.
            out.append(&mut authorities);
        }
    }
    out
}

fn serial_bytes(hex: &str) -> Option<[u8; SERIAL_LEN]> {
    if hex.len() != SERIAL_LEN * 2 {
        return None;
    }
    let mut out = [0u8; SERIAL_LEN];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

/// The tokens of the region that still answer at `now`, but for those
/// whose certificate is gone (they answer nothing, and a database would
/// refuse them).
fn live_tokens(tx: &mut dyn RegionTx, now: OffsetDateTime) -> Result<Vec<IdempotencyRecord>> {
    let mut out = Vec::new();
    for rec in tx.idempotency_records(now - IDEMPOTENCY_WINDOW)? {
        if let Some(arn) = &rec.certificate_arn
            && tx.certificate(arn)?.is_none()
        {
            continue;
        }
        out.push(rec);
    }
    Ok(out)
}

/// Copies `src` into `dst`, which must hold nothing yet and be of the same
/// account, then compares every record. `now` says which idempotency
/// tokens still answer.
pub fn copy(src: &Store, dst: &Store, now: OffsetDateTime) -> Result<Copied> {
    // Every key is read and written: without the store key a read would
    // hand out no key, and the copy would lose them.
    for store in [src, dst] {
        if let Store::Pg(s) = store {
            s.require_keys()?;
        }
    }
    if src.account() != dst.account() {
        return Err(Error::invalid(format!(
            "the destination {} is account {} and the source {} is account {}: ARNs name the account, so a copy keeps it",
            dst.location(),
            dst.account(),
            src.location(),
            src.account()
        ))
        .with_hint(format!(
            "create the destination with account_id = \"{}\" in the config file (or let store copy create it)",
            src.account()
        )));
    }
    let taken = dst.regions()?;
    if !taken.is_empty() {
        return Err(Error::conflict(format!(
            "the destination {} already holds records (regions {}): store copy fills an empty store only",
            dst.location(),
            taken.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ")
        )));
    }
    let mut copied = Copied::default();
    for region in src.regions()? {
        copy_region(src, dst, region, now, &mut copied)?;
        verify_region(src, dst, region, now)?;
        copied.regions += 1;
    }
    Ok(copied)
}

fn copy_region(src: &Store, dst: &Store, region: Region, now: OffsetDateTime, copied: &mut Copied) -> Result<()> {
    // Authorities, their serials and what they signed for CSRs.
    let authorities = src.read(region, |tx| {
        let mut out = Vec::new();
        for a in parents_first(tx.authorities()?) {
            let material = tx.authority_material(&a.arn)?;
            let serials = tx.reserved_serials(&a.arn)?;
            let mut issued = Vec::new();
            for s in &serials {
                if let Some(i) = tx.issued_certificate(&a.arn, s)? {
                    issued.push(i);
                }
            }
            out.push((a, material, serials, issued));
        }
        Ok((out, tx.account_configuration()?))
    })?;
    let (authorities, config) = authorities;
    dst.write(region, |tx| {
        for (a, material, serials, issued) in &authorities {
            tx.create_authority(a, material)?;
            let bytes: Vec<[u8; SERIAL_LEN]> = serials
                .iter()
                .map(|s| {
                    serial_bytes(s).ok_or_else(|| {
                        Error::failure(format!("authority {} reserved a serial of an unexpected form: {s}", a.arn))
                    })
                })
                .collect::<Result<_>>()?;
            tx.reserve_serials(&a.arn, &bytes)?;
            for i in issued {
                tx.create_issued_certificate(i)?;
            }
        }
        // A region that never changed its settings reads the defaults
        // either way; writing them would add a record the source lacks.
        if config != AccountConfiguration::default() {
            tx.save_account_configuration(&config)?;
        }
        Ok(())
    })?;
    copied.authorities += authorities.len();
    copied.serials += authorities.iter().map(|(_, _, s, _)| s.len()).sum::<usize>();
    copied.issued += authorities.iter().map(|(_, _, _, i)| i.len()).sum::<usize>();

    // Certificates, a batch at a time: each created with its current
    // version, then given the earlier ones.
    let keeps_earlier = dst.keeps_earlier_versions();
    let arns: Vec<CertificateArn> = src.read(region, |tx| Ok(tx.summaries()?))?.into_iter().map(|s| s.arn).collect();
    for batch in arns.chunks(BATCH) {
        let (items, earlier) = src.read(region, |tx| {
            let mut items = Vec::with_capacity(batch.len());
            let mut earlier: Vec<(CertificateArn, Vec<CertificateVersion>)> = Vec::new();
            for arn in batch {
                let Some(rec) = tx.certificate(arn)? else { continue };
                let mut versions = tx.versions(&rec)?;
                let current = versions.pop_if(|v| v.version == rec.version).map(|v| v.material);
                if !versions.is_empty() {
                    earlier.push((rec.arn, versions));
                }
                items.push((rec, current));
            }
            Ok((items, earlier))
        })?;
        let n_earlier = earlier.iter().map(|(_, v)| v.len()).sum::<usize>();
        dst.write(region, |tx| {
            tx.create_certificates(&items, None)?;
            if keeps_earlier {
                for (arn, versions) in &earlier {
                    tx.add_earlier_versions(arn, versions)?;
                }
            }
            Ok(())
        })?;
        copied.certificates += items.len();
        if keeps_earlier {
            copied.earlier_versions += n_earlier;
        } else {
            copied.earlier_versions_left += n_earlier;
        }
    }

    // Idempotency tokens, after the certificates they name.
    let tokens = src.read(region, |tx| live_tokens(tx, now))?;
    for batch in tokens.chunks(BATCH) {
        dst.write(region, |tx| batch.iter().try_for_each(|t| Ok(tx.remember(t)?)))?;
    }
    copied.idempotency_tokens += tokens.len();
    Ok(())
}

/// Reads both stores back and compares every record and its material.
fn verify_region(src: &Store, dst: &Store, region: Region, now: OffsetDateTime) -> Result<()> {
    let differ = |what: String| {
        Error::failure(format!("after the copy, {what} differs between {} and {}", src.location(), dst.location()))
            .with_hint("the destination is incomplete: empty it and copy again")
    };
    type AuthoritySnapshot = (serde_json::Value, [String; 5], Vec<String>);
    let authorities = |tx: &mut dyn RegionTx| -> Result<HashMap<AuthorityArn, AuthoritySnapshot>> {
        let mut out = HashMap::new();
        for a in tx.authorities()? {
            let m = tx.authority_material(&a.arn)?;
            let mut serials = tx.reserved_serials(&a.arn)?;
            serials.sort();
            let parts = [m.certificate_pem, m.chain_pem, m.private_key_pem.to_string(), m.crl_pem, m.csr_pem];
            out.insert(a.arn, (serde_json::to_value(&a).unwrap_or_default(), parts, serials));
        }
        Ok(out)
    };
    let a_src = src.read(region, authorities)?;
    let a_dst = dst.read(region, authorities)?;
    for (arn, s) in &a_src {
        if a_dst.get(arn) != Some(s) {
            return Err(differ(format!("authority {arn}")));
        }
    }
    if a_src.len() != a_dst.len() {
        return Err(differ(format!("the number of authorities of {region}")));
    }
    let arns: Vec<CertificateArn> = src.read(region, |tx| Ok(tx.summaries()?))?.into_iter().map(|s| s.arn).collect();
    let n_dst = dst.read(region, |tx| Ok(tx.certificate_count()?))?;
    if n_dst != arns.len() {
        return Err(differ(format!("the number of certificates of {region} ({} and {n_dst})", arns.len())));
    }
    // Each version as both engines keep it (the current one is what
    // `material` hands out), with its own serial and authority. When the
    // destination keeps the current version only, so is the source read.
    let current_only = !dst.keeps_earlier_versions();
    type VersionSnapshot = (u32, Option<AuthorityArn>, Option<String>, [String; 3]);
    type CertificateSnapshot = (serde_json::Value, Option<VersionSnapshot>, Vec<VersionSnapshot>);
    for batch in arns.chunks(BATCH) {
        let read = |tx: &mut dyn RegionTx| -> Result<Vec<CertificateSnapshot>> {
            let mut out = Vec::new();
            for arn in batch {
                let Some(rec) = tx.certificate(arn)? else {
                    out.push((serde_json::Value::Null, None, Vec::new()));
                    continue;
                };
                let mut versions: Vec<VersionSnapshot> = tx
                    .versions(&rec)?
                    .into_iter()
                    .filter(|v| !current_only || v.version == rec.version)
                    .map(|v| {
                        let m = v.material;
                        (v.version, v.authority, v.serial, [m.certificate_pem, m.chain_pem, m.private_key_pem])
                    })
                    .collect();
                let current = versions.pop_if(|v| v.0 == rec.version);
                out.push((serde_json::to_value(&rec).unwrap_or_default(), current, versions));
            }
            Ok(out)
        };
        let s = src.read(region, read)?;
        let d = dst.read(region, read)?;
        if let Some(i) = (0..s.len()).find(|&i| s[i] != d[i]) {
            let what = if (&s[i].0, &s[i].1) == (&d[i].0, &d[i].1) {
                "an earlier version of certificate"
            } else {
                "certificate"
            };
            return Err(differ(format!("{what} {}", batch[i])));
        }
    }
    let tokens = |tx: &mut dyn RegionTx| -> Result<HashMap<String, serde_json::Value>> {
        Ok(live_tokens(tx, now)?
            .into_iter()
            .map(|t| (t.token.clone(), serde_json::to_value(&t).unwrap_or_default()))
            .collect())
    };
    let t_src = src.read(region, tokens)?;
    let t_dst = dst.read(region, tokens)?;
    if let Some(token) = t_src.keys().find(|t| t_src.get(*t) != t_dst.get(*t)) {
        return Err(differ(format!("idempotency token {token}")));
    }
    if t_src.len() != t_dst.len() {
        return Err(differ(format!("the number of idempotency tokens of {region}")));
    }
    let c_src = src.read(region, |tx| Ok(tx.account_configuration()?))?;
    let c_dst = dst.read(region, |tx| Ok(tx.account_configuration()?))?;
    if c_src != c_dst {
        return Err(differ(format!("the account configuration of {region}")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The comparison after a copy finds a destination that differs from
    /// its source: a token that answers otherwise, a token missing, a
    /// certificate's key replaced.
    #[test]
    fn the_verification_finds_what_differs() {
        use crate::model::CertificateArn;
        use crate::ops::Scope;
        use crate::ops::request::request;

        let dir = tempfile::tempdir().unwrap();
        let settings = crate::ops::testing::settings(dir.path());
        let src = Store::open(&settings.store).unwrap();
        let now = OffsetDateTime::now_utc().replace_nanosecond(0).unwrap();
        let region = settings.region;
        let scope = Scope { store: &src, region, now, settings: &settings };
        let ca = crate::ops::testing::private_root(&scope, None).arn;
        let made = |name: &str| -> CertificateArn {
            let input = crate::ops::testing::private_request(name, ca, Some(&name.replace('.', "_")));
            request(&scope, &input).unwrap().arn
        };
        let (a, b) = (made("a.example.com"), made("b.example.com"));
        let dst = Store::open(&crate::store::StoreOptions {
            new_account: Some(src.account()),
            ..crate::store::StoreOptions::dir(dir.path().join("copy"))
        })
        .unwrap();
        let copied = copy(&src, &dst, now).unwrap();
        assert_eq!((copied.certificates, copied.idempotency_tokens), (2, 2));
        verify_region(&src, &dst, region, now).unwrap();

        // A token that names the other certificate.
        let token = dst.read(region, |tx| Ok(tx.idempotency("a_example_com")?)).unwrap().unwrap();
        let wrong = IdempotencyRecord { certificate_arn: Some(b), ..token.clone() };
        dst.write(region, |tx| Ok(tx.remember(&wrong)?)).unwrap();
        let e = verify_region(&src, &dst, region, now).unwrap_err();
        assert!(e.to_string().contains("idempotency token a_example_com differs"), "{e}");
        dst.write(region, |tx| Ok(tx.remember(&token)?)).unwrap();
        verify_region(&src, &dst, region, now).unwrap();

        // A token the destination lacks.
        let tokens = dir.path().join("copy/regions").join(region.as_str()).join("idempotency");
        std::fs::remove_file(tokens.join("b_example_com.toml")).unwrap();
        let e = verify_region(&src, &dst, region, now).unwrap_err();
        assert!(e.to_string().contains("idempotency token b_example_com differs"), "{e}");
        dst.write(
            region,
            |tx| Ok(tx.remember(&src.read(region, |tx| Ok(tx.idempotency("b_example_com")?))?.unwrap())?),
        )
        .unwrap();

        // A certificate whose key is another's.
        let key = |arn: &CertificateArn| {
            dir.path()
                .join("copy/regions")
                .join(region.as_str())
                .join("certificates")
                .join(arn.id().to_string())
                .join("v1/private_key.pem")
        };
        std::fs::copy(key(&b), key(&a)).unwrap();
        let e = verify_region(&src, &dst, region, now).unwrap_err();
        assert!(e.to_string().contains(&format!("certificate {a} differs")), "{e}");
        assert!(e.hint.as_deref().is_some_and(|h| h.contains("empty it and copy again")), "{e:?}");
    }

    #[test]
    fn serials_of_the_reserved_form_only() {
        assert_eq!(serial_bytes("0102030405060708090a0b0c0d0e0f10").unwrap()[15], 0x10);
        assert!(serial_bytes("0102").is_none());
        assert!(serial_bytes("zz02030405060708090a0b0c0d0e0f10").is_none());
    }
}
