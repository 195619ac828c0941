//! ACM Private CA's lifecycle on the command line: an authority made with a
//! CSR, its certificate signed and imported, certificates signed for CSRs
//! under templates and checked by openssl, revocation by serial, and the
//! states an authority goes through.

use crate::common::*;

const REGION: &str = "eu-central-1";

fn acm(env: &Env, args: &[&str]) -> Run {
    let mut all = vec!["--region", REGION];
    all.extend(args);
    env.run(&all)
}

fn pending(env: &Env, kind: &str, cn: &str, alg: &str) -> String {
    acm(env, &["ca", "init", "--mode", "private", "--type", kind, "--pending-certificate", "--common-name", cn, "--key-algorithm", alg])
        .ok()
        .line()
}

/// Signs `csr` with `ca` under `template` and returns the certificate (and chain) PEM.
fn issue(env: &Env, ca: &str, csr: &std::path::Path, template: &str) -> String {
    // A root for ten years, what it signs for less.
    let days = match template {
        "RootCACertificate/V1" => "3650",
        "EndEntityCertificate/V1" => "30",
        _ => "1000",
    };
    let arn = acm(env, &["ca", "issue", ca, "--csr", csr.to_str().unwrap(), "--template", template, "--validity-days", days])
        .ok()
        .line();
    assert!(arn.starts_with(&format!("{ca}/certificate/")), "{arn}");
    acm(env, &["ca", "get-certificate", ca, "--certificate-arn", &arn]).ok().stdout
}

fn first_pem(text: &str) -> String {
    let end = text.find("-----END CERTIFICATE-----").unwrap() + "-----END CERTIFICATE-----\n".len();
    text[..end].to_string()
}

struct Hierarchy {
    env: Env,
    root: String,
    sub: String,
    root_pem: String,
}

fn hierarchy() -> Hierarchy {
    let env = Env::new();
    let root = pending(&env, "root", "PCA Test Root", "EC_prime256v1");
    let described = acm(&env, &["--output", "json", "ca", "describe", &root]).ok().json();
    assert_eq!(described["CertificateAuthority"]["Status"], "PENDING_CERTIFICATE");
    assert!(described["CertificateAuthority"].get("Serial").is_none(), "no serial before a certificate");
    // Nothing is issued, and no certificate is shown, before it has one.
    acm(&env, &["ca", "certificate", &root]).code(6);
    let csr = env.write("root.csr", acm(&env, &["ca", "csr", &root]).ok().stdout);
    let root_pem = issue(&env, &root, &csr, "RootCACertificate/V1");
    acm(&env, &["ca", "import-certificate", &root, "--certificate", env.write("root.pem", &root_pem).to_str().unwrap()]).ok();
    let sub = pending(&env, "subordinate", "PCA Test Sub", "RSA_2048");
    let sub_csr = env.write("sub.csr", acm(&env, &["ca", "csr", &sub]).ok().stdout);
    let sub_pem = first_pem(&issue(&env, &root, &sub_csr, "SubordinateCACertificate_PathLen0/V1"));
    acm(&env, &["ca", "import-certificate", &sub, "--certificate", env.write("sub.pem", &sub_pem).to_str().unwrap(),
                "--certificate-chain", env.path("root.pem").to_str().unwrap()])
        .ok();
    Hierarchy { env, root, sub, root_pem }
}

#[test]
fn a_root_and_a_subordinate_made_from_csrs_issue_what_openssl_verifies() {
    let h = hierarchy();
    let env = &h.env;
    for ca in [&h.root, &h.sub] {
        let v = acm(env, &["--output", "json", "ca", "describe", ca]).ok().json();
        assert_eq!(v["CertificateAuthority"]["Status"], "ACTIVE", "{v}");
    }
    // A CSR of someone else's, signed under the end-entity template.
    let (ok, out) = tool("openssl", &["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", env.path("leaf.key").to_str().unwrap(), "-subj", "/CN=leaf.example.com",
        "-addext", "subjectAltName=DNS:leaf.example.com", "-out", env.path("leaf.csr").to_str().unwrap()]);
    assert!(ok, "{out}");
    let served = issue(env, &h.sub, &env.path("leaf.csr"), "EndEntityCertificate/V1");
    let leaf = first_pem(&served);
    let chain = served[leaf.len()..].to_string();
    let (ok, out) = openssl_verify(env, &h.root_pem, &leaf, &chain, "leaf.example.com");
    assert!(ok, "{out}");
    // An ACM certificate from the subordinate chains to the same root.
    let cert = env.private_cert(REGION, &h.sub, "EC_prime256v1", &["acm.example.com"]);
    let (pem, chain) = get(env, REGION, &cert);
    let (ok, out) = openssl_verify(env, &h.root_pem, &pem, &chain, "acm.example.com");
    assert!(ok, "{out}");
    env.run(&["store", "check"]).ok();
}

#[test]
fn a_certificate_is_revoked_by_its_serial_once_and_the_crl_lists_it() {
    let h = hierarchy();
    let env = &h.env;
    let (ok, out) = tool("openssl", &["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", env.path("r.key").to_str().unwrap(),
        "-subj", "/CN=r.example.com", "-out", env.path("r.csr").to_str().unwrap()]);
    assert!(ok, "{out}");
    let leaf = first_pem(&issue(env, &h.sub, &env.path("r.csr"), "EndEntityCertificate/V1"));
    let leaf_file = env.write("r.pem", &leaf);
    let (_, serial) = tool("openssl", &["x509", "-in", leaf_file.to_str().unwrap(), "-noout", "-serial"]);
    let serial = serial.trim().trim_start_matches("serial=").to_string();
    // As Terraform writes it: lowercase, no leading zeros.
    let terraform = serial.to_lowercase().trim_start_matches('0').to_string();
    acm(env, &["ca", "revoke", &h.sub, "--serial", &terraform, "--reason", "KEY_COMPROMISE"]).ok();
    let again = acm(env, &["ca", "revoke", &h.sub, "--serial", &serial]).code(6);
    assert!(again.stderr.contains("already revoked"), "{}", again.stderr);
    let crl = acm(env, &["ca", "crl", &h.sub]).ok().stdout;
    let crl_file = env.write("sub.crl", &crl);
    let (_, text) = tool("openssl", &["crl", "-in", crl_file.to_str().unwrap(), "-noout", "-text"]);
    assert!(text.contains(&serial) && text.contains("Key Compromise"), "{text}");
    // A root's own certificate is not revoked; a serial never issued is not found.
    let root_file = env.write("root2.pem", &h.root_pem);
    let (_, root_serial) = tool("openssl", &["x509", "-in", root_file.to_str().unwrap(), "-noout", "-serial"]);
    let r = acm(env, &["ca", "revoke", &h.root, "--serial", root_serial.trim().trim_start_matches("serial=")]).code(3);
    assert!(r.stderr.contains("Self-signed certificate can not be revoked"), "{}", r.stderr);
    acm(env, &["ca", "revoke", &h.sub, "--serial", "abcdef"]).code(4);
    env.run(&["store", "check"]).ok();
}

#[test]
fn an_authority_is_disabled_deleted_and_restored_as_acm_private_ca_allows() {
    let h = hierarchy();
    let env = &h.env;
    let status = |ca: &str| acm(env, &["--output", "json", "ca", "describe", ca]).ok().json()["CertificateAuthority"]["Status"].clone();
    // An active authority is disabled before it is deleted.
    acm(env, &["ca", "delete", &h.sub]).code(6);
    acm(env, &["ca", "update", &h.sub, "--status", "DISABLED"]).ok();
    assert_eq!(status(&h.sub), "DISABLED");
    let refused = acm(env, &["cert", "request", "--domain-name", "x.example.com", "--certificate-authority-arn", &h.sub,
                             "--key-algorithm", "EC_prime256v1"]).code(6);
    assert!(refused.stderr.contains("DISABLED"), "{}", refused.stderr);
    acm(env, &["ca", "delete", &h.sub, "--permanent-deletion-days", "7"]).ok();
    let v = acm(env, &["--output", "json", "ca", "describe", &h.sub]).ok().json();
    assert_eq!(v["CertificateAuthority"]["Status"], "DELETED");
    assert!(v["CertificateAuthority"]["RestorableUntil"].is_string());
    // Restored within the window, it comes back DISABLED; after it, it is gone.
    acm(env, &["ca", "restore", &h.sub]).ok();
    assert_eq!(status(&h.sub), "DISABLED");
    acm(env, &["ca", "update", &h.sub, "--status", "ACTIVE"]).ok();
    env.private_cert(REGION, &h.sub, "EC_prime256v1", &["back.example.com"]);
    let pending_one = pending(env, "root", "Never Certified", "EC_prime256v1");
    acm(env, &["ca", "update", &pending_one, "--status", "DISABLED"]).code(6);
    acm(env, &["ca", "delete", &pending_one, "--permanent-deletion-days", "7"]).ok();
    let later = [("ACMCTL_NOW", "2099-01-01T00:00:00Z")];
    env.run_env(&later, &["--region", REGION, "ca", "describe", &pending_one]).code(4);
    env.run_env(&later, &["--region", REGION, "ca", "restore", &pending_one]).code(4);
    let listed = env.run_env(&later, &["--region", REGION, "--output", "json", "ca", "list"]).ok().json();
    assert!(!listed.to_string().contains(&pending_one), "a deleted authority past its window is not listed");
}

#[test]
fn an_imported_certificate_must_be_for_the_authoritys_key_and_well_formed() {
    let env = Env::new();
    let root = pending(&env, "root", "Strict Root", "EC_prime256v1");
    let other = env.root(REGION, "EC_prime256v1");
    let other_pem = ca_pem(&env, REGION, &other);
    let before = env.snapshot();
    let r = acm(&env, &["ca", "import-certificate", &root, "--certificate", env.write("o.pem", &other_pem).to_str().unwrap()]).code(3);
    assert!(r.stderr.contains("not for the authority's key"), "{}", r.stderr);
    let r = acm(&env, &["ca", "import-certificate", &root, "--certificate", env.write("junk.pem", "junk").to_str().unwrap()]).code(3);
    assert!(r.stderr.contains("expected one certificate"), "{}", r.stderr);
    // A CSR that is not valid is refused as malformed.
    let r = acm(&env, &["ca", "issue", &other, "--csr", env.write("bad.csr", "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n").to_str().unwrap()]).code(3);
    assert!(r.stderr.contains("certificate signing request"), "{}", r.stderr);
    // A template that does not exist is named.
    let csr = env.write("root.csr", acm(&env, &["ca", "csr", &root]).ok().stdout);
    let r = acm(&env, &["ca", "issue", &other, "--csr", csr.to_str().unwrap(), "--template", "CodeSigningCertificate/V1"]).code(3);
    assert!(r.stderr.contains("CodeSigningCertificate/V1"), "{}", r.stderr);
    assert_same_store(&before, &env.snapshot(), "refused imports and issues");
}
