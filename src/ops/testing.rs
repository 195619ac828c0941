//! What the operations' unit tests share: settings for a store in a
//! temporary directory, read from no environment at all.

use std::ffi::OsString;
use std::path::Path;

use crate::model::{AuthorityArn, AuthorityRecord, KeyAlgorithm, RevocationConfiguration};
use crate::ops::Scope;
use crate::ops::authority::{CreatePrivate, Hierarchy, create_private};
use crate::ops::request::Request;
use crate::settings::{Env, Settings};

/// An environment with nothing in it.
pub struct NoEnv;

impl Env for NoEnv {
    fn var(&self, _: &str) -> Option<OsString> {
        None
    }
    fn vars(&self) -> Vec<(OsString, OsString)> {
        Vec::new()
    }
}

/// Settings for a store at `dir/store`, working in eu-west-1.
pub fn settings(dir: &Path) -> Settings {
    let mut global = crate::cli::GlobalArgs::unset();
    global.store = Some(dir.join("store"));
    global.region = Some("eu-west-1".parse().unwrap());
    Settings::resolve(&global, &NoEnv).unwrap()
}

/// A private EC P-256 root of `scope`'s region, valid a year.
pub fn private_root(scope: &Scope, revocation: Option<RevocationConfiguration>) -> AuthorityRecord {
    let input = CreatePrivate {
        hierarchy: Hierarchy::Root,
        common_name: None,
        key_algorithm: KeyAlgorithm::EcPrime256v1,
        validity_days: 365,
        passphrase: None,
        revocation,
    };
    create_private(scope, &input).unwrap()
}

/// A request for an EC P-256 certificate of `name` from the private
/// authority `ca`, with an idempotency token if given.
pub fn private_request(name: &str, ca: AuthorityArn, token: Option<&str>) -> Request {
    Request {
        domain_name: name.parse().unwrap(),
        subject_alternative_names: Vec::new(),
        authority: Some(ca),
        validation_method: None,
        validation_domain: None,
        key_algorithm: KeyAlgorithm::EcPrime256v1,
        idempotency_token: token.map(str::to_string),
        tags: Vec::new(),
        options: None,
        passphrase: None,
    }
}
