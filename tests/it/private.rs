//! Private authorities and certificates, end to end, checked with openssl.

use crate::common::*;

const REGION: &str = "eu-west-1";

#[test]
fn root_to_leaf_chains_verify_with_openssl_for_each_leaf_algorithm() {
    let env = Env::new();
    let root = env.root(REGION, "RSA_2048");
    let root_pem = ca_pem(&env, REGION, &root);
    for alg in ["EC_prime256v1", "EC_secp384r1", "RSA_2048"] {
        let arn = env.private_cert(REGION, &root, alg, &["www.example.com", "api.example.com"]);
        let (cert, chain) = get(&env, REGION, &arn);
        for host in ["www.example.com", "api.example.com"] {
            let (ok, out) = openssl_verify(&env, &root_pem, &cert, &chain, host);
            assert!(ok, "{alg} leaf for {host} does not verify: {out}");
        }
        let (ok, _) = openssl_verify(&env, &root_pem, &cert, &chain, "other.example.com");
        assert!(!ok, "{alg} leaf verified for a name it does not carry");
    }
}

#[test]
fn root_to_subordinate_to_leaf_chains_verify_with_openssl() {
    let env = Env::new();
    // An EC authority signs RSA leaves and the other way round: the leaf's
    // key family is independent of its issuer's.
    for (root_alg, sub_alg) in [("EC_secp384r1", "RSA_2048"), ("RSA_2048", "EC_prime256v1"), ("EC_secp521r1", "EC_secp384r1")] {
        let root = env.root(REGION, root_alg);
        let sub = env.subordinate(REGION, &root, sub_alg);
        let root_pem = ca_pem(&env, REGION, &root);
        for alg in ["EC_prime256v1", "EC_secp384r1", "RSA_2048"] {
            let arn = env.private_cert(REGION, &sub, alg, &["*.svc.example.com", "svc.example.com"]);
            let (cert, chain) = get(&env, REGION, &arn);
            assert_eq!(pem_count(&chain), 2, "the chain is the subordinate then the root");
            let (ok, out) = openssl_verify(&env, &root_pem, &cert, &chain, "db.svc.example.com");
            assert!(ok, "{root_alg}/{sub_alg}/{alg}: {out}");
            let (ok, out) = openssl_verify(&env, &root_pem, &cert, &chain, "svc.example.com");
            assert!(ok, "{root_alg}/{sub_alg}/{alg}: {out}");
        }
        // The subordinate's own chain verifies as a CA up to the root.
        let sub_pem = ca_pem(&env, REGION, &sub);
        let root_file = env.write("root.pem", &root_pem);
        let sub_file = env.write("sub.pem", &sub_pem);
        let (ok, out) = tool("openssl", &["verify", "-x509_strict", "-CAfile", root_file.to_str().unwrap(), sub_file.to_str().unwrap()]);
        assert!(ok, "{out}");
    }
}

fn pem_count(text: &str) -> usize {
    text.matches("-----BEGIN CERTIFICATE-----").count()
}

#[test]
fn leaf_profile_is_what_design_asks_for() {
    let env = Env::new();
    let root = env.root(REGION, "EC_prime256v1");
    let arn = env.private_cert(REGION, &root, "RSA_2048", &["www.example.com"]);
    let (cert, _) = get(&env, REGION, &arn);
    let file = env.write("leaf.pem", &cert);
    let (ok, text) = tool("openssl", &["x509", "-in", file.to_str().unwrap(), "-noout", "-text"]);
    assert!(ok);
    assert!(text.contains("CA:FALSE"), "{text}");
    assert!(text.contains("Digital Signature, Key Encipherment"), "{text}");
    assert!(text.contains("TLS Web Server Authentication, TLS Web Client Authentication"), "{text}");
    assert!(text.contains("DNS:www.example.com"), "{text}");
    assert!(text.contains("X509v3 Authority Key Identifier"), "{text}");
    let days = validity_days(&text);
    assert!((395..=396).contains(&days), "private leaves are valid 395 days, got {days}");

    let ec = env.private_cert(REGION, &root, "EC_prime256v1", &["ec.example.com"]);
    let (cert, _) = get(&env, REGION, &ec);
    let file = env.write("ec.pem", &cert);
    let (_, text) = tool("openssl", &["x509", "-in", file.to_str().unwrap(), "-noout", "-text"]);
    assert!(text.contains("Digital Signature") && !text.contains("Key Encipherment"), "EC leaves sign only: {text}");

    let root_pem = ca_pem(&env, REGION, &root);
    let file = env.write("root.pem", &root_pem);
    let (_, text) = tool("openssl", &["x509", "-in", file.to_str().unwrap(), "-noout", "-text"]);
    assert!(text.contains("CA:TRUE"), "{text}");
    assert!(text.contains("Certificate Sign, CRL Sign"), "{text}");
    assert!(text.contains("X509v3 Subject Key Identifier"), "{text}");
    let (_, asn1) = tool("openssl", &["asn1parse", "-in", file.to_str().unwrap()]);
    assert!(asn1.contains("PRINTABLESTRING   :US"), "the country is a PrintableString: {asn1}");
    let days = validity_days(&text);
    assert!((3650..=3651).contains(&days), "authorities are valid 10 years, got {days}");
}

#[test]
fn a_real_tls_handshake_on_loopback_verifies_chain_and_host_name() {
    let env = Env::new();
    let root = env.root(REGION, "RSA_2048");
    let sub = env.subordinate(REGION, &root, "EC_secp384r1");
    let arn = env.private_cert(REGION, &sub, "EC_prime256v1", &["tls.example.com"]);
    let json = env.run(&["--region", REGION, "--output", "json", "cert", "describe", &arn]).ok().json();
    let serial = json["Certificate"]["Serial"].as_str().unwrap().replace(':', "").to_uppercase();

    // The server gets the leaf, its chain and its key: the store's files,
    // or on PostgreSQL, where keys are sealed in the database, an export.
    let id = arn.rsplit('/').next().unwrap();
    let v1 = env.store.join("regions").join(REGION).join("certificates").join(id).join("v1");
    let mut files = [v1.join("certificate.pem"), v1.join("private_key.pem"), v1.join("chain.pem")];
    let pass = env.write("export-pass", "tls-pass");
    if env.pg_schema.is_some() {
        let args = ["--region", REGION, "--output", "json", "cert", "export", &arn, "--passphrase-file", pass.to_str().unwrap()];
        let export = env.run(&args).ok().json();
        files = ["Certificate", "PrivateKey", "CertificateChain"]
            .map(|field| env.write(&format!("export-{field}.pem"), export[field].as_str().unwrap()));
    }
    let root_file = env.write("root.pem", ca_pem(&env, REGION, &root));
    let port = free_port();
    let mut server = hermetic("openssl")
        .args(["s_server", "-accept", &format!("127.0.0.1:{port}"), "-quiet"])
        .arg("-cert").arg(&files[0])
        .arg("-key").arg(&files[1])
        .arg("-pass").arg(format!("file:{}", pass.display()))
        .arg("-cert_chain").arg(&files[2])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let guard = KillOnDrop(&mut server);
    wait_for_port(port);
    let out = hermetic("openssl")
        .args(["s_client", "-connect", &format!("127.0.0.1:{port}"), "-verify_return_error", "-verify_hostname", "tls.example.com", "-servername", "tls.example.com", "-CAfile"])
        .arg(&root_file)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    drop(guard);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "handshake failed: {text}{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("Verify return code: 0 (ok)"), "{text}");
    assert!(text.contains("CN=tls.example.com") || text.contains("CN = tls.example.com"), "{text}");
    let leaf = text.split("-----BEGIN CERTIFICATE-----").nth(1).unwrap();
    let leaf_file = env.write("served.pem", format!("-----BEGIN CERTIFICATE-----{}", leaf.split("-----END CERTIFICATE-----").next().unwrap().to_string() + "-----END CERTIFICATE-----\n"));
    let (_, served_serial) = tool("openssl", &["x509", "-in", leaf_file.to_str().unwrap(), "-noout", "-serial"]);
    assert_eq!(served_serial.trim(), format!("serial={serial}"), "the server presented the issued certificate");
}

struct KillOnDrop<'a>(&'a mut std::process::Child);

impl Drop for KillOnDrop<'_> {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn wait_for_port(port: u16) {
    for _ in 0..200 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    panic!("nothing listens on 127.0.0.1:{port}");
}

#[test]
fn json_output_uses_acm_shapes_and_values() {
    let env = Env::new();
    let root = env.run(&["--region", REGION, "--output", "json", "ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1"]).ok().json();
    let root = root["CertificateAuthorityArn"].as_str().unwrap().to_string();
    assert!(root.starts_with("arn:aws:acm-pca:eu-west-1:"), "{root}");
    let req = env
        .run(&[
            "--region", REGION, "--output", "json", "cert", "request", "--domain-name", "Www.Example.com",
            "--subject-alternative-names", "api.example.com", "www.example.com", "--certificate-authority-arn", &root,
            "--key-algorithm", "EC_secp384r1", "--tags", "team=web", "env=prod",
        ])
        .ok()
        .json();
    let arn = req["CertificateArn"].as_str().unwrap().to_string();
    assert!(arn.starts_with("arn:aws:acm:eu-west-1:") && arn.contains(":certificate/"), "{arn}");
    let d = env.run(&["--region", REGION, "--output", "json", "cert", "describe", &arn]).ok().json();
    let c = &d["Certificate"];
    assert_eq!(c["CertificateArn"], arn.as_str());
    assert_eq!(c["DomainName"], "www.example.com");
    assert_eq!(c["SubjectAlternativeNames"], serde_json::json!(["www.example.com", "api.example.com"]));
    assert_eq!(c["Status"], "ISSUED");
    assert_eq!(c["Type"], "PRIVATE");
    assert_eq!(c["KeyAlgorithm"], "EC_secp384r1");
    assert_eq!(c["SignatureAlgorithm"], "SHA256WITHECDSA");
    assert_eq!(c["InUseBy"], serde_json::json!([]));
    assert_eq!(c["RenewalEligibility"], "INELIGIBLE");
    assert_eq!(c["CertificateAuthorityArn"], root.as_str());
    assert_eq!(c["Tags"], serde_json::json!([{"Key": "team", "Value": "web"}, {"Key": "env", "Value": "prod"}]));
    let serial = c["Serial"].as_str().unwrap();
    assert_eq!(serial.split(':').count(), 16, "16-byte serial: {serial}");
    for field in ["NotBefore", "NotAfter", "CreatedAt", "IssuedAt"] {
        let v = c[field].as_str().unwrap_or_else(|| panic!("{field} missing"));
        time::OffsetDateTime::parse(v, &time::format_description::well_known::Rfc3339).unwrap();
    }
    assert_eq!(c["Subject"], "CN=www.example.com");

    let list = env.run(&["--region", REGION, "--output", "json", "cert", "list"]).ok().json();
    let items = list["CertificateSummaryList"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["CertificateArn"], arn.as_str());
    assert_eq!(items[0]["Status"], "ISSUED");
    assert_eq!(items[0]["InUse"], false);

    let ca = env.run(&["--region", REGION, "--output", "json", "ca", "describe", &root]).ok().json();
    assert_eq!(ca["CertificateAuthority"]["Arn"], root.as_str());
    assert_eq!(ca["CertificateAuthority"]["Type"], "ROOT");
    assert_eq!(ca["CertificateAuthority"]["Status"], "ACTIVE");
    assert_eq!(ca["CertificateAuthority"]["CertificateAuthorityConfiguration"]["KeyAlgorithm"], "EC_prime256v1");

    let got = env.run(&["--region", REGION, "--output", "json", "cert", "get", &arn]).ok().json();
    assert!(got["Certificate"].as_str().unwrap().starts_with("-----BEGIN CERTIFICATE-----"));
    assert!(got["CertificateChain"].as_str().unwrap().starts_with("-----BEGIN CERTIFICATE-----"));
}

#[test]
fn list_filters_by_status_key_type_and_expiry() {
    let env = Env::new();
    let root = env.root(REGION, "EC_prime256v1");
    let ec = env.private_cert(REGION, &root, "EC_prime256v1", &["a.example.com"]);
    let rsa = env.private_cert(REGION, &root, "RSA_2048", &["b.example.com"]);
    let arns = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["--region", REGION, "--output", "json", "cert", "list"];
        all.extend(args);
        let v = env.run(&all).ok().json();
        v["CertificateSummaryList"].as_array().unwrap().iter().map(|c| c["CertificateArn"].as_str().unwrap().to_string()).collect()
    };
    // ListCertificates promises no order; certificates made in the same second may come either way.
    let mut all = arns(&[]);
    all.sort();
    let mut want = vec![ec.clone(), rsa.clone()];
    want.sort();
    assert_eq!(all, want);
    assert_eq!(arns(&["--key-type", "RSA_2048"]), vec![rsa.clone()]);
    assert_eq!(arns(&["--key-type", "EC_prime256v1", "RSA_2048"]).len(), 2);
    assert_eq!(arns(&["--status", "ISSUED"]).len(), 2);
    assert!(arns(&["--status", "EXPIRED"]).is_empty());
    assert!(arns(&["--expiring-within", "30"]).is_empty());
    assert_eq!(arns(&["--expiring-within", "400"]).len(), 2);
    // A year and a half later both have expired.
    let later = env.run_env(&[("ACMCTL_NOW", "2040-01-01T00:00:00Z")], &["--region", REGION, "--output", "json", "cert", "list", "--status", "EXPIRED"]).ok().json();
    assert_eq!(later["CertificateSummaryList"].as_array().unwrap().len(), 2);
    // Another region sees none of them.
    let other = env.run(&["--region", "us-west-2", "--output", "json", "cert", "list"]).ok().json();
    assert!(other["CertificateSummaryList"].as_array().unwrap().is_empty());
}

#[test]
fn idempotency_token_returns_the_same_certificate_within_the_hour() {
    let env = Env::new();
    // The authority exists before the first request: nothing is issued
    // before its NotBefore.
    let root = env
        .run_env(&[("ACMCTL_NOW", "2026-12-01T09:00:00Z")], &["--region", REGION, "ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1"])
        .ok()
        .line();
    let req = |token: &str, name: &str, now: &str| {
        env.run_env(&[("ACMCTL_NOW", now)], &[
            "--region", REGION, "cert", "request", "--domain-name", name, "--certificate-authority-arn", &root,
            "--key-algorithm", "EC_prime256v1", "--idempotency-token", token,
        ])
    };
    let a = req("deploy_42", "a.example.com", "2026-12-01T10:00:00Z").ok().line();
    let b = req("deploy_42", "a.example.com", "2026-12-01T10:59:00Z").ok().line();
    assert_eq!(a, b);
    let c = req("deploy_42", "a.example.com", "2026-12-01T11:01:00Z").ok().line();
    assert_ne!(a, c, "after an hour the token starts a new certificate");
    let d = req("deploy_43", "a.example.com", "2026-12-01T11:02:00Z").ok().line();
    assert_ne!(c, d);
    let conflict = req("deploy_43", "b.example.com", "2026-12-01T11:03:00Z").code(6);
    assert!(conflict.stderr.contains("deploy_43"), "{}", conflict.stderr);
    req("bad token!", "a.example.com", "2026-12-01T11:03:00Z").code(3);
    let listed = env.run(&["--region", REGION, "--output", "json", "cert", "list"]).ok().json();
    assert_eq!(listed["CertificateSummaryList"].as_array().unwrap().len(), 3);
}

#[test]
fn export_gives_an_encrypted_key_that_openssl_opens_and_makes_the_certificate_eligible() {
    let env = Env::new();
    let root = env.root(REGION, "EC_prime256v1");
    let arn = env.private_cert(REGION, &root, "RSA_2048", &["x.example.com"]);
    let pass = env.write("pass.txt", "s3cret passphrase\n");
    let out = env.run(&["--region", REGION, "--output", "json", "cert", "export", &arn, "--passphrase-file", pass.to_str().unwrap()]).ok().json();
    let key = out["PrivateKey"].as_str().unwrap();
    assert!(key.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"), "{key}");
    let key_file = env.write("key.pem", key);
    let cert_file = env.write("cert.pem", out["Certificate"].as_str().unwrap());
    let (ok, text) = tool("openssl", &["pkey", "-in", key_file.to_str().unwrap(), "-passin", "pass:s3cret passphrase", "-pubout"]);
    assert!(ok, "{text}");
    let (_, cert_pub) = tool("openssl", &["x509", "-in", cert_file.to_str().unwrap(), "-noout", "-pubkey"]);
    assert_eq!(text.trim(), cert_pub.trim(), "the exported key belongs to the certificate");
    let (ok, _) = tool("openssl", &["pkey", "-in", key_file.to_str().unwrap(), "-passin", "pass:wrong", "-pubout"]);
    assert!(!ok);
    let d = env.run(&["--region", REGION, "--output", "json", "cert", "describe", &arn]).ok().json();
    assert_eq!(d["Certificate"]["RenewalEligibility"], "ELIGIBLE");

    for (content, what) in [("abc", "3 bytes"), (&"x".repeat(129)[..], "129 bytes")] {
        let f = env.write("short.txt", content);
        let before = env.snapshot();
        let r = env.run(&["--region", REGION, "cert", "export", &arn, "--passphrase-file", f.to_str().unwrap()]).code(3);
        assert!(r.stderr.contains(what), "{}", r.stderr);
        assert_same_store(&before, &env.snapshot(), "a refused export");
    }
}

#[test]
fn delete_removes_the_certificate_and_its_key() {
    let env = Env::new();
    let root = env.root(REGION, "EC_prime256v1");
    let arn = env.private_cert(REGION, &root, "EC_prime256v1", &["gone.example.com"]);
    env.run(&["--region", REGION, "cert", "delete", &arn]).ok();
    env.run(&["--region", REGION, "cert", "describe", &arn]).code(4);
    env.run(&["--region", REGION, "cert", "delete", &arn]).code(4);
    let id = arn.rsplit('/').next().unwrap();
    assert!(!env.store.join("regions").join(REGION).join("certificates").join(id).exists());
    env.run(&["store", "check"]).ok();
}

#[test]
fn san_quota_comes_from_the_config_file() {
    let env = Env::new();
    let root = env.root(REGION, "EC_prime256v1");
    let names: Vec<String> = (0..12).map(|i| format!("n{i}.example.com")).collect();
    let mut args = vec!["--region", REGION, "cert", "request", "--certificate-authority-arn", &root, "--key-algorithm", "EC_prime256v1", "--domain-name", "example.com", "--subject-alternative-names"];
    args.extend(names.iter().map(String::as_str));
    let r = env.run(&args).code(3);
    assert!(r.stderr.contains("13 names") && r.stderr.contains("quota is 10"), "{}", r.stderr);
    env.write("config.toml", "san_quota = 20\n");
    env.run(&args).ok();
    env.write("config.toml", "san_quota = 101\n");
    let r = env.run(&args).code(3);
    assert!(r.stderr.contains("san_quota"), "{}", r.stderr);
}

#[test]
fn region_and_account_come_from_the_environment_and_config() {
    let env = Env::new();
    env.write("config.toml", "region = \"ap-southeast-2\"\naccount_id = \"111122223333\"\n");
    let arn = env.run(&["ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1"]).ok().line();
    assert!(arn.starts_with("arn:aws:acm-pca:ap-southeast-2:111122223333:"), "{arn}");
    let arn = env.run_env(&[("AWS_DEFAULT_REGION", "eu-north-1")], &["ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1"]).ok().line();
    assert!(arn.contains(":eu-north-1:"), "{arn}");
    let arn = env.run_env(&[("AWS_REGION", "eu-south-1"), ("AWS_DEFAULT_REGION", "eu-north-1")], &["ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1"]).ok().line();
    assert!(arn.contains(":eu-south-1:"), "{arn}");
    let arn = env.run_env(&[("ACMCTL_REGION", "ca-central-1"), ("AWS_REGION", "eu-south-1")], &["ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1"]).ok().line();
    assert!(arn.contains(":ca-central-1:"), "{arn}");
    // A directory store writes its account down (on PostgreSQL it is the
    // acmctl_meta row that `store init` made).
    if env.pg_schema.is_none() {
        let toml = std::fs::read_to_string(env.store.join("store.toml")).unwrap();
        assert!(toml.contains("format_version = 1") && toml.contains("111122223333"), "{toml}");
    }
}
