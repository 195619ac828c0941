//! `acmctl serve` driven by the clients people use: the pinned aws CLI and
//! boto3 (tests/serve/*.py, in .ci/venv) and the JS SDK v3 (tests/serve/js),
//! against the real binary on a store of its own (ACM-API.md §11). A
//! missing client fails the test, naming what installs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::servers::{DnsServer, venv_tool};
use crate::common::*;

const REGION: &str = "eu-west-1";

/// A running `acmctl serve` on 127.0.0.1, port 0, stopped when dropped.
struct Serve {
    env: Env,
    addr: String,
    child: Option<KillOnDrop>,
    log: PathBuf,
}

impl Serve {
    fn start(env: Env, args: &[&str], vars: &[(&str, &str)]) -> Serve {
        let ready = env.path(&format!("ready-{}", free_port()));
        let log = env.path(&format!("serve-{}.log", free_port()));
        let mut cmd = env.command(&["serve", "--listen", "127.0.0.1:0", "--ready-file", ready.to_str().unwrap()]);
        cmd.args(args).envs(vars.iter().copied()).stdout(Stdio::null());
        cmd.stderr(std::fs::File::create(&log).unwrap());
        let mut child = KillOnDrop(cmd.spawn().expect("acmctl serve starts"));
        let addr = wait_for_serve(&mut child, &ready, &log);
        Serve { env, addr, child: Some(child), log }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn credentials(&self) -> PathBuf {
        self.env.local_dir().join("serve").join("credentials")
    }

    /// A client program with the environment the AWS tools read: serve's
    /// endpoint and credentials, nothing of the user's.
    fn client(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut cmd = self.env.program(program);
        cmd.env("AWS_ENDPOINT_URL", self.url())
            .env("AWS_SHARED_CREDENTIALS_FILE", self.credentials())
            .env("AWS_CONFIG_FILE", "/dev/null")
            .env("AWS_DEFAULT_REGION", REGION)
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("ACMCTL_BIN", BIN);
        cmd
    }

    /// `python tests/serve/SCRIPT ARGS` with the venv's Python; asserts it passed.
    fn python(&self, script: &str, args: &[&str], vars: &[(&str, &str)]) -> Run {
        let run = self.python_run(script, args, vars);
        assert_eq!(run.code, 0, "{script} {args:?} failed:\n{}{}\n--- serve's log:\n{}", run.stdout, run.stderr, self.log());
        run
    }

    fn python_run(&self, script: &str, args: &[&str], vars: &[(&str, &str)]) -> Run {
        let mut cmd = self.client(venv_tool("python"));
        cmd.current_dir(serve_scripts()).arg(script).args(args).envs(vars.iter().copied());
        to_run(cmd.output().unwrap())
    }

    /// The aws CLI of the venv.
    fn aws(&self, args: &[&str]) -> Run {
        let mut cmd = self.client(venv_tool("aws"));
        cmd.args(args).env("AWS_MAX_ATTEMPTS", "1");
        to_run(cmd.output().unwrap())
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Stops serve with SIGKILL: no chance to finish anything.
    fn kill(&mut self) {
        drop(self.child.take());
    }
}

fn serve_scripts() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/serve")
}

#[test]
fn private_issuance_export_and_revocation() {
    let serve = Serve::start(Env::new(), &[], &[]);
    serve.python("flows.py", &["private"], &[]);
    serve.env.run(&["store", "check"]).ok();
    let log = serve.log();
    assert!(log.contains("CertificateManager.ExportCertificate 200"), "{log}");
    // The log has one line per request and never a key, passphrase or body.
    for secret in ["PRIVATE KEY", "correct horse", "Passphrase"] {
        assert!(!log.contains(secret), "the log shows {secret}:\n{log}");
    }
}

#[test]
fn acm_rules_answer_as_acm_does() {
    let serve = Serve::start(Env::new(), &[], &[]);
    serve.python("flows.py", &["rules"], &[]);
    assert!(serve.log().contains("rule=delete-not-in-use"), "{}", serve.log());
}

#[test]
fn tags_and_pages() {
    let serve = Serve::start(Env::new(), &[], &[]);
    serve.python("flows.py", &["tags_pages"], &[]);
}

/// Public DNS validation: the waiter returns because the record exists,
/// in seconds, since DescribeCertificate looks the record up itself.
#[test]
fn public_dns_validation_ends_the_waiter_in_seconds() {
    let dns = DnsServer::start();
    let env = Env::new();
    let serve = Serve::start(env, &["--validation-interval", "3600"], &[("ACMCTL_NAMESERVER", &dns.addr)]);
    let requested = serve.aws(&[
        "acm", "request-certificate", "--domain-name", "www.example.org", "--validation-method", "DNS",
        "--output", "text", "--query", "CertificateArn",
    ]);
    let arn = requested.ok().line();
    let describe = serve.aws(&["acm", "describe-certificate", "--certificate-arn", &arn]).ok().json();
    let record = &describe["Certificate"]["DomainValidationOptions"][0]["ResourceRecord"];
    let name = record["Name"].as_str().unwrap();
    let label = name.strip_suffix(".www.example.org.").expect("_HEX.www.example.org.");
    assert!(label.len() == 33 && label.starts_with('_') && label[1..].bytes().all(|b| b.is_ascii_hexdigit()), "{name}");
    assert_eq!(describe["Certificate"]["Status"], "PENDING_VALIDATION");
    dns.set(name, record["Value"].as_str().unwrap());
    // The describe above looked the record up a moment ago; serve looks
    // again at most every 2 s (ACM-API.md §1), then the waiter's first
    // call, which is immediate, finds it.
    std::thread::sleep(Duration::from_millis(2100));
    let started = Instant::now();
    serve.aws(&["acm", "wait", "certificate-validated", "--certificate-arn", &arn]).ok();
    assert!(started.elapsed() < Duration::from_secs(30), "the waiter took {:?}", started.elapsed());
    let issued = serve.aws(&["acm", "describe-certificate", "--certificate-arn", &arn]).ok().json();
    assert_eq!(issued["Certificate"]["Status"], "ISSUED");
    assert!(issued["Certificate"].get("CertificateAuthorityArn").is_none(), "{issued}");
    // boto3's waiter too, on a second certificate, and one never validated.
    let never = serve.env.path("never-validated.arn");
    let records = dns_records_file(&serve.env, &dns);
    serve.python("public.py", &[], &[("DNS_RECORDS", &records), ("NEVER_VALIDATED", never.to_str().unwrap())]);
    // Another serve on the same store, 73 hours later: the one nobody
    // validated has timed out.
    let pending = std::fs::read_to_string(&never).unwrap();
    let later = later_than(&issued["Certificate"]["CreatedAt"], 73 * 3600);
    let env2 = serve.env.sharing();
    let late = Serve::start(env2, &[], &[("ACMCTL_NOW", &later), ("ACMCTL_NAMESERVER", &dns.addr)]);
    let timed_out = late.aws(&["acm", "describe-certificate", "--certificate-arn", pending.trim()]).ok().json();
    assert_eq!(timed_out["Certificate"]["Status"], "VALIDATION_TIMED_OUT");
}

/// The file public.py reads to publish records: the fixture's table is
/// this process's, so the script asks by writing NAME VALUE lines here and
/// this thread copies them into the DNS server.
fn dns_records_file(env: &Env, dns: &DnsServer) -> String {
    let path = env.path("dns-records");
    std::fs::write(&path, "").unwrap();
    let (watched, table) = (path.clone(), dns.clone());
    std::thread::spawn(move || {
        let mut seen = 0;
        for _ in 0..6000 {
            let text = std::fs::read_to_string(&watched).unwrap_or_default();
            for line in text.lines().skip(seen) {
                if let Some((name, value)) = line.split_once(' ') {
                    table.set(name, value);
                }
                seen += 1;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    });
    path.display().to_string()
}

/// An RFC 3339 time `seconds` after a time the aws CLI printed (epoch
/// seconds, as they came over the wire).
fn later_than(t: &serde_json::Value, seconds: i64) -> String {
    let base = time::OffsetDateTime::from_unix_timestamp(t.as_i64().expect("epoch seconds")).unwrap();
    (base + time::Duration::seconds(seconds)).format(&time::format_description::well_known::Rfc3339).unwrap()
}

/// ACM Private CA: a root and a subordinate made through the API, each
/// certificate under them verified with openssl, the lifecycle after.
#[test]
fn private_ca_root_and_subordinate() {
    let serve = Serve::start(Env::new(), &[], &[]);
    serve.python("pca.py", &[], &[]);
    serve.env.run(&["store", "check"]).ok();
}

/// Raw answers against botocore's models, and the JS SDK's strict parser.
#[test]
fn responses_fit_the_service_models() {
    let serve = Serve::start(Env::new(), &[], &[]);
    let run = serve.python("shapes.py", &[], &[]);
    assert!(run.stdout.contains("JS SDK: "), "{}", run.stdout);
}

/// SigV4's refusals, each with AWS's error; `--any-credentials` answers the
/// same requests, as moto and LocalStack do.
#[test]
fn signatures_are_checked_unless_told_not_to() {
    let serve = Serve::start(Env::new(), &[], &[]);
    let run = serve.python("sigv4.py", &["strict"], &[]);
    assert_eq!(run.stdout.matches("refused ").count(), 7, "{}", run.stdout);
    let log = serve.log();
    assert!(log.contains("CertificateManager.ListCertificates 400 InvalidSignatureException"), "{log}");
    let env = serve.env.sharing();
    let any = Serve::start(env, &["--any-credentials"], &[]);
    // The clients keep using the first serve's credentials file.
    let mut cmd = any.client(venv_tool("python"));
    cmd.env("AWS_SHARED_CREDENTIALS_FILE", serve.credentials()).current_dir(serve_scripts()).args(["sigv4.py", "any"]);
    let run = to_run(cmd.output().unwrap());
    assert_eq!(run.code, 0, "{}{}\n{}", run.stdout, run.stderr, any.log());
    assert!(any.log().contains("warning: --any-credentials"), "{}", any.log());
}

/// Terraform's call sequences, replayed: a second Read changes nothing.
#[test]
fn terraform_sequences_leave_nothing_to_change() {
    let dns = DnsServer::start();
    let serve = Serve::start(Env::new(), &[], &[("ACMCTL_NAMESERVER", &dns.addr)]);
    let records = dns_records_file(&serve.env, &dns);
    serve.python("terraform.py", &[], &[("DNS_RECORDS", &records)]);
    serve.env.run(&["store", "check"]).ok();
}

/// 16 client threads and the CLI issuing at once: every certificate made,
/// no 500, and `store check` clean after.
#[test]
fn clients_and_the_cli_at_once() {
    let serve = Serve::start(Env::new(), &["--workers", "8"], &[]);
    let ca = serve.env.root(REGION, "EC_prime256v1");
    serve.python("load.py", &["concurrent", &ca], &[]);
    let check = serve.env.run(&["store", "check"]).ok();
    assert!(check.stderr.contains(" 0 problems"), "{}", check.stderr);
    assert!(!serve.log().contains(" 500 "), "{}", serve.log());
}

/// One worker: requests waiting for their batch give the worker back and
/// take it again, and 16 clients at once are all answered.
#[test]
fn clients_at_once_with_one_worker() {
    let serve = Serve::start(Env::new(), &["--workers", "1"], &[]);
    let ca = serve.env.root(REGION, "EC_prime256v1");
    serve.python("load.py", &["concurrent", &ca], &[]);
    let check = serve.env.run(&["store", "check"]).ok();
    assert!(check.stderr.contains(" 0 problems"), "{}", check.stderr);
    assert!(!serve.log().contains(" 500 "), "{}", serve.log());
}

/// SIGKILL while clients issue: the store is consistent, and every
/// certificate whose ARN a client received is there.
#[test]
fn a_killed_serve_loses_no_answered_certificate() {
    let mut serve = Serve::start(Env::new(), &[], &[]);
    let ca = serve.env.root(REGION, "EC_prime256v1");
    let arns = serve.env.path("received.arns");
    let mut cmd = serve.client(venv_tool("python"));
    cmd.current_dir(serve_scripts()).args(["load.py", "until_killed", &ca, arns.to_str().unwrap()]);
    cmd.stdout(Stdio::null()).stderr(Stdio::null());
    let mut clients = KillOnDrop(cmd.spawn().unwrap());
    let received = |p: &Path| std::fs::read_to_string(p).unwrap_or_default().lines().count();
    let deadline = Instant::now() + Duration::from_secs(120);
    while received(&arns) < 12 {
        assert!(Instant::now() < deadline, "the clients received {} ARNs in 120 s:\n{}", received(&arns), serve.log());
        assert!(clients.0.try_wait().unwrap().is_none(), "the clients stopped early:\n{}", serve.log());
        std::thread::sleep(Duration::from_millis(20));
    }
    serve.kill();
    let deadline = Instant::now() + Duration::from_secs(60);
    while clients.0.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "the clients did not notice serve was gone");
        std::thread::sleep(Duration::from_millis(50));
    }
    let check = serve.env.run(&["store", "check"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    let text = std::fs::read_to_string(&arns).unwrap();
    for arn in text.lines() {
        serve.env.run(&["--region", REGION, "cert", "describe", arn]).ok();
    }
}

/// serve's background renewal sends the day's expiry events to the sink of
/// its environment, and marks them in the store as the CLI's sweep does.
#[test]
fn background_renewal_sends_expiry_events() {
    let env = Env::new();
    let ca = env.root(REGION, "EC_prime256v1");
    let cert = env.private_cert(REGION, &ca, "EC_prime256v1", &["events.example.com"]);
    let not_after = env.describe(REGION, &cert)["NotAfter"].as_str().unwrap().to_string();
    let not_after = time::OffsetDateTime::parse(&not_after, &time::format_description::well_known::Rfc3339).unwrap();
    let now = (not_after - time::Duration::days(20)).format(&time::format_description::well_known::Rfc3339).unwrap();
    let file = env.path("events.jsonl");
    let vars = [("ACMCTL_NOW", now.as_str()), ("ACMCTL_EVENT_FILE", file.to_str().unwrap())];
    let serve = Serve::start(env, &["--renewal-interval", "1"], &vars);
    // Bounded: the first pass is a second away.
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::fs::read_to_string(&file).unwrap_or_default().lines().count() == 0 {
        assert!(Instant::now() < deadline, "no expiry event within 60 s:\n{}", serve.log());
        std::thread::sleep(Duration::from_millis(100));
    }
    let text = std::fs::read_to_string(&file).unwrap();
    let event: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(event["detail-type"], "ACM Certificate Approaching Expiration");
    assert_eq!(event["resources"][0], cert.as_str());
    assert_eq!(event["detail"]["DaysToExpiry"], 20);
    assert_eq!(event["detail"]["CommonName"], "events.example.com");
    // The day is marked: the CLI's sweep of the same day sends nothing more.
    let r = serve.env.run_env(&vars, &["--region", REGION, "--output", "json", "renew"]).ok();
    assert_eq!(r.json()["ExpiryEvents"], serde_json::json!([]));
    // The pass logs it once the sink took it.
    while !serve.log().contains(&format!("sent the expiry event of {cert}")) {
        assert!(Instant::now() < deadline, "serve's log does not say it sent the event:\n{}", serve.log());
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A CAA record naming another CA: serve's validation fails the
/// certificate, and DescribeCertificate says CAA_ERROR, as ACM does.
#[test]
fn a_caa_refusal_is_failed_with_caa_error() {
    let dns = DnsServer::start();
    let serve = Serve::start(Env::new(), &["--validation-interval", "1"], &[("ACMCTL_NAMESERVER", &dns.addr)]);
    let arn = serve
        .aws(&[
            "acm", "request-certificate", "--domain-name", "caa.example.org", "--validation-method", "DNS",
            "--output", "text", "--query", "CertificateArn",
        ])
        .ok()
        .line();
    let describe = serve.aws(&["acm", "describe-certificate", "--certificate-arn", &arn]).ok().json();
    let record = &describe["Certificate"]["DomainValidationOptions"][0]["ResourceRecord"];
    dns.set_caa("example.org", &[(false, "issue", "letsencrypt.org")]);
    dns.set(record["Name"].as_str().unwrap(), record["Value"].as_str().unwrap());
    // Bounded: the background validation runs every second.
    let deadline = Instant::now() + Duration::from_secs(60);
    let failed = loop {
        let d = serve.aws(&["acm", "describe-certificate", "--certificate-arn", &arn]).ok().json();
        if d["Certificate"]["Status"] != "PENDING_VALIDATION" {
            break d;
        }
        assert!(Instant::now() < deadline, "still pending after 60 s:\n{}", serve.log());
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(failed["Certificate"]["Status"], "FAILED", "{failed}");
    assert_eq!(failed["Certificate"]["FailureReason"], "CAA_ERROR", "{failed}");
    let early = serve.aws(&["acm", "get-certificate", "--certificate-arn", &arn]);
    assert_eq!(early.code, 255, "nothing was issued: {}", early.stdout);
}
