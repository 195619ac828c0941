//! The store's schema and its migrations (STORE-ENGINES.md §5.9).
//!
//! Migrations are numbered SQL files embedded in the binary. [`migrate`]
//! applies the missing ones in one transaction under
//! `pg_advisory_xact_lock` (DDL is transactional in PostgreSQL, so a
//! failure leaves the schema as it was), and records each with the SHA-256
//! of its text in `schema_migrations`; the checksums of those already
//! applied are verified first. Migrations are explicit (`acmctl store
//! migrate`), never run by a command on its own: one upgraded runner must
//! not break the others.
//!
//! Each migration says which schema versions' binaries can still use the
//! store once it is applied (`readable_by`): an expand-only migration keeps
//! older binaries working, a contracting one raises the bar. A binary
//! refuses a store whose bar is above what it knows ([`check_compatible`]),
//! with a hint, as the filesystem store's `format_version` does.
//!
//! The store lives in the first schema of the search path (the URL's
//! `options=-csearch_path%3D…`), so one database can hold several stores.

use postgres::GenericClient;
use time::OffsetDateTime;
use uuid::Uuid;

use super::error::PgError;

/// One numbered migration.
#[derive(Debug)]
pub struct Migration {
    pub version: i32,
    pub name: &'static str,
    pub sql: &'static str,
    /// The lowest schema version a binary may know and still use the store
    /// after this migration (expand/contract).
    pub readable_by: i32,
}

/// This acmctl's migrations, in order, without gaps.
pub static MIGRATIONS: &[Migration] =
    &[Migration { version: 1, name: "init", sql: include_str!("migrations/0001_init.sql"), readable_by: 1 }];

/// The migrations every path reads (open, init, migrate): this acmctl's,
/// or in a unit test the list it stands in on its thread, so that applying
/// a later version is tested through the same code as `store migrate`
/// without one shipping in the binary.
pub fn migrations() -> &'static [Migration] {
    #[cfg(test)]
    if let Some(list) = TEST_MIGRATIONS.with(|t| t.get()) {
        return list;
    }
    MIGRATIONS
}

#[cfg(test)]
thread_local! {
    /// A unit test's own migration list, for this thread (see [`migrations`]).
    pub static TEST_MIGRATIONS: std::cell::Cell<Option<&'static [Migration]>> = const { std::cell::Cell::new(None) };
}

/// The schema version this acmctl writes.
pub fn latest_version() -> i32 {
    migrations().last().map(|m| m.version).unwrap_or(0)
}

/// The bookkeeping table, created before the first migration. It never
/// changes, so that every acmctl can read any store's version.
const BOOKKEEPING: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum bytea NOT NULL,
    readable_by integer NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
)";

/// The advisory lock migrations take (an arbitrary constant: "acmctl" in ASCII).
pub const MIGRATION_LOCK: i64 = 0x6163_6d63_746c;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SchemaError {
    #[error(
        "the database is not an acmctl store: its schema {schema} holds other tables ({tables}) and no acmctl_meta; use an empty database or schema"
    )]
    NotAcmctl { schema: String, tables: String },
    #[error("the database has no acmctl store yet (schema {schema} is empty): create one with acmctl store init")]
    NotInitialised { schema: String },
    #[error("the database already holds an acmctl store (schema {schema}, version {version})")]
    AlreadyInitialised { schema: String, version: i32 },
    #[error(
        "the store's schema is version {found}, newer than this acmctl understands (version {supported}): upgrade acmctl on this machine"
    )]
    Newer { found: i32, supported: i32 },
    #[error("the store's schema is version {found} and this acmctl needs version {needed}: run acmctl store migrate")]
    Older { found: i32, needed: i32 },
    #[error(
        "the store's migration {version} ({name}) differs from this acmctl's (checksum {found} in the store, {expected} here): the schema was changed outside acmctl"
    )]
    Checksum { version: i32, name: String, found: String, expected: String },
    #[error(
        "the schema named by the store URL's search_path ({0}) does not exist: create it first (CREATE SCHEMA {0})"
    )]
    NoSchema(String),
    #[error("the store's acmctl_meta row is missing or damaged: {0}")]
    Meta(String),
}

/// What the store's schema holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaState {
    /// No table at all: `store init` may create the store here.
    Empty { schema: String },
    /// Tables, none of them acmctl's.
    Foreign { schema: String, tables: Vec<String> },
    /// An acmctl store at `version`, usable by binaries of `readable_by` and later.
    Acmctl { schema: String, version: i32, readable_by: i32 },
}

/// The store's row of `acmctl_meta`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreMeta {
    pub account_id: String,
    pub store_id: Uuid,
    pub key_id: Option<String>,
    pub key_check: Option<Vec<u8>>,
    pub created_at: OffsetDateTime,
    /// The schema version, from `schema_migrations`.
    pub version: i32,
}

/// Looks at the first schema of the search path.
pub fn inspect(client: &mut impl GenericClient) -> Result<SchemaState, PgError> {
    let row = client
        .query_one(
            "SELECT current_schema()::text, coalesce(array_agg(t.table_name::text ORDER BY t.table_name::text) \
             FILTER (WHERE t.table_name IS NOT NULL), '{}') \
             FROM (SELECT 1) AS one LEFT JOIN information_schema.tables t ON t.table_schema = current_schema()",
            &[],
        )
        .map_err(PgError::db("inspect the schema"))?;
    let schema: Option<String> = row.get(0);
    let tables: Vec<String> = row.get(1);
    let Some(schema) = schema else {
        let path: String = client
            .query_one("SELECT current_setting('search_path')", &[])
            .map_err(PgError::db("read the search path"))?
            .get(0);
        return Err(SchemaError::NoSchema(path).into());
    };
    if tables.iter().any(|t| t == "schema_migrations") {
        let row = client
            .query_one("SELECT coalesce(max(version), 0), coalesce(max(readable_by), 0) FROM schema_migrations", &[])
            .map_err(PgError::db("read the schema version"))?;
        return Ok(SchemaState::Acmctl { schema, version: row.get(0), readable_by: row.get(1) });
    }
    if tables.is_empty() {
        return Ok(SchemaState::Empty { schema });
    }
    Ok(SchemaState::Foreign { schema, tables })
}

/// Refuses a store this acmctl cannot use: none there, someone else's,
/// older than this binary, or newer beyond what it understands. Returns
/// the store's version.
pub fn check_compatible(client: &mut impl GenericClient) -> Result<i32, PgError> {
    let latest = latest_version();
    match inspect(client)? {
        SchemaState::Empty { schema } => Err(SchemaError::NotInitialised { schema }.into()),
        SchemaState::Foreign { schema, tables } => Err(not_acmctl(schema, &tables).into()),
        SchemaState::Acmctl { version, readable_by, .. } => {
            if version < latest {
                Err(SchemaError::Older { found: version, needed: latest }.into())
            } else if version > latest && readable_by > latest {
                Err(SchemaError::Newer { found: version, supported: latest }.into())
            } else {
                Ok(version)
            }
        }
    }
}

fn not_acmctl(schema: String, tables: &[String]) -> SchemaError {
    let mut list = tables.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
    if tables.len() > 5 {
        list.push_str(&format!(" and {} more", tables.len() - 5));
    }
    SchemaError::NotAcmctl { schema, tables: list }
}

/// What [`migrate`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrateReport {
    pub from: i32,
    pub to: i32,
    pub applied: Vec<i32>,
}

/// Applies the migrations the store lacks, in one transaction under the
/// migration lock. The store must exist (see [`initialize`]). Running it
/// again applies nothing.
pub fn migrate(client: &mut postgres::Client) -> Result<MigrateReport, PgError> {
    let mut tx = client.transaction().map_err(PgError::db("begin the migration"))?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .map_err(PgError::db("take the migration lock"))?;
    let from = match inspect(&mut tx)? {
        SchemaState::Empty { schema } => return Err(SchemaError::NotInitialised { schema }.into()),
        SchemaState::Foreign { schema, tables } => return Err(not_acmctl(schema, &tables).into()),
        SchemaState::Acmctl { version, .. } => version,
    };
    let applied = apply_missing(&mut tx, from)?;
    tx.commit().map_err(PgError::db("commit the migration"))?;
    Ok(MigrateReport { from, to: from.max(applied.last().copied().unwrap_or(from)), applied })
}

/// What a new store starts with.
#[derive(Debug, Clone)]
pub struct InitParams<'a> {
    pub account_id: &'a str,
    pub store_id: Uuid,
    /// The store key's id and check value, when the store has one.
    pub key: Option<(String, Vec<u8>)>,
    pub now: OffsetDateTime,
}

/// Creates a store in an empty schema: every migration and the
/// `acmctl_meta` row, in one transaction under the migration lock. Two
/// concurrent inits: the second finds the store and fails with
/// [`SchemaError::AlreadyInitialised`].
pub fn initialize(client: &mut postgres::Client, params: &InitParams<'_>) -> Result<StoreMeta, PgError> {
    let mut tx = client.transaction().map_err(PgError::db("begin creating the store"))?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .map_err(PgError::db("take the migration lock"))?;
    match inspect(&mut tx)? {
        SchemaState::Empty { .. } => {}
        SchemaState::Foreign { schema, tables } => return Err(not_acmctl(schema, &tables).into()),
        SchemaState::Acmctl { schema, version, .. } => {
            return Err(SchemaError::AlreadyInitialised { schema, version }.into());
        }
    }
    apply_missing(&mut tx, 0)?;
    let (key_id, key_check) = match &params.key {
        Some((id, check)) => (Some(id.as_str()), Some(check.as_slice())),
        None => (None, None),
    };
    tx.execute(
        "INSERT INTO acmctl_meta (account_id, store_id, key_id, key_check, created_at) VALUES ($1, $2, $3, $4, $5)",
        &[&params.account_id, &params.store_id, &key_id, &key_check, &params.now],
    )
    .map_err(PgError::db("record the store"))?;
    let meta = read_meta(&mut tx)?;
    tx.commit().map_err(PgError::db("commit the new store"))?;
    Ok(meta)
}

/// Verifies the checksums of the migrations applied, then applies those
/// after `from`. Returns the versions applied.
fn apply_missing(tx: &mut postgres::Transaction<'_>, from: i32) -> Result<Vec<i32>, PgError> {
    tx.batch_execute(BOOKKEEPING).map_err(PgError::db("create schema_migrations"))?;
    let rows = tx
        .query("SELECT version, name, checksum FROM schema_migrations ORDER BY version", &[])
        .map_err(PgError::db("read schema_migrations"))?;
    for row in rows {
        let (version, name, found): (i32, String, Vec<u8>) = (row.get(0), row.get(1), row.get(2));
        if let Some(m) = migrations().iter().find(|m| m.version == version) {
            let expected = checksum(m.sql);
            if found != expected {
                return Err(
                    SchemaError::Checksum { version, name, found: hex(&found), expected: hex(&expected) }.into()
                );
            }
        }
    }
    let mut applied = Vec::new();
    for m in migrations().iter().filter(|m| m.version > from) {
        tx.batch_execute(m.sql).map_err(PgError::db("apply a migration"))?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, checksum, readable_by) VALUES ($1, $2, $3, $4)",
            &[&m.version, &m.name, &checksum(m.sql), &m.readable_by],
        )
        .map_err(PgError::db("record a migration"))?;
        applied.push(m.version);
    }
    Ok(applied)
}

/// The store's `acmctl_meta` row and version. Check the version first
/// ([`check_compatible`]).
pub fn read_meta(client: &mut impl GenericClient) -> Result<StoreMeta, PgError> {
    let rows = client
        .query(
            "SELECT account_id, store_id, key_id, key_check, created_at, \
             (SELECT coalesce(max(version), 0) FROM schema_migrations) FROM acmctl_meta",
            &[],
        )
        .map_err(PgError::db("read acmctl_meta"))?;
    match rows.as_slice() {
        [row] => Ok(StoreMeta {
            account_id: row.get(0),
            store_id: row.get(1),
            key_id: row.get(2),
            key_check: row.get(3),
            created_at: row.get(4),
            version: row.get(5),
        }),
        [] => Err(SchemaError::Meta("it has no row".into()).into()),
        _ => Err(SchemaError::Meta("it has several rows".into()).into()),
    }
}

/// Opens a store: refuses an incompatible schema, returns its meta row.
pub fn open(client: &mut impl GenericClient) -> Result<StoreMeta, PgError> {
    check_compatible(client)?;
    read_meta(client)
}

/// [`open`] in one statement, for the common case of a store that is
/// there and current: every command opens the store, and the catalog views
/// [`inspect`] reads cost a new connection several milliseconds. Anything
/// else (no such table, another version) is explained by [`open`].
pub fn open_quick(client: &mut postgres::Client) -> Result<StoreMeta, PgError> {
    let rows = client.query(
        "SELECT m.account_id, m.store_id, m.key_id, m.key_check, m.created_at, v.version, v.readable_by \
         FROM acmctl_meta m, (SELECT coalesce(max(version), 0) AS version, coalesce(max(readable_by), 0) AS readable_by \
         FROM schema_migrations) v",
        &[],
    );
    let latest = latest_version();
    match rows.as_deref() {
        Ok([row]) => {
            let (version, readable_by): (i32, i32) = (row.get(5), row.get(6));
            if version == latest || (version > latest && readable_by <= latest) {
                return Ok(StoreMeta {
                    account_id: row.get(0),
                    store_id: row.get(1),
                    key_id: row.get(2),
                    key_check: row.get(3),
                    created_at: row.get(4),
                    version,
                });
            }
            open(client)
        }
        _ => open(client),
    }
}

/// Records the store key's id and check value (first key, or rotation).
pub fn set_key_check(client: &mut impl GenericClient, key_id: &str, key_check: &[u8]) -> Result<(), PgError> {
    let n = client
        .execute("UPDATE acmctl_meta SET key_id = $1, key_check = $2", &[&key_id, &key_check])
        .map_err(PgError::db("record the store key check"))?;
    if n != 1 {
        return Err(SchemaError::Meta("it has no row".into()).into());
    }
    Ok(())
}

/// The constraints the schema must have, for `store check`: (table, name).
pub fn expected_constraints() -> &'static [(&'static str, &'static str)] {
    &[
        ("serials", "serials_pkey"),
        ("certificates", "certificates_serial_reserved"),
        ("certificate_versions", "certificate_versions_serial_reserved"),
        ("revocations", "revocations_serial_reserved"),
        ("crls", "crls_pkey"),
        ("idempotency", "idempotency_pkey"),
    ]
}

/// The expected constraints that are missing from the store's schema.
pub fn missing_constraints(client: &mut impl GenericClient) -> Result<Vec<String>, PgError> {
    let rows = client
        .query(
            "SELECT c.conrelid::regclass::text, c.conname::text FROM pg_catalog.pg_constraint c \
             WHERE c.connamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema())",
            &[],
        )
        .map_err(PgError::db("read the schema's constraints"))?;
    let present: Vec<(String, String)> = rows.iter().map(|r| (r.get(0), r.get(1))).collect();
    Ok(expected_constraints()
        .iter()
        .filter(|(table, name)| !present.iter().any(|(t, n)| t.rsplit('.').next() == Some(*table) && n == name))
        .map(|(table, name)| format!("{table}.{name}"))
        .collect())
}

pub fn checksum(sql: &str) -> Vec<u8> {
    aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, sql.as_bytes()).as_ref().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_without_gaps() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version, i as i32 + 1, "{}", m.name);
            assert!(m.readable_by >= 1 && m.readable_by <= m.version, "{}", m.name);
            let sql = m.sql.to_ascii_lowercase();
            for banned in ["plpgsql", "create function", "create trigger", "advisory"] {
                // "advisory locks" may be named in comments, not used.
                let used = sql.lines().filter(|l| !l.trim_start().starts_with("--")).any(|l| l.contains(banned));
                assert!(!used, "migration {} uses {banned}: keep the SQL portable", m.name);
            }
        }
        assert_eq!(latest_version(), MIGRATIONS.len() as i32);
    }
}
