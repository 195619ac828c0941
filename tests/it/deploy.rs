//! `deploy`: ACM's deployment rules end to end, the files a server reads,
//! hooks, InUseBy, and a real TLS server serving what was deployed.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::common::*;

const ACCOUNT: &str = "123456789012";
const EU: &str = "eu-west-1";
const US: &str = "us-east-1";
const ALB_EU: &str = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188";
const NLB_US: &str = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/tcp/73e2d6bc24d8a067";
const CLOUDFRONT: &str = "arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL";
const APIGW_EU: &str = "arn:aws:apigateway:eu-west-1::/domainnames/api.example.com";
const EC2: &str = "arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc1234567890def";

/// A store of account 123456789012 with a root and one certificate in `region`.
fn setup(region: &str) -> (Env, String, String) {
    setup_in(Env::new(), region)
}

fn setup_in(env: Env, region: &str) -> (Env, String, String) {
    env.write("config.toml", format!("account_id = \"{ACCOUNT}\"\n"));
    let root = env.root(region, "EC_prime256v1");
    let cert = env.private_cert(region, &root, "EC_prime256v1", &["www.example.com"]);
    (env, root, cert)
}


#[test]
fn each_refusal_exits_5_names_its_rule_and_writes_nothing() {
    let (env, root, eu_cert) = setup(EU);
    let us_root = env.root(US, "EC_prime256v1");
    let us_cert = env.private_cert(US, &us_root, "EC_prime256v1", &["www.example.com"]);
    let _ = root;
    let dest = env.path("tls");
    // (region, certificate, target, extra arguments, rule, what the refusal says)
    type Refusal<'a> = (&'a str, &'a str, &'a str, &'a [&'a str], &'a str, &'a str);
    let cases: &[Refusal] = &[
        (EU, &eu_cert, EC2, &[], "no-ec2", "EC2 instance"),
        (EU, &eu_cert, "arn:aws:s3:::my-bucket", &[], "integrated-services-only", "not an ACM-integrated service"),
        (EU, &eu_cert, "arn:aws:lambda:eu-west-1:123456789012:function:web", &[], "integrated-services-only", "lambda"),
        (US, &us_cert, ALB_EU, &[], "target-in-region", "eu-west-1"),
        (EU, &eu_cert, NLB_US, &[], "target-in-region", "us-east-1"),
        (EU, &eu_cert, CLOUDFRONT, &[], "global-target-us-east-1", "us-east-1"),
        (EU, &eu_cert, APIGW_EU, &["--endpoint-type", "EDGE"], "global-target-us-east-1", "edge-optimized"),
        (US, &us_cert, APIGW_EU, &[], "target-in-region", "eu-west-1"),
        (EU, &eu_cert, "arn:aws:elasticloadbalancing:eu-west-1:210987654321:loadbalancer/app/web/1", &[], "target-in-account", "210987654321"),
        (US, &us_cert, "arn:aws:cloudfront::210987654321:distribution/E1", &[], "target-in-account", "210987654321"),
    ];
    for (region, cert, target, extra, rule, words) in cases {
        let before = env.snapshot();
        let mut args = vec!["--region", region, "deploy", cert, "--target", target, "--dest", dest.to_str().unwrap(), "--exec", "touch hook-ran"];
        args.extend(extra.iter());
        let r = env.run(&args).code(5);
        assert!(r.stderr.contains(&format!("refused by rule {rule}")), "{target}: {}", r.stderr);
        assert!(r.stderr.contains(words), "{target}: {}", r.stderr);
        assert!(r.stderr.contains("hint:"), "{target}: {}", r.stderr);
        assert!(r.stdout.is_empty());
        assert_same_store(&before, &env.snapshot(), &format!("refused deploy to {target}"));
        assert!(!dest.exists(), "a refused deploy created {}", dest.display());
        // Dry run: the same decision, printed with its rule, nothing written.
        let mut dry = args.clone();
        dry.retain(|a| *a != "--exec" && *a != "touch hook-ran");
        dry.extend(["--dry-run", "--output", "json"]);
        let r = env.run(&dry).code(5);
        let v = r.json();
        assert_eq!(v["Decision"], "REFUSED");
        assert_eq!(v["Rule"], *rule);
        assert!(!v["RuleDescription"].as_str().unwrap().is_empty());
        assert_same_store(&before, &env.snapshot(), "a dry run");
        assert!(!dest.exists());
    }
    // The EC2 hint says what would work.
    let r = env.run(&["--region", EU, "deploy", &eu_cert, "--target", EC2]).code(5);
    assert!(r.stderr.contains("Load Balancer") && r.stderr.contains("CloudFront") && r.stderr.contains("export"), "{}", r.stderr);
}

#[test]
fn an_expired_certificate_is_not_deployed() {
    let (env, _, cert) = setup(EU);
    let before = env.snapshot();
    let r = env.run_env(&[("ACMCTL_NOW", "2040-01-01T00:00:00Z")], &["--region", EU, "deploy", &cert, "--target", ALB_EU]).code(5);
    assert!(r.stderr.contains("refused by rule issued-only") && r.stderr.contains("EXPIRED"), "{}", r.stderr);
    assert_same_store(&before, &env.snapshot(), "deploying an expired certificate");
}

#[test]
fn malformed_targets_and_misused_flags_are_input_errors() {
    let (env, _, cert) = setup(EU);
    let before = env.snapshot();
    for bad in ["web-lb", "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web", "arn:aws:ec2:eu-west-1:123456789012:instance/web", "arn:aws:cloudfront:us-east-1:123456789012:distribution/E1"] {
        let r = env.run(&["--region", EU, "deploy", &cert, "--target", bad]).code(3);
        assert!(r.stderr.contains(bad), "{}", r.stderr);
    }
    env.run(&["--region", EU, "deploy", &cert, "--target", ALB_EU, "--endpoint-type", "EDGE"]).code(2);
    env.run(&["--region", EU, "deploy", &cert, "--target", ALB_EU, "--remove", "--dry-run"]).code(2);
    assert_same_store(&before, &env.snapshot(), "bad input");
}

#[test]
fn dry_run_of_an_allowed_deploy_lists_the_rules_and_writes_nothing() {
    let (env, _, eu_cert) = setup(EU);
    let us_root = env.root(US, "EC_prime256v1");
    let us_cert = env.private_cert(US, &us_root, "EC_prime256v1", &["www.example.com"]);
    let dest = env.path("tls");
    for (region, cert, target, extra, last_rule) in [
        (EU, &eu_cert, ALB_EU, vec![], "target-in-region"),
        (US, &us_cert, NLB_US, vec![], "target-in-region"),
        (US, &us_cert, CLOUDFRONT, vec![], "global-target-us-east-1"),
        (EU, &eu_cert, APIGW_EU, vec!["--endpoint-type", "REGIONAL"], "target-in-region"),
        (US, &us_cert, APIGW_EU, vec!["--endpoint-type", "EDGE"], "global-target-us-east-1"),
    ] {
        let before = env.snapshot();
        let mut args = vec!["--region", region, "--output", "json", "deploy", cert, "--target", target, "--dest", dest.to_str().unwrap(), "--dry-run"];
        args.extend(extra);
        let v = env.run(&args).ok().json();
        assert_eq!(v["Decision"], "ALLOWED", "{target}");
        let rules: Vec<&str> = v["RulesChecked"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
        assert!(rules.contains(&"no-ec2") && rules.last() == Some(&last_rule), "{target}: {rules:?}");
        assert_same_store(&before, &env.snapshot(), "an allowed dry run");
        assert!(!dest.exists());
        let text = env.run(&["--region", region, "deploy", cert, "--target", target, "--dry-run"]);
        if target != APIGW_EU {
            assert!(text.ok().stdout.contains("ALLOWED"));
        }
    }
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn deploy_writes_the_four_files_records_the_target_and_runs_the_hook() {
    let (env, root, cert) = setup(EU);
    let d = env.describe(EU, &cert);
    assert_eq!(d["InUseBy"], serde_json::json!([]));
    assert_eq!(d["RenewalEligibility"], "INELIGIBLE");

    let dest = env.path("nginx/tls");
    let hook_out = env.path("hook.env");
    let hook = format!("env | grep ^ACMCTL_ > {}", hook_out.display());
    let v = env.run(&["--region", EU, "--output", "json", "deploy", &cert, "--target", ALB_EU, "--dest", dest.to_str().unwrap(), "--exec", &hook]).ok().json();
    assert_eq!(v["CertificateArn"], cert.as_str());
    assert_eq!(v["Directory"], dest.to_str().unwrap());

    let (leaf, chain) = get(&env, EU, &cert);
    let read = |n: &str| std::fs::read_to_string(dest.join(n)).unwrap();
    assert_eq!(read("cert.pem"), leaf);
    assert_eq!(read("chain.pem"), chain);
    assert_eq!(read("fullchain.pem"), format!("{leaf}{chain}"));
    assert_eq!(mode(&dest.join("privkey.pem")), 0o600);
    assert_eq!(public_key_of(&env, &read("privkey.pem"), true), public_key_of(&env, &leaf, false), "the key belongs to the certificate");
    let (ok, out) = openssl_verify(&env, &ca_pem(&env, EU, &root), &read("cert.pem"), &read("chain.pem"), "www.example.com");
    assert!(ok, "{out}");

    let hook_env = std::fs::read_to_string(&hook_out).unwrap();
    assert!(hook_env.contains(&format!("ACMCTL_CERTIFICATE_ARN={cert}")), "{hook_env}");
    assert!(hook_env.contains(&format!("ACMCTL_DEPLOY_DIR={}", dest.display())), "{hook_env}");
    assert!(hook_env.contains(&format!("ACMCTL_TARGET_ARN={ALB_EU}")), "{hook_env}");

    let d = env.describe(EU, &cert);
    assert_eq!(d["InUseBy"], serde_json::json!([ALB_EU]));
    assert_eq!(d["RenewalEligibility"], "ELIGIBLE");
    let list = env.run(&["--region", EU, "--output", "json", "cert", "list"]).ok().json();
    assert_eq!(list["CertificateSummaryList"][0]["InUse"], true);
    env.run(&["store", "check"]).ok();
}

#[test]
fn without_dest_the_files_go_under_the_store() {
    let (env, _, cert) = setup(EU);
    let dir = env.run(&["--region", EU, "deploy", &cert, "--target", ALB_EU]).ok().line();
    assert!(Path::new(&dir).starts_with(env.local_dir().join("deployments")), "{dir}");
    assert!(Path::new(&dir).join("privkey.pem").exists());
    // The same target gets the same directory the next time.
    assert_eq!(env.run(&["--region", EU, "deploy", &cert, "--target", ALB_EU]).ok().line(), dir);
    assert_eq!(env.describe(EU, &cert)["InUseBy"].as_array().unwrap().len(), 1);
}

#[test]
fn a_failing_hook_is_an_error_that_says_so() {
    let (env, _, cert) = setup(EU);
    let dest = env.path("tls");
    let r = env.run(&["--region", EU, "deploy", &cert, "--target", ALB_EU, "--dest", dest.to_str().unwrap(), "--exec", "echo reloading; exit 3"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("reload command 'echo reloading; exit 3'") && r.stderr.contains("exit status 3"), "{}", r.stderr);
    assert!(r.stdout.is_empty(), "the hook's output goes to stderr: {}", r.stdout);
    // The files are in place and the deployment is recorded, so a renewal redeploys it.
    assert!(dest.join("cert.pem").exists());
    assert_eq!(env.describe(EU, &cert)["InUseBy"], serde_json::json!([ALB_EU]));
}

#[test]
fn a_certificate_in_use_cannot_be_deleted_until_its_deployments_are_removed() {
    let (env, _, cert) = setup(EU);
    env.run(&["--region", EU, "deploy", &cert, "--target", ALB_EU, "--dest", env.path("a").to_str().unwrap()]).ok();
    env.run(&["--region", EU, "deploy", &cert, "--target", APIGW_EU, "--dest", env.path("b").to_str().unwrap()]).ok();
    let before = env.snapshot();
    let r = env.run(&["--region", EU, "cert", "delete", &cert]).code(6);
    assert!(r.stderr.contains("ResourceInUseException"), "{}", r.stderr);
    assert!(r.stderr.contains(ALB_EU) && r.stderr.contains(APIGW_EU), "{}", r.stderr);
    assert_same_store(&before, &env.snapshot(), "a refused delete");

    env.run(&["--region", EU, "deploy", &cert, "--target", ALB_EU, "--remove"]).ok();
    assert_eq!(env.describe(EU, &cert)["InUseBy"], serde_json::json!([APIGW_EU]));
    env.run(&["--region", EU, "deploy", &cert, "--target", ALB_EU, "--remove"]).code(4);
    env.run(&["--region", EU, "cert", "delete", &cert]).code(6);
    env.run(&["--region", EU, "deploy", &cert, "--target", APIGW_EU, "--remove"]).ok();
    let d = env.describe(EU, &cert);
    assert_eq!(d["InUseBy"], serde_json::json!([]));
    assert_eq!(d["RenewalEligibility"], "INELIGIBLE");
    assert!(env.path("a").join("cert.pem").exists(), "removing a deployment leaves the server's files");
    env.run(&["--region", EU, "cert", "delete", &cert]).ok();
}

#[test]
fn a_real_tls_server_serves_the_deployed_certificate_and_then_its_replacement() {
    let (env, root, first) = setup(EU);
    let second = env.private_cert(EU, &root, "EC_prime256v1", &["www.example.com", "example.com"]);
    let root_pem = ca_pem(&env, EU, &root);
    let dest = env.path("tls");
    env.run(&["--region", EU, "deploy", &first, "--target", ALB_EU, "--dest", dest.to_str().unwrap()]).ok();
    {
        let (_server, port) = tls_server(&dest);
        assert_eq!(served_serial(&env, port, "www.example.com", &root_pem), described_serial(&env, EU, &first));
    }
    // The second certificate replaces the first on the same target; the
    // server is reloaded (restarted) and serves it.
    env.run(&["--region", EU, "deploy", &second, "--target", ALB_EU, "--dest", dest.to_str().unwrap()]).ok();
    let (_server, port) = tls_server(&dest);
    let serial = served_serial(&env, port, "example.com", &root_pem);
    assert_eq!(serial, described_serial(&env, EU, &second));
    assert_ne!(serial, described_serial(&env, EU, &first));
    assert_eq!(env.describe(EU, &first)["InUseBy"], serde_json::json!([]), "a target serves one certificate");
    assert_eq!(env.describe(EU, &second)["InUseBy"], serde_json::json!([ALB_EU]));
}

#[test]
fn a_reader_of_the_live_directory_always_sees_a_matching_certificate_and_key() {
    let (env, root, first) = setup(EU);
    let second = env.private_cert(EU, &root, "EC_prime256v1", &["www.example.com"]);
    let dest = env.path("tls");
    let deploy = |arn: &str| {
        env.run(&["--region", EU, "deploy", arn, "--target", ALB_EU, "--dest", dest.to_str().unwrap()]).ok();
        (std::fs::read(dest.join("cert.pem")).unwrap(), std::fs::read(dest.join("privkey.pem")).unwrap())
    };
    let pairs = [deploy(&first), deploy(&second)];
    assert_ne!(pairs[0].1, pairs[1].1);
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|s| {
        let reader = s.spawn(|| {
            let mut reads = 0u32;
            // Ends after a read begun once the deploys had finished, so the
            // loop cannot pass vacuously and `last` is what is live at the end.
            let last = loop {
                let finished = stop.load(std::sync::atomic::Ordering::SeqCst);
                // A server resolves `live` once per reload and reads both files from it.
                let Ok(version) = std::fs::canonicalize(dest.join("live")) else { continue };
                let (Ok(cert), Ok(key)) = (std::fs::read(version.join("cert.pem")), std::fs::read(version.join("privkey.pem"))) else {
                    // Pruned between resolving and reading: a reload would retry.
                    continue;
                };
                assert!(pairs.iter().any(|(c, k)| *c == cert && *k == key), "a certificate was read with another certificate's key in {}", version.display());
                reads += 1;
                if finished {
                    break cert;
                }
            };
            (reads, last)
        });
        for i in 0..12 {
            deploy(if i % 2 == 0 { &first } else { &second });
        }
        stop.store(true, std::sync::atomic::Ordering::SeqCst);
        let (reads, last) = reader.join().unwrap();
        assert!(reads > 0);
        assert_eq!(last, pairs[1].0, "the last deploy (the second certificate) is live");
    });
    let versions = std::fs::read_dir(dest.join(".versions")).unwrap().count();
    assert!(versions <= 2, "old versions are pruned, {versions} remain");
}

#[test]
fn deploy_help_explains_the_supported_services_and_the_ec2_rule() {
    let env = Env::new();
    let help = env.run(&["deploy", "--help"]).ok().stdout;
    for words in ["Load Balancer", "CloudFront", "API Gateway", "us-east-1", "EC2", "export", "Example", "--dry-run", "ACMCTL_CERTIFICATE_ARN"] {
        assert!(help.contains(words), "deploy --help does not mention {words}:\n{help}");
    }
}

// ---- reload commands (hooks) ----

/// A secret no reload command may see, and a variable that is not on the
/// allow-list either.
const SECRET_ENV: [(&str, &str); 4] = [
    ("ACMCTL_CA_PASSPHRASE", "the authority passphrase"),
    ("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY"),
    ("LANG", "C.UTF-8"),
    ("TZ", "UTC"),
];

#[test]
fn a_hook_sees_the_allowed_environment_and_never_the_passphrase() {
    let (env, _, cert) = setup(EU);
    let dest = env.path("tls");
    let seen = env.path("hook.env");
    let hook = format!("env > {}", seen.display());
    env.run_env(&SECRET_ENV, &["--region", EU, "deploy", &cert, "--target", ALB_EU, "--dest", dest.to_str().unwrap(), "--exec", &hook]).ok();
    let vars = hook_env(&seen);
    let names: Vec<&str> = vars.keys().map(String::as_str).collect();
    // HOME and PATH come from acmctl's environment (the tests set both),
    // LANG and TZ too; ACMCTL_HOME, ACMCTL_CONFIG, NO_COLOR and the secrets do not.
    assert_eq!(names, ["ACMCTL_CERTIFICATE_ARN", "ACMCTL_DEPLOY_DIR", "ACMCTL_TARGET_ARN", "HOME", "LANG", "PATH", "TZ"], "{vars:#?}");
    assert_eq!(vars["ACMCTL_CERTIFICATE_ARN"], cert);
    assert_eq!(vars["ACMCTL_DEPLOY_DIR"], dest.to_str().unwrap());
    assert_eq!(vars["ACMCTL_TARGET_ARN"], ALB_EU);
    assert_eq!(vars["PATH"], std::env::var("PATH").unwrap());
    let text = std::fs::read_to_string(&seen).unwrap();
    assert!(!text.contains("the authority passphrase") && !text.contains("EXAMPLEKEY"), "{text}");
}

#[test]
fn a_hook_that_outlasts_the_time_out_is_stopped_with_everything_it_started() {
    let (env, _, cert) = setup(EU);
    let dest = env.path("tls");
    let child = env.path("child.pid");
    // A child in the background that would outlive its shell, and a shell that waits for it.
    let hook = format!("sleep 300 & echo $! > {}; wait", child.display());
    let r = env.run_env(&[("ACMCTL_HOOK_TIMEOUT", "1")], &["--region", EU, "deploy", &cert, "--target", ALB_EU, "--dest", dest.to_str().unwrap(), "--exec", &hook]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains(&format!("the reload command '{hook}'")) && r.stderr.contains("did not finish within 1 s and was stopped"), "{}", r.stderr);
    assert!(r.stderr.contains("ACMCTL_HOOK_TIMEOUT"), "the hint says how to allow more time: {}", r.stderr);
    let pid: u32 = std::fs::read_to_string(&child).unwrap().trim().parse().unwrap();
    assert!(process_ends(pid), "the hook's background child {pid} is still running");
    // The files are in place and recorded: the next renewal redeploys them.
    assert!(dest.join("cert.pem").exists());
    assert_eq!(env.describe(EU, &cert)["InUseBy"], serde_json::json!([ALB_EU]));
}

#[test]
fn killing_acmctl_stops_its_hook_and_what_the_hook_started() {
    let (env, _, cert) = setup(EU);
    let dest = env.path("tls");
    let (shell, child) = (env.path("shell.pid"), env.path("child.pid"));
    let hook = format!("echo $$ > {}.tmp; sleep 300 & echo $! > {}; mv {}.tmp {}; wait", shell.display(), child.display(), shell.display(), shell.display());
    let acmctl = env
        .command(&["--region", EU, "deploy", &cert, "--target", ALB_EU, "--dest", dest.to_str().unwrap(), "--exec", &hook])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut acmctl = KillOnDrop(acmctl);
    assert!(appears(&shell), "the hook never started");
    let read = |p: &Path| -> u32 { std::fs::read_to_string(p).unwrap().trim().parse().unwrap() };
    let (shell, child) = (read(&shell), read(&child));
    acmctl.0.kill().unwrap();
    acmctl.0.wait().unwrap();
    assert!(process_ends(shell), "the hook's shell {shell} outlived acmctl");
    assert!(process_ends(child), "the command {child} the hook started outlived acmctl");
}

// ---- destinations ----

fn deploy_to(env: &Env, cert: &str, target: &str, dest: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["--region", EU, "deploy", cert, "--target", target, "--dest", dest.to_str().unwrap()];
    args.extend(extra);
    env.run(&args)
}

/// A directory of the user's: certbot's names as plain files, a `live`
/// directory, a version directory and a file of notes.
fn users_directory(dir: &Path) {
    std::fs::create_dir_all(dir.join("live")).unwrap();
    std::fs::create_dir_all(dir.join(".versions/3")).unwrap();
    for (name, text) in [("privkey.pem", "the user's key\n"), ("cert.pem", "the user's certificate\n"), ("chain.pem", "chain\n"), ("fullchain.pem", "full\n"), ("live/cert.pem", "live\n"), (".versions/3/cert.pem", "v3\n"), ("notes.txt", "mine\n")] {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

#[test]
fn a_directory_of_the_users_files_is_refused_and_left_as_it_was() {
    let (env, _, cert) = setup(EU);
    let dest = env.path("srv/tls");
    users_directory(&dest);
    let (mine, before) = (tree(&dest), env.snapshot());
    let r = deploy_to(&env, &cert, ALB_EU, &dest, &["--exec", "touch hook-ran"]).code(5);
    assert!(r.stderr.contains(&format!("refusing to use {}: it already holds files acmctl did not write", dest.display())), "{}", r.stderr);
    assert!(r.stderr.contains("--force"), "the hint names --force: {}", r.stderr);
    assert_eq!(tree(&dest), mine, "the user's directory changed");
    assert_same_store(&before, &env.snapshot(), "a refused deploy");
    assert_eq!(env.describe(EU, &cert)["InUseBy"], serde_json::json!([]));
}

#[test]
fn with_force_the_files_go_beside_the_users_but_never_over_them() {
    let (env, _, cert) = setup(EU);
    // A regular cert.pem or privkey.pem is never replaced by a link, even with --force.
    for name in ["cert.pem", "privkey.pem"] {
        let dest = env.path(&format!("has-{name}"));
        std::fs::create_dir(&dest).unwrap();
        std::fs::write(dest.join(name), "the user's own\n").unwrap();
        let mine = tree(&dest);
        let r = deploy_to(&env, &cert, ALB_EU, &dest, &["--force"]).code(5);
        assert!(r.stderr.contains(&dest.display().to_string()) && r.stderr.contains(&format!("{name} in it is not a link acmctl made")), "{}", r.stderr);
        assert_eq!(tree(&dest), mine, "{name}: the user's directory changed");
    }
    // Other files and a version acmctl did not write stay through every
    // deploy; only acmctl's own versions are pruned.
    let dest = env.path("tls");
    std::fs::create_dir_all(dest.join(".versions/3")).unwrap();
    std::fs::write(dest.join(".versions/3/cert.pem"), "v3\n").unwrap();
    std::fs::write(dest.join("notes.txt"), "mine\n").unwrap();
    for _ in 0..4 {
        deploy_to(&env, &cert, ALB_EU, &dest, &["--force"]).ok();
    }
    assert_eq!(std::fs::read_to_string(dest.join("notes.txt")).unwrap(), "mine\n");
    assert_eq!(std::fs::read_to_string(dest.join(".versions/3/cert.pem")).unwrap(), "v3\n", "a version acmctl did not write was pruned");
    let mut versions: Vec<String> = std::fs::read_dir(dest.join(".versions")).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    versions.sort();
    assert_eq!(versions, ["3", "6", "7"], "acmctl keeps its live version and the one before");
    assert_eq!(std::fs::read_link(dest.join("live")).unwrap(), Path::new(".versions/7"));
    assert_eq!(std::fs::read_to_string(dest.join("cert.pem")).unwrap(), get(&env, EU, &cert).0);
}

#[test]
fn a_destination_another_user_owns_or_anyone_may_write_is_refused() {
    let (env, _, cert) = setup(EU);
    let open = env.path("open");
    std::fs::create_dir(&open).unwrap();
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o777)).unwrap();
    let before = env.snapshot();
    let r = deploy_to(&env, &cert, ALB_EU, &open, &[]).code(5);
    assert!(r.stderr.contains(&format!("refusing to use {}: it is writable by other users (mode 777)", open.display())), "{}", r.stderr);
    assert!(tree(&open).is_empty(), "files were written into {}", open.display());
    assert_same_store(&before, &env.snapshot(), "a deploy into a directory anyone may write");
    if !can_chown("a_destination_another_user_owns_or_anyone_may_write_is_refused") {
        return;
    }
    let theirs = env.path("theirs");
    std::fs::create_dir(&theirs).unwrap();
    chown(&theirs, NOBODY);
    let r = deploy_to(&env, &cert, ALB_EU, &theirs, &["--force"]).code(5);
    assert!(r.stderr.contains(&format!("refusing to use {}: it is owned by user {NOBODY}", theirs.display())), "{}", r.stderr);
    assert!(tree(&theirs).is_empty(), "files were written into {}", theirs.display());
    assert_same_store(&before, &env.snapshot(), "a deploy into another user's directory");
}

#[test]
fn a_destination_inside_the_store_is_refused_but_its_deployments_directory_is_not() {
    // A store that is a directory, which a destination could lie inside.
    let (env, _, cert) = setup_in(Env::fs(), EU);
    // Links into the store, from outside it and from its deployments directory.
    let into_store = env.path("into-store");
    std::os::unix::fs::symlink(env.store.join("regions"), &into_store).unwrap();
    std::fs::create_dir_all(env.store.join("deployments")).unwrap();
    std::os::unix::fs::symlink(env.store.join("regions"), env.store.join("deployments/regions")).unwrap();
    let before = env.snapshot();
    let deployments = env.store.join("deployments");
    for dest in [
        env.store.clone(), env.store.join("regions/eu-west-1/keys"), env.store.join("new"), into_store.join("eu-west-1/tls"),
        deployments.join("../regions/eu-west-1/tls"), deployments.join("regions/eu-west-1/tls"), deployments.join("new/../../regions/tls"),
    ] {
        let r = deploy_to(&env, &cert, ALB_EU, &dest, &[]).code(5);
        assert!(r.stderr.contains(&format!("--dest {} is inside the store", dest.display())), "{}", r.stderr);
        assert_same_store(&before, &env.snapshot(), &format!("a deploy to {}", dest.display()));
    }
    let mine = env.store.join("deployments/web");
    deploy_to(&env, &cert, ALB_EU, &mine, &[]).ok();
    assert!(mine.join("cert.pem").exists());
}

#[test]
fn a_destination_that_is_a_link_to_a_directory_is_followed() {
    let (env, _, cert) = setup(EU);
    let real = env.path("real");
    std::fs::create_dir(&real).unwrap();
    let link = env.path("tls");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    for _ in 0..2 {
        deploy_to(&env, &cert, ALB_EU, &link, &[]).ok();
    }
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link itself stays");
    assert_eq!(std::fs::read_to_string(real.join("cert.pem")).unwrap(), get(&env, EU, &cert).0);
    assert_eq!(std::fs::read_to_string(link.join("privkey.pem")).unwrap(), std::fs::read_to_string(real.join("privkey.pem")).unwrap());
}

#[test]
fn a_directory_that_serves_another_target_is_refused() {
    let (env, root, cert) = setup(EU);
    let other = env.private_cert(EU, &root, "EC_prime256v1", &["api.example.com"]);
    let dest = env.path("tls");
    deploy_to(&env, &cert, ALB_EU, &dest, &[]).ok();
    let served = tree(&dest);
    let before = env.snapshot();
    for extra in [&[][..], &["--force"][..]] {
        let r = deploy_to(&env, &other, APIGW_EU, &dest, extra).code(5);
        assert!(r.stderr.contains(&format!("refusing to use {}: it holds the deployment of another target ({ALB_EU})", dest.display())), "{}", r.stderr);
        assert_eq!(tree(&dest), served, "the other target's files changed");
        assert_same_store(&before, &env.snapshot(), "a deploy into another target's directory");
    }
    // Default directories too: were two targets' names to collide, the
    // second would find the first's directory and stop.
    let a = env.run(&["--region", EU, "deploy", &cert, "--target", APIGW_EU]).ok().line();
    let b = env.run(&["--region", EU, "deploy", &other, "--target", ALB_EU]).ok().line();
    std::fs::remove_dir_all(&b).unwrap();
    std::fs::rename(&a, &b).unwrap();
    let served = tree(Path::new(&b));
    let r = env.run(&["--region", EU, "deploy", &other, "--target", ALB_EU]).code(5);
    assert!(r.stderr.contains(&format!("refusing to use {b}: it holds the deployment of another target ({APIGW_EU})")), "{}", r.stderr);
    assert_eq!(tree(Path::new(&b)), served);
}

#[test]
fn default_directories_end_in_64_bits_of_the_target_and_are_never_shared() {
    let (env, _, cert) = setup(EU);
    // The same load balancer name in two ARNs: the readable part of the
    // directory names is the same, the digest is not.
    let twin = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9189";
    let targets = [ALB_EU, twin, APIGW_EU];
    let dirs: Vec<String> = targets.iter().map(|t| env.run(&["--region", EU, "deploy", &cert, "--target", t]).ok().line()).collect();
    for (target, dir) in targets.iter().zip(&dirs) {
        let dir = Path::new(dir);
        assert_eq!(dir.parent().unwrap(), env.local_dir().join("deployments"));
        let name = dir.file_name().unwrap().to_str().unwrap();
        let (_, digest) = name.rsplit_once('-').unwrap();
        assert!(digest.len() == 16 && digest.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()), "{name} does not end in 16 hex digits");
        let marker = std::fs::read_to_string(dir.join(".acmctl-deployment")).unwrap();
        assert!(marker.contains(&format!("target = \"{target}\"")), "{marker}");
    }
    assert!(dirs[0] != dirs[1] && dirs[0] != dirs[2] && dirs[1] != dirs[2], "{dirs:?}");
    assert_eq!(env.describe(EU, &cert)["InUseBy"].as_array().unwrap().len(), 3);
}
