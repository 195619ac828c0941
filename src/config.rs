//! The config file: TOML in the platform config directory (or the file
//! `ACMCTL_CONFIG` names).

use std::path::PathBuf;

use serde::Deserialize;

use crate::error::{Error, Result};

pub const DEFAULT_SAN_QUOTA: usize = 10;
pub const MAX_SAN_QUOTA: usize = 100;

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Region used when neither `--region` nor an environment variable names one.
    pub region: Option<String>,
    /// Account id given to a store created from now on.
    pub account_id: Option<String>,
    /// Names per certificate (ACM's quota; 10 by default, at most 100).
    pub san_quota: Option<usize>,
    /// DNS server for validation lookups, HOST:PORT.
    pub nameserver: Option<String>,
    /// SMTP relay for validation email, HOST:PORT.
    pub smtp_relay: Option<String>,
}

pub fn config_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ACMCTL_CONFIG") {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "acmctl").map(|d| d.config_dir().join("config.toml"))
}

impl Config {
    pub fn load() -> Result<Config> {
        let Some(path) = config_path() else { return Ok(Config::default()) };
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(Error::failure(format!("cannot read config file {}: {e}", path.display()))),
        };
        let config: Config = toml::from_str(&text)
            .map_err(|e| Error::invalid(format!("config file {} is invalid: {}", path.display(), e.message())))?;
        if let Some(q) = config.san_quota
            && !(1..=MAX_SAN_QUOTA).contains(&q)
        {
            return Err(Error::invalid(format!(
                "config file {}: san_quota {q} is outside 1 to {MAX_SAN_QUOTA}",
                path.display()
            )));
        }
        Ok(config)
    }

    pub fn san_quota(&self) -> usize {
        self.san_quota.unwrap_or(DEFAULT_SAN_QUOTA)
    }
}
