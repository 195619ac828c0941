//! `cert request --manifest FILE`: many private certificates in one process,
//! under one lock, with the syncs gathered (see store/bulk.rs) and the
//! signing spread over every core.

use std::path::Path;

use serde_json::json;

use super::request::{Args, check_names, private_record};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::issuance::{SigningAuthority, apply_info, new_key};
use crate::model::{AuthorityMode, CertificateArn, DomainName};
use crate::output::Output;
use crate::pki::profile::PRIVATE_LEAF_DAYS;
use crate::pki::serial::{plain_hex, random_serial};
use crate::policy::Rule;
use crate::store::records::{CertificateRecord, Material};

/// Certificates signed and stored per transaction: large enough that the
/// syncs are rare, small enough that memory stays flat.
const BATCH: usize = 2048;

/// Reads the manifest: the names of each certificate, by line. Every line
/// is checked before anything is issued.
pub fn parse(path: &Path, text: &str, quota: usize) -> Result<Vec<Vec<String>>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = |e: Error| {
            let mut err = Error::invalid(format!("manifest {} line {}: {}", path.display(), i + 1, e.message));
            err.hint = e.hint;
            err
        };
        let mut names: Vec<DomainName> = Vec::new();
        for word in line.split_whitespace() {
            let name: DomainName = word.parse().map_err(|e| at(Error::invalid(format!("{e}"))))?;
            if !names.contains(&name) {
                names.push(name);
            }
        }
        check_names(&names, quota).map_err(at)?;
        out.push(names.iter().map(|n| n.to_string()).collect());
    }
    if out.is_empty() {
        return Err(Error::invalid(format!("manifest {} names no certificate", path.display()))
            .with_hint("write one certificate per line, its names separated by spaces"));
    }
    Ok(out)
}

pub fn run(ctx: &Context, args: &Args, path: &Path) -> Result<()> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        let message = format!("cannot read manifest {}: {e}", path.display());
        if e.kind() == std::io::ErrorKind::NotFound { Error::not_found(message) } else { Error::invalid(message) }
    })?;
    let lines = parse(path, &text, ctx.config.san_quota())?;
    if !args.key_algorithm.allowed_for_requests() {
        return Err(Error::invalid(format!(
            "key algorithm {} cannot be requested; certificates take RSA_2048, EC_prime256v1 or EC_secp384r1",
            args.key_algorithm
        )));
    }
    let Some(ca_arn) = args.certificate_authority_arn else {
        return Err(Error::invalid(
            "--manifest issues private certificates; name the issuing authority with --certificate-authority-arn",
        ));
    };
    let authority = ctx.authority(&ca_arn, Rule::AuthorityInRegion)?;
    if authority.mode != AuthorityMode::Private {
        return Err(Error::invalid(format!(
            "{ca_arn} is the region's public authority; --manifest issues private certificates only"
        )));
    }
    let passphrase = args.passphrase.read()?;
    let store = ctx.regional()?;
    let _lock = store.lock()?;
    let signer = SigningAuthority::load_with(&store, authority, passphrase.as_ref())?;
    let (now, region, account) = (ctx.now, ctx.region, store.account);
    let mut arns = Vec::with_capacity(lines.len());
    let bar = ctx.ui.progress(lines.len() as u64);
    let sign_batch = |batch: &[Vec<String>]| -> Result<Vec<(CertificateRecord, Material)>> {
        let serials = reserve(&store, &signer, batch.len())?;
        let work: Vec<(&Vec<String>, [u8; 16])> = batch.iter().zip(serials).collect();
        let issue = &|(names, serial): &(&Vec<String>, [u8; 16])| -> Result<(CertificateRecord, Material)> {
            let key = new_key(args.key_algorithm)?;
            let (material, info) = signer.sign_leaf(names, &key, false, PRIVATE_LEAF_DAYS, now, serial)?;
            let arn = CertificateArn::new(region, account);
            let mut record = private_record(arn, (*names).clone(), args, ca_arn, now);
            apply_info(&mut record, &info);
            Ok((record, material))
        };
        let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        let chunk = work.len().div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            let handles: Vec<_> = work
                .chunks(chunk)
                .map(|part| scope.spawn(move || part.iter().map(issue).collect::<Result<Vec<_>>>()))
                .collect();
            let mut items = Vec::with_capacity(work.len());
            for h in handles {
                items.extend(h.join().expect("signing does not panic")?);
            }
            Ok(items)
        })
    };
    // The next batch is signed while this one is written: writing mostly
    // waits on the disk (the file system's sync, then the renames, on one
    // thread), and signing needs only the CPU. Its serials are reserved
    // first and made durable by its own sync, before any of its records is
    // renamed into place.
    let batches: Vec<&[Vec<String>]> = lines.chunks(BATCH).collect();
    std::thread::scope(|scope| -> Result<()> {
        let mut next = Some(scope.spawn(|| sign_batch(batches[0])));
        for i in 0..batches.len() {
            let items = next.take().expect("a batch is being signed").join().expect("signing does not panic")?;
            next = batches.get(i + 1).map(|&batch| scope.spawn(move || sign_batch(batch)));
            store.create_certificates(&items, &signer.record.arn)?;
            arns.extend(items.iter().map(|(r, _)| r.arn.to_string()));
            bar.advance(items.len() as u64);
        }
        Ok(())
    })?;
    drop(bar);
    ctx.ui.status(&format!("Issued {} certificates.", arns.len()));
    let text = arns.join("\n");
    ctx.ui.emit(&Output::new(json!({"CertificateArns": arns}), text));
    Ok(())
}

/// Draws `n` serial numbers that the authority has never used and records
/// them; `create_certificates` makes them durable with the batch.
fn reserve(store: &crate::store::RegionStore, signer: &SigningAuthority, n: usize) -> Result<Vec<[u8; 16]>> {
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let drawn: Vec<[u8; 16]> = (out.len()..n).map(|_| random_serial()).collect();
        let hex: Vec<String> = drawn.iter().map(|s| plain_hex(s)).collect();
        let free = store.reserve_serials(&signer.record.arn, &hex)?;
        out.extend(drawn.into_iter().zip(free).filter(|(_, f)| *f).map(|(s, _)| s));
    }
    Ok(out)
}
