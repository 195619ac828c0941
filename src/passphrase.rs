//! Passphrases come from a file or the environment, never from a prompt:
//! acmctl runs in pipelines, where a prompt would hang.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::pki::export::{MAX_PASSPHRASE, MIN_PASSPHRASE};
use crate::pki::keys::Zeroizing;

/// Unlocks encrypted authority keys when no passphrase file is given.
pub const ENV: &str = "ACMCTL_CA_PASSPHRASE";

pub type Passphrase = Zeroizing<Vec<u8>>;

fn checked(mut bytes: Vec<u8>, source: &str) -> Result<Passphrase> {
    // One trailing newline is what `echo` and editors add.
    if bytes.ends_with(b"\n") {
        bytes.pop();
        if bytes.ends_with(b"\r") {
            bytes.pop();
        }
    }
    let bytes = Zeroizing(bytes);
    if !(MIN_PASSPHRASE..=MAX_PASSPHRASE).contains(&bytes.0.len()) {
        return Err(Error::invalid(format!(
            "the passphrase in {source} is {} bytes long; it must be {MIN_PASSPHRASE} to {MAX_PASSPHRASE} bytes",
            bytes.0.len()
        )));
    }
    Ok(bytes)
}

pub fn from_file(path: &Path) -> Result<Passphrase> {
    let bytes = std::fs::read(path)
        .map_err(|e| Error::invalid(format!("cannot read passphrase file {}: {e}", path.display())))?;
    checked(bytes, &path.display().to_string())
}

/// ACMCTL_CA_PASSPHRASE, if set and not empty.
pub fn from_env() -> Result<Option<Passphrase>> {
    match std::env::var_os(ENV) {
        Some(v) if !v.is_empty() => {
            use std::os::unix::ffi::OsStringExt;
            checked(v.into_vec(), ENV).map(Some)
        }
        _ => Ok(None),
    }
}

/// The file if one was named, else the environment.
pub fn from_file_or_env(path: Option<&Path>) -> Result<Option<Passphrase>> {
    match path {
        Some(p) => from_file(p).map(Some),
        None => from_env(),
    }
}

/// `--passphrase-file F` of the commands that sign with an authority whose
/// key may be encrypted; they read it the same way.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct PassphraseArg {
    /// File with the passphrase of the authority's encrypted key [env: ACMCTL_CA_PASSPHRASE]
    #[arg(long, value_name = "F")]
    pub passphrase_file: Option<PathBuf>,
}

impl PassphraseArg {
    /// The file if one was named, else the environment.
    pub fn read(&self) -> Result<Option<Passphrase>> {
        from_file_or_env(self.passphrase_file.as_deref())
    }
}
