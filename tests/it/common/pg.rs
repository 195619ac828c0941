//! The PostgreSQL side of the tests: the throwaway cluster that
//! scripts/test.sh starts (scripts/pg-cluster.sh), reached over TLS with
//! verify-full and a password file, as its ACMCTL_TEST_PG_* variables say.
//! Without them these tests fail: none skips.
//!
//! Each store is a schema of its own in the cluster's database (the URL's
//! `options=-csearch_path%3D…`), so tests run side by side.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use super::{Env, hermetic};

/// Where the test cluster is.
#[derive(Clone, Debug)]
pub struct Cluster {
    /// The acmctl role's URL: verify-full, hostaddr 127.0.0.1.
    pub url: String,
    pub passfile: PathBuf,
    pub password_file: PathBuf,
    pub socket_dir: String,
    pub port: String,
    pub bin: PathBuf,
    pub dir: PathBuf,
}

fn var(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!(
            "{name} is not set: the PostgreSQL tests need the throwaway server that scripts/test.sh starts \
             (eval \"$(scripts/pg-cluster.sh start DIR)\" by hand)"
        )
    })
}

pub fn cluster() -> Cluster {
    Cluster {
        url: var("ACMCTL_TEST_PG_URL"),
        passfile: var("ACMCTL_TEST_PG_PASSFILE").into(),
        password_file: var("ACMCTL_TEST_PG_PASSWORD_FILE").into(),
        socket_dir: var("ACMCTL_TEST_PG_SOCKET_DIR"),
        port: var("ACMCTL_TEST_PG_PORT"),
        bin: var("ACMCTL_TEST_PG_BIN").into(),
        dir: var("ACMCTL_TEST_PG_DIR").into(),
    }
}

impl Cluster {
    /// psql as the superuser, through the local socket.
    pub fn psql_command(&self, sql: &str) -> Command {
        let mut cmd = hermetic(self.bin.join("psql"));
        cmd.args(["-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", &self.socket_dir, "-p", &self.port]);
        cmd.args(["-U", "postgres", "-d", "acmctl", "-c", sql]);
        cmd
    }

    /// Runs `sql` as the superuser; returns what it printed.
    #[track_caller]
    pub fn psql(&self, sql: &str) -> String {
        let out = self.psql_command(sql).output().expect("run psql");
        assert!(out.status.success(), "psql {sql}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// A new empty schema the acmctl role owns; returns its name.
    pub fn new_schema(&self) -> String {
        let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
        self.psql(&format!("CREATE SCHEMA {schema} AUTHORIZATION acmctl"));
        schema
    }

    /// The store URL of `schema`.
    pub fn url_of(&self, schema: &str) -> String {
        format!("{}&options=-csearch_path%3D{schema}", self.url)
    }

    /// Every row of every table of `schema`, in a stable order, keyed by
    /// table and row: what `Env::snapshot` compares on this engine.
    pub fn rows(&self, schema: &str) -> BTreeMap<PathBuf, (Vec<u8>, u32)> {
        let tables = self.psql(&format!(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = '{schema}' ORDER BY 1"
        ));
        let mut out = BTreeMap::new();
        for table in tables.lines() {
            let rows = self.psql(&format!("SELECT t::text FROM {schema}.{table} t ORDER BY 1"));
            for (i, row) in rows.lines().enumerate() {
                out.insert(PathBuf::from(format!("{table}/{i}")), (row.as_bytes().to_vec(), 0));
            }
        }
        out
    }

    /// The same store through another URL: the server's address as the
    /// host, with verify-ca (the name is not the address's).
    pub fn second_url_of(&self, schema: &str) -> String {
        let port = &self.port;
        let root = self.dir.join("tls/root.pem");
        format!(
            "postgres://acmctl@127.0.0.1:{port}/acmctl?sslmode=verify-ca&sslrootcert={}&application_name=second&options=-csearch_path%3D{schema}",
            root.display()
        )
    }
}

/// Which engine a test's store is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Fs,
    Pg,
}

/// The engine of `Env::new`'s stores in this run: PostgreSQL when
/// ACMCTL_TEST_ENGINE is `pg` (scripts/test.sh's second pass, which runs
/// the suites of what a store does on the other engine), else a directory.
pub fn engine() -> Engine {
    match std::env::var("ACMCTL_TEST_ENGINE").as_deref() {
        Ok("pg") => Engine::Pg,
        Ok("fs") | Err(_) => Engine::Fs,
        Ok(other) => panic!("ACMCTL_TEST_ENGINE is {other:?}: it is `fs` or `pg`"),
    }
}

/// A store on PostgreSQL, created with `acmctl store init`, for this test.
pub struct PgStore {
    pub cluster: Cluster,
    pub schema: String,
    pub url: String,
}

impl Env {
    /// A store on `engine`: the directory of `Env::new`, or a new schema of
    /// the test cluster with a store key, made with `store init`.
    pub fn on(engine: Engine) -> (Env, Option<PgStore>) {
        match engine {
            Engine::Fs => {
                let env = Env::fs();
                env.write("config.toml", "account_id = \"123456789012\"\n");
                (env, None)
            }
            Engine::Pg => {
                let (env, pg) = Env::pg();
                (env, Some(pg))
            }
        }
    }

    /// A store on PostgreSQL (see `on`), host id "host-a", account
    /// 123456789012.
    pub fn pg() -> (Env, PgStore) {
        let (env, pg) = Env::pg_uninitialized();
        env.write("config.toml", "account_id = \"123456789012\"\n");
        env.initialize();
        (env, pg)
    }

    /// What `Env::new` gives in the conformance pass: a store on
    /// PostgreSQL made by `store init` before the first command runs, so
    /// that, as a directory store is, it takes the account of the config
    /// file the test wrote first (or a random one).
    pub fn pg_on_first_use() -> Env {
        let (env, _) = Env::pg_uninitialized();
        env.uninitialized.store(true, std::sync::atomic::Ordering::SeqCst);
        env
    }

    fn pg_uninitialized() -> (Env, PgStore) {
        let cluster = cluster();
        let schema = cluster.new_schema();
        let url = cluster.url_of(&schema);
        let mut env = Env::fs();
        env.pg_schema = Some(schema.clone());
        let key = env.path("store.key");
        env.set("ACMCTL_HOME", &url);
        env.set("PGPASSFILE", &cluster.passfile.display().to_string());
        env.set("ACMCTL_STORE_KEY_FILE", &key.display().to_string());
        env.set("ACMCTL_HOST_ID", "host-a");
        (env, PgStore { cluster, schema, url })
    }

    /// `store init`, once.
    pub fn initialize(&self) {
        self.uninitialized.store(false, std::sync::atomic::Ordering::SeqCst);
        let mut cmd = hermetic(super::BIN);
        cmd.env("HOME", self.path("home")).envs(self.vars.iter().map(|(k, v)| (k, v))).args(["store", "init"]);
        let run = super::to_run(cmd.output().unwrap());
        assert_eq!(run.code, 0, "store init: {}", run.stderr);
    }

    /// Sets (or replaces) one of the variables every run gets.
    pub fn set(&mut self, name: &str, value: &str) {
        self.vars.retain(|(k, _)| k != name);
        self.vars.push((name.to_string(), value.to_string()));
    }
}

impl Drop for Env {
    /// A store on PostgreSQL goes with its test.
    fn drop(&mut self) {
        if let Some(schema) = &self.pg_schema {
            let _ = cluster().psql_command(&format!("DROP SCHEMA {schema} CASCADE")).output();
        }
    }
}
