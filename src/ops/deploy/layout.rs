//! Deployment directories: the certificate, chain and key laid out for a
//! real server, under the names certbot uses.
//!
//! ```text
//! DIR/.versions/N/{cert.pem,chain.pem,fullchain.pem,privkey.pem}
//! DIR/live -> .versions/N
//! DIR/cert.pem -> live/cert.pem   (and chain.pem, fullchain.pem, privkey.pem)
//! DIR/.acmctl-deployment          which target the directory serves, and the versions acmctl wrote
//! ```
//!
//! A new version is written whole in its own directory, then `live` is
//! switched to it by renaming a new symbolic link over the old one. A server
//! that resolves `live` once reads a certificate and a key of the same
//! version, whenever it reloads. The version before the current one is
//! kept for a reader that resolved `live` just before the switch.
//!
//! The directory is the user's: acmctl writes into one it made, one that
//! was empty, or (with `--force`) one that already held other files; it
//! never replaces a file it did not make with a link, and removes only
//! versions it wrote itself.

use std::fs;
use std::os::unix::fs::{MetadataExt, symlink};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::fsx::{self, FILE_MODE, KEY_MODE};
use crate::model::Material;
use crate::store::{StoreError, StoreResult};

pub const CERT: &str = "cert.pem";
pub const CHAIN: &str = "chain.pem";
pub const FULLCHAIN: &str = "fullchain.pem";
pub const PRIVKEY: &str = "privkey.pem";
pub const LIVE: &str = "live";
pub const VERSIONS: &str = ".versions";
/// What acmctl knows of the directory.
pub const MARKER: &str = ".acmctl-deployment";

pub const FILES: [&str; 4] = [CERT, CHAIN, FULLCHAIN, PRIVKEY];

/// `.acmctl-deployment`.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Marker {
    /// The target whose certificate the directory holds.
    target: String,
    /// Version directories acmctl wrote (and so may remove).
    #[serde(default)]
    versions: Vec<u64>,
}

/// How a destination may be used.
#[derive(Clone, Copy, Debug, Default)]
pub struct Claim {
    /// Use a directory that holds files acmctl did not make.
    pub force: bool,
    /// The store records the directory as this target's deployment (a
    /// redeploy): acmctl wrote what is in it, even before it kept a marker.
    pub recorded: bool,
}

/// Why a directory cannot be used, in a sentence.
fn refuse(dir: &Path, reason: impl Into<String>) -> StoreError {
    StoreError::Unsafe { path: dir.to_path_buf(), reason: reason.into() }
}

/// Checks that `dir` may receive `target`'s certificate, without writing:
/// for `--dry-run` and before anything is recorded.
pub fn check(dir: &Path, target: &str, claim: Claim) -> StoreResult<()> {
    let Some(meta) = inspect(dir)? else { return Ok(()) };
    check_owner(dir, &meta)?;
    match read_marker(dir)? {
        Some(m) if m.target != target => Err(refuse(
            dir,
            format!(
                "it holds the deployment of another target ({}); each target needs a directory of its own",
                m.target
            ),
        )),
        Some(_) => Ok(()),
        None => {
            let foreign = entries(dir)?;
            if !foreign.is_empty() && !claim.force && !claim.recorded {
                return Err(refuse(
                    dir,
                    format!(
                        "it already holds files acmctl did not write ({}); choose an empty or new directory, or pass --force to add acmctl's files beside them",
                        foreign.join(", ")
                    ),
                ));
            }
            for name in FILES.iter().chain(&[LIVE]) {
                if foreign.iter().any(|f| f == name) && !is_link(&dir.join(name)) {
                    return Err(refuse(
                        dir,
                        format!(
                            "{name} in it is not a link acmctl made, and acmctl does not replace files it did not make"
                        ),
                    ));
                }
            }
            Ok(())
        }
    }
}

/// Writes `material` into `dir` as a new version and makes it live.
/// Returns the path of the version directory.
pub fn write(dir: &Path, target: &str, material: &Material, claim: Claim) -> StoreResult<PathBuf> {
    check(dir, target, claim)?;
    // A destination given as a link is written where the link leads: the
    // files acmctl writes below it are never reached through a link.
    let resolved;
    let dir = if fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
        resolved = fs::canonicalize(dir).map_err(StoreError::io("resolve", dir))?;
        resolved.as_path()
    } else {
        dir
    };
    if inspect(dir)?.is_none() {
        fsx::ensure_dir(dir)?;
    }
    let versions = dir.join(VERSIONS);
    let mut marker = match read_marker(dir)? {
        Some(m) => m,
        // A deployment made before acmctl kept markers: its versions are acmctl's.
        None if claim.recorded && versions.is_dir() => {
            Marker { target: target.to_string(), versions: numbered(&versions)? }
        }
        None => Marker { target: target.to_string(), versions: Vec::new() },
    };
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
    // Recorded before it goes live, so that it is always acmctl's to remove.
    marker.versions.push(next);
    write_marker(dir, &marker)?;
    replace_link(dir, LIVE, &Path::new(VERSIONS).join(next.to_string()))?;
    for name in FILES {
        let target = Path::new(LIVE).join(name);
        if fs::read_link(dir.join(name)).ok().as_deref() != Some(target.as_path()) {
            replace_link(dir, name, &target)?;
        }
    }
    fsx::sync_dir(dir)?;
    prune(&versions, &mut marker, next, previous)?;
    write_marker(dir, &marker)?;
    Ok(version)
}

fn ensure_newline(pem: &str) -> String {
    if pem.ends_with('\n') { pem.to_string() } else { format!("{pem}\n") }
}

/// The directory's metadata (through a link: a destination given as a link
/// to a directory is the user's own path), or None if it does not exist.
fn inspect(dir: &Path) -> StoreResult<Option<fs::Metadata>> {
    match fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(Some(m)),
        Ok(_) => Err(refuse(dir, "it exists and is not a directory")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::io("inspect", dir)(e)),
    }
}

/// A directory another user owns, or others may write, could be changed
/// under acmctl (or hand a server someone else's key).
fn check_owner(dir: &Path, meta: &fs::Metadata) -> StoreResult<()> {
    let me = rustix::process::geteuid().as_raw();
    if meta.uid() != me {
        return Err(refuse(dir, format!("it is owned by user {} and you are user {me}", meta.uid())));
    }
    if meta.mode() & 0o022 != 0 {
        return Err(refuse(dir, format!("it is writable by other users (mode {:o})", meta.mode() & 0o777)));
    }
    Ok(())
}

fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// The names in `dir` other than acmctl's own bookkeeping.
fn entries(dir: &Path) -> StoreResult<Vec<String>> {
    let mut names = Vec::new();
    for entry in fs::read_dir(dir).map_err(StoreError::io("read directory", dir))? {
        let name = entry.map_err(StoreError::io("read directory", dir))?.file_name().to_string_lossy().into_owned();
        if name != MARKER {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

fn read_marker(dir: &Path) -> StoreResult<Option<Marker>> {
    let path = dir.join(MARKER);
    let Some(bytes) = fsx::read_optional(&path)? else { return Ok(None) };
    let text = String::from_utf8(bytes).map_err(|_| StoreError::corrupt(&path, "not UTF-8 text"))?;
    toml::from_str(&text).map(Some).map_err(|e| StoreError::corrupt(&path, e.message().to_string()))
}

fn write_marker(dir: &Path, marker: &Marker) -> StoreResult<()> {
    let text = toml::to_string(marker).expect("the marker serialises to TOML");
    fsx::write_atomic(&dir.join(MARKER), text.as_bytes(), FILE_MODE)
}

/// Points `dir/name` at `target` in one rename, so that a reader sees the
/// old link or the new one and never no link at all.
fn replace_link(dir: &Path, name: &str, target: &Path) -> StoreResult<()> {
    let path = dir.join(name);
    if let Ok(meta) = fs::symlink_metadata(&path)
        && !meta.file_type().is_symlink()
    {
        return Err(StoreError::corrupt(&path, "expected a link acmctl made, found a file or a directory"));
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

/// Removes the versions acmctl wrote other than the current and the
/// previous one.
fn prune(versions: &Path, marker: &mut Marker, current: u64, previous: Option<u64>) -> StoreResult<()> {
    let mut kept = Vec::new();
    for n in std::mem::take(&mut marker.versions) {
        if n == current || Some(n) == previous {
            kept.push(n);
        } else {
            fsx::remove_dir(&versions.join(n.to_string()))?;
        }
    }
    marker.versions = kept;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TARGET: &str = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/1";

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
            write(&dir, TARGET, &material(&i.to_string()), Claim::default()).unwrap();
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
        assert!(write(&file, TARGET, &material("1"), Claim::default()).is_err());
    }

    #[test]
    fn the_users_files_are_never_replaced_or_pruned() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("tls");
        fs::create_dir(&dir).unwrap();
        fs::write(dir.join("notes.txt"), "mine").unwrap();
        fs::create_dir_all(dir.join(VERSIONS).join("7")).unwrap();
        // Files acmctl did not make: refused without --force.
        let e = write(&dir, TARGET, &material("1"), Claim::default()).unwrap_err();
        assert!(e.to_string().contains("--force"), "{e}");
        // With --force, beside them; the version it did not write stays.
        for i in 1..=3 {
            write(&dir, TARGET, &material(&i.to_string()), Claim { force: true, recorded: i > 1 }).unwrap();
        }
        assert_eq!(fs::read_to_string(dir.join("notes.txt")).unwrap(), "mine");
        assert!(dir.join(VERSIONS).join("7").is_dir(), "a version acmctl did not write is kept");
        // A regular file where a link would go is never replaced.
        let other = tmp.path().join("other");
        fs::create_dir(&other).unwrap();
        fs::write(other.join(PRIVKEY), "the user's key").unwrap();
        let e = write(&other, TARGET, &material("1"), Claim { force: true, recorded: false }).unwrap_err();
        assert!(e.to_string().contains("privkey.pem"), "{e}");
        assert_eq!(fs::read_to_string(other.join(PRIVKEY)).unwrap(), "the user's key");
    }

    #[test]
    fn a_directory_of_another_target_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("tls");
        write(&dir, TARGET, &material("1"), Claim::default()).unwrap();
        let force = Claim { force: true, recorded: false };
        let e = write(&dir, "arn:aws:cloudfront::123456789012:distribution/E1", &material("2"), force).unwrap_err();
        assert!(e.to_string().contains("another target"), "{e}");
        assert_eq!(fs::read_to_string(dir.join(CERT)).unwrap(), "CERT 1\n");
    }

    #[test]
    fn a_directory_others_can_write_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("tls");
        fs::create_dir(&dir).unwrap();
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o777)).unwrap();
        let e = write(&dir, TARGET, &material("1"), Claim::default()).unwrap_err();
        assert!(e.to_string().contains("writable by other users"), "{e}");
        // A deployment made before markers existed is taken over by a redeploy.
        let old = tmp.path().join("old");
        fs::create_dir_all(old.join(VERSIONS).join("1")).unwrap();
        symlink(".versions/1", old.join(LIVE)).unwrap();
        let recorded = Claim { force: false, recorded: true };
        for i in 2..=4 {
            write(&old, TARGET, &material(&i.to_string()), recorded).unwrap();
        }
        assert_eq!(numbered(&old.join(VERSIONS)).unwrap(), [3, 4]);
        // A link to a directory is the user's own path, and is followed.
        let real = tmp.path().join("real");
        fs::create_dir(&real).unwrap();
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write(&link, TARGET, &material("1"), Claim::default()).unwrap();
        assert_eq!(fs::read_to_string(real.join(CERT)).unwrap(), "CERT 1\n");
    }
}
