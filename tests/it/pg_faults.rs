//! Faults of a store on PostgreSQL: clients killed in the middle of their
//! transactions, the server itself stopped with `pg_ctl stop -m immediate`
//! while clients issue (fsync on), and two `acmctl serve` processes on one
//! database answering for the same records.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::common::servers::venv_tool;
use crate::common::*;

const REGION: &str = "eu-west-1";

fn root(env: &Env) -> String {
    env.run(&["--region", REGION, "ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1"]).ok().line()
}

fn request_command(env: &Env, ca: &str, name: &str) -> Command {
    env.command(&[
        "--region", REGION, "cert", "request", "--certificate-authority-arn", ca, "--key-algorithm", "EC_prime256v1",
        "--domain-name", name,
    ])
}

fn check_clean(env: &Env) {
    let r = env.run(&["store", "check"]);
    assert_eq!(r.code, 0, "store check: {}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains(" 0 problems"), "{}", r.stderr);
}

/// Every certificate listed reads whole: record, certificate and chain.
fn all_readable(env: &Env) -> usize {
    let list = env.run(&["--region", REGION, "--output", "json", "cert", "list"]).ok().json();
    let arns: Vec<String> = list["CertificateSummaryList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["CertificateArn"].as_str().unwrap().to_string())
        .collect();
    for arn in &arns {
        env.run(&["--region", REGION, "cert", "get", arn]).ok();
    }
    arns.len()
}

/// Requests, revocations and renewals killed with SIGKILL after a random
/// pause: the store stays consistent, each certificate whole or absent.
#[test]
fn clients_killed_mid_transaction_leave_a_consistent_store() {
    let (env, _pg) = crate::common::Env::pg();
    let ca = root(&env);
    let mut rng = Rng(0x5eed_0f9a_11aa);
    let mut survivors = Vec::new();
    for i in 0..6 {
        survivors.push(to_run(request_command(&env, &ca, &format!("s{i}.example.com")).output().unwrap()).ok().line());
    }
    let mut killed = 0;
    for round in 0..40 {
        let mut cmd = match round % 4 {
            0 | 1 => request_command(&env, &ca, &format!("k{round}.example.com")),
            2 => env.command(&["--region", REGION, "cert", "revoke", &survivors[rng.index(survivors.len())]]),
            _ => env.command(&["--region", REGION, "renew", &survivors[rng.index(survivors.len())]]),
        };
        cmd.stdout(Stdio::null()).stderr(Stdio::null());
        let mut child = cmd.spawn().unwrap();
        std::thread::sleep(Duration::from_micros(5_000 + rng.below(60_000)));
        if child.try_wait().unwrap().is_none() {
            killed += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    assert!(killed > 5, "some commands died mid-way ({killed})");
    check_clean(&env);
    assert!(all_readable(&env) >= survivors.len());
    // And the store goes on: a request after the kills.
    to_run(request_command(&env, &ca, "after.example.com").output().unwrap()).ok();
    check_clean(&env);
}

/// A cluster of its own, with fsync on, that this test may crash.
struct OwnCluster {
    dir: PathBuf,
    vars: HashMap<String, String>,
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/pg-cluster.sh")
}

impl OwnCluster {
    fn start() -> OwnCluster {
        let dir = std::env::temp_dir().join(format!("acmctl-pg-crash-{}", uuid::Uuid::new_v4().simple()));
        let out = hermetic(script()).args(["start", dir.to_str().unwrap(), "--fsync"]).env("ACMCTL_BIN", BIN).output().unwrap();
        assert!(out.status.success(), "pg-cluster.sh start: {}", String::from_utf8_lossy(&out.stderr));
        let vars = String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| l.strip_prefix("export "))
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.to_string(), v.replace('\\', "")))
            .collect();
        OwnCluster { dir, vars }
    }

    fn run(&self, what: &str) {
        let out = hermetic(script()).args([what, self.dir.to_str().unwrap()]).output().unwrap();
        assert!(out.status.success(), "pg-cluster.sh {what}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

impl Drop for OwnCluster {
    fn drop(&mut self) {
        let _ = hermetic(script()).args(["stop", self.dir.to_str().unwrap()]).output();
    }
}

/// The server stopped with `pg_ctl stop -m immediate` (as a power cut
/// would, fsync on) while 8 clients issue: after a restart, `store check`
/// is clean and every certificate whose ARN a client printed is there.
#[test]
fn the_server_crashing_while_eight_clients_issue_loses_no_printed_certificate() {
    let own = OwnCluster::start();
    let mut env = Env::fs();
    env.set("ACMCTL_HOME", &own.vars["ACMCTL_TEST_PG_URL"]);
    env.set("PGPASSFILE", &own.vars["ACMCTL_TEST_PG_PASSFILE"]);
    env.set("ACMCTL_STORE_KEY_FILE", &env.path("store.key").display().to_string());
    env.run(&["store", "init"]).ok();
    let ca = root(&env);
    let crashed = AtomicBool::new(false);
    let printed: Vec<String> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..8)
            .map(|w| {
                let (env, ca, crashed) = (&env, &ca, &crashed);
                s.spawn(move || {
                    let mut arns = Vec::new();
                    let mut failures_after = 0;
                    for i in 0.. {
                        let r = to_run(request_command(env, ca, &format!("w{w}-{i}.example.com")).output().unwrap());
                        assert_no_panic(&r, "a request while the server goes down");
                        if r.code == 0 {
                            arns.push(r.line());
                        } else {
                            assert_eq!(r.code, 1, "the server gone is a failure: {}", r.stderr);
                            assert_eq!(r.stderr.lines().filter(|l| l.starts_with("error:")).count(), 1, "{}", r.stderr);
                        }
                        if crashed.load(Ordering::SeqCst) {
                            failures_after += (r.code != 0) as u32;
                            if failures_after >= 2 {
                                break;
                            }
                        }
                    }
                    arns
                })
            })
            .collect();
        // Let the clients get going, then pull the plug.
        let deadline = Instant::now() + Duration::from_secs(60);
        while own_count(&own) < 40 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        own.run("kill");
        crashed.store(true, Ordering::SeqCst);
        workers.into_iter().flat_map(|w| w.join().unwrap()).collect()
    });
    own.run("restart");
    assert!(printed.len() >= 40, "clients issued before the crash: {}", printed.len());
    check_clean(&env);
    let list = env.run(&["--region", REGION, "--output", "json", "cert", "list"]).ok().json();
    let listed: std::collections::HashSet<&str> = list["CertificateSummaryList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["CertificateArn"].as_str().unwrap())
        .collect();
    for arn in &printed {
        assert!(listed.contains(arn.as_str()), "{arn} was printed and is gone");
    }
    assert!(listed.len() >= printed.len());
}

/// How many certificates the crash test's cluster holds, through its
/// superuser socket (0 while unreachable).
fn own_count(own: &OwnCluster) -> usize {
    let out = hermetic(Path::new(&own.vars["ACMCTL_TEST_PG_BIN"]).join("psql"))
        .args(["-X", "-At", "-h", &own.vars["ACMCTL_TEST_PG_SOCKET_DIR"], "-p", &own.vars["ACMCTL_TEST_PG_PORT"]])
        .args(["-U", "postgres", "-d", "acmctl", "-c", "SELECT count(*) FROM certificates"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap_or(0)
}

/// Two `acmctl serve` processes on one database answer for the same
/// records: what one issues, the other describes, and the other way round.
#[test]
fn two_serve_processes_on_one_database_share_their_records() {
    let (env, _pg) = crate::common::Env::pg();
    let ca = root(&env);
    let start = |name: &str| {
        let ready = env.path(&format!("ready-{name}"));
        let log = env.path(&format!("serve-{name}.log"));
        let mut cmd = env.command(&["serve", "--listen", "127.0.0.1:0", "--ready-file", ready.to_str().unwrap()]);
        cmd.stdout(Stdio::null()).stderr(std::fs::File::create(&log).unwrap());
        let mut child = KillOnDrop(cmd.spawn().unwrap());
        let addr = wait_for_serve(&mut child, &ready, &log);
        (child, format!("http://{addr}"))
    };
    let (_a, url_a) = start("a");
    let (_b, url_b) = start("b");
    // Both read serve's credentials from this machine's data directory.
    let credentials = env.path("home").join(".local/share/acmctl/serve/credentials");
    assert!(credentials.exists(), "serve's credentials are this machine's files");
    let aws = |url: &str, args: &[&str]| {
        let mut cmd = env.program(venv_tool("aws"));
        cmd.env("AWS_ENDPOINT_URL", url)
            .env("AWS_SHARED_CREDENTIALS_FILE", &credentials)
            .env("AWS_CONFIG_FILE", "/dev/null")
            .env("AWS_DEFAULT_REGION", REGION)
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("AWS_MAX_ATTEMPTS", "1")
            .args(args);
        to_run(cmd.output().unwrap()).ok().line()
    };
    let issue = |url: &str, name: &str| {
        aws(url, &[
            "acm", "request-certificate", "--domain-name", name, "--certificate-authority-arn", &ca, "--output",
            "text", "--query", "CertificateArn",
        ])
    };
    let from_a = issue(&url_a, "a.example.com");
    let from_b = issue(&url_b, "b.example.com");
    for (url, arn, name) in [(&url_b, &from_a, "a.example.com"), (&url_a, &from_b, "b.example.com")] {
        let described =
            aws(url, &["acm", "describe-certificate", "--certificate-arn", arn, "--output", "text", "--query", "Certificate.DomainName"]);
        assert_eq!(described, name);
    }
    let listed = aws(&url_a, &["acm", "list-certificates", "--output", "text", "--query", "length(CertificateSummaryList)"]);
    assert_eq!(listed, "2");
    check_clean(&env);
}
