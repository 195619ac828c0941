//! Commands killed with SIGKILL at random moments leave a store that is
//! consistent: every record whole, every listed certificate readable, the
//! authority keys unchanged, a re-imported certificate one bundle or the
//! other. ACMCTL_TEST_KILLS sets how many kills (at least 200 by default);
//! ACMCTL_TEST_SEED replays a run.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::common::*;

const REGION: &str = "sa-east-1";

struct World {
    env: Env,
    root: String,
    encrypted: String,
    pass: PathBuf,
    /// Certificates that may still exist, for delete and export.
    certs: Vec<String>,
    /// Two (certificate, key) bundles made by openssl, for import.
    bundles: [(PathBuf, PathBuf); 2],
    /// An imported certificate, for re-import; never deleted.
    imported: Option<String>,
}

/// What the test kills. Each entry builds the command line from the world;
/// new writing commands are added here.
type Build = fn(&mut World, &mut Rng) -> Vec<String>;

fn request(w: &mut World, r: &mut Rng) -> Vec<String> {
    let n = r.next();
    let alg = if n.is_multiple_of(4) { "RSA_2048" } else { "EC_prime256v1" };
    let mut args = vec!["cert", "request", "--domain-name"].into_iter().map(String::from).collect::<Vec<_>>();
    args.push(format!("c{n:x}.example.com"));
    args.extend(["--key-algorithm".into(), alg.into()]);
    if n.is_multiple_of(3) {
        args.extend(["--certificate-authority-arn".into(), w.encrypted.clone(), "--passphrase-file".into(), w.pass.display().to_string()]);
    } else {
        args.extend(["--certificate-authority-arn".into(), w.root.clone()]);
    }
    if n.is_multiple_of(5) {
        args.extend(["--idempotency-token".into(), format!("t{}", n % 7)]);
    }
    args
}

/// A request that must succeed, from the authority whose key is in the
/// clear, so that renewing it needs no passphrase.
fn setup_request(w: &mut World, r: &mut Rng) -> Vec<String> {
    ["cert", "request", "--domain-name", &format!("s{:x}.example.com", r.next()), "--key-algorithm", "EC_prime256v1",
     "--certificate-authority-arn", &w.root]
        .map(String::from)
        .into()
}

fn ca_init(w: &mut World, r: &mut Rng) -> Vec<String> {
    let mut args: Vec<String> = ["ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1"].map(String::from).into();
    match r.below(3) {
        0 => {}
        1 => args.extend(["--type".into(), "subordinate".into(), "--parent".into(), w.root.clone()]),
        _ => args.extend(["--passphrase-file".into(), w.pass.display().to_string()]),
    }
    args
}

fn delete(w: &mut World, r: &mut Rng) -> Vec<String> {
    let arn = w.certs.swap_remove(r.below(w.certs.len() as u64) as usize);
    vec!["cert".into(), "delete".into(), arn]
}

fn export(w: &mut World, r: &mut Rng) -> Vec<String> {
    let arn = w.certs[r.below(w.certs.len() as u64) as usize].clone();
    vec!["cert".into(), "export".into(), arn, "--passphrase-file".into(), w.pass.display().to_string()]
}

fn renew(w: &mut World, r: &mut Rng) -> Vec<String> {
    let arn = w.certs[r.below(w.certs.len() as u64) as usize].clone();
    vec!["renew".into(), arn]
}

fn deploy(w: &mut World, r: &mut Rng) -> Vec<String> {
    let arn = w.certs[r.below(w.certs.len() as u64) as usize].clone();
    let account = arn.split(':').nth(4).unwrap().to_string();
    let target = format!("arn:aws:elasticloadbalancing:{REGION}:{account}:loadbalancer/app/web{}/1", r.below(3));
    vec!["deploy".into(), arn, "--target".into(), target]
}

fn import_args(w: &World, r: &mut Rng) -> Vec<String> {
    let (cert, key) = &w.bundles[r.index(2)];
    ["import", "--certificate", cert.to_str().unwrap(), "--private-key", key.to_str().unwrap()].map(String::from).into()
}

fn import(w: &mut World, r: &mut Rng) -> Vec<String> {
    import_args(w, r)
}

fn reimport(w: &mut World, r: &mut Rng) -> Vec<String> {
    let mut args = import_args(w, r);
    args.extend(["--certificate-arn".into(), w.imported.clone().expect("made before the kills")]);
    args
}

/// A self-signed server certificate and its key, made by openssl.
fn bundle(env: &Env, name: &str) -> (PathBuf, PathBuf) {
    let (cert, key) = (env.path(&format!("{name}.pem")), env.path(&format!("{name}.key")));
    let (ok, out) = tool("openssl", &["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", key.to_str().unwrap(), "-out", cert.to_str().unwrap(), "-subj", &format!("/CN={name}.example.com"),
        "-addext", &format!("subjectAltName=DNS:{name}.example.com"), "-days", "30"]);
    assert!(ok, "openssl: {out}");
    (cert, key)
}

const COMMANDS: &[(&str, Build, u64)] = &[
    // name, command line, weight
    ("cert request", request, 6),
    ("ca init", ca_init, 2),
    ("cert delete", delete, 2),
    ("cert export", export, 1),
    ("renew", renew, 2),
    ("deploy", deploy, 2),
    ("import", import, 2),
    ("import --certificate-arn", reimport, 1),
];

fn key_hashes(w: &World) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for arn in [&w.root, &w.encrypted] {
        let id = arn.rsplit('/').next().unwrap();
        let key = w.env.store.join("regions").join(REGION).join("authorities").join(id).join("private_key.pem");
        out.insert(arn.clone(), std::fs::read(key).unwrap());
    }
    out
}

/// Readers see only whole records, then `store check` finds nothing wrong.
fn verify(w: &World, every_certificate: bool) {
    let list = w.env.run(&["--region", REGION, "--output", "json", "cert", "list"]);
    assert_no_panic(&list, "cert list");
    let list = list.ok().json();
    let listed = list["CertificateSummaryList"].as_array().unwrap();
    // Between rounds a few are read; at the end, all of them.
    let step = if every_certificate { 1 } else { listed.len() / 4 + 1 };
    for c in listed.iter().step_by(step) {
        let arn = c["CertificateArn"].as_str().unwrap();
        let got = w.env.run(&["--region", REGION, "--output", "json", "cert", "get", arn]);
        assert_eq!(got.code, 0, "listed certificate {arn} is not readable: {}", got.stderr);
        assert!(got.json()["Certificate"].as_str().unwrap().starts_with("-----BEGIN CERTIFICATE-----"));
    }
    w.env.run(&["--region", REGION, "ca", "list"]).ok();
    let check = w.env.run(&["--output", "json", "store", "check"]);
    assert_eq!(check.code, 0, "store check after kills:\n{}{}", check.stdout, check.stderr);
    for p in check.json()["Cleaned"].as_array().unwrap() {
        let p = p.as_str().unwrap();
        let name = std::path::Path::new(p).file_name().unwrap().to_string_lossy().to_string();
        assert!(name.starts_with(".tmp-") || name.starts_with('v'), "{p} is not a temporary name");
    }
}

#[test]
fn sigkill_at_random_moments_leaves_a_consistent_store() {
    let kills_wanted: usize = std::env::var("ACMCTL_TEST_KILLS").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    let seed: u64 = std::env::var("ACMCTL_TEST_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1
    });
    eprintln!("ACMCTL_TEST_SEED={seed}");
    let mut rng = Rng(seed);
    let env = Env::fs();
    let pass = env.write("pass", "crash-test-pass\n");
    let root = env.root(REGION, "EC_prime256v1");
    let encrypted = env
        .run(&["--region", REGION, "ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1",
               "--passphrase-file", pass.to_str().unwrap()])
        .ok()
        .line();
    let bundles = [bundle(&env, "imported-a"), bundle(&env, "imported-b")];
    let mut w = World { env, root, encrypted, pass, certs: Vec::new(), bundles, imported: None };
    let args = import_args(&w, &mut rng);
    let imported = w.env.run(&[&["--region", REGION][..], &args.iter().map(String::as_str).collect::<Vec<_>>()].concat()).ok().line();
    w.imported = Some(imported);
    let keys = key_hashes(&w);

    // How long a command takes when left alone sets the range of delays.
    let started = Instant::now();
    let args: Vec<String> = ["cert", "request", "--domain-name", "timing.example.com", "--key-algorithm", "EC_prime256v1",
        "--certificate-authority-arn", &w.root].map(String::from).into();
    w.env.run(&[&["--region", REGION][..], &args.iter().map(String::as_str).collect::<Vec<_>>()].concat()).ok();
    let span = started.elapsed().as_micros().max(2_000) as u64 * 5 / 4;

    let total_weight: u64 = COMMANDS.iter().map(|c| c.2).sum();
    let mut kills: BTreeMap<&str, usize> = BTreeMap::new();
    let mut attempts = 0;
    while kills.values().sum::<usize>() < kills_wanted {
        attempts += 1;
        assert!(attempts < kills_wanted * 20, "commands finish before they can be killed: {kills:?}");
        if w.certs.len() < 3 {
            let args = setup_request(&mut w, &mut rng);
            let arn = w.env.run(&[&["--region", REGION][..], &args.iter().map(String::as_str).collect::<Vec<_>>()].concat()).ok().line();
            // Exported, it is eligible for renewal.
            w.env.run(&["--region", REGION, "cert", "export", &arn, "--passphrase-file", w.pass.to_str().unwrap()]).ok();
            w.certs.push(arn);
        }
        let mut pick = rng.below(total_weight);
        let (name, build, _) = COMMANDS.iter().find(|c| if pick < c.2 { true } else { pick -= c.2; false }).unwrap();
        let args = build(&mut w, &mut rng);
        let mut cmd = w.env.command(&[&["--region", REGION][..], &args.iter().map(String::as_str).collect::<Vec<_>>()].concat());
        cmd.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
        let mut child = cmd.spawn().unwrap();
        std::thread::sleep(Duration::from_micros(rng.below(span)));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            *kills.entry(name).or_default() += 1;
        }
        child.wait().unwrap();
        if attempts % 100 == 0 {
            verify(&w, false);
        }
    }
    verify(&w, true);
    assert_eq!(key_hashes(&w), keys, "authority keys are never rewritten");
    // Re-imported over and over, it is one bundle or the other, never a mix
    // (store check has matched its key to its certificate).
    let (got, _) = get(&w.env, REGION, w.imported.as_ref().unwrap());
    let bundles: Vec<String> = w.bundles.iter().map(|(c, _)| std::fs::read_to_string(c).unwrap()).collect();
    assert!(bundles.contains(&got), "the imported certificate is neither bundle:\n{got}");
    eprintln!("kills: {kills:?} in {attempts} attempts");
    for (name, _, _) in COMMANDS {
        assert!(kills.get(name).copied().unwrap_or(0) > 0, "{name} was never killed: {kills:?}");
    }
}
