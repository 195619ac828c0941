//! The region lock: every command that writes holds it, so that parallel
//! processes serialise their read-modify-write cycles and lose nothing.

use std::fs::{File, OpenOptions, TryLockError};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

use super::error::{StoreError, StoreResult};
use super::fsx::KEY_MODE;

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Held for as long as it lives; the lock is released with the file.
#[derive(Debug)]
pub struct RegionLock {
    _file: File,
}

fn timeout() -> Duration {
    std::env::var("ACMCTL_LOCK_TIMEOUT")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(Duration::from_secs_f64)
        .unwrap_or(DEFAULT_TIMEOUT)
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

    pub fn acquire(path: &Path) -> StoreResult<RegionLock> {
        let file = open(path)?;
        let limit = timeout();
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
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(KEY_MODE)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
        .map_err(StoreError::io("open lock file", path))
}
