//! Refusals: each gives its documented exit code, one sentence naming what
//! was wrong, and leaves the store as it was.

use crate::common::*;

fn refused(env: &Env, args: &[&str], code: i32, needles: &[&str]) {
    let before = env.snapshot();
    let r = env.run(args).code(code);
    for n in needles {
        assert!(r.stderr.contains(n), "{args:?}: stderr lacks {n:?}:\n{}", r.stderr);
    }
    assert!(r.stdout.is_empty(), "{args:?} printed on stdout: {}", r.stdout);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert_eq!(r.stderr.lines().filter(|l| l.starts_with("error:")).count(), 1, "one error line: {}", r.stderr);
    assert_same_store(&before, &env.snapshot(), &format!("{args:?}"));
}

#[test]
fn cross_region_use_is_refused_naming_both_regions_and_the_rule() {
    let env = Env::new();
    let root = env.root("eu-west-1", "EC_prime256v1");
    let cert = env.private_cert("eu-west-1", &root, "EC_prime256v1", &["a.example.com"]);
    let pass = env.write("pass.txt", "passphrase");
    for args in [
        vec!["--region", "us-east-1", "cert", "describe", &cert],
        vec!["--region", "us-east-1", "cert", "get", &cert],
        vec!["--region", "us-east-1", "cert", "delete", &cert],
        vec!["--region", "us-east-1", "cert", "export", &cert, "--passphrase-file", pass.to_str().unwrap()],
        vec!["--region", "ap-southeast-2", "ca", "describe", &root],
        vec!["--region", "ap-southeast-2", "ca", "certificate", &root],
    ] {
        refused(&env, &args, 5, &["eu-west-1", args[1], "regional", "--region eu-west-1"]);
    }
    // A private certificate is issued only by an authority of its region,
    // and a subordinate is signed only by a parent of its region.
    refused(
        &env,
        &["--region", "us-west-2", "cert", "request", "--domain-name", "b.example.com", "--certificate-authority-arn", &root],
        5,
        &["authority-in-region", "eu-west-1", "us-west-2"],
    );
    refused(
        &env,
        &["--region", "us-west-2", "ca", "init", "--mode", "private", "--type", "subordinate", "--parent", &root],
        5,
        &["authority-in-region", "eu-west-1", "us-west-2"],
    );
}

#[test]
fn bad_domain_names_are_invalid_input() {
    let env = Env::new();
    let root = env.root("eu-west-1", "EC_prime256v1");
    let long_label = format!("{}.example.com", "a".repeat(64));
    let long_name = format!("{}.com", ["abcdefghij"; 25].join("."));
    let long_cn = format!("{}.example.com", ["abcdefghij"; 6].join("."));
    for (name, why) in [
        ("", "empty"),
        ("localhost", "two labels"),
        ("www.*.example.com", "wildcard"),
        ("*.*.example.com", "wildcard"),
        ("bad_label.example.com", "'_'"),
        ("-x.example.com", "hyphen"),
        (long_label.as_str(), "63"),
        (long_name.as_str(), "253"),
        (long_cn.as_str(), "64"),
    ] {
        refused(
            &env,
            &["--region", "eu-west-1", "cert", "request", &format!("--domain-name={name}"), "--certificate-authority-arn", &root],
            3,
            &[why],
        );
    }
    refused(
        &env,
        &["--region", "eu-west-1", "cert", "request", "--domain-name", "ok.example.com", "--subject-alternative-names", "x..example.com", "--certificate-authority-arn", &root],
        3,
        &["x..example.com"],
    );
}

#[test]
fn unknown_arns_are_not_found_and_malformed_ones_invalid() {
    let env = Env::new();
    let root = env.root("eu-west-1", "EC_prime256v1");
    let account = root.split(':').nth(4).unwrap().to_string();
    let missing = format!("arn:aws:acm:eu-west-1:{account}:certificate/00000000-0000-4000-8000-000000000000");
    refused(&env, &["--region", "eu-west-1", "cert", "describe", &missing], 4, &[&missing, "does not exist"]);
    refused(&env, &["--region", "eu-west-1", "cert", "delete", &missing], 4, &[&missing]);
    let missing_ca = format!("arn:aws:acm-pca:eu-west-1:{account}:certificate-authority/00000000-0000-4000-8000-000000000000");
    refused(&env, &["--region", "eu-west-1", "ca", "describe", &missing_ca], 4, &[&missing_ca]);
    let other_account = "arn:aws:acm:eu-west-1:999999999999:certificate/00000000-0000-4000-8000-000000000000";
    refused(&env, &["--region", "eu-west-1", "cert", "describe", other_account], 4, &["999999999999", &account]);
    for bad in ["not-an-arn", "arn:aws:acm:eu-west-1:123:certificate/x", &root] {
        refused(&env, &["--region", "eu-west-1", "cert", "describe", bad], 3, &[bad]);
    }
}

#[test]
fn unknown_regions_are_invalid_input() {
    let env = Env::new();
    env.root("eu-west-1", "EC_prime256v1");
    refused(&env, &["--region", "mars-north-1", "cert", "list"], 3, &["mars-north-1", "not an AWS region"]);
    let before = env.snapshot();
    let r = env.run_env(&[("AWS_REGION", "eu-middle-9")], &["cert", "list"]).code(3);
    assert!(r.stderr.contains("AWS_REGION") && r.stderr.contains("eu-middle-9"), "{}", r.stderr);
    assert_same_store(&before, &env.snapshot(), "AWS_REGION=eu-middle-9");
}

#[test]
fn public_requests_need_the_regions_public_authority() {
    let env = Env::new();
    env.root("eu-west-1", "EC_prime256v1");
    refused(
        &env,
        &["--region", "eu-west-1", "cert", "request", "--domain-name", "www.example.com"],
        5,
        &["public-authority-required", "eu-west-1", "ca init --mode public"],
    );
}

#[test]
fn requests_take_only_acm_request_key_algorithms() {
    let env = Env::new();
    let root = env.root("eu-west-1", "EC_prime256v1");
    refused(
        &env,
        &["--region", "eu-west-1", "cert", "request", "--domain-name", "a.example.com", "--certificate-authority-arn", &root, "--key-algorithm", "RSA_4096"],
        3,
        &["RSA_4096", "RSA_2048, EC_prime256v1 or EC_secp384r1"],
    );
    refused(
        &env,
        &["--region", "eu-west-1", "cert", "request", "--domain-name", "a.example.com", "--certificate-authority-arn", &root, "--key-algorithm", "DSA"],
        3,
        &["DSA"],
    );
}

#[test]
fn usage_errors_exit_2() {
    let env = Env::new();
    for args in [
        vec!["cert"],
        vec!["cert", "frobnicate"],
        vec!["cert", "request"],
        vec!["--output", "xml", "cert", "list"],
        vec!["ca", "init", "--mode", "private", "--type", "subordinate"],
    ] {
        let r = env.run(&args).code(2);
        assert!(!r.stderr.is_empty());
    }
    assert!(!env.store.exists() || env.snapshot().is_empty() || env.store.join("store.toml").exists());
}
