//! Deployment directories: the certificate, chain and key laid out for a
//! real server, under the names certbot uses.
//!
//! ```text
//! DIR/.versions/N/{cert.pem,chain.pem,fullchain.pem,privkey.pem}
//! DIR/live -> .versions/N
//! DIR/cert.pem -> live/cert.pem   (and chain.pem, fullchain.pem, privkey.pem)
//! ```
//!
//! A new version is written whole in its own directory, then `live` is
//! switched to it by renaming a new symbolic link over the old one. A server
//! that resolves `live` once reads a certificate and a key of the same
//! version, whenever it reloads. The version before the current one is
//! kept for a reader that resolved `live` just before the switch.

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use super::error::{StoreError, StoreResult};
use super::fsx::{self, FILE_MODE, KEY_MODE};
use super::records::Material;

pub const CERT: &str = "cert.pem";
pub const CHAIN: &str = "chain.pem";
pub const FULLCHAIN: &str = "fullchain.pem";
pub const PRIVKEY: &str = "privkey.pem";
pub const LIVE: &str = "live";
pub const VERSIONS: &str = ".versions";

pub const FILES: [&str; 4] = [CERT, CHAIN, FULLCHAIN, PRIVKEY];

/// Writes `material` into `dir` as a new version and makes it live.
/// Returns the path of the version directory.
pub fn write(dir: &Path, material: &Material) -> StoreResult<PathBuf> {
    prepare(dir)?;
    let versions = dir.join(VERSIONS);
    fsx::ensure_dir(&versions)?;
    let previous = live_version(dir);
    let next = numbered(&versions)?.into_iter().max().unwrap_or(0) + 1;
    let version = versions.join(next.to_string());
    let staged = fsx::StagedDir::new(&version)?;
    let fullchain = format!("{}{}", ensure_newline(&material.certificate_pem), material.chain_pem);
    staged.write(CERT, material.certificate_pem.as_bytes(), FILE_MODE)?;
    staged.write(CHAIN, material.chain_pem.as_bytes(), FILE_MODE)?;
    staged.write(FULLCHAIN, fullchain.as_bytes(), FILE_MODE)?;
    staged.write(PRIVKEY, material.private_key_pem.as_bytes(), KEY_MODE)?;
    staged.commit()?;
    replace_link(dir, LIVE, &Path::new(VERSIONS).join(next.to_string()))?;
    for name in FILES {
        let target = Path::new(LIVE).join(name);
        if fs::read_link(dir.join(name)).ok().as_deref() != Some(target.as_path()) {
            replace_link(dir, name, &target)?;
        }
    }
    fsx::sync_dir(dir)?;
    prune(&versions, next, previous)?;
    Ok(version)
}

fn ensure_newline(pem: &str) -> String {
    if pem.ends_with('\n') { pem.to_string() } else { format!("{pem}\n") }
}

/// The destination must be a directory (a link to one is fine: it is the
/// user's own path); it is created, private, when missing.
fn prepare(dir: &Path) -> StoreResult<()> {
    match fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(StoreError::corrupt(dir, "the deployment destination exists and is not a directory")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => fsx::ensure_dir(dir),
        Err(e) => Err(StoreError::io("inspect", dir)(e)),
    }
}

/// Points `dir/name` at `target` in one rename, so that a reader sees the
/// old link or the new one and never no link at all.
fn replace_link(dir: &Path, name: &str, target: &Path) -> StoreResult<()> {
    let path = dir.join(name);
    if let Ok(meta) = fs::symlink_metadata(&path)
        && meta.is_dir()
    {
        return Err(StoreError::corrupt(&path, "expected a file or a link, found a directory"));
    }
    let tmp = dir.join(format!("{}{name}-{}", fsx::TEMP_PREFIX, uuid::Uuid::new_v4().simple()));
    symlink(target, &tmp).map_err(StoreError::io("create link", &tmp))?;
    if let Err(e) = fs::rename(&tmp, &path) {
        let _ = fs::remove_file(&tmp);
        return Err(StoreError::io("replace", &path)(e));
    }
    Ok(())
}

/// The version number `live` points at, if any.
pub fn live_version(dir: &Path) -> Option<u64> {
    let target = fs::read_link(dir.join(LIVE)).ok()?;
    target.file_name()?.to_str()?.parse().ok()
}

fn numbered(versions: &Path) -> StoreResult<Vec<u64>> {
    Ok(fsx::record_names(versions)?.iter().filter_map(|n| n.parse().ok()).collect())
}

fn prune(versions: &Path, current: u64, previous: Option<u64>) -> StoreResult<()> {
    for n in numbered(versions)? {
        if n != current && Some(n) != previous {
            fsx::remove_dir(&versions.join(n.to_string()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn material(tag: &str) -> Material {
        Material {
            certificate_pem: format!("CERT {tag}\n"),
            chain_pem: format!("CHAIN {tag}\n"),
            private_key_pem: format!("KEY {tag}\n"),
        }
    }

    #[test]
    fn versions_switch_and_old_ones_are_pruned() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("tls");
        for i in 1..=4 {
            write(&dir, &material(&i.to_string())).unwrap();
            assert_eq!(fs::read_to_string(dir.join(CERT)).unwrap(), format!("CERT {i}\n"));
            assert_eq!(fs::read_to_string(dir.join(FULLCHAIN)).unwrap(), format!("CERT {i}\nCHAIN {i}\n"));
            let mode = fs::metadata(dir.join(PRIVKEY)).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        assert_eq!(live_version(&dir), Some(4));
        assert_eq!(numbered(&dir.join(VERSIONS)).unwrap().len(), 2, "the live version and the one before");
        let leftovers: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(fsx::TEMP_PREFIX))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn a_file_in_place_of_the_directory_is_an_error() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("f");
        fs::write(&file, "x").unwrap();
        assert!(write(&file, &material("1")).is_err());
    }
}
