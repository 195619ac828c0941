//! The region index: derived from the records, repaired when stale (records
//! added or removed behind its back, a crash between a record and its index
//! line), consistent under parallel writers and checked by `store check`;
//! and bulk issuance with `cert request --manifest`.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::common::*;

const REGION: &str = "eu-west-1";

fn index_path(env: &Env) -> PathBuf {
    env.store.join("regions").join(REGION).join("index")
}

fn cert_dirs(env: &Env) -> BTreeSet<String> {
    std::fs::read_dir(env.store.join("regions").join(REGION).join("certificates"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect()
}

fn listed(env: &Env, extra: &[(&str, &str)], args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["--region", REGION, "--output", "json", "cert", "list"];
    all.extend(args);
    let v = env.run_env(extra, &all).ok().json();
    v["CertificateSummaryList"].as_array().unwrap().clone()
}

fn listed_ids(env: &Env) -> BTreeSet<String> {
    listed(env, &[], &[])
        .iter()
        .map(|c| c["CertificateArn"].as_str().unwrap().rsplit('/').next().unwrap().to_string())
        .collect()
}

/// Ids named by the index file's certificate lines (the last line for an
/// id wins; `d` lines remove).
fn index_ids(env: &Env) -> BTreeSet<String> {
    let text = std::fs::read_to_string(index_path(env)).unwrap();
    let mut ids = BTreeSet::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        match f[0] {
            "c" => {
                ids.insert(f[1].to_string());
            }
            "d" => {
                ids.remove(f[1]);
            }
            _ => {}
        }
    }
    ids
}

fn store_check_clean(env: &Env) {
    let r = env.run(&["store", "check"]);
    assert_eq!(r.code, 0, "store check found problems:\n{}{}", r.stdout, r.stderr);
}

fn setup(n: usize) -> (Env, String, Vec<String>) {
    let env = Env::fs();
    let root = env.root(REGION, "EC_prime256v1");
    let arns = (0..n).map(|i| env.private_cert(REGION, &root, "EC_prime256v1", &[&format!("h{i}.example.com")])).collect();
    (env, root, arns)
}

#[test]
fn the_index_is_rebuilt_from_the_records_when_deleted() {
    let (env, _, arns) = setup(3);
    assert_eq!(listed_ids(&env).len(), 3);
    assert!(index_path(&env).exists(), "listing writes the index");
    std::fs::remove_file(index_path(&env)).unwrap();
    let ids = listed_ids(&env);
    assert_eq!(ids, cert_dirs(&env));
    assert_eq!(ids.len(), arns.len());
    assert_eq!(index_ids(&env), cert_dirs(&env), "the index was written again");
    store_check_clean(&env);
}

#[test]
fn records_added_or_removed_behind_the_index_are_found_and_the_index_repaired() {
    let (env, root, _) = setup(2);
    listed_ids(&env);
    let old_index = std::fs::read(index_path(&env)).unwrap();
    // A record whose index line never made it (as after a crash).
    let added = env.private_cert(REGION, &root, "EC_prime256v1", &["late.example.com"]);
    std::fs::write(index_path(&env), &old_index).unwrap();
    let ids = listed_ids(&env);
    assert!(ids.contains(added.rsplit('/').next().unwrap()), "the added certificate is listed");
    assert_eq!(ids, cert_dirs(&env));
    assert_eq!(index_ids(&env), cert_dirs(&env), "the index was repaired");

    // A record removed by hand.
    let gone = cert_dirs(&env).into_iter().next().unwrap();
    std::fs::remove_dir_all(env.store.join("regions").join(REGION).join("certificates").join(&gone)).unwrap();
    let ids = listed_ids(&env);
    assert!(!ids.contains(&gone));
    assert_eq!(ids, cert_dirs(&env));
    assert_eq!(index_ids(&env), cert_dirs(&env));
    store_check_clean(&env);
}

#[test]
fn a_crash_between_a_record_change_and_its_index_line_is_repaired() {
    let (env, _, arns) = setup(2);
    listed_ids(&env);
    let pass = env.write("pass.txt", "correct horse battery staple\n");
    env.run(&["--region", REGION, "cert", "export", &arns[0], "--passphrase-file", pass.to_str().unwrap()]).ok();
    // Cut the index back to before the line that followed the change: the
    // change stays announced, with no outcome.
    let text = std::fs::read_to_string(index_path(&env)).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    assert!(lines.last().unwrap().starts_with("c\t"), "a changed record is followed by its summary line");
    assert!(lines[lines.len() - 2].starts_with("p\t"), "a change is announced before the record changes");
    lines.pop();
    std::fs::write(index_path(&env), lines.join("\n") + "\n").unwrap();

    // store check rebuilds the stale index and says so; what an interrupted
    // write leaves is expected after a crash, not a problem.
    let r = env.run(&["store", "check"]).ok();
    assert!(r.stderr.contains(index_path(&env).to_str().unwrap()), "the repair names the index: {}", r.stderr);
    assert!(r.stderr.contains("stale"), "{}", r.stderr);
    store_check_clean(&env);

    // The same crash, then a listing: it shows the record as it is.
    std::fs::write(index_path(&env), lines.join("\n") + "\n").unwrap();
    let list = listed(&env, &[], &[]);
    let exported = list.iter().find(|c| c["CertificateArn"] == arns[0].as_str()).unwrap();
    assert_eq!(exported["Exported"], true);
    assert_eq!(exported["RenewalEligibility"], "ELIGIBLE");
    store_check_clean(&env);
}

#[test]
fn a_torn_or_damaged_index_is_not_trusted() {
    let (env, _, _) = setup(2);
    let ids = listed_ids(&env);
    // A write cut short: a line without its end.
    let mut text = std::fs::read_to_string(index_path(&env)).unwrap();
    text.push_str("c\t00000000-0000-4000-8000-000000000000\tPRIVATE\tISS");
    std::fs::write(index_path(&env), &text).unwrap();
    assert_eq!(listed_ids(&env), ids);
    // A damaged line in the middle: a changed domain fails the checksum.
    let text = std::fs::read_to_string(index_path(&env)).unwrap().replacen("h0.example.com", "h9.example.com", 1);
    std::fs::write(index_path(&env), &text).unwrap();
    let list = listed(&env, &[], &[]);
    assert!(list.iter().any(|c| c["DomainName"] == "h0.example.com"));
    assert!(!list.iter().any(|c| c["DomainName"] == "h9.example.com"));
    store_check_clean(&env);
}

#[test]
fn parallel_writers_leave_an_index_that_agrees_with_the_records() {
    let (env, root, _) = setup(1);
    listed_ids(&env);
    let before = cert_dirs(&env);
    std::thread::scope(|s| {
        for w in 0..4 {
            let (env, root) = (&env, &root);
            s.spawn(move || {
                for i in 0..4 {
                    env.private_cert(REGION, root, "EC_prime256v1", &[&format!("w{w}-{i}.example.com")]);
                }
            });
        }
        let env = &env;
        s.spawn(move || {
            for _ in 0..5 {
                env.run(&["--region", REGION, "cert", "list"]).ok();
            }
        });
    });
    let deleted = before.into_iter().next().unwrap();
    let arn = listed(&env, &[], &[])
        .iter()
        .map(|c| c["CertificateArn"].as_str().unwrap().to_string())
        .find(|a| a.ends_with(&deleted))
        .unwrap();
    env.run(&["--region", REGION, "cert", "delete", &arn]).ok();
    assert_eq!(cert_dirs(&env).len(), 16);
    assert_eq!(index_ids(&env), cert_dirs(&env), "every writer's line is in the index");
    assert_eq!(listed_ids(&env), cert_dirs(&env));
    store_check_clean(&env);
}

#[test]
fn expiring_within_uses_the_clock() {
    let env = Env::fs();
    let root = env.root(REGION, "EC_prime256v1");
    let early = env.write("early.txt", "early.example.com\n");
    let late = env.write("late.txt", "late.example.com\n");
    for (file, now) in [(&early, "2030-01-01T00:00:00Z"), (&late, "2030-03-01T00:00:00Z")] {
        env.run_env(&[("ACMCTL_NOW", now)], &[
            "--region", REGION, "cert", "request", "--manifest", file.to_str().unwrap(),
            "--certificate-authority-arn", &root, "--key-algorithm", "EC_prime256v1",
        ])
        .ok();
    }
    let names = |now: &str, days: &str| -> Vec<String> {
        listed(&env, &[("ACMCTL_NOW", now)], &["--expiring-within", days])
            .iter()
            .map(|c| c["DomainName"].as_str().unwrap().to_string())
            .collect()
    };
    // Private leaves last 395 days: early ends 2031-01-31, late 2031-03-31.
    assert!(names("2030-12-01T00:00:00Z", "30").is_empty());
    assert_eq!(names("2031-01-15T00:00:00Z", "30"), vec!["early.example.com"]);
    assert_eq!(names("2031-03-15T00:00:00Z", "30"), vec!["early.example.com", "late.example.com"]);
    let expired = listed(&env, &[("ACMCTL_NOW", "2031-02-05T00:00:00Z")], &["--expiring-within", "0"]);
    assert_eq!(expired.len(), 1, "an expired certificate is within any window");
    assert_eq!(expired[0]["Status"], "EXPIRED");
}

#[test]
fn a_manifest_issues_verifiable_certificates_with_unique_serials() {
    let env = Env::fs();
    let root = env.root(REGION, "EC_prime256v1");
    let mut manifest = String::from("# web fleet\n\n");
    for i in 0..40 {
        manifest.push_str(&format!("host{i}.example.com  www.host{i}.example.com\n"));
    }
    let file = env.write("names.txt", &manifest);
    let out = env
        .run(&[
            "--region", REGION, "--output", "json", "cert", "request", "--manifest", file.to_str().unwrap(),
            "--certificate-authority-arn", &root, "--key-algorithm", "EC_prime256v1", "--tags", "fleet=web",
        ])
        .ok()
        .json();
    let arns: Vec<String> = out["CertificateArns"].as_array().unwrap().iter().map(|a| a.as_str().unwrap().to_string()).collect();
    assert_eq!(arns.len(), 40);
    let root_pem = ca_pem(&env, REGION, &root);
    let mut serials = BTreeSet::new();
    for (i, arn) in arns.iter().enumerate() {
        let d = env.run(&["--region", REGION, "--output", "json", "cert", "describe", arn]).ok().json();
        assert_eq!(d["Certificate"]["DomainName"], format!("host{i}.example.com"), "ARNs come in the order of the lines");
        assert_eq!(d["Certificate"]["SubjectAlternativeNames"][1], format!("www.host{i}.example.com"));
        assert_eq!(d["Certificate"]["Tags"][0]["Key"], "fleet");
        assert!(serials.insert(d["Certificate"]["Serial"].as_str().unwrap().to_string()), "serials are unique");
        if i % 8 == 0 {
            let (cert, chain) = get(&env, REGION, arn);
            let (ok, msg) = openssl_verify(&env, &root_pem, &cert, &chain, &format!("www.host{i}.example.com"));
            assert!(ok, "openssl verify failed: {msg}");
        }
    }
    assert_eq!(index_ids(&env), cert_dirs(&env), "the batch is in the index");
    store_check_clean(&env);
    // The chains of a batch are one file with a name in each record:
    // deleting one certificate leaves the others whole.
    env.run(&["--region", REGION, "cert", "delete", &arns[0]]).ok();
    let (cert, chain) = get(&env, REGION, &arns[1]);
    let (ok, msg) = openssl_verify(&env, &root_pem, &cert, &chain, "www.host1.example.com");
    assert!(ok, "openssl verify failed after a delete: {msg}");
    store_check_clean(&env);
}

/// More names than one transaction holds (2,048): the batches are signed
/// and written in turn, each whole, with no serial used twice.
#[test]
fn a_manifest_larger_than_a_batch_issues_every_line_once() {
    let env = Env::fs();
    let root = env.root(REGION, "EC_prime256v1");
    let n = 2 * 2048 + 3;
    let manifest: String = (0..n).map(|i| format!("node{i}.example.com\n")).collect();
    let file = env.write("names.txt", &manifest);
    let out = env
        .run(&[
            "--region", REGION, "--output", "json", "cert", "request", "--manifest", file.to_str().unwrap(),
            "--certificate-authority-arn", &root, "--key-algorithm", "EC_prime256v1",
        ])
        .ok()
        .json();
    let arns: Vec<String> = out["CertificateArns"].as_array().unwrap().iter().map(|a| a.as_str().unwrap().to_string()).collect();
    assert_eq!(arns.len(), n);
    let ids: BTreeSet<String> = arns.iter().map(|a| a.rsplit('/').next().unwrap().to_string()).collect();
    assert_eq!(ids.len(), n, "every line has its own certificate");
    assert_eq!(cert_dirs(&env), ids, "every record is in place");
    assert_eq!(index_ids(&env), ids, "and in the index");
    let records = env.store.join("regions").join(REGION).join("certificates");
    let mut serials = BTreeSet::new();
    for (i, arn) in arns.iter().enumerate() {
        let id = arn.rsplit('/').next().unwrap();
        let toml = std::fs::read_to_string(records.join(id).join("certificate.toml")).unwrap();
        assert!(toml.contains(&format!("domain_name = \"node{i}.example.com\"")), "ARNs come in the order of the lines");
        let serial = toml.lines().find(|l| l.starts_with("serial = ")).unwrap().to_string();
        assert!(serials.insert(serial), "serials are unique");
    }
    for i in [0, 2048, n - 1] {
        let root_pem = ca_pem(&env, REGION, &root);
        let (cert, chain) = get(&env, REGION, &arns[i]);
        let (ok, msg) = openssl_verify(&env, &root_pem, &cert, &chain, &format!("node{i}.example.com"));
        assert!(ok, "openssl verify failed for line {i}: {msg}");
    }
    store_check_clean(&env);
}

#[test]
fn a_bad_manifest_line_is_named_and_nothing_is_issued() {
    let env = Env::fs();
    let root = env.root(REGION, "EC_prime256v1");
    env.private_cert(REGION, &root, "EC_prime256v1", &["first.example.com"]);
    listed_ids(&env);
    let eleven: Vec<String> = (0..11).map(|i| format!("n{i}.example.com")).collect();
    for (text, line) in [
        ("ok.example.com\n\nbad..example.com\n".to_string(), "line 3"),
        (format!("ok.example.com\n{}\n", eleven.join(" ")), "line 2"),
        ("*.*.example.com\n".to_string(), "line 1"),
    ] {
        let file = env.write("bad.txt", &text);
        let before = env.snapshot();
        let r = env
            .run(&[
                "--region", REGION, "cert", "request", "--manifest", file.to_str().unwrap(),
                "--certificate-authority-arn", &root, "--key-algorithm", "EC_prime256v1",
            ])
            .code(3);
        assert!(r.stderr.contains(line), "the error names {line}: {}", r.stderr);
        assert!(r.stderr.contains("bad.txt"), "the error names the file: {}", r.stderr);
        assert_same_store(&before, &env.snapshot(), &text);
    }
    let empty = env.write("empty.txt", "# nothing\n\n");
    env.run(&[
        "--region", REGION, "cert", "request", "--manifest", empty.to_str().unwrap(),
        "--certificate-authority-arn", &root,
    ])
    .code(3);
    // A manifest with --domain-name is a usage error.
    env.run(&[
        "--region", REGION, "cert", "request", "--manifest", empty.to_str().unwrap(), "--domain-name", "x.example.com",
        "--certificate-authority-arn", &root,
    ])
    .code(2);
}

/// Bulk issuance shows its progress to a person at a terminal, and keeps
/// stderr to its one status line when it is not one.
#[test]
fn a_manifest_shows_progress_only_on_a_terminal() {
    let env = Env::fs();
    let root = env.root(REGION, "EC_prime256v1");
    let lines: String = (0..200).map(|i| format!("p{i}.example.com\n")).collect();
    let file = env.write("fleet.txt", lines);
    let args = [
        "--region", REGION, "cert", "request", "--manifest", file.to_str().unwrap(),
        "--certificate-authority-arn", &root, "--key-algorithm", "EC_prime256v1",
    ];
    let piped = env.run(&args).ok();
    assert_eq!(piped.stderr, "Issued 200 certificates.\n");
    let (ok, shown) = run_on_terminal(&env, &[], &args);
    assert!(ok, "{shown}");
    assert!(shown.contains("/200"), "no progress bar on the terminal:\n{shown}");
    assert!(shown.contains("Issued 200 certificates."), "{shown}");
}

/// On a file system whose `syncfs` acmctl does not trust (tmpfs here,
/// standing in for FUSE and the like), bulk issuance syncs each record's
/// files and directories instead; the records come out the same.
#[test]
fn a_manifest_where_syncfs_is_not_trusted() {
    let (ok, fs_type) = tool("stat", &["-f", "-c", "%T", "/dev/shm"]);
    assert!(ok && fs_type.trim() == "tmpfs", "this test needs /dev/shm on tmpfs: {fs_type}");
    let env = Env::fs();
    let shm = tempfile::tempdir_in("/dev/shm").unwrap();
    let home = shm.path().join("store");
    let on_shm = [("ACMCTL_HOME", home.to_str().unwrap())];
    let root = env
        .run_env(&on_shm, &["--region", REGION, "-q", "ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1"])
        .ok()
        .stdout
        .trim()
        .to_string();
    let file = env.write("names.txt", (0..30).map(|i| format!("shm{i}.example.com\n")).collect::<String>());
    let out = env
        .run_env(&on_shm, &[
            "--region", REGION, "--output", "json", "cert", "request", "--manifest", file.to_str().unwrap(),
            "--certificate-authority-arn", &root, "--key-algorithm", "EC_prime256v1",
        ])
        .ok()
        .json();
    assert_eq!(out["CertificateArns"].as_array().unwrap().len(), 30);
    let listed = env.run_env(&on_shm, &["--region", REGION, "--output", "json", "cert", "list"]).ok().json();
    assert_eq!(listed["CertificateSummaryList"].as_array().unwrap().len(), 30);
    env.run_env(&on_shm, &["store", "check"]).ok();
}

/// FNV-1a, the checksum that ends each index line.
fn checksum(body: &str) -> String {
    let mut h: u32 = 0x811c9dc5;
    for b in body.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x01000193);
    }
    format!("{h:08x}")
}

#[test]
fn an_index_of_megabytes_of_empty_lines_does_not_take_commands_down() {
    let (env, _, arns) = setup(2);
    let ids = listed_ids(&env);
    let header = std::fs::read_to_string(index_path(&env)).unwrap().lines().next().unwrap().to_string();
    let mut junk = format!("{header}\n").into_bytes();
    junk.resize(junk.len() + (16 << 20), b'\n');
    for first in [true, false] {
        std::fs::write(index_path(&env), if first { &junk[..] } else { &junk[header.len() + 1..] }).unwrap();
        if first {
            // store check finds it damaged, rebuilds it, and is clean after.
            let r = env.run(&["store", "check"]).code(1);
            assert_no_panic(&r, "store check");
            assert!(r.stdout.contains(&format!("{}: the region index is damaged: line 2 is damaged; it was rebuilt from the records", index_path(&env).display())), "{}", r.stdout);
        } else {
            // A listing reads the certificates from their records, and repairs it.
            assert_eq!(listed_ids(&env), ids);
        }
        assert_eq!(index_ids(&env), cert_dirs(&env));
        store_check_clean(&env);
    }
    assert_eq!(ids.len(), arns.len());
}

#[test]
fn an_index_that_lists_far_more_certificates_than_the_region_holds_is_rebuilt() {
    let (env, _, _) = setup(2);
    let ids = listed_ids(&env);
    let text = std::fs::read_to_string(index_path(&env)).unwrap();
    let line = text.lines().find(|l| l.starts_with("c\t")).unwrap();
    let (body, _) = line.rsplit_once('\t').unwrap();
    let mut fields: Vec<String> = body.split('\t').map(str::to_string).collect();
    let mut forged = text.clone();
    // Well-formed lines with their checksums, for 30,000 certificates that do not exist.
    for i in 0..30_000u64 {
        fields[1] = format!("00000000-0000-4000-8000-{i:012x}");
        let body = fields.join("\t");
        forged.push_str(&format!("{body}\t{}\n", checksum(&body)));
    }
    std::fs::write(index_path(&env), &forged).unwrap();
    let r = env.run(&["store", "check"]).code(1);
    let finding = format!("{}: the region index is damaged: it lists more than", index_path(&env).display());
    assert!(r.stdout.contains(&finding) && r.stdout.contains("and the region holds 2; it was rebuilt from the records"), "{}", r.stdout);
    store_check_clean(&env);
    std::fs::write(index_path(&env), &forged).unwrap();
    assert_eq!(listed_ids(&env), ids, "the listing is of the region's certificates");
    assert_eq!(index_ids(&env), cert_dirs(&env), "and the index was rebuilt");
}

#[test]
fn an_index_with_another_name_is_never_changed_through_it() {
    let (env, root, arns) = setup(2);
    listed_ids(&env);
    // A backup made with hard links, as `cp -al` makes.
    let backup = env.path("backup");
    let ok = hermetic("cp").arg("-al").arg(&env.store).arg(&backup).status().unwrap().success();
    assert!(ok);
    let backup_index = backup.join("regions").join(REGION).join("index");
    let saved = std::fs::read(&backup_index).unwrap();
    let pass = env.write("pass.txt", "correct horse battery staple\n");
    let added = env.private_cert(REGION, &root, "EC_prime256v1", &["added.example.com"]);
    env.run(&["--region", REGION, "cert", "export", &arns[0], "--passphrase-file", pass.to_str().unwrap()]).ok();
    env.run(&["--region", REGION, "cert", "delete", &arns[1]]).ok();
    assert_eq!(std::fs::read(&backup_index).unwrap(), saved, "writing the store changed its backup's index");
    assert!(index_ids(&env).contains(id(&added)), "the store's own index has the new certificate");
    assert_eq!(index_ids(&env), cert_dirs(&env));
    // (The backup's names for the private keys would be reported.)
    std::fs::remove_dir_all(&backup).unwrap();
    store_check_clean(&env);
}
