//! The operations: each ACM and ACM Private CA operation, once, for every
//! front end. An operation takes typed input and returns typed output; it
//! checks ACM's rules (`policy`), signs (`pki`) and keeps records (`store`),
//! and prints nothing: the command line and the API render its result.

pub mod account;
pub mod authority;
pub mod certificate;
pub mod deploy;
pub mod events;
pub mod import;
pub mod issue;
pub mod ocsp;
pub mod pca;
pub mod renew;
pub mod request;
pub mod revoke;
pub mod tags;
#[cfg(test)]
pub(crate) mod testing;
pub mod validate;

use time::OffsetDateTime;

use crate::error::{Error, Result};
use crate::model::{AccountId, AuthorityArn, AuthorityRecord, CertificateArn, CertificateRecord, Region};
use crate::policy::{self, Rule};
use crate::settings::Settings;
use crate::store::{RegionTx, Store};

/// What an operation works in: a store, a region of it, the clock, and
/// the settings.
#[derive(Clone, Copy)]
pub struct Scope<'a> {
    pub store: &'a Store,
    pub region: Region,
    pub now: OffsetDateTime,
    pub settings: &'a Settings,
}

impl Scope<'_> {
    pub fn account(&self) -> AccountId {
        self.store.account()
    }

    /// A consistent view of the region.
    pub fn read<T>(&self, f: impl FnOnce(&mut dyn RegionTx) -> Result<T>) -> Result<T> {
        self.store.read(self.region, f)
    }

    /// One write transaction on the region.
    pub fn write<T>(&self, f: impl FnMut(&mut dyn RegionTx) -> Result<T>) -> Result<T> {
        self.store.write(self.region, f)
    }
}

fn check_account(tx: &dyn RegionTx, noun: &str, arn: &dyn std::fmt::Display, account: AccountId) -> Result<()> {
    let mine = tx.account();
    if account != mine {
        return Err(Error::not_found(format!(
            "{noun} {arn} belongs to account {account}, and this store is account {mine}"
        )));
    }
    Ok(())
}

/// A certificate of the transaction's region, refusing one of another
/// region (it exists there, and ACM resources are regional) or account.
pub fn certificate(tx: &mut dyn RegionTx, arn: &CertificateArn) -> Result<CertificateRecord> {
    let region = tx.region();
    policy::check_region("certificate", &arn.to_string(), arn.region(), region, Rule::RegionalResource)?;
    check_account(tx, "certificate", arn, arn.account())?;
    tx.certificate(arn)?.ok_or_else(|| {
        Error::not_found(format!("certificate {arn} does not exist in region {region}"))
            .with_hint("'acmctl cert list' shows the certificates of this region")
    })
}

/// An authority of the transaction's region; one of another region is
/// refused by `rule`.
pub fn authority(tx: &mut dyn RegionTx, arn: &AuthorityArn, rule: Rule) -> Result<AuthorityRecord> {
    let region = tx.region();
    policy::check_region("certificate authority", &arn.to_string(), arn.region(), region, rule)?;
    check_account(tx, "certificate authority", arn, arn.account())?;
    tx.authority(arn)?.ok_or_else(|| {
        Error::not_found(format!("certificate authority {arn} does not exist in region {region}"))
            .with_hint("'acmctl ca list' shows the authorities of this region")
    })
}

/// Runs `f` on `items` on every core, in order: signing is CPU work, and
/// a batch of it should use the whole machine.
pub fn par_map<I: Sync, O: Send>(items: &[I], f: impl Fn(&I) -> Result<O> + Sync) -> Result<Vec<O>> {
    // One item (a single request) asks nothing of the system: finding the
    // parallelism reads the cgroup's files.
    if items.len() < 2 {
        return items.iter().map(&f).collect();
    }
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    if threads == 1 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Result<Vec<_>>>()))
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for h in handles {
            out.extend(h.join().expect("the work of a batch does not panic")?);
        }
        Ok(out)
    })
}
