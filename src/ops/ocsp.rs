//! What `acmctl serve` publishes without a signature from its caller, as
//! ACM Private CA does: an authority's CRL (`GET /crl/<id>.crl`), its
//! certificate (`GET /ca/<id>.crt`), and an OCSP responder (`/ocsp`, RFC
//! 6960 and RFC 5019's GET and POST). Only authorities whose revocation
//! configuration enables them are answered for.
//!
//! Responses are signed by the authority itself, and kept until something
//! changes: a response without a nonce is reused while the authority's CRL
//! number (which every revocation raises) and certificate stay the same,
//! and for at most half its validity.

use std::collections::HashMap;
use std::sync::Mutex;

use time::{Duration, OffsetDateTime};

use super::issue::SigningAuthority;
use crate::model::{AuthorityArn, AuthorityRecord, Region};
use crate::passphrase::Passphrase;
use crate::pki::ocsp::{
    CertId, CertStatus, IssuerHashes, OcspRequest, Responder as PkiResponder, Response, ResponseTimes, Signer,
    Unsuccessful,
};
use crate::pki::serial::plain_hex;
use crate::store::Store;

/// How long an OCSP response says its answer holds.
pub const RESPONSE_VALIDITY: Duration = Duration::hours(1);

/// The most responses kept. Anyone may ask about any serial, each answered
/// (`unknown` for those never issued) and kept: without a bound, a client
/// walking serials would grow the responder's memory without end.
pub const MAX_CACHED_RESPONSES: usize = 10_000;

/// How often a request naming an issuer not yet known makes the responder
/// look through the store's authorities again. Looking reads every
/// authority's record and certificate: without a pause, each request for a
/// stranger's certificate would cost that much.
pub const RESCAN_AFTER: std::time::Duration = std::time::Duration::from_secs(1);

/// An authority that publishes, where it is.
#[derive(Clone)]
struct Published {
    region: Region,
    arn: AuthorityArn,
    hashes: IssuerHashes,
    /// The certificate the hashes are of (an imported one changes them).
    serial: String,
}

/// A signed response, and what it was made from.
struct Cached {
    crl_number: u64,
    serial: String,
    produced_at: OffsetDateTime,
    der: Vec<u8>,
}

/// The OCSP responder and the publisher of CRLs and certificates of a
/// store's authorities. One per `serve`; shared by its workers.
pub struct Publisher {
    passphrase: Option<Passphrase>,
    /// Authorities by id, found as they are asked for.
    known: Mutex<Vec<Published>>,
    /// Keys, loaded once per certificate.
    signers: Mutex<HashMap<(AuthorityArn, String), std::sync::Arc<SigningAuthority>>>,
    responses: Mutex<HashMap<(AuthorityArn, Vec<u8>), Cached>>,
    /// `MAX_CACHED_RESPONSES`, smaller in tests.
    max_cached: usize,
    /// When the store's authorities were last looked through.
    last_scan: Mutex<Option<std::time::Instant>>,
    /// `RESCAN_AFTER`, other in tests.
    rescan_after: std::time::Duration,
}

impl Publisher {
    /// `passphrase` unlocks authority keys kept encrypted.
    pub fn new(passphrase: Option<Passphrase>) -> Publisher {
        Publisher {
            passphrase,
            known: Mutex::new(Vec::new()),
            signers: Mutex::new(HashMap::new()),
            responses: Mutex::new(HashMap::new()),
            max_cached: MAX_CACHED_RESPONSES,
            last_scan: Mutex::new(None),
            rescan_after: RESCAN_AFTER,
        }
    }

    /// The authority `id` names (its UUID, as its URLs spell it), in
    /// whichever region it is.
    fn find(store: &Store, id: &str) -> Option<(Region, AuthorityRecord)> {
        let id = uuid::Uuid::try_parse(id).ok()?;
        for region in store.regions().ok()? {
            let arn = AuthorityArn::from_parts(region, store.account(), id);
            if let Ok(Some(a)) = store.read(region, |tx| Ok(tx.authority(&arn)?)) {
                return Some((region, a));
            }
        }
        None
    }

    /// The authority's current CRL, DER, if it publishes one; signed again
    /// first when it is due.
    pub fn crl(
        &self,
        store: &Store,
        settings: &crate::settings::Settings,
        now: OffsetDateTime,
        id: &str,
    ) -> Option<Vec<u8>> {
        let (region, a) = Self::find(store, id)?;
        let enabled = a.revocation.as_ref().and_then(|r| r.crl.as_ref()).is_some_and(|c| c.enabled);
        if !enabled || !a.has_certificate() {
            return None;
        }
        let scope = super::Scope { store, region, now, settings };
        let crl = super::authority::crl(&scope, &a.arn, self.passphrase.as_ref()).ok()?;
        crate::pki::profile::crl_der(&crl.pem).ok()
    }

    /// The authority's certificate, DER (caIssuers), if it publishes OCSP.
    pub fn certificate(&self, store: &Store, id: &str) -> Option<Vec<u8>> {
        let (region, a) = Self::find(store, id)?;
        if !ocsp_enabled(&a) {
            return None;
        }
        let pem = store.read(region, |tx| Ok(tx.authority_material(&a.arn)?.certificate_pem)).ok()?;
        crate::pki::strict_pem::one(&pem, "CERTIFICATE").ok()
    }

    /// Answers an OCSP request (DER). Never fails: what cannot be answered
    /// gets the status that says why.
    pub fn respond(&self, store: &Store, now: OffsetDateTime, request: &[u8]) -> Response {
        match OcspRequest::from_der(request) {
            Ok(req) => self.respond_to(store, now, &req),
            Err(e) => Response::malformed(&e),
        }
    }

    /// Answers the GET form (`/ocsp/<base64 of the DER request>`).
    pub fn respond_get(&self, store: &Store, now: OffsetDateTime, path: &str) -> Response {
        self.respond_get_cacheable(store, now, path).0
    }

    /// The same, with the producedAt of an answer that HTTP caches may keep
    /// until its nextUpdate (RFC 5019 section 6): one without a nonce, for
    /// one certificate, successful.
    pub fn respond_get_cacheable(
        &self,
        store: &Store,
        now: OffsetDateTime,
        path: &str,
    ) -> (Response, Option<OffsetDateTime>) {
        match OcspRequest::from_get_path(path) {
            Ok(req) => self.respond_with_time(store, now, &req),
            Err(e) => (Response::malformed(&e), None),
        }
    }

    fn respond_to(&self, store: &Store, now: OffsetDateTime, req: &OcspRequest) -> Response {
        self.respond_with_time(store, now, req).0
    }

    fn respond_with_time(
        &self,
        store: &Store,
        now: OffsetDateTime,
        req: &OcspRequest,
    ) -> (Response, Option<OffsetDateTime>) {
        let response = |r: Response| (r, None);
        let Some(first) = req.cert_ids.first() else {
            return response(Response::unsuccessful(Unsuccessful::MalformedRequest));
        };
        let Some(published) = self.published_for(store, first) else {
            return response(Response::unsuccessful(Unsuccessful::Unauthorized));
        };
        // The record now: a revocation since the last answer shows in it.
        let record = match store.read(published.region, |tx| Ok(tx.authority(&published.arn)?)) {
            Ok(Some(a)) if ocsp_enabled(&a) && a.has_certificate() => a,
            Ok(_) => return response(Response::unsuccessful(Unsuccessful::Unauthorized)),
            Err(_) => return response(Response::unsuccessful(Unsuccessful::TryLater)),
        };
        if record.serial != published.serial {
            // A new certificate: new hashes, found again next time.
            self.known.lock().expect("the responder's lock").retain(|p| p.arn != published.arn);
            *self.last_scan.lock().expect("the responder's lock") = None;
            return response(Response::unsuccessful(Unsuccessful::TryLater));
        }
        let cacheable = req.nonce.is_none() && req.cert_ids.len() == 1;
        if cacheable && let Some((der, produced_at)) = self.cached(&record, first, now) {
            return (Response { status: crate::pki::ocsp::ResponseStatus::Successful, der }, Some(produced_at));
        }
        let Some(signer) = self.signer(store, &published, &record) else {
            return response(Response::unsuccessful(Unsuccessful::InternalError));
        };
        let Ok(pki_signer) = Signer::authority(&signer.cert_pem, &signer.key) else {
            return response(Response::unsuccessful(Unsuccessful::InternalError));
        };
        let responder = PkiResponder { issuer: &published.hashes, signer: &pki_signer };
        let times = ResponseTimes::new(now, RESPONSE_VALIDITY);
        let region = published.region;
        let answer = responder.respond_to(req, &times, |id| status(store, region, &record, id));
        let cacheable = cacheable && answer.status == crate::pki::ocsp::ResponseStatus::Successful;
        if cacheable {
            let mut responses = self.responses.lock().expect("the responder's lock");
            if responses.len() >= self.max_cached {
                // Stale answers go first; if the rest still fill it, all go
                // (they are made again on demand).
                responses.retain(|_, c| now >= c.produced_at && now < c.produced_at + RESPONSE_VALIDITY / 2);
                if responses.len() >= self.max_cached {
                    responses.clear();
                }
            }
            responses.insert(
                (record.arn, first.serial.clone()),
                Cached {
                    crl_number: record.crl_number,
                    serial: record.serial.clone(),
                    produced_at: now,
                    der: answer.der.clone(),
                },
            );
        }
        (answer, cacheable.then_some(now))
    }

    fn cached(&self, record: &AuthorityRecord, id: &CertId, now: OffsetDateTime) -> Option<(Vec<u8>, OffsetDateTime)> {
        let responses = self.responses.lock().expect("the responder's lock");
        let c = responses.get(&(record.arn, id.serial.clone()))?;
        let fresh = c.crl_number == record.crl_number
            && c.serial == record.serial
            && now >= c.produced_at
            && now < c.produced_at + RESPONSE_VALIDITY / 2;
        fresh.then(|| (c.der.clone(), c.produced_at))
    }

    /// The publishing authority a CertID names, looked for in the store the
    /// first time (and at most once per `rescan_after` for those not found).
    fn published_for(&self, store: &Store, id: &CertId) -> Option<Published> {
        if let Some(p) = self.known.lock().expect("the responder's lock").iter().find(|p| p.hashes.matches(id)) {
            return Some(p.clone());
        }
        {
            let mut last = self.last_scan.lock().expect("the responder's lock");
            if last.is_some_and(|t| t.elapsed() < self.rescan_after) {
                return None;
            }
            *last = Some(std::time::Instant::now());
        }
        let mut found = None;
        for region in store.regions().ok()? {
            let authorities = store.read(region, |tx| Ok(tx.authorities()?)).ok()?;
            for a in authorities.into_iter().filter(|a| ocsp_enabled(a) && a.has_certificate()) {
                let Ok(pem) = store.read(region, |tx| Ok(tx.authority_material(&a.arn)?.certificate_pem)) else {
                    continue;
                };
                let Ok(hashes) = IssuerHashes::from_pem(&pem) else { continue };
                let p = Published { region, arn: a.arn, hashes, serial: a.serial.clone() };
                if p.hashes.matches(id) {
                    found = Some(p.clone());
                }
                let mut known = self.known.lock().expect("the responder's lock");
                if !known.iter().any(|k| k.arn == p.arn) {
                    known.push(p);
                }
            }
        }
        found
    }

    fn signer(
        &self,
        store: &Store,
        p: &Published,
        record: &AuthorityRecord,
    ) -> Option<std::sync::Arc<SigningAuthority>> {
        let key = (p.arn, record.serial.clone());
        if let Some(s) = self.signers.lock().expect("the responder's lock").get(&key) {
            return Some(s.clone());
        }
        let signer = store
            .read(p.region, |tx| Ok(SigningAuthority::load(tx, record.clone(), self.passphrase.as_ref())?))
            .ok()?;
        let signer = std::sync::Arc::new(signer);
        self.signers.lock().expect("the responder's lock").insert(key, signer.clone());
        Some(signer)
    }
}

fn ocsp_enabled(a: &AuthorityRecord) -> bool {
    a.revocation.as_ref().and_then(|r| r.ocsp.as_ref()).is_some_and(|o| o.enabled)
}

/// What the authority says of one certificate: revoked (its record lists
/// the serial), good (it reserved the serial: it issued it), or unknown.
fn status(store: &Store, region: Region, a: &AuthorityRecord, id: &CertId) -> Result<CertStatus, Unsuccessful> {
    let wanted = super::pca::normal_serial(&plain_hex(&id.serial));
    if let Some(r) = a.revoked.iter().find(|r| super::pca::normal_serial(&r.serial) == wanted) {
        return Ok(CertStatus::Revoked { time: r.revoked_at, reason: r.reason });
    }
    // Serials are reserved under 32 hex digits (16 bytes).
    let Some(hex) = wanted.filter(|h| h.len() <= 32).map(|h| format!("{h:0>32}")) else {
        return Ok(CertStatus::Unknown);
    };
    match store.read(region, |tx| Ok(tx.serial_reserved(&a.arn, &hex)?)) {
        Ok(true) => Ok(CertStatus::Good),
        Ok(false) => Ok(CertStatus::Unknown),
        Err(_) => Err(Unsuccessful::TryLater),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{KeyAlgorithm, OcspConfiguration, RevocationConfiguration, RevocationReason};
    use crate::ops::Scope;
    use crate::ops::testing::settings;
    use crate::pki::ocsp::{HashAlgorithm, ResponseStatus};

    fn authority(scope: &Scope, ocsp: bool) -> AuthorityRecord {
        let revocation = ocsp.then(|| RevocationConfiguration {
            crl: None,
            ocsp: Some(OcspConfiguration { enabled: true, custom_cname: Some("ocsp.example.com".into()) }),
        });
        crate::ops::testing::private_root(scope, revocation)
    }

    #[test]
    fn the_responder_says_good_revoked_unknown_and_unauthorized() {
        let dir = tempfile::tempdir().unwrap();
        let settings = settings(dir.path());
        let store = Store::open(&settings.store).unwrap();
        let now = OffsetDateTime::now_utc().replace_nanosecond(0).unwrap();
        let scope = Scope { store: &store, region: settings.region, now, settings: &settings };
        let ca = authority(&scope, true);
        let quiet = authority(&scope, false);
        let request = crate::ops::request::Request {
            domain_name: "o.example.com".parse().unwrap(),
            subject_alternative_names: Vec::new(),
            authority: Some(ca.arn),
            validation_method: None,
            validation_domain: None,
            key_algorithm: KeyAlgorithm::EcPrime256v1,
            idempotency_token: None,
            tags: Vec::new(),
            options: None,
            passphrase: None,
        };
        let cert = crate::ops::request::request(&scope, &request).unwrap().arn;
        let serial = crate::pki::serial::parse_colon_hex(
            &crate::ops::certificate::describe(&scope, &cert).unwrap().serial.unwrap(),
        )
        .unwrap();
        let (ca_pem, _) = crate::ops::authority::certificate(&scope, &ca.arn).unwrap();
        let hashes = IssuerHashes::from_pem(&ca_pem).unwrap();
        let ask = |serial: &[u8], nonce: Option<Vec<u8>>| {
            OcspRequest { cert_ids: vec![hashes.cert_id(HashAlgorithm::Sha1, serial)], nonce }.to_der().unwrap()
        };
        let publisher = Publisher::new(None);
        let record = crate::ops::authority::describe(&scope, &ca.arn).unwrap();
        let id = hashes.cert_id(HashAlgorithm::Sha1, &serial);
        assert_eq!(status(&store, settings.region, &record, &id), Ok(CertStatus::Good));
        let good = publisher.respond(&store, now, &ask(&serial, None));
        assert_eq!(good.status, ResponseStatus::Successful);
        // The same request is answered from the cache, byte for byte.
        assert_eq!(publisher.respond(&store, now, &ask(&serial, None)).der, good.der);
        crate::ops::revoke::revoke(&scope, &cert, RevocationReason::KeyCompromise, None).unwrap();
        let record = crate::ops::authority::describe(&scope, &ca.arn).unwrap();
        assert!(matches!(status(&store, settings.region, &record, &id), Ok(CertStatus::Revoked { .. })));
        let revoked = publisher.respond(&store, now, &ask(&serial, None));
        assert_ne!(revoked.der, good.der, "a revocation is not answered from the cache");
        let never = hashes.cert_id(HashAlgorithm::Sha1, &[0x42; 16]);
        assert_eq!(status(&store, settings.region, &record, &never), Ok(CertStatus::Unknown));
        // An authority that does not answer OCSP, or garbage: no answer.
        let (quiet_pem, _) = crate::ops::authority::certificate(&scope, &quiet.arn).unwrap();
        let other = IssuerHashes::from_pem(&quiet_pem).unwrap();
        let foreign = OcspRequest { cert_ids: vec![other.cert_id(HashAlgorithm::Sha1, &serial)], nonce: None };
        assert_eq!(publisher.respond(&store, now, &foreign.to_der().unwrap()).status, ResponseStatus::Unauthorized);
        assert_eq!(publisher.respond(&store, now, b"not DER").status, ResponseStatus::MalformedRequest);
        // What it publishes beside: the certificate, not a CRL it does not publish.
        let id = authority_path(&ca);
        assert!(publisher.certificate(&store, &id).is_some());
        assert!(publisher.crl(&store, &settings, now, &id).is_none());
        assert!(publisher.certificate(&store, &authority_path(&quiet)).is_none());
        assert!(publisher.certificate(&store, "../../etc/passwd").is_none());
    }

    #[test]
    fn the_cache_of_responses_stays_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let settings = settings(dir.path());
        let store = Store::open(&settings.store).unwrap();
        let now = OffsetDateTime::now_utc().replace_nanosecond(0).unwrap();
        let scope = Scope { store: &store, region: settings.region, now, settings: &settings };
        let ca = authority(&scope, true);
        let (ca_pem, _) = crate::ops::authority::certificate(&scope, &ca.arn).unwrap();
        let hashes = IssuerHashes::from_pem(&ca_pem).unwrap();
        let mut publisher = Publisher::new(None);
        publisher.max_cached = 8;
        // A client walking serials never issued: each is answered unknown.
        for n in 0u8..30 {
            let req = OcspRequest { cert_ids: vec![hashes.cert_id(HashAlgorithm::Sha1, &[n + 1; 8])], nonce: None };
            assert_eq!(publisher.respond(&store, now, &req.to_der().unwrap()).status, ResponseStatus::Successful);
            assert!(publisher.responses.lock().unwrap().len() <= 8);
        }
    }

    #[test]
    fn strangers_make_the_responder_look_through_the_store_at_most_once_a_while() {
        let dir = tempfile::tempdir().unwrap();
        let settings = settings(dir.path());
        let store = Store::open(&settings.store).unwrap();
        let now = OffsetDateTime::now_utc().replace_nanosecond(0).unwrap();
        let scope = Scope { store: &store, region: settings.region, now, settings: &settings };
        let ask = |publisher: &Publisher, a: &AuthorityRecord| {
            let (pem, _) = crate::ops::authority::certificate(&scope, &a.arn).unwrap();
            let id = IssuerHashes::from_pem(&pem).unwrap().cert_id(HashAlgorithm::Sha1, &[7; 8]);
            publisher.respond(&store, now, &OcspRequest { cert_ids: vec![id], nonce: None }.to_der().unwrap()).status
        };
        let mut publisher = Publisher::new(None);
        publisher.rescan_after = std::time::Duration::from_secs(3600);
        let stranger = authority(&scope, false);
        assert_eq!(ask(&publisher, &stranger), ResponseStatus::Unauthorized);
        // An authority made since that look is not seen until the next one…
        let late = authority(&scope, true);
        assert_eq!(ask(&publisher, &late), ResponseStatus::Unauthorized);
        // …which comes once the pause is over.
        publisher.rescan_after = std::time::Duration::ZERO;
        assert_eq!(ask(&publisher, &late), ResponseStatus::Successful);
        publisher.rescan_after = std::time::Duration::from_secs(3600);
        assert_eq!(ask(&publisher, &late), ResponseStatus::Successful, "known from then on");
    }

    fn authority_path(a: &AuthorityRecord) -> String {
        crate::ops::pca::authority_path_id(&a.arn)
    }
}
