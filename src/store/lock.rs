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

/// How long a writer waits for a busy region: `ACMCTL_LOCK_TIMEOUT`
/// seconds, 30 when it is unset or empty. The error is a sentence that
/// names a value that is not a number of seconds.
pub fn timeout_from_env() -> Result<Duration, String> {
    let Some(value) = std::env::var_os("ACMCTL_LOCK_TIMEOUT").filter(|v| !v.is_empty()) else {
        return Ok(DEFAULT_TIMEOUT);
    };
    value
        .to_str()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .and_then(|s| Duration::try_from_secs_f64(s).ok())
        .ok_or_else(|| format!("ACMCTL_LOCK_TIMEOUT '{}' is not a number of seconds", value.to_string_lossy()))
}

/// Checked when the command starts (see `Context::new`); a value that
/// got past that waits the default.
fn timeout() -> Duration {
    timeout_from_env().unwrap_or(DEFAULT_TIMEOUT)
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
