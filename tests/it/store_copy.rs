//! `store copy` of what a store keeps beyond each certificate's current
//! version: the earlier versions of renewed and re-imported certificates
//! (a database keeps them, a directory does not) and the idempotency tokens
//! that still answer. Copies go database to database, to a directory, and
//! directory to database and back; each is checked with the CLI (and, for
//! the versions no command shows, with psql).

use std::path::{Path, PathBuf};

use crate::common::pg::{PgStore, cluster};
use crate::common::*;

const REGION: &str = "eu-west-1";

fn openssl(dir: &Path, args: &[&str]) {
    let out = hermetic("openssl").current_dir(dir).args(args).output().expect("openssl runs");
    assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// A self-signed server certificate for `cn` on a new P-256 key; returns
/// (certificate, key).
fn self_signed(env: &Env, cn: &str) -> (PathBuf, PathBuf) {
    let (cert, key) = (format!("{cn}.pem"), format!("{cn}.key"));
    openssl(env.dir.path(), &["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", &key]);
    openssl(
        env.dir.path(),
        &[
            "req", "-x509", "-new", "-key", &key, "-subj", &format!("/CN={cn}"), "-days", "30", "-addext",
            &format!("subjectAltName=DNS:{cn}"), "-out", &cert,
        ],
    );
    (env.path(&cert), env.path(&key))
}

fn request(env: &Env, ca: &str, name: &str, token: Option<&str>) -> String {
    let mut args = vec![
        "--region", REGION, "cert", "request", "--certificate-authority-arn", ca, "--key-algorithm", "EC_prime256v1",
        "--domain-name", name,
    ];
    if let Some(t) = token {
        args.extend(["--idempotency-token", t]);
    }
    env.run(&args).ok().line()
}

fn store_check(env: &Env) {
    let r = env.run(&["store", "check"]);
    assert_eq!(r.code, 0, "store check: {}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains(" 0 problems"), "{}", r.stderr);
}

/// The region's certificates, sorted: the engines order those created in
/// the same second differently (a database by id).
fn list(env: &Env) -> Vec<String> {
    let v = env.run(&["--region", REGION, "--output", "json", "cert", "list"]).ok().json();
    let mut arns: Vec<String> = v["CertificateSummaryList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["CertificateArn"].as_str().unwrap().to_string())
        .collect();
    arns.sort();
    arns
}

/// Every version the schema keeps: certificate id, version, serial and
/// certificate PEM, in order.
fn versions(pg: &PgStore, schema: &str) -> String {
    pg.cluster.psql(&format!(
        "SELECT certificate_id, version, encode(serial, 'hex'), certificate_pem FROM {schema}.certificate_versions \
         ORDER BY certificate_id, version"
    ))
}

/// An environment whose store is `location`, with the database's password
/// file and the store key of `like`.
fn at(like: &Env, location: &str) -> Env {
    let mut env = Env::new();
    env.set("ACMCTL_HOME", location);
    for name in ["PGPASSFILE", "ACMCTL_STORE_KEY_FILE", "ACMCTL_HOST_ID"] {
        if let Some((_, v)) = like.vars.iter().find(|(k, _)| k == name) {
            env.set(name, v);
        }
    }
    env.write("config.toml", "account_id = \"123456789012\"\n");
    env
}

fn copy(env: &Env, src: &str, dst: &str) -> (serde_json::Value, String) {
    let r = env.run(&["--output", "json", "store", "copy", src, dst]).ok();
    (r.json(), r.stderr)
}

/// What users rely on from a copy: every certificate's `cert get` and
/// describe the same, `store check` clean, and the token answering with the
/// certificate it made, not a new one.
fn same_certificates(src: &Env, dst: &Env, arns: &[String], ca: &str, token: &str, token_arn: &str) {
    store_check(dst);
    assert_eq!(list(dst), list(src));
    for arn in arns {
        assert_eq!(get(dst, REGION, arn), get(src, REGION, arn), "{arn}");
        assert_eq!(dst.describe(REGION, arn), src.describe(REGION, arn), "{arn}");
    }
    assert_eq!(request(dst, ca, "token.example.com", Some(token)), token_arn, "the token answers on the copy");
    assert_eq!(list(dst), list(src), "the token made nothing new");
}

/// A database store with a renewed private certificate and a re-imported
/// one (two versions each) and a token used a moment ago: copied to
/// another database, every version (serial and PEM) is there; copied to a
/// directory, the current versions are, and the earlier ones are counted
/// as left behind; either copy answers the token with its certificate.
#[test]
fn a_database_copy_keeps_every_version_and_the_live_tokens() {
    let (src, pg) = Env::pg();
    let ca = src.run(&["--region", REGION, "ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1"]).ok().line();
    let (renewed, imported) = two_versions_each(&src, &ca);
    let s = |p: &PathBuf| p.display().to_string();
    let token_arn = request(&src, &ca, "token.example.com", Some("copy_token_1"));
    let arns = vec![renewed.clone(), imported.clone(), token_arn.clone()];
    let before = versions(&pg, &pg.schema);
    assert_eq!(before.matches("BEGIN CERTIFICATE").count(), 5, "two versions each, and the token's one:\n{before}");

    // To another database: every version.
    let schema = pg.cluster.new_schema();
    let url = pg.cluster.url_of(&schema);
    let (out, err) = copy(&src, &pg.url, &url);
    assert_eq!((out["Certificates"].as_u64(), out["EarlierVersions"].as_u64()), (Some(3), Some(2)), "{out}");
    assert_eq!((out["EarlierVersionsNotKept"].as_u64(), out["IdempotencyTokens"].as_u64()), (Some(0), Some(1)), "{out}");
    assert!(!err.contains("left behind"), "{err}");
    assert_eq!(versions(&pg, &schema), before, "every version of every certificate");
    let on_pg = at(&src, &url);
    same_certificates(&src, &on_pg, &arns, &ca, "copy_token_1", &token_arn);
    // The copy renews from where the source stands: a third version.
    on_pg.run(&["--region", REGION, "renew", &renewed]).ok();
    assert_eq!(on_pg.describe(REGION, &renewed)["Status"], "ISSUED");
    assert_eq!(versions(&pg, &schema).matches("BEGIN CERTIFICATE").count(), 6);
    pg.cluster.psql(&format!("DROP SCHEMA {schema} CASCADE"));

    // To a directory: the current versions, the earlier ones counted.
    let dir = src.path("copy");
    let (out, err) = copy(&src, &pg.url, &s(&dir));
    assert_eq!((out["EarlierVersions"].as_u64(), out["EarlierVersionsNotKept"].as_u64()), (Some(0), Some(2)), "{out}");
    assert_eq!(out["IdempotencyTokens"].as_u64(), Some(1), "{out}");
    assert!(err.contains("left behind 2 earlier versions"), "{err}");
    let on_dir = at(&src, &s(&dir));
    same_certificates(&src, &on_dir, &arns, &ca, "copy_token_1", &token_arn);
}

/// A directory store with a renewed and a re-imported certificate and a
/// live token, copied to a database and back to a directory: the records
/// come back byte for byte (what a directory keeps), the token answers on
/// each copy, and each copy checks clean. A token used over an hour ago
/// answers nothing and is not copied.
#[test]
fn a_directory_round_trip_through_a_database_gives_the_same_records() {
    let src = Env::new();
    src.write("config.toml", "account_id = \"123456789012\"\n");
    let key = src.path("store.key");
    let hours_ago = |h: i64| {
        (time::OffsetDateTime::now_utc() - time::Duration::hours(h))
            .replace_nanosecond(0)
            .unwrap()
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap()
    };
    let ca = src
        .run_env(
            &[("ACMCTL_NOW", &hours_ago(3))],
            &["--region", REGION, "ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1"],
        )
        .ok()
        .line();
    let (renewed, imported) = two_versions_each(&src, &ca);
    let s = |p: &PathBuf| p.display().to_string();
    // A token of two hours ago: expired.
    let old = src
        .run_env(
            &[("ACMCTL_NOW", &hours_ago(2))],
            &[
                "--region", REGION, "cert", "request", "--certificate-authority-arn", &ca, "--key-algorithm",
                "EC_prime256v1", "--domain-name", "old.example.com", "--idempotency-token", "old_token",
            ],
        )
        .ok()
        .line();
    let token_arn = request(&src, &ca, "token.example.com", Some("copy_token_2"));
    let arns = vec![renewed, imported, old, token_arn.clone()];

    let c = cluster();
    let schema = c.new_schema();
    let url = c.url_of(&schema);
    let mut keyed = Env::new();
    keyed.set("PGPASSFILE", &c.passfile.display().to_string());
    keyed.set("ACMCTL_STORE_KEY_FILE", &key.display().to_string());
    let (out, _) = copy(&keyed, &s(&src.store), &url);
    assert_eq!((out["Certificates"].as_u64(), out["IdempotencyTokens"].as_u64()), (Some(4), Some(1)), "{out}");
    assert_eq!(out["EarlierVersions"].as_u64(), Some(0), "a directory keeps no earlier version: {out}");
    let on_pg = at(&keyed, &url);
    assert_eq!(
        c.psql(&format!("SELECT string_agg(token, ',') FROM {schema}.idempotency")),
        "copy_token_2",
        "the expired token stays behind"
    );

    let back = src.path("back");
    let (out, err) = copy(&keyed, &url, &s(&back));
    assert_eq!((out["Certificates"].as_u64(), out["IdempotencyTokens"].as_u64()), (Some(4), Some(1)), "{out}");
    assert!(!err.contains("left behind"), "nothing to leave: {err}");
    let on_back = at(&keyed, &s(&back));
    let records = |store: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        tree(store)
            .into_iter()
            .map(|(p, (bytes, _))| (p.strip_prefix(store).unwrap().to_path_buf(), bytes))
            .filter(|(p, _)| {
                let p = p.to_string_lossy();
                // Derived (the index, the shared chain the issued
                // certificates' chains are links to), this machine's (the
                // lock), or not copied (the expired token).
                !p.ends_with("/index")
                    && !p.ends_with("/issued-chain.pem")
                    && !p.ends_with("/lock")
                    && !p.ends_with("idempotency/old_token.toml")
            })
            .collect()
    };
    let (a, b) = (records(&src.store), records(&back));
    assert_eq!(a.iter().map(|(p, _)| p).collect::<Vec<_>>(), b.iter().map(|(p, _)| p).collect::<Vec<_>>());
    for ((path, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{} differs after the round trip", path.display());
    }
    // The token answers on both copies with its certificate.
    same_certificates(&src, &on_pg, &arns, &ca, "copy_token_2", &token_arn);
    same_certificates(&src, &on_back, &arns, &ca, "copy_token_2", &token_arn);
    c.psql(&format!("DROP SCHEMA {schema} CASCADE"));
}

/// A private certificate renewed once and a certificate imported, then
/// re-imported: two versions each. Returns their ARNs.
fn two_versions_each(src: &Env, ca: &str) -> (String, String) {
    let renewed = request(src, ca, "renewed.example.com", None);
    let first_serial = described_serial(src, REGION, &renewed);
    src.run(&["--region", REGION, "renew", &renewed]).ok();
    assert_ne!(described_serial(src, REGION, &renewed), first_serial, "renewed");
    let (c1, k1) = self_signed(src, "one.example.com");
    let (c2, k2) = self_signed(src, "two.example.com");
    let s = |p: &PathBuf| p.display().to_string();
    let imported =
        src.run(&["--region", REGION, "import", "--certificate", &s(&c1), "--private-key", &s(&k1)]).ok().line();
    src.run(&["--region", REGION, "import", "--certificate", &s(&c2), "--private-key", &s(&k2), "--certificate-arn", &imported])
        .ok();
    (renewed, imported)
}
