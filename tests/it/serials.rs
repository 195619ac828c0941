//! Serial numbers: random, unique per authority, recorded before use, and
//! never derived from the key.

use std::collections::HashSet;

use acmctl::model::KeyAlgorithm;
use acmctl::ops::issue::SigningAuthority;
use acmctl::pki::PrivateKey;
use acmctl::store::{Store, StoreOptions};

use crate::common::*;

#[test]
fn ten_thousand_issued_serials_on_one_key_are_all_distinct_and_recorded() {
    let env = Env::fs();
    env.root("eu-west-1", "EC_prime256v1");
    let options = StoreOptions::dir(env.store.clone());
    let store = Store::open(&options).unwrap();
    // Every certificate is on the same key: a serial derived from the key
    // would repeat.
    let key = PrivateKey::generate(KeyAlgorithm::EcPrime256v1).unwrap();
    let names = vec!["same-key.example.com".to_string()];
    let now = time::OffsetDateTime::now_utc();
    let mut serials = HashSet::new();
    let recorded = store
        .write("eu-west-1".parse().unwrap(), |tx| {
            let authority = tx.authorities()?.remove(0);
            let arn = authority.arn;
            let signer = SigningAuthority::load(tx, authority, None)?;
            for _ in 0..10_000 {
                let (_, info) = signer.issue_leaf(tx, &names, &key, false, 30, now)?;
                assert!(info.serial.len() >= 8, "at least 64 bits");
                assert!(info.serial[0] & 0x80 == 0, "positive");
                assert!(serials.insert(info.serial), "a serial repeated");
            }
            Ok(tx.reserved_serials(&arn)?)
        })
        .unwrap();
    assert_eq!(serials.len(), 10_000);
    assert_eq!(recorded.len(), 10_000, "each serial is recorded in the authority's serials/ before use");
}

#[test]
fn two_certificates_for_the_same_request_get_different_serials() {
    let env = Env::fs();
    let root = env.root("eu-west-1", "EC_prime256v1");
    let a = env.private_cert("eu-west-1", &root, "EC_prime256v1", &["twin.example.com"]);
    let b = env.private_cert("eu-west-1", &root, "EC_prime256v1", &["twin.example.com"]);
    let serial = |arn: &str| env.run(&["--region", "eu-west-1", "--output", "json", "cert", "describe", arn]).ok().json()["Certificate"]["Serial"].as_str().unwrap().to_string();
    assert_ne!(serial(&a), serial(&b));
}
