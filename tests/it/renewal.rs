//! Managed renewal, driven with ACMCTL_NOW: certificates are made 340 days
//! in the past, so that "now" is inside their renewal window and the
//! renewed certificate is valid for real tools (openssl, a TLS server).

use std::path::Path;

use crate::common::*;
use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

const EU: &str = "eu-west-1";
const ACCOUNT: &str = "123456789012";
const ALB: &str = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188";

fn at(days_from_now: i64) -> String {
    (OffsetDateTime::now_utc() + Duration::days(days_from_now)).replace_nanosecond(0).unwrap().format(&Rfc3339).unwrap()
}

/// A store whose root and certificate were made 340 days ago (55 days
/// before the certificate's NotAfter). Returns the env, the root and the
/// certificate; every command runs at that past time unless told otherwise.
fn setup() -> (Env, String, String) {
    let env = Env::new();
    env.write("config.toml", format!("account_id = \"{ACCOUNT}\"\n"));
    let past = at(-340);
    let run = |args: &[&str]| env.run_env(&[("ACMCTL_NOW", &past)], args).ok().line();
    let root = run(&["--region", EU, "ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1"]);
    let cert = run(&["--region", EU, "cert", "request", "--certificate-authority-arn", &root, "--key-algorithm", "EC_prime256v1", "--domain-name", "www.example.com"]);
    (env, root, cert)
}

fn renew_at(env: &Env, now: &str, extra: &[&str]) -> Run {
    let mut args = vec!["--region", EU, "--output", "json", "renew"];
    args.extend(extra);
    env.run_env(&[("ACMCTL_NOW", now)], &args)
}

fn entry<'a>(summary: &'a Value, arn: &str) -> &'a Value {
    summary["Certificates"].as_array().unwrap().iter().find(|e| e["CertificateArn"] == arn).unwrap_or_else(|| panic!("{arn} missing from {summary}"))
}


fn deploy(env: &Env, arn: &str, dest: &Path, hook: &str) {
    env.run_env(&[("ACMCTL_NOW", &at(-339))], &["--region", EU, "deploy", arn, "--target", ALB, "--dest", dest.to_str().unwrap(), "--exec", hook]).ok();
}

#[test]
fn an_in_use_certificate_is_renewed_in_its_window_and_redeployed() {
    let (env, root, cert) = setup();
    let dest = env.path("tls");
    let log = env.path("reloads.log");
    deploy(&env, &cert, &dest, &format!("echo \"$ACMCTL_CERTIFICATE_ARN\" >> {}", log.display()));
    let old_serial = described_serial(&env, EU, &cert);
    let old_key = std::fs::read_to_string(dest.join("privkey.pem")).unwrap();
    let before = env.snapshot();

    // 100 days after issue: not due, nothing written.
    let s = renew_at(&env, &at(-240), &[]).ok().json();
    assert_eq!(s["Renewed"], 0);
    let e = entry(&s, &cert);
    assert_eq!(e["Action"], "SKIPPED");
    assert!(e["Reason"].as_str().unwrap().starts_with("not due until"), "{e}");
    assert_same_store(&before, &env.snapshot(), "a sweep with nothing due");

    // Now: 55 days before NotAfter, so due.
    let s = renew_at(&env, &at(0), &[]).ok().json();
    assert_eq!(s["Renewed"], 1, "{s}");
    let e = entry(&s, &cert);
    assert_eq!(e["Action"], "RENEWED");
    assert_eq!(e["Deployments"][0]["Status"], "SUCCESS");
    assert_eq!(e["Deployments"][0]["Target"], ALB);

    let new_serial = described_serial(&env, EU, &cert);
    assert_ne!(new_serial, old_serial, "a renewal gets a new serial");
    let d = env.describe(EU, &cert);
    assert_eq!(d["CertificateArn"], cert.as_str(), "same ARN");
    assert_eq!(d["RenewalSummary"]["RenewalStatus"], "SUCCESS");
    assert!(d["RenewalSummary"]["UpdatedAt"].is_string());
    assert_eq!(d["Status"], "ISSUED");

    let (leaf, chain) = get(&env, EU, &cert);
    let root_pem = ca_pem(&env, EU, &root);
    let (ok, out) = openssl_verify(&env, &root_pem, &leaf, &chain, "www.example.com");
    assert!(ok, "the renewed certificate verifies: {out}");
    assert_eq!(std::fs::read_to_string(dest.join("cert.pem")).unwrap(), leaf, "the deployment holds the new certificate");
    let new_key = std::fs::read_to_string(dest.join("privkey.pem")).unwrap();
    assert_ne!(new_key, old_key, "a renewal gets a new key");
    assert_eq!(public_key_of(&env, &new_key, true), public_key_of(&env, &leaf, false));
    let reloads = std::fs::read_to_string(&log).unwrap();
    assert_eq!(reloads.lines().collect::<Vec<_>>(), vec![cert.as_str(), cert.as_str()], "the hook ran at deploy and again at renewal");

    // The server, reloaded, serves the renewed certificate.
    let (_server, port) = tls_server(&dest);
    assert_eq!(served_serial(&env, port, "www.example.com", &root_pem), new_serial);

    // Right after, nothing is due: safe from cron.
    let before = env.snapshot();
    let s = renew_at(&env, &at(0), &[]).ok().json();
    assert_eq!(s["Renewed"], 0);
    assert!(entry(&s, &cert)["Reason"].as_str().unwrap().starts_with("not due until"));
    assert_same_store(&before, &env.snapshot(), "a second sweep");
    assert_eq!(std::fs::read_to_string(&log).unwrap().lines().count(), 2);
    env.run(&["store", "check"]).ok();
}

#[test]
fn unused_certificates_are_skipped_and_the_summary_says_why() {
    let (env, root, unused) = setup();
    let exported = env.run_env(&[("ACMCTL_NOW", &at(-340))], &["--region", EU, "cert", "request", "--certificate-authority-arn", &root, "--key-algorithm", "EC_prime256v1", "--domain-name", "api.example.com"]).ok().line();
    let pass = env.write("pass.txt", "correct horse battery staple\n");
    env.run_env(&[("ACMCTL_NOW", &at(-339))], &["--region", EU, "cert", "export", &exported, "--passphrase-file", pass.to_str().unwrap()]).ok();
    let unused_serial = described_serial(&env, EU, &unused);

    let text = env.run_env(&[("ACMCTL_NOW", &at(0))], &["--region", EU, "renew"]).ok().stdout;
    assert!(text.contains("INELIGIBLE") && text.contains("SKIPPED") && text.contains("RENEWED"), "{text}");
    assert_eq!(described_serial(&env, EU, &unused), unused_serial);
    assert!(env.describe(EU, &unused).get("RenewalSummary").is_none());
    assert_eq!(env.describe(EU, &exported)["RenewalSummary"]["RenewalStatus"], "SUCCESS", "an exported certificate is eligible");

    let s = renew_at(&env, &at(1), &[]).ok().json();
    for key in ["Renewed", "Skipped", "PendingValidation", "Failed"] {
        assert!(s[key].is_u64(), "{key} in {s}");
    }
    assert_eq!(s["Skipped"], 2);
    let e = entry(&s, &unused);
    assert_eq!(e["Action"], "SKIPPED");
    assert!(e["Reason"].as_str().unwrap().starts_with("INELIGIBLE"), "{e}");
    for key in ["CertificateArn", "DomainName", "Action", "Serial", "NotAfter", "Deployments"] {
        assert!(!e[key].is_null(), "{key} in {e}");
    }
}

#[test]
fn renew_by_arn_renews_now_and_keeps_the_arn() {
    let env = Env::new();
    env.write("config.toml", format!("account_id = \"{ACCOUNT}\"\n"));
    let root = env.root(EU, "EC_prime256v1");
    let cert = env.private_cert(EU, &root, "EC_prime256v1", &["www.example.com"]);
    let old = described_serial(&env, EU, &cert);
    let s = env.run(&["--region", EU, "--output", "json", "renew", &cert]).ok().json();
    assert_eq!(s["Renewed"], 1);
    assert_eq!(entry(&s, &cert)["Action"], "RENEWED");
    assert_ne!(described_serial(&env, EU, &cert), old);
    let (leaf, chain) = get(&env, EU, &cert);
    let (ok, out) = openssl_verify(&env, &ca_pem(&env, EU, &root), &leaf, &chain, "www.example.com");
    assert!(ok, "{out}");
    // From another region it is refused, not "not found".
    let r = env.run(&["--region", "us-east-1", "renew", &cert]).code(5);
    assert!(r.stderr.contains("regional-resource"), "{}", r.stderr);
}

/// Changes a certificate's type in its record, as an import would have made it.
fn set_type(env: &Env, arn: &str, cert_type: &str) {
    env.set_cert_type(EU, arn, cert_type);
}

#[test]
fn an_imported_certificate_is_refused_by_arn_and_skipped_by_the_sweep() {
    let (env, _, cert) = setup();
    deploy(&env, &cert, &env.path("tls"), "true");
    set_type(&env, &cert, "IMPORTED");
    let before = env.snapshot();
    let r = env.run_env(&[("ACMCTL_NOW", &at(0))], &["--region", EU, "renew", &cert]).code(5);
    assert!(r.stderr.contains("refused by rule imported-not-renewed"), "{}", r.stderr);
    assert!(r.stderr.contains("import"), "{}", r.stderr);
    assert_same_store(&before, &env.snapshot(), "renewing an imported certificate");
    let s = renew_at(&env, &at(0), &[]).ok().json();
    assert_eq!(s["Renewed"], 0);
    assert!(entry(&s, &cert)["Reason"].as_str().unwrap().starts_with("IMPORTED"));
    assert_same_store(&before, &env.snapshot(), "a sweep over an imported certificate");
}

#[test]
fn a_public_certificate_is_not_renewed_without_revalidation() {
    let (env, _, cert) = setup();
    let dest = env.path("tls");
    deploy(&env, &cert, &dest, "true");
    set_type(&env, &cert, "AMAZON_ISSUED");
    let serial = described_serial(&env, EU, &cert);
    let files = std::fs::read_to_string(dest.join("cert.pem")).unwrap();
    let s = renew_at(&env, &at(0), &[]).ok().json();
    assert_eq!(s["PendingValidation"], 1);
    let e = entry(&s, &cert);
    assert_eq!(e["Action"], "PENDING_VALIDATION");
    assert!(e["Reason"].as_str().unwrap().contains("DNS"), "{e}");
    let d = env.describe(EU, &cert);
    assert_eq!(d["RenewalSummary"]["RenewalStatus"], "PENDING_VALIDATION");
    assert!(d["RenewalSummary"]["RenewalStatusReason"].as_str().unwrap().contains("DNS"));
    assert_eq!(described_serial(&env, EU, &cert), serial);
    assert_eq!(std::fs::read_to_string(dest.join("cert.pem")).unwrap(), files);
}

#[test]
fn a_failing_hook_during_renewal_is_reported_and_the_exit_is_nonzero() {
    let (env, _, cert) = setup();
    let dest = env.path("tls");
    let flag = env.path("fail-now");
    deploy(&env, &cert, &dest, &format!("test ! -e {}", flag.display()));
    std::fs::write(&flag, "").unwrap();
    let r = renew_at(&env, &at(0), &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let s = r.json();
    let e = entry(&s, &cert);
    assert_eq!(e["Action"], "RENEWED");
    assert_eq!(e["Deployments"][0]["Status"], "FAILED");
    assert!(e["Deployments"][0]["Reason"].as_str().unwrap().contains("reload command"), "{e}");
    assert!(r.stderr.contains(&cert), "{}", r.stderr);
    let (leaf, _) = get(&env, EU, &cert);
    assert_eq!(std::fs::read_to_string(dest.join("cert.pem")).unwrap(), leaf, "the files are updated even when the reload fails");
}

#[test]
fn concurrent_sweeps_renew_a_certificate_once() {
    let (env, _, cert) = setup();
    let log = env.path("reloads.log");
    deploy(&env, &cert, &env.path("tls"), &format!("echo x >> {}", log.display()));
    let now = at(0);
    let children: Vec<_> = (0..4)
        .map(|_| {
            let mut c = env.command(&["--region", EU, "--output", "json", "renew"]);
            c.env("ACMCTL_NOW", &now).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
            c.spawn().unwrap()
        })
        .collect();
    let mut renewed = 0;
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        renewed += v["Renewed"].as_u64().unwrap();
    }
    assert_eq!(renewed, 1, "exactly one sweep renews the certificate");
    assert_eq!(std::fs::read_to_string(&log).unwrap().lines().count(), 2, "deploy, then one renewal");
}

/// An authority whose key is encrypted renews with --passphrase-file (or
/// ACMCTL_CA_PASSPHRASE). Named by ARN, a missing or wrong passphrase is the
/// caller's mistake: exit 3, the reason, nothing written. The sweep records
/// the reason on the certificate instead, and carries on.
#[test]
fn an_encrypted_authority_renews_with_its_passphrase_file() {
    let env = Env::new();
    let past = at(-340);
    let pass = env.write("ca.pass", "encrypted root passphrase\n");
    let wrong = env.write("wrong.pass", "not the passphrase\n");
    let p = pass.to_str().unwrap();
    let run = |args: &[&str]| env.run_env(&[("ACMCTL_NOW", &past)], args).ok().line();
    let root = run(&["--region", EU, "ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1", "--passphrase-file", p]);
    let cert = run(&["--region", EU, "cert", "request", "--certificate-authority-arn", &root, "--key-algorithm", "EC_prime256v1",
                     "--domain-name", "enc.example.com", "--passphrase-file", p]);
    env.run_env(&[("ACMCTL_NOW", &at(-339))], &["--region", EU, "cert", "export", &cert, "--passphrase-file", p]).ok();
    let old_serial = described_serial(&env, EU, &cert);

    let before = env.snapshot();
    let r = renew_at(&env, &at(0), &[&cert]).code(3);
    assert!(r.stderr.contains(&format!("the key of certificate authority {root} is encrypted and no passphrase was given")), "{}", r.stderr);
    assert!(r.stderr.contains("--passphrase-file"), "the hint names the flag: {}", r.stderr);
    assert_same_store(&before, &env.snapshot(), "renew by ARN without the passphrase");
    let r = renew_at(&env, &at(0), &[&cert, "--passphrase-file", wrong.to_str().unwrap()]).code(3);
    assert!(r.stderr.contains(&format!("the passphrase does not decrypt the key of certificate authority {root}")), "{}", r.stderr);
    assert_same_store(&before, &env.snapshot(), "renew by ARN with a wrong passphrase");
    let r = renew_at(&env, &at(0), &[&cert, "--passphrase-file", env.path("missing.pass").to_str().unwrap()]).code(3);
    assert!(r.stderr.contains("cannot read passphrase file"), "{}", r.stderr);
    assert_same_store(&before, &env.snapshot(), "renew by ARN with a missing passphrase file");

    // The sweep without it: FAILED, with the reason, on the certificate.
    let s = renew_at(&env, &at(0), &[]).code(1).json();
    assert_eq!(entry(&s, &cert)["Action"], "FAILED");
    assert!(entry(&s, &cert)["Reason"].as_str().unwrap().contains("no passphrase was given"), "{s}");
    assert_eq!(env.describe(EU, &cert)["RenewalSummary"]["RenewalStatus"], "FAILED");
    assert_eq!(described_serial(&env, EU, &cert), old_serial);

    let s = renew_at(&env, &at(0), &["--passphrase-file", p]).ok().json();
    assert_eq!(entry(&s, &cert)["Action"], "RENEWED", "{s}");
    let new_serial = described_serial(&env, EU, &cert);
    assert_ne!(new_serial, old_serial);
    // And by ARN, with the file.
    renew_at(&env, &at(0), &[&cert, "--passphrase-file", p]).ok();
    assert_ne!(described_serial(&env, EU, &cert), new_serial);
    let (cert_pem, chain) = get(&env, EU, &cert);
    let (ok, out) = openssl_verify(&env, &ca_pem(&env, EU, &root), &cert_pem, &chain, "enc.example.com");
    assert!(ok, "{out}");
}

#[test]
fn a_sweep_shows_progress_only_on_a_terminal() {
    let (env, root, _) = setup();
    for name in ["a.example.com", "b.example.com", "c.example.com", "d.example.com"] {
        env.run_env(&[("ACMCTL_NOW", &at(-340))], &["--region", EU, "cert", "request", "--certificate-authority-arn", &root, "--key-algorithm", "EC_prime256v1", "--domain-name", name]).ok();
    }
    let now = at(0);
    let piped = env.run_env(&[("ACMCTL_NOW", &now)], &["--region", EU, "renew"]).ok();
    assert!(!piped.stderr.contains("/5"), "no progress bar when stderr is not a terminal: {}", piped.stderr);
    // The sweep looks at all five (none is eligible: none is exported or in
    // use), one step of the bar each.
    let (ok, shown) = run_on_terminal(&env, &[("ACMCTL_NOW", &now)], &["--region", EU, "renew"]);
    assert!(ok, "{shown}");
    assert!(shown.contains("/5"), "no progress bar on the terminal:\n{shown}");
}

#[test]
fn a_renewals_hook_sees_the_allowed_environment_and_never_the_passphrase() {
    // The authority's key is encrypted: the renewal needs the passphrase,
    // so acmctl has it in its environment while the hook runs.
    let env = Env::new();
    env.write("config.toml", format!("account_id = \"{ACCOUNT}\"\n"));
    let secret = "the renewal passphrase";
    let past = at(-340);
    let run = |args: &[&str]| env.run_env(&[("ACMCTL_NOW", &past), ("ACMCTL_CA_PASSPHRASE", secret)], args).ok().line();
    let root = run(&["--region", EU, "ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1"]);
    let cert = run(&["--region", EU, "cert", "request", "--certificate-authority-arn", &root, "--key-algorithm", "EC_prime256v1", "--domain-name", "www.example.com"]);
    let dest = env.path("tls");
    let seen = env.path("hook.env");
    deploy(&env, &cert, &dest, &format!("env > {}", seen.display()));
    std::fs::remove_file(&seen).unwrap();
    let now = at(0);
    let vars = [("ACMCTL_NOW", now.as_str()), ("ACMCTL_CA_PASSPHRASE", secret), ("AWS_SECRET_ACCESS_KEY", "EXAMPLEKEY"), ("LC_ALL", "C")];
    let s = env.run_env(&vars, &["--region", EU, "--output", "json", "renew", &cert]).ok().json();
    assert_eq!(entry(&s, &cert)["Action"], "RENEWED", "{s}");
    let seen_vars = hook_env(&seen);
    let names: Vec<&str> = seen_vars.keys().map(String::as_str).collect();
    assert_eq!(names, ["ACMCTL_CERTIFICATE_ARN", "ACMCTL_DEPLOY_DIR", "ACMCTL_TARGET_ARN", "HOME", "LC_ALL", "PATH"], "{seen_vars:#?}");
    assert_eq!(seen_vars["ACMCTL_CERTIFICATE_ARN"], cert);
    assert_eq!(seen_vars["ACMCTL_DEPLOY_DIR"], dest.to_str().unwrap());
    assert_eq!(seen_vars["ACMCTL_TARGET_ARN"], ALB);
    let text = std::fs::read_to_string(&seen).unwrap();
    assert!(!text.contains(secret) && !text.contains("EXAMPLEKEY"), "{text}");
}

#[test]
fn another_writer_goes_ahead_while_a_renewals_hook_runs() {
    let (env, root, cert) = setup();
    let dest = env.path("tls");
    let (armed, started, go) = (env.path("armed"), env.path("started"), env.path("go"));
    // Runs through at deploy; at renewal, waits until the test says go.
    let hook = format!(
        "if [ -e {} ]; then touch {}; while [ ! -e {} ]; do sleep 0.05; done; fi",
        armed.display(), started.display(), go.display()
    );
    deploy(&env, &cert, &dest, &hook);
    std::fs::write(&armed, "").unwrap();
    let out = env.path("renew.json");
    let renewal = env
        .command(&["--region", EU, "--output", "json", "renew", &cert])
        .env("ACMCTL_NOW", at(0))
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut renewal = KillOnDrop(renewal);
    assert!(appears(&started), "the renewal's hook never ran");
    // The hook is running: the renewal must be done with the store, so a
    // writer that waits at most 2 s for the region's lock gets it at once.
    let other = env.run_env(&[("ACMCTL_LOCK_TIMEOUT", "2")], &[
        "--region", EU, "cert", "request", "--certificate-authority-arn", &root, "--key-algorithm", "EC_prime256v1",
        "--domain-name", "meanwhile.example.com",
    ]);
    std::fs::write(&go, "").unwrap();
    assert_eq!(other.code, 0, "a writer was held up by a renewal's hook:\n{}", other.stderr);
    assert!(renewal.0.wait().unwrap().success());
    let s: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(entry(&s, &cert)["Action"], "RENEWED");
    assert_eq!(entry(&s, &cert)["Deployments"][0]["Status"], "SUCCESS");
    assert_eq!(std::fs::read_to_string(dest.join("cert.pem")).unwrap(), get(&env, EU, &cert).0);
}
