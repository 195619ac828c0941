//! Against a real server: the throwaway cluster of scripts/pg-cluster.sh,
//! reached over TLS (verify-full) with a password file, as the URL in
//! ACMCTL_TEST_PG_URL says. Without it these tests fail: they never skip.
//!
//! Each test works in a schema of its own (a store per schema, as
//! `options=-csearch_path%3D…` allows), dropped at the end.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::json;
use time::OffsetDateTime;
use uuid::Uuid;

use super::conn::{MAX_ATTEMPTS, PgConn, TxMode};
use super::engine::PgStore;
use super::error::{ErrorClass, FOREIGN_KEY_VIOLATION, PgError, UNIQUE_VIOLATION};
use super::ops::{self, AuthorityRow, CertificateRow, Claim, DeploymentRow, IdempotencyRow, RevocationRow, VersionRow};
use super::schema::{self, InitParams, SchemaError, SchemaState};
use super::seal::{SealContext, SealError, SealKind, StoreKey, StoreKeys};
use super::url::{PasswordSources, PgUrl};

const REGION: &str = "us-east-1";

fn var(name: &str) -> String {
    crate::settings::Env::var(&crate::settings::ProcessEnv, name).and_then(|v| v.into_string().ok()).unwrap_or_else(
        || {
            panic!(
                "{name} is not set: the PostgreSQL tests need the throwaway server that scripts/test.sh starts \
             (eval \"$(scripts/pg-cluster.sh start DIR)\" by hand)"
            )
        },
    )
}

struct Env {
    url: String,
    passfile: PathBuf,
    password_file: PathBuf,
    socket_dir: String,
    port: String,
    bin: PathBuf,
}

fn env() -> Env {
    Env {
        url: var("ACMCTL_TEST_PG_URL"),
        passfile: PathBuf::from(var("ACMCTL_TEST_PG_PASSFILE")),
        password_file: PathBuf::from(var("ACMCTL_TEST_PG_PASSWORD_FILE")),
        socket_dir: var("ACMCTL_TEST_PG_SOCKET_DIR"),
        port: var("ACMCTL_TEST_PG_PORT"),
        bin: PathBuf::from(var("ACMCTL_TEST_PG_BIN")),
    }
}

fn pgpass(env: &Env) -> PasswordSources<'_> {
    PasswordSources { pgpassfile: Some(&env.passfile), ..Default::default() }
}

fn open(url: &str, sources: &PasswordSources<'_>) -> Result<PgConn, PgError> {
    PgConn::open(&PgUrl::parse(url)?, sources, Duration::from_secs(5))
}

/// A schema of its own for one test, and a URL whose search path names it.
struct Scratch {
    env: Env,
    schema: String,
    url: String,
}

impl Scratch {
    fn new() -> Scratch {
        let env = env();
        let schema = format!("t_{}", Uuid::new_v4().simple());
        let mut admin = open(&env.url, &pgpass(&env)).expect("connect to the test server");
        admin.client().batch_execute(&format!("CREATE SCHEMA {schema}")).unwrap();
        let url = format!("{}&options=-csearch_path%3D{schema}", env.url);
        Scratch { env, schema, url }
    }

    fn connect(&self) -> PgConn {
        self.connect_with_timeout(Duration::from_secs(5))
    }

    fn connect_with_timeout(&self, lock_timeout: Duration) -> PgConn {
        PgConn::open(&PgUrl::parse(&self.url).unwrap(), &pgpass(&self.env), lock_timeout).expect("connect")
    }

    /// A new store in the schema, with a store key.
    fn init(&self, keys: &StoreKeys) -> (PgConn, schema::StoreMeta) {
        let mut conn = self.connect();
        let meta = schema::initialize(
            conn.client(),
            &InitParams {
                account_id: "123456789012",
                store_id: Uuid::new_v4(),
                key: Some((keys.current().id_hex(), keys.current().check_value())),
                now: now(),
            },
        )
        .expect("initialize");
        (conn, meta)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Ok(mut c) = open(&self.env.url, &pgpass(&self.env)) {
            let _ = c.client().batch_execute(&format!("DROP SCHEMA {} CASCADE", self.schema));
        }
    }
}

/// Now, to the microsecond (what timestamptz keeps).
fn now() -> OffsetDateTime {
    let t = OffsetDateTime::now_utc();
    t.replace_nanosecond(t.nanosecond() / 1000 * 1000).unwrap()
}

fn keys() -> StoreKeys {
    StoreKeys::from_keys(Path::new("test-store.key"), vec![StoreKey::generate().unwrap()])
}

fn key_pem() -> String {
    rcgen::KeyPair::generate().unwrap().serialize_pem()
}

fn authority_row(meta: &schema::StoreMeta, keys: &StoreKeys, id: Uuid, key_pem: &str) -> AuthorityRow {
    let t = now();
    let ctx =
        SealContext { store_id: meta.store_id, region: REGION, kind: SealKind::Authority, resource_id: id, version: 0 };
    AuthorityRow {
        region: REGION.into(),
        id,
        mode: "PRIVATE".into(),
        authority_type: "ROOT".into(),
        parent_id: None,
        common_name: "Test Root".into(),
        key_algorithm: "EC_prime256v1".into(),
        serial: vec![1; 16],
        not_before: t,
        not_after: t + time::Duration::days(3650),
        created_at: t,
        certificate_pem: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".into(),
        chain_pem: String::new(),
        issued_chain_pem: Some("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".into()),
        key_sealed: keys.seal(key_pem.as_bytes(), &ctx).unwrap(),
        key_passphrase_encrypted: false,
        crl_number: 0,
        record: json!({ "common_name": "Test Root", "revoked": [] }),
    }
}

fn certificate_row(authority: Option<Uuid>, serial: Option<Vec<u8>>, created_at: OffsetDateTime) -> CertificateRow {
    CertificateRow {
        region: REGION.into(),
        id: Uuid::new_v4(),
        cert_type: "PRIVATE".into(),
        status: "ISSUED".into(),
        authority_id: authority,
        serial,
        domain_name: "www.example.com".into(),
        sans: vec!["www.example.com".into(), "example.com".into()],
        key_algorithm: "EC_prime256v1".into(),
        version: 1,
        not_before: Some(created_at),
        not_after: Some(created_at + time::Duration::days(90)),
        created_at,
        issued_at: Some(created_at),
        imported_at: None,
        revoked_at: None,
        revocation_reason: None,
        exported: false,
        renewal_status: None,
        record: json!({ "domain_name": "www.example.com" }),
    }
}

fn version_row(
    meta: &schema::StoreMeta,
    keys: &StoreKeys,
    c: &CertificateRow,
    version: i32,
    serial: Option<Vec<u8>>,
    key_pem: &str,
) -> VersionRow {
    let ctx = SealContext {
        store_id: meta.store_id,
        region: REGION,
        kind: SealKind::Certificate,
        resource_id: c.id,
        version: version as u32,
    };
    VersionRow {
        version,
        authority_id: c.authority_id,
        serial,
        certificate_pem: "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n".into(),
        chain_pem: Some("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".into()),
        key_sealed: keys.seal(key_pem.as_bytes(), &ctx).unwrap(),
        created_at: c.created_at,
    }
}

fn serial(n: u8) -> Vec<u8> {
    let mut s = vec![0x40; 16];
    s[15] = n;
    s
}

/// An authority with `serials` reserved, in a new store.
fn store_with_authority(scratch: &Scratch, keys: &StoreKeys, serials: &[Vec<u8>]) -> (PgConn, schema::StoreMeta, Uuid) {
    let (mut conn, meta) = scratch.init(keys);
    let ca = Uuid::new_v4();
    let row = authority_row(&meta, keys, ca, &key_pem());
    conn.with_tx(|tx| {
        ops::insert_authority(tx, &row)?;
        ops::reserve_serials(tx, REGION, ca, serials, now())
    })
    .unwrap();
    (conn, meta, ca)
}

fn assert_one_line(e: &PgError) {
    let text = e.to_string();
    assert!(!text.contains('\n') && !text.is_empty() && text.len() < 400, "not one line: {text:?}");
}

#[test]
fn connects_over_tls_verify_full_with_a_password_file() {
    let env = env();
    assert!(env.url.contains("sslmode=verify-full"), "the test server's URL verifies the server: {}", env.url);
    let mut conn = open(&env.url, &pgpass(&env)).unwrap();
    let row = conn
        .client()
        .query_one("SELECT ssl, version, current_user::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()", &[])
        .unwrap();
    let (ssl, version, user): (bool, Option<String>, String) = (row.get(0), row.get(1), row.get(2));
    assert!(ssl, "the connection is encrypted");
    assert!(version.unwrap_or_default().starts_with("TLSv1."));
    assert_eq!(user, "acmctl");
    let lock_timeout: String = conn.client().query_one("SHOW lock_timeout", &[]).unwrap().get(0);
    assert_eq!(lock_timeout, "5s");

    // ACMCTL_DB_PASSWORD_FILE comes first, and works alone.
    let own = PasswordSources { password_file: Some(&env.password_file), ..Default::default() };
    open(&env.url, &own).unwrap();

    // The other modes connect too; disable only because 127.0.0.1 is loopback.
    for (from, to) in [
        ("sslmode=verify-full", "sslmode=verify-ca"),
        ("sslmode=verify-full&sslrootcert=", "sslmode=require&unused="),
        ("sslmode=verify-full&sslrootcert=", "sslmode=disable&unused="),
    ] {
        let url = env.url.replace(from, to);
        let url = strip_param(&url, "unused");
        let mut c = open(&url, &pgpass(&env)).unwrap_or_else(|e| panic!("{url}: {e}"));
        let ssl: bool =
            c.client().query_one("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", &[]).unwrap().get(0);
        assert_eq!(ssl, !to.starts_with("sslmode=disable"), "{url}");
    }
}

/// Removes `name=VALUE` from a URL's query.
fn strip_param(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').unwrap();
    let kept: Vec<&str> = query.split('&').filter(|p| !p.starts_with(&format!("{name}="))).collect();
    format!("{base}?{}", kept.join("&"))
}

#[test]
fn tls_failures_are_one_line_errors() {
    let env = env();
    // verify-full checks the name: the certificate names pg.acmctl.test, not localhost.
    // (.pgpass names pg.acmctl.test: the password file serves any host.)
    let own = PasswordSources { password_file: Some(&env.password_file), ..Default::default() };
    let wrong_name = env.url.replace("@pg.acmctl.test:", "@localhost:");
    let e = open(&wrong_name, &own).unwrap_err();
    assert!(matches!(e, PgError::Handshake { .. }), "{e}");
    assert!(e.to_string().contains("certificate"), "{e}");
    assert_one_line(&e);
    // …which verify-ca does not.
    open(&wrong_name.replace("sslmode=verify-full", "sslmode=verify-ca"), &own).unwrap();

    // Another root: the server's chain does not lead to it.
    let dir = tempfile::tempdir().unwrap();
    let key = rcgen::KeyPair::generate().unwrap();
    let other = rcgen::CertificateParams::new(vec!["pg.acmctl.test".to_string()]).unwrap().self_signed(&key).unwrap();
    let other_root = dir.path().join("other-root.pem");
    std::fs::write(&other_root, other.pem()).unwrap();
    let root = env.url.split("sslrootcert=").nth(1).unwrap().split('&').next().unwrap();
    for mode in ["verify-full", "verify-ca"] {
        let url = env
            .url
            .replace(root, &other_root.display().to_string())
            .replace("sslmode=verify-full", &format!("sslmode={mode}"));
        let e = open(&url, &pgpass(&env)).unwrap_err();
        assert!(matches!(e, PgError::Handshake { .. }), "{mode}: {e}");
        assert_eq!(e.class(), ErrorClass::Failure);
        assert_one_line(&e);
    }
}

#[test]
fn connection_failures_are_one_line_errors() {
    let env = env();
    let dir = tempfile::tempdir().unwrap();
    let wrong = dir.path().join("wrong");
    std::fs::write(&wrong, "not-the-password\n").unwrap();
    std::fs::set_permissions(&wrong, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();

    let e = open(&env.url, &PasswordSources { password_file: Some(&wrong), ..Default::default() }).unwrap_err();
    assert!(matches!(&e, PgError::Auth { user, .. } if user == "acmctl"), "{e}");
    assert!(e.to_string().contains("password authentication failed"), "{e}");
    assert_one_line(&e);

    let e = open(&env.url, &PasswordSources::default()).unwrap_err();
    assert!(matches!(e, PgError::NoPassword { .. }), "{e}");
    assert!(e.to_string().contains("ACMCTL_DB_PASSWORD_FILE"), "{e}");
    assert_one_line(&e);

    let e = open(
        &env.url.replace("/acmctl?", "/no_such_db?"),
        &PasswordSources { password_file: Some(&env.password_file), ..Default::default() },
    )
    .unwrap_err();
    assert!(matches!(e, PgError::Auth { .. }), "{e}");
    assert!(e.to_string().contains("no_such_db"), "{e}");

    // Nothing listens on a port just released.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let unreachable = env.url.replace(&format!(":{}/", env.port), &format!(":{port}/"));
    let started = Instant::now();
    let e = open(&unreachable, &pgpass(&env)).unwrap_err();
    assert!(matches!(e, PgError::Unreachable { .. }), "{e}");
    assert!(e.to_string().contains(&port.to_string()), "names where: {e}");
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(e.class(), ErrorClass::Failure);
    assert_one_line(&e);

    for bad in [
        env.url.replace("acmctl@", "acmctl:secret@"),
        env.url.replace("postgresql://", "mysql://"),
        env.url.replace("sslmode=verify-full", "sslmode=prefer"),
        format!("{}&sslmode=disable", env.url),
    ] {
        let e = open(&bad, &pgpass(&env)).unwrap_err();
        assert!(matches!(e, PgError::Url(_)), "{bad}: {e}");
        assert_eq!(e.class(), ErrorClass::InvalidInput, "exit 3");
        assert!(!e.to_string().contains("secret"), "{e}");
        assert_one_line(&e);
    }
}

#[test]
fn migrations_apply_once_and_twice() {
    let scratch = Scratch::new();
    let mut conn = scratch.connect();
    assert_eq!(schema::inspect(conn.client()).unwrap(), SchemaState::Empty { schema: scratch.schema.clone() });
    let e = schema::check_compatible(conn.client()).unwrap_err();
    assert!(matches!(e, PgError::Schema(SchemaError::NotInitialised { .. })), "{e}");
    let e = schema::migrate(conn.client()).unwrap_err();
    assert!(matches!(e, PgError::Schema(SchemaError::NotInitialised { .. })), "migrate does not create a store: {e}");

    let keys = keys();
    let (mut conn, meta) = scratch.init(&keys);
    assert_eq!(meta.version, schema::latest_version());
    assert_eq!(meta.account_id, "123456789012");
    assert_eq!(schema::open(conn.client()).unwrap(), meta);
    keys.verify_check(meta.key_check.as_deref().unwrap()).unwrap();
    assert!(schema::missing_constraints(conn.client()).unwrap().is_empty());

    for _ in 0..2 {
        let report = schema::migrate(conn.client()).unwrap();
        assert_eq!((report.from, report.to, report.applied.as_slice()), (1, 1, &[][..]), "nothing to apply");
    }
    let e = schema::initialize(
        conn.client(),
        &InitParams { account_id: "123456789012", store_id: Uuid::new_v4(), key: None, now: now() },
    )
    .unwrap_err();
    assert!(matches!(e, PgError::Schema(SchemaError::AlreadyInitialised { version: 1, .. })), "{e}");
    let rows = conn.client().query("SELECT version, checksum FROM schema_migrations", &[]).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].get::<_, Vec<u8>>(1), schema::checksum(schema::MIGRATIONS[0].sql));

    // A migration changed by hand is found before anything is applied.
    conn.client().execute("UPDATE schema_migrations SET checksum = '\\x00' WHERE version = 1", &[]).unwrap();
    let e = schema::migrate(conn.client()).unwrap_err();
    assert!(matches!(e, PgError::Schema(SchemaError::Checksum { version: 1, .. })), "{e}");
    assert_one_line(&e);
}

/// A version 2 that exists only in this test: it contracts (version-1
/// binaries cannot use the store after it), and leaves a table to show
/// whether it ran.
static WITH_VERSION_2: &[schema::Migration] = &[
    schema::Migration { version: 1, name: "init", sql: include_str!("migrations/0001_init.sql"), readable_by: 1 },
    schema::Migration {
        version: 2,
        name: "test_only",
        sql: "CREATE TABLE test_only_v2 (id integer PRIMARY KEY);",
        readable_by: 2,
    },
];

/// Runs `f` as an acmctl whose migrations are `list`.
fn as_acmctl_with<T>(list: &'static [schema::Migration], f: impl FnOnce() -> T) -> T {
    schema::TEST_MIGRATIONS.with(|t| t.set(Some(list)));
    let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    schema::TEST_MIGRATIONS.with(|t| t.set(None));
    out.unwrap_or_else(|p| std::panic::resume_unwind(p))
}

/// Applying a real migration, through the functions `store init`, every
/// command's open and `store migrate` use: a store made at version 1 is
/// refused by an acmctl that knows version 2 until `store migrate` runs
/// (opening never applies it), which records version 2 with its checksum;
/// then an acmctl whose latest is 1 refuses the store (exit 3, with the
/// hint to upgrade) and its `store migrate` changes nothing.
#[test]
fn store_migrate_applies_a_later_version_and_only_it_does() {
    let scratch = Scratch::new();
    let key_file = std::env::temp_dir().join(format!("acmctl-test-{}.key", Uuid::new_v4().simple()));
    let options = crate::store::StoreOptions {
        location: crate::store::StoreLocation::Pg(Box::new(PgUrl::parse(&scratch.url).unwrap())),
        new_account: None,
        lock_timeout: Duration::from_secs(5),
        pg: crate::store::PgOptions {
            pgpassfile: Some(scratch.env.passfile.clone()),
            store_key_file: Some(key_file.clone()),
            ..Default::default()
        },
    };
    let url = PgUrl::parse(&scratch.url).unwrap();
    let mut conn = scratch.connect();
    let versions = |conn: &mut PgConn| -> Vec<(i32, String, Vec<u8>, i32)> {
        conn.client()
            .query("SELECT version, name, checksum, readable_by FROM schema_migrations ORDER BY version", &[])
            .unwrap()
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
            .collect()
    };
    let v2_table = |conn: &mut PgConn| -> bool {
        conn.client().query_one("SELECT to_regclass('test_only_v2') IS NOT NULL", &[]).unwrap().get(0)
    };
    let exit_code = |e: crate::store::StoreError| crate::error::Error::from(e).exit_code();

    // `store init` of a version-1 acmctl.
    let made = PgStore::init(&url, &options, now()).unwrap();
    assert_eq!(made.version, 1);
    let v1 = versions(&mut conn);
    assert_eq!(v1.len(), 1);

    as_acmctl_with(WITH_VERSION_2, || {
        assert_eq!(schema::latest_version(), 2);
        // Any command opens the store first: refused, nothing applied.
        for _ in 0..2 {
            let e = PgStore::open(&url, &options).unwrap_err();
            assert!(e.to_string().contains("version 1") && e.to_string().contains("run acmctl store migrate"), "{e}");
            assert_eq!(exit_code(e), crate::error::exit::INVALID_INPUT);
        }
        assert_eq!(versions(&mut conn), v1, "opening applies no migration");
        assert!(!v2_table(&mut conn));

        // `store migrate`: version 2 applied and recorded with its checksum.
        let report = PgStore::migrate(&url, &options).unwrap();
        assert_eq!((report.from, report.to, report.applied.as_slice()), (1, 2, &[2][..]));
        let after = versions(&mut conn);
        assert_eq!(after[0], v1[0], "version 1's row is untouched");
        assert_eq!(after[1], (2, "test_only".to_string(), schema::checksum(WITH_VERSION_2[1].sql), 2));
        assert!(v2_table(&mut conn));
        let store = PgStore::open(&url, &options).unwrap();
        assert_eq!(store.account(), made.account);
        let again = PgStore::migrate(&url, &options).unwrap();
        assert_eq!((again.from, again.to, again.applied.as_slice()), (2, 2, &[][..]), "nothing left to apply");
    });

    // An acmctl whose latest is 1, on the version-2 store: refused with
    // the hint, and its migrate applies nothing and removes nothing.
    assert_eq!(schema::latest_version(), 1);
    let e = PgStore::open(&url, &options).unwrap_err();
    assert!(e.to_string().contains("version 2, newer than this acmctl understands (version 1)"), "{e}");
    assert!(e.to_string().contains("upgrade acmctl"), "with a hint: {e}");
    assert!(!e.to_string().contains('\n'), "one line: {e}");
    assert_eq!(exit_code(e), crate::error::exit::INVALID_INPUT);
    let report = PgStore::migrate(&url, &options).unwrap();
    assert_eq!((report.from, report.applied.as_slice()), (2, &[][..]));
    assert_eq!(versions(&mut conn).len(), 2);
    assert!(v2_table(&mut conn));
    let _ = std::fs::remove_file(key_file);
}

#[test]
fn concurrent_inits_make_one_store() {
    let scratch = Scratch::new();
    let url = PgUrl::parse(&scratch.url).unwrap();
    let results: Vec<_> = (0..3)
        .map(|_| {
            let url = url.clone();
            let passfile = scratch.env.passfile.clone();
            std::thread::spawn(move || {
                let sources = PasswordSources { pgpassfile: Some(&passfile), ..Default::default() };
                let mut conn = PgConn::open(&url, &sources, Duration::from_secs(5)).unwrap();
                schema::initialize(
                    conn.client(),
                    &InitParams { account_id: "123456789012", store_id: Uuid::new_v4(), key: None, now: now() },
                )
            })
        })
        .map(|t| t.join().unwrap())
        .collect();
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "{results:?}");
    for r in results.iter().filter(|r| r.is_err()) {
        assert!(matches!(r, Err(PgError::Schema(SchemaError::AlreadyInitialised { .. }))), "{r:?}");
    }
}

#[test]
fn a_newer_schema_refuses() {
    let scratch = Scratch::new();
    let (mut conn, _) = scratch.init(&keys());
    // An expand-only migration 2 (readable by version-1 binaries): still usable.
    conn.client()
        .execute(
            "INSERT INTO schema_migrations (version, name, checksum, readable_by) VALUES (2, 'expand', '\\x00', 1)",
            &[],
        )
        .unwrap();
    assert_eq!(schema::check_compatible(conn.client()).unwrap(), 2);
    // A contracting migration 3: this binary must not touch the store.
    conn.client()
        .execute(
            "INSERT INTO schema_migrations (version, name, checksum, readable_by) VALUES (3, 'contract', '\\x00', 3)",
            &[],
        )
        .unwrap();
    let e = schema::check_compatible(conn.client()).unwrap_err();
    assert!(matches!(e, PgError::Schema(SchemaError::Newer { found: 3, supported: 1 })), "{e}");
    assert!(e.to_string().contains("upgrade acmctl"), "with a hint: {e}");
    assert_eq!(e.class(), ErrorClass::InvalidInput);
    assert_one_line(&e);
    assert!(matches!(schema::open(conn.client()), Err(PgError::Schema(SchemaError::Newer { .. }))));
}

#[test]
fn a_database_of_something_else_refuses() {
    let scratch = Scratch::new();
    let mut conn = scratch.connect();
    conn.client()
        .batch_execute("CREATE TABLE customers (id integer PRIMARY KEY); CREATE TABLE orders (id integer)")
        .unwrap();
    let e = schema::check_compatible(conn.client()).unwrap_err();
    assert!(
        matches!(&e, PgError::Schema(SchemaError::NotAcmctl { tables, .. }) if tables == "customers, orders"),
        "{e}"
    );
    assert!(e.to_string().contains("not an acmctl store"), "{e}");
    assert_one_line(&e);
    let e = schema::initialize(
        conn.client(),
        &InitParams { account_id: "123456789012", store_id: Uuid::new_v4(), key: None, now: now() },
    )
    .unwrap_err();
    assert!(matches!(e, PgError::Schema(SchemaError::NotAcmctl { .. })), "init leaves it alone: {e}");
    assert!(matches!(schema::migrate(conn.client()), Err(PgError::Schema(SchemaError::NotAcmctl { .. }))));
    let tables: i64 = conn
        .client()
        .query_one("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()", &[])
        .unwrap()
        .get(0);
    assert_eq!(tables, 2, "nothing was created");

    // A search path naming no schema.
    let missing = scratch.url.replace(&scratch.schema, "no_such_schema");
    let mut conn =
        PgConn::open(&PgUrl::parse(&missing).unwrap(), &pgpass(&scratch.env), Duration::from_secs(5)).unwrap();
    let e = schema::check_compatible(conn.client()).unwrap_err();
    assert!(matches!(e, PgError::Schema(SchemaError::NoSchema(_))), "{e}");
    assert!(e.to_string().contains("no_such_schema"), "{e}");
}

#[test]
fn serials_are_unique_and_must_be_reserved() {
    let scratch = Scratch::new();
    let keys = keys();
    let (mut conn, meta, ca) = store_with_authority(&scratch, &keys, &[]);

    let won =
        conn.with_tx(|tx| ops::reserve_serials(tx, REGION, ca, &[serial(1), serial(2), serial(1)], now())).unwrap();
    assert_eq!(won, [true, true, false], "a serial repeated in one call is reserved once");
    let won = conn.with_tx(|tx| ops::reserve_serials(tx, REGION, ca, &[serial(2), serial(3)], now())).unwrap();
    assert_eq!(won, [false, true]);
    let reserved = conn.with_tx(|tx| ops::reserved_serials(tx, REGION, ca)).unwrap();
    assert_eq!(reserved, [serial(1), serial(2), serial(3)]);
    // Inserted by hand, a duplicate still fails: the key, not the code, holds it.
    let e = conn
        .with_tx(|tx| {
            tx.execute(
                "INSERT INTO serials (region, authority_id, serial, reserved_at) VALUES ($1, $2, $3, now())",
                &[&REGION, &ca, &serial(1)],
            )
            .map_err(PgError::db("insert a serial"))
        })
        .unwrap_err();
    assert_eq!(e.sqlstate(), Some(UNIQUE_VIOLATION), "{e}");

    // A certificate (or version) signed with a serial never reserved cannot be stored.
    let key = key_pem();
    let c = certificate_row(Some(ca), Some(serial(9)), now());
    let v = version_row(&meta, &keys, &c, 1, Some(serial(9)), &key);
    let e = conn.with_tx(|tx| ops::insert_certificate(tx, &c, Some(&v), &[])).unwrap_err();
    assert_eq!(e.sqlstate(), Some(FOREIGN_KEY_VIOLATION), "{e}");
    assert_eq!(e.constraint(), Some("certificates_serial_reserved"));
    let c_ok = certificate_row(Some(ca), Some(serial(1)), now());
    let v_bad = version_row(&meta, &keys, &c_ok, 1, Some(serial(9)), &key);
    let e = conn.with_tx(|tx| ops::insert_certificate(tx, &c_ok, Some(&v_bad), &[])).unwrap_err();
    assert_eq!(e.constraint(), Some("certificate_versions_serial_reserved"), "{e}");
    // Reserved, it is stored; nothing of the failed attempts remains.
    let v_ok = version_row(&meta, &keys, &c_ok, 1, Some(serial(1)), &key);
    conn.with_tx(|tx| ops::insert_certificate(tx, &c_ok, Some(&v_ok), &[("team".into(), "web".into())])).unwrap();
    let count: i64 = conn.client().query_one("SELECT count(*) FROM certificates", &[]).unwrap().get(0);
    assert_eq!(count, 1);
    let read = conn.with_tx_mode(TxMode::ReadOnly, |tx| ops::certificate(tx, REGION, c_ok.id, false)).unwrap().unwrap();
    assert_eq!(read, c_ok);
    let version = conn.with_tx_mode(TxMode::ReadOnly, |tx| ops::version(tx, REGION, c_ok.id, 1)).unwrap().unwrap();
    assert_eq!(version, v_ok);
    let tags = conn.with_tx(|tx| ops::tags(tx, REGION, c_ok.id)).unwrap();
    assert_eq!(tags, [("team".to_string(), "web".to_string())]);

    // Two runners drawing the same serial: the second waits for the first
    // to commit, then sees it taken.
    let mut first = scratch.connect();
    let mut tx = first.client().transaction().unwrap();
    assert_eq!(ops::reserve_serials(&mut tx, REGION, ca, &[serial(7)], now()).unwrap(), [true]);
    let url = PgUrl::parse(&scratch.url).unwrap();
    let passfile = scratch.env.passfile.clone();
    let second = std::thread::spawn(move || {
        let sources = PasswordSources { pgpassfile: Some(&passfile), ..Default::default() };
        let mut conn = PgConn::open(&url, &sources, Duration::from_secs(10)).unwrap();
        let started = Instant::now();
        let won = conn.with_tx(|tx| ops::reserve_serials(tx, REGION, ca, &[serial(7)], now())).unwrap();
        (won, started.elapsed())
    });
    std::thread::sleep(Duration::from_millis(300));
    tx.commit().unwrap();
    let (won, waited) = second.join().unwrap();
    assert_eq!(won, [false]);
    assert!(waited >= Duration::from_millis(200), "it waited for the first: {waited:?}");
}

#[test]
fn lock_timeout_maps_to_busy_and_skip_locked_shares_the_work() {
    let scratch = Scratch::new();
    let keys = keys();
    let serials: Vec<_> = (1..=4).map(serial).collect();
    let (mut conn, meta, ca) = store_with_authority(&scratch, &keys, &serials);
    let key = key_pem();
    let soon = now() - time::Duration::days(80); // expires in 10 days
    let mut ids = Vec::new();
    for s in &serials {
        let c = certificate_row(Some(ca), Some(s.clone()), soon);
        let v = version_row(&meta, &keys, &c, 1, Some(s.clone()), &key);
        conn.with_tx(|tx| ops::insert_certificate(tx, &c, Some(&v), &[])).unwrap();
        ids.push(c.id);
    }

    let mut holder = scratch.connect();
    let mut held = holder.client().transaction().unwrap();
    assert!(ops::certificate(&mut held, REGION, ids[0], true).unwrap().is_some());

    let mut waiter = scratch.connect_with_timeout(Duration::from_millis(200));
    let started = Instant::now();
    let e = waiter.with_tx(|tx| ops::certificate(tx, REGION, ids[0], true)).unwrap_err();
    let waited = started.elapsed();
    assert!(matches!(e, PgError::Busy { waited: Some(d) } if d == Duration::from_millis(200)), "{e}");
    assert_eq!(e.class(), ErrorClass::Busy, "exit 6");
    assert!(waited >= Duration::from_millis(200) && waited < Duration::from_secs(3), "{waited:?}");
    assert!(e.to_string().contains("200 ms"), "{e}");
    assert_one_line(&e);
    // Reading without a lock does not wait.
    assert!(waiter.with_tx_mode(TxMode::ReadOnly, |tx| ops::certificate(tx, REGION, ids[0], false)).unwrap().is_some());

    // A renewal sweep skips the row another runner holds, and locks the rest.
    let horizon = now() + time::Duration::days(30);
    let mut sweep = scratch.connect();
    let mut sweep_tx = sweep.client().transaction().unwrap();
    let due = ops::due_for_renewal(&mut sweep_tx, REGION, horizon, &["PRIVATE"], &["ISSUED"], 10).unwrap();
    let due_ids: Vec<_> = due.iter().map(|c| c.id).collect();
    assert_eq!(due_ids.len(), 3, "{due_ids:?}");
    assert!(!due_ids.contains(&ids[0]));
    // A third runner finds nothing left to do.
    let rest = waiter.with_tx(|tx| ops::due_for_renewal(tx, REGION, horizon, &[], &[], 10)).unwrap();
    assert!(rest.is_empty(), "{rest:?}");
    sweep_tx.rollback().unwrap();
    held.rollback().unwrap();
    let all = waiter.with_tx(|tx| ops::due_for_renewal(tx, REGION, horizon, &[], &[], 10)).unwrap();
    assert_eq!(all.len(), 4);
    let none = waiter.with_tx(|tx| ops::due_for_renewal(tx, REGION, horizon, &["AMAZON_ISSUED"], &[], 10)).unwrap();
    assert!(none.is_empty());
}

#[test]
fn serialization_failures_are_retried() {
    let scratch = Scratch::new();
    let mut conn = scratch.connect();
    // PL/pgSQL here only to raise the SQLSTATE; the schema itself has none.
    let raise = |code: &str| format!("DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '{code}'; END $$");
    for code in ["40001", "40P01"] {
        let mut attempts = 0;
        let value = conn
            .with_tx(|tx| {
                attempts += 1;
                if attempts < 3 {
                    tx.batch_execute(&raise(code)).map_err(PgError::db("test"))?;
                }
                Ok::<_, PgError>(attempts)
            })
            .unwrap();
        assert_eq!(value, 3, "{code}");
    }
    let mut attempts = 0;
    let e = conn
        .with_tx(|tx| {
            attempts += 1;
            tx.batch_execute(&raise("40001")).map_err(PgError::db("test"))
        })
        .unwrap_err();
    assert_eq!(attempts, MAX_ATTEMPTS);
    assert!(e.is_retryable(), "{e}");
    // Other errors are not retried.
    let mut attempts = 0;
    conn.with_tx(|tx| {
        attempts += 1;
        tx.batch_execute(&raise("23505")).map_err(PgError::db("test"))
    })
    .unwrap_err();
    assert_eq!(attempts, 1);
    // The connection is usable after all of it.
    conn.with_tx(|tx| tx.execute("SELECT 1", &[]).map_err(PgError::db("test"))).unwrap();

    // The caller's own error type: retries still happen, its own errors pass through.
    #[derive(Debug)]
    enum CallerError {
        Pg(PgError),
        Rule,
    }
    impl From<PgError> for CallerError {
        fn from(e: PgError) -> Self {
            CallerError::Pg(e)
        }
    }
    impl super::conn::TxError for CallerError {
        fn as_pg(&self) -> Option<&PgError> {
            match self {
                CallerError::Pg(e) => Some(e),
                CallerError::Rule => None,
            }
        }
    }
    let mut attempts = 0;
    let e = conn
        .with_tx(|tx| -> Result<(), CallerError> {
            attempts += 1;
            if attempts == 1 {
                tx.batch_execute(&raise("40001")).map_err(PgError::db("test"))?;
            }
            Err(CallerError::Rule)
        })
        .unwrap_err();
    assert!(matches!(e, CallerError::Rule), "{e:?}");
    assert_eq!(attempts, 2);
}

#[test]
fn revocations_crls_and_idempotency() {
    let scratch = Scratch::new();
    let keys = keys();
    let (mut conn, meta, ca) = store_with_authority(&scratch, &keys, &[serial(1), serial(2)]);
    let c = certificate_row(Some(ca), Some(serial(1)), now());
    let v = version_row(&meta, &keys, &c, 1, Some(serial(1)), &key_pem());
    conn.with_tx(|tx| ops::insert_certificate(tx, &c, Some(&v), &[])).unwrap();

    let revocation = |s: Vec<u8>| RevocationRow {
        authority_id: ca,
        serial: s,
        certificate_id: Some(c.id),
        revoked_at: now(),
        reason: "KEY_COMPROMISE".into(),
    };
    assert_eq!(conn.with_tx(|tx| ops::revoke(tx, REGION, &revocation(serial(1)))).unwrap(), Some(1));
    assert_eq!(conn.with_tx(|tx| ops::revoke(tx, REGION, &revocation(serial(1)))).unwrap(), None, "once");
    assert_eq!(conn.with_tx(|tx| ops::revoke(tx, REGION, &revocation(serial(2)))).unwrap(), Some(2));
    let e = conn.with_tx(|tx| ops::revoke(tx, REGION, &revocation(serial(3)))).unwrap_err();
    assert_eq!(e.constraint(), Some("revocations_serial_reserved"), "only reserved serials: {e}");
    assert_eq!(conn.with_tx(|tx| ops::revocations(tx, REGION, ca)).unwrap().len(), 2);
    assert_eq!(conn.with_tx(|tx| ops::next_crl_number(tx, REGION, ca)).unwrap(), Some(3));
    let t = now();
    conn.with_tx(|tx| ops::save_crl(tx, REGION, ca, 3, t, t + time::Duration::days(7), "CRL 3")).unwrap();
    let e = conn.with_tx(|tx| ops::save_crl(tx, REGION, ca, 3, t, t, "again")).unwrap_err();
    assert_eq!(e.sqlstate(), Some(UNIQUE_VIOLATION), "{e}");
    assert_eq!(conn.with_tx(|tx| ops::latest_crl(tx, REGION, ca)).unwrap(), Some((3, "CRL 3".to_string())));
    let mut authority = conn.with_tx(|tx| ops::authority(tx, REGION, ca, true)).unwrap().unwrap();
    assert_eq!(authority.crl_number, 3);
    // Saving a record that carries an older CRL number does not lower it.
    authority.crl_number = 1;
    authority.record = json!({ "common_name": "Test Root", "renamed": true });
    assert!(conn.with_tx(|tx| ops::update_authority(tx, &authority)).unwrap());
    let saved = conn.with_tx(|tx| ops::authority(tx, REGION, ca, false)).unwrap().unwrap();
    assert_eq!((saved.crl_number, saved.record["renamed"].as_bool()), (3, Some(true)));

    // Idempotency: the first claim wins, a second sees it, an expired one is taken over.
    let token =
        IdempotencyRow { token: "tok".into(), fingerprint: "fp1".into(), certificate_id: c.id, created_at: now() };
    let horizon = now() - time::Duration::hours(1);
    assert_eq!(conn.with_tx(|tx| ops::claim_idempotency(tx, REGION, &token, horizon)).unwrap(), Claim::Claimed);
    let other = IdempotencyRow { certificate_id: Uuid::new_v4(), fingerprint: "fp2".into(), ..token.clone() };
    assert_eq!(
        conn.with_tx(|tx| ops::claim_idempotency(tx, REGION, &other, horizon)).unwrap(),
        Claim::Held(token.clone())
    );
    let later = now() + time::Duration::hours(2);
    let c2 = certificate_row(None, None, now());
    let takeover = IdempotencyRow { certificate_id: c2.id, created_at: later, ..other.clone() };
    conn.with_tx(|tx| {
        let claim = ops::claim_idempotency(tx, REGION, &takeover, later - time::Duration::hours(1))?;
        assert_eq!(claim, Claim::Claimed);
        // The certificate comes after its token in the same transaction (deferred key).
        ops::insert_certificate(tx, &c2, None, &[])
    })
    .unwrap();
    assert_eq!(conn.with_tx(|tx| ops::idempotency(tx, REGION, "tok")).unwrap(), Some(takeover));
    // A token whose certificate never comes is refused at commit.
    let orphan = IdempotencyRow { token: "orphan".into(), certificate_id: Uuid::new_v4(), ..token };
    let e = conn.with_tx(|tx| ops::claim_idempotency(tx, REGION, &orphan, horizon)).unwrap_err();
    assert_eq!(e.sqlstate(), Some(FOREIGN_KEY_VIOLATION), "{e}");
}

#[test]
fn summaries_deployments_and_deletes() {
    let scratch = Scratch::new();
    let keys = keys();
    let serials: Vec<_> = (1..=5).map(serial).collect();
    let (mut conn, meta, ca) = store_with_authority(&scratch, &keys, &serials);
    let base = now() - time::Duration::days(100);
    let key = key_pem();
    let mut ids = Vec::new();
    for (i, s) in serials.iter().enumerate() {
        let mut c = certificate_row(Some(ca), Some(s.clone()), base + time::Duration::days(i as i64 * 10));
        if i == 4 {
            c.status = "REVOKED".into();
        }
        let v = version_row(&meta, &keys, &c, 1, Some(s.clone()), &key);
        conn.with_tx(|tx| ops::insert_certificate(tx, &c, Some(&v), &[])).unwrap();
        ids.push(c.id);
    }
    // Another region's certificate is never listed here.
    conn.with_tx(|tx| {
        let mut c = certificate_row(None, None, base);
        c.region = "eu-west-1".into();
        ops::insert_certificate(tx, &c, None, &[])
    })
    .unwrap();

    // Keyset pagination, two at a time, in creation order.
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let filter = ops::SummaryFilter { region: REGION, after, limit: Some(2), ..Default::default() };
        let page = conn.with_tx_mode(TxMode::ReadOnly, |tx| ops::summaries(tx, &filter)).unwrap();
        if page.is_empty() {
            break;
        }
        assert!(page.len() <= 2);
        after = page.last().map(|s| (s.created_at, s.id));
        seen.extend(page.into_iter().map(|s| s.id));
    }
    assert_eq!(seen, ids);
    assert_eq!(conn.with_tx(|tx| ops::certificate_count(tx, REGION)).unwrap(), 5);
    let filter = ops::SummaryFilter { region: REGION, statuses: &["REVOKED"], ..Default::default() };
    let revoked = conn.with_tx(|tx| ops::summaries(tx, &filter)).unwrap();
    assert_eq!(revoked.iter().map(|s| s.id).collect::<Vec<_>>(), [ids[4]]);
    // Expiring before base + 105 days: those created at base and base + 10 days (90-day lives).
    let filter = ops::SummaryFilter {
        region: REGION,
        expiring_before: Some(base + time::Duration::days(105)),
        ..Default::default()
    };
    assert_eq!(conn.with_tx(|tx| ops::summaries(tx, &filter)).unwrap().len(), 2);

    // Deployments belong to hosts; a deployed certificate is in use and cannot be deleted.
    let deployment = |host: &str, version| DeploymentRow {
        certificate_id: ids[0],
        target: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1".into(),
        host_id: host.into(),
        dest: format!("/etc/{host}/tls"),
        exec: Some("nginx -s reload".into()),
        endpoint_type: None,
        deployed_version: version,
        deployed_at: now(),
    };
    conn.with_tx(|tx| {
        ops::upsert_deployment(tx, REGION, &deployment("host-a", 1))?;
        ops::upsert_deployment(tx, REGION, &deployment("host-b", 1))
    })
    .unwrap();
    let filter = ops::SummaryFilter { region: REGION, limit: Some(1), ..Default::default() };
    assert!(conn.with_tx(|tx| ops::summaries(tx, &filter)).unwrap()[0].in_use);
    assert_eq!(
        conn.with_tx(|tx| ops::certificate_deployments(tx, REGION, ids[0])).unwrap().len(),
        2,
        "InUseBy is global"
    );
    // Renewed to version 2: host-a redeploys; host-b's list is its own.
    conn.with_tx(|tx| {
        let mut c = ops::certificate(tx, REGION, ids[0], true)?.unwrap();
        c.version = 2;
        ops::insert_version(tx, REGION, c.id, &version_row(&meta, &keys, &c, 2, Some(serial(1)), &key))?;
        ops::update_certificate(tx, &c)
    })
    .unwrap();
    let stale = conn.with_tx(|tx| ops::host_deployments(tx, REGION, "host-a", true)).unwrap();
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0].dest, "/etc/host-a/tls");
    conn.with_tx(|tx| ops::upsert_deployment(tx, REGION, &deployment("host-a", 2))).unwrap();
    assert!(conn.with_tx(|tx| ops::host_deployments(tx, REGION, "host-a", true)).unwrap().is_empty());
    assert_eq!(conn.with_tx(|tx| ops::host_deployments(tx, REGION, "host-b", true)).unwrap().len(), 1);

    let e = conn.with_tx(|tx| ops::delete_certificate(tx, REGION, ids[0])).unwrap_err();
    assert_eq!(e.sqlstate(), Some(FOREIGN_KEY_VIOLATION), "in use: {e}");
    conn.with_tx(|tx| {
        for host in ["host-a", "host-b"] {
            assert!(ops::delete_deployment(tx, REGION, ids[0], &deployment(host, 1).target, host)?);
        }
        Ok::<_, PgError>(())
    })
    .unwrap();
    assert!(conn.with_tx(|tx| ops::delete_certificate(tx, REGION, ids[0])).unwrap());
    assert!(!conn.with_tx(|tx| ops::delete_certificate(tx, REGION, ids[0])).unwrap());
    assert!(conn.with_tx(|tx| ops::version(tx, REGION, ids[0], 1)).unwrap().is_none(), "versions go with it");
    // Its serial stays reserved: it can never be issued again.
    assert_eq!(conn.with_tx(|tx| ops::reserve_serials(tx, REGION, ca, &[serial(1)], now())).unwrap(), [false]);
}

#[test]
fn sealed_keys_round_trip_and_a_dump_shows_none() {
    let scratch = Scratch::new();
    let keys = keys();
    let (mut conn, meta, ca) = store_with_authority(&scratch, &keys, &[serial(1), serial(2)]);
    let ca_row = conn.with_tx(|tx| ops::authority(tx, REGION, ca, false)).unwrap().unwrap();
    let ca_ctx =
        SealContext { store_id: meta.store_id, region: REGION, kind: SealKind::Authority, resource_id: ca, version: 0 };
    let ca_key = keys.open(&ca_row.key_sealed, &ca_ctx).unwrap();
    assert!(std::str::from_utf8(&ca_key).unwrap().starts_with("-----BEGIN PRIVATE KEY-----"));

    let mut pems = vec![String::from_utf8(ca_key.to_vec()).unwrap()];
    let mut ids = Vec::new();
    for n in [1, 2] {
        let key = key_pem();
        let c = certificate_row(Some(ca), Some(serial(n)), now());
        let v = version_row(&meta, &keys, &c, 1, Some(serial(n)), &key);
        conn.with_tx(|tx| ops::insert_certificate(tx, &c, Some(&v), &[])).unwrap();
        let read = conn.with_tx(|tx| ops::version(tx, REGION, c.id, 1)).unwrap().unwrap();
        let ctx = SealContext {
            store_id: meta.store_id,
            region: REGION,
            kind: SealKind::Certificate,
            resource_id: c.id,
            version: 1,
        };
        assert_eq!(&keys.open(&read.key_sealed, &ctx).unwrap()[..], key.as_bytes());
        pems.push(key);
        ids.push(c.id);
    }

    // A sealed key moved to another row does not open there.
    conn.client()
        .execute(
            "UPDATE certificate_versions SET key_sealed = (SELECT key_sealed FROM certificate_versions WHERE certificate_id = $1) \
             WHERE certificate_id = $2",
            &[&ids[0], &ids[1]],
        )
        .unwrap();
    let moved = conn.with_tx(|tx| ops::version(tx, REGION, ids[1], 1)).unwrap().unwrap();
    let ctx = SealContext {
        store_id: meta.store_id,
        region: REGION,
        kind: SealKind::Certificate,
        resource_id: ids[1],
        version: 1,
    };
    assert!(matches!(keys.open(&moved.key_sealed, &ctx), Err(SealError::Damaged { .. })));

    // The wrong store key is refused at open, by the meta row's check.
    let stored = schema::open(conn.client()).unwrap();
    let e = self::keys().verify_check(stored.key_check.as_deref().unwrap()).unwrap_err();
    assert!(matches!(e, SealError::WrongStoreKey { .. }), "{e}");
    assert_eq!(PgError::from(e).class(), ErrorClass::InvalidInput, "exit 3");

    // pg_dump of the database: certificates yes, private keys no.
    let dump = std::process::Command::new(scratch.env.bin.join("pg_dump"))
        .args([
            "-h",
            &scratch.env.socket_dir,
            "-p",
            &scratch.env.port,
            "-U",
            "postgres",
            "-n",
            &scratch.schema,
            "acmctl",
        ])
        .output()
        .expect("run pg_dump");
    assert!(dump.status.success(), "{}", String::from_utf8_lossy(&dump.stderr));
    let dump = String::from_utf8(dump.stdout).unwrap();
    assert!(dump.contains("BEGIN CERTIFICATE") && dump.contains("certificate_versions"), "the dump has the data");
    assert!(!dump.contains("PRIVATE KEY"), "no key PEM in the dump");
    for pem in &pems {
        // Characters 52..88 of a P-256 PKCS#8 key's base64 are its private scalar.
        let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        assert!(!dump.contains(&body[52..88]), "no key bytes in the dump");
    }
}
