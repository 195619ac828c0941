//! Entry points for fuzzing: each takes arbitrary bytes and must return
//! without panicking, whatever they are. `tests/fuzz.rs` replays the corpus
//! under `fuzz/corpus/<target>/` and mutates it; `fuzz/` holds the
//! cargo-fuzz targets for a nightly toolchain.

use std::str::FromStr;

use crate::model::{AuthorityArn, CertificateArn, DomainName, Region, Tag, TargetArn};
use crate::model::{AuthorityRecord, CertificateRecord, IdempotencyRecord};
use crate::pki::{CertInfo, PrivateKey, chain, strict_pem};
use crate::store::fs::StoreMeta;

/// A target: its name (the corpus directory) and its entry point.
pub type Target = (&'static str, fn(&[u8]));

pub const TARGETS: &[Target] =
    &[("domain", domain), ("arn", arn), ("record", record), ("bundle", bundle), ("config", config), ("index", index)];

fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// Domain names, as `--domain-name` and the SANs are read.
pub fn domain(data: &[u8]) {
    let Some(s) = text(data) else { return };
    if let Ok(d) = DomainName::from_str(s) {
        // What was accepted reads back as itself.
        let again = DomainName::from_str(&d.to_string()).expect("an accepted name parses again");
        assert_eq!(again.to_string(), d.to_string());
    }
}

/// ARNs of every kind, regions and tags.
pub fn arn(data: &[u8]) {
    let Some(s) = text(data) else { return };
    if let Ok(a) = CertificateArn::from_str(s) {
        assert_eq!(CertificateArn::from_str(&a.to_string()).expect("round trip").to_string(), a.to_string());
    }
    if let Ok(a) = AuthorityArn::from_str(s) {
        assert_eq!(AuthorityArn::from_str(&a.to_string()).expect("round trip").to_string(), a.to_string());
    }
    let _ = TargetArn::from_str(s);
    let _ = Region::from_str(s);
    let _ = Tag::from_str(s);
}

/// The store's TOML records.
pub fn record(data: &[u8]) {
    let Some(s) = text(data) else { return };
    if let Ok(r) = toml::from_str::<CertificateRecord>(s) {
        let back = toml::to_string(&r).expect("a record serialises");
        toml::from_str::<CertificateRecord>(&back).expect("a written record reads back");
    }
    if let Ok(r) = toml::from_str::<AuthorityRecord>(s) {
        let back = toml::to_string(&r).expect("a record serialises");
        toml::from_str::<AuthorityRecord>(&back).expect("a written record reads back");
    }
    let _ = toml::from_str::<IdempotencyRecord>(s);
    let _ = toml::from_str::<StoreMeta>(s);
}

/// A certificate, key and chain in PEM, as an import bundle is read: the
/// first block the certificate, the first key the key, the rest the chain.
pub fn bundle(data: &[u8]) {
    let Some(s) = text(data) else { return };
    let _ = CertInfo::from_pem(s);
    let _ = PrivateKey::parse_pem(s);
    let _ = crate::pki::export::check_encrypted_pem(s);
    let _ = crate::pki::export::decrypt_pkcs8(s, b"fuzz");
    let _ = chain::pem_certificates(s);
    let Ok(blocks) = strict_pem::blocks(s) else { return };
    let certs: Vec<Vec<u8>> =
        blocks.iter().filter(|b| b.tag() == "CERTIFICATE").map(|b| b.contents().to_vec()).collect();
    for der in &certs {
        let _ = CertInfo::from_der(der);
    }
    if let Some((leaf, rest)) = certs.split_first() {
        let _ = chain::check_chain(leaf, rest);
    }
    for b in blocks.iter().filter(|b| b.tag().ends_with("PRIVATE KEY")) {
        let _ = PrivateKey::parse_pem(&::pem::encode(b));
    }
}

/// The config file.
pub fn config(data: &[u8]) {
    let Some(s) = text(data) else { return };
    if let Ok(c) = crate::config::Config::parse(s) {
        assert!(c.san_quota() >= 1 && c.san_quota() <= crate::config::MAX_SAN_QUOTA);
    }
}

/// The region index, as every listing reads it.
pub fn index(data: &[u8]) {
    let region: Region = "eu-west-1".parse().expect("a known region");
    let account = "123456789012".parse().expect("an account id");
    if let Ok(loaded) = crate::store::fs::index::parse(data, region, account) {
        for s in loaded.into_summaries() {
            assert_eq!(s.arn.region(), region);
        }
    }
}
