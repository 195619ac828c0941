//! The filesystem engine: plain files, one directory per region, readable
//! with `ls` and `openssl`. Locks, the region index, file syncing and bulk
//! writes are this engine's own business; operations see only `RegionTx`.
//!
//! ```text
//! STORE/store.toml
//! STORE/regions/REGION/lock
//! STORE/regions/REGION/index   (derived; see index.rs)
//! STORE/regions/REGION/authorities/ID/{authority.toml,certificate.pem,chain.pem,private_key.pem,crl.pem,issued-chain.pem,serials/}
//! STORE/regions/REGION/certificates/ID/{certificate.toml,vN/{certificate.pem,chain.pem,private_key.pem}}
//! STORE/regions/REGION/idempotency/TOKEN.toml
//! ```
//!
//! Files that are the same for many records are one file with many names
//! (hard links): each certificate's `vN/chain.pem` is a name of its
//! authority's `issued-chain.pem`, and each reserved serial in `serials/`
//! a name of the empty `serials/.reserved`. Creating a file costs far more
//! than adding a name, and the store never writes a file in place (every
//! change is a new file renamed over the old), so no name changes another.

mod bulk;
pub mod check;
pub mod index;
mod lock;
mod tx;

use std::collections::HashMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{RegionTx, StoreError, StoreOptions, StoreResult};
use crate::error::Result;
use crate::fsx::{self, FILE_MODE, KEY_MODE};
use crate::model::*;
pub use lock::RegionLock;

pub const STORE_FILE: &str = "store.toml";
pub const AUTHORITY_FILE: &str = "authority.toml";
pub const CERTIFICATE_FILE: &str = "certificate.toml";
pub const CERT_PEM: &str = "certificate.pem";
pub const CHAIN_PEM: &str = "chain.pem";
pub const KEY_PEM: &str = "private_key.pem";
pub const CRL_PEM: &str = "crl.pem";
pub const CSR_PEM: &str = "csr.pem";
/// In an authority's directory: the certificates it signed for CSRs.
pub const ISSUED_DIR: &str = "issued";
/// In a region's directory: the account's settings there.
pub const ACCOUNT_FILE: &str = "account.toml";
pub const SERIALS_DIR: &str = "serials";
/// In `serials/`: the one empty file every reserved serial is a name of.
pub const RESERVATION_FILE: &str = ".reserved";
/// In an authority's directory: the chain of the certificates it signs.
pub const ISSUED_CHAIN_PEM: &str = "issued-chain.pem";

/// The version of the layout this acmctl reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// `store.toml`: what the store is.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StoreMeta {
    pub format_version: u32,
    pub account_id: String,
}

impl StoreMeta {
    pub fn account(&self) -> Option<AccountId> {
        self.account_id.parse().ok()
    }
}

/// Appended index lines beyond which the index is rewritten compacted.
const COMPACT_AFTER: u64 = 4 << 20;

pub fn load_toml<T: DeserializeOwned>(path: &Path) -> StoreResult<T> {
    let text = fsx::read_string(path)?;
    toml::from_str(&text).map_err(|e| StoreError::corrupt(path, e.message().to_string()))
}

pub(crate) fn to_toml<T: Serialize>(value: &T) -> String {
    toml::to_string(value).expect("records always serialise to TOML")
}

pub fn save_toml<T: Serialize>(path: &Path, value: &T) -> StoreResult<()> {
    fsx::write_atomic(path, to_toml(value).as_bytes(), FILE_MODE)
}

#[derive(Debug)]
pub struct FsStore {
    root: PathBuf,
    meta: StoreMeta,
    lock_timeout: Duration,
    /// A mutex per region for this process's own writers (serve's
    /// workers), taken before the region's file lock: they queue on it and
    /// are woken as soon as it is free, where on the file lock alone each
    /// polls with growing sleeps (up to 20 ms) while the others write.
    writers: Mutex<HashMap<Region, Arc<Mutex<()>>>>,
}

impl FsStore {
    /// Opens the store at `root`, creating it on first use. A
    /// new store takes `options.new_account` as its account id, or a random
    /// one.
    pub fn open(root: &Path, options: &StoreOptions) -> StoreResult<FsStore> {
        let account = options.new_account;
        fsx::ensure_dir(root)?;
        check_ownership(root)?;
        let meta_path = root.join(STORE_FILE);
        if let Some(bytes) = fsx::read_optional(&meta_path)? {
            return Self::from_meta_bytes(root, options, &meta_path, bytes);
        }
        let meta = StoreMeta {
            format_version: FORMAT_VERSION,
            account_id: account.unwrap_or_else(AccountId::random).to_string(),
        };
        // Two first uses at once must agree on one account id: write a
        // temporary file and link it into place, which fails if another
        // process got there first; then read whichever won.
        let tmp = root.join(format!("{}store-{}", fsx::TEMP_PREFIX, Uuid::new_v4().simple()));
        fsx::write_new(&tmp, to_toml(&meta).as_bytes(), FILE_MODE)?;
        let linked = std::fs::hard_link(&tmp, &meta_path);
        let _ = std::fs::remove_file(&tmp);
        match linked {
            Ok(()) => fsx::sync_dir(root)?,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(StoreError::io("create", &meta_path)(e)),
        }
        let bytes = fsx::read(&meta_path)?;
        Self::from_meta_bytes(root, options, &meta_path, bytes)
    }

    /// Opens the store if there is one, and creates nothing.
    pub fn open_existing(root: &Path, options: &StoreOptions) -> StoreResult<Option<FsStore>> {
        let meta_path = root.join(STORE_FILE);
        let Some(bytes) = fsx::read_optional(&meta_path)? else {
            return Ok(None);
        };
        check_ownership(root)?;
        Self::from_meta_bytes(root, options, &meta_path, bytes).map(Some)
    }

    fn from_meta_bytes(root: &Path, options: &StoreOptions, path: &Path, bytes: Vec<u8>) -> StoreResult<FsStore> {
        let text = String::from_utf8(bytes).map_err(|_| StoreError::corrupt(path, "not UTF-8 text"))?;
        let meta: StoreMeta = toml::from_str(&text).map_err(|e| StoreError::corrupt(path, e.message().to_string()))?;
        if meta.format_version != FORMAT_VERSION {
            return Err(StoreError::corrupt(
                path,
                format!("format version {} is not the supported version {FORMAT_VERSION}", meta.format_version),
            ));
        }
        if meta.account().is_none() {
            return Err(StoreError::corrupt(path, format!("'{}' is not a 12-digit account id", meta.account_id)));
        }
        Ok(FsStore {
            root: root.to_path_buf(),
            meta,
            lock_timeout: options.lock_timeout,
            writers: Mutex::new(HashMap::new()),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where deployments go when no destination is given.
    pub fn deployments_dir(&self) -> PathBuf {
        self.root.join("deployments")
    }

    pub fn account(&self) -> AccountId {
        self.meta.account().expect("checked when the store was opened")
    }

    pub fn region(&self, region: Region) -> RegionStore {
        RegionStore {
            dir: self.root.join("regions").join(region.as_str()),
            region,
            account: self.account(),
            lock_timeout: self.lock_timeout,
            checked: Default::default(),
        }
    }

    /// Regions that have a directory in the store.
    pub fn regions(&self) -> StoreResult<Vec<Region>> {
        Ok(fsx::record_names(&self.root.join("regions"))?.into_iter().filter_map(|n| n.parse().ok()).collect())
    }

    /// Whether `path` (absolute) names something inside the store.
    pub fn contains(&self, path: &Path) -> bool {
        fsx::resolve(path).starts_with(fsx::resolve(&self.root))
    }

    /// A consistent view of `region`, without the lock: every record is
    /// replaced by a rename, so a reader sees each whole.
    pub fn read<T>(&self, region: Region, f: impl FnOnce(&mut dyn RegionTx) -> Result<T>) -> Result<T> {
        let rs = self.region(region);
        let mut tx = tx::FsTx::new(&rs, None);
        f(&mut tx)
    }

    /// A write transaction: the region's lock is held throughout, and
    /// serial reservations still waiting for a sync are synced before the
    /// lock is released.
    pub fn write<T>(&self, region: Region, mut f: impl FnMut(&mut dyn RegionTx) -> Result<T>) -> Result<T> {
        let rs = self.region(region);
        let writers = Arc::clone(self.writers.lock().unwrap_or_else(|p| p.into_inner()).entry(region).or_default());
        // The file lock still decides between processes; a panic in another
        // writer left nothing half-done that this mutex guards.
        let _turn = writers.lock().unwrap_or_else(|p| p.into_inner());
        let lock = rs.lock()?;
        // Certificates are written before their index line: an index that
        // cannot be used (a link, another user's) must stop the writer
        // first, not after a record it then leaves unindexed and unreported.
        fsx::check_not_symlink(&rs.index_path())?;
        let mut tx = tx::FsTx::new(&rs, Some(lock));
        let out = f(&mut tx);
        tx.finish()?;
        out
    }
}

fn check_ownership(root: &Path) -> StoreResult<()> {
    let meta = std::fs::metadata(root).map_err(StoreError::io("inspect", root))?;
    let uid = rustix::process::geteuid().as_raw();
    if meta.uid() != uid {
        return Err(StoreError::Unsafe {
            path: root.to_path_buf(),
            reason: format!("it is owned by user {} and you are user {uid}", meta.uid()),
        });
    }
    if meta.mode() & 0o022 != 0 {
        return Err(StoreError::Unsafe {
            path: root.to_path_buf(),
            reason: format!("it is writable by other users (mode {:o})", meta.mode() & 0o777),
        });
    }
    Ok(())
}

/// One region of the store.
#[derive(Debug, Clone)]
pub struct RegionStore {
    dir: PathBuf,
    pub region: Region,
    pub account: AccountId,
    lock_timeout: Duration,
    /// Directories of the region already found safe (`check_dir`) by this
    /// transaction, so that each is inspected once rather than before
    /// every file read through it (a `cert request` inspected the same
    /// four directories five times over).
    checked: Arc<Mutex<Vec<PathBuf>>>,
}

impl RegionStore {
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Takes the region's write lock, creating the region on first use.
    pub fn lock(&self) -> StoreResult<RegionLock> {
        self.check_path()?;
        if !self.checked(&self.dir) {
            fsx::ensure_dir(&self.dir)?;
        }
        RegionLock::acquire(&self.dir.join("lock"), self.lock_timeout)
    }

    /// Checks each directory from the store's root down to the region:
    /// none may be a link, or another user's. (The root itself is checked
    /// when the store is opened.)
    fn check_path(&self) -> StoreResult<()> {
        if let Some(regions) = self.dir.parent() {
            self.check_dir(regions)?;
        }
        self.check_dir(&self.dir)?;
        Ok(())
    }

    /// Whether `dir` is a directory `check_dir` found safe.
    fn checked(&self, dir: &Path) -> bool {
        self.checked.lock().unwrap_or_else(|p| p.into_inner()).iter().any(|d| d == dir)
    }

    /// `fsx::check_not_symlink` for one of the region's directories, once
    /// per transaction: whether it exists. A directory found safe stays
    /// so while the transaction lasts, since it and every directory above
    /// it are the user's own and no one else may write them, and the
    /// directories this is asked of (`regions/`, the region's, those
    /// `guard` is given: `authorities/`, `certificates/`, `idempotency/`;
    /// an authority's and its `serials/`) are never removed. A
    /// certificate's directory can be, and is checked with
    /// `fsx::check_not_symlink`.
    fn check_dir(&self, dir: &Path) -> StoreResult<bool> {
        if self.checked(dir) {
            return Ok(true);
        }
        let found = fsx::check_not_symlink(dir)?;
        if found.as_ref().is_some_and(std::fs::Metadata::is_dir) {
            self.checked.lock().unwrap_or_else(|p| p.into_inner()).push(dir.to_path_buf());
        }
        Ok(found.is_some())
    }

    /// Refuses a region whose directories are symbolic links or another
    /// user's: reads that went through one would use files outside the store.
    fn guard(&self, records: &Path) -> StoreResult<()> {
        self.check_path()?;
        self.check_dir(records)?;
        Ok(())
    }

    fn record_file(&self, records: &Path, name: &str, file: &str) -> StoreResult<Option<PathBuf>> {
        self.guard(records)?;
        let dir = records.join(name);
        let exists = if records == self.authorities_dir() {
            self.check_dir(&dir)?
        } else {
            fsx::check_not_symlink(&dir)?.is_some()
        };
        Ok(exists.then(|| dir.join(file)))
    }

    pub fn authorities_dir(&self) -> PathBuf {
        self.dir.join("authorities")
    }

    pub fn certificates_dir(&self) -> PathBuf {
        self.dir.join("certificates")
    }

    pub fn authority_dir(&self, arn: &AuthorityArn) -> PathBuf {
        self.authorities_dir().join(arn.id().to_string())
    }

    pub fn certificate_dir(&self, arn: &CertificateArn) -> PathBuf {
        self.certificates_dir().join(arn.id().to_string())
    }

    // ---- authorities ----

    pub fn create_authority(&self, record: &AuthorityRecord, m: &AuthorityMaterial) -> StoreResult<()> {
        let staged = fsx::StagedDir::new(&self.authority_dir(&record.arn))?;
        if record.has_certificate() {
            staged.write(CERT_PEM, m.certificate_pem.as_bytes(), FILE_MODE)?;
            staged.write(CHAIN_PEM, m.chain_pem.as_bytes(), FILE_MODE)?;
            staged.write(CRL_PEM, m.crl_pem.as_bytes(), FILE_MODE)?;
        }
        if !m.csr_pem.is_empty() {
            staged.write(CSR_PEM, m.csr_pem.as_bytes(), FILE_MODE)?;
        }
        staged.write(KEY_PEM, m.private_key_pem.as_bytes(), KEY_MODE)?;
        staged.mkdir(SERIALS_DIR)?;
        staged.write(AUTHORITY_FILE, to_toml(record).as_bytes(), FILE_MODE)?;
        staged.commit()
    }

    pub fn load_authority(&self, arn: &AuthorityArn) -> StoreResult<Option<AuthorityRecord>> {
        match self.record_file(&self.authorities_dir(), &arn.id().to_string(), AUTHORITY_FILE)? {
            Some(path) => load_toml(&path).map(Some),
            None => Ok(None),
        }
    }

    pub fn save_authority(&self, record: &AuthorityRecord) -> StoreResult<()> {
        save_toml(&self.authority_dir(&record.arn).join(AUTHORITY_FILE), record)
    }

    pub fn list_authorities(&self) -> StoreResult<Vec<AuthorityRecord>> {
        let dir = self.authorities_dir();
        // Before the listing: one through a link would be of another directory.
        self.guard(&dir)?;
        let mut out = Vec::new();
        for name in fsx::record_names(&dir)? {
            if let Some(path) = self.record_file(&dir, &name, AUTHORITY_FILE)? {
                out.push(load_toml(&path)?);
            }
        }
        Ok(out)
    }

    pub fn authority_file(&self, arn: &AuthorityArn, name: &str) -> StoreResult<String> {
        self.guard(&self.authorities_dir())?;
        self.check_dir(&self.authority_dir(arn))?;
        fsx::read_string(&self.authority_dir(arn).join(name))
    }

    /// One of an authority's files, `None` where it has none (yet).
    pub fn authority_file_optional(&self, arn: &AuthorityArn, name: &str) -> StoreResult<Option<String>> {
        self.guard(&self.authorities_dir())?;
        self.check_dir(&self.authority_dir(arn))?;
        let path = self.authority_dir(arn).join(name);
        match fsx::read_optional(&path)? {
            Some(bytes) => {
                String::from_utf8(bytes).map(Some).map_err(|_| StoreError::corrupt(&path, "the file is not UTF-8 text"))
            }
            None => Ok(None),
        }
    }

    fn issued_path(&self, issuer: &AuthorityArn, serial_hex: &str) -> PathBuf {
        self.authority_dir(issuer).join(ISSUED_DIR).join(format!("{serial_hex}.toml"))
    }

    /// A certificate the authority signed for a CSR, by its serial (plain hex).
    /// Asked with leading zeros (as `reserved_serials` names them) or
    /// without, it finds the same record.
    pub fn load_issued(&self, issuer: &AuthorityArn, serial_hex: &str) -> StoreResult<Option<IssuedCertificate>> {
        if serial_hex.is_empty() || !serial_hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        let Some(serial_hex) = crate::ops::pca::normal_serial(serial_hex) else { return Ok(None) };
        let serial_hex = serial_hex.as_str();
        self.guard(&self.authorities_dir())?;
        self.check_dir(&self.authority_dir(issuer))?;
        let path = self.issued_path(issuer, serial_hex);
        if let Some(dir) = path.parent() {
            fsx::check_not_symlink(dir)?;
        }
        match fsx::check_not_symlink(&path)? {
            Some(_) => load_toml(&path).map(Some),
            None => Ok(None),
        }
    }

    pub fn save_issued(&self, rec: &IssuedCertificate) -> StoreResult<()> {
        // Named by the serial as a number (no leading zeros): how callers
        // write it, and how `load_issued` is asked.
        let hex = crate::ops::pca::normal_serial(&rec.serial)
            .ok_or_else(|| StoreError::corrupt(self.authority_dir(&rec.authority), "a serial that is not hex"))?;
        let path = self.issued_path(&rec.authority, &hex);
        self.guard(&self.authorities_dir())?;
        self.check_dir(&self.authority_dir(&rec.authority))?;
        fsx::ensure_dir(path.parent().expect("issued certificates live in a directory"))?;
        save_toml(&path, rec)
    }

    /// The authority's private key (0600, as everything else: its own).
    pub fn authority_key(&self, arn: &AuthorityArn) -> StoreResult<zeroize::Zeroizing<String>> {
        self.guard(&self.authorities_dir())?;
        self.check_dir(&self.authority_dir(arn))?;
        fsx::read_private(&self.authority_dir(arn).join(KEY_PEM))
    }

    pub fn write_authority_file(&self, arn: &AuthorityArn, name: &str, bytes: &[u8]) -> StoreResult<()> {
        let mode = if name == KEY_PEM { KEY_MODE } else { FILE_MODE };
        fsx::write_atomic(&self.authority_dir(arn).join(name), bytes, mode)
    }

    pub fn serials_dir(&self, arn: &AuthorityArn) -> PathBuf {
        self.authority_dir(arn).join(SERIALS_DIR)
    }

    /// The empty file that reserved serial numbers are names of, made (and
    /// made durable, so that the names can be) on first use: stores from
    /// before it have none. Its name starts with a dot, so it is never read
    /// as a serial; `store check` keeps it.
    pub(crate) fn reservation_file(&self, arn: &AuthorityArn) -> StoreResult<PathBuf> {
        let dir = self.serials_dir(arn);
        // Every step from the root: a `serials` (or authority) link would
        // put reservations, and the files beside them, outside the store.
        self.guard(&self.authorities_dir())?;
        self.check_dir(&self.authority_dir(arn))?;
        self.check_dir(&dir)?;
        let blank = dir.join(RESERVATION_FILE);
        match fsx::check_not_symlink(&blank)? {
            Some(meta) if meta.is_file() && meta.len() == 0 => return Ok(blank),
            Some(_) => return Err(StoreError::corrupt(&blank, "expected an empty file")),
            None => {}
        }
        fsx::ensure_dir(&dir)?;
        match fsx::write_new(&blank, b"", FILE_MODE) {
            Ok(()) => fsx::sync_dir(&dir).map(|()| blank),
            Err(StoreError::Io { source, .. }) if source.kind() == std::io::ErrorKind::AlreadyExists => Ok(blank),
            Err(e) => Err(e),
        }
    }

    pub fn serial_reserved(&self, arn: &AuthorityArn, serial_hex: &str) -> StoreResult<bool> {
        if serial_hex.is_empty() || !serial_hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(false);
        }
        self.guard(&self.authorities_dir())?;
        self.check_dir(&self.authority_dir(arn))?;
        self.check_dir(&self.serials_dir(arn))?;
        Ok(fsx::check_not_symlink(&self.serials_dir(arn).join(serial_hex))?.is_some())
    }

    pub fn reserved_serials(&self, arn: &AuthorityArn) -> StoreResult<Vec<String>> {
        self.guard(&self.authorities_dir())?;
        self.check_dir(&self.authority_dir(arn))?;
        self.check_dir(&self.serials_dir(arn))?;
        fsx::record_names(&self.serials_dir(arn))
    }

    // ---- certificates ----

    pub fn create_certificate(&self, record: &CertificateRecord, material: Option<&Material>) -> StoreResult<()> {
        self.create_certificate_linking(record, material, None, &[])
    }

    /// A certificate just signed with a serial of `issuer` reserved by
    /// `reserve_serial_unsynced`. The serial's name is synced in the same
    /// round as the record, before the record is renamed into place: a
    /// certificate exists for others only once its record is visible, so a
    /// crash leaves either both durable or no certificate at all (at worst
    /// a reserved serial that nothing uses), never a certificate whose
    /// serial could be drawn again.
    pub fn create_issued_certificate(
        &self,
        record: &CertificateRecord,
        material: &Material,
        issuer: &AuthorityArn,
    ) -> StoreResult<()> {
        let chain = self.issued_chain_file(issuer, &material.chain_pem)?;
        self.create_certificate_linking(record, Some(material), Some(&chain), &[self.serials_dir(issuer)])
    }

    /// The chain every certificate `issuer` signs is served with, kept once
    /// in the authority's directory (`issued-chain.pem`) so that each
    /// certificate's `chain.pem` is another name for it rather than a copy.
    /// Written on first use, and again should it differ from `chain`.
    pub(crate) fn issued_chain_file(&self, issuer: &AuthorityArn, chain: &str) -> StoreResult<PathBuf> {
        let path = self.authority_dir(issuer).join(ISSUED_CHAIN_PEM);
        if fsx::read_optional(&path)?.is_none_or(|b| b != chain.as_bytes()) {
            fsx::write_atomic(&path, chain.as_bytes(), FILE_MODE)?;
        }
        Ok(path)
    }

    /// Writes a new record; its chain is a link to `chain_file` if given,
    /// and the directories `also` are synced with it.
    fn create_certificate_linking(
        &self,
        record: &CertificateRecord,
        material: Option<&Material>,
        chain_file: Option<&Path>,
        also: &[PathBuf],
    ) -> StoreResult<()> {
        let staged = fsx::StagedDir::new(&self.certificate_dir(&record.arn))?;
        if let Some(m) = material {
            debug_assert!(record.version > 0);
            let v = format!("v{}", record.version);
            staged.mkdir(&v)?;
            staged.write(&format!("{v}/{CERT_PEM}"), m.certificate_pem.as_bytes(), FILE_MODE)?;
            match chain_file {
                Some(f) => staged.link(&format!("{v}/{CHAIN_PEM}"), f, m.chain_pem.as_bytes(), FILE_MODE)?,
                None => staged.write(&format!("{v}/{CHAIN_PEM}"), m.chain_pem.as_bytes(), FILE_MODE)?,
            }
            staged.write(&format!("{v}/{KEY_PEM}"), m.private_key_pem.as_bytes(), KEY_MODE)?;
        }
        staged.write(CERTIFICATE_FILE, to_toml(record).as_bytes(), FILE_MODE)?;
        staged.commit_syncing(also)?;
        // A crash before this line is found by the directory listing.
        self.index_append(&index::summary_line(&Summary::of(record)), false)
    }

    pub fn load_certificate(&self, arn: &CertificateArn) -> StoreResult<Option<CertificateRecord>> {
        match self.record_file(&self.certificates_dir(), &arn.id().to_string(), CERTIFICATE_FILE)? {
            Some(path) => load_toml(&path).map(Some),
            None => Ok(None),
        }
    }

    pub fn save_certificate(&self, record: &CertificateRecord) -> StoreResult<()> {
        self.index_append(&index::pending_line(record.arn.id()), true)?;
        save_toml(&self.certificate_dir(&record.arn).join(CERTIFICATE_FILE), record)?;
        self.index_append(&index::summary_line(&Summary::of(record)), false)
    }

    // ---- the region index ----

    /// How many certificates the region holds, from its directory listing.
    pub fn certificate_count(&self) -> StoreResult<usize> {
        Ok(index::record_ids(&self.certificates_dir())?.len())
    }

    pub fn index_path(&self) -> PathBuf {
        self.dir.join(index::INDEX_FILE)
    }

    /// Appends to the index (the lock is held), and compacts it once the
    /// appended lines outweigh the rest.
    pub(crate) fn index_append(&self, lines: &str, sync: bool) -> StoreResult<()> {
        let path = self.index_path();
        match index::append(&path, lines, sync)? {
            index::Appended::Yes => {}
            // The first write to a region (or to a store from before the
            // index) builds it, so that the index keeps the order of
            // creation from then on.
            index::Appended::NoIndex => {
                self.rebuild_index_locked()?;
                return Ok(());
            }
            // An index with another name (a backup made with hard links)
            // is replaced by a new file of its own, so that the other name
            // keeps what it had; the lines follow.
            index::Appended::Shared => {
                self.rebuild_index_locked()?;
                index::append(&path, lines, sync)?;
                return Ok(());
            }
        }
        if sync {
            return Ok(());
        }
        if index::appended_bytes(&path)?.is_some_and(|n| n > COMPACT_AFTER) {
            let (summaries, _) = self.load_summaries()?;
            index::write(&path, &summaries.iter().collect::<Vec<_>>())?;
        }
        Ok(())
    }

    /// A summary of every certificate of the region, from the index where
    /// it is fresh and from the records where it is not (see index.rs).
    /// A repaired index is written back when the lock is free.
    pub fn certificate_summaries(&self) -> StoreResult<Vec<Summary>> {
        self.guard(&self.certificates_dir())?;
        let (summaries, stale) = self.load_summaries()?;
        if !stale || !self.dir.is_dir() {
            return Ok(summaries);
        }
        // The repair is a courtesy to the next reader: a store this process
        // cannot write (read-only, another user's) is still listed.
        let Ok(Some(_lock)) = RegionLock::try_acquire(&self.dir.join("lock")) else {
            return Ok(summaries);
        };
        Ok(self.rebuild_index_locked().unwrap_or(summaries))
    }

    /// Brings the index up to date with the records and writes it (the
    /// lock is held).
    pub fn rebuild_index_locked(&self) -> StoreResult<Vec<Summary>> {
        let (mut summaries, _) = self.load_summaries()?;
        // Records read afresh come in directory order; ties need an order
        // that does not change from one rebuild to the next.
        summaries.sort_by(|a, b| a.created_at.cmp(&b.created_at).then_with(|| a.arn.id().cmp(&b.arn.id())));
        index::write(&self.index_path(), &summaries.iter().collect::<Vec<_>>())?;
        Ok(summaries)
    }

    /// Summaries sorted by creation time, and whether the index needed a repair.
    fn load_summaries(&self) -> StoreResult<(Vec<Summary>, bool)> {
        let ids = index::record_ids(&self.certificates_dir())?;
        let (mut loaded, reload, stale) = match index::read(&self.index_path(), self, ids.len())? {
            Ok(mut loaded) => {
                let st = index::staleness(&mut loaded, &ids);
                let stale = !st.is_fresh() || loaded.appended > COMPACT_AFTER;
                let reload: Vec<_> = st.missing.into_iter().chain(st.pending).collect();
                (loaded, reload, stale)
            }
            Err(_) => (index::Loaded::default(), ids.iter().copied().collect(), true),
        };
        drop(ids);
        for (id, summary) in self.load_summary_records(&reload)? {
            match summary {
                Some(s) => loaded.insert(id, s),
                None => loaded.remove(&id),
            };
        }
        // In the order the index was written, which is the order of
        // creation: the stable sort keeps it among certificates created in
        // the same second, and only checks it otherwise.
        let mut out = loaded.into_summaries();
        out.sort_by_key(|a| a.created_at);
        Ok((out, stale))
    }

    /// Reads records for the index, on every core: a rebuild of a large
    /// region parses every record.
    fn load_summary_records(&self, ids: &[uuid::Uuid]) -> StoreResult<Vec<(uuid::Uuid, Option<Summary>)>> {
        let load = |id: &uuid::Uuid| -> StoreResult<(uuid::Uuid, Option<Summary>)> {
            let dir = self.certificates_dir().join(id.hyphenated().to_string());
            if fsx::check_not_symlink(&dir)?.is_none() {
                return Ok((*id, None));
            }
            let rec: CertificateRecord = load_toml(&dir.join(CERTIFICATE_FILE))?;
            Ok((*id, Some(Summary::of(&rec))))
        };
        let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        if ids.len() < 256 || threads == 1 {
            return ids.iter().map(load).collect();
        }
        let chunk = ids.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let handles: Vec<_> = ids
                .chunks(chunk)
                .map(|part| scope.spawn(move || part.iter().map(load).collect::<StoreResult<Vec<_>>>()))
                .collect();
            let mut out = Vec::with_capacity(ids.len());
            for h in handles {
                out.extend(h.join().expect("record loading does not panic")?);
            }
            Ok(out)
        })
    }

    /// The certificate, chain and key of the record's current version.
    pub fn material(&self, record: &CertificateRecord) -> StoreResult<Option<Material>> {
        if record.version == 0 {
            return Ok(None);
        }
        let dir = self.certificate_dir(&record.arn);
        self.guard(&self.certificates_dir())?;
        fsx::check_not_symlink(&dir)?;
        let v = dir.join(format!("v{}", record.version));
        fsx::check_not_symlink(&v)?;
        let material = Material {
            certificate_pem: fsx::read_string(&v.join(CERT_PEM))?,
            chain_pem: fsx::read_string(&v.join(CHAIN_PEM))?,
            private_key_pem: fsx::read_private(&v.join(KEY_PEM))?.to_string(),
        };
        // Handed out as they are, so damage is caught here rather than by
        // whoever installs them.
        use crate::pki::strict_pem;
        let damaged = |name: &'static str| {
            let path = v.join(name);
            move |e: crate::pki::PkiError| StoreError::corrupt(path, e.to_string())
        };
        strict_pem::one(&material.certificate_pem, "CERTIFICATE").map_err(damaged(CERT_PEM))?;
        strict_pem::all(&material.chain_pem, "CERTIFICATE").map_err(damaged(CHAIN_PEM))?;
        strict_pem::one(&material.private_key_pem, "PRIVATE KEY").map_err(damaged(KEY_PEM))?;
        Ok(Some(material))
    }

    /// Gives `record` new material: the next version is written whole,
    /// then the record is switched to it in one atomic rename, then the
    /// old version is removed. A crash leaves the old or the new state.
    pub fn replace_material(&self, record: &mut CertificateRecord, material: &Material) -> StoreResult<()> {
        self.index_append(&index::pending_line(record.arn.id()), true)?;
        let dir = self.certificate_dir(&record.arn);
        let old = record.version;
        let new = old + 1;
        let staged = fsx::StagedDir::new(&dir.join(format!("v{new}")))?;
        staged.write(CERT_PEM, material.certificate_pem.as_bytes(), FILE_MODE)?;
        staged.write(CHAIN_PEM, material.chain_pem.as_bytes(), FILE_MODE)?;
        staged.write(KEY_PEM, material.private_key_pem.as_bytes(), KEY_MODE)?;
        staged.commit()?;
        record.version = new;
        save_toml(&dir.join(CERTIFICATE_FILE), record)?;
        if old > 0 {
            fsx::remove_dir(&dir.join(format!("v{old}")))?;
        }
        self.index_append(&index::summary_line(&Summary::of(record)), false)
    }

    pub fn delete_certificate(&self, arn: &CertificateArn) -> StoreResult<()> {
        fsx::remove_dir(&self.certificate_dir(arn))?;
        // A crash before this line is found by the directory listing.
        self.index_append(&index::deleted_line(arn.id()), false)
    }

    // ---- the account's settings in the region (`account.toml`) ----

    fn account_path(&self) -> PathBuf {
        self.dir.join(ACCOUNT_FILE)
    }

    pub fn load_account_configuration(&self) -> StoreResult<AccountConfiguration> {
        self.check_path()?;
        let path = self.account_path();
        if fsx::check_not_symlink(&path)?.is_none() {
            return Ok(AccountConfiguration::default());
        }
        load_toml(&path)
    }

    pub fn save_account_configuration(&self, config: &AccountConfiguration) -> StoreResult<()> {
        self.check_path()?;
        save_toml(&self.account_path(), config)
    }

    // ---- idempotency tokens ----

    fn idempotency_path(&self, token: &str) -> PathBuf {
        self.dir.join("idempotency").join(format!("{token}.toml"))
    }

    pub fn load_idempotency(&self, token: &str) -> StoreResult<Option<IdempotencyRecord>> {
        let path = self.idempotency_path(token);
        self.guard(path.parent().expect("token files live in a directory"))?;
        if fsx::check_not_symlink(&path)?.is_none() {
            return Ok(None);
        }
        load_toml(&path).map(Some)
    }

    /// Every token remembered at or after `since`, in order of token.
    pub fn idempotency_records(&self, since: time::OffsetDateTime) -> StoreResult<Vec<IdempotencyRecord>> {
        let dir = self.dir.join("idempotency");
        self.guard(&dir)?;
        let mut out = Vec::new();
        for name in fsx::record_names(&dir)? {
            let Some(token) = name.strip_suffix(".toml") else { continue };
            if let Some(rec) = self.load_idempotency(token)?
                && rec.created_at >= since
            {
                out.push(rec);
            }
        }
        Ok(out)
    }

    pub fn save_idempotency(&self, record: &IdempotencyRecord) -> StoreResult<()> {
        let path = self.idempotency_path(&record.token);
        self.guard(path.parent().expect("token files live in a directory"))?;
        fsx::ensure_dir(path.parent().expect("token files live in a directory"))?;
        save_toml(&path, record)
    }
}
