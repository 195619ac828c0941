//! The store: where authorities and certificates are kept, behind one
//! record-level interface. Operations see records and transactions, never
//! files or locks; each engine keeps its own guarantees underneath:
//!
//! - `fs`: plain files, one directory per region (the embedded default);
//!   a write transaction holds the region's lock, every write is atomic
//!   and durable, and the syncs are gathered where it is safe.
//! - `pg`: one PostgreSQL database (or schema) shared by many runners and
//!   hosts; a write transaction is a database transaction on a snapshot,
//!   run again when another writer changed what it read, with unique keys
//!   instead of a region lock, and private keys sealed under the store key.
//!
//! Whatever the engine: a serial number is reserved durably before anything
//! signed with it can be seen; a record appears whole or not at all; and
//! parallel writers lose nothing.

pub mod copy;
mod error;
pub mod fs;
pub mod pg;

use std::path::{Path, PathBuf};
use std::time::Duration;

use time::OffsetDateTime;

pub use error::{StoreError, StoreResult};

use crate::error::Result;
use crate::model::{
    AccountConfiguration, AccountId, AuthorityArn, AuthorityMaterial, AuthorityRecord, CertificateArn,
    CertificateRecord, CertificateVersion, IdempotencyRecord, IssuedCertificate, Material, Region, Summary,
};

/// One region of a store, inside a transaction. Reads see the records as
/// they are; in a write transaction nobody else changes them meanwhile.
pub trait RegionTx {
    fn region(&self) -> Region;
    fn account(&self) -> AccountId;

    // ---- authorities ----
    fn authority(&mut self, arn: &AuthorityArn) -> StoreResult<Option<AuthorityRecord>>;
    fn authorities(&mut self) -> StoreResult<Vec<AuthorityRecord>>;
    /// The authority's certificate, chain, key (as stored) and CRL.
    fn authority_material(&mut self, arn: &AuthorityArn) -> StoreResult<AuthorityMaterial>;
    /// Where part of an authority is kept, to name it in a report of damage.
    fn authority_part(&self, arn: &AuthorityArn, part: AuthorityPart) -> String;
    fn create_authority(&mut self, rec: &AuthorityRecord, material: &AuthorityMaterial) -> StoreResult<()>;
    fn save_authority(&mut self, rec: &AuthorityRecord) -> StoreResult<()>;
    /// Gives a PENDING_CERTIFICATE authority its certificate, chain and
    /// first CRL (or an active one a new certificate), with the record that
    /// says so.
    fn replace_authority_certificate(&mut self, rec: &AuthorityRecord, m: &AuthorityMaterial) -> StoreResult<()>;
    /// A newly signed CRL, with the authority's record that numbers it and
    /// lists its revocations: the record first, so that a CRL is never ahead
    /// of the record it was made from.
    fn save_crl(&mut self, rec: &AuthorityRecord, crl_pem: &str) -> StoreResult<()>;

    // ---- serial numbers ----
    /// Records serial numbers for `issuer`; returns, for each, whether it
    /// was free. Every reservation is durable before anything signed with
    /// it is stored (the engine orders it).
    fn reserve_serials(&mut self, issuer: &AuthorityArn, serials: &[[u8; 16]]) -> StoreResult<Vec<bool>>;
    /// Every serial `issuer` has reserved, in plain hex (for `store check`).
    fn reserved_serials(&mut self, issuer: &AuthorityArn) -> StoreResult<Vec<String>>;
    /// Whether `issuer` reserved the serial (plain hex, 32 digits): whether
    /// it issued a certificate with it (the OCSP responder's "good").
    fn serial_reserved(&mut self, issuer: &AuthorityArn, serial_hex: &str) -> StoreResult<bool>;

    // ---- certificates an authority signed for a CSR (no key, no ACM record) ----
    /// By the serial's plain hex.
    fn issued_certificate(&mut self, issuer: &AuthorityArn, serial: &str) -> StoreResult<Option<IssuedCertificate>>;
    /// Its serial reserved in this transaction.
    fn create_issued_certificate(&mut self, rec: &IssuedCertificate) -> StoreResult<()>;

    // ---- certificates ----
    fn certificate(&mut self, arn: &CertificateArn) -> StoreResult<Option<CertificateRecord>>;
    /// The certificate, chain and key of the record's current version.
    fn material(&mut self, rec: &CertificateRecord) -> StoreResult<Option<Material>>;
    /// New certificates, all signed by `issuer` when it is given (with
    /// serials reserved in this transaction), or imported or still pending
    /// when not. Each appears whole or not at all; all are durable when
    /// this returns.
    fn create_certificates(
        &mut self,
        items: &[(CertificateRecord, Option<Material>)],
        issuer: Option<&AuthorityArn>,
    ) -> StoreResult<()>;
    fn save_certificate(&mut self, rec: &CertificateRecord) -> StoreResult<()>;
    /// In a write transaction: holds the certificate's record for this
    /// transaction, or returns false at once if another writer holds it
    /// (`FOR UPDATE SKIP LOCKED`), so that parallel renewal sweeps share
    /// the work instead of queueing on it. An engine whose write
    /// transactions exclude each other anyway always returns true.
    fn try_claim(&mut self, arn: &CertificateArn) -> StoreResult<bool>;
    /// Gives `rec` new material under the next version, and saves it.
    fn replace_material(&mut self, rec: &mut CertificateRecord, material: &Material) -> StoreResult<()>;
    /// The versions of the certificate this engine keeps, oldest first:
    /// every one on an engine that keeps earlier versions
    /// (`Store::keeps_earlier_versions`), else the current one alone; none
    /// while it has none. For `store copy`: nothing else reads an earlier
    /// version.
    fn versions(&mut self, rec: &CertificateRecord) -> StoreResult<Vec<CertificateVersion>>;
    /// Gives a certificate just created with its current version the
    /// versions before it (`store copy`). An engine that keeps only the
    /// current version keeps none of them.
    fn add_earlier_versions(&mut self, arn: &CertificateArn, versions: &[CertificateVersion]) -> StoreResult<()>;
    fn delete_certificate(&mut self, arn: &CertificateArn) -> StoreResult<()>;
    /// Every certificate of the region, summarised, in order of creation.
    fn summaries(&mut self) -> StoreResult<Vec<Summary>>;
    /// How many certificates the region holds.
    fn certificate_count(&mut self) -> StoreResult<usize>;

    // ---- idempotency tokens ----
    fn idempotency(&mut self, token: &str) -> StoreResult<Option<IdempotencyRecord>>;
    fn remember(&mut self, rec: &IdempotencyRecord) -> StoreResult<()>;
    /// Every token remembered at or after `since`, in order of token (for
    /// `store copy`; a token answers for an hour at most, so these are few).
    fn idempotency_records(&mut self, since: OffsetDateTime) -> StoreResult<Vec<IdempotencyRecord>>;

    // ---- the account's settings in the region ----
    fn account_configuration(&mut self) -> StoreResult<AccountConfiguration>;
    fn save_account_configuration(&mut self, config: &AccountConfiguration) -> StoreResult<()>;
}

/// The parts of an authority that can be damaged on their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthorityPart {
    Record,
    Certificate,
    Chain,
    Key,
    Crl,
    Csr,
}

/// Where the store is: a directory, or a PostgreSQL database named by a
/// store URL (`postgresql://…`).
#[derive(Clone, Debug)]
pub enum StoreLocation {
    Dir(PathBuf),
    Pg(Box<pg::PgUrl>),
}

impl StoreLocation {
    /// The directory of a filesystem store.
    pub fn dir(&self) -> Option<&Path> {
        match self {
            StoreLocation::Dir(d) => Some(d),
            StoreLocation::Pg(_) => None,
        }
    }
}

impl std::fmt::Display for StoreLocation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreLocation::Dir(d) => write!(f, "{}", d.display()),
            StoreLocation::Pg(u) => f.write_str(&u.location()),
        }
    }
}

/// What a PostgreSQL store needs besides its URL; read from the
/// environment by the settings module.
#[derive(Clone, Debug)]
pub struct PgOptions {
    /// `ACMCTL_DB_PASSWORD_FILE`.
    pub password_file: Option<PathBuf>,
    /// `PGPASSFILE`.
    pub pgpassfile: Option<PathBuf>,
    /// The home directory, for `~/.pgpass`.
    pub home: Option<PathBuf>,
    /// `ACMCTL_STORE_KEY_FILE`: the key private keys are sealed under.
    pub store_key_file: Option<PathBuf>,
    /// This machine's own directory (the platform data directory): default
    /// deployments and serve's credentials, which a shared database does
    /// not hold. Where there is none (no home directory), why: only what
    /// needs it fails, never with a path relative to wherever acmctl runs.
    pub local_dir: std::result::Result<PathBuf, String>,
}

impl Default for PgOptions {
    fn default() -> PgOptions {
        PgOptions {
            password_file: None,
            pgpassfile: None,
            home: None,
            store_key_file: None,
            local_dir: Err("no directory of this machine was given".into()),
        }
    }
}

/// Where the store is, and how to treat it.
#[derive(Clone, Debug)]
pub struct StoreOptions {
    pub location: StoreLocation,
    /// The account id a new store takes (else a random one).
    pub new_account: Option<AccountId>,
    /// How long a writer waits for a busy region.
    pub lock_timeout: Duration,
    pub pg: PgOptions,
}

impl StoreOptions {
    /// A filesystem store at `dir`, with the default settings.
    pub fn dir(dir: impl Into<PathBuf>) -> StoreOptions {
        StoreOptions {
            location: StoreLocation::Dir(dir.into()),
            new_account: None,
            lock_timeout: Duration::from_secs(30),
            pg: PgOptions::default(),
        }
    }
}

/// A store, of whichever engine.
#[derive(Debug)]
pub enum Store {
    Fs(fs::FsStore),
    Pg(Box<pg::PgStore>),
}

impl Store {
    /// Opens the store, creating a filesystem store on first use (a
    /// database store is created by `acmctl store init`).
    pub fn open(options: &StoreOptions) -> StoreResult<Store> {
        match &options.location {
            StoreLocation::Dir(dir) => fs::FsStore::open(dir, options).map(Store::Fs),
            StoreLocation::Pg(url) => pg::PgStore::open(url, options).map(|s| Store::Pg(Box::new(s))),
        }
    }

    /// Opens the store if there is one, creating nothing: for readers such
    /// as shell completion, which must not leave a store behind.
    pub fn open_existing(options: &StoreOptions) -> StoreResult<Option<Store>> {
        match &options.location {
            StoreLocation::Dir(dir) => Ok(fs::FsStore::open_existing(dir, options)?.map(Store::Fs)),
            StoreLocation::Pg(url) => pg::PgStore::open(url, options).map(|s| Some(Store::Pg(Box::new(s)))),
        }
    }

    pub fn account(&self) -> AccountId {
        match self {
            Store::Fs(s) => s.account(),
            Store::Pg(s) => s.account(),
        }
    }

    /// Where the store is, as a person would name it.
    pub fn location(&self) -> String {
        match self {
            Store::Fs(s) => s.root().display().to_string(),
            Store::Pg(s) => s.location(),
        }
    }

    /// Regions that hold anything.
    pub fn regions(&self) -> StoreResult<Vec<Region>> {
        match self {
            Store::Fs(s) => s.regions(),
            Store::Pg(s) => s.regions(),
        }
    }

    /// Whether the engine keeps the earlier versions of a renewed or
    /// re-imported certificate: PostgreSQL keeps every version's row; a
    /// directory keeps the current version only (the old one is removed
    /// once the record is switched to the new one).
    pub fn keeps_earlier_versions(&self) -> bool {
        matches!(self, Store::Pg(_))
    }

    /// Where deployments go when no destination is given.
    pub fn default_deployments_dir(&self) -> Result<PathBuf> {
        match self {
            Store::Fs(s) => Ok(s.deployments_dir()),
            Store::Pg(s) => s.deployments_dir(),
        }
    }

    /// Whether `path` lies inside the store (a deployment must not).
    pub fn contains(&self, path: &Path) -> bool {
        match self {
            Store::Fs(s) => s.contains(path),
            Store::Pg(_) => false,
        }
    }

    /// Runs `f` on a consistent view of `region`; it writes nothing.
    pub fn read<T>(&self, region: Region, f: impl FnOnce(&mut dyn RegionTx) -> Result<T>) -> Result<T> {
        match self {
            Store::Fs(s) => s.read(region, f),
            Store::Pg(s) => s.read(region, f),
        }
    }

    /// Runs `f` as one write transaction on `region`: nobody else writes
    /// the region meanwhile. Slow work that needs nothing from the store
    /// (key generation, network lookups, reload commands) belongs outside.
    /// An engine may run `f` again when its transaction must be retried,
    /// so `f` has no effect outside the store.
    pub fn write<T>(&self, region: Region, f: impl FnMut(&mut dyn RegionTx) -> Result<T>) -> Result<T> {
        match self {
            Store::Fs(s) => s.write(region, f),
            Store::Pg(s) => s.write(region, f),
        }
    }

    /// Reads the whole store and reports what is inconsistent.
    pub fn check(&self, now: OffsetDateTime) -> StoreResult<Report> {
        match self {
            Store::Fs(s) => fs::check::check(s, now),
            Store::Pg(s) => s.check(now),
        }
    }
}

/// What `store check` found.
#[derive(Debug, Default)]
pub struct Report {
    pub problems: Vec<Finding>,
    /// What an interrupted write left, removed or rebuilt: expected after a
    /// crash, not a problem.
    pub repaired: Vec<Finding>,
    pub authorities: usize,
    pub certificates: usize,
}

/// One thing found, where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub location: String,
    pub what: String,
}

impl Report {
    pub fn problem(&mut self, location: impl std::fmt::Display, what: impl Into<String>) {
        self.problems.push(Finding { location: location.to_string(), what: what.into() });
    }

    pub fn repaired(&mut self, location: impl std::fmt::Display, what: impl Into<String>) {
        self.repaired.push(Finding { location: location.to_string(), what: what.into() });
    }
}
