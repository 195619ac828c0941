//! The config file: TOML in the platform config directory (or the file
//! `ACMCTL_CONFIG` names).

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

pub const DEFAULT_SAN_QUOTA: usize = 10;
pub const MAX_SAN_QUOTA: usize = 100;
/// A config file is a few lines; anything larger is not one.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

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
    /// Seconds a reload command may run before it is stopped.
    pub hook_timeout: Option<u64>,
    /// The issuer domains CAA `issue` records name to let the public
    /// authority issue (default: ACM's, amazon.com and the like).
    pub caa_domains: Option<Vec<String>>,
    /// Expiry events appended to this JSON-lines file.
    pub event_file: Option<PathBuf>,
    /// Expiry events given on stdin to this command (`sh -c`).
    pub event_command: Option<String>,
}

/// `~/.config/acmctl/config.toml` on Linux.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "acmctl").map(|d| d.config_dir().join("config.toml"))
}

impl Config {
    /// Reads the config file at `path`; a missing file is an empty config.
    pub fn load(path: &Path) -> Result<Config> {
        let cannot = |e: std::io::Error| Error::failure(format!("cannot read config file {}: {e}", path.display()));
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(cannot(e)),
        };
        let mut bytes = Vec::new();
        file.take(MAX_CONFIG_BYTES + 1).read_to_end(&mut bytes).map_err(cannot)?;
        if bytes.len() as u64 > MAX_CONFIG_BYTES {
            return Err(Error::invalid(format!(
                "config file {} is larger than {} MiB; it is not a config file",
                path.display(),
                MAX_CONFIG_BYTES >> 20
            )));
        }
        let text = String::from_utf8(bytes)
            .map_err(|_| Error::invalid(format!("config file {} is not UTF-8 text", path.display())))?;
        Self::parse(&text).map_err(|why| Error::invalid(format!("config file {}{why}", path.display())))
    }

    /// The config in `text`, or why it is not one (the end of a sentence
    /// that starts with the file's name).
    pub fn parse(text: &str) -> std::result::Result<Config, String> {
        let config: Config = toml::from_str(text).map_err(|e| format!(" is invalid: {}", e.message()))?;
        if let Some(q) = config.san_quota
            && !(1..=MAX_SAN_QUOTA).contains(&q)
        {
            return Err(format!(": san_quota {q} is outside 1 to {MAX_SAN_QUOTA}"));
        }
        if config.hook_timeout == Some(0) {
            return Err(": hook_timeout must be at least 1 second".into());
        }
        if config.event_file.is_some() && config.event_command.is_some() {
            return Err(": event_file and event_command are both set; expiry events go to one sink".into());
        }
        if let Some(domains) = &config.caa_domains {
            if domains.is_empty() {
                return Err(": caa_domains is empty; leave it out for ACM's (amazon.com, amazontrust.com, awstrust.com, amazonaws.com)".into());
            }
            for d in domains {
                if d.parse::<crate::model::DomainName>().is_err() || d.starts_with("*.") {
                    return Err(format!(": caa_domains entry '{}' is not a domain name", crate::text::escape(d)));
                }
            }
        }
        Ok(config)
    }

    /// The CAA issuer domains, lowercased.
    pub fn caa_domains(&self) -> Vec<String> {
        match &self.caa_domains {
            Some(d) => d.iter().map(|d| d.to_ascii_lowercase()).collect(),
            None => crate::policy::caa::DEFAULT_CAA_DOMAINS.iter().map(|d| d.to_string()).collect(),
        }
    }

    pub fn san_quota(&self) -> usize {
        self.san_quota.unwrap_or(DEFAULT_SAN_QUOTA)
    }
}
