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

pub const TARGETS: &[Target] = &[
    ("domain", domain),
    ("arn", arn),
    ("record", record),
    ("bundle", bundle),
    ("config", config),
    ("index", index),
    ("ocsp", ocsp),
    ("ocsp_responder", ocsp_responder),
    ("serve_request", serve_request),
    ("serve_sigv4", serve_sigv4),
    ("serve_json", serve_json),
];

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
        // The public-name rule judges every accepted name, naming it when it refuses.
        if let Err(r) = crate::policy::request::check_public_name(&d) {
            assert!(r.message.contains(d.as_str()));
        }
    }
    // CAA values as found in DNS: any text is judged, never a panic.
    let record = crate::policy::caa::CaaRecord { critical: s.len() % 2 == 0, tag: "issue".into(), value: s.into() };
    let _ = crate::policy::caa::check_caa("www.example.com", "example.com", &[record], &["amazon.com".into()]);
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

/// OCSP requests as a responder reads them: DER (POST) and, when the input
/// is text, the GET path. What is accepted writes back to a request that
/// reads as the same, in both forms, and is answered without a panic.
pub fn ocsp(data: &[u8]) {
    use crate::pki::ocsp::OcspRequest;
    let mut accepted = Vec::new();
    if let Ok(req) = OcspRequest::from_der(data) {
        accepted.push(req);
    }
    if let Some(s) = text(data)
        && let Ok(req) = OcspRequest::from_get_path(s)
    {
        accepted.push(req);
    }
    for req in accepted {
        let der = req.to_der().expect("an accepted request encodes");
        assert_eq!(OcspRequest::from_der(&der).expect("a written request reads back"), req);
        let path = req.to_get_path().expect("an accepted request encodes as a GET path");
        assert_eq!(OcspRequest::from_get_path(&path).expect("a written GET path reads back"), req);
        let _ = ocsp_answer(&req);
    }
}

/// Answers a request as an authority whose every certificate is good.
fn ocsp_answer(req: &crate::pki::ocsp::OcspRequest) -> crate::pki::ocsp::Response {
    use std::sync::OnceLock;

    use crate::pki::ocsp::{CertStatus, IssuerHashes, Responder, ResponseTimes, Signer};
    use crate::pki::profile;
    static AUTHORITY: OnceLock<(PrivateKey, String, IssuerHashes)> = OnceLock::new();
    let (key, pem, hashes) = AUTHORITY.get_or_init(|| {
        let key = PrivateKey::generate(crate::model::KeyAlgorithm::EcPrime256v1).expect("a key");
        let now = time::OffsetDateTime::UNIX_EPOCH + time::Duration::days(20_000);
        let params = profile::authority_params(&profile::AuthorityProfile {
            common_name: "fuzz",
            organization: "acmctl",
            path_len: None,
            validity: profile::Validity::days_from(now, 30, None),
            serial: &[1; 16],
        })
        .expect("authority parameters");
        let pem = profile::self_signed(&params, &key).expect("a self-signed authority");
        let hashes = IssuerHashes::from_pem(&pem).expect("its hashes");
        (key, pem, hashes)
    });
    let signer = Signer::authority(pem, key).expect("the authority signs");
    let times =
        ResponseTimes::new(time::OffsetDateTime::UNIX_EPOCH + time::Duration::days(20_001), time::Duration::hours(1));
    // Once as the authority the request names (when it names one), once
    // as this one.
    let mut ours = req.clone();
    for id in &mut ours.cert_ids {
        *id = hashes.cert_id(id.hash_algorithm, &id.serial);
    }
    let responder = Responder { issuer: hashes, signer: &signer };
    let _ = responder.respond_to(req, &times, |_| Ok(CertStatus::Good));
    let r = responder.respond_to(&ours, &times, |_| Ok(CertStatus::Good));
    assert_eq!(r.status, crate::pki::ocsp::ResponseStatus::Successful, "a request for this authority is answered");
    r
}

/// A store with one authority that publishes its CRL and OCSP, and a
/// certificate it issued, for `ocsp_responder`; made once per process in
/// a directory of its own (`ocsp_responder_cleanup` removes it).
struct ResponderStore {
    store: crate::store::Store,
    settings: crate::settings::Settings,
    hashes: crate::pki::ocsp::IssuerHashes,
    publisher: crate::ops::ocsp::Publisher,
}

fn responder_store() -> &'static ResponderStore {
    use crate::model::{CrlConfiguration, KeyAlgorithm, OcspConfiguration, RevocationConfiguration};
    use crate::ops::authority::{CreatePrivate, Hierarchy, create_private};

    struct NoEnv;
    impl crate::settings::Env for NoEnv {
        fn var(&self, _: &str) -> Option<std::ffi::OsString> {
            None
        }
        fn vars(&self) -> Vec<(std::ffi::OsString, std::ffi::OsString)> {
            Vec::new()
        }
    }
    static STORE: std::sync::OnceLock<ResponderStore> = std::sync::OnceLock::new();
    STORE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("acmctl-fuzz-ocsp-{}", std::process::id()));
        // The store refuses a parent others can write to, as /tmp is.
        {
            use std::os::unix::fs::DirBuilderExt;
            std::fs::DirBuilder::new().mode(0o700).create(&dir).expect("a directory of its own");
        }
        let mut global = crate::cli::GlobalArgs::unset();
        global.store = Some(dir.join("store"));
        global.region = Some(Region::default());
        let settings = crate::settings::Settings::resolve(&global, &NoEnv).expect("settings");
        let store = crate::store::Store::open(&settings.store).expect("a store");
        let scope = crate::ops::Scope {
            store: &store,
            region: settings.region,
            now: settings.clock.now(),
            settings: &settings,
        };
        let name = Some("ocsp.example.com".to_string());
        let revocation = RevocationConfiguration {
            crl: Some(CrlConfiguration {
                enabled: true,
                expiration_in_days: None,
                custom_cname: name.clone(),
                ..CrlConfiguration::default()
            }),
            ocsp: Some(OcspConfiguration { enabled: true, custom_cname: name }),
        };
        let input = CreatePrivate {
            hierarchy: Hierarchy::Root,
            common_name: None,
            key_algorithm: KeyAlgorithm::EcPrime256v1,
            validity_days: 365,
            passphrase: None,
            revocation: Some(revocation),
        };
        let ca = create_private(&scope, &input).expect("an authority");
        let (pem, _) = crate::ops::authority::certificate(&scope, &ca.arn).expect("its certificate");
        let hashes = crate::pki::ocsp::IssuerHashes::from_pem(&pem).expect("its hashes");
        ResponderStore { store, settings, hashes, publisher: crate::ops::ocsp::Publisher::new(None) }
    })
}

/// Removes the store `ocsp_responder` made in this process, if it made one.
pub fn ocsp_responder_cleanup() {
    let dir = std::env::temp_dir().join(format!("acmctl-fuzz-ocsp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(dir);
}

/// What serve answers on its unsigned routes, over a real store: the bytes
/// as a POSTed OCSP request, as a GET path, as a path of the publication
/// routes; and the request they decode to, sent again for this store's
/// authority so that it reaches the store and the signature. Every OCSP
/// answer is successful, malformedRequest or unauthorized, every HTTP
/// answer a 200 or a 404.
pub fn ocsp_responder(data: &[u8]) {
    use crate::pki::ocsp::{OcspRequest, ResponseStatus};
    use crate::serve::api::publication;
    let r = responder_store();
    let now = r.settings.clock.now();
    let expected = [ResponseStatus::Successful, ResponseStatus::MalformedRequest, ResponseStatus::Unauthorized];
    let answered = r.publisher.respond(&r.store, now, data);
    assert!(expected.contains(&answered.status), "{:?}", answered.status);
    if let Ok(mut req) = OcspRequest::from_der(data) {
        for id in &mut req.cert_ids {
            *id = r.hashes.cert_id(id.hash_algorithm, &id.serial);
        }
        if let Ok(der) = req.to_der() {
            let ours = r.publisher.respond(&r.store, now, &der);
            assert_eq!(ours.status, ResponseStatus::Successful, "a request for this authority is answered");
        }
    }
    let http = [publication::post(&r.publisher, &r.store, &r.settings, "/ocsp", data)];
    let mut answers: Vec<_> = http.into_iter().flatten().collect();
    if let Some(s) = text(data) {
        let got = r.publisher.respond_get(&r.store, now, s);
        assert!(expected.contains(&got.status), "{:?}", got.status);
        answers.extend(publication::get(&r.publisher, &r.store, &r.settings, s));
        answers.extend(publication::get(&r.publisher, &r.store, &r.settings, &format!("/ocsp/{s}")));
        answers.extend(publication::post(&r.publisher, &r.store, &r.settings, s, data));
    }
    for a in answers {
        assert!([200, 404].contains(&a.status), "status {}", a.status);
    }
}

/// The operations layer as the serve fuzz targets see it: every operation
/// answers `{}`, so that what is fuzzed is the transport around it.
struct EmptyAnswers;

impl crate::serve::Api for EmptyAnswers {
    fn call(
        &self,
        _: &crate::serve::RequestContext,
        _: crate::serve::Operation,
        _: serde_json::Value,
    ) -> Result<serde_json::Value, crate::serve::ApiError> {
        Ok(serde_json::json!({}))
    }
}

/// The time the requests of `src/serve/testdata` were signed at, so that
/// mutations of them get past the clock check to the signature.
fn capture_time() -> std::time::SystemTime {
    std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_796_402_750)
}

fn serve_handlers() -> &'static [crate::serve::protocol::Handler<EmptyAnswers>; 2] {
    use crate::serve::credentials::Credentials;
    use crate::serve::protocol::Handler;
    use crate::serve::sigv4::Verifier;
    static HANDLERS: std::sync::OnceLock<[Handler<EmptyAnswers>; 2]> = std::sync::OnceLock::new();
    HANDLERS.get_or_init(|| {
        let text = include_str!("serve/testdata/credentials");
        let credentials = Credentials::parse(text, std::path::Path::new("testdata")).expect("the test keys parse");
        [
            Handler::new(EmptyAnswers, Verifier::new(credentials)),
            Handler::new(EmptyAnswers, Verifier::any_credentials(Region::default())),
        ]
    })
}

/// HTTP requests, as serve reads them from a connection, answered by the
/// whole protocol: SigV4, dispatch, input checks, output fitting.
pub fn serve_request(data: &[u8]) {
    use crate::serve::http::{Limits, parse_all};
    let limits = Limits { max_body: 64 * 1024, ..Limits::default() };
    for request in parse_all(data, limits).into_iter().flatten() {
        for handler in serve_handlers() {
            let handled = handler.handle(&request, capture_time());
            let r = &handled.response;
            assert!([200, 400, 404, 405, 500].contains(&r.status), "status {}", r.status);
            if r.header("Content-Type") == Some(crate::serve::protocol::CONTENT_TYPE) {
                let body: serde_json::Value = serde_json::from_slice(&r.body).expect("JSON answers are JSON");
                if r.status != 200 {
                    assert!(body["__type"].is_string() && body["message"].is_string());
                }
            }
        }
    }
}

/// The SigV4 parts on their own: the Authorization header, the canonical
/// path and query, and verification of whatever request the bytes make.
pub fn serve_sigv4(data: &[u8]) {
    use crate::serve::sigv4::{authorization, canonical};
    let Some(s) = text(data) else {
        serve_request(data);
        return;
    };
    let _ = authorization::parse(s, true);
    let path = s.split(['?', '#']).next().unwrap_or_default();
    let once = canonical::normalize_path(path);
    assert_eq!(canonical::normalize_path(&once), once, "normalising is idempotent");
    let uri = canonical::canonical_uri(path);
    assert!(uri.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~/%".contains(&b)), "{uri}");
    let query = canonical::canonical_query(s);
    assert!(query.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%=&".contains(&b)), "{query}");
    let _ = crate::serve::sigv4::parse_date(s, true);
    serve_request(data);
}

/// JSON request bodies, checked against every operation's input shape, and
/// fitted as outputs to every operation's output shape.
pub fn serve_json(data: &[u8]) {
    use crate::serve::Operation;
    let Ok(input) = crate::serve::protocol::parse_input(data) else { return };
    for op in Operation::all() {
        let _ = crate::serve::shapes::validate_input(op, &input);
        let mut output = input.clone();
        crate::serve::shapes::conform_output(op, &mut output);
        assert!(output.is_object());
    }
    let _ = crate::serve::json::PageToken::decode(crate::serve::Service::Acm, "ListCertificates", &input);
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_responder_target_answers_garbage() {
        super::ocsp_responder(b"/ocsp");
        super::ocsp_responder(b"\x30\x03\x0a\x01\x01");
        super::ocsp_responder_cleanup();
    }
}
