//! File primitives for the store: atomic, durable, private, and never
//! following a symbolic link.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::store::{StoreError, StoreResult};

pub const DIR_MODE: u32 = 0o700;
pub const KEY_MODE: u32 = 0o600;
pub const FILE_MODE: u32 = 0o644;

/// Names that interrupted writes leave behind; never read as records.
pub const TEMP_PREFIX: &str = ".tmp-";

pub fn is_temp_name(name: &str) -> bool {
    name.starts_with('.')
}

fn temp_sibling(path: &Path) -> PathBuf {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    path.with_file_name(format!("{TEMP_PREFIX}{name}-{}", uuid::Uuid::new_v4().simple()))
}

/// The user acmctl runs as, who must own everything it reads and writes.
fn me() -> u32 {
    static ME: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *ME.get_or_init(|| rustix::process::geteuid().as_raw())
}

fn symlink_refused(path: &Path) -> StoreError {
    StoreError::Unsafe {
        path: path.to_path_buf(),
        reason: "it is a symbolic link, and acmctl does not follow links inside its store".into(),
    }
}

/// Refuses what another user could have put there or could change: an
/// entry owned by someone else, or writable by group or others. Whoever
/// can write a record could make acmctl run a command or use a key.
pub fn check_owner(path: &Path, meta: &fs::Metadata) -> StoreResult<()> {
    use std::os::unix::fs::MetadataExt;
    if meta.uid() != me() {
        return Err(StoreError::Unsafe {
            path: path.to_path_buf(),
            reason: format!("it is owned by user {} and you are user {}", meta.uid(), me()),
        });
    }
    if meta.mode() & 0o022 != 0 {
        return Err(StoreError::Unsafe {
            path: path.to_path_buf(),
            reason: format!("it is writable by other users (mode {:o})", meta.mode() & 0o777),
        });
    }
    Ok(())
}

/// Inspects an entry of the store without following a link: refuses a
/// symbolic link, and anything another user owns or may write
/// (`check_owner`). `None` if it does not exist.
pub fn check_not_symlink(path: &Path) -> StoreResult<Option<fs::Metadata>> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Err(symlink_refused(path)),
        Ok(meta) => {
            check_owner(path, &meta)?;
            Ok(Some(meta))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::io("inspect", path)(e)),
    }
}

/// An open error, with a link where none may be (O_NOFOLLOW's ELOOP)
/// reported as the refusal it is.
pub fn open_error(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> StoreError {
    move |e| match e.raw_os_error() {
        Some(libc::ELOOP) => symlink_refused(path),
        _ => StoreError::io(action, path)(e),
    }
}

/// Where `path` (absolute) leads once what is missing of it is made, one
/// step at a time as the kernel takes it: each part that exists resolved
/// (links followed), `..` the parent of what was reached, and the parts
/// that do not exist yet (made by `ensure_dir`, then `..` leaves them) as
/// written.
pub fn resolve(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => {
                out.push(name);
                if let Ok(real) = fs::canonicalize(&out) {
                    out = real;
                }
            }
            Component::RootDir | Component::Prefix(_) => out.push(part),
        }
    }
    out
}

/// Creates a directory (and its parents) with mode 0700, whatever the umask.
pub fn ensure_dir(path: &Path) -> StoreResult<()> {
    if let Some(meta) = check_not_symlink(path)? {
        if meta.is_dir() {
            return Ok(());
        }
        return Err(StoreError::corrupt(path, "expected a directory"));
    }
    if let Some(parent) = path.parent() {
        ensure_dir(parent)?;
    }
    match fs::DirBuilder::new().mode(DIR_MODE).create(path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Ok(()),
        Err(e) => return Err(StoreError::io("create directory", path)(e)),
    }
    fs::set_permissions(path, fs::Permissions::from_mode(DIR_MODE)).map_err(StoreError::io("set the mode of", path))?;
    if let Some(parent) = path.parent() {
        sync_dir(parent)?;
    }
    Ok(())
}

pub fn sync_dir(path: &Path) -> StoreResult<()> {
    File::open(path).and_then(|d| d.sync_all()).map_err(StoreError::io("sync directory", path))
}

/// Writes a new file that must not exist yet, synced, with `mode`.
pub fn write_new(path: &Path, bytes: &[u8], mode: u32) -> StoreResult<()> {
    let file = write_new_unsynced(path, bytes, mode)?;
    file.sync_all().map_err(StoreError::io("sync", path))
}

/// Writes a new file that must not exist yet, with `mode`, leaving the sync
/// to the caller (a batch syncs the whole file system once).
pub fn write_new_unsynced(path: &Path, bytes: &[u8], mode: u32) -> StoreResult<fs::File> {
    let mut file = open_new(path, mode)?;
    // The umask may have taken bits away; state the mode exactly.
    file.set_permissions(fs::Permissions::from_mode(mode)).map_err(StoreError::io("set the mode of", path))?;
    file.write_all(bytes).map_err(StoreError::io("write", path))?;
    Ok(file)
}

/// Opens a new file for writing that must not exist yet, never through a
/// link; its mode is `mode` less the umask.
pub fn open_new(path: &Path, mode: u32) -> StoreResult<fs::File> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
        .map_err(StoreError::io("create", path))
}

/// Replaces `path` with `bytes` so that a reader, or a crash, sees either
/// the old file or the new one: a synced temporary file in the same
/// directory, a rename over the old name, then a sync of the directory.
pub fn write_atomic(path: &Path, bytes: &[u8], mode: u32) -> StoreResult<()> {
    check_not_symlink(path)?;
    let tmp = temp_sibling(path);
    if let Err(e) = write_new(&tmp, bytes, mode) {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    if let Err(e) = fs::rename(&tmp, path) {
        let _ = fs::remove_file(&tmp);
        return Err(StoreError::io("replace", path)(e));
    }
    sync_dir(path.parent().expect("store files live in a directory"))
}

/// Another name for `shared`, a file whose bytes `path` is to hold too: a
/// directory entry instead of a new file. The store never writes a file in
/// place (every change is a new file renamed over the old), so no name can
/// change another.
pub fn hard_link(shared: &Path, path: &Path) -> StoreResult<()> {
    fs::hard_link(shared, path).map_err(StoreError::io("create", path))
}

/// Like `hard_link`, for a file of the store that many records name. When
/// it has as many names as the file system allows (65,000 on ext4), it is
/// first replaced by a fresh copy of `bytes` under the same name; the names
/// made so far keep the old file.
pub fn link_shared(shared: &Path, bytes: &[u8], mode: u32, path: &Path) -> StoreResult<()> {
    // Threads that find it full at the same time each put a fresh copy in
    // its place, so the copy one thread was linking to can lose its only
    // name to another's before the link is made (NotFound while the name
    // exists): try again, a few times.
    for _ in 0..8 {
        match fs::hard_link(shared, path) {
            Err(e) if e.raw_os_error() == Some(libc::EMLINK) => write_atomic(shared, bytes, mode)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && shared.exists() => {}
            result => return result.map_err(StoreError::io("create", path)),
        }
    }
    hard_link(shared, path)
}

/// Flushes everything written to the file system that holds `dir`: one
/// call, one flush of the disk's cache, where syncing each new file and
/// directory on its own costs a flush each. Returns false, having synced
/// nothing, on a file system whose `syncfs` is not trusted (see
/// `syncfs_writes_everything`): the caller then syncs its files itself.
pub fn sync_filesystem(dir: &Path) -> StoreResult<bool> {
    let d = File::open(dir).map_err(StoreError::io("open", dir))?;
    if !syncfs_writes_everything(&d) {
        return Ok(false);
    }
    sync_file_system_of(&d, dir).map(|()| true)
}

/// Syncs every file and directory in `dir`, and `dir` itself.
pub fn sync_tree(dir: &Path) -> StoreResult<()> {
    for entry in fs::read_dir(dir).map_err(StoreError::io("read directory", dir))? {
        let path = entry.map_err(StoreError::io("read directory", dir))?.path();
        match check_not_symlink(&path)? {
            Some(meta) if meta.is_dir() => sync_tree(&path)?,
            Some(_) => File::open(&path).and_then(|f| f.sync_all()).map_err(StoreError::io("sync", &path))?,
            None => {}
        }
    }
    sync_dir(dir)
}

/// A directory built under a temporary name and then renamed into place,
/// so that a record appears whole or not at all. Its files and directories
/// are synced together just before the rename (see `sync_together`): one
/// round of syncs in place of one after another.
pub struct StagedDir {
    tmp: PathBuf,
    target: PathBuf,
    done: bool,
    unsynced: std::cell::RefCell<Vec<(File, PathBuf)>>,
}

impl StagedDir {
    pub fn new(target: &Path) -> StoreResult<Self> {
        let tmp = temp_sibling(target);
        ensure_dir(target.parent().expect("records live in a directory"))?;
        fs::DirBuilder::new().mode(DIR_MODE).create(&tmp).map_err(StoreError::io("create directory", &tmp))?;
        let staged =
            StagedDir { tmp: tmp.clone(), target: target.to_path_buf(), done: false, unsynced: Default::default() };
        staged.made_dir(&tmp)?;
        Ok(staged)
    }

    pub fn path(&self) -> &Path {
        &self.tmp
    }

    /// A new file, synced by `commit`.
    pub fn write(&self, relative: &str, bytes: &[u8], mode: u32) -> StoreResult<()> {
        let path = self.file_path(relative)?;
        let file = write_new_unsynced(&path, bytes, mode)?;
        self.unsynced.borrow_mut().push((file, path));
        Ok(())
    }

    /// Another name for `shared`, whose bytes are `bytes` (see
    /// `link_shared`); the name is synced by `commit` with its directory.
    pub fn link(&self, relative: &str, shared: &Path, bytes: &[u8], mode: u32) -> StoreResult<()> {
        link_shared(shared, bytes, mode, &self.file_path(relative)?)
    }

    /// A directory inside the staged one, synced by `commit`.
    pub fn mkdir(&self, relative: &str) -> StoreResult<()> {
        self.mkdir_at(&self.tmp.join(relative))
    }

    fn file_path(&self, relative: &str) -> StoreResult<PathBuf> {
        let path = self.tmp.join(relative);
        let made = |dir: &Path| self.unsynced.borrow().iter().any(|(_, p)| p == dir);
        if let Some(parent) = path.parent().filter(|p| *p != self.tmp && !made(p)) {
            self.mkdir_at(parent)?;
        }
        Ok(path)
    }

    fn mkdir_at(&self, path: &Path) -> StoreResult<()> {
        match fs::DirBuilder::new().mode(DIR_MODE).create(path) {
            Ok(()) => self.made_dir(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            Err(e) => Err(StoreError::io("create directory", path)(e)),
        }
    }

    /// A directory just made: its mode stated exactly, and kept for `commit`.
    fn made_dir(&self, path: &Path) -> StoreResult<()> {
        fs::set_permissions(path, fs::Permissions::from_mode(DIR_MODE))
            .map_err(StoreError::io("set the mode of", path))?;
        let dir = File::open(path).map_err(StoreError::io("open", path))?;
        self.unsynced.borrow_mut().push((dir, path.to_path_buf()));
        Ok(())
    }

    /// Makes the directory visible under its final name. Fails if a record
    /// of that name exists already.
    pub fn commit(self) -> StoreResult<()> {
        self.commit_syncing(&[])
    }

    /// Like `commit`, and also syncs the directories `also` in the same
    /// round, before the record becomes visible.
    pub fn commit_syncing(mut self, also: &[PathBuf]) -> StoreResult<()> {
        let mut items = std::mem::take(&mut *self.unsynced.borrow_mut());
        for path in also {
            items.push((File::open(path).map_err(StoreError::io("open", path))?, path.clone()));
        }
        sync_together(&items)?;
        drop(items);
        rename_new(&self.tmp, &self.target)?;
        self.done = true;
        sync_dir(self.target.parent().expect("records live in a directory"))
    }
}

/// Renames `from` to `to`, which must not exist: a record is never put in
/// place over another. The check and the rename are one step
/// (`RENAME_NOREPLACE`) where the file system offers it.
pub fn rename_new(from: &Path, to: &Path) -> StoreResult<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    let exists = || StoreError::corrupt(to, "a record of this name exists already");
    match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
        Ok(()) => Ok(()),
        Err(Errno::EXIST | Errno::NOTEMPTY) => Err(exists()),
        // A file system without RENAME_NOREPLACE: check, then rename (the
        // store's lock keeps other writers out in between).
        Err(Errno::INVAL | Errno::NOSYS) => {
            if to.exists() {
                return Err(exists());
            }
            fs::rename(from, to).map_err(StoreError::io("move into place", to))
        }
        Err(e) => Err(StoreError::io("move into place", to)(e.into())),
    }
}

/// Makes open files and directories durable, in one of two ways.
///
/// When the kernel holds almost no other written data (see `QUIET_KIB`)
/// and their file system's `syncfs` is trusted (see
/// `syncfs_writes_everything`), one `syncfs` of it: a single pass and a
/// single flush of the disk's cache, ours included. Otherwise each is synced on its own,
/// so that a program writing a lot (a build, a copy) does not hold a
/// certificate up: all in flight at once, as io_uring operations from one
/// thread, or where io_uring is not to be had (an old kernel, a container
/// that forbids it) on a thread each.
pub fn sync_together(items: &[(File, PathBuf)]) -> StoreResult<()> {
    let Some((first, path)) = items.first() else { return Ok(()) };
    let unwritten = meminfo().and_then(|m| unwritten_kib(&m));
    if unwritten.is_some_and(|kib| kib <= QUIET_KIB) && syncfs_writes_everything(first) {
        return sync_file_system_of(first, path);
    }
    sync_each(items)
}

/// Whether `syncfs` on the file system of `file` writes out all it holds.
/// Only local file systems known to do so are trusted with it: on others
/// (a FUSE file system whose server does not implement it, say) it can
/// return at once, having written nothing.
fn syncfs_writes_everything(file: &File) -> bool {
    const XFS: u32 = 0x5846_5342;
    const BTRFS: u32 = 0x9123_683E;
    const F2FS: u32 = 0xF2F5_2010;
    matches!(file_system_magic(file), Some(EXT2_3_4 | XFS | BTRFS | F2FS))
}

const EXT2_3_4: u32 = 0xEF53;

/// The magic number that names the type of `file`'s file system.
fn file_system_magic(file: &File) -> Option<u32> {
    // f_type is signed on some targets; the magic numbers are 32 bits.
    rustix::fs::fstatfs(file).ok().map(|info| info.f_type as u32)
}

/// Below this much written data waiting for a disk (all disks), one
/// `syncfs` is quicker than syncing each file: its cost grows with what
/// else is waiting, where syncing a record's files one by one costs the
/// same whatever else is waiting (measurements in BENCHMARKS.md, "third
/// round").
const QUIET_KIB: u64 = 512;

/// The text of /proc/meminfo, in two reads: the kernel gives its size as
/// 0, so `fs::read_to_string` would read it 32 bytes, then 64, and so on.
fn meminfo() -> Option<String> {
    use rustix::fs::{Mode, OFlags};
    let fd = rustix::fs::open("/proc/meminfo", OFlags::RDONLY | OFlags::CLOEXEC, Mode::empty()).ok()?;
    let mut text = String::with_capacity(8 << 10);
    File::from(fd).take(u64::MAX).read_to_string(&mut text).ok()?;
    Some(text)
}

/// `Dirty` plus `Writeback` of /proc/meminfo, in KiB.
fn unwritten_kib(meminfo: &str) -> Option<u64> {
    let field = |name: &str| {
        meminfo.lines().find_map(|l| l.strip_prefix(name)?.trim().strip_suffix("kB")?.trim().parse::<u64>().ok())
    };
    Some(field("Dirty:")? + field("Writeback:")?)
}

/// `syncfs`, then a sync of `file`. The second writes nothing new but
/// flushes the disk's cache once more: some file systems' `syncfs` flushes
/// it before its last writes are done (ext4 without a journal) or not at
/// all (vfat), and what is synced here must be on the disk before the
/// caller renames anything into place.
fn sync_file_system_of(file: &File, path: &Path) -> StoreResult<()> {
    rustix::fs::syncfs(file).map_err(|e| StoreError::io("sync the file system of", path)(e.into()))?;
    file.sync_all().map_err(StoreError::io("sync", path))
}

/// Syncs each of `items` on its own, all in flight at once, so that one
/// flush of the disk's cache can serve several of them.
fn sync_each(items: &[(File, PathBuf)]) -> StoreResult<()> {
    match sync_with_io_uring(items) {
        Some(result) => result,
        None => sync_on_threads(items),
    }
}

/// `None` if io_uring could not be used; the caller then syncs another way
/// (syncing twice is harmless).
fn sync_with_io_uring(items: &[(File, PathBuf)]) -> Option<StoreResult<()>> {
    use io_uring::{IoUring, opcode, types};
    use std::os::fd::AsRawFd;
    if items.is_empty() {
        return Some(Ok(()));
    }
    let mut ring = IoUring::new(u32::try_from(items.len()).ok()?.next_power_of_two()).ok()?;
    for (i, (file, _)) in items.iter().enumerate() {
        let sync = opcode::Fsync::new(types::Fd(file.as_raw_fd())).build().user_data(i as u64);
        // SAFETY: the descriptor stays open until every operation has
        // completed (waited for below, or by the kernel when the ring is
        // dropped early), and the entry holds no other pointer.
        unsafe { ring.submission().push(&sync) }.ok()?;
    }
    let mut done = 0;
    while done < items.len() {
        ring.submit_and_wait(items.len() - done).ok()?;
        for cqe in ring.completion() {
            done += 1;
            if cqe.result() < 0 {
                let path = &items[cqe.user_data() as usize].1;
                return Some(Err(StoreError::io("sync", path)(std::io::Error::from_raw_os_error(-cqe.result()))));
            }
        }
    }
    Some(Ok(()))
}

fn sync_on_threads(items: &[(File, PathBuf)]) -> StoreResult<()> {
    let sync = |(file, path): &(File, PathBuf)| file.sync_all().map_err(StoreError::io("sync", path));
    let Some((first, rest)) = items.split_first() else { return Ok(()) };
    std::thread::scope(|scope| {
        let mut result = Ok(());
        let mut handles = Vec::new();
        for item in rest {
            // Where no thread can be had, the sync is done here instead.
            match std::thread::Builder::new().spawn_scoped(scope, move || sync(item)) {
                Ok(h) => handles.push(h),
                Err(_) => result = result.and(sync(item)),
            }
        }
        result = result.and(sync(first));
        for h in handles {
            result = result.and(h.join().expect("syncing does not panic"));
        }
        result
    })
}

impl Drop for StagedDir {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Reads a whole file without following a link, refusing one that another
/// user owns or may write; `None` if it is absent.
pub fn read_optional(path: &Path) -> StoreResult<Option<Vec<u8>>> {
    read_checked(path, |_| Ok(()))
}

/// Reads a private key: as `read_string`, and only if no one else may read
/// it either (mode 0600).
pub fn read_private(path: &Path) -> StoreResult<zeroize::Zeroizing<String>> {
    use std::os::unix::fs::MetadataExt;
    let private = |meta: &fs::Metadata| match meta.mode() & 0o077 {
        0 => Ok(()),
        _ => Err(StoreError::Unsafe {
            path: path.to_path_buf(),
            reason: format!(
                "the private key is readable by other users (mode {:o}; it must be 600)",
                meta.mode() & 0o777
            ),
        }),
    };
    let bytes = read_checked(path, private)?.ok_or_else(|| StoreError::corrupt(path, "the file is missing"))?;
    let bytes = zeroize::Zeroizing::new(bytes);
    match std::str::from_utf8(&bytes) {
        Ok(text) => Ok(zeroize::Zeroizing::new(text.to_string())),
        Err(_) => Err(StoreError::corrupt(path, "the file is not UTF-8 text")),
    }
}

/// Opens `path` without following a link, checks what was opened
/// (`check_owner`, then `check`) and reads it whole: an open, a `fstat`
/// and the reads, where `std::fs::read` also asks the size and position
/// again, and musl's `open` adds a `fcntl`. `None` if it is absent.
fn read_checked(path: &Path, check: impl FnOnce(&fs::Metadata) -> StoreResult<()>) -> StoreResult<Option<Vec<u8>>> {
    use rustix::fs::{Mode, OFlags};
    let fd = match rustix::fs::open(path, OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC, Mode::empty()) {
        Ok(fd) => fd,
        Err(rustix::io::Errno::NOENT) => return Ok(None),
        Err(e) => return Err(open_error("open", path)(e.into())),
    };
    let file = File::from(fd);
    let meta = file.metadata().map_err(StoreError::io("inspect", path))?;
    check_owner(path, &meta)?;
    check(&meta)?;
    // Room for one byte more than the file holds, so that the end is
    // found by a read that returns nothing rather than by a growing buffer.
    let mut buf = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    (&file).take(u64::MAX).read_to_end(&mut buf).map_err(StoreError::io("read", path))?;
    Ok(Some(buf))
}

pub fn read(path: &Path) -> StoreResult<Vec<u8>> {
    read_optional(path)?.ok_or_else(|| StoreError::corrupt(path, "the file is missing"))
}

pub fn read_string(path: &Path) -> StoreResult<String> {
    String::from_utf8(read(path)?).map_err(|_| StoreError::corrupt(path, "the file is not UTF-8 text"))
}

/// Removes a record directory: first renamed away, so that it disappears
/// at once, then deleted.
pub fn remove_dir(path: &Path) -> StoreResult<()> {
    let trash = temp_sibling(path);
    fs::rename(path, &trash).map_err(StoreError::io("remove", path))?;
    sync_dir(path.parent().expect("records live in a directory"))?;
    fs::remove_dir_all(&trash).map_err(StoreError::io("remove", &trash))
}

/// Names of the entries of `dir` that are records (not temporaries).
pub fn record_names(dir: &Path) -> StoreResult<Vec<String>> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::io("read directory", dir)(e)),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(StoreError::io("read directory", dir))?;
        if let Some(name) = entry.file_name().to_str()
            && !is_temp_name(name)
        {
            names.push(name.to_string());
        }
    }
    names.sort();
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    fn pipe() -> File {
        let (reader, _writer) = rustix::pipe::pipe().unwrap();
        File::from(reader)
    }

    #[test]
    fn files_and_directories_sync_together_and_a_failure_names_its_path() {
        let dir = tempfile::tempdir().unwrap();
        let mut items = Vec::new();
        for name in ["a.pem", "b.pem", "c.toml"] {
            let path = dir.path().join(name);
            items.push((write_new_unsynced(&path, b"bytes", FILE_MODE).unwrap(), path));
        }
        items.push((File::open(dir.path()).unwrap(), dir.path().to_path_buf()));
        sync_together(&items).unwrap();
        sync_each(&items).unwrap();
        sync_on_threads(&items).unwrap();
        sync_file_system_of(&items[0].0, &items[0].1).unwrap();
        // A pipe's file system is not one whose syncfs is trusted.
        assert!(!syncfs_writes_everything(&pipe()));
        // Where the kernel offers io_uring (None where it does not).
        let with_io_uring = |items: &[(File, PathBuf)]| sync_with_io_uring(items);
        with_io_uring(&items).unwrap_or(Ok(())).unwrap();
        // A pipe cannot be synced (EINVAL): the error says which path.
        items.insert(1, (pipe(), PathBuf::from("/the/pipe")));
        let failures = [Some(sync_each(&items)), Some(sync_on_threads(&items)), with_io_uring(&items)];
        for result in failures.into_iter().flatten() {
            let message = result.unwrap_err().to_string();
            assert!(message.contains("/the/pipe"), "{message}");
        }
    }

    #[test]
    fn a_shared_file_with_as_many_names_as_allowed_is_replaced_and_old_names_keep_theirs() {
        let dir = tempfile::tempdir().unwrap();
        let shared = dir.path().join("shared");
        write_new(&shared, b"chain", FILE_MODE).unwrap();
        // ext4 allows a file 65,000 names; 70,000 go past that.
        let name = |i: usize| dir.path().join(format!("n{i}"));
        for i in 0..70_000 {
            link_shared(&shared, b"chain", FILE_MODE, &name(i)).unwrap();
        }
        for i in [0, 64_998, 64_999, 69_999] {
            assert_eq!(fs::read(name(i)).unwrap(), b"chain");
        }
        let (first, last) = (fs::metadata(name(0)).unwrap(), fs::metadata(name(69_999)).unwrap());
        assert_eq!(first.nlink() + last.nlink(), 70_000 + 1, "every name counted, and the shared one");
        if file_system_magic(&File::open(dir.path()).unwrap()) == Some(EXT2_3_4) {
            assert_ne!(first.ino(), last.ino(), "on ext4 the shared file was replaced");
            assert_eq!(first.mode() & 0o777, FILE_MODE);
            assert_eq!(last.mode() & 0o777, FILE_MODE);
        }
    }

    #[test]
    fn threads_that_fill_a_shared_file_at_once_lose_no_name() {
        let dir = tempfile::tempdir().unwrap();
        let shared = dir.path().join("shared");
        write_new(&shared, b"chain", FILE_MODE).unwrap();
        // 80,000 names from eight threads: past ext4's 65,000 they race to
        // replace the shared file.
        let failures = std::sync::Mutex::new(Vec::new());
        std::thread::scope(|scope| {
            for t in 0..8 {
                let (shared, failures, dir) = (&shared, &failures, dir.path());
                scope.spawn(move || {
                    for i in 0..10_000 {
                        if let Err(e) = link_shared(shared, b"chain", FILE_MODE, &dir.join(format!("t{t}-{i}"))) {
                            failures.lock().unwrap().push(e.to_string());
                        }
                    }
                });
            }
        });
        let failures = failures.into_inner().unwrap();
        assert!(failures.is_empty(), "{} names not made: {:?}", failures.len(), &failures[..failures.len().min(3)]);
        for (t, i) in [(0, 0), (3, 9_999), (7, 5_000)] {
            assert_eq!(fs::read(dir.path().join(format!("t{t}-{i}"))).unwrap(), b"chain");
        }
    }

    #[test]
    fn a_record_is_never_renamed_over_another() {
        let dir = tempfile::tempdir().unwrap();
        let (staged, target) = (dir.path().join(".tmp-a"), dir.path().join("a"));
        fs::create_dir(&staged).unwrap();
        fs::write(staged.join("certificate.toml"), "new").unwrap();
        for existing in ["empty", "full"] {
            fs::create_dir(&target).unwrap();
            if existing == "full" {
                fs::write(target.join("certificate.toml"), "old").unwrap();
            }
            let err = rename_new(&staged, &target).unwrap_err();
            assert!(err.to_string().contains("exists already"), "{existing}: {err}");
            assert_eq!(
                fs::read_to_string(staged.join("certificate.toml")).unwrap(),
                "new",
                "{existing}: staged left alone"
            );
            fs::remove_dir_all(&target).unwrap();
        }
        rename_new(&staged, &target).unwrap();
        assert_eq!(fs::read_to_string(target.join("certificate.toml")).unwrap(), "new");
        assert!(!staged.exists());
    }

    #[test]
    fn a_path_resolves_as_the_kernel_will_take_it_once_made() {
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        fs::create_dir_all(root.join("store/regions")).unwrap();
        fs::create_dir(root.join("store/deployments")).unwrap();
        std::os::unix::fs::symlink(root.join("store/regions"), root.join("store/deployments/link")).unwrap();
        std::os::unix::fs::symlink(root.join("store"), root.join("outside")).unwrap();
        for (path, leads_to) in [
            ("store/deployments/web", "store/deployments/web"),
            ("store/deployments/../regions/x", "store/regions/x"),
            ("store/deployments/link/x", "store/regions/x"),
            ("store/deployments/new/../../regions/x", "store/regions/x"),
            ("outside/deployments/./web", "store/deployments/web"),
            ("store/deployments/link/../deployments", "store/deployments"),
        ] {
            assert_eq!(resolve(&root.join(path)), root.join(leads_to), "{path}");
        }
    }

    #[test]
    fn the_data_waiting_for_a_disk_is_read_from_meminfo() {
        let meminfo =
            "MemTotal:       24684548 kB\nDirty:               132 kB\nWriteback:            12 kB\nAnonPages: 1 kB\n";
        assert_eq!(unwritten_kib(meminfo), Some(144));
        assert!(unwritten_kib(meminfo).unwrap() <= QUIET_KIB);
        assert_eq!(unwritten_kib("Dirty:  9000 kB\nWriteback:  0 kB\n"), Some(9000));
        // Anything unexpected means "not known", and each file is synced.
        for text in ["", "Dirty: 5 kB\n", "Dirty: many kB\nWriteback: 0 kB\n", "Dirty: 5 MB\nWriteback: 0 kB\n"] {
            assert_eq!(unwritten_kib(text), None, "{text:?}");
        }
    }
}
