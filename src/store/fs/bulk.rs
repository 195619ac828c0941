//! Many certificates in one transaction (`cert request --manifest`): the
//! same files as one at a time, with the syncs gathered. Each record is
//! built whole under a temporary name; one `syncfs` makes all of them
//! durable (on a file system whose `syncfs` is not trusted, a sync of each
//! file and directory); then each is renamed into place and the directory
//! is synced once. A crash leaves every record whole or absent (absent ones leave
//! temporaries that `store check` removes), and every record is durable
//! when `create_certificates` returns.

use std::fs;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::Path;

use super::index;
use super::{CERT_PEM, CERTIFICATE_FILE, CHAIN_PEM, KEY_PEM, RegionStore, to_toml};
use crate::fsx::{self, DIR_MODE, FILE_MODE, KEY_MODE};
use crate::model::{AuthorityArn, CertificateRecord, Material, Summary};
use crate::store::{StoreError, StoreResult};

/// Whether the process's umask leaves the store's modes (0700, 0644,
/// 0600) as asked, so that a new file or directory needs no `chmod`. The
/// umask is read, never set: it belongs to the whole process, and `serve`
/// creates files and starts reload commands on other threads while a batch
/// is written. Read once: acmctl never changes it.
fn umask_keeps_modes() -> bool {
    static KEEPS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *KEEPS.get_or_init(|| {
        let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
        let umask =
            status.lines().find_map(|l| l.strip_prefix("Umask:")).and_then(|v| u32::from_str_radix(v.trim(), 8).ok());
        // Unknown (no /proc): state every mode.
        umask.is_some_and(|m| m & (DIR_MODE | FILE_MODE | KEY_MODE) == 0)
    })
}

/// A new file of exactly `mode`.
fn create(path: &Path, bytes: &[u8], mode: u32) -> StoreResult<()> {
    use std::io::Write;
    let mut file = fsx::open_new(path, mode)?;
    if !umask_keeps_modes() {
        file.set_permissions(fs::Permissions::from_mode(mode)).map_err(StoreError::io("set the mode of", path))?;
    }
    file.write_all(bytes).map_err(StoreError::io("write", path))
}

/// A new directory of mode 0700.
fn mkdir(path: &Path) -> StoreResult<()> {
    fs::DirBuilder::new().mode(DIR_MODE).create(path).map_err(StoreError::io("create directory", path))?;
    if !umask_keeps_modes() {
        fs::set_permissions(path, fs::Permissions::from_mode(DIR_MODE))
            .map_err(StoreError::io("set the mode of", path))?;
    }
    Ok(())
}

fn threads() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

impl RegionStore {
    /// Records serial numbers, each a name of the authority's one empty
    /// reservation file (a directory entry, not a new file each). The
    /// `syncfs` of `create_certificates`, or the sync of the serials
    /// directory by `create_issued_certificate`, makes them durable before
    /// any record signed with them is renamed into place: a certificate
    /// exists for others only once its record is visible. Returns, for
    /// each, whether it was free.
    pub fn reserve_serials(&self, arn: &AuthorityArn, serials_hex: &[String]) -> StoreResult<Vec<bool>> {
        let shared = self.reservation_file(arn)?;
        self.link_serials(&self.serials_dir(arn), &shared, serials_hex)
    }

    fn link_serials(&self, dir: &Path, shared: &Path, serials_hex: &[String]) -> StoreResult<Vec<bool>> {
        let mut free = Vec::with_capacity(serials_hex.len());
        for s in serials_hex {
            match fsx::link_shared(shared, b"", FILE_MODE, &dir.join(s)) {
                Ok(()) => free.push(true),
                Err(StoreError::Io { source, .. }) if source.kind() == std::io::ErrorKind::AlreadyExists => {
                    free.push(false)
                }
                Err(e) => return Err(e),
            }
        }
        Ok(free)
    }

    /// Writes new certificate records signed by `issuer` together (the
    /// lock is held); each has its material.
    pub fn create_certificates(
        &self,
        items: &[(CertificateRecord, Option<Material>)],
        issuer: &AuthorityArn,
    ) -> StoreResult<()> {
        let Some(items) = items.iter().map(|(r, m)| m.as_ref().map(|m| (r, m))).collect::<Option<Vec<_>>>() else {
            return Err(StoreError::corrupt(self.certificates_dir(), "a certificate to store has no material"));
        };
        let parent = self.certificates_dir();
        fsx::ensure_dir(&parent)?;
        // Built now, before the new records exist, it costs only what the
        // region holds; after, it would read every new record.
        if !self.index_path().exists() {
            self.rebuild_index_locked()?;
        }
        let Some(&(_, first)) = items.first() else { return Ok(()) };
        let shared_chain = match items.iter().all(|(_, m)| m.chain_pem == first.chain_pem) {
            true => Some(self.issued_chain_file(issuer, &first.chain_pem)?),
            false => None,
        };
        let temp = |rec: &CertificateRecord| parent.join(format!("{}bulk-{}", fsx::TEMP_PREFIX, rec.arn.id()));
        let stage = |&(rec, m): &(&CertificateRecord, &Material)| -> StoreResult<()> {
            debug_assert!(rec.version > 0);
            let dir = temp(rec);
            mkdir(&dir)?;
            let v = dir.join(format!("v{}", rec.version));
            mkdir(&v)?;
            create(&v.join(CERT_PEM), m.certificate_pem.as_bytes(), FILE_MODE)?;
            match &shared_chain {
                Some(chain) => fsx::link_shared(chain, m.chain_pem.as_bytes(), FILE_MODE, &v.join(CHAIN_PEM))?,
                None => create(&v.join(CHAIN_PEM), m.chain_pem.as_bytes(), FILE_MODE)?,
            }
            create(&v.join(KEY_PEM), m.private_key_pem.as_bytes(), KEY_MODE)?;
            create(&dir.join(CERTIFICATE_FILE), to_toml(rec).as_bytes(), FILE_MODE)
        };
        let result = std::thread::scope(|scope| {
            // Creating files waits on the disk more than on the CPU.
            let chunk = items.len().div_ceil(threads() * 2).max(1);
            let handles: Vec<_> =
                items.chunks(chunk).map(|part| scope.spawn(move || part.iter().try_for_each(stage))).collect();
            handles.into_iter().try_for_each(|h| h.join().expect("writing records does not panic"))
        });
        let durable = || match fsx::sync_filesystem(&parent)? {
            true => Ok(()),
            false => {
                items.iter().try_for_each(|&(rec, _)| fsx::sync_tree(&temp(rec)))?;
                fsx::sync_dir(&self.serials_dir(issuer))
            }
        };
        let result = result.and_then(|()| durable()).and_then(|()| {
            for &(rec, _) in &items {
                fsx::rename_new(&temp(rec), &self.certificate_dir(&rec.arn))?;
            }
            fsx::sync_dir(&parent)
        });
        if result.is_err() {
            for &(rec, _) in &items {
                let _ = fs::remove_dir_all(temp(rec));
            }
        }
        result?;
        let lines: String = items.iter().map(|&(rec, _)| index::summary_line(&Summary::of(rec))).collect();
        self.index_append(&lines, false)
    }
}
