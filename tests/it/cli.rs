//! The command line as people and scripts meet it: error texts, closed
//! pipes, colour, quiet mode, the man page.

use std::process::Stdio;

use crate::common::*;

/// Commands whose error text is fixed: each case's name, exit code and
/// arguments. Its stderr is the snapshot `tests/snapshots/errors/NAME.stderr`;
/// after a deliberate change, rewrite them with
/// `SNAPSHOTS=overwrite cargo test --test it cli::` and review the diff.
const ERRORS: &[(&str, i32, &[&str])] = &[
    ("unknown-region", 3, &["--region", "mars-north-1", "cert", "list"]),
    ("not-an-arn", 3, &["--region", "eu-west-1", "cert", "describe", "not-an-arn"]),
    ("authority-arn-for-a-certificate", 3, &["--region", "eu-west-1", "cert", "describe", "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/0b5c4a3e-8f1d-4c2a-9e7b-1a2b3c4d5e6f"]),
    ("wildcard-not-leftmost", 3, &["--region", "eu-west-1", "cert", "request", "--domain-name", "www.*.example.com"]),
    ("no-public-authority", 5, &["--region", "eu-west-1", "cert", "request", "--domain-name", "www.example.com"]),
    ("certificate-of-another-region", 5, &["--region", "us-east-1", "cert", "get", "arn:aws:acm:eu-west-1:123456789012:certificate/0b5c4a3e-8f1d-4c2a-9e7b-1a2b3c4d5e6f"]),
    ("missing-required-argument", 2, &["cert", "request"]),
    ("unknown-subcommand", 2, &["cert", "frobnicate"]),
];

#[test]
fn main_error_texts_match_their_snapshot() {
    let env = Env::new();
    env.write("config.toml", "account_id = \"123456789012\"\n");
    let mut problems = Vec::new();
    for (name, code, args) in ERRORS {
        let r = env.run(args);
        if r.code != *code || !r.stdout.is_empty() {
            problems.push(format!("{name}: expected exit {code} and nothing on stdout, got exit {}\nstdout: {}", r.code, r.stdout));
        }
        if r.stderr.contains("panicked") || r.stderr.contains("backtrace") {
            problems.push(format!("{name} panicked: {}", r.stderr));
        }
        problems.extend(snapshot_diff(&format!("tests/snapshots/errors/{name}.stderr"), &format!("acmctl {}", args.join(" ")), r.stderr));
    }
    assert_no_diffs(&problems);
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let env = Env::new();
    let root = env.root("eu-west-1", "EC_prime256v1");
    env.private_cert("eu-west-1", &root, "EC_prime256v1", &["a.example.com"]);
    for args in [&["--region", "eu-west-1", "cert", "list"][..], &["--region", "eu-west-1", "--output", "json", "cert", "list"], &["man"]] {
        let mut child = env.command(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(out.stderr.is_empty() || !String::from_utf8_lossy(&out.stderr).contains("error"), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let out = env
        .program("bash")
        .args(["-c", &format!("set -o pipefail; '{BIN}' man | head -1")])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}

#[test]
fn status_lines_go_to_stderr_and_quiet_silences_them() {
    let env = Env::new();
    let r = env.run(&["--region", "eu-west-1", "ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1"]).ok();
    assert!(r.stdout.trim().starts_with("arn:aws:acm-pca:"), "stdout holds only the result");
    assert!(r.stderr.contains("Created"), "{}", r.stderr);
    let r = env.run(&["-q", "--region", "eu-west-1", "ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1"]).ok();
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    let r = env.run(&["--region", "eu-west-1", "--output", "json", "ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1"]).ok();
    r.json();
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let env = Env::new();
    let args = ["--region", "mars-1", "cert", "list"];
    let plain = env.run(&["--color", "always", "--region", "eu-west-1", "cert", "describe", "arn:aws:acm:eu-west-1:123456789012:certificate/0b5c4a3e-8f1d-4c2a-9e7b-1a2b3c4d5e6f"]);
    assert!(plain.stderr.contains("\x1b["), "--color always colours: {:?}", plain.stderr);
    let never = env.run(&["--color", "never", "--region", "eu-west-1", "cert", "describe", "arn:aws:acm:eu-west-1:123456789012:certificate/0b5c4a3e-8f1d-4c2a-9e7b-1a2b3c4d5e6f"]);
    assert!(!never.stderr.contains("\x1b["), "{:?}", never.stderr);
    // Not a terminal: auto means no colour.
    let auto = env.run(&args);
    assert!(!auto.stderr.contains("\x1b["), "{:?}", auto.stderr);
}

#[test]
fn man_page_covers_commands_environment_and_exit_codes() {
    let env = Env::new();
    let page = env.run(&["man"]).ok().stdout;
    assert!(page.starts_with(".ie") || page.contains(".TH acmctl 1"), "roff: {}", &page[..200.min(page.len())]);
    for needle in ["acmctl ca init", "acmctl cert request", "ACMCTL_HOME", "ACMCTL_NOW", "AWS_DEFAULT_REGION", "Exit codes", "refused by an ACM rule", "--certificate-authority-arn"] {
        assert!(page.contains(needle), "man page lacks {needle:?}");
    }
    // It renders as man renders it (from UTF-8), without a warning.
    let file = env.write("acmctl.1", &page);
    let out = hermetic("groff")
        .args(["-K", "utf8", "-man", "-Tutf8", "-ww"])
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("cannot run groff (Debian's groff-base; scripts/test.sh installs it): {e}"));
    let warnings = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && warnings.is_empty(), "groff: {warnings}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("acmctl ca init"), "groff rendered no commands");
}
