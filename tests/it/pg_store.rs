//! The store on PostgreSQL, through the binary: one scenario on both
//! engines, the refusals of a database store (each one line, with its exit
//! code), and many processes at once: 16 x 50 requests, through two URLs,
//! an idempotency race, a renewal race and deployments that belong to
//! their host.

use std::collections::HashSet;
use std::process::Stdio;

use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

use crate::common::pg::{Engine, PgStore, cluster};
use crate::common::*;

const REGION: &str = "eu-west-1";
const ALB: &str = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188";

fn at(days_from_now: i64) -> String {
    (OffsetDateTime::now_utc() + Duration::days(days_from_now)).replace_nanosecond(0).unwrap().format(&Rfc3339).unwrap()
}

fn root(env: &Env) -> String {
    env.run(&["--region", REGION, "ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1"]).ok().line()
}

fn request(env: &Env, ca: &str, name: &str) -> String {
    env.run(&[
        "--region", REGION, "cert", "request", "--certificate-authority-arn", ca, "--key-algorithm", "EC_prime256v1",
        "--domain-name", name,
    ])
    .ok()
    .line()
}

fn list(env: &Env) -> Vec<Value> {
    env.run(&["--region", REGION, "--output", "json", "cert", "list"]).ok().json()["CertificateSummaryList"]
        .as_array()
        .unwrap()
        .clone()
}

fn store_check(env: &Env) {
    let r = env.run(&["store", "check"]);
    assert_eq!(r.code, 0, "store check: {}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains(" 0 problems"), "{}", r.stderr);
}

/// What every store does, on either engine: an authority, a certificate
/// that verifies, describe and list, an export that decrypts to the key of
/// the certificate, a revocation its CRL lists, a renewal with a new
/// serial, a delete, and `store check` clean throughout.
fn scenario(engine: Engine) {
    let (env, _pg) = Env::on(engine);
    let ca = root(&env);
    let cert = request(&env, &ca, "www.example.com");
    let d = env.describe(REGION, &cert);
    assert_eq!(d["Status"], "ISSUED", "{engine:?}");
    assert_eq!(d["DomainName"], "www.example.com");
    let (leaf, chain) = get(&env, REGION, &cert);
    let root_pem = ca_pem(&env, REGION, &ca);
    let (ok, out) = openssl_verify(&env, &root_pem, &leaf, &chain, "www.example.com");
    assert!(ok, "{engine:?}: {out}");
    let listed = list(&env);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["CertificateArn"], cert.as_str());

    // Export: the key decrypts with the passphrase and is the certificate's.
    let pass = env.write("pass.txt", "correct horse battery staple\n");
    std::fs::set_permissions(&pass, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let e = env
        .run(&["--region", REGION, "--output", "json", "cert", "export", &cert, "--passphrase-file", pass.to_str().unwrap()])
        .ok()
        .json();
    let encrypted = env.write("key.enc.pem", e["PrivateKey"].as_str().unwrap());
    let (ok, key) = tool("openssl", &[
        "pkey", "-in", encrypted.to_str().unwrap(), "-passin", "pass:correct horse battery staple",
    ]);
    assert!(ok, "{engine:?}: {key}");
    assert_eq!(public_key_of(&env, &key, true), public_key_of(&env, &leaf, false));

    // Renewal: same ARN, new serial.
    let serial = described_serial(&env, REGION, &cert);
    env.run(&["--region", REGION, "renew", &cert]).ok();
    assert_ne!(described_serial(&env, REGION, &cert), serial, "{engine:?}: a renewal gets a new serial");
    store_check(&env);

    // Revocation: the CRL lists the serial.
    let revoked = request(&env, &ca, "revoked.example.com");
    let revoked_serial = described_serial(&env, REGION, &revoked).replace(':', "").to_uppercase();
    env.run(&["--region", REGION, "cert", "revoke", &revoked]).ok();
    assert_eq!(env.describe(REGION, &revoked)["Status"], "REVOKED");
    let crl = env.run(&["--region", REGION, "ca", "crl", &ca]).ok().stdout;
    let crl_file = env.write("crl.pem", &crl);
    let (ok, text) = tool("openssl", &["crl", "-in", crl_file.to_str().unwrap(), "-noout", "-text"]);
    assert!(ok, "{text}");
    assert!(text.contains(&revoked_serial), "{engine:?}: the CRL lists {revoked_serial}: {text}");

    env.run(&["--region", REGION, "cert", "delete", &revoked]).ok();
    env.run(&["--region", REGION, "cert", "describe", &revoked]).code(4);
    assert_eq!(list(&env).len(), 1);
    store_check(&env);
}

#[test]
fn the_scenario_on_the_filesystem() {
    scenario(Engine::Fs);
}

#[test]
fn the_scenario_on_postgresql() {
    scenario(Engine::Pg);
}

/// Private keys are sealed under the store key: a dump of the database
/// shows none. Without the key file, or with another store's, public data
/// reads and anything that needs a key exits 3, writing nothing.
#[test]
fn keys_need_the_store_key_and_public_data_does_not() {
    let (env, pg) = Env::pg();
    let mode = std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(env.path("store.key")).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600, "store init made the key file, readable by its owner only");
    let ca = root(&env);
    let cert = request(&env, &ca, "www.example.com");
    let dump = hermetic(pg.cluster.bin.join("pg_dump"))
        .args(["-h", &pg.cluster.socket_dir, "-p", &pg.cluster.port, "-U", "postgres", "-n", &pg.schema, "acmctl"])
        .output()
        .unwrap();
    let dump = String::from_utf8_lossy(&dump.stdout);
    assert!(dump.contains("BEGIN CERTIFICATE"), "the dump has the certificates");
    assert!(!dump.contains("PRIVATE KEY"), "and no key");

    let pass = env.write("pass.txt", "correct horse battery staple\n");
    std::fs::set_permissions(&pass, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let other = env.path("other.key");
    std::fs::write(&other, [7u8; 32]).unwrap();
    std::fs::set_permissions(&other, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    for (what, key, says) in [
        ("no store key", "", "ACMCTL_STORE_KEY_FILE is not set"),
        ("another store's key", other.to_str().unwrap(), "does not hold this store's key"),
    ] {
        let mut env2 = env.sharing();
        env2.set("ACMCTL_STORE_KEY_FILE", key);
        let count = pg.cluster.psql(&format!("SELECT count(*) FROM {}.certificates", pg.schema));
        for args in [
            vec!["--region", REGION, "cert", "request", "--certificate-authority-arn", &ca, "--domain-name", "no.example.com"],
            vec!["--region", REGION, "cert", "export", &cert, "--passphrase-file", pass.to_str().unwrap()],
            vec!["--region", REGION, "renew", &cert],
        ] {
            let r = env2.run(&args).code(3);
            assert!(r.stderr.contains(says), "{what}, {args:?}: {}", r.stderr);
            assert_eq!(r.stderr.lines().filter(|l| l.starts_with("error:")).count(), 1, "{}", r.stderr);
        }
        assert_eq!(pg.cluster.psql(&format!("SELECT count(*) FROM {}.certificates", pg.schema)), count, "{what}");
        env2.run(&["--region", REGION, "cert", "describe", &cert]).ok();
        env2.run(&["--region", REGION, "cert", "get", &cert]).ok();
        env2.run(&["--region", REGION, "cert", "list"]).ok();
        env2.run(&["--region", REGION, "ca", "certificate", &ca]).ok();
    }
}

/// Each refusal is one line with its documented exit code, and the
/// database is left as it was.
#[test]
fn bad_stores_are_one_line_errors_with_their_exit_codes() {
    let c = cluster();
    let (env, pg) = Env::pg();
    let closed = free_port();
    let wrong_password = env.write("wrong-password", "not the password\n");
    std::fs::set_permissions(&wrong_password, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let foreign = c.new_schema();
    c.psql(&format!("SET ROLE acmctl; CREATE TABLE {foreign}.customers (id integer PRIMARY KEY)"));
    let empty = c.new_schema();
    let newer = c.new_schema();
    {
        let mut e = Env::fs();
        e.set("ACMCTL_HOME", &c.url_of(&newer));
        e.set("PGPASSFILE", &c.passfile.display().to_string());
        e.set("ACMCTL_STORE_KEY_FILE", &e.path("k").display().to_string());
        e.run(&["store", "init"]).ok();
    }
    c.psql(&format!(
        "INSERT INTO {newer}.schema_migrations (version, name, checksum, readable_by) VALUES (99, 'future', '\\x00', 99)"
    ));
    let unreachable = format!("postgresql://acmctl@127.0.0.1:{closed}/acmctl?sslmode=require&connect_timeout=5");
    // (what, store URL, more variables, exit code, what the error says)
    type Case<'a> = (&'a str, String, Vec<(&'a str, String)>, i32, &'a str);
    let cases: Vec<Case> = vec![
        ("unreachable", unreachable, vec![], 1, "cannot reach the store's server"),
        (
            "wrong password",
            pg.url.clone(),
            vec![("ACMCTL_DB_PASSWORD_FILE", wrong_password.display().to_string())],
            1,
            "refused user acmctl",
        ),
        ("bad URL", "postgresql://acmctl@db.example.com/acmctl?sslmode=bogus".into(), vec![], 3, "sslmode"),
        ("password in the URL", "postgresql://acmctl:secret@db.example.com/acmctl".into(), vec![], 3, "password"),
        ("newer schema", c.url_of(&newer), vec![], 3, "upgrade acmctl"),
        ("not an acmctl store", c.url_of(&foreign), vec![], 3, "not an acmctl store"),
        ("no store yet", c.url_of(&empty), vec![], 3, "acmctl store init"),
    ];
    for (what, url, extra, code, says) in cases {
        let mut args: Vec<(&str, &str)> = vec![("ACMCTL_HOME", url.as_str())];
        args.extend(extra.iter().map(|(k, v)| (*k, v.as_str())));
        let r = env.run_env(&args, &["--region", REGION, "cert", "list"]);
        assert_eq!(r.code, code, "{what}: {}", r.stderr);
        let errors: Vec<_> = r.stderr.lines().filter(|l| l.starts_with("error:")).collect();
        assert_eq!(errors.len(), 1, "{what}: {}", r.stderr);
        assert!(errors[0].contains(says), "{what}: {}", r.stderr);
        assert_no_panic(&r, what);
    }
    assert_eq!(c.psql(&format!("SELECT count(*) FROM information_schema.tables WHERE table_schema = '{empty}'")), "0");
    // store migrate on an up-to-date store applies nothing; on a directory it is refused.
    assert_eq!(env.run(&["store", "migrate"]).ok().line(), "1");
    Env::fs().run(&["store", "migrate"]).code(3);
    for s in [foreign, empty, newer] {
        c.psql(&format!("DROP SCHEMA {s} CASCADE"));
    }
}

/// Runs `per_worker` `cert request`s in each of `workers` threads, each its
/// own process; the n-th worker uses `urls[n % urls.len()]`. Returns every
/// ARN printed.
fn issue_at_once(env: &Env, ca: &str, workers: usize, per_worker: usize, urls: &[(String, Vec<(String, String)>)]) -> Vec<String> {
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let (url, extra) = &urls[w % urls.len()];
                s.spawn(move || {
                    (0..per_worker)
                        .map(|i| {
                            let name = format!("w{w}-{i}.example.com");
                            let mut cmd = env.command(&[
                                "--region", REGION, "cert", "request", "--certificate-authority-arn", ca,
                                "--key-algorithm", "EC_prime256v1", "--domain-name", &name,
                            ]);
                            cmd.env("ACMCTL_HOME", url).env("ACMCTL_LOCK_TIMEOUT", "120");
                            for (k, v) in extra {
                                cmd.env(k, v);
                            }
                            let r = to_run(cmd.output().unwrap()).ok();
                            r.line()
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    })
}

/// Every ARN printed once, every certificate listed, each with a serial
/// of its own (read from the store itself), and `store check` clean.
fn assert_all_issued_once(env: &Env, pg: Option<&PgStore>, arns: &[String], expected: usize) {
    assert_eq!(arns.len(), expected);
    assert_eq!(arns.iter().collect::<HashSet<_>>().len(), expected, "every ARN once");
    assert_eq!(list(env).len(), expected);
    let distinct_serials = match pg {
        Some(pg) => pg
            .cluster
            .psql(&format!("SELECT count(DISTINCT serial) FROM {}.certificates WHERE serial IS NOT NULL", pg.schema))
            .parse::<usize>()
            .unwrap(),
        None => {
            let authorities = env.store.join("regions").join(REGION).join("authorities");
            let serials = only_dir(&authorities).join("serials");
            let names: HashSet<_> = std::fs::read_dir(serials)
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .filter(|n| !n.to_string_lossy().starts_with('.'))
                .collect();
            names.len()
        }
    };
    assert_eq!(distinct_serials, expected, "no duplicate serial");
    store_check(env);
}

fn sixteen_by_fifty(engine: Engine) {
    let (env, pg) = Env::on(engine);
    let ca = root(&env);
    let home = env.vars.iter().find(|(k, _)| k == "ACMCTL_HOME").unwrap().1.clone();
    let arns = issue_at_once(&env, &ca, 16, 50, &[(home, vec![])]);
    assert_all_issued_once(&env, pg.as_ref(), &arns, 800);
}

#[test]
fn sixteen_processes_by_fifty_requests_on_postgresql() {
    sixteen_by_fifty(Engine::Pg);
}

#[test]
fn sixteen_processes_by_fifty_requests_on_the_filesystem() {
    sixteen_by_fifty(Engine::Fs);
}

/// The same database through two URLs (a host name checked with
/// verify-full and its address; ~/.pgpass-style file and a password file):
/// one store.
#[test]
fn two_urls_one_store() {
    let (env, pg) = Env::pg();
    let ca = root(&env);
    let second = pg.cluster.second_url_of(&pg.schema);
    let password = pg.cluster.password_file.display().to_string();
    let urls = vec![(pg.url.clone(), vec![]), (second.clone(), vec![("ACMCTL_DB_PASSWORD_FILE".to_string(), password.clone())])];
    let arns = issue_at_once(&env, &ca, 8, 10, &urls);
    assert_all_issued_once(&env, Some(&pg), &arns, 80);
    let r = env.run_env(&[("ACMCTL_HOME", &second), ("ACMCTL_DB_PASSWORD_FILE", &password)], &["--region", REGION, "--output", "json", "cert", "list"]).ok();
    assert_eq!(r.json()["CertificateSummaryList"].as_array().unwrap().len(), 80);
}

/// One idempotency token from many processes at once: one certificate,
/// and every process prints its ARN.
#[test]
fn an_idempotency_race_makes_one_certificate() {
    for engine in [Engine::Pg, Engine::Fs] {
        let (env, _pg) = Env::on(engine);
        let ca = root(&env);
        let children: Vec<_> = (0..8)
            .map(|_| {
                let mut c = env.command(&[
                    "--region", REGION, "cert", "request", "--certificate-authority-arn", &ca, "--key-algorithm",
                    "EC_prime256v1", "--domain-name", "once.example.com", "--idempotency-token", "race1",
                ]);
                c.stdout(Stdio::piped()).stderr(Stdio::piped());
                c.spawn().unwrap()
            })
            .collect();
        let arns: HashSet<String> =
            children.into_iter().map(|c| to_run(c.wait_with_output().unwrap()).ok().line()).collect();
        assert_eq!(arns.len(), 1, "{engine:?}: {arns:?}");
        assert_eq!(list(&env).len(), 1, "{engine:?}");
    }
}

/// Certificates made 340 days ago, exported (so eligible), due now.
fn due_certificates(env: &Env, n: usize) -> Vec<String> {
    let past = at(-340);
    let run = |args: &[&str]| env.run_env(&[("ACMCTL_NOW", &past)], args).ok().line();
    let ca = run(&["--region", REGION, "ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1"]);
    (0..n)
        .map(|i| {
            let name = format!("due{i}.example.com");
            run(&[
                "--region", REGION, "cert", "request", "--certificate-authority-arn", &ca, "--key-algorithm",
                "EC_prime256v1", "--domain-name", &name,
            ])
        })
        .collect()
}

/// Several `renew` sweeps at once: each certificate is renewed once.
#[test]
fn a_renewal_race_renews_each_certificate_once() {
    for engine in [Engine::Pg, Engine::Fs] {
        let (env, _pg) = Env::on(engine);
        let certs = due_certificates(&env, 6);
        let log = env.path("reloads.log");
        for (i, c) in certs.iter().enumerate() {
            let dest = env.path(&format!("tls{i}"));
            let target = format!("{ALB}{i}");
            env.run_env(&[("ACMCTL_NOW", &at(-339))], &[
                "--region", REGION, "deploy", c, "--target", &target, "--dest", dest.to_str().unwrap(), "--exec",
                &format!("echo {i} >> {}", log.display()),
            ])
            .ok();
        }
        let now = at(0);
        let children: Vec<_> = (0..6)
            .map(|_| {
                let mut c = env.command(&["--region", REGION, "--output", "json", "renew"]);
                c.env("ACMCTL_NOW", &now).stdout(Stdio::piped()).stderr(Stdio::piped());
                c.spawn().unwrap()
            })
            .collect();
        let mut renewed = 0;
        for c in children {
            let out = to_run(c.wait_with_output().unwrap()).ok();
            renewed += out.json()["Renewed"].as_u64().unwrap();
        }
        assert_eq!(renewed, 6, "{engine:?}: each certificate renewed once");
        let reloads = std::fs::read_to_string(&log).unwrap();
        assert_eq!(reloads.lines().count(), 12, "{engine:?}: deploy, then one reload per renewal: {reloads}");
        store_check(&env);
    }
}

/// Deployments belong to the host that made them: a renewal renews the
/// certificate once, and each host's `renew` rewrites and reloads only its
/// own deployments. InUseBy is every host's.
#[test]
fn each_host_redeploys_only_its_own_deployments() {
    let (env, _pg) = Env::pg();
    let cert = due_certificates(&env, 1).remove(0);
    let deploy_as = |host: &str| {
        let dest = env.path(&format!("tls-{host}"));
        let log = env.path(&format!("reloads-{host}.log"));
        env.run_env(&[("ACMCTL_NOW", &at(-339)), ("ACMCTL_HOST_ID", host)], &[
            "--region", REGION, "deploy", &cert, "--target", ALB, "--dest", dest.to_str().unwrap(), "--exec",
            &format!("echo {host} >> {}", log.display()),
        ])
        .ok();
        (dest, log)
    };
    let (dest_a, log_a) = deploy_as("host-a");
    let (dest_b, log_b) = deploy_as("host-b");
    let d = env.describe(REGION, &cert);
    assert_eq!(d["InUseBy"], serde_json::json!([ALB]), "InUseBy is global");
    let lines = |p: &std::path::Path| std::fs::read_to_string(p).unwrap_or_default().lines().count();
    let old_b = std::fs::read_to_string(dest_b.join("cert.pem")).unwrap();

    // Host A renews: its own files and reload only.
    let s = env.run_env(&[("ACMCTL_NOW", &at(0)), ("ACMCTL_HOST_ID", "host-a")], &["--region", REGION, "--output", "json", "renew"]).ok().json();
    assert_eq!(s["Renewed"], 1, "{s}");
    let (leaf, _) = get(&env, REGION, &cert);
    assert_eq!(std::fs::read_to_string(dest_a.join("cert.pem")).unwrap(), leaf);
    assert_eq!((lines(&log_a), lines(&log_b)), (2, 1), "host B's command did not run on host A");
    assert_eq!(std::fs::read_to_string(dest_b.join("cert.pem")).unwrap(), old_b, "host B's files are B's");

    // Host B's renew: nothing to renew, its stale deployment redeployed.
    let s = env.run_env(&[("ACMCTL_NOW", &at(0)), ("ACMCTL_HOST_ID", "host-b")], &["--region", REGION, "--output", "json", "renew"]).ok().json();
    assert_eq!(s["Renewed"], 0, "renewed once: {s}");
    assert_eq!(std::fs::read_to_string(dest_b.join("cert.pem")).unwrap(), leaf);
    assert_eq!((lines(&log_a), lines(&log_b)), (2, 2));
    // And again: nothing stale, nothing runs.
    env.run_env(&[("ACMCTL_NOW", &at(0)), ("ACMCTL_HOST_ID", "host-b")], &["--region", REGION, "renew"]).ok();
    assert_eq!((lines(&log_a), lines(&log_b)), (2, 2));
    assert_eq!(env.describe(REGION, &cert)["InUseBy"], serde_json::json!([ALB]));
}

/// `store copy`: a directory to a database and back, every record read
/// back and compared; the copies serve the same certificates, and a
/// destination that holds records is refused.
#[test]
fn store_copy_goes_both_ways_and_verifies() {
    let src = Env::fs();
    src.write("config.toml", "account_id = \"123456789012\"\n");
    let key = src.path("store.key");
    let ca = root(&src);
    let sub = src.subordinate(REGION, &ca, "EC_prime256v1");
    let certs: Vec<String> = (0..3).map(|i| request(&src, &sub, &format!("c{i}.example.com"))).collect();
    src.run(&["--region", REGION, "renew", &certs[0]]).ok();
    src.run(&["--region", REGION, "cert", "revoke", &certs[1]]).ok();
    src.run(&["--region", "us-west-2", "ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1"]).ok();
    // Certificates signed for a CSR, until one's serial starts with a zero
    // digit: its id is then shorter than the serial's 32 digits.
    let pending = src.run(&["--region", REGION, "ca", "init", "--mode", "private", "--type", "subordinate",
        "--pending-certificate", "--key-algorithm", "EC_prime256v1"]).ok().line();
    let csr = src.write("pending.csr", src.run(&["--region", REGION, "ca", "csr", &pending]).ok().stdout);
    let mut issued = Vec::new();
    while issued.last().is_none_or(|arn: &String| arn.rsplit('/').next().unwrap().len() == 32) {
        assert!(issued.len() < 400, "no serial with a leading zero digit in 400 certificates");
        issued.push(src.run(&["--region", REGION, "ca", "issue", &sub, "--csr", csr.to_str().unwrap(),
            "--template", "SubordinateCACertificate_PathLen0/V1", "--validity-days", "30"]).ok().line());
    }
    let issued_pem = |env: &Env, arn: &str| env.run(&["--region", REGION, "ca", "get-certificate", &sub, "--certificate-arn", arn]).ok().stdout;

    let c = cluster();
    let schema = c.new_schema();
    let url = c.url_of(&schema);
    let pg_vars = [
        ("PGPASSFILE", c.passfile.display().to_string()),
        ("ACMCTL_STORE_KEY_FILE", key.display().to_string()),
    ];
    let vars: Vec<(&str, &str)> = pg_vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let src_dir = src.store.display().to_string();
    let r = src.run_env(&vars, &["store", "copy", &src_dir, &url]).ok();
    assert!(r.stderr.contains("copied 4 authorities and 3 certificates in 2 regions"), "{}", r.stderr);

    let mut on_pg = Env::fs();
    on_pg.set("ACMCTL_HOME", &url);
    for (k, v) in &vars {
        on_pg.set(k, v);
    }
    store_check(&on_pg);
    for cert in &certs {
        assert_eq!(get(&on_pg, REGION, cert), get(&src, REGION, cert), "{cert}");
        assert_eq!(on_pg.describe(REGION, cert), src.describe(REGION, cert), "{cert}");
    }
    assert_eq!(ca_pem(&on_pg, REGION, &sub), ca_pem(&src, REGION, &sub));
    for arn in &issued {
        assert_eq!(issued_pem(&on_pg, arn), issued_pem(&src, arn), "{arn}");
    }
    // The copy issues under the same authorities.
    request(&on_pg, &sub, "after.example.com");

    let back = src.path("back");
    let back_dir = back.display().to_string();
    src.run_env(&vars, &["store", "copy", &url, &back_dir]).ok();
    let mut on_back = Env::fs();
    on_back.set("ACMCTL_HOME", &back_dir);
    store_check(&on_back);
    assert_eq!(list(&on_back).len(), 4);
    for cert in &certs {
        assert_eq!(get(&on_back, REGION, cert), get(&src, REGION, cert));
    }
    for arn in &issued {
        assert_eq!(issued_pem(&on_back, arn), issued_pem(&src, arn), "{arn}");
    }

    let r = src.run_env(&vars, &["store", "copy", &src_dir, &url]).code(6);
    assert!(r.stderr.contains("already holds records"), "{}", r.stderr);
    // Without the store key no key could be read: refused, nothing made.
    let keyless = src.path("keyless");
    let r = src.run_env(&vars[..1], &["store", "copy", &url, keyless.to_str().unwrap()]).code(3);
    assert!(r.stderr.contains("ACMCTL_STORE_KEY_FILE"), "{}", r.stderr);
    assert!(!keyless.exists());
    c.psql(&format!("DROP SCHEMA {schema} CASCADE"));
}

/// A row another session holds past ACMCTL_LOCK_TIMEOUT is "store busy",
/// exit 6, as the filesystem's lock is; the row is then free again.
#[test]
fn a_row_locked_past_the_lock_timeout_is_exit_6() {
    let (env, pg) = Env::pg();
    let ca = root(&env);
    let cert = request(&env, &ca, "held.example.com");
    let id = id(&cert).to_string();
    let mut holder = KillOnDrop(
        pg.cluster
            .psql_command(&format!(
                "BEGIN; SELECT 1 FROM {}.certificates WHERE id = '{id}' FOR UPDATE; SELECT pg_sleep(30); COMMIT;",
                pg.schema
            ))
            .stdout(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while pg.cluster.psql("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND state = 'active' AND pid <> pg_backend_pid()") != "1" {
        assert!(std::time::Instant::now() < deadline, "the holder never got going");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let r = env.run_env(&[("ACMCTL_LOCK_TIMEOUT", "0.3")], &["--region", REGION, "cert", "delete", &cert]).code(6);
    assert!(r.stderr.contains("the store is busy") && r.stderr.contains("ACMCTL_LOCK_TIMEOUT"), "{}", r.stderr);
    pg.cluster.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()");
    let _ = holder.0.wait();
    env.run(&["--region", REGION, "cert", "describe", &cert]).ok();
    env.run(&["--region", REGION, "cert", "delete", &cert]).ok();
}

/// `store check` on PostgreSQL finds what the schema cannot prevent: a
/// sealed key moved to another certificate's row does not open there (it
/// is bound to its row), and a record that does not read; each is named
/// by its place in the store, and the command exits 1.
#[test]
fn store_check_finds_swapped_keys_and_damaged_records() {
    let (env, pg) = Env::pg();
    let ca = root(&env);
    let a = request(&env, &ca, "a.example.com");
    let b = request(&env, &ca, "b.example.com");
    store_check(&env);
    let s = &pg.schema;
    pg.cluster.psql(&format!(
        "UPDATE {s}.certificate_versions SET key_sealed = (SELECT key_sealed FROM {s}.certificate_versions WHERE certificate_id = '{}') WHERE certificate_id = '{}'",
        id(&a),
        id(&b)
    ));
    let r = env.run(&["store", "check"]).code(1);
    assert!(r.stdout.contains(&format!("certificates/{}", id(&b))), "{}", r.stdout);
    assert!(!r.stdout.contains(&format!("certificates/{}", id(&a))), "{}", r.stdout);
    // The key is refused where it is used too: no export of a key from another row.
    let pass = env.write("pass.txt", "correct horse battery staple\n");
    std::fs::set_permissions(&pass, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let r = env.run(&["--region", REGION, "cert", "export", &b, "--passphrase-file", pass.to_str().unwrap()]);
    assert_ne!(r.code, 0, "{}", r.stdout);
    assert!(!r.stdout.contains("PRIVATE KEY"));

    pg.cluster.psql(&format!("UPDATE {s}.certificates SET record = '{{\"not\": \"a record\"}}' WHERE id = '{}'", id(&a)));
    let r = env.run(&["store", "check"]).code(1);
    assert!(r.stdout.contains(&format!("certificates/{}", id(&a))) && r.stdout.contains("does not read"), "{}", r.stdout);
    assert!(r.stderr.contains("2 problems"), "{}", r.stderr);
}

/// A revocation is on three records that must agree: the authority's, its
/// CRL and the certificate's. `store check` on PostgreSQL says which
/// disagrees.
#[test]
fn store_check_compares_revocations_with_the_crl() {
    let (env, pg) = Env::pg();
    let ca = root(&env);
    let c = request(&env, &ca, "revoked.example.com");
    env.run(&["--region", REGION, "cert", "revoke", &c]).ok();
    store_check(&env);
    let s = &pg.schema;
    pg.cluster.psql(&format!(
        "UPDATE {s}.certificates SET record = jsonb_set(record, '{{status}}', '\"ISSUED\"') WHERE id = '{}'",
        id(&c)
    ));
    let r = env.run(&["store", "check"]).code(1);
    assert!(r.stdout.contains("records serial") && r.stdout.contains(id(&c)), "{}", r.stdout);
    // A CRL from before the revocation: it lists nothing, and has an older number.
    pg.cluster.psql(&format!(
        "UPDATE {s}.authorities SET record = jsonb_set(record, '{{crl_number}}', '7') WHERE id = '{}'",
        id(&ca)
    ));
    let r = env.run(&["store", "check"]).code(1);
    assert!(r.stdout.contains("differs from the authority's record (7)"), "{}", r.stdout);
}

/// ACM Private CA's own records on PostgreSQL: an authority created
/// PENDING_CERTIFICATE, its CSR signed by IssueCertificate (an idempotency
/// token replays the same certificate), the certificate read back by ARN
/// and imported, issuance under the new subordinate, revocation by serial
/// onto the CRL, the account's settings and tags.
#[test]
fn private_ca_records_on_postgresql() {
    let (env, _pg) = Env::pg();
    let run = |args: &[&str]| env.run(&[&["--region", REGION][..], args].concat()).ok();
    let root = root(&env);
    let sub = run(&["ca", "init", "--mode", "private", "--type", "subordinate", "--pending-certificate", "--key-algorithm", "EC_prime256v1"]).line();
    let csr = env.write("sub.csr", run(&["ca", "csr", &sub]).stdout);
    let issue = || {
        run(&["ca", "issue", &root, "--csr", csr.to_str().unwrap(), "--template", "SubordinateCACertificate_PathLen0/V1", "--idempotency-token", "sub-1"]).line()
    };
    let issued = issue();
    assert_eq!(issue(), issued, "the token replays the certificate");
    let got = run(&["--output", "json", "ca", "get-certificate", &root, "--certificate-arn", &issued]).json();
    let cert = env.write("sub.pem", got["Certificate"].as_str().unwrap());
    let chain = env.write("sub-chain.pem", got["CertificateChain"].as_str().unwrap());
    run(&["ca", "import-certificate", &sub, "--certificate", cert.to_str().unwrap(), "--certificate-chain", chain.to_str().unwrap()]);
    let leaf = request(&env, &sub, "leaf.example.com");
    let (leaf_pem, leaf_chain) = get(&env, REGION, &leaf);
    let (ok, out) = openssl_verify(&env, &ca_pem(&env, REGION, &root), &leaf_pem, &leaf_chain, "leaf.example.com");
    assert!(ok, "{out}");

    let serial = issued.rsplit('/').next().unwrap().to_string();
    run(&["ca", "revoke", &root, "--serial", &serial]);
    let crl = run(&["--output", "json", "ca", "crl", &root]).json();
    let listed: Vec<String> = crl["RevokedCertificates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["Serial"].as_str().unwrap().replace(':', "").trim_start_matches('0').to_string())
        .collect();
    // The ARN's id is the serial as a number (no leading zero digit), as
    // the CRL's field need not be.
    assert_eq!(listed, [serial.to_lowercase().trim_start_matches('0')], "{crl}");

    run(&["account", "config", "put", "--days-before-expiry", "30"]);
    assert!(run(&["account", "config", "get"]).stdout.contains("30"));
    run(&["cert", "tags", "add", &leaf, "--tags", "team=pki"]);
    assert!(run(&["cert", "tags", "list", &leaf]).stdout.contains("pki"));
    store_check(&env);
}

/// `cert request --manifest` on PostgreSQL: every certificate of the file
/// in one transaction, each with a serial of its own, each verifying.
#[test]
fn a_manifest_issues_in_one_transaction_on_postgresql() {
    let (env, pg) = Env::pg();
    let ca = root(&env);
    let names: String = (0..120).map(|i| format!("m{i}.example.com alt{i}.example.com\n")).collect();
    let manifest = env.write("names.txt", names);
    let r = env
        .run(&[
            "--region", REGION, "cert", "request", "--manifest", manifest.to_str().unwrap(), "--certificate-authority-arn",
            &ca, "--key-algorithm", "EC_prime256v1",
        ])
        .ok();
    let arns: Vec<String> = r.stdout.lines().map(String::from).collect();
    assert_all_issued_once(&env, Some(&pg), &arns, 120);
    let d = env.describe(REGION, &arns[7]);
    assert_eq!(d["SubjectAlternativeNames"], serde_json::json!(["m7.example.com", "alt7.example.com"]));
    let (leaf, chain) = get(&env, REGION, &arns[7]);
    let (ok, out) = openssl_verify(&env, &ca_pem(&env, REGION, &ca), &leaf, &chain, "alt7.example.com");
    assert!(ok, "{out}");
}

/// A database store keeps this machine's files (default deployments,
/// serve's credentials) in the platform data directory. Without a home
/// directory there is none: what needs it is one line naming why, nothing
/// is written where acmctl happens to run, and the rest works.
#[test]
fn without_a_home_directory_only_what_needs_local_files_fails() {
    let (env, _pg) = Env::pg();
    let ca = root(&env);
    let cert = request(&env, &ca, "nohome.example.com");
    let cwd = env.path("cwd");
    std::fs::create_dir(&cwd).unwrap();
    let missing = env.path("no-such-home");
    let run_in_cwd = |args: &[&str]| {
        let mut cmd = env.command(args);
        cmd.env("HOME", &missing).current_dir(&cwd);
        to_run(cmd.output().unwrap())
    };
    let r = run_in_cwd(&["--region", REGION, "deploy", &cert, "--target", ALB]).code(1);
    let errors: Vec<_> = r.stderr.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 1, "{}", r.stderr);
    assert!(errors[0].contains(&format!("the home directory {} does not exist", missing.display())), "{}", r.stderr);
    let r = run_in_cwd(&["serve", "--listen", "127.0.0.1:0"]).code(1);
    assert!(r.stderr.contains("does not exist"), "{}", r.stderr);
    assert_eq!(std::fs::read_dir(&cwd).unwrap().count(), 0, "files were written where acmctl ran");
    assert_eq!(env.describe(REGION, &cert)["InUseBy"], serde_json::json!([]));
    // With a destination, deploy needs no home.
    let dest = env.path("dest");
    run_in_cwd(&["--region", REGION, "deploy", &cert, "--target", ALB, "--dest", dest.to_str().unwrap()]).ok();
    assert!(dest.join("privkey.pem").exists());
}
