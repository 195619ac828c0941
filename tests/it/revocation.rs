//! `cert revoke` and `ca crl`: openssl with -crl_check rejects the revoked
//! certificate and accepts its sibling; the CRL carries the reason and a
//! growing number; refusals change nothing.

use crate::common::*;

fn crl_check(env: &Env, root: &str, crl: &str, cert: &str, chain: &str) -> (bool, String) {
    let root = env.write("crl-root.pem", root);
    let crl = env.write("crl.pem", crl);
    let cert = env.write("crl-cert.pem", cert);
    let chain = env.write("crl-chain.pem", chain);
    tool(
        "openssl",
        &[
            "verify", "-x509_strict", "-crl_check", "-CRLfile", crl.to_str().unwrap(), "-CAfile", root.to_str().unwrap(),
            "-untrusted", chain.to_str().unwrap(), cert.to_str().unwrap(),
        ],
    )
}

fn crl_text(env: &Env, crl: &str) -> String {
    let path = env.write("show.crl", crl);
    let (ok, text) = tool("openssl", &["crl", "-noout", "-text", "-in", path.to_str().unwrap()]);
    assert!(ok, "{text}");
    text
}

#[test]
fn a_revoked_certificate_fails_crl_checks_and_its_sibling_passes() {
    let env = Env::new();
    let root = env.root("us-east-1", "EC_prime256v1");
    let sub = env.subordinate("us-east-1", &root, "RSA_2048");
    let root_pem = ca_pem(&env, "us-east-1", &root);
    let revoked = env.private_cert("us-east-1", &sub, "EC_prime256v1", &["gone.example.com"]);
    let sibling = env.private_cert("us-east-1", &sub, "RSA_2048", &["stays.example.com"]);
    let initial = env.run(&["ca", "crl", &sub]).ok().stdout;
    assert!(initial.starts_with("-----BEGIN X509 CRL-----"), "{initial}");

    env.run(&["cert", "revoke", &revoked, "--reason", "KEY_COMPROMISE"]).ok();

    let crl = env.run(&["ca", "crl", &sub]).ok().stdout;
    let (cert, chain) = get(&env, "us-east-1", &revoked);
    let (ok, out) = crl_check(&env, &root_pem, &crl, &cert, &chain);
    assert!(!ok && out.contains("certificate revoked"), "{out}");
    let (cert, chain) = get(&env, "us-east-1", &sibling);
    let (ok, out) = crl_check(&env, &root_pem, &crl, &cert, &chain);
    assert!(ok, "{out}");

    let text = crl_text(&env, &crl);
    assert!(text.contains("Key Compromise"), "{text}");
    let serial = env.run(&["--output", "json", "cert", "describe", &revoked]).ok().json()["Certificate"]["Serial"]
        .as_str()
        .unwrap()
        .replace(':', "")
        .to_uppercase();
    assert!(text.contains(&serial), "{serial} not in {text}");
    let number = |t: &str| t.lines().skip_while(|l| !l.contains("CRL Number")).nth(1).unwrap().trim().to_string();
    assert_eq!(number(&crl_text(&env, &initial)), "1");
    assert_eq!(number(&text), "2");

    // A second revocation keeps the first entry and takes the next number.
    env.run(&["cert", "revoke", &sibling, "--reason", "superseded"]).ok();
    let crl2 = env.run(&["ca", "crl", &sub]).ok().stdout;
    let text2 = crl_text(&env, &crl2);
    assert_eq!(number(&text2), "3");
    assert!(text2.contains("Key Compromise") && text2.contains("Superseded"), "{text2}");
    let (ok, out) = crl_check(&env, &root_pem, &crl2, &cert, &chain);
    assert!(!ok && out.contains("certificate revoked"), "{out}");

    // The JSON summary and describe say the same.
    let v = env.run(&["--output", "json", "ca", "crl", &sub]).ok().json();
    assert_eq!(v["CrlNumber"], 3);
    assert_eq!(v["Crl"], crl2);
    let entries = v["RevokedCertificates"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["CertificateArn"], revoked);
    assert_eq!(entries[0]["RevocationReason"], "KEY_COMPROMISE");
    let d = env.run(&["--output", "json", "cert", "describe", &revoked]).ok().json();
    assert_eq!(d["Certificate"]["Status"], "REVOKED");
    assert_eq!(d["Certificate"]["RevocationReason"], "KEY_COMPROMISE");
    assert_eq!(d["Certificate"]["RevokedAt"], entries[0]["RevokedAt"]);
    let listed = env.run(&["--output", "json", "cert", "list", "--status", "REVOKED"]).ok().json();
    assert_eq!(listed["CertificateSummaryList"].as_array().unwrap().len(), 2);
    // Reading a current CRL writes nothing.
    let before = env.snapshot();
    env.run(&["ca", "crl", &sub]).ok();
    assert_same_store(&before, &env.snapshot(), "printing a current CRL");
    // Near its NextUpdate (7 days on), the CRL is re-signed with the next
    // number and the same entries.
    let later = time::OffsetDateTime::now_utc() + time::Duration::days(10);
    let at = later.format(&time::format_description::well_known::Rfc3339).unwrap();
    let v = env.run_env(&[("ACMCTL_NOW", &at)], &["--output", "json", "ca", "crl", &sub]).ok().json();
    assert_eq!(v["CrlNumber"], 4);
    assert_eq!(v["RevokedCertificates"].as_array().unwrap().len(), 2);
    let fresh = v["Crl"].as_str().unwrap();
    assert!(crl_text(&env, fresh).contains("Key Compromise"));
    let crl_file = env.write("fresh.crl", fresh);
    let root_file = env.write("fresh-root.pem", &root_pem);
    let chain_file = env.write("fresh-chain.pem", &chain);
    let cert_file = env.write("fresh-cert.pem", &cert);
    let (ok, out) = tool(
        "openssl",
        &[
            "verify", "-x509_strict", "-crl_check", "-attime", &later.unix_timestamp().to_string(), "-CRLfile",
            crl_file.to_str().unwrap(), "-CAfile", root_file.to_str().unwrap(), "-untrusted",
            chain_file.to_str().unwrap(), cert_file.to_str().unwrap(),
        ],
    );
    assert!(!ok && out.contains("certificate revoked"), "{out}");

    // The root's CRL is untouched: it issued neither.
    let root_crl = env.run(&["--output", "json", "ca", "crl", &root]).ok().json();
    assert_eq!(root_crl["CrlNumber"], 1);
    env.run(&["store", "check"]).ok();
}

#[test]
fn revocation_refusals_change_nothing() {
    let env = Env::new();
    let root = env.root("us-east-1", "EC_prime256v1");
    let cert = env.private_cert("us-east-1", &root, "EC_prime256v1", &["a.example.com"]);
    env.run(&["cert", "revoke", &cert]).ok();
    let before = env.snapshot();

    // Revoked is final: exit 5, rule revocation-is-final.
    let r = env.run(&["cert", "revoke", &cert, "--reason", "KEY_COMPROMISE"]).code(5);
    assert!(r.stderr.contains("revocation-is-final"), "{}", r.stderr);
    assert_same_store(&before, &env.snapshot(), "a second revocation");

    // From another region: regional-resource.
    let r = env.run(&["--region", "eu-west-1", "cert", "revoke", &cert]).code(5);
    assert!(r.stderr.contains("regional-resource"), "{}", r.stderr);
    let r = env.run(&["--region", "eu-west-1", "ca", "crl", &root]).code(5);
    assert!(r.stderr.contains("regional-resource"), "{}", r.stderr);

    // An unknown reason is invalid input (exit 3) naming the accepted ones.
    let other = env.private_cert("us-east-1", &root, "EC_prime256v1", &["b.example.com"]);
    let before = env.snapshot();
    let r = env.run(&["cert", "revoke", &other, "--reason", "BORED"]).code(3);
    assert!(r.stderr.contains("KEY_COMPROMISE"), "{}", r.stderr);
    assert_same_store(&before, &env.snapshot(), "a bad reason");

    // Imported certificates are revoked by their own issuer.
    let dir = env.dir.path();
    let (ok, out) = tool(
        "openssl",
        &[
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=i.example.com",
            "-days", "30", "-keyout", dir.join("i.key").to_str().unwrap(), "-out", dir.join("i.pem").to_str().unwrap(),
        ],
    );
    assert!(ok, "{out}");
    let imported = env
        .run(&[
            "import", "--certificate", dir.join("i.pem").to_str().unwrap(), "--private-key",
            dir.join("i.key").to_str().unwrap(),
        ])
        .ok()
        .line();
    let before = env.snapshot();
    let r = env.run(&["cert", "revoke", &imported]).code(5);
    assert!(r.stderr.contains("revoke-private-only") && r.stderr.contains("imported"), "{}", r.stderr);
    assert_same_store(&before, &env.snapshot(), "revoking an imported certificate");

    // A revoked certificate is not deployed (nor renewed: it is not ISSUED).
    let alb = format!(
        "arn:aws:elasticloadbalancing:us-east-1:{}:loadbalancer/app/web/50dc6c495c0c9188",
        cert.split(':').nth(4).unwrap()
    );
    let before = env.snapshot();
    let r = env.run(&["deploy", &cert, "--target", &alb, "--dest", env.path("srv").to_str().unwrap()]).code(5);
    assert!(r.stderr.contains("issued-only") && r.stderr.contains("REVOKED"), "{}", r.stderr);
    let r = env.run(&["renew", &cert]).code(5);
    assert!(r.stderr.contains("issued-only") && r.stderr.contains("REVOKED"), "{}", r.stderr);
    assert_same_store(&before, &env.snapshot(), "deploying or renewing a revoked certificate");

    // A missing certificate is not found.
    let missing = "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-4000-8000-000000000000";
    env.run(&["cert", "revoke", missing]).code(4);
}

#[test]
fn an_authority_with_crl_and_ocsp_names_puts_them_in_what_it_issues() {
    let env = Env::new();
    let region = "eu-west-1";
    let ca = env
        .run(&["--region", region, "ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1",
               "--crl-cname", "pki.example.com", "--ocsp-cname", "ocsp.example.com:8080", "--crl-expiration-days", "2"])
        .ok()
        .line();
    let id = ca.rsplit('/').next().unwrap();
    let v = env.run(&["--region", region, "--output", "json", "ca", "describe", &ca]).ok().json();
    let r = &v["CertificateAuthority"]["RevocationConfiguration"];
    assert_eq!(r["CrlConfiguration"]["CustomCname"], "pki.example.com");
    assert_eq!(r["CrlConfiguration"]["ExpirationInDays"], 2);
    assert_eq!(r["OcspConfiguration"]["OcspCustomCname"], "ocsp.example.com:8080");
    let extensions = |arn: &str| {
        let (pem, _) = get(&env, region, arn);
        let file = env.write("ext.pem", pem);
        let (ok, out) = tool("openssl", &["x509", "-in", file.to_str().unwrap(), "-noout", "-ext", "crlDistributionPoints,authorityInfoAccess"]);
        assert!(ok, "{out}");
        out
    };
    let cert = env.private_cert(region, &ca, "EC_prime256v1", &["dp.example.com"]);
    let ext = extensions(&cert);
    assert!(ext.contains(&format!("URI:http://pki.example.com/crl/{id}.crl")), "{ext}");
    assert!(ext.contains("OCSP - URI:http://ocsp.example.com:8080/ocsp"), "{ext}");
    assert!(ext.contains(&format!("CA Issuers - URI:http://ocsp.example.com:8080/ca/{id}.crt")), "{ext}");
    // The CRL lives as long as configured.
    let crl = env.write("dp.crl", env.run(&["--region", region, "ca", "crl", &ca]).ok().stdout);
    let (_, dates) = tool("openssl", &["crl", "-in", crl.to_str().unwrap(), "-noout", "-lastupdate", "-nextupdate"]);
    let when = |key: &str| dates.lines().find_map(|l| l.strip_prefix(key)).unwrap().trim().to_string();
    let parse = |s: String| time::PrimitiveDateTime::parse(&s.replace("  ", " "), time::macros::format_description!("[month repr:short] [day padding:none] [hour]:[minute]:[second] [year] GMT")).unwrap();
    assert_eq!((parse(when("nextUpdate=")) - parse(when("lastUpdate="))).whole_days(), 2);
    // A subordinate it signs carries the parent's distribution point.
    let sub = env.subordinate(region, &ca, "EC_prime256v1");
    let sub_pem = env.write("sub.pem", ca_pem(&env, region, &sub));
    let (_, out) = tool("openssl", &["x509", "-in", sub_pem.to_str().unwrap(), "-noout", "-ext", "crlDistributionPoints"]);
    assert!(out.contains(&format!("/crl/{id}.crl")), "{out}");
    // Turned off, new certificates name nothing; those issued keep theirs.
    env.run(&["--region", region, "ca", "update", &ca, "--no-crl", "--no-ocsp"]).ok();
    let later = env.private_cert(region, &ca, "EC_prime256v1", &["later.example.com"]);
    assert!(extensions(&later).contains("No extensions"), "{}", extensions(&later));
    assert!(extensions(&cert).contains("pki.example.com"));
    // A name that is not a host is refused.
    env.run(&["--region", region, "ca", "update", &ca, "--crl-cname", "http://x/y"]).code(3);
}
