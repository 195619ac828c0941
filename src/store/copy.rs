//! `acmctl store copy SRC DST`: a whole store from one engine to another
//! (a directory to a database and back), through the record-level
//! interface only, then read back and compared record by record.
//!
//! What is copied, per region: every authority (parents first) with its
//! certificate, chain, key (as stored: PBES2 stays PBES2), CRL and CSR;
//! the serials each reserved; the certificates it signed for CSRs; every
//! certificate with its current version's certificate, chain and key; the
//! account's settings. Not copied: earlier versions of renewed
//! certificates (the interface reads only the current one) and idempotency
//! tokens (they last an hour). Certificates go in batches, so that a large
//! store is never all in memory and a database transaction stays short.

use std::collections::{HashMap, HashSet};

use crate::error::{Error, Result};
use crate::model::{AuthorityArn, AuthorityRecord, CertificateArn, Region};
use crate::pki::serial::SERIAL_LEN;
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

/// Copies `src` into `dst`, which must hold nothing yet and be of the same
/// account, then compares every record.
pub fn copy(src: &Store, dst: &Store) -> Result<Copied> {
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
        copy_region(src, dst, region, &mut copied)?;
        verify_region(src, dst, region)?;
        copied.regions += 1;
    }
    Ok(copied)
}

fn copy_region(src: &Store, dst: &Store, region: Region, copied: &mut Copied) -> Result<()> {
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
        tx.save_account_configuration(&config)?;
        Ok(())
    })?;
    copied.authorities += authorities.len();
    copied.serials += authorities.iter().map(|(_, _, s, _)| s.len()).sum::<usize>();
    copied.issued += authorities.iter().map(|(_, _, _, i)| i.len()).sum::<usize>();

    // Certificates, a batch at a time.
    let arns: Vec<CertificateArn> = src.read(region, |tx| Ok(tx.summaries()?))?.into_iter().map(|s| s.arn).collect();
    for batch in arns.chunks(BATCH) {
        let items = src.read(region, |tx| {
            let mut items = Vec::with_capacity(batch.len());
            for arn in batch {
                let Some(rec) = tx.certificate(arn)? else { continue };
                let material = tx.material(&rec)?;
                items.push((rec, material));
            }
            Ok(items)
        })?;
        dst.write(region, |tx| Ok(tx.create_certificates(&items, None)?))?;
        copied.certificates += items.len();
    }
    Ok(())
}

/// Reads both stores back and compares every record and its material.
fn verify_region(src: &Store, dst: &Store, region: Region) -> Result<()> {
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
    for batch in arns.chunks(BATCH) {
        let read = |tx: &mut dyn RegionTx| -> Result<Vec<(serde_json::Value, Option<[String; 3]>)>> {
            let mut out = Vec::new();
            for arn in batch {
                let Some(rec) = tx.certificate(arn)? else {
                    out.push((serde_json::Value::Null, None));
                    continue;
                };
                let m = tx.material(&rec)?.map(|m| [m.certificate_pem, m.chain_pem, m.private_key_pem]);
                out.push((serde_json::to_value(&rec).unwrap_or_default(), m));
            }
            Ok(out)
        };
        let s = src.read(region, read)?;
        let d = dst.read(region, read)?;
        if let Some(i) = (0..s.len()).find(|&i| s[i] != d[i]) {
            return Err(differ(format!("certificate {}", batch[i])));
        }
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

    #[test]
    fn serials_of_the_reserved_form_only() {
        assert_eq!(serial_bytes("0102030405060708090a0b0c0d0e0f10").unwrap()[15], 0x10);
        assert!(serial_bytes("0102").is_none());
        assert!(serial_bytes("zz02030405060708090a0b0c0d0e0f10").is_none());
    }
}
