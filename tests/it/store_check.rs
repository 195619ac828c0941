//! `store check` finds each kind of damage and names the file it is in.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::common::*;

const REGION: &str = "eu-central-1";

/// A store with a root authority and one certificate, made once and
/// copied for each case.
fn template() -> &'static (Env, String, String) {
    static T: OnceLock<(Env, String, String)> = OnceLock::new();
    T.get_or_init(|| {
        let env = Env::fs();
        let ca = env.root(REGION, "EC_prime256v1");
        let cert = env.private_cert(REGION, &ca, "EC_prime256v1", &["www.example.com", "api.example.com"]);
        env.run(&["store", "check"]).ok();
        (env, ca, cert)
    })
}

struct Case {
    env: Env,
    region: PathBuf,
}

impl Case {
    fn new() -> Case {
        let env = Env::fs();
        copy_tree(&template().0.store, &env.store);
        let region = env.store.join("regions").join(REGION);
        Case { env, region }
    }
    fn ca_dir(&self) -> PathBuf {
        only_dir(&self.region.join("authorities"))
    }
    fn cert_dir(&self) -> PathBuf {
        only_dir(&self.region.join("certificates"))
    }
    fn edit(&self, path: &Path, from: &str, to: &str) {
        let text = std::fs::read_to_string(path).unwrap();
        assert!(text.contains(from), "{} has no '{from}':\n{text}", path.display());
        std::fs::write(path, text.replacen(from, to, 1)).unwrap();
    }
    /// Runs `store check`, expecting exit 1 and a finding on `path`.
    #[track_caller]
    fn finds(&self, path: &Path, problem: &str) {
        let run = self.env.run(&["store", "check"]);
        assert_no_panic(&run, "store check");
        assert_eq!(run.code, 1, "a damaged store must not pass\n{}{}", run.stdout, run.stderr);
        let line = format!("{}: ", path.display());
        let found: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with(&line)).collect();
        assert!(!found.is_empty(), "no finding names {}:\n{}{}", path.display(), run.stdout, run.stderr);
        // A path may have several findings (a record that cannot be read is also of the wrong owner).
        assert!(found.iter().any(|f| f.contains(problem)), "no finding on {} says '{problem}': {found:#?}", path.display());
        assert!(run.stderr.contains("problems"), "{}", run.stderr);
    }
}

fn field_line<'a>(toml: &'a str, key: &str) -> &'a str {
    toml.lines().find(|l| l.starts_with(&format!("{key} = "))).unwrap()
}

#[test]
fn a_clean_store_passes() {
    let c = Case::new();
    let run = c.env.run(&["--output", "json", "store", "check"]).ok();
    let v = run.json();
    assert_eq!(v["Authorities"], 1);
    assert_eq!(v["Certificates"], 1);
    assert_eq!(v["Problems"].as_array().unwrap().len(), 0);
}

#[test]
fn unparsable_records() {
    let c = Case::new();
    let path = c.cert_dir().join("certificate.toml");
    std::fs::write(&path, "arn = \"not an arn\"\n").unwrap();
    c.finds(&path, "damaged");

    let c = Case::new();
    let path = c.ca_dir().join("authority.toml");
    std::fs::write(&path, "garbage [[[").unwrap();
    c.finds(&path, "damaged");

    let c = Case::new();
    let path = c.cert_dir().join("v1/certificate.pem");
    std::fs::write(&path, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n").unwrap();
    c.finds(&path, "certificate");
}

#[test]
fn a_key_that_does_not_match_its_certificate() {
    let other = Case::new();
    let other_ca = other.env.root(REGION, "EC_prime256v1");
    let other_key = other.region.join("authorities").join(other_ca.rsplit('/').next().unwrap()).join("private_key.pem");

    let c = Case::new();
    let path = c.cert_dir().join("v1/private_key.pem");
    std::fs::copy(&other_key, &path).unwrap();
    c.finds(&path, "does not match the certificate");

    let c = Case::new();
    let path = c.ca_dir().join("private_key.pem");
    std::fs::copy(&other_key, &path).unwrap();
    c.finds(&path, "does not match the certificate");
}

#[test]
fn a_chain_that_does_not_link() {
    let other = Case::new();
    let other_ca = other.env.root(REGION, "EC_prime256v1");
    let unrelated = ca_pem(&other.env, REGION, &other_ca);
    let c = Case::new();
    let path = c.cert_dir().join("v1/chain.pem");
    std::fs::write(&path, &unrelated).unwrap();
    c.finds(&path, "does not link");
}

#[test]
fn metadata_that_disagrees_with_the_certificate() {
    let c = Case::new();
    let path = c.cert_dir().join("certificate.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let serial = field_line(&text, "serial").to_string();
    c.edit(&path, &serial, "serial = \"01:02:03\"");
    c.finds(&path, "differs from the certificate's");

    let c = Case::new();
    let text = std::fs::read_to_string(path_in(&c, "certificate.toml")).unwrap();
    let na = field_line(&text, "not_after").to_string();
    c.edit(&path_in(&c, "certificate.toml"), &na, "not_after = \"2031-01-01T00:00:00Z\"");
    c.finds(&path_in(&c, "certificate.toml"), "validity period");

    let c = Case::new();
    c.edit(&path_in(&c, "certificate.toml"), "\"api.example.com\"", "\"evil.example.net\"");
    c.finds(&path_in(&c, "certificate.toml"), "domain names");

    let c = Case::new();
    c.edit(&path_in(&c, "certificate.toml"), "key_algorithm = \"EC_prime256v1\"", "key_algorithm = \"RSA_2048\"");
    c.finds(&path_in(&c, "certificate.toml"), "key algorithm");

    let c = Case::new();
    let ca_toml = c.ca_dir().join("authority.toml");
    c.edit(&ca_toml, "common_name = \"", "common_name = \"X");
    c.finds(&ca_toml, "common name");
}

fn path_in(c: &Case, name: &str) -> PathBuf {
    c.cert_dir().join(name)
}

#[test]
fn duplicate_and_unreserved_serials() {
    let c = Case::new();
    let dir = c.cert_dir();
    let id = dir.file_name().unwrap().to_str().unwrap().to_string();
    let twin_id = "00000000-0000-4000-8000-000000000001";
    let twin = dir.with_file_name(twin_id);
    copy_tree(&dir, &twin);
    c.edit(&twin.join("certificate.toml"), &id, twin_id);
    c.finds(&c.region.join("certificates"), "is used by 2 certificates");

    let c = Case::new();
    let serials = c.ca_dir().join("serials");
    let reserved = only_dir(&serials);
    std::fs::remove_file(&reserved).unwrap();
    c.finds(&c.cert_dir().join("certificate.toml"), "was not reserved");
}

#[test]
fn wrong_modes() {
    let c = Case::new();
    let key = c.cert_dir().join("v1/private_key.pem");
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    c.finds(&key, "private key mode is 644");

    let c = Case::new();
    let dir = c.cert_dir().join("v1");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    c.finds(&dir, "directory mode is 755");

    let c = Case::new();
    let toml = c.ca_dir().join("authority.toml");
    std::fs::set_permissions(&toml, std::fs::Permissions::from_mode(0o666)).unwrap();
    c.finds(&toml, "writable by other users");
}

#[test]
fn symbolic_links_are_reported_not_followed() {
    let c = Case::new();
    let outside = c.env.path("outside");
    copy_tree(&c.cert_dir(), &outside);
    let link = c.region.join("certificates/00000000-0000-4000-8000-000000000002");
    std::os::unix::fs::symlink(&outside, &link).unwrap();
    c.finds(&link, "symbolic link");
    // Listing does not read through it either.
    let run = c.env.run(&["--region", REGION, "cert", "list"]);
    assert_eq!(run.code, 5, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("symbolic link"), "{}", run.stderr);

    let c = Case::new();
    let key = c.cert_dir().join("v1/private_key.pem");
    std::fs::remove_file(&key).unwrap();
    std::os::unix::fs::symlink(c.env.path("stolen.pem"), &key).unwrap();
    c.finds(&key, "symbolic link");
}

#[test]
fn leftovers_of_interrupted_writes_are_removed_and_never_read_as_records() {
    let c = Case::new();
    let dir = c.cert_dir();
    let tmp_file = dir.join(".tmp-certificate.toml-0123abcd");
    std::fs::write(&tmp_file, "half a reco").unwrap();
    let staged = c.region.join("certificates/.tmp-11111111-2222-4333-8444-555555555555-abcdef");
    copy_tree(&dir, &staged);
    std::fs::write(staged.join("certificate.toml"), "trunc").unwrap();
    let serial_tmp = c.ca_dir().join("serials/.tmp-x");
    std::fs::write(&serial_tmp, "").unwrap();
    let stale_version = dir.join("v7");
    std::fs::create_dir(&stale_version).unwrap();

    // Readers skip them.
    let listed = c.env.run(&["--region", REGION, "--output", "json", "cert", "list"]).ok().json();
    assert_eq!(listed["CertificateSummaryList"].as_array().unwrap().len(), 1);

    let run = c.env.run(&["--output", "json", "store", "check"]).ok();
    let v = run.json();
    assert_eq!(v["Certificates"], 1, "a staged directory is not a record");
    let cleaned: Vec<String> = v["Cleaned"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_string()).collect();
    for p in [&tmp_file, &staged, &serial_tmp, &stale_version] {
        assert!(cleaned.contains(&p.display().to_string()), "{} not reported as cleaned: {cleaned:?}", p.display());
        assert!(!p.exists(), "{} still there", p.display());
    }
    assert!(run.stderr.contains("removed leftover of an interrupted write"), "{}", run.stderr);
    c.env.run(&["store", "check"]).ok();
}

#[test]
fn an_encrypted_authority_key_is_checked_for_its_form() {
    let c = Case::new();
    let pass = c.env.write("pass", "correct horse\n");
    let ca = c.env.run(&["--region", REGION, "ca", "init", "--mode", "private", "--key-algorithm", "EC_prime256v1",
        "--passphrase-file", pass.to_str().unwrap()]).ok().line();
    c.env.run(&["store", "check"]).ok();
    let key = c.region.join("authorities").join(ca.rsplit('/').next().unwrap()).join("private_key.pem");
    let text = std::fs::read_to_string(&key).unwrap();
    std::fs::write(&key, text.replace("ENCRYPTED PRIVATE KEY", "PRIVATE KEY")).unwrap();
    c.finds(&key, "ENCRYPTED PRIVATE KEY");
}

#[test]
fn a_reservation_file_that_is_not_empty() {
    // Every reserved serial is a name of this one empty file.
    let c = Case::new();
    let blank = c.ca_dir().join("serials/.reserved");
    assert_eq!(std::fs::metadata(&blank).unwrap().len(), 0, "issuing made the reservation file");
    std::fs::write(&blank, "not empty").unwrap();
    c.finds(&blank, "must be empty");
    // Issuing refuses rather than reserve another serial as a name of it.
    let ca = c.env.run(&["--region", REGION, "--output", "json", "ca", "list"]).ok().json();
    let ca = ca["CertificateAuthorities"][0]["Arn"].as_str().unwrap().to_string();
    let run = c.env.run(&["--region", REGION, "cert", "request", "--domain-name", "more.example.com", "--certificate-authority-arn", &ca]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains(".reserved") && run.stderr.contains("store check"), "{}", run.stderr);
}

#[test]
fn an_issued_chain_that_went_missing_is_written_again() {
    // Certificates' chain.pem files are names of their authority's
    // issued-chain.pem; without it, the next certificate brings it back.
    let c = Case::new();
    let shared = c.ca_dir().join("issued-chain.pem");
    let before = std::fs::read_to_string(&shared).unwrap();
    std::fs::remove_file(&shared).unwrap();
    c.env.run(&["store", "check"]).ok();
    let ca = c.env.run(&["--region", REGION, "--output", "json", "ca", "list"]).ok().json();
    let ca = ca["CertificateAuthorities"][0]["Arn"].as_str().unwrap().to_string();
    let arn = c.env.private_cert(REGION, &ca, "EC_prime256v1", &["again.example.com"]);
    assert_eq!(std::fs::read_to_string(&shared).unwrap(), before);
    let (pem, chain) = get(&c.env, REGION, &arn);
    let (ok, out) = openssl_verify(&c.env, &ca_pem(&c.env, REGION, &ca), &pem, &chain, "again.example.com");
    assert!(ok, "{out}");
    c.env.run(&["store", "check"]).ok();
}

#[test]
fn a_crl_that_disagrees_with_the_revocations_on_record() {
    let c = Case::new();
    let crl = c.ca_dir().join("crl.pem");
    let before = std::fs::read(&crl).unwrap();
    let cert = c.env.run(&["--region", REGION, "--output", "json", "cert", "list"]).ok().json();
    let cert = cert["CertificateSummaryList"][0]["CertificateArn"].as_str().unwrap().to_string();
    c.env.run(&["--region", REGION, "cert", "revoke", &cert, "--reason", "KEY_COMPROMISE"]).ok();
    c.env.run(&["store", "check"]).ok();
    // The CRL from before the revocation: it lacks the entry and the number.
    std::fs::write(&crl, &before).unwrap();
    c.finds(&crl, "CRL number 1 differs from the authority's record (2)");
    // Read as every store file is: a link in its place is named, not followed.
    let c2 = Case::new();
    let crl2 = c2.ca_dir().join("crl.pem");
    std::fs::rename(&crl2, c2.env.path("elsewhere.pem")).unwrap();
    std::os::unix::fs::symlink(c2.env.path("elsewhere.pem"), &crl2).unwrap();
    c2.finds(&crl2, "symbolic link");
    let run = c.env.run(&["store", "check"]);
    let line = format!("{}: does not list serial ", crl.display());
    assert!(run.stdout.lines().any(|l| l.starts_with(&line) && l.ends_with("which the authority's record says it revoked")), "{}", run.stdout);
}

#[test]
fn a_revocation_that_the_certificate_and_its_authority_disagree_on() {
    // REVOKED on the certificate's record alone.
    let c = Case::new();
    let record = c.cert_dir().join("certificate.toml");
    c.edit(&record, "status = \"ISSUED\"", "status = \"REVOKED\"");
    c.finds(&record, "has no revocation of serial");

    // Revoked by the authority, but the certificate's record was not
    // written: a crash between the two. Revoking again finishes the job.
    let c = Case::new();
    let record = c.cert_dir().join("certificate.toml");
    let cert = c.env.run(&["--region", REGION, "--output", "json", "cert", "list"]).ok().json();
    let cert = cert["CertificateSummaryList"][0]["CertificateArn"].as_str().unwrap().to_string();
    let before = std::fs::read(&record).unwrap();
    c.env.run(&["--region", REGION, "cert", "revoke", &cert, "--reason", "SUPERSEDED"]).ok();
    c.env.run(&["store", "check"]).ok();
    let revoked = std::fs::read(&record).unwrap();
    std::fs::write(&record, &before).unwrap();
    let before_text = String::from_utf8(before).unwrap();
    let serial = field_line(&before_text, "serial").trim_start_matches("serial = ").trim_matches('"');
    c.finds(&record, &format!("records serial {serial} as revoked (run `acmctl cert revoke {cert}` again to finish)"));
    c.env.run(&["--region", REGION, "cert", "revoke", &cert, "--reason", "SUPERSEDED"]).ok();
    c.env.run(&["store", "check"]).ok();
    let d = c.env.describe(REGION, &cert);
    assert_eq!(d["Status"], "REVOKED");
    assert_eq!(d["RevocationReason"], "SUPERSEDED");

    // Both say revoked, but not for the same reason.
    std::fs::write(&record, String::from_utf8(revoked).unwrap().replacen("SUPERSEDED", "KEY_COMPROMISE", 1)).unwrap();
    c.finds(&record, "the revocation time or reason differs");
}

/// `acmctl serve` keeps its credentials file in the store's root: the
/// directory is the store's own, and its files follow the store's rules.
#[test]
fn serve_s_directory_belongs_and_its_keys_stay_private() {
    let case = Case::new();
    let dir = case.env.store.join("serve");
    std::fs::create_dir(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    let credentials = dir.join("credentials");
    std::fs::write(&credentials, "[default]\naws_access_key_id = ACMCEXAMPLE\naws_secret_access_key = s\n").unwrap();
    std::fs::set_permissions(&credentials, std::fs::Permissions::from_mode(0o600)).unwrap();
    case.env.run(&["store", "check"]).ok();
    std::fs::set_permissions(&credentials, std::fs::Permissions::from_mode(0o644)).unwrap();
    case.finds(&credentials, "readable by their owner only");
    std::fs::set_permissions(&credentials, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    case.finds(&dir, "directory mode is 755");
}

#[test]
fn what_another_user_owns_is_reported() {
    if !can_chown("what_another_user_owns_is_reported") {
        return;
    }
    let theirs = format!("is owned by user {NOBODY}, and the store's files must all belong to its owner (user 0)");
    let c = Case::new();
    let paths = [
        c.cert_dir().join("certificate.toml"),
        c.cert_dir().join("v1/private_key.pem"),
        c.cert_dir().join("v1"),
        c.ca_dir().join("authority.toml"),
        c.ca_dir().join("private_key.pem"),
        c.ca_dir().join("serials"),
        c.region.join("certificates"),
    ];
    for path in &paths {
        chown(path, NOBODY);
    }
    for path in &paths {
        c.finds(path, &theirs);
    }
    // The region's own directory, its lock and its index: the region is
    // reported, not read (nothing in it can be trusted), and the check goes on.
    for name in ["", "lock", "index"] {
        let c = Case::new();
        let path = if name.is_empty() { c.region.clone() } else { c.region.join(name) };
        chown(&path, NOBODY);
        c.finds(&path, &format!("owned by user {NOBODY}"));
    }
}

#[test]
fn files_and_directories_group_or_others_may_write_are_reported() {
    for (relative, mode, says) in [
        ("certificate.toml", 0o664, "file mode is 664; it must not be writable by other users"),
        ("certificate.toml", 0o646, "file mode is 646; it must not be writable by other users"),
        ("v1/chain.pem", 0o664, "file mode is 664"),
        ("v1", 0o770, "directory mode is 770, expected 700"),
    ] {
        let c = Case::new();
        let path = c.cert_dir().join(relative);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        c.finds(&path, says);
    }
}

#[test]
fn a_private_key_with_a_name_outside_the_store_is_reported() {
    for key in ["authority", "certificate"] {
        let c = Case::new();
        let path = if key == "authority" { c.ca_dir() } else { c.cert_dir().join("v1") }.join("private_key.pem");
        std::fs::hard_link(&path, c.env.path("copy-of-the-key.pem")).unwrap();
        c.finds(&path, "the private key has 2 names (hard links); a name outside the store exposes it");
    }
}

#[test]
fn a_linked_lock_or_index_is_reported_and_nothing_is_written_through_it() {
    for name in ["lock", "index"] {
        let c = Case::new();
        let path = c.region.join(name);
        let outside = c.env.path("outside");
        std::fs::create_dir(&outside).unwrap();
        let _ = std::fs::remove_file(&path);
        std::os::unix::fs::symlink(outside.join(name), &path).unwrap();
        c.finds(&path, "symbolic link");
        assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0, "{name}: something was written outside the store");
        assert!(std::fs::symlink_metadata(&path).unwrap().file_type().is_symlink(), "{name}: the link was replaced");
    }
}
