//! One connection to the store's server, and transactions on it.
//!
//! acmctl opens one connection per command (a pooler such as PgBouncer in
//! session mode may sit in between). [`PgConn::connect`] sets the session's
//! `lock_timeout`; [`PgConn::with_tx`] runs a closure in a transaction and
//! runs it again on a serialization failure or deadlock (SQLSTATE
//! 40001/40P01, with jittered back-off), so the closure must have no
//! effect outside the transaction. A lock not granted within the timeout
//! (55P03) is [`PgError::Busy`], today's exit 6.
//!
//! Connection failures become one sentence each: the server unreachable,
//! the password refused or missing, the TLS handshake failed.

use std::time::Duration;

use postgres::{Client, IsolationLevel, NoTls, Transaction};
use rustls::ClientConfig;
use tokio_postgres_rustls::MakeRustlsConnect;

use super::error::{PgError, describe, one_line};
use super::url::{Host, Password, PasswordSources, PgUrl, resolve_password};

/// How long to wait for the server when the URL gives no `connect_timeout`.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Attempts of a transaction that keeps hitting serialization failures.
pub const MAX_ATTEMPTS: u32 = 8;

/// What a transaction may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TxMode {
    /// READ COMMITTED, the explicit row locks doing the ordering (§5.3).
    ReadWrite,
    /// READ COMMITTED, read only.
    ReadOnly,
    /// REPEATABLE READ, read-write: what the store's write transactions
    /// use. A row another transaction changed since the snapshot cannot be
    /// changed again (SQLSTATE 40001, and the transaction runs again on a
    /// fresh snapshot), so read-modify-write of whole records loses no
    /// update without locking rows that issuance only reads.
    Repeatable,
    /// One snapshot of the whole store, read only (`store check`, `store copy`).
    Snapshot,
}

/// What a transaction's closure may fail with: [`PgError`], or the
/// caller's own error type (the store's, say) if it can carry one and show
/// it back, so that retries and time-outs are still recognised.
pub trait TxError: From<PgError> {
    fn as_pg(&self) -> Option<&PgError>;
}

impl TxError for PgError {
    fn as_pg(&self) -> Option<&PgError> {
        Some(self)
    }
}

/// A connection to the store's database.
pub struct PgConn {
    client: Client,
    location: String,
    lock_timeout: Duration,
}

impl std::fmt::Debug for PgConn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgConn").field("location", &self.location).field("lock_timeout", &self.lock_timeout).finish()
    }
}

impl PgConn {
    /// Parses nothing and reads no file: connects to `url` with the
    /// password and TLS configuration given, then sets `lock_timeout`.
    pub fn connect(
        url: &PgUrl,
        password: Option<&Password>,
        tls: Option<ClientConfig>,
        lock_timeout: Duration,
    ) -> Result<PgConn, PgError> {
        let location = url.location();
        let mut config = postgres::Config::new();
        config.user(&url.user).dbname(&url.dbname).port(url.port);
        match &url.host {
            Host::Tcp(name) => config.host(name),
            Host::Socket(dir) => config.host_path(dir),
        };
        if let Some(addr) = url.hostaddr {
            config.hostaddr(addr);
        }
        config.application_name(url.application_name.as_deref().unwrap_or("acmctl"));
        if let Some(options) = &url.options {
            config.options(options);
        }
        config.connect_timeout(url.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT));
        if let Some(password) = password {
            config.password(password.as_bytes());
        }
        let connected = match tls {
            Some(tls) => {
                config.ssl_mode(postgres::config::SslMode::Require);
                config.connect(MakeRustlsConnect::new(tls))
            }
            None => {
                config.ssl_mode(postgres::config::SslMode::Disable);
                config.connect(NoTls)
            }
        };
        let mut client = connected.map_err(|e| connect_error(e, &location, &url.user))?;
        client
            .batch_execute(&format!("SET lock_timeout = {}", lock_timeout.as_millis().clamp(1, i32::MAX as u128)))
            .map_err(PgError::db("set the lock timeout"))?;
        Ok(PgConn { client, location, lock_timeout })
    }

    /// The whole way from a URL to a connection: the password from the
    /// files `sources` names, TLS as `sslmode` says.
    pub fn open(url: &PgUrl, sources: &PasswordSources<'_>, lock_timeout: Duration) -> Result<PgConn, PgError> {
        let password = resolve_password(url, sources)?;
        let tls = super::tls::client_config(url)?;
        PgConn::connect(url, password.as_ref(), tls, lock_timeout)
    }

    /// `postgresql://user@host:port/db`, for messages.
    pub fn location(&self) -> &str {
        &self.location
    }

    pub fn lock_timeout(&self) -> Duration {
        self.lock_timeout
    }

    /// The connection itself, for statements outside a transaction
    /// (migrations take their own).
    pub fn client(&mut self) -> &mut Client {
        &mut self.client
    }

    /// Runs `f` in a read-write transaction and commits; see [`Self::with_tx_mode`].
    pub fn with_tx<T, E: TxError>(&mut self, f: impl FnMut(&mut Transaction<'_>) -> Result<T, E>) -> Result<T, E> {
        self.with_tx_mode(TxMode::ReadWrite, f)
    }

    /// Runs `f` in a transaction of `mode` and commits. On a serialization
    /// failure or deadlock, in `f` or at commit, the transaction is rolled
    /// back and `f` runs again, up to [`MAX_ATTEMPTS`] times in all, after
    /// a random pause that grows with each attempt. Any other error rolls
    /// back and is returned; a lock time-out is [`PgError::Busy`].
    pub fn with_tx_mode<T, E: TxError>(
        &mut self,
        mode: TxMode,
        mut f: impl FnMut(&mut Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut attempt = 1;
        loop {
            let result = run_once(&mut self.client, mode, &mut f);
            match result {
                Err(e) if e.as_pg().is_some_and(PgError::is_retryable) && attempt < MAX_ATTEMPTS => {
                    std::thread::sleep(backoff(attempt));
                    attempt += 1;
                }
                Err(e) if matches!(e.as_pg(), Some(PgError::Busy { waited: None })) => {
                    return Err(PgError::Busy { waited: Some(self.lock_timeout) }.into());
                }
                other => return other,
            }
        }
    }
}

fn run_once<T, E: TxError>(
    client: &mut Client,
    mode: TxMode,
    f: &mut impl FnMut(&mut Transaction<'_>) -> Result<T, E>,
) -> Result<T, E> {
    let mut builder = client.build_transaction();
    builder = match mode {
        TxMode::ReadWrite => builder,
        TxMode::ReadOnly => builder.read_only(true),
        TxMode::Repeatable => builder.isolation_level(IsolationLevel::RepeatableRead),
        TxMode::Snapshot => builder.read_only(true).isolation_level(IsolationLevel::RepeatableRead),
    };
    let mut tx = builder.start().map_err(PgError::db("begin a transaction"))?;
    // Dropping `tx` on an error rolls it back.
    let value = f(&mut tx)?;
    tx.commit().map_err(PgError::db("commit"))?;
    Ok(value)
}

/// A random pause in [0, min(5 ms × 2^attempt, 500 ms)]: full jitter, so
/// that runners that collided do not collide again in step.
fn backoff(attempt: u32) -> Duration {
    let cap_ms = (5u64 << attempt.min(7)).min(500);
    let mut bytes = [0u8; 8];
    let random = match aws_lc_rs::rand::fill(&mut bytes) {
        Ok(()) => u64::from_le_bytes(bytes),
        Err(_) => u64::from(attempt) * 7919,
    };
    Duration::from_micros(random % (cap_ms * 1000 + 1))
}

/// One sentence for a failed connection attempt.
fn connect_error(e: postgres::Error, location: &str, user: &str) -> PgError {
    let location = location.to_string();
    if let Some(db) = e.as_db_error() {
        let reason = one_line(db.message());
        return match db.code().code() {
            // invalid_password, invalid_authorization_specification (no
            // pg_hba line), invalid_catalog_name (no such database),
            // insufficient_privilege (no CONNECT).
            "28P01" | "28000" | "3D000" | "42501" => PgError::Auth { location, user: user.to_string(), reason },
            // cannot_connect_now (starting, stopping), too_many_connections, admin_shutdown.
            "57P03" | "53300" | "57P01" => PgError::Unreachable { location, reason },
            _ => PgError::db("connect")(e),
        };
    }
    let cause = std::error::Error::source(&e).map(|c| one_line(&c.to_string())).unwrap_or_default();
    match e.to_string().as_str() {
        "invalid configuration" if cause == "password missing" => PgError::NoPassword { location },
        "error performing TLS handshake" => PgError::Handshake { location, reason: tls_reason(&e) },
        "error connecting to server" => PgError::Unreachable { location, reason: cause },
        "timeout waiting for server" => {
            PgError::Unreachable { location, reason: "no answer before the connect timeout".into() }
        }
        "authentication error" => PgError::Auth { location, user: user.to_string(), reason: cause },
        "connection closed" | "error communicating with the server" => {
            PgError::Unreachable { location, reason: describe(&e) }
        }
        _ => PgError::db("connect")(e),
    }
}

/// The innermost reason of a failed handshake, with a word on what it means.
fn tls_reason(e: &postgres::Error) -> String {
    let mut innermost = String::new();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        if let Some(tls) = cause.downcast_ref::<rustls::Error>() {
            return match tls {
                rustls::Error::InvalidCertificate(c) => {
                    format!("the server's certificate was not accepted ({})", one_line(&format!("{c:?}")))
                }
                other => one_line(&other.to_string()),
            };
        }
        innermost = one_line(&cause.to_string());
        source = cause.source();
    }
    if innermost.contains("server does not support TLS") {
        "the server does not offer TLS (use sslmode=disable only on loopback)".into()
    } else {
        innermost
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_is_bounded_and_varies() {
        for attempt in 1..20 {
            assert!(backoff(attempt) <= Duration::from_millis(500));
        }
        let samples: std::collections::HashSet<_> = (0..20).map(|_| backoff(6)).collect();
        assert!(samples.len() > 1, "jittered");
    }
}
