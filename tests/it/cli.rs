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

/// A directory right under `/` that must not exist; removed when dropped,
/// should a run have made it after all.
struct NotUnderRoot(std::path::PathBuf);

impl Drop for NotUnderRoot {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn a_home_that_does_not_exist_makes_nothing_and_says_so() {
    let env = Env::new();
    let top = std::path::PathBuf::from(format!("/acmctl-test-no-home-{}", std::process::id()));
    assert!(!top.exists(), "{} exists before the test", top.display());
    let top = NotUnderRoot(top);
    let home = top.0.join("x");
    for args in [&["cert", "list"][..], &["ca", "init", "--mode", "private"], &["store", "check"]] {
        // Neither --store nor ACMCTL_HOME: the store's place comes from HOME.
        let mut cmd = env.command(args);
        cmd.env_remove("ACMCTL_HOME").env_remove("ACMCTL_CONFIG").env("HOME", &home);
        let r = to_run(cmd.output().unwrap());
        assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(&format!("error: the home directory {} does not exist, so the store has no default place", home.display())), "{args:?}: {}", r.stderr);
        assert_eq!(r.stderr.lines().filter(|l| l.starts_with("error:")).count(), 1, "one error line: {}", r.stderr);
        assert!(!top.0.exists(), "{args:?} made {}", top.0.display());
    }
}

#[test]
fn a_relative_store_path_is_taken_from_the_working_directory() {
    let env = Env::new();
    let cwd = env.path("work");
    std::fs::create_dir_all(cwd.join("relative")).unwrap();
    let mut cmd = env.command(&["--store", "relative/dir", "ca", "init", "--mode", "private"]);
    cmd.env_remove("ACMCTL_HOME").current_dir(&cwd);
    let ca = to_run(cmd.output().unwrap()).ok().line();
    assert!(cwd.join("relative/dir/store.toml").is_file());
    let mut cmd = env.command(&["--output", "json", "ca", "list"]);
    cmd.env("ACMCTL_HOME", "relative/dir").current_dir(&cwd);
    let list = to_run(cmd.output().unwrap()).ok().json();
    assert_eq!(list["CertificateAuthorities"][0]["Arn"], ca.as_str());
}

#[test]
fn a_store_whose_parent_does_not_exist_is_refused_and_nothing_is_made() {
    let env = Env::new();
    let cwd = env.path("work");
    std::fs::create_dir(&cwd).unwrap();
    let absolute = env.path("missing-abs/store");
    let cases: [(&[&str], Option<&str>, std::path::PathBuf); 3] = [
        (&["--store", "missing/store"], None, cwd.join("missing/store")),
        (&["--store", absolute.to_str().unwrap()], None, absolute.clone()),
        (&[], Some("missing-env/store"), cwd.join("missing-env/store")),
    ];
    for (flags, home, store) in cases {
        let mut cmd = env.command(&[flags, &["ca", "init", "--mode", "private"][..]].concat());
        match home {
            Some(h) => cmd.env("ACMCTL_HOME", h),
            None => cmd.env_remove("ACMCTL_HOME"),
        };
        let r = to_run(cmd.current_dir(&cwd).output().unwrap());
        assert_eq!(r.code, 3, "{flags:?} {home:?}: {}", r.stderr);
        let says = format!("the store {} cannot be made: its parent directory {} does not exist", store.display(), store.parent().unwrap().display());
        assert!(r.stderr.contains(&says), "{}", r.stderr);
        assert!(!store.parent().unwrap().exists(), "{} was made", store.parent().unwrap().display());
    }
    assert_eq!(std::fs::read_dir(&cwd).unwrap().count(), 0, "something was made in the working directory");
}
