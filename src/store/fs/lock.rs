//! The region lock: every command that writes holds it, so that parallel
//! processes serialise their read-modify-write cycles and lose nothing.

use std::fs::{File, OpenOptions, TryLockError};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::fsx::{self, KEY_MODE};
use crate::store::{StoreError, StoreResult};

/// Held for as long as it lives; the lock is released with the file.
#[derive(Debug)]
pub struct RegionLock {
    _file: File,
}

impl RegionLock {
    /// The lock if no other process holds it, without waiting.
    pub fn try_acquire(path: &Path) -> StoreResult<Option<RegionLock>> {
        let file = open(path)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(RegionLock { _file: file })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(StoreError::io("lock", path)(e)),
        }
    }

    /// The lock, waiting up to `limit` for another process to release it.
    pub fn acquire(path: &Path, limit: Duration) -> StoreResult<RegionLock> {
        let file = open(path)?;
        let start = Instant::now();
        let mut pause = Duration::from_micros(200);
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(RegionLock { _file: file }),
                Err(TryLockError::WouldBlock) => {}
                Err(TryLockError::Error(e)) => return Err(StoreError::io("lock", path)(e)),
            }
            if start.elapsed() >= limit {
                return Err(StoreError::Busy { path: path.to_path_buf(), waited: start.elapsed() });
            }
            std::thread::sleep(pause);
            pause = (pause * 2).min(Duration::from_millis(20));
        }
    }
}

fn open(path: &Path) -> StoreResult<File> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(KEY_MODE)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
        .map_err(fsx::open_error("open lock file", path))?;
    fsx::check_owner(path, &file.metadata().map_err(StoreError::io("inspect", path))?)?;
    Ok(file)
}
