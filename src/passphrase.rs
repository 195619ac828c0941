//! Passphrases come from a file or the environment, never from a prompt:
//! acmctl runs in pipelines, where a prompt would hang. They are wiped
//! from memory when dropped and never printed.

use std::io::Read;
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::pki::export::{MAX_PASSPHRASE, MIN_PASSPHRASE};

/// Unlocks encrypted authority keys when no passphrase file is given.
pub const ENV: &str = "ACMCTL_CA_PASSPHRASE";

/// A passphrase of 4 to 128 bytes, without NUL bytes.
#[derive(Clone)]
pub struct Passphrase(Zeroizing<Vec<u8>>);

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(<redacted>)")
    }
}

impl Passphrase {
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Checks the bytes of a passphrase read from `source` (a file's path,
    /// or the variable's name).
    pub fn new(bytes: Vec<u8>, source: &str) -> Result<Passphrase> {
        let mut bytes = Zeroizing::new(bytes);
        // One trailing newline is what `echo` and editors add.
        if bytes.ends_with(b"\n") {
            bytes.pop();
            if bytes.ends_with(b"\r") {
                bytes.pop();
            }
        }
        if !(MIN_PASSPHRASE..=MAX_PASSPHRASE).contains(&bytes.len()) {
            return Err(Error::invalid(format!(
                "the passphrase in {source} is {} bytes long; it must be {MIN_PASSPHRASE} to {MAX_PASSPHRASE} bytes",
                bytes.len()
            )));
        }
        // A NUL byte cannot be passed to the tools that read the key (openssl
        // stops at it), so a key encrypted with one could not be used.
        if bytes.contains(&0) {
            return Err(Error::invalid(format!("the passphrase in {source} contains a NUL byte")));
        }
        Ok(Passphrase(bytes))
    }
}

/// Reads a passphrase file, never more than the longest passphrase and a
/// line ending: `/dev/zero` or a wrong file is refused, not read to the end.
pub fn from_file(path: &Path) -> Result<Passphrase> {
    let cannot = |e: std::io::Error| Error::invalid(format!("cannot read passphrase file {}: {e}", path.display()));
    let file = std::fs::File::open(path).map_err(cannot)?;
    let limit = (MAX_PASSPHRASE + 2) as u64;
    let mut bytes = Zeroizing::new(Vec::with_capacity(limit as usize + 1));
    file.take(limit + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > limit {
        return Err(Error::invalid(format!(
            "the passphrase file {} holds more than {MAX_PASSPHRASE} bytes; it must hold a passphrase of {MIN_PASSPHRASE} to {MAX_PASSPHRASE} bytes",
            path.display()
        )));
    }
    Passphrase::new(std::mem::take(&mut *bytes), &path.display().to_string())
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
    /// The file if one was named, else ACMCTL_CA_PASSPHRASE (as the
    /// settings read it).
    pub fn read(&self, settings: &crate::settings::Settings) -> Result<Option<Passphrase>> {
        match &self.passphrase_file {
            Some(p) => from_file(p).map(Some),
            None => settings.ca_passphrase(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_newline_and_nul_rules() {
        assert_eq!(Passphrase::new(b"abcd\n".to_vec(), "f").unwrap().as_bytes(), b"abcd");
        assert_eq!(Passphrase::new(b"abcd\r\n".to_vec(), "f").unwrap().as_bytes(), b"abcd");
        assert!(Passphrase::new(b"abc\n".to_vec(), "f").is_err());
        assert!(Passphrase::new(vec![b'x'; 129], "f").is_err());
        assert!(Passphrase::new(vec![b'x'; 128], "f").is_ok());
        let nul = Passphrase::new(b"ab\0cd".to_vec(), "f").unwrap_err();
        assert!(nul.message.contains("NUL"), "{}", nul.message);
        assert_eq!(format!("{:?}", Passphrase::new(b"secret-words".to_vec(), "f").unwrap()), "Passphrase(<redacted>)");
    }

    #[test]
    fn a_file_that_never_ends_is_refused_after_the_limit() {
        let e = from_file(Path::new("/dev/zero")).unwrap_err();
        assert!(e.message.contains("more than 128 bytes"), "{}", e.message);
    }
}
