//! What every command works with: the resolved region, the store, the
//! clock, the config and the `Ui`.

use std::cell::OnceCell;
use std::path::PathBuf;

use time::OffsetDateTime;

use crate::cli::GlobalArgs;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::model::{AuthorityArn, CertificateArn, Region};
use crate::output::Ui;
use crate::policy::{self, Rule};
use crate::store::records::{AuthorityRecord, CertificateRecord};
use crate::store::{RegionStore, Store};

pub struct Context {
    pub ui: Ui,
    pub config: Config,
    pub region: Region,
    pub now: OffsetDateTime,
    store_path: PathBuf,
    store: OnceCell<Store>,
}

/// `--region`, else `ACMCTL_REGION`, `AWS_REGION`, `AWS_DEFAULT_REGION`,
/// else the config file, else us-east-1.
pub fn resolve_region(flag: Option<Region>, env: impl Fn(&str) -> Option<String>, config: &Config) -> Result<Region> {
    if let Some(r) = flag {
        return Ok(r);
    }
    for var in ["ACMCTL_REGION", "AWS_REGION", "AWS_DEFAULT_REGION"] {
        if let Some(value) = env(var).filter(|v| !v.is_empty()) {
            return value.parse().map_err(|e| Error::invalid(format!("{var}: {e}")));
        }
    }
    if let Some(value) = &config.region {
        return value.parse().map_err(|e| Error::invalid(format!("config file region: {e}")));
    }
    Ok(Region::default())
}

pub fn default_store_path() -> Result<PathBuf> {
    directories::ProjectDirs::from("", "", "acmctl").map(|d| d.data_dir().to_path_buf()).ok_or_else(|| {
        Error::failure("cannot find a home directory for the store; pass --store DIR or set ACMCTL_HOME")
    })
}

/// The store directory: --store, else ACMCTL_HOME, else the platform data
/// directory.
pub fn store_path(flag: Option<&std::path::Path>) -> Result<PathBuf> {
    match (flag, std::env::var_os("ACMCTL_HOME")) {
        (Some(p), _) => Ok(p.to_path_buf()),
        (None, Some(home)) if !home.is_empty() => Ok(PathBuf::from(home)),
        (None, _) => default_store_path(),
    }
}

impl Context {
    pub fn new(global: &GlobalArgs) -> Result<Context> {
        let ui = Ui::new(global.output, global.quiet, global.color);
        let config = Config::load()?;
        let region = resolve_region(global.region, |v| std::env::var(v).ok(), &config)?;
        let now = crate::clock::now()?;
        crate::store::lock_timeout_from_env()
            .map_err(|m| Error::invalid(m).with_hint("for example ACMCTL_LOCK_TIMEOUT=5 (seconds; 0 does not wait)"))?;
        let store_path = store_path(global.store.as_deref())?;
        Ok(Context { ui, config, region, now, store_path, store: OnceCell::new() })
    }

    pub fn store(&self) -> Result<&Store> {
        if let Some(s) = self.store.get() {
            return Ok(s);
        }
        let account = match &self.config.account_id {
            Some(a) => Some(a.parse().map_err(|e| Error::invalid(format!("config file account_id: {e}")))?),
            None => None,
        };
        let store = Store::open(&self.store_path, account)?;
        Ok(self.store.get_or_init(|| store))
    }

    /// The current region of the store.
    pub fn regional(&self) -> Result<RegionStore> {
        Ok(self.store()?.region(self.region))
    }

    fn check_account(&self, noun: &str, arn: &dyn std::fmt::Display, account: crate::model::AccountId) -> Result<()> {
        let mine = self.store()?.account();
        if account != mine {
            return Err(Error::not_found(format!(
                "{noun} {arn} belongs to account {account}, and this store is account {mine}"
            )));
        }
        Ok(())
    }

    /// Loads a certificate of the current region, refusing one of another.
    pub fn certificate(&self, arn: &CertificateArn) -> Result<CertificateRecord> {
        policy::check_region("certificate", &arn.to_string(), arn.region(), self.region, Rule::RegionalResource)?;
        self.check_account("certificate", arn, arn.account())?;
        self.regional()?.load_certificate(arn)?.ok_or_else(|| {
            Error::not_found(format!("certificate {arn} does not exist in region {}", self.region))
                .with_hint("'acmctl cert list' shows the certificates of this region")
        })
    }

    /// Loads an authority of the current region, refusing one of another.
    pub fn authority(&self, arn: &AuthorityArn, rule: Rule) -> Result<AuthorityRecord> {
        policy::check_region("certificate authority", &arn.to_string(), arn.region(), self.region, rule)?;
        self.check_account("certificate authority", arn, arn.account())?;
        self.regional()?.load_authority(arn)?.ok_or_else(|| {
            Error::not_found(format!("certificate authority {arn} does not exist in region {}", self.region))
                .with_hint("'acmctl ca list' shows the authorities of this region")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    }

    #[test]
    fn region_precedence() {
        let cfg = Config { region: Some("ap-southeast-2".into()), ..Config::default() };
        let flag: Region = "eu-west-3".parse().unwrap();
        let all = [("ACMCTL_REGION", "eu-west-1"), ("AWS_REGION", "eu-west-2"), ("AWS_DEFAULT_REGION", "us-west-2")];
        assert_eq!(resolve_region(Some(flag), env(&all), &cfg).unwrap(), flag);
        assert_eq!(resolve_region(None, env(&all), &cfg).unwrap().as_str(), "eu-west-1");
        assert_eq!(resolve_region(None, env(&all[1..]), &cfg).unwrap().as_str(), "eu-west-2");
        assert_eq!(resolve_region(None, env(&all[2..]), &cfg).unwrap().as_str(), "us-west-2");
        assert_eq!(resolve_region(None, env(&[]), &cfg).unwrap().as_str(), "ap-southeast-2");
        assert_eq!(resolve_region(None, env(&[]), &Config::default()).unwrap().as_str(), "us-east-1");
        let err = resolve_region(None, env(&[("AWS_REGION", "moon-1")]), &cfg).unwrap_err();
        assert_eq!(err.exit_code(), crate::error::exit::INVALID_INPUT);
        assert!(err.message.contains("AWS_REGION"));
    }
}
