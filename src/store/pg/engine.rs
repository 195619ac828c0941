//! `Store::Pg`: the store in a PostgreSQL database (STORE-ENGINES.md §5).
//!
//! One connection per command (kept in a small pool for `serve`). A read
//! is a READ COMMITTED read-only transaction; a write is a REPEATABLE READ
//! transaction: every record it reads comes from one snapshot, and a row
//! another writer changed since cannot be written again (SQLSTATE 40001),
//! so the whole closure runs again on a fresh snapshot. Issuance only
//! inserts (serials and token under unique keys) and so never conflicts;
//! read-modify-write of one record (revoke, renew, deploy, tags) conflicts
//! only with writers of that record. A lock not granted within
//! ACMCTL_LOCK_TIMEOUT is the filesystem's "store busy", exit 6.
//!
//! Private keys are sealed under the store key (`ACMCTL_STORE_KEY_FILE`)
//! before they are sent. Without the key, or with the wrong one, public
//! data stays readable and anything that needs a key exits 3.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use time::OffsetDateTime;
use uuid::Uuid;

use super::conn::{PgConn, TxError, TxMode};
use super::error::PgError;
use super::schema::{self, InitParams, MigrateReport, SchemaError, SchemaState, StoreMeta};
use super::seal::{StoreKey, StoreKeys};
use super::tx::PgTx;
use super::url::{PasswordSources, PgUrl};
use crate::error::{Error, Result};
use crate::model::{AccountId, Region};
use crate::store::{RegionTx, Report, StoreError, StoreOptions, StoreResult};

/// What the process holds of the store key.
pub(crate) enum KeyState {
    Ready(StoreKeys),
    /// ACMCTL_STORE_KEY_FILE is not set.
    Missing,
    /// Set, but unreadable or not this store's: why, in one sentence.
    Unusable(String),
}

pub struct PgStore {
    url: PgUrl,
    options: StoreOptions,
    pub(crate) meta: StoreMeta,
    account: AccountId,
    pub(crate) keys: KeyState,
    /// Idle connections: one for a command, as many as threads for serve.
    pool: Mutex<Vec<PgConn>>,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").field("location", &self.url.location()).finish()
    }
}

/// A closure's failure inside a transaction: a database error the
/// transaction runner must see (to run the closure again, or to report a
/// lock time-out), or the operation's own error.
pub(crate) enum TxFail {
    Pg(PgError),
    Op(Error),
}

impl From<PgError> for TxFail {
    fn from(e: PgError) -> Self {
        TxFail::Pg(e)
    }
}

impl TxError for TxFail {
    fn as_pg(&self) -> Option<&PgError> {
        match self {
            TxFail::Pg(e) => Some(e),
            TxFail::Op(_) => None,
        }
    }
}

impl From<TxFail> for Error {
    fn from(e: TxFail) -> Error {
        match e {
            TxFail::Pg(e) => StoreError::from(e).into(),
            TxFail::Op(e) => e,
        }
    }
}

/// The error of a command that needs a private key when the store key is
/// not there or not this store's.
pub(crate) fn key_error(keys: &KeyState) -> Option<StoreError> {
    let message = match keys {
        KeyState::Ready(_) => return None,
        KeyState::Missing => "the store's private keys are sealed under its store key and ACMCTL_STORE_KEY_FILE is not set: set it to the store key file (public data stays readable without it)".to_string(),
        KeyState::Unusable(why) => why.clone(),
    };
    Some(StoreError::Pg { message, class: super::ErrorClass::InvalidInput })
}

fn sources(options: &StoreOptions) -> PasswordSources<'_> {
    PasswordSources {
        password_file: options.pg.password_file.as_deref(),
        pgpassfile: options.pg.pgpassfile.as_deref(),
        home: options.pg.home.as_deref(),
    }
}

fn connect(url: &PgUrl, options: &StoreOptions) -> StoreResult<PgConn> {
    Ok(PgConn::open(url, &sources(options), options.lock_timeout)?)
}

fn load_keys(options: &StoreOptions, meta: &StoreMeta) -> KeyState {
    let Some(path) = &options.pg.store_key_file else { return KeyState::Missing };
    let keys = match StoreKeys::load(path) {
        Ok(k) => k,
        Err(e) => return KeyState::Unusable(e.to_string()),
    };
    match &meta.key_check {
        Some(check) => match keys.verify_check(check) {
            Ok(()) => KeyState::Ready(keys),
            Err(e) => KeyState::Unusable(e.to_string()),
        },
        None => KeyState::Ready(keys),
    }
}

/// What `store init` made.
#[derive(Debug)]
pub struct Initialised {
    pub account: AccountId,
    pub version: i32,
    /// The store key file was created (it did not exist).
    pub key_created: bool,
    pub key_file: PathBuf,
}

impl PgStore {
    /// Opens an existing store: refuses a database that is not one, a
    /// schema this acmctl does not know, and one that needs `store migrate`.
    pub fn open(url: &PgUrl, options: &StoreOptions) -> StoreResult<PgStore> {
        let mut conn = connect(url, options)?;
        let meta = schema::open_quick(conn.client())?;
        let account = meta.account_id.parse().map_err(|_| {
            PgError::from(SchemaError::Meta(format!("'{}' is not a 12-digit account id", meta.account_id)))
        })?;
        let keys = load_keys(options, &meta);
        Ok(PgStore { url: url.clone(), options: options.clone(), meta, account, keys, pool: Mutex::new(vec![conn]) })
    }

    /// `acmctl store init`: creates the schema and the store's row in an
    /// empty database (or schema), with the store key named by
    /// ACMCTL_STORE_KEY_FILE, creating that file when it does not exist.
    pub fn init(url: &PgUrl, options: &StoreOptions, now: OffsetDateTime) -> StoreResult<Initialised> {
        let Some(key_file) = options.pg.store_key_file.clone() else {
            return Err(StoreError::Pg {
                message: "a store on PostgreSQL keeps private keys sealed under a store key: set ACMCTL_STORE_KEY_FILE to the file that holds it (acmctl store init creates it if it does not exist)".into(),
                class: super::ErrorClass::InvalidInput,
            });
        };
        let mut conn = connect(url, options)?;
        // Refused before a key file is made for nothing.
        match schema::inspect(conn.client())? {
            SchemaState::Empty { .. } => {}
            SchemaState::Foreign { schema, tables } => {
                return Err(PgError::from(SchemaError::NotAcmctl { schema, tables: tables.join(", ") }).into());
            }
            SchemaState::Acmctl { schema, version, .. } => {
                return Err(PgError::from(SchemaError::AlreadyInitialised { schema, version }).into());
            }
        }
        let key_created = !key_file.exists();
        if key_created {
            StoreKey::generate().and_then(|k| k.write_new_file(&key_file)).map_err(PgError::from)?;
        }
        let keys = StoreKeys::load(&key_file).map_err(PgError::from)?;
        let account = options.new_account.unwrap_or_else(AccountId::random);
        let meta = schema::initialize(
            conn.client(),
            &InitParams {
                account_id: &account.to_string(),
                store_id: Uuid::new_v4(),
                key: Some((keys.current().id_hex(), keys.current().check_value())),
                now,
            },
        )?;
        Ok(Initialised { account, version: meta.version, key_created, key_file })
    }

    /// Opens the store, first creating it (as `init` does) when the
    /// database or schema is empty: `store copy` into a new database.
    pub fn open_or_init(url: &PgUrl, options: &StoreOptions, now: OffsetDateTime) -> StoreResult<PgStore> {
        let empty = matches!(schema::inspect(connect(url, options)?.client())?, SchemaState::Empty { .. });
        if empty {
            Self::init(url, options, now)?;
        }
        Self::open(url, options)
    }

    /// `acmctl store migrate`.
    pub fn migrate(url: &PgUrl, options: &StoreOptions) -> StoreResult<MigrateReport> {
        let mut conn = connect(url, options)?;
        Ok(schema::migrate(conn.client())?)
    }

    pub fn account(&self) -> AccountId {
        self.account
    }

    /// Refuses, as a command that needs private keys is, when the store key
    /// is missing or not this store's.
    pub fn require_keys(&self) -> StoreResult<()> {
        match key_error(&self.keys) {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    pub fn location(&self) -> String {
        self.url.location()
    }

    pub fn url(&self) -> &PgUrl {
        &self.url
    }

    /// Deployments are files on the machine that made them, so their
    /// default place is this machine's data directory, not the database.
    pub fn deployments_dir(&self) -> Result<PathBuf> {
        Ok(self.local_dir()?.join("deployments"))
    }

    /// This machine's directory for the store's local files.
    pub fn local_dir(&self) -> Result<&Path> {
        self.options.pg.local_dir.as_deref().map_err(|why| {
            Error::failure(format!("{why}: a database store keeps this machine's own files (default deployments, serve's credentials) in the platform data directory"))
                .with_hint("set HOME to an existing directory, or give deploy a --dest")
        })
    }

    /// Runs `f` with a connection of the pool (a new one if none is idle).
    /// A connection the server closed is not kept.
    pub(crate) fn with_conn<T>(&self, f: impl FnOnce(&mut PgConn) -> T) -> StoreResult<T> {
        let idle = self.pool.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let mut conn = match idle {
            Some(c) => c,
            None => connect(&self.url, &self.options)?,
        };
        let out = f(&mut conn);
        if !conn.client().is_closed() {
            self.pool.lock().unwrap_or_else(|e| e.into_inner()).push(conn);
        }
        Ok(out)
    }

    pub fn regions(&self) -> StoreResult<Vec<Region>> {
        let rows = self.with_conn(|c| {
            c.client().query("SELECT region FROM regions ORDER BY region", &[]).map_err(PgError::db("list the regions"))
        })??;
        Ok(rows.iter().filter_map(|r| r.get::<_, String>(0).parse().ok()).collect())
    }

    /// Runs `f` in a read-only transaction.
    pub fn read<T>(&self, region: Region, f: impl FnOnce(&mut dyn RegionTx) -> Result<T>) -> Result<T> {
        let mut f = Some(f);
        let out = self.with_conn(|conn| {
            conn.with_tx_mode(TxMode::ReadOnly, |tx| {
                let Some(f) = f.take() else {
                    return Err(TxFail::Op(Error::failure("a read of the store failed and cannot be run again")));
                };
                let mut ptx = PgTx::new(self, region, tx, false);
                let out = f(&mut ptx);
                ptx.finish(out)
            })
        })?;
        out.map_err(Error::from)
    }

    /// Runs `f` in a write transaction, again on a fresh snapshot when
    /// another writer changed what it read.
    pub fn write<T>(&self, region: Region, mut f: impl FnMut(&mut dyn RegionTx) -> Result<T>) -> Result<T> {
        let out = self.with_conn(|conn| {
            conn.with_tx_mode(TxMode::Repeatable, |tx| {
                let mut ptx = PgTx::new(self, region, tx, true);
                let out = f(&mut ptx);
                ptx.finish(out)
            })
        })?;
        out.map_err(Error::from)
    }

    /// `store check`: one snapshot of the whole store.
    pub fn check(&self, now: OffsetDateTime) -> StoreResult<Report> {
        super::check::check(self, now)
    }
}
