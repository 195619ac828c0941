//! The PostgreSQL engine's errors: one sentence each, and a class that
//! says which exit code they deserve (the caller maps it).

use std::time::Duration;

use super::schema::SchemaError;
use super::seal::SealError;
use super::tls::TlsError;
use super::url::{PasswordError, UrlError};

/// What kind of failure an error is, for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    /// Bad input or setup: the URL, a password, TLS or store key file,
    /// a database that is not (or not yet, or no longer) this acmctl's
    /// store. Exit 3.
    InvalidInput,
    /// A lock was not granted in time: exit 6, as the filesystem's lock.
    Busy,
    /// The server could not be reached or refused us, or a statement
    /// failed: exit 1.
    Failure,
}

#[derive(Debug, thiserror::Error)]
pub enum PgError {
    #[error(transparent)]
    Url(#[from] UrlError),
    #[error(transparent)]
    Password(#[from] PasswordError),
    #[error(transparent)]
    Tls(#[from] TlsError),
    #[error(transparent)]
    Seal(#[from] SealError),
    #[error(transparent)]
    Schema(#[from] SchemaError),
    #[error("cannot reach the store's server at {location}: {reason}")]
    Unreachable { location: String, reason: String },
    #[error("the store's server at {location} refused user {user}: {reason}")]
    Auth { location: String, user: String, reason: String },
    #[error(
        "the store's server at {location} asks for a password and none was found: put it in the file named by ACMCTL_DB_PASSWORD_FILE, in PGPASSFILE or in ~/.pgpass"
    )]
    NoPassword { location: String },
    #[error("the TLS connection to the store's server at {location} failed: {reason}")]
    Handshake { location: String, reason: String },
    #[error("the store is busy: a row this command needs stayed locked {}", waited_text(*.waited))]
    Busy { waited: Option<Duration> },
    #[error("the store's database could not {action}: {message}")]
    Db {
        action: &'static str,
        message: String,
        /// The SQLSTATE, when the server sent one.
        code: Option<String>,
        #[source]
        source: postgres::Error,
    },
}

fn waited_text(waited: Option<Duration>) -> String {
    match waited {
        Some(d) => format!("for {} ms (ACMCTL_LOCK_TIMEOUT)", d.as_millis()),
        None => "longer than the lock timeout (ACMCTL_LOCK_TIMEOUT)".into(),
    }
}

/// SQLSTATEs that mean "run the transaction again".
pub const SERIALIZATION_FAILURE: &str = "40001";
pub const DEADLOCK_DETECTED: &str = "40P01";
/// `lock_timeout` expired.
pub const LOCK_NOT_AVAILABLE: &str = "55P03";
pub const UNIQUE_VIOLATION: &str = "23505";
pub const FOREIGN_KEY_VIOLATION: &str = "23503";
pub const CHECK_VIOLATION: &str = "23514";

impl PgError {
    /// A mapper for `map_err` on a statement's result: `.map_err(PgError::db("reserve serials"))`.
    /// A lock time-out becomes [`PgError::Busy`].
    pub fn db(action: &'static str) -> impl Fn(postgres::Error) -> PgError {
        move |source| {
            let code = source.code().map(|c| c.code().to_string());
            if code.as_deref() == Some(LOCK_NOT_AVAILABLE) {
                return PgError::Busy { waited: None };
            }
            PgError::Db { action, message: describe(&source), code, source }
        }
    }

    pub fn class(&self) -> ErrorClass {
        match self {
            PgError::Url(_) | PgError::Password(_) | PgError::Tls(_) | PgError::Schema(_) => ErrorClass::InvalidInput,
            PgError::Seal(SealError::Random { .. }) => ErrorClass::Failure,
            PgError::Seal(_) => ErrorClass::InvalidInput,
            PgError::Busy { .. } => ErrorClass::Busy,
            PgError::Unreachable { .. }
            | PgError::Auth { .. }
            | PgError::NoPassword { .. }
            | PgError::Handshake { .. }
            | PgError::Db { .. } => ErrorClass::Failure,
        }
    }

    /// The SQLSTATE of a failed statement.
    pub fn sqlstate(&self) -> Option<&str> {
        match self {
            PgError::Db { code, .. } => code.as_deref(),
            PgError::Busy { .. } => Some(LOCK_NOT_AVAILABLE),
            _ => None,
        }
    }

    /// Whether the whole transaction should be run again (serialization
    /// failure, deadlock).
    pub fn is_retryable(&self) -> bool {
        matches!(self.sqlstate(), Some(SERIALIZATION_FAILURE | DEADLOCK_DETECTED))
    }

    /// The constraint a failed statement violated, if any.
    pub fn constraint(&self) -> Option<&str> {
        match self {
            PgError::Db { source, .. } => source.as_db_error().and_then(|d| d.constraint()),
            _ => None,
        }
    }
}

/// One line for a client error: the server's message and SQLSTATE, or the
/// client's reason (its kind, then its cause).
pub fn describe(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        let mut s = format!("{} (SQLSTATE {})", db.message(), db.code().code());
        if let Some(detail) = db.detail() {
            s.push_str(": ");
            s.push_str(detail);
        }
        return one_line(&s);
    }
    let mut s = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        let text = cause.to_string();
        if !s.contains(&text) {
            s.push_str(": ");
            s.push_str(&text);
        }
        source = cause.source();
    }
    one_line(&s)
}

pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
