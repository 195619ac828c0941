//! OCSP, CRL and publication-extension tests: the library's own decoding
//! and encoding, and what real clients make of it (openssl's OCSP client
//! and verifier, pkilint's OCSP response, CRL and DV linters). The tools
//! must be installed (`.ci/run` installs them): a missing one fails the
//! test, saying which.

use std::path::{Path, PathBuf};
use std::process::Command;

use der::{Decode, Encode};
use time::{Duration, OffsetDateTime};

use super::asn1;
use super::*;
use crate::model::{KeyAlgorithm, RevocationReason};
use crate::pki::PrivateKey;
use crate::pki::profile::{self, AuthorityProfile, LeafProfile, Publication, Validity};

// ---------------------------------------------------------------------------
// Tools

/// A tool from `ACMCTL_TOOLS_BIN`, the CI virtualenv (`.ci/venv/bin`) or
/// PATH, as the integration tests find them.
fn tool(name: &str) -> PathBuf {
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Some(d) = crate::settings::Env::var(&crate::settings::ProcessEnv, "ACMCTL_TOOLS_BIN") {
        dirs.push(PathBuf::from(d));
    }
    dirs.push(Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/venv/bin"));
    if let Some(path) = crate::settings::Env::var(&crate::settings::ProcessEnv, "PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    dirs.into_iter().map(|d| d.join(name)).find(|p| p.is_file()).unwrap_or_else(|| {
        panic!("{name} is not installed: run .ci/run (openssl from apt, pkilint==0.13.3 in .ci/venv)")
    })
}

/// Runs a tool; its success and what it printed on both streams. Python's
/// warnings are off: a library's deprecation notice on stderr is not one of
/// pkilint's findings (a traceback still is).
fn run(name: &str, args: &[&str], dir: &Path) -> (bool, String) {
    let out = Command::new(tool(name))
        .env("PYTHONWARNINGS", "ignore")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {name}: {e}"));
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

fn openssl(args: &[&str], dir: &Path) -> String {
    let (ok, text) = run("openssl", args, dir);
    assert!(ok, "openssl {} failed:\n{text}", args.join(" "));
    text
}

/// pkilint's findings of WARNING and above: the indented lines under each
/// validator (anything else, a traceback, is kept whole).
fn pkilint(linter: &str, args: &[&str], file: &Path) -> Vec<String> {
    let mut all = vec!["lint"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-s", "WARNING"]);
    let file = file.to_str().unwrap();
    all.push(file);
    let (_, text) = run(linter, &all, Path::new("."));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .filter(|l| l.starts_with("    ") || !l.contains(" @ "))
        .map(|l| l.trim().to_string())
        .collect()
}

// ---------------------------------------------------------------------------
// A small PKI

fn now() -> OffsetDateTime {
    // Whole seconds: what certificates and responses carry.
    OffsetDateTime::from_unix_timestamp(OffsetDateTime::now_utc().unix_timestamp()).unwrap()
}

struct Ca {
    key: PrivateKey,
    pem: String,
    id: String,
}

impl Ca {
    fn der(&self) -> Vec<u8> {
        crate::pki::strict_pem::one(&self.pem, "CERTIFICATE").unwrap()
    }

    fn hashes(&self) -> IssuerHashes {
        IssuerHashes::from_pem(&self.pem).unwrap()
    }

    fn publication(&self) -> Publication {
        Publication::for_authority(&self.id, Some("crl.example.com"), Some("ocsp.example.com:8080"), None).unwrap()
    }
}

fn root(alg: KeyAlgorithm, cn: &str) -> Ca {
    let key = PrivateKey::generate(alg).unwrap();
    let params = profile::authority_params(&AuthorityProfile {
        common_name: cn,
        organization: "acmctl",
        path_len: None,
        validity: Validity::days_from(now(), 3650, None),
        serial: &crate::pki::serial::random_serial(),
    })
    .unwrap();
    let pem = profile::self_signed(&params, &key).unwrap();
    Ca {
        key,
        pem,
        id: format!("{:016x}", u64::from_be_bytes(crate::pki::serial::random_serial()[..8].try_into().unwrap())),
    }
}

/// A subordinate of `parent`, carrying the parent's publication.
fn subordinate(parent: &Ca, alg: KeyAlgorithm) -> Ca {
    let key = PrivateKey::generate(alg).unwrap();
    let mut params = profile::authority_params(&AuthorityProfile {
        common_name: "acmctl Sub CA",
        organization: "acmctl",
        path_len: Some(0),
        validity: Validity::days_from(now(), 1000, None),
        serial: &crate::pki::serial::random_serial(),
    })
    .unwrap();
    profile::add_publication(&mut params, &parent.publication()).unwrap();
    let pem = profile::signed_by(&params, key.pair(), &parent.pem, &parent.key).unwrap();
    Ca { key, pem, id: "5ub".into() }
}

struct Leaf {
    pem: String,
    serial: Vec<u8>,
}

fn leaf(ca: &Ca, alg: KeyAlgorithm, public: bool, names: &[&str], publication: &Publication) -> Leaf {
    let key = PrivateKey::generate(alg).unwrap();
    let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    let serial = crate::pki::serial::random_serial();
    let mut params = profile::leaf_params(&LeafProfile {
        names: &names,
        public,
        rsa: alg.is_rsa(),
        validity: Validity::days_from(now(), if public { 198 } else { 395 }, None),
        serial: &serial,
    })
    .unwrap();
    profile::add_publication(&mut params, publication).unwrap();
    let pem = profile::signed_by(&params, key.pair(), &ca.pem, &ca.key).unwrap();
    Leaf { pem, serial: serial.to_vec() }
}

/// A delegated responder's certificate and key, issued by `ca`.
fn responder(ca: &Ca) -> (String, PrivateKey) {
    let key = PrivateKey::generate(ca.key.algorithm()).unwrap();
    let params = profile::ocsp_responder_params(&profile::OcspResponderProfile {
        common_name: "acmctl OCSP Responder",
        organization: "acmctl",
        validity: Validity::days_from(now(), profile::OCSP_RESPONDER_DAYS, None),
        serial: &crate::pki::serial::random_serial(),
    })
    .unwrap();
    (profile::signed_by(&params, key.pair(), &ca.pem, &ca.key).unwrap(), key)
}

fn write(dir: &Path, name: &str, data: impl AsRef<[u8]>) -> String {
    std::fs::write(dir.join(name), data).unwrap();
    name.to_string()
}

/// The parts of a successful response, read back with the same ASN.1.
fn parse_basic(der: &[u8]) -> asn1::BasicOcspResponse {
    let resp = asn1::OcspResponse::from_der(der).unwrap();
    assert_eq!(resp.response_status, asn1::ResponseStatus::Successful);
    let bytes = resp.response_bytes.unwrap();
    assert_eq!(bytes.response_type.to_string(), "1.3.6.1.5.5.7.48.1.1");
    asn1::BasicOcspResponse::from_der(bytes.response.as_bytes()).unwrap()
}

fn status_of(der: &[u8]) -> asn1::ResponseStatus {
    asn1::OcspResponse::from_der(der).unwrap().response_status
}

// ---------------------------------------------------------------------------
// Requests: the library alone

fn sample_request(nonce: Option<Vec<u8>>) -> OcspRequest {
    let ca = root(KeyAlgorithm::EcPrime256v1, "acmctl Test Root");
    let h = ca.hashes();
    OcspRequest {
        cert_ids: vec![h.cert_id(HashAlgorithm::Sha1, &[0x01, 0x02]), h.cert_id(HashAlgorithm::Sha256, &[0x7f; 16])],
        nonce,
    }
}

#[test]
fn requests_round_trip_through_der_and_get() {
    for nonce in [None, Some(vec![0xab; 16]), Some(vec![0]), Some(vec![0xff; 32])] {
        let req = sample_request(nonce);
        let der = req.to_der().unwrap();
        assert_eq!(OcspRequest::from_der(&der).unwrap(), req);
        let path = req.to_get_path().unwrap();
        assert!(!path.contains(['/', '+', '=']), "{path}");
        assert_eq!(OcspRequest::from_get_path(&path).unwrap(), req);
    }
}

#[test]
fn get_paths_are_read_in_every_spelling_clients_use() {
    let req = sample_request(Some(vec![0xfb; 16]));
    let der = req.to_der().unwrap();
    use base64::Engine;
    let std = base64::engine::general_purpose::STANDARD.encode(&der);
    assert!(std.contains(['+', '/']) || std.ends_with('='), "the sample should exercise escaping: {std}");
    let spellings = [
        std.clone(),
        std.replace('+', "%2B").replace('/', "%2F").replace('=', "%3D"),
        std.replace('+', "%2b").replace('/', "%2f").replace('=', "%3d"),
        std.trim_end_matches('=').to_string(),
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&der),
        std.replace('+', " "),
    ];
    for s in spellings {
        if s.contains('/') {
            // A raw '/' splits the path; the router passes the whole rest.
        }
        assert_eq!(OcspRequest::from_get_path(&s).unwrap(), req, "{s}");
    }
    for bad in ["", "%", "%zz", "****", "AAAA", "MA", &"A".repeat(40_000)] {
        assert!(OcspRequest::from_get_path(bad).is_err(), "{bad:.40} was read");
    }
    assert!(matches!(OcspRequest::from_get_path(&"A".repeat(40_000)), Err(RequestError::TooLarge(_))));
}

/// DER of a TBSRequest around `request_list` and `extensions` (each given
/// as DER), built by hand to reach what the encoder never writes.
fn raw_request(version: Option<u8>, requests: &[Vec<u8>], extensions: Option<&[Vec<u8>]>) -> Vec<u8> {
    fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        let mut out = vec![tag];
        if content.len() < 0x80 {
            out.push(content.len() as u8);
        } else {
            let n = content.len().to_be_bytes();
            let n: Vec<u8> = n.iter().copied().skip_while(|b| *b == 0).collect();
            out.push(0x80 | n.len() as u8);
            out.extend(n);
        }
        out.extend_from_slice(content);
        out
    }
    let mut tbs = Vec::new();
    if let Some(v) = version {
        tbs.extend(tlv(0xa0, &[0x02, 0x01, v]));
    }
    tbs.extend(tlv(0x30, &requests.concat()));
    if let Some(exts) = extensions {
        tbs.extend(tlv(0xa2, &tlv(0x30, &exts.concat())));
    }
    tlv(0x30, &tlv(0x30, &tbs))
}

fn request_der(id: &CertId) -> Vec<u8> {
    asn1::Request { req_cert: id.to_asn1().unwrap(), single_request_extensions: None }.to_der().unwrap()
}

fn extension(oid: &str, critical: bool, value: &[u8]) -> Vec<u8> {
    asn1::Extension {
        extn_id: der::asn1::ObjectIdentifier::new_unwrap(oid),
        critical,
        extn_value: der::asn1::OctetString::new(value).unwrap(),
    }
    .to_der()
    .unwrap()
}

#[test]
fn malformed_requests_get_typed_errors() {
    let req = sample_request(None);
    let one = request_der(&req.cert_ids[0]);
    let ok = raw_request(None, std::slice::from_ref(&one), None);
    assert_eq!(OcspRequest::from_der(&ok).unwrap().cert_ids, vec![req.cert_ids[0].clone()]);

    let err = |der: &[u8]| OcspRequest::from_der(der).unwrap_err();
    assert_eq!(err(&[]), RequestError::Empty);
    assert_eq!(err(&vec![0x30; MAX_REQUEST_LEN + 1]), RequestError::TooLarge(MAX_REQUEST_LEN + 1));
    assert!(matches!(err(b"GET / HTTP/1.1\r\n"), RequestError::Der(_)));
    assert!(matches!(err(&ok[..ok.len() - 1]), RequestError::Der(_)));
    let mut trailing = ok.clone();
    trailing.push(0);
    assert!(matches!(err(&trailing), RequestError::Der(_)));
    // BER, not DER: a long-form length where the short form fits.
    let mut ber = vec![0x30, 0x81, ok[1]];
    ber.extend_from_slice(&ok[2..]);
    assert!(matches!(err(&ber), RequestError::Der(_)));
    assert_eq!(err(&raw_request(Some(1), std::slice::from_ref(&one), None)), RequestError::Version(1));
    // v1 written out, which DER would leave out as the default: `der`
    // reads it, and so does the responder (a lenient reading that costs
    // nothing).
    assert!(OcspRequest::from_der(&raw_request(Some(0), std::slice::from_ref(&one), None)).is_ok());
    assert_eq!(err(&raw_request(None, &[], None)), RequestError::NoCertificates);
    let many = vec![one.clone(); MAX_CERT_IDS + 1];
    assert_eq!(err(&raw_request(None, &many, None)), RequestError::TooManyCertificates(MAX_CERT_IDS + 1));
    assert!(OcspRequest::from_der(&raw_request(None, &many[1..], None)).is_ok());

    // CertIDs
    let mut id = req.cert_ids[0].clone();
    id.issuer_key_hash.pop();
    assert_eq!(
        err(&raw_request(None, &[request_der(&id)], None)),
        RequestError::HashLength { algorithm: HashAlgorithm::Sha1, len: 19, expected: 20 }
    );
    let mut id = req.cert_ids[1].clone();
    id.serial = vec![0x7f; MAX_SERIAL_LEN + 1];
    assert_eq!(err(&raw_request(None, &[request_der(&id)], None)), RequestError::SerialTooLong(MAX_SERIAL_LEN + 1));
    id.serial = vec![0x7f; MAX_SERIAL_LEN];
    assert!(OcspRequest::from_der(&raw_request(None, &[request_der(&id)], None)).is_ok());
    // MD5 is not taken; parameters other than NULL are not either.
    let md5 = request_der(&req.cert_ids[0]);
    let sha1_oid = [0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a];
    let at = md5.windows(7).position(|w| w == sha1_oid).unwrap();
    let mut md5_req = md5[..at].to_vec();
    md5_req.extend([0x06, 0x08, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x05]);
    md5_req.extend(&md5[at + 7..]);
    md5_req[1] += 3;
    md5_req[3] += 3;
    md5_req[5] += 3;
    assert_eq!(err(&raw_request(None, &[md5_req], None)), RequestError::UnsupportedHash("1.2.840.113549.2.5".into()));
    let mut params = md5.clone();
    let null = params.windows(2).position(|w| w == [0x05, 0x00]).unwrap();
    params[null] = 0x04; // NULL → empty OCTET STRING
    assert_eq!(err(&raw_request(None, &[params], None)), RequestError::HashParameters);
    // Non-minimal INTEGER serials are not DER.
    let mut padded = req.cert_ids[0].clone();
    padded.serial = vec![0x00, 0x01];
    assert!(
        padded.to_asn1().is_err()
            || matches!(err(&raw_request(None, &[request_der(&padded)], None)), RequestError::Der(_))
    );

    // Extensions
    let nonce = |v: &[u8]| extension("1.3.6.1.5.5.7.48.1.2", false, v);
    let with = |exts: &[Vec<u8>]| OcspRequest::from_der(&raw_request(None, std::slice::from_ref(&one), Some(exts)));
    assert_eq!(with(&[nonce(&[0x04, 0x02, 0xaa, 0xbb])]).unwrap().nonce, Some(vec![0xaa, 0xbb]));
    assert_eq!(with(&[nonce(&[0x04, 0x00])]).unwrap_err(), RequestError::Nonce("is empty"));
    let mut long = vec![0x04, 33];
    long.extend([7; 33]);
    assert_eq!(with(&[nonce(&long)]).unwrap_err(), RequestError::Nonce("is longer than 32 octets"));
    assert_eq!(with(&[nonce(&[0xaa, 0xbb])]).unwrap_err(), RequestError::Nonce("is not an OCTET STRING"));
    assert_eq!(
        with(&[nonce(&[0x04, 0x01, 1]), nonce(&[0x04, 0x01, 2])]).unwrap_err(),
        RequestError::DuplicateExtension("1.3.6.1.5.5.7.48.1.2".into())
    );
    // A critical nonce is understood; an unknown critical extension is not;
    // an unknown non-critical one (preferred signature algorithms) is
    // ignored.
    let critical_nonce = extension("1.3.6.1.5.5.7.48.1.2", true, &[0x04, 0x01, 9]);
    assert_eq!(with(&[critical_nonce]).unwrap().nonce, Some(vec![9]));
    assert_eq!(
        with(&[extension("1.3.6.1.5.5.7.48.1.8", true, &[0x30, 0x00])]).unwrap_err(),
        RequestError::CriticalExtension("1.3.6.1.5.5.7.48.1.8".into())
    );
    assert_eq!(with(&[extension("1.3.6.1.5.5.7.48.1.8", false, &[0x30, 0x00])]).unwrap().nonce, None);

    for e in [RequestError::Empty, RequestError::TooLarge(1), RequestError::Nonce("is empty")] {
        assert_eq!(e.status(), ResponseStatus::MalformedRequest);
        assert_eq!(Response::malformed(&e).der, unsuccessful_response(Unsuccessful::MalformedRequest));
    }
}

#[test]
fn issuer_hashes_tell_authorities_apart() {
    let a = root(KeyAlgorithm::EcPrime256v1, "acmctl Root A");
    // The same name with another key, and another name with... another key.
    let b = root(KeyAlgorithm::EcPrime256v1, "acmctl Root A");
    let c = root(KeyAlgorithm::Rsa2048, "acmctl Root C");
    let (ha, hb, hc) = (a.hashes(), b.hashes(), c.hashes());
    for alg in HashAlgorithm::ALL {
        let id = ha.cert_id(alg, &[1, 2, 3]);
        assert_eq!(id.issuer_name_hash.len(), alg.output_len());
        assert!(ha.matches(&id));
        assert!(!hb.matches(&id), "same name, another key");
        assert!(!hc.matches(&id));
        assert_eq!(ha.name_hash(alg), hb.name_hash(alg));
        assert_ne!(ha.key_hash(alg), hb.key_hash(alg));
        // A name hash of one authority with the key hash of another.
        let mut mixed = id.clone();
        mixed.issuer_key_hash = hc.key_hash(alg).to_vec();
        assert!(!ha.matches(&mixed) && !hc.matches(&mixed));
    }
    // SHA-1 of the name's DER, as RFC 6960 defines it.
    let der = a.der();
    let (_, cert) = x509_parser::prelude::X509Certificate::from_der(&der).unwrap();
    assert_eq!(ha.name_hash(HashAlgorithm::Sha1), HashAlgorithm::Sha1.digest(cert.subject().as_raw()).as_slice());
    assert!(IssuerHashes::from_pem("not a certificate").is_err());
}

// ---------------------------------------------------------------------------
// Responses: the library alone

#[test]
fn responses_hold_what_was_asked_and_are_signed() {
    let ca = root(KeyAlgorithm::EcPrime256v1, "acmctl Test Root");
    let h = ca.hashes();
    let signer = Signer::authority(&ca.pem, &ca.key).unwrap();
    let t = now();
    let times = ResponseTimes::new(t, Duration::hours(6));
    let revoked_at = t - Duration::days(1);
    let ids = [
        h.cert_id(HashAlgorithm::Sha1, &[1]),
        h.cert_id(HashAlgorithm::Sha256, &[2]),
        h.cert_id(HashAlgorithm::Sha1, &[3]),
    ];
    let answers = [
        (ids[0].clone(), CertStatus::Good),
        (ids[1].clone(), CertStatus::Revoked { time: revoked_at, reason: RevocationReason::KeyCompromise }),
        (ids[2].clone(), CertStatus::Unknown),
    ];
    let der = build_response(&signer, &times, &answers, Some(&[5; 16])).unwrap();
    let basic = parse_basic(&der);
    let tbs = &basic.tbs_response_data;
    assert_eq!(tbs.version, 0);
    assert_eq!(
        tbs.responder_id,
        asn1::ResponderId::ByKey(der::asn1::OctetString::new(h.key_hash(HashAlgorithm::Sha1)).unwrap()),
        "byKey is the SHA-1 of the authority's key, as CertIDs hash it"
    );
    assert_eq!(tbs.produced_at.to_unix_duration().as_secs() as i64, t.unix_timestamp());
    assert_eq!(tbs.responses.len(), 3);
    for (single, id) in tbs.responses.iter().zip(&ids) {
        assert_eq!(single.cert_id, id.to_asn1().unwrap());
        assert_eq!(single.this_update.to_unix_duration().as_secs() as i64, t.unix_timestamp());
        assert_eq!(
            single.next_update.unwrap().to_unix_duration().as_secs() as i64,
            (t + Duration::hours(6)).unix_timestamp()
        );
    }
    assert_eq!(tbs.responses[0].cert_status, asn1::CertStatus::Good(der::asn1::Null));
    match &tbs.responses[1].cert_status {
        asn1::CertStatus::Revoked(info) => {
            assert_eq!(info.revocation_time.to_unix_duration().as_secs() as i64, revoked_at.unix_timestamp());
            assert_eq!(info.revocation_reason, Some(asn1::CrlReason::KeyCompromise));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(tbs.responses[2].cert_status, asn1::CertStatus::Unknown(der::asn1::Null));
    let exts = tbs.response_extensions.as_ref().unwrap();
    assert_eq!(exts.len(), 1);
    assert_eq!(exts[0].extn_value.as_bytes(), [&[0x04, 16][..], &[5; 16]].concat());
    assert!(basic.certs.is_none(), "the authority's own responses carry no certificate");
    // The signature verifies with the authority's key over the DER of tbsResponseData.
    let tbs_der = tbs.to_der().unwrap();
    let der_ca = ca.der();
    let (_, cert) = x509_parser::prelude::X509Certificate::from_der(&der_ca).unwrap();
    let key = aws_lc_rs::signature::UnparsedPublicKey::new(
        &aws_lc_rs::signature::ECDSA_P256_SHA256_ASN1,
        cert.public_key().subject_public_key.data.as_ref(),
    );
    let sig = basic.signature.as_bytes().unwrap();
    key.verify(&tbs_der, sig).expect("the signature verifies");
    let mut tampered = tbs_der.clone();
    *tampered.last_mut().unwrap() ^= 1;
    assert!(key.verify(&tampered, sig).is_err());

    // No nonce asked, none given; an unspecified reason is left out.
    let answers = [(ids[1].clone(), CertStatus::Revoked { time: revoked_at, reason: RevocationReason::Unspecified })];
    let basic = parse_basic(&build_response(&signer, &times, &answers, None).unwrap());
    assert!(basic.tbs_response_data.response_extensions.is_none());
    match &basic.tbs_response_data.responses[0].cert_status {
        asn1::CertStatus::Revoked(info) => assert_eq!(info.revocation_reason, None),
        other => panic!("{other:?}"),
    }
    // byName carries the signer's subject.
    let by_name = Signer::authority(&ca.pem, &ca.key).unwrap().with_responder_id(ResponderIdKind::ByName);
    let basic = parse_basic(&build_response(&by_name, &times, &answers, None).unwrap());
    match basic.tbs_response_data.responder_id {
        asn1::ResponderId::ByName(name) => assert_eq!(name.to_der().unwrap(), cert.subject().as_raw()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_reason_reads_back() {
    let ca = root(KeyAlgorithm::EcPrime256v1, "acmctl Test Root");
    let signer = Signer::authority(&ca.pem, &ca.key).unwrap();
    let times = ResponseTimes::new(now(), Duration::hours(1));
    let id = ca.hashes().cert_id(HashAlgorithm::Sha1, &[9]);
    for reason in RevocationReason::ALL {
        let answers = [(id.clone(), CertStatus::Revoked { time: now(), reason: *reason })];
        let basic = parse_basic(&build_response(&signer, &times, &answers, None).unwrap());
        let asn1::CertStatus::Revoked(info) = &basic.tbs_response_data.responses[0].cert_status else { panic!() };
        let code = info.revocation_reason.map(|r| r as u32);
        let expected = match reason {
            RevocationReason::Unspecified => None,
            RevocationReason::KeyCompromise => Some(1),
            RevocationReason::CertificateAuthorityCompromise => Some(2),
            RevocationReason::AffiliationChanged => Some(3),
            RevocationReason::Superseded => Some(4),
            RevocationReason::CessationOfOperation => Some(5),
            RevocationReason::PrivilegeWithdrawn => Some(9),
            RevocationReason::AACompromise => Some(10),
        };
        assert_eq!(code, expected, "{reason}");
    }
}

#[test]
fn unsuccessful_responses_are_their_status_alone() {
    for (u, code) in [
        (Unsuccessful::MalformedRequest, 1),
        (Unsuccessful::InternalError, 2),
        (Unsuccessful::TryLater, 3),
        (Unsuccessful::SigRequired, 5),
        (Unsuccessful::Unauthorized, 6),
    ] {
        assert_eq!(unsuccessful_response(u), vec![0x30, 0x03, 0x0a, 0x01, code]);
        assert_eq!(Response::unsuccessful(u).status, ResponseStatus::from(u));
    }
}

#[test]
fn the_responder_refuses_what_is_not_its_own() {
    let ca = root(KeyAlgorithm::EcPrime256v1, "acmctl Test Root");
    let other = root(KeyAlgorithm::EcPrime256v1, "acmctl Other Root");
    let signer = Signer::authority(&ca.pem, &ca.key).unwrap();
    let hashes = ca.hashes();
    let responder = Responder { issuer: &hashes, signer: &signer };
    let times = ResponseTimes::new(now(), Duration::hours(1));
    let mine = hashes.cert_id(HashAlgorithm::Sha1, &[1]);
    let theirs = other.hashes().cert_id(HashAlgorithm::Sha1, &[1]);
    let asked = std::cell::RefCell::new(Vec::new());
    let lookup = |id: &CertId| {
        asked.borrow_mut().push(id.serial.clone());
        Ok(CertStatus::Good)
    };

    let r = responder.respond(b"\x30\x00", &times, lookup);
    assert_eq!(r.status, ResponseStatus::MalformedRequest);
    assert_eq!(status_of(&r.der), asn1::ResponseStatus::MalformedRequest);
    let req = OcspRequest { cert_ids: vec![mine.clone(), theirs], nonce: None };
    let r = responder.respond(&req.to_der().unwrap(), &times, lookup);
    assert_eq!(r.status, ResponseStatus::Unauthorized);
    assert_eq!(status_of(&r.der), asn1::ResponseStatus::Unauthorized);
    assert!(asked.borrow().is_empty(), "nothing is looked up for a request that is refused");

    let req = OcspRequest { cert_ids: vec![mine.clone()], nonce: Some(vec![1, 2, 3]) };
    let r = responder.respond(&req.to_der().unwrap(), &times, lookup);
    assert_eq!(r.status, ResponseStatus::Successful);
    assert_eq!(*asked.borrow(), vec![vec![1]]);
    // The store is busy: tryLater, as the lookup says.
    let r = responder.respond_to(&req, &times, |_| Err(Unsuccessful::TryLater));
    assert_eq!((r.status, status_of(&r.der)), (ResponseStatus::TryLater, asn1::ResponseStatus::TryLater));
    // A time that cannot be written: internalError, not a panic.
    let bad_times = ResponseTimes { produced_at: OffsetDateTime::UNIX_EPOCH - Duration::days(1), ..times };
    let r = responder.respond_to(&req, &bad_times, |_| Ok(CertStatus::Good));
    assert_eq!(r.status, ResponseStatus::InternalError);
}

#[test]
fn signers_are_checked() {
    let ca = root(KeyAlgorithm::EcPrime256v1, "acmctl Test Root");
    let other = root(KeyAlgorithm::EcPrime256v1, "acmctl Other Root");
    assert!(Signer::authority(&ca.pem, &other.key).is_err(), "a key that is not the certificate's");
    let (responder_pem, responder_key) = responder(&ca);
    assert!(Signer::delegated(&responder_pem, &responder_key, &ca.pem).unwrap().is_delegated());
    assert!(Signer::delegated(&responder_pem, &responder_key, &other.pem).is_err(), "issued by another authority");
    assert!(Signer::delegated(&responder_pem, &ca.key, &ca.pem).is_err(), "the wrong key");
    let l = leaf(&ca, KeyAlgorithm::EcPrime256v1, false, &["svc.internal"], &Publication::default());
    let leaf_key_err = Signer::delegated(&l.pem, &responder_key, &ca.pem).unwrap_err().to_string();
    assert!(leaf_key_err.contains("key") || leaf_key_err.contains("OCSP"), "{leaf_key_err}");
    // The authority's own certificate is not an OCSP signing delegate.
    assert!(Signer::delegated(&ca.pem, &ca.key, &ca.pem).unwrap_err().to_string().contains("OCSP signing"));
}

// ---------------------------------------------------------------------------
// With openssl

/// An authority (a root, or a subordinate of one), a leaf it issued, the
/// files openssl reads and a request openssl made for the leaf.
struct Scene {
    dir: tempfile::TempDir,
    root: Ca,
    ca: Ca,
    leaf: Leaf,
}

impl Scene {
    fn new(alg: KeyAlgorithm, under_root: bool) -> Scene {
        let dir = tempfile::tempdir().unwrap();
        let root = root(alg, "acmctl Test Root");
        let ca = match under_root {
            true => Ca {
                key: PrivateKey::from_pem(&root.key.to_pem(), alg).unwrap(),
                pem: root.pem.clone(),
                id: root.id.clone(),
            },
            false => subordinate(&root, alg),
        };
        let leaf = leaf(&ca, alg, false, &["svc.internal"], &ca.publication());
        write(dir.path(), "root.pem", &root.pem);
        write(dir.path(), "ca.pem", &ca.pem);
        write(dir.path(), "leaf.pem", &leaf.pem);
        Scene { dir, root, ca, leaf }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `openssl ocsp -issuer ca.pem -cert leaf.pem -reqout NAME`, and what
    /// the library reads of it.
    fn openssl_request(&self, name: &str, extra: &[&str]) -> (Vec<u8>, OcspRequest) {
        // Options before -issuer and -cert: a digest applies to the -cert
        // options after it.
        let mut args = vec!["ocsp"];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["-issuer", "ca.pem", "-cert", "leaf.pem", "-reqout", name]);
        openssl(&args, self.path());
        let der = std::fs::read(self.path().join(name)).unwrap();
        let req = OcspRequest::from_der(&der).unwrap_or_else(|e| panic!("openssl's request {name}: {e}"));
        (der, req)
    }

    /// What openssl makes of a response to the request in `request`, in
    /// two runs that must both say the response verifies: with the request
    /// (`-reqin`), which checks that the nonce is echoed, and printing the
    /// response; then with the leaf (`-cert`, without a nonce of its own),
    /// which finds the leaf's status by its CertID and prints the summary.
    fn openssl_check(&self, request: &str, response: &[u8]) -> (String, String) {
        write(self.path(), "resp.der", response);
        let common =
            ["ocsp", "-respin", "resp.der", "-issuer", "ca.pem", "-CAfile", "root.pem", "-verify_other", "ca.pem"];
        let mut args = common.to_vec();
        args.extend_from_slice(&["-reqin", request, "-resp_text"]);
        let text = openssl(&args, self.path());
        assert!(text.contains("Response verify OK"), "{text}");
        assert!(!text.contains("WARNING") && !text.contains("Nonce Verify error"), "{text}");
        let mut args = common.to_vec();
        args.extend_from_slice(&["-cert", "leaf.pem", "-no_nonce"]);
        let summary = openssl(&args, self.path());
        assert!(summary.contains("Response verify OK"), "{summary}");
        (text, summary)
    }
}

#[test]
fn openssl_requests_are_read() {
    let s = Scene::new(KeyAlgorithm::EcPrime256v1, false);
    let h = s.ca.hashes();
    let (der, req) = s.openssl_request("req.der", &[]);
    assert_eq!(req.cert_ids.len(), 1);
    let id = &req.cert_ids[0];
    assert_eq!(id.hash_algorithm, HashAlgorithm::Sha1, "openssl's default");
    assert!(id.null_parameters);
    assert!(h.matches(id));
    assert!(!s.root.hashes().matches(id), "the root did not issue the leaf");
    assert_eq!(id.serial, s.leaf.serial);
    assert_eq!(req.nonce.as_ref().map(Vec::len), Some(16), "openssl sends a 16-byte nonce");
    // What openssl sends is what the library writes for the same request.
    assert_eq!(req.to_der().unwrap(), der);
    assert_eq!(OcspRequest::from_get_path(&req.to_get_path().unwrap()).unwrap(), req);

    let (der, req) = s.openssl_request("req-nononce.der", &["-no_nonce", "-sha256"]);
    assert_eq!(req.nonce, None);
    assert_eq!(req.cert_ids[0].hash_algorithm, HashAlgorithm::Sha256);
    assert!(h.matches(&req.cert_ids[0]));
    assert_eq!(req.to_der().unwrap(), der);

    // Two certificates in one request.
    let second = leaf(&s.ca, KeyAlgorithm::EcPrime256v1, false, &["two.internal"], &Publication::default());
    write(s.path(), "leaf2.pem", &second.pem);
    let (_, req) = s.openssl_request("req-two.der", &["-issuer", "ca.pem", "-cert", "leaf2.pem"]);
    let serials: Vec<&Vec<u8>> = req.cert_ids.iter().map(|i| &i.serial).collect();
    assert_eq!(serials, vec![&second.serial, &s.leaf.serial]);

    // A request signed by its requestor is read too (the signature is not
    // needed to answer).
    let client_key = PrivateKey::generate(KeyAlgorithm::EcPrime256v1).unwrap();
    let params = crate::pki::profile::leaf_params(&LeafProfile {
        names: &["client.internal".to_string()],
        public: false,
        rsa: false,
        validity: Validity::days_from(now(), 30, None),
        serial: &[0x11; 16],
    })
    .unwrap();
    let client_pem = profile::signed_by(&params, client_key.pair(), &s.ca.pem, &s.ca.key).unwrap();
    write(s.path(), "client.pem", &client_pem);
    write(s.path(), "client.key", client_key.to_pem());
    let (_, req) = s.openssl_request("req-signed.der", &["-signer", "client.pem", "-signkey", "client.key"]);
    assert_eq!(req.cert_ids[0].serial, s.leaf.serial);
}

/// Good, revoked with its time and reason, and unknown, as openssl reads
/// them, with the nonce it sent echoed; by the authority and by a
/// delegated responder; RSA and EC; a root and a subordinate.
#[test]
fn openssl_verifies_responses() {
    let cases = [
        (KeyAlgorithm::EcPrime256v1, true),
        (KeyAlgorithm::EcPrime256v1, false),
        (KeyAlgorithm::Rsa2048, false),
        (KeyAlgorithm::EcSecp384r1, true),
    ];
    for (alg, under_root) in cases {
        let s = Scene::new(alg, under_root);
        let (responder_pem, responder_key) = responder(&s.ca);
        let authority = Signer::authority(&s.ca.pem, &s.ca.key).unwrap();
        let delegated = Signer::delegated(&responder_pem, &responder_key, &s.ca.pem).unwrap();
        let hashes = s.ca.hashes();
        let (_, req) = s.openssl_request("req.der", &[]);
        let (_, req_plain) = s.openssl_request("req-nononce.der", &["-no_nonce"]);
        let revoked_at = now() - Duration::hours(3);
        let statuses = [
            (CertStatus::Good, "leaf.pem: good".to_string()),
            (
                CertStatus::Revoked { time: revoked_at, reason: RevocationReason::KeyCompromise },
                "leaf.pem: revoked".to_string(),
            ),
            (CertStatus::Unknown, "leaf.pem: unknown".to_string()),
        ];
        for signer in [&authority, &delegated] {
            let responder = Responder { issuer: &hashes, signer };
            for (status, expected) in &statuses {
                let what = format!("{alg} under_root={under_root} delegated={} {status:?}", signer.is_delegated());
                for (request, file) in [(&req, "req.der"), (&req_plain, "req-nononce.der")] {
                    let r = responder.respond_to(request, &ResponseTimes::new(now(), Duration::hours(6)), |id| {
                        assert_eq!(id.serial, s.leaf.serial);
                        Ok(*status)
                    });
                    assert_eq!(r.status, ResponseStatus::Successful, "{what}");
                    let (text, summary) = s.openssl_check(file, &r.der);
                    assert!(summary.contains(expected.as_str()), "{what}:\n{summary}");
                    if matches!(status, CertStatus::Revoked { .. }) {
                        assert!(summary.contains("Reason: keyCompromise"), "{what}:\n{summary}");
                        assert!(text.contains("Revocation Reason: keyCompromise (0x1)"), "{what}:\n{text}");
                        let when = openssl_time(revoked_at);
                        assert!(summary.contains(&format!("Revocation Time: {when}")), "{what}: {when}\n{summary}");
                        assert!(text.contains(&format!("Revocation Time: {when}")), "{what}: {when}\n{text}");
                    }
                    assert!(summary.contains("Next Update:"), "{what}:\n{summary}");
                    if request.nonce.is_some() {
                        let nonce =
                            der::asn1::OctetString::new(request.nonce.clone().unwrap()).unwrap().to_der().unwrap();
                        let nonce: String = nonce.iter().map(|b| format!("{b:02X}")).collect();
                        assert!(text.contains(&nonce), "{what}: the nonce is echoed\n{text}");
                    } else {
                        assert!(!text.contains("OCSP Nonce"), "{what}:\n{text}");
                    }
                    if signer.is_delegated() {
                        assert!(text.contains("acmctl OCSP Responder"), "{what}: carries its certificate\n{text}");
                    }
                }
            }
        }
        // A response signed by a key the client does not trust fails.
        let stranger = root(alg, "acmctl Test Root");
        let stranger_signer = Signer::authority(&stranger.pem, &stranger.key).unwrap();
        let der = build_response(
            &stranger_signer,
            &ResponseTimes::new(now(), Duration::hours(1)),
            &[(req.cert_ids[0].clone(), CertStatus::Good)],
            req.nonce.as_deref(),
        )
        .unwrap();
        write(s.path(), "bad.der", &der);
        let (ok, out) = run(
            "openssl",
            &[
                "ocsp", "-respin", "bad.der", "-reqin", "req.der", "-issuer", "ca.pem", "-CAfile", "root.pem", "-cert",
                "leaf.pem",
            ],
            s.path(),
        );
        assert!(!ok || !out.contains("Response verify OK"), "a stranger's signature was accepted:\n{out}");
    }
}

/// A wrong nonce is noticed by openssl: the echo is what makes it pass.
#[test]
fn openssl_notices_a_wrong_nonce() {
    let s = Scene::new(KeyAlgorithm::EcPrime256v1, true);
    let (_, req) = s.openssl_request("req.der", &[]);
    let signer = Signer::authority(&s.ca.pem, &s.ca.key).unwrap();
    let answers = [(req.cert_ids[0].clone(), CertStatus::Good)];
    let der =
        build_response(&signer, &ResponseTimes::new(now(), Duration::hours(1)), &answers, Some(&[0; 16])).unwrap();
    write(s.path(), "resp.der", &der);
    let (_, out) = run(
        "openssl",
        &[
            "ocsp", "-respin", "resp.der", "-reqin", "req.der", "-issuer", "ca.pem", "-CAfile", "root.pem", "-cert",
            "leaf.pem",
        ],
        s.path(),
    );
    assert!(out.contains("Nonce Verify error"), "{out}");
}

/// How `openssl ocsp -resp_text` prints a time: `Mar  4 05:06:07 2026 GMT`.
fn openssl_time(t: OffsetDateTime) -> String {
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!(
        "{} {:>2} {:02}:{:02}:{:02} {} GMT",
        months[t.month() as usize - 1],
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.year()
    )
}

// ---------------------------------------------------------------------------
// With pkilint

#[test]
fn pkilint_finds_no_error_in_responses() {
    for alg in [KeyAlgorithm::EcPrime256v1, KeyAlgorithm::Rsa2048] {
        let s = Scene::new(alg, false);
        let (_, req) = s.openssl_request("req.der", &[]);
        let (responder_pem, responder_key) = responder(&s.ca);
        let authority = Signer::authority(&s.ca.pem, &s.ca.key).unwrap();
        let delegated = Signer::delegated(&responder_pem, &responder_key, &s.ca.pem).unwrap();
        let times = ResponseTimes::new(now(), Duration::hours(6));
        let revoked = CertStatus::Revoked { time: now() - Duration::hours(1), reason: RevocationReason::Superseded };
        for (i, signer) in [&authority, &delegated].into_iter().enumerate() {
            for (j, status) in [CertStatus::Good, revoked, CertStatus::Unknown].into_iter().enumerate() {
                // With and without a nonce, in turn.
                let nonce = req.nonce.as_deref().filter(|_| (i + j) % 2 == 0);
                let der = build_response(signer, &times, &[(req.cert_ids[0].clone(), status)], nonce).unwrap();
                let file = s.path().join(format!("resp-{i}-{j}.der"));
                std::fs::write(&file, &der).unwrap();
                let findings = pkilint("lint_ocsp_response", &[], &file);
                assert!(findings.is_empty(), "{alg} signer {i} {status:?} nonce {nonce:?}: {findings:#?}");
            }
        }
        // The delegated responder's certificate, alone and under its
        // authority.
        let file = s.path().join("responder.pem");
        std::fs::write(&file, &responder_pem).unwrap();
        let findings = pkilint("lint_pkix_cert", &[], &file);
        assert!(findings.is_empty(), "{alg} responder certificate: {findings:#?}");
        let findings =
            pkilint("lint_pkix_signer_signee_cert_chain", &[s.path().join("ca.pem").to_str().unwrap()], &file);
        assert!(findings.is_empty(), "{alg} authority → responder: {findings:#?}");
    }
    let dir = tempfile::tempdir().unwrap();
    for u in [Unsuccessful::MalformedRequest, Unsuccessful::Unauthorized, Unsuccessful::TryLater] {
        let file = dir.path().join("unsuccessful.der");
        std::fs::write(&file, unsuccessful_response(u)).unwrap();
        let findings = pkilint("lint_ocsp_response", &[], &file);
        assert!(findings.is_empty(), "{u:?}: {findings:#?}");
    }
}

/// The linter is listened to: a response whose byKey is not a SHA-1 hash
/// is reported.
#[test]
fn pkilint_reports_a_bad_responder_id() {
    let ca = root(KeyAlgorithm::EcPrime256v1, "acmctl Test Root");
    let signer = Signer::authority(&ca.pem, &ca.key).unwrap();
    let id = ca.hashes().cert_id(HashAlgorithm::Sha1, &[1]);
    let der = build_response(&signer, &ResponseTimes::new(now(), Duration::hours(1)), &[(id, CertStatus::Good)], None)
        .unwrap();
    let mut basic = parse_basic(&der);
    basic.tbs_response_data.responder_id = asn1::ResponderId::ByKey(der::asn1::OctetString::new([7u8; 32]).unwrap());
    let bad = asn1::OcspResponse {
        response_status: asn1::ResponseStatus::Successful,
        response_bytes: Some(asn1::ResponseBytes {
            response_type: der::asn1::ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.1"),
            response: der::asn1::OctetString::new(basic.to_der().unwrap()).unwrap(),
        }),
    }
    .to_der()
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.der");
    std::fs::write(&file, bad).unwrap();
    let findings = pkilint("lint_ocsp_response", &[], &file);
    assert!(findings.iter().any(|f| f.contains("(ERROR)")), "{findings:#?}");
}

#[test]
fn crls_served_as_der_pass_pkilint_and_openssl() {
    for alg in [KeyAlgorithm::EcPrime256v1, KeyAlgorithm::Rsa2048] {
        let s = Scene::new(alg, false);
        let t = now();
        let revoked = [
            profile::RevokedEntry { serial: &s.leaf.serial, revoked_at: t, reason: RevocationReason::KeyCompromise },
            profile::RevokedEntry { serial: &[0x22; 16], revoked_at: t, reason: RevocationReason::Unspecified },
        ];
        for (n, list) in [(1, &revoked[..0]), (2, &revoked[..])] {
            let pem = profile::crl(&s.ca.pem, &s.ca.key, n, t, 7, list).unwrap();
            let der = profile::crl_der(&pem).unwrap();
            let file = s.path().join(format!("ca-{n}.crl"));
            std::fs::write(&file, &der).unwrap();
            for p in ["PKIX", "BR"] {
                let findings = pkilint("lint_crl", &["-t", "CRL", "-p", p, "--document-format", "DER"], &file);
                assert!(findings.is_empty(), "{alg} CRL {n} ({p}): {findings:#?}");
            }
            let name = file.file_name().unwrap().to_str().unwrap();
            let out =
                openssl(&["crl", "-inform", "DER", "-in", name, "-noout", "-text", "-CAfile", "ca.pem"], s.path());
            assert!(out.contains("verify OK"), "{out}");
            // The leaf is refused once its CRL lists it, found through the
            // file the distribution point would serve.
            let crl_pem = openssl(&["crl", "-inform", "DER", "-in", name], s.path());
            write(s.path(), "crl.pem", &crl_pem);
            let (ok, out) = run(
                "openssl",
                &[
                    "verify",
                    "-x509_strict",
                    "-crl_check",
                    "-CAfile",
                    "root.pem",
                    "-untrusted",
                    "ca.pem",
                    "-CRLfile",
                    "crl.pem",
                    "leaf.pem",
                ],
                s.path(),
            );
            if list.is_empty() {
                assert!(ok, "{out}");
            } else {
                assert!(!ok && out.contains("certificate revoked"), "{out}");
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Certificates carrying the publication extensions

#[test]
fn certificates_with_publication_pass_openssl_strict() {
    for alg in [KeyAlgorithm::EcPrime256v1, KeyAlgorithm::Rsa2048] {
        // The subordinate carries its parent's publication; its leaves
        // carry its own, in every combination.
        let s = Scene::new(alg, false);
        let out = openssl(&["verify", "-x509_strict", "-CAfile", "root.pem", "ca.pem"], s.path());
        assert!(out.contains("ca.pem: OK"), "{out}");
        let text = openssl(&["x509", "-in", "ca.pem", "-noout", "-text"], s.path());
        assert!(text.contains(&format!("URI:http://crl.example.com/crl/{}.crl", s.root.id)), "{text}");
        assert!(text.contains("OCSP - URI:http://ocsp.example.com:8080/ocsp"), "{text}");
        let full = s.ca.publication();
        let combos = [
            Publication::default(),
            Publication { ocsp: None, ..full.clone() },
            Publication { crl: None, ..full.clone() },
            Publication { ca_issuers: Some("http://crt.example.com/5ub.cer".into()), ..full.clone() },
            Publication { crl: None, ocsp: None, ca_issuers: Some("http://crt.example.com/5ub.cer".into()) },
        ];
        for (i, p) in combos.iter().enumerate() {
            let l = leaf(&s.ca, alg, false, &["svc.internal", "api.internal"], p);
            let name = write(s.path(), &format!("leaf-{i}.pem"), &l.pem);
            let out = openssl(
                &[
                    "verify",
                    "-x509_strict",
                    "-purpose",
                    "sslserver",
                    "-CAfile",
                    "root.pem",
                    "-untrusted",
                    "ca.pem",
                    &name,
                ],
                s.path(),
            );
            assert!(out.contains(": OK"), "{p:?}: {out}");
            let text = openssl(&["x509", "-in", &name, "-noout", "-ocsp_uri"], s.path());
            assert_eq!(text.trim(), p.ocsp.clone().unwrap_or_default(), "{p:?}");
        }
    }
}

/// The DV profile holds for public leaves with the publication of today
/// (caIssuers and CRL) and with an OCSP responder added.
#[test]
fn public_leaves_with_publication_pass_pkilint_dv() {
    // What tests/public.rs accepts on purpose: the common name, and both
    // key usages on RSA leaves.
    const ACCEPTED: &[&str] = &[
        "cabf.serverauth.dv.common_name_attribute_present (WARNING)",
        "cabf.serverauth.subscriber_rsa_digitalsignature_and_keyencipherment_present (WARNING)",
    ];
    let dir = tempfile::tempdir().unwrap();
    for alg in [KeyAlgorithm::EcPrime256v1, KeyAlgorithm::Rsa2048] {
        let root = root(alg, "acmctl Public Root");
        let key = PrivateKey::generate(alg).unwrap();
        let urls = profile::PublicationUrls {
            ca_issuers: format!("http://crt.us-east-1.acmctl.example.com/{}.cer", root.id),
            crl: format!("http://crl.us-east-1.acmctl.example.com/{}.crl", root.id),
        };
        let params = profile::public_intermediate_params(
            &AuthorityProfile {
                common_name: "acmctl M01",
                organization: "acmctl",
                path_len: Some(0),
                validity: Validity::days_from(now(), 3000, None),
                serial: &crate::pki::serial::random_serial(),
            },
            &urls,
        )
        .unwrap();
        let int_pem = profile::signed_by(&params, key.pair(), &root.pem, &root.key).unwrap();
        let intermediate = Ca { key, pem: int_pem, id: "1a7e".into() };
        let with_ocsp = Publication {
            crl: Some(urls.crl.replace(&root.id, &intermediate.id)),
            ocsp: Some("http://ocsp.us-east-1.acmctl.example.com/ocsp".into()),
            ca_issuers: Some(urls.ca_issuers.replace(&root.id, &intermediate.id)),
        };
        let today = Publication { ocsp: None, ..with_ocsp.clone() };
        for (i, p) in [today, with_ocsp].iter().enumerate() {
            let l = leaf(&intermediate, alg, true, &["www.example.com", "example.com"], p);
            let file = dir.path().join(format!("leaf-{alg}-{i}.pem"));
            std::fs::write(&file, &l.pem).unwrap();
            let findings = pkilint("lint_cabf_serverauth_cert", &["-t", "DV-FINAL-CERTIFICATE"], &file);
            let left: Vec<&String> = findings.iter().filter(|f| !ACCEPTED.iter().any(|a| f.contains(a))).collect();
            assert!(left.is_empty(), "{alg} {p:?}: {findings:#?}");
        }
    }
}

/// The fuzz corpus is requests openssl made (and their GET paths): each is
/// read, so the fuzz target's round trips start from accepted input.
#[test]
fn the_fuzz_corpus_is_read() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/ocsp");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let req = if name.ends_with(".der") {
            OcspRequest::from_der(&data)
        } else {
            OcspRequest::from_get_path(std::str::from_utf8(&data).unwrap())
        };
        let req = req.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!req.cert_ids.is_empty());
        crate::fuzzing::ocsp(&data);
        n += 1;
    }
    assert!(n >= 8, "{n} corpus inputs");
}
