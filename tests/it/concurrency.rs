//! Many processes at once: the region lock serialises them and nothing is
//! lost or repeated. Raise ACMCTL_TEST_CONCURRENCY (processes) and
//! ACMCTL_TEST_PER_PROCESS for a longer run.

use std::collections::HashSet;
use std::fs::File;

use crate::common::*;

const REGION: &str = "ap-northeast-1";

fn knob(var: &str, default: usize) -> usize {
    std::env::var(var).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[test]
fn sixteen_processes_issuing_fifty_each_lose_and_repeat_nothing() {
    let procs = knob("ACMCTL_TEST_CONCURRENCY", 16);
    let each = knob("ACMCTL_TEST_PER_PROCESS", 50);
    let env = Env::new();
    let ca = env.root(REGION, "EC_prime256v1");
    let failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..procs)
            .map(|p| {
                let env = &env;
                let ca = &ca;
                s.spawn(move || {
                    let mut failed = Vec::new();
                    for i in 0..each {
                        let name = format!("p{p}-n{i}.example.com");
                        let run = env.run(&[
                            "--region", REGION, "cert", "request", "--certificate-authority-arn", ca,
                            "--key-algorithm", "EC_prime256v1", "--domain-name", &name,
                        ]);
                        if run.code != 0 {
                            failed.push(format!("{name}: exit {} {}", run.code, run.stderr));
                        }
                    }
                    failed
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    assert!(failures.is_empty(), "{} requests failed:\n{}", failures.len(), failures.join("\n"));

    let list = env.run(&["--region", REGION, "--output", "json", "cert", "list"]).ok().json();
    let arns: Vec<String> = list["CertificateSummaryList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["CertificateArn"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(arns.len(), procs * each, "every issued certificate is listed");
    let names: HashSet<String> = list["CertificateSummaryList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["DomainName"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names.len(), procs * each, "every request made exactly one certificate");

    let mut serials = HashSet::new();
    for serial in env.cert_fields(REGION, "serial") {
        assert!(serials.insert(serial.clone()), "duplicate {serial}");
    }
    assert_eq!(serials.len(), procs * each);
    let check = env.run(&["--output", "json", "store", "check"]).ok().json();
    assert_eq!(check["Certificates"], procs * each);
    assert_eq!(check["Cleaned"].as_array().unwrap().len(), 0, "no leftovers: {check}");
}

#[test]
fn a_lock_held_too_long_gives_exit_6_and_changes_nothing() {
    // The filesystem engine's region lock; a row held on PostgreSQL is
    // pg_store::a_row_locked_past_the_lock_timeout_is_exit_6.
    let env = Env::fs();
    let ca = env.root(REGION, "EC_prime256v1");
    let lock_path = env.store.join("regions").join(REGION).join("lock");
    let holder = File::options().read(true).write(true).open(&lock_path).unwrap();
    holder.lock().unwrap();
    let before = env.snapshot();
    let run = env.run_env(
        &[("ACMCTL_LOCK_TIMEOUT", "0.3")],
        &["--region", REGION, "cert", "request", "--certificate-authority-arn", &ca, "--key-algorithm",
          "EC_prime256v1", "--domain-name", "busy.example.com"],
    );
    assert_no_panic(&run, "cert request");
    assert_eq!(run.code, 6, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("busy") && run.stderr.contains(&lock_path.display().to_string()), "{}", run.stderr);
    assert!(run.stderr.contains("ACMCTL_LOCK_TIMEOUT"), "the hint says how to wait longer: {}", run.stderr);
    assert_same_store(&before, &env.snapshot(), "a command that could not take the lock");
    let run = env.run_env(&[("ACMCTL_LOCK_TIMEOUT", "0")], &["--region", REGION, "ca", "init", "--mode", "private"]);
    assert_eq!(run.code, 6, "{}", run.stderr);
    holder.unlock().unwrap();
    env.run_env(
        &[("ACMCTL_LOCK_TIMEOUT", "5")],
        &["--region", REGION, "cert", "request", "--certificate-authority-arn", &ca, "--key-algorithm",
          "EC_prime256v1", "--domain-name", "free.example.com"],
    )
    .ok();
}

#[test]
fn concurrent_renewals_of_one_certificate_are_serialised() {
    let env = Env::new();
    let ca = env.root(REGION, "EC_prime256v1");
    let cert = env.private_cert(REGION, &ca, "EC_prime256v1", &["renew.example.com"]);
    let pass = env.write("pass", "renewal-pass");
    env.run(&["--region", REGION, "cert", "export", &cert, "--passphrase-file", pass.to_str().unwrap()]).ok();
    let first = described_serial(&env, REGION, &cert);
    let n = 8;
    let runs: Vec<Run> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..n).map(|_| s.spawn(|| env.run(&["--region", REGION, "--output", "json", "renew", &cert]))).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut renewed = 0;
    for run in &runs {
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        let v = run.json();
        renewed += v["Renewed"].as_u64().unwrap() as usize;
        if v["Renewed"] == 0 {
            assert!(run.stdout.contains("by another process"), "a renewal that waited says why it did nothing: {}", run.stdout);
        }
    }
    // One at a time: those that waited for the lock found the certificate
    // renewed; every renewal that happened is counted, none overwritten.
    assert!(renewed >= 1, "{renewed} of {n} renewed");
    let n = renewed;
    assert_eq!(env.cert_field(REGION, &cert, "version"), Some((n + 1).to_string()));
    assert_eq!(env.reserved_serials(REGION, &ca), n + 1, "one serial per issue");
    assert_ne!(described_serial(&env, REGION, &cert), first);
    let (pem, chain) = get(&env, REGION, &cert);
    let (ok, out) = openssl_verify(&env, &ca_pem(&env, REGION, &ca), &pem, &chain, "renew.example.com");
    assert!(ok, "{out}");
    env.run(&["store", "check"]).ok();
}
