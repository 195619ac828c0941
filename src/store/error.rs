use std::io;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot {action} {}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{} is damaged: {reason}", path.display())]
    Corrupt { path: PathBuf, reason: String },
    #[error("the store is busy: another acmctl process held the lock {} for {}s", path.display(), waited.as_secs())]
    Busy { path: PathBuf, waited: Duration },
    #[error("refusing to use {}: {reason}", path.display())]
    Unsafe { path: PathBuf, reason: String },
    /// The PostgreSQL engine's errors, one sentence each, with the class
    /// that picks the exit code (store::pg::error).
    #[error("{message}")]
    Pg { message: String, class: crate::store::pg::ErrorClass },
}

impl From<crate::store::pg::PgError> for StoreError {
    fn from(e: crate::store::pg::PgError) -> Self {
        StoreError::Pg { message: e.to_string(), class: e.class() }
    }
}

impl StoreError {
    pub fn io(action: &'static str, path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> StoreError {
        let path = path.into();
        move |source| StoreError::Io { action, path, source }
    }

    pub fn corrupt(path: impl Into<PathBuf>, reason: impl Into<String>) -> StoreError {
        StoreError::Corrupt { path: path.into(), reason: reason.into() }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
