//! Private keys stay private: modes whatever the umask, no unsafe stores,
//! no symbolic links followed, no key bytes printed, keys encrypted at rest
//! on request.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::common::*;

const REGION: &str = "eu-north-1";

/// Runs acmctl through `sh` with a umask.
fn run_umask(env: &Env, umask: &str, args: &[&str]) -> Run {
    let script = format!("umask {umask}; exec \"$0\" \"$@\"");
    to_run(env.program("sh").arg("-c").arg(script).arg(BIN).args(args).output().unwrap())
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        out.push(e.path());
        if e.file_type().unwrap().is_dir() {
            walk(&e.path(), out);
        }
    }
}

#[test]
fn keys_are_0600_and_directories_0700_under_any_umask() {
    for umask in ["000", "022", "077"] {
        let env = Env::fs();
        let pass = env.write("pass", "umask-pass");
        let ca = run_umask(&env, umask, &["--region", REGION, "ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1"]).ok().line();
        run_umask(&env, umask, &["--region", REGION, "ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1",
            "--passphrase-file", pass.to_str().unwrap()]).ok();
        let cert = run_umask(&env, umask, &["--region", REGION, "cert", "request", "--domain-name", "u.example.com",
            "--certificate-authority-arn", &ca, "--key-algorithm", "EC_prime256v1", "--idempotency-token", "tok"]).ok().line();
        run_umask(&env, umask, &["--region", REGION, "cert", "export", &cert, "--passphrase-file", pass.to_str().unwrap()]).ok();
        // Many at once take the bulk path (serve's batches too), which states
        // modes without touching the process's umask.
        let manifest = env.write("manifest.txt", "m1.example.com\nm2.example.com\n");
        run_umask(&env, umask, &["--region", REGION, "cert", "request", "--manifest", manifest.to_str().unwrap(),
            "--certificate-authority-arn", &ca, "--key-algorithm", "EC_prime256v1"]).ok();
        let mut paths = vec![env.store.clone()];
        walk(&env.store, &mut paths);
        let mut keys = 0;
        for p in &paths {
            let mode = std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o777;
            let name = p.file_name().unwrap().to_string_lossy();
            if p.is_dir() {
                assert_eq!(mode, 0o700, "umask {umask}: {} is {mode:o}", p.display());
            } else if name == "private_key.pem" {
                keys += 1;
                assert_eq!(mode, 0o600, "umask {umask}: {} is {mode:o}", p.display());
            } else {
                assert_eq!(mode & 0o022, 0, "umask {umask}: {} is writable by others ({mode:o})", p.display());
            }
        }
        assert_eq!(keys, 5, "two authority keys and three certificate keys");
        run_umask(&env, umask, &["store", "check"]).ok();
    }
}

#[test]
fn a_store_writable_by_others_is_refused() {
    for mode in [0o770, 0o707, 0o777] {
        let env = Env::fs();
        env.root(REGION, "EC_prime256v1");
        std::fs::set_permissions(&env.store, std::fs::Permissions::from_mode(mode)).unwrap();
        let before = env.snapshot();
        let run = env.run(&["--region", REGION, "ca", "list"]);
        assert_no_panic(&run, "ca list");
        assert_eq!(run.code, 5, "{}", run.stderr);
        assert!(run.stderr.contains(&env.store.display().to_string()) && run.stderr.contains("writable by other users"), "{}", run.stderr);
        assert!(run.stderr.contains("chmod 700"), "the hint says how to fix it: {}", run.stderr);
        assert_same_store(&before, &env.snapshot(), "a refused store");
    }
}

#[test]
fn a_store_owned_by_another_user_is_refused() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        assert!(std::env::var_os("CI").is_none(), "CI runs as root so that it can chown the store");
        eprintln!("not root: cannot give the store to another user here");
        return;
    }
    let env = Env::fs();
    env.root(REGION, "EC_prime256v1");
    let ok = hermetic("chown").args(["nobody"]).arg(&env.store).status().unwrap().success();
    assert!(ok);
    let nobody = std::fs::metadata(&env.store).unwrap().uid();
    let run = env.run(&["--region", REGION, "ca", "list"]);
    assert_eq!(run.code, 5, "{}", run.stderr);
    assert!(run.stderr.contains(&format!("owned by user {nobody}")), "{}", run.stderr);
}

#[test]
fn symbolic_links_inside_the_store_are_not_followed() {
    let env = Env::fs();
    let ca = env.root(REGION, "EC_prime256v1");
    let cert = env.private_cert(REGION, &ca, "EC_prime256v1", &["link.example.com"]);
    let region = env.store.join("regions").join(REGION);

    // The authority's key replaced by a link to a key outside the store.
    let key = region.join("authorities").join(id(&ca)).join("private_key.pem");
    let outside_key = env.path("outside-key.pem");
    std::fs::rename(&key, &outside_key).unwrap();
    std::os::unix::fs::symlink(&outside_key, &key).unwrap();
    let before = env.snapshot();
    let run = env.run(&["--region", REGION, "cert", "request", "--domain-name", "x.example.com",
        "--certificate-authority-arn", &ca, "--key-algorithm", "EC_prime256v1"]);
    assert_eq!(run.code, 5, "{}", run.stderr);
    assert!(run.stderr.contains(&key.display().to_string()) && run.stderr.contains("symbolic link"), "{}", run.stderr);
    assert_same_store(&before, &env.snapshot(), "a request through a linked key");
    std::fs::remove_file(&key).unwrap();
    std::fs::rename(&outside_key, &key).unwrap();

    // A certificate record that is a link.
    let rec = region.join("certificates").join(id(&cert));
    let outside = env.path("outside-record");
    std::fs::rename(&rec, &outside).unwrap();
    std::os::unix::fs::symlink(&outside, &rec).unwrap();
    // `cert list` reads the region index and does not open records, so it never reaches the link.
    for args in [vec!["cert", "get", cert.as_str()], vec!["cert", "describe", cert.as_str()]] {
        let run = env.run(&[&["--region", REGION][..], &args[..]].concat());
        assert_eq!(run.code, 5, "{args:?}: {}{}", run.stdout, run.stderr);
        assert!(run.stderr.contains("symbolic link"), "{}", run.stderr);
    }
    let run = env.run(&["--region", REGION, "cert", "delete", &cert]);
    assert_eq!(run.code, 5, "{}", run.stderr);
    assert!(outside.join("certificate.toml").exists(), "the target of the link is untouched");
    std::fs::remove_file(&rec).unwrap();
    std::fs::rename(&outside, &rec).unwrap();

    // The region directory itself a link.
    let outside_region = env.path("outside-region");
    std::fs::rename(&region, &outside_region).unwrap();
    std::os::unix::fs::symlink(&outside_region, &region).unwrap();
    for args in [vec!["cert", "list"], vec!["ca", "list"], vec!["ca", "init", "--mode", "private"]] {
        let run = env.run(&[&["--region", REGION][..], &args[..]].concat());
        assert_eq!(run.code, 5, "{args:?}: {}{}", run.stdout, run.stderr);
        assert!(run.stderr.contains("symbolic link"), "{}", run.stderr);
    }
    let run = env.run(&["store", "check"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("symbolic link"), "{}", run.stdout);
}

/// The base64 lines of every private key in the store.
fn key_lines(store: &Path) -> Vec<String> {
    let mut paths = Vec::new();
    walk(store, &mut paths);
    let mut out = Vec::new();
    for p in paths.iter().filter(|p| p.file_name().is_some_and(|n| n == "private_key.pem")) {
        let text = std::fs::read_to_string(p).unwrap();
        out.extend(text.lines().filter(|l| !l.starts_with("-----") && l.len() >= 16).map(str::to_string));
    }
    assert!(!out.is_empty());
    out
}

#[test]
fn private_key_bytes_never_appear_in_output_or_errors() {
    let env = Env::fs();
    let pass = env.write("pass", "never-printed");
    let ca = env.root(REGION, "EC_prime256v1");
    let enc = env.run(&["--region", REGION, "ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1",
        "--passphrase-file", pass.to_str().unwrap()]).ok().line();
    let cert = env.private_cert(REGION, &ca, "EC_prime256v1", &["quiet.example.com"]);
    let wrong = env.write("wrong", "wrong-pass");
    let mut runs = Vec::new();
    let debug = [("RUST_BACKTRACE", "full"), ("RUST_LOG", "trace"), ("ACMCTL_DEBUG", "1")];
    for output in ["text", "json"] {
        for args in [
            vec!["ca", "list"], vec!["ca", "describe", &ca], vec!["ca", "certificate", &ca], vec!["cert", "list"],
            vec!["cert", "describe", &cert], vec!["cert", "get", &cert], vec!["store", "check"],
            vec!["cert", "request", "--domain-name", "w.example.com", "--certificate-authority-arn", &enc,
                 "--passphrase-file", wrong.to_str().unwrap()],
            vec!["cert", "request", "--domain-name", "w.example.com", "--certificate-authority-arn", &enc],
        ] {
            runs.push(env.run_env(&debug, &[&["--region", REGION, "--output", output][..], &args[..]].concat()));
        }
    }
    // A damaged key must not be quoted back either.
    let key = env.store.join("regions").join(REGION).join("authorities").join(id(&ca)).join("private_key.pem");
    let secret = key_lines(&env.store);
    let good = std::fs::read_to_string(&key).unwrap();
    std::fs::write(&key, good.replacen("-----END PRIVATE KEY-----", "-----END RSA PRIVATE KEY-----", 1)).unwrap();
    runs.push(env.run_env(&debug, &["--region", REGION, "cert", "request", "--domain-name", "d.example.com",
        "--certificate-authority-arn", &ca]));
    runs.push(env.run_env(&debug, &["store", "check"]));
    std::fs::write(&key, &good[..good.len() / 2]).unwrap();
    runs.push(env.run_env(&debug, &["--region", REGION, "--output", "json", "cert", "request", "--domain-name", "d.example.com",
        "--certificate-authority-arn", &ca]));
    runs.push(env.run_env(&debug, &["--output", "json", "store", "check"]));
    assert!(runs.iter().any(|r| r.code != 0), "the error paths ran");
    for run in &runs {
        assert_no_panic(run, "a command");
        for line in &secret {
            assert!(!run.stdout.contains(line.as_str()) && !run.stderr.contains(line.as_str()),
                "key material printed:\n{}{}", run.stdout, run.stderr);
        }
        assert!(!run.stdout.contains("never-printed") && !run.stderr.contains("never-printed"));
    }
}

#[test]
fn authority_keys_can_be_encrypted_at_rest() {
    let env = Env::fs();
    let pass = env.write("pass", "a long passphrase\n");
    let wrong = env.write("wrong", "not the passphrase\n");
    let ca = env.run(&["--region", REGION, "ca", "init", "--mode", "private", "--key-algorithm", "EC_secp384r1",
        "--passphrase-file", pass.to_str().unwrap()]).ok().line();
    let key = env.store.join("regions").join(REGION).join("authorities").join(id(&ca)).join("private_key.pem");
    let text = std::fs::read_to_string(&key).unwrap();
    assert!(text.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"), "{text}");
    let (ok, out) = tool("openssl", &["pkey", "-in", key.to_str().unwrap(), "-passin", &format!("file:{}", pass.display()), "-noout", "-text"]);
    assert!(ok && out.contains("384"), "openssl decrypts it with the passphrase: {out}");
    let (ok, _) = tool("openssl", &["pkey", "-in", key.to_str().unwrap(), "-passin", &format!("file:{}", wrong.display()), "-noout"]);
    assert!(!ok, "and not without it");
    let (ok, out) = tool("openssl", &["asn1parse", "-in", key.to_str().unwrap()]);
    assert!(ok && out.contains("PBES2"), "{out}");

    let request = |extra: &[&str], env_vars: &[(&str, &str)]| {
        let mut args = vec!["--region", REGION, "cert", "request", "--domain-name", "enc.example.com",
            "--certificate-authority-arn", &ca, "--key-algorithm", "EC_prime256v1"];
        args.extend(extra);
        env.run_env(env_vars, &args)
    };
    let before = env.snapshot();
    let run = request(&[], &[]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("is encrypted and no passphrase was given") && run.stderr.contains(&ca), "{}", run.stderr);
    let run = request(&["--passphrase-file", wrong.to_str().unwrap()], &[]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("the passphrase does not decrypt the key of certificate authority"), "{}", run.stderr);
    let run = request(&[], &[("ACMCTL_CA_PASSPHRASE", "wrong one")]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    let run = request(&["--passphrase-file", env.path("missing").to_str().unwrap()], &[]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("cannot read passphrase file"), "{}", run.stderr);
    assert_same_store(&before, &env.snapshot(), "a request without the right passphrase");

    let cert = request(&["--passphrase-file", pass.to_str().unwrap()], &[]).ok().line();
    request(&[], &[("ACMCTL_CA_PASSPHRASE", "a long passphrase")]).ok();
    let (pem, chain) = get(&env, REGION, &cert);
    let (ok, out) = openssl_verify(&env, &ca_pem(&env, REGION, &ca), &pem, &chain, "enc.example.com");
    assert!(ok, "{out}");
    // Bulk issuance reads the same flag.
    let manifest = env.write("names.txt", "bulk1.example.com\nbulk2.example.com\n");
    let bulk = |pass_file: &std::path::Path| {
        env.run(&["--region", REGION, "cert", "request", "--manifest", manifest.to_str().unwrap(), "--certificate-authority-arn",
                  &ca, "--key-algorithm", "EC_prime256v1", "--passphrase-file", pass_file.to_str().unwrap()])
    };
    let before = env.snapshot();
    let run = bulk(&wrong);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("the passphrase does not decrypt the key of certificate authority"), "{}", run.stderr);
    assert_same_store(&before, &env.snapshot(), "a manifest with the wrong passphrase");
    let out = bulk(&pass).ok();
    assert_eq!(out.stdout.lines().count(), 2, "{}", out.stdout);

    // Revoking signs a CRL: the same passphrase, from the same places.
    let revoke = |extra: &[&str]| env.run(&[&["--region", REGION, "cert", "revoke", &cert], extra].concat());
    let before = env.snapshot();
    let run = revoke(&[]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("is encrypted and no passphrase was given"), "{}", run.stderr);
    let run = revoke(&["--passphrase-file", wrong.to_str().unwrap()]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("the passphrase does not decrypt the key of certificate authority"), "{}", run.stderr);
    assert_same_store(&before, &env.snapshot(), "a revocation without the right passphrase");
    revoke(&["--passphrase-file", pass.to_str().unwrap()]).ok();
    let status = env.run(&["--region", REGION, "--output", "json", "cert", "describe", &cert]).ok().json();
    assert_eq!(status["Certificate"]["Status"], "REVOKED");
    // A current CRL is printed without the key; one due for re-signing
    // (ten days on) needs the passphrase too.
    env.run(&["--region", REGION, "ca", "crl", &ca]).ok();
    let later = time::OffsetDateTime::now_utc() + time::Duration::days(10);
    let at = later.format(&time::format_description::well_known::Rfc3339).unwrap();
    let crl_at = |extra: &[&str]| {
        env.run_env(&[("ACMCTL_NOW", &at)], &[&["--region", REGION, "--output", "json", "ca", "crl", &ca], extra].concat())
    };
    let before = env.snapshot();
    let run = crl_at(&[]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("is encrypted and no passphrase was given"), "{}", run.stderr);
    assert_same_store(&before, &env.snapshot(), "a CRL due for re-signing without the passphrase");
    let v = crl_at(&["--passphrase-file", pass.to_str().unwrap()]).ok().json();
    assert_eq!(v["RevokedCertificates"].as_array().unwrap().len(), 1, "{v}");

    // A subordinate of the encrypted root needs the parent's passphrase;
    // it is itself stored in the clear unless it is given one too.
    let sub_args = ["--region", REGION, "ca", "init", "--mode", "private", "--type", "subordinate", "--parent", &ca,
        "--key-algorithm", "EC_prime256v1"];
    let before = env.snapshot();
    let run = env.run(&sub_args);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert_same_store(&before, &env.snapshot(), "a subordinate without the parent's passphrase");
    let sub = env.run(&[&sub_args[..], &["--parent-passphrase-file", pass.to_str().unwrap()]].concat()).ok().line();
    let sub_key = env.store.join("regions").join(REGION).join("authorities").join(id(&sub)).join("private_key.pem");
    assert!(std::fs::read_to_string(sub_key).unwrap().starts_with("-----BEGIN PRIVATE KEY-----"));
    env.private_cert(REGION, &sub, "EC_prime256v1", &["sub.example.com"]);
    env.run(&["store", "check"]).ok();
}

#[test]
fn passphrases_are_never_prompted_for() {
    // stdin is /dev/null: a prompt would read EOF or hang; acmctl just says
    // what is missing.
    let env = Env::fs();
    let pass = env.write("pass", "abc\n");
    let run = env.run(&["--region", REGION, "ca", "init", "--mode", "private", "--passphrase-file", pass.to_str().unwrap()]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("3 bytes long; it must be 4 to 128 bytes"), "{}", run.stderr);
}

/// Runs `args` and expects the refusal of `path` (exit 5, the path and the
/// reason named) with the store as it was.
#[track_caller]
fn refuses(env: &Env, args: &[&str], path: &Path, reason: &str) {
    let before = env.snapshot();
    let region: &[&str] = if args.contains(&"--region") { &[] } else { &["--region", REGION] };
    let run = env.run(&[region, args].concat());
    assert_no_panic(&run, "a command");
    assert_eq!(run.code, 5, "{args:?}: expected exit 5\n{}{}", run.stdout, run.stderr);
    let said = format!("refusing to use {}: {reason}", path.display());
    assert!(run.stderr.contains(&said), "{args:?}: the error does not say '{said}':\n{}", run.stderr);
    assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
    assert_same_store(&before, &env.snapshot(), &format!("{args:?}"));
}

#[test]
fn what_another_user_owns_inside_the_store_is_refused_by_every_command_that_reads_it() {
    if !can_chown("what_another_user_owns_inside_the_store_is_refused_by_every_command_that_reads_it") {
        return;
    }
    let env = Env::fs();
    let ca = env.root(REGION, "EC_prime256v1");
    let cert = env.private_cert(REGION, &ca, "EC_prime256v1", &["owned.example.com"]);
    env.run(&["--region", REGION, "cert", "list"]).ok();
    let region = env.store.join("regions").join(REGION);
    let record = region.join("certificates").join(id(&cert));
    let ca_key = region.join("authorities").join(id(&ca)).join("private_key.pem");
    let request = ["cert", "request", "--domain-name", "more.example.com", "--certificate-authority-arn", &ca, "--key-algorithm", "EC_prime256v1"];
    let pass = env.write("pass", "export-passphrase\n");
    let export = ["cert", "export", &cert, "--passphrase-file", pass.to_str().unwrap()];
    let theirs = format!("it is owned by user {NOBODY} and you are user 0");
    // (what is given away, the commands that read it)
    let cases: Vec<(PathBuf, Vec<Vec<&str>>)> = vec![
        (record.join("certificate.toml"), vec![vec!["cert", "describe", &cert], vec!["cert", "get", &cert], vec!["renew", &cert]]),
        (record.join("v1/private_key.pem"), vec![export.to_vec(), vec!["cert", "get", &cert]]),
        (record.join("v1"), vec![vec!["cert", "get", &cert]]),
        (record.clone(), vec![vec!["cert", "describe", &cert]]),
        (ca_key.clone(), vec![request.to_vec()]),
        (region.join("authorities").join(id(&ca)).join("authority.toml"), vec![vec!["ca", "describe", &ca], vec!["ca", "list"], request.to_vec()]),
        (region.join("index"), vec![vec!["cert", "list"], request.to_vec()]),
        (region.join("certificates"), vec![vec!["cert", "list"], vec!["cert", "describe", &cert]]),
        (region.clone(), vec![vec!["cert", "list"], vec!["ca", "list"], request.to_vec()]),
        (env.store.join("regions"), vec![vec!["cert", "list"], request.to_vec()]),
    ];
    for (path, commands) in &cases {
        chown(path, NOBODY);
        for args in commands {
            refuses(&env, args, path, &theirs);
        }
        chown(path, 0);
    }
    env.run(&["store", "check"]).ok();
}

#[test]
fn a_record_that_group_or_others_may_write_is_refused() {
    let env = Env::fs();
    let ca = env.root(REGION, "EC_prime256v1");
    let cert = env.private_cert(REGION, &ca, "EC_prime256v1", &["modes.example.com"]);
    let region = env.store.join("regions").join(REGION);
    let record = region.join("certificates").join(id(&cert)).join("certificate.toml");
    let authority = region.join("authorities").join(id(&ca)).join("authority.toml");
    for mode in [0o664, 0o646] {
        std::fs::set_permissions(&record, std::fs::Permissions::from_mode(mode)).unwrap();
        let reason = format!("it is writable by other users (mode {mode:o})");
        refuses(&env, &["cert", "describe", &cert], &record, &reason);
        refuses(&env, &["renew", &cert], &record, &reason);
        std::fs::set_permissions(&record, std::fs::Permissions::from_mode(0o644)).unwrap();
        std::fs::set_permissions(&authority, std::fs::Permissions::from_mode(mode)).unwrap();
        refuses(&env, &["cert", "request", "--domain-name", "m.example.com", "--certificate-authority-arn", &ca], &authority, &reason);
        std::fs::set_permissions(&authority, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let certificates = region.join("certificates");
    std::fs::set_permissions(&certificates, std::fs::Permissions::from_mode(0o770)).unwrap();
    refuses(&env, &["cert", "list"], &certificates, "it is writable by other users (mode 770)");
}

#[test]
fn a_key_others_may_read_is_refused_when_it_is_used() {
    let env = Env::fs();
    let ca = env.root(REGION, "EC_prime256v1");
    let cert = env.private_cert(REGION, &ca, "EC_prime256v1", &["key.example.com"]);
    let pass = env.write("pass", "export-passphrase\n");
    let region = env.store.join("regions").join(REGION);
    let ca_key = region.join("authorities").join(id(&ca)).join("private_key.pem");
    let cert_key = region.join("certificates").join(id(&cert)).join("v1/private_key.pem");
    let readable = "the private key is readable by other users (mode 644; it must be 600)";
    std::fs::set_permissions(&ca_key, std::fs::Permissions::from_mode(0o644)).unwrap();
    refuses(&env, &["cert", "request", "--domain-name", "k.example.com", "--certificate-authority-arn", &ca], &ca_key, readable);
    std::fs::set_permissions(&ca_key, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::set_permissions(&cert_key, std::fs::Permissions::from_mode(0o644)).unwrap();
    refuses(&env, &["cert", "export", &cert, "--passphrase-file", pass.to_str().unwrap()], &cert_key, readable);
    let alb = format!("arn:aws:elasticloadbalancing:{REGION}:{}:loadbalancer/app/web/1", cert.split(':').nth(4).unwrap());
    refuses(&env, &["deploy", &cert, "--target", &alb], &cert_key, readable);
}

#[test]
fn links_at_any_step_inside_the_store_are_refused_and_nothing_is_written_through_them() {
    let env = Env::fs();
    let ca = env.root(REGION, "EC_prime256v1");
    env.private_cert(REGION, &ca, "EC_prime256v1", &["first.example.com"]);
    let region = env.store.join("regions").join(REGION);
    let request = ["cert", "request", "--domain-name", "linked.example.com", "--certificate-authority-arn", &ca, "--key-algorithm", "EC_prime256v1"];
    let link = "it is a symbolic link, and acmctl does not follow links inside its store";
    let outside = env.path("outside");
    // Replaces `path` by a link to the empty directory (or a name in it) outside.
    let swap = |path: &Path, to: &Path| {
        std::fs::create_dir_all(&outside).unwrap();
        let kept = env.path("kept");
        std::fs::rename(path, &kept).unwrap();
        std::os::unix::fs::symlink(to, path).unwrap();
        kept
    };
    let restore = |path: &Path, kept: PathBuf| {
        assert!(tree(&outside).is_empty(), "something was written outside the store: {:?}", tree(&outside));
        std::fs::remove_file(path).unwrap();
        std::fs::rename(kept, path).unwrap();
    };

    // `regions` itself: a new region would be made outside.
    let regions = env.store.join("regions");
    let kept = swap(&regions, &outside);
    refuses(&env, &["ca", "init", "--mode", "private"], &regions, link);
    refuses(&env, &["--region", "ap-south-1", "ca", "init", "--mode", "private"], &regions, link);
    refuses(&env, &["ca", "list"], &regions, link);
    refuses(&env, &["cert", "list"], &regions, link);
    restore(&regions, kept);

    // An authority's `serials`: reserved serials, and the files beside them, would go outside.
    let serials = region.join("authorities").join(id(&ca)).join("serials");
    let kept = swap(&serials, &outside);
    refuses(&env, &request, &serials, link);
    restore(&serials, kept);

    // The lock and the index, pointing at names outside the store.
    for name in ["lock", "index"] {
        let path = region.join(name);
        let kept = swap(&path, &outside.join(name));
        refuses(&env, &request, &path, link);
        refuses(&env, &["ca", "init", "--mode", "private"], &path, link);
        if name == "index" {
            refuses(&env, &["cert", "list"], &path, link);
        }
        restore(&path, kept);
    }
    env.run(&["store", "check"]).ok();
}

#[test]
fn core_dumps_are_off_while_acmctl_runs() {
    // A hook runs while acmctl is alive, as its child: it reads acmctl's
    // limits. A decrypted authority key and a passphrase must not end up
    // in a core file.
    let env = Env::fs();
    env.write("config.toml", "account_id = \"123456789012\"\n");
    let ca = env.root(REGION, "EC_prime256v1");
    let cert = env.private_cert(REGION, &ca, "EC_prime256v1", &["core.example.com"]);
    let limits = env.path("limits");
    let hook = format!("cat /proc/$PPID/limits > {}", limits.display());
    env.run(&["--region", REGION, "deploy", &cert, "--target", "arn:aws:cloudfront::123456789012:distribution/E1", "--exec", &hook]).code(5);
    let alb = "arn:aws:elasticloadbalancing:eu-north-1:123456789012:loadbalancer/app/web/1";
    env.run(&["--region", REGION, "deploy", &cert, "--target", alb, "--dest", env.path("tls").to_str().unwrap(), "--exec", &hook]).ok();
    let text = std::fs::read_to_string(&limits).unwrap();
    let core = text.lines().find(|l| l.starts_with("Max core file size")).unwrap_or_else(|| panic!("{text}"));
    let soft = core.trim_start_matches("Max core file size").split_whitespace().next().unwrap();
    assert_eq!(soft, "0", "core dumps are on: {core}");
}
