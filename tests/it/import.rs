//! `import`: every key form and size it accepts, every refusal (exit 3, the
//! file named, the store unchanged), re-import, and expiry over time. Keys
//! and certificates are made by openssl.

use std::path::{Path, PathBuf};

use crate::common::*;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

fn openssl(dir: &Path, args: &[&str]) {
    let out = hermetic("openssl").current_dir(dir).args(args).output().expect("openssl runs");
    assert!(out.status.success(), "openssl {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
}

/// A fresh key of `spec` (genpkey arguments), in PKCS#8.
fn key(env: &Env, name: &str, spec: &[&str]) -> PathBuf {
    let mut args = vec!["genpkey", "-out", name];
    args.extend(spec);
    openssl(env.dir.path(), &args);
    env.path(name)
}

/// Imports here go to the default region.
const REGION: &str = "us-east-1";
const RSA2048: &[&str] = &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"];
const P256: &[&str] = &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"];

/// Rewrites a PKCS#8 key in the traditional form of its type: PKCS#1 for
/// RSA, SEC1 for EC.
fn traditional(env: &Env, from: &Path, name: &str) -> PathBuf {
    openssl(env.dir.path(), &["pkey", "-in", from.to_str().unwrap(), "-traditional", "-out", name]);
    env.path(name)
}

/// A self-signed server certificate on `key`, valid `days` from now.
fn self_signed(env: &Env, key: &Path, cn: &str, name: &str, days: u32) -> PathBuf {
    openssl(
        env.dir.path(),
        &[
            "req", "-x509", "-new", "-key", key.to_str().unwrap(), "-subj", &format!("/CN={cn}"), "-days",
            &days.to_string(), "-addext", &format!("subjectAltName=DNS:{cn}"), "-out", name,
        ],
    );
    env.path(name)
}

/// An authority certificate named `cn` on a new key; returns (cert, key).
fn authority(env: &Env, name: &str, cn: &str, signer: Option<(&Path, &Path)>) -> (PathBuf, PathBuf) {
    let k = key(env, &format!("{name}.key"), P256);
    let ext = env.write(
        &format!("{name}.ext"),
        "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n",
    );
    let csr = format!("{name}.csr");
    openssl(env.dir.path(), &["req", "-new", "-key", k.to_str().unwrap(), "-subj", &format!("/CN={cn}"), "-out", &csr]);
    let out = format!("{name}.pem");
    match signer {
        None => openssl(
            env.dir.path(),
            &["x509", "-req", "-in", &csr, "-key", k.to_str().unwrap(), "-days", "30", "-extfile", ext.to_str().unwrap(), "-out", &out],
        ),
        Some((ca, ca_key)) => openssl(
            env.dir.path(),
            &[
                "x509", "-req", "-in", &csr, "-CA", ca.to_str().unwrap(), "-CAkey", ca_key.to_str().unwrap(),
                "-set_serial", "7", "-days", "30", "-extfile", ext.to_str().unwrap(), "-out", &out,
            ],
        ),
    }
    (env.path(&out), k)
}

/// A leaf for `cn` on `key`, signed by (ca, ca_key).
fn leaf(env: &Env, key: &Path, cn: &str, name: &str, ca: &Path, ca_key: &Path) -> PathBuf {
    let csr = format!("{name}.csr");
    let ext = env.write(&format!("{name}.ext"), format!("subjectAltName=DNS:{cn}\nbasicConstraints=critical,CA:FALSE\n"));
    openssl(env.dir.path(), &["req", "-new", "-key", key.to_str().unwrap(), "-subj", &format!("/CN={cn}"), "-out", &csr]);
    openssl(
        env.dir.path(),
        &[
            "x509", "-req", "-in", &csr, "-CA", ca.to_str().unwrap(), "-CAkey", ca_key.to_str().unwrap(), "-set_serial",
            "9", "-days", "30", "-extfile", ext.to_str().unwrap(), "-out", name,
        ],
    );
    env.path(name)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn import(env: &Env, cert: &Path, key: &Path, chain: Option<&Path>) -> Run {
    let mut args = vec!["import", "--certificate", s(cert), "--private-key", s(key)];
    if let Some(c) = chain {
        args.extend(["--certificate-chain", s(c)]);
    }
    env.run(&args)
}

fn cat(env: &Env, name: &str, parts: &[&Path]) -> PathBuf {
    let text: String = parts.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
    env.write(name, text)
}

fn clock(offset: Duration) -> String {
    (OffsetDateTime::now_utc() + offset).format(&Rfc3339).unwrap()
}

#[test]
fn every_supported_key_form_and_size_is_accepted() {
    let env = Env::new();
    let rsa = key(&env, "rsa.key", RSA2048);
    let p256 = key(&env, "p256.key", P256);
    let cases: Vec<(&str, PathBuf, &str)> = vec![
        ("RSA 2048 PKCS#8", rsa.clone(), "RSA_2048"),
        ("RSA 2048 PKCS#1", traditional(&env, &rsa, "rsa1.key"), "RSA_2048"),
        ("RSA 3072 PKCS#8", key(&env, "rsa3072.key", &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072"]), "RSA_3072"),
        ("RSA 4096 PKCS#1", {
            let k = key(&env, "rsa4096.key", &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:4096"]);
            traditional(&env, &k, "rsa4096-1.key")
        }, "RSA_4096"),
        ("P-256 PKCS#8", p256.clone(), "EC_prime256v1"),
        ("P-256 SEC1", traditional(&env, &p256, "p256-sec1.key"), "EC_prime256v1"),
        ("P-384 SEC1", {
            let k = key(&env, "p384.key", &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"]);
            traditional(&env, &k, "p384-sec1.key")
        }, "EC_secp384r1"),
        ("P-521 PKCS#8", key(&env, "p521.key", &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521"]), "EC_secp521r1"),
    ];
    for (i, (what, k, alg)) in cases.iter().enumerate() {
        let head = std::fs::read_to_string(k).unwrap();
        if what.contains("PKCS#1") {
            assert!(head.starts_with("-----BEGIN RSA PRIVATE KEY-----"), "{what}");
        } else if what.contains("SEC1") {
            assert!(head.starts_with("-----BEGIN EC PRIVATE KEY-----"), "{what}");
        } else {
            assert!(head.starts_with("-----BEGIN PRIVATE KEY-----"), "{what}");
        }
        let cn = format!("k{i}.example.com");
        let cert = self_signed(&env, k, &cn, &format!("c{i}.pem"), 30);
        let arn = import(&env, &cert, k, None).ok().line();
        let d = env.describe(REGION, &arn);
        assert_eq!(d["KeyAlgorithm"], *alg, "{what}");
        assert_eq!(d["DomainName"], cn, "{what}");
    }
}

#[test]
fn imported_certificates_describe_as_acm_does_and_get_returns_the_chain() {
    let env = Env::new();
    let (root, root_key) = authority(&env, "root", "Import Test Root", None);
    let (inter, inter_key) = authority(&env, "inter", "Import Test Intermediate", Some((&root, &root_key)));
    let k = key(&env, "leaf.key", P256);
    let cert = leaf(&env, &k, "www.example.com", "leaf.pem", &inter, &inter_key);
    let chain = cat(&env, "chain.pem", &[&inter, &root]);
    let arn = env.run(&[
        "--output", "json", "import", "--certificate", s(&cert), "--private-key", s(&k), "--certificate-chain", s(&chain),
        "--tags", "team=web",
    ])
    .ok()
    .json()["CertificateArn"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(arn.starts_with("arn:aws:acm:us-east-1:"), "{arn}");
    let d = env.describe(REGION, &arn);
    assert_eq!(d["Type"], "IMPORTED");
    assert_eq!(d["Status"], "ISSUED");
    assert!(OffsetDateTime::parse(d["ImportedAt"].as_str().unwrap(), &Rfc3339).is_ok());
    assert_eq!(d["RenewalEligibility"], "INELIGIBLE");
    assert!(d.get("RenewalSummary").is_none());
    assert!(d.get("IssuedAt").is_none());
    assert_eq!(d["Issuer"], "CN=Import Test Intermediate");
    assert_eq!(d["SubjectAlternativeNames"], serde_json::json!(["www.example.com"]));
    assert_eq!(d["Serial"], "09");
    assert_eq!(d["Tags"], serde_json::json!([{"Key": "team", "Value": "web"}]));

    let (got_cert, got_chain) = get(&env, "us-east-1", &arn);
    assert_eq!(got_cert, std::fs::read_to_string(&cert).unwrap());
    assert_eq!(got_chain, std::fs::read_to_string(&chain).unwrap());
    let (ok, out) = openssl_verify(&env, &std::fs::read_to_string(&root).unwrap(), &got_cert, &got_chain, "www.example.com");
    assert!(ok, "{out}");
    env.run(&["store", "check"]).ok();
}

/// Every refusal: exit 3, the file and the reason named, the store as it was.
#[test]
fn refusals_name_the_file_and_leave_the_store_alone() {
    let env = Env::new();
    let (root, root_key) = authority(&env, "root", "Refusal Root", None);
    let (inter, inter_key) = authority(&env, "inter", "Refusal Intermediate", Some((&root, &root_key)));
    // Same name as the real intermediate, different key: only a signature
    // check tells them apart.
    let (impostor, _) = authority(&env, "impostor", "Refusal Intermediate", None);
    let k = key(&env, "leaf.key", P256);
    let cert = leaf(&env, &k, "www.example.com", "leaf.pem", &inter, &inter_key);
    let good_chain = cat(&env, "chain.pem", &[&inter, &root]);
    // Something in the store, so that "unchanged" means something.
    import(&env, &cert, &k, Some(&good_chain)).ok();
    let before = env.snapshot();

    let other = key(&env, "other.key", P256);
    let not_pem = env.write("notpem.pem", "this is not a certificate\n");
    let two = cat(&env, "two.pem", &[&cert, &cert]);
    let enc8 = env.path("enc8.key");
    openssl(env.dir.path(), &["pkcs8", "-topk8", "-in", s(&k), "-passout", "pass:secret1", "-out", "enc8.key"]);
    let enc_legacy = env.path("enc-legacy.key");
    openssl(
        env.dir.path(),
        &["ec", "-in", s(&k), "-aes256", "-passout", "pass:secret1", "-out", "enc-legacy.key"],
    );
    let ed = key(&env, "ed.key", &["-algorithm", "ED25519"]);
    let ed_cert = self_signed(&env, &ed, "ed.example.com", "ed.pem", 30);
    let rsa1024 = key(&env, "rsa1024.key", &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"]);
    let rsa1024_cert = self_signed(&env, &rsa1024, "small.example.com", "small.pem", 30);
    openssl(env.dir.path(), &["genpkey", "-genparam", "-algorithm", "DSA", "-pkeyopt", "dsa_paramgen_bits:1024", "-out", "dsa.param"]);
    openssl(env.dir.path(), &["genpkey", "-paramfile", "dsa.param", "-out", "dsa.key"]);
    let dsa = env.path("dsa.key");
    let dsa_cert = self_signed(&env, &dsa, "dsa.example.com", "dsa.pem", 30);
    let impostor_chain = cat(&env, "impostor-chain.pem", &[&impostor, &root]);
    let reversed = cat(&env, "reversed.pem", &[&root, &inter]);
    let big_cert = env.write("big.pem", vec![b'A'; 32 * 1024 + 1]);
    let big_key = env.write("big.key", vec![b'A'; 5 * 1024 + 1]);
    let big_chain = env.write("big-chain.pem", vec![b'A'; 2 * 1024 * 1024 + 1]);

    let p = |x: &Path| s(x).to_string();
    // (what, certificate and key files, chain file, the file the error names, what it says)
    type Bad<'a> = (&'a str, Vec<String>, Option<String>, PathBuf, &'a str);
    let cases: Vec<Bad> = vec![
        ("not PEM", vec![p(&not_pem), p(&k)], None, not_pem.clone(), "not PEM"),
        ("not PEM key", vec![p(&cert), p(&not_pem)], None, not_pem.clone(), "not PEM"),
        ("two certificates", vec![p(&two), p(&k)], None, two.clone(), "exactly one certificate, found 2"),
        ("key mismatch", vec![p(&cert), p(&other)], None, other.clone(), "does not match"),
        ("encrypted PKCS#8", vec![p(&cert), p(&enc8)], None, enc8.clone(), "encrypted"),
        ("encrypted SEC1", vec![p(&cert), p(&enc_legacy)], None, enc_legacy.clone(), "encrypted"),
        ("Ed25519", vec![p(&ed_cert), p(&ed)], None, ed.clone(), "Ed25519"),
        ("RSA 1024", vec![p(&rsa1024_cert), p(&rsa1024)], None, rsa1024.clone(), "RSA"),
        ("DSA", vec![p(&dsa_cert), p(&dsa)], None, dsa.clone(), "DSA"),
        ("impostor chain", vec![p(&cert), p(&k)], Some(p(&impostor_chain)), impostor_chain.clone(), "chain certificate 1 did not sign the certificate"),
        ("reversed chain", vec![p(&cert), p(&k)], Some(p(&reversed)), reversed.clone(), "did not sign"),
        ("leaf in chain only", vec![p(&cert), p(&k)], Some(p(&root)), root.clone(), "did not sign"),
        ("oversize certificate", vec![p(&big_cert), p(&k)], None, big_cert.clone(), "32 KiB"),
        ("oversize key", vec![p(&cert), p(&big_key)], None, big_key.clone(), "5 KiB"),
        ("oversize chain", vec![p(&cert), p(&k)], Some(p(&big_chain)), big_chain.clone(), "2 MiB"),
    ];
    for (what, files, chain, named, reason) in &cases {
        let mut args = vec!["import", "--certificate", &files[0], "--private-key", &files[1]];
        if let Some(c) = chain {
            args.extend(["--certificate-chain", c.as_str()]);
        }
        let r = env.run(&args).code(3);
        assert!(r.stderr.contains(s(named)), "{what}: the message must name {}: {}", named.display(), r.stderr);
        assert!(r.stderr.contains(reason), "{what}: expected '{reason}' in: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{what}: {}", r.stdout);
        assert_same_store(&before, &env.snapshot(), what);
    }

    // Expired and not yet valid, by the clock.
    for (what, offset, reason) in [
        ("expired", Duration::days(60), "has expired"),
        ("not yet valid", Duration::days(-2), "not yet valid"),
    ] {
        let r = env
            .run_env(&[("ACMCTL_NOW", &clock(offset))], &["import", "--certificate", s(&cert), "--private-key", s(&k)])
            .code(3);
        assert!(r.stderr.contains(s(&cert)) && r.stderr.contains(reason), "{what}: {}", r.stderr);
        assert_same_store(&before, &env.snapshot(), what);
    }
}

#[test]
fn reimport_replaces_the_material_under_the_same_arn() {
    let env = Env::new();
    let k1 = key(&env, "one.key", P256);
    let c1 = self_signed(&env, &k1, "svc.example.com", "one.pem", 30);
    let arn = import(&env, &c1, &k1, None).ok().line();
    let k2 = key(&env, "two.key", RSA2048);
    let c2 = self_signed(&env, &k2, "svc2.example.com", "two.pem", 30);
    let out = env
        .run(&["import", "--certificate", s(&c2), "--private-key", s(&k2), "--certificate-arn", &arn])
        .ok()
        .line();
    assert_eq!(out, arn);
    let d = env.describe(REGION, &arn);
    assert_eq!(d["DomainName"], "svc2.example.com");
    assert_eq!(d["KeyAlgorithm"], "RSA_2048");
    assert_eq!(d["Type"], "IMPORTED");
    assert_eq!(get(&env, "us-east-1", &arn).0, std::fs::read_to_string(&c2).unwrap());
    let list = env.run(&["--output", "json", "cert", "list"]).ok().json();
    assert_eq!(list["CertificateSummaryList"].as_array().unwrap().len(), 1);

    let before = env.snapshot();
    // Tags belong to the first import: a usage error (exit 2).
    let r = env
        .run(&["import", "--certificate", s(&c2), "--private-key", s(&k2), "--certificate-arn", &arn, "--tags", "a=b"])
        .code(2);
    assert!(r.stderr.contains("--tags"), "{}", r.stderr);
    // Another region: the ARN's region is not the one worked in.
    let r = env
        .run(&["--region", "eu-west-1", "import", "--certificate", s(&c2), "--private-key", s(&k2), "--certificate-arn", &arn])
        .code(5);
    assert!(r.stderr.contains("regional-resource") && r.stderr.contains("us-east-1"), "{}", r.stderr);
    assert_same_store(&before, &env.snapshot(), "refused re-imports");
    // A certificate acmctl issued is replaced by renewal, not re-import.
    let ca = env.root("us-east-1", "EC_prime256v1");
    let private = env.private_cert("us-east-1", &ca, "EC_prime256v1", &["p.example.com"]);
    let before_private = env.snapshot();
    let r = env
        .run(&["import", "--certificate", s(&c2), "--private-key", s(&k2), "--certificate-arn", &private])
        .code(5);
    assert!(r.stderr.contains("reimport-imported-only") && r.stderr.contains("PRIVATE"), "{}", r.stderr);
    assert_same_store(&before_private, &env.snapshot(), "re-import over a private certificate");
    // A bad file on re-import is refused before anything is touched.
    let r = env
        .run(&["import", "--certificate", s(&c2), "--private-key", s(&k1), "--certificate-arn", &arn])
        .code(3);
    assert!(r.stderr.contains("does not match"), "{}", r.stderr);
    assert_eq!(get(&env, "us-east-1", &arn).0, std::fs::read_to_string(&c2).unwrap());
}

#[test]
fn certificates_past_not_after_read_as_expired() {
    let env = Env::new();
    let k = key(&env, "k.key", P256);
    let c = self_signed(&env, &k, "old.example.com", "c.pem", 30);
    let imported = import(&env, &c, &k, None).ok().line();
    let ca = env.root("us-east-1", "EC_prime256v1");
    let private = env.private_cert("us-east-1", &ca, "EC_prime256v1", &["p.example.com"]);
    let later = clock(Duration::days(400));
    for arn in [&imported, &private] {
        assert_eq!(env.describe(REGION, arn)["Status"], "ISSUED");
        assert_eq!(env.describe_at(REGION, arn, &later)["Status"], "EXPIRED");
        let text = env.run_env(&[("ACMCTL_NOW", &later)], &["cert", "describe", arn]).ok().stdout;
        assert!(text.contains("EXPIRED"), "{text}");
    }
    // Between the two expiries, only the imported one has expired.
    let between = clock(Duration::days(45));
    let v = env
        .run_env(&[("ACMCTL_NOW", &between)], &["--output", "json", "cert", "list", "--status", "EXPIRED"])
        .ok()
        .json();
    let arns: Vec<&str> =
        v["CertificateSummaryList"].as_array().unwrap().iter().map(|c| c["CertificateArn"].as_str().unwrap()).collect();
    assert_eq!(arns, vec![imported.as_str()]);
    let text = env.run_env(&[("ACMCTL_NOW", &between)], &["cert", "list"]).ok().stdout;
    assert!(text.lines().any(|l| l.contains("old.example.com") && l.contains("EXPIRED")), "{text}");
    assert!(text.lines().any(|l| l.contains("p.example.com") && l.contains("ISSUED")), "{text}");
}

#[test]
fn reimport_updates_every_deployment_and_reruns_its_hook() {
    let env = Env::new();
    env.write("config.toml", "account_id = \"123456789012\"\n");
    let alb = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188";
    let k1 = key(&env, "one.key", P256);
    let c1 = self_signed(&env, &k1, "svc.example.com", "one.pem", 30);
    let arn = import(&env, &c1, &k1, None).ok().line();
    let dest = env.path("srv/tls");
    let log = env.path("hook.log");
    let hook = format!("echo reload >> {}", log.display());
    env.run(&["deploy", &arn, "--target", alb, "--dest", s(&dest), "--exec", &hook]).ok();
    assert_eq!(std::fs::read_to_string(dest.join("cert.pem")).unwrap(), std::fs::read_to_string(&c1).unwrap());
    // Imported certificates in use are still not eligible for managed renewal.
    assert_eq!(env.describe(REGION, &arn)["RenewalEligibility"], "INELIGIBLE");

    let k2 = key(&env, "two.key", P256);
    let c2 = self_signed(&env, &k2, "svc.example.com", "two.pem", 60);
    env.run(&["import", "--certificate", s(&c2), "--private-key", s(&k2), "--certificate-arn", &arn]).ok();
    assert_eq!(std::fs::read_to_string(dest.join("cert.pem")).unwrap(), std::fs::read_to_string(&c2).unwrap());
    assert_eq!(std::fs::read_to_string(dest.join("privkey.pem")).unwrap(), std::fs::read_to_string(&k2).unwrap());
    assert_eq!(std::fs::read_to_string(&log).unwrap(), "reload\nreload\n");
    assert_eq!(env.describe(REGION, &arn)["InUseBy"], serde_json::json!([alb]));
    env.run(&["store", "check"]).ok();
}

#[test]
fn a_reimports_hook_sees_the_allowed_environment_and_never_the_passphrase() {
    let env = Env::new();
    env.write("config.toml", "account_id = \"123456789012\"\n");
    let alb = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188";
    let k = key(&env, "k.key", P256);
    let c1 = self_signed(&env, &k, "svc.example.com", "one.pem", 30);
    let arn = import(&env, &c1, &k, None).ok().line();
    let (dest, seen) = (env.path("tls"), env.path("hook.env"));
    env.run(&["deploy", &arn, "--target", alb, "--dest", s(&dest), "--exec", &format!("env > {}", seen.display())]).ok();
    std::fs::remove_file(&seen).unwrap();
    let c2 = self_signed(&env, &k, "svc.example.com", "two.pem", 60);
    let secrets = [("ACMCTL_CA_PASSPHRASE", "a passphrase acmctl holds"), ("AWS_SECRET_ACCESS_KEY", "EXAMPLEKEY"), ("TMPDIR", "/tmp")];
    env.run_env(&secrets, &["import", "--certificate", s(&c2), "--private-key", s(&k), "--certificate-arn", &arn]).ok();
    let vars = hook_env(&seen);
    let names: Vec<&str> = vars.keys().map(String::as_str).collect();
    assert_eq!(names, ["ACMCTL_CERTIFICATE_ARN", "ACMCTL_DEPLOY_DIR", "ACMCTL_TARGET_ARN", "HOME", "PATH", "TMPDIR"], "{vars:#?}");
    assert_eq!(vars["ACMCTL_CERTIFICATE_ARN"], arn);
    assert_eq!(vars["ACMCTL_TARGET_ARN"], alb);
    let text = std::fs::read_to_string(&seen).unwrap();
    assert!(!text.contains("a passphrase acmctl holds") && !text.contains("EXAMPLEKEY"), "{text}");
}

#[test]
fn a_reimport_whose_redeploy_fails_still_gives_its_arn() {
    let env = Env::new();
    env.write("config.toml", "account_id = \"123456789012\"\n");
    let alb = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188";
    let k = key(&env, "k.key", P256);
    let c1 = self_signed(&env, &k, "svc.example.com", "one.pem", 30);
    let arn = import(&env, &c1, &k, None).ok().line();
    let flag = env.path("fail-now");
    env.run(&["deploy", &arn, "--target", alb, "--dest", s(&env.path("tls")), "--exec", &format!("test ! -e {}", flag.display())]).ok();
    std::fs::write(&flag, "").unwrap();
    let c2 = self_signed(&env, &k, "svc.example.com", "two.pem", 60);
    let r = env.run(&["import", "--certificate", s(&c2), "--private-key", s(&k), "--certificate-arn", &arn]).code(1);
    assert_eq!(r.stdout, format!("{arn}\n"), "the certificate was re-imported: its ARN is the result");
    assert!(r.stderr.contains(&format!("{arn} was re-imported, but redeploying it failed for {alb}")), "{}", r.stderr);
    assert_eq!(get(&env, REGION, &arn).0, std::fs::read_to_string(&c2).unwrap());
    let r = env.run(&["--output", "json", "import", "--certificate", s(&c2), "--private-key", s(&k), "--certificate-arn", &arn]).code(1);
    assert_eq!(r.json()["CertificateArn"], arn.as_str());
}

/// A certificate whose names carry an escape sequence and a line break,
/// as a hostile issuer could make one (openssl's config file reads `\n`).
fn certificate_with_control_characters(env: &Env) -> (PathBuf, PathBuf) {
    let k = key(env, "ctl.key", P256);
    let config = env.write(
        "ctl.cnf",
        "[req]\ndistinguished_name = dn\nprompt = no\nutf8 = yes\n[dn]\nCN = evil\x1b[31mred.example.com\n\
         [ext]\nsubjectAltName = DNS:www.example.com,DNS:bad\x1b[2J.example.com,DNS:two\\nlines.example.com\n",
    );
    openssl(env.dir.path(), &["req", "-x509", "-new", "-key", s(&k), "-config", s(&config), "-extensions", "ext", "-days", "30", "-out", "ctl.pem"]);
    (env.path("ctl.pem"), k)
}

#[test]
fn names_with_control_characters_are_shown_escaped_and_kept_exactly_in_json() {
    let env = Env::new();
    let (cert, k) = certificate_with_control_characters(&env);
    let arn = import(&env, &cert, &k, None).ok().line();
    let cn = "evil\x1b[31mred.example.com";
    let names = [cn, "www.example.com", "bad\x1b[2J.example.com", "two\nlines.example.com"];
    // JSON keeps the exact strings (its encoder escapes them).
    let d = env.describe(REGION, &arn);
    assert_eq!(d["DomainName"], cn);
    assert_eq!(d["SubjectAlternativeNames"], serde_json::json!(names));
    let list = env.run(&["--output", "json", "cert", "list"]).ok().json();
    assert_eq!(list["CertificateSummaryList"][0]["DomainName"], cn);
    // Text shows each control character escaped: no escape code reaches
    // the terminal and no line break forges a row.
    let list = env.run(&["cert", "list"]).ok().stdout;
    assert!(!list.contains('\x1b'), "{list:?}");
    assert_eq!(list.lines().count(), 2, "a header and one row: {list}");
    assert!(list.lines().nth(1).unwrap().contains(r"evil\u{1b}[31mred.example.com"), "{list}");
    let text = env.run(&["cert", "describe", &arn]).ok().stdout;
    assert!(!text.contains('\x1b'), "{text:?}");
    assert!(text.contains(r"evil\u{1b}[31mred.example.com") && text.contains(r"bad\u{1b}[2J.example.com") && text.contains(r"two\nlines.example.com"), "{text}");
    assert!(!text.lines().any(|l| l.starts_with("lines.example.com")), "a name's line break started a line: {text}");
    env.run(&["store", "check"]).ok();
}

#[test]
fn a_common_name_that_is_not_among_the_names_is_a_valid_import() {
    // Older certificates put a name in the subject that their
    // subjectAltName does not repeat; ACM lists it first, and the store
    // keeps it that way.
    let env = Env::new();
    let k = key(&env, "k.key", P256);
    openssl(env.dir.path(), &[
        "req", "-x509", "-new", "-key", s(&k), "-subj", "/CN=legacy.example.com", "-days", "30",
        "-addext", "subjectAltName=DNS:www.example.com,DNS:api.example.com", "-out", "legacy.pem",
    ]);
    let arn = import(&env, &env.path("legacy.pem"), &k, None).ok().line();
    let d = env.describe(REGION, &arn);
    assert_eq!(d["DomainName"], "legacy.example.com");
    assert_eq!(d["SubjectAlternativeNames"], serde_json::json!(["legacy.example.com", "www.example.com", "api.example.com"]));
    let check = env.run(&["--output", "json", "store", "check"]).ok().json();
    assert_eq!(check["Problems"], serde_json::json!([]));
}
