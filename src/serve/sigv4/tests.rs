//! SigV4 against AWS's published example and against requests really signed
//! by botocore, the aws CLI and the JS SDK v3 (`../testdata/README.md`).

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::*;
use crate::serve::http::{self, Header, Limits};
use crate::serve::operation::Target;

const TESTDATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/serve/testdata");

fn credentials() -> Credentials {
    Credentials::parse(include_str!("../testdata/credentials"), Path::new("testdata/credentials")).unwrap()
}

fn verifier() -> Verifier {
    Verifier::new(credentials())
}

struct Captured {
    name: String,
    request: Request,
    received: SystemTime,
}

fn captured() -> Vec<Captured> {
    let index = std::fs::read_to_string(format!("{TESTDATA}/requests.tsv")).unwrap();
    let mut out = Vec::new();
    for line in index.lines().filter(|l| !l.starts_with('#')) {
        let fields: Vec<&str> = line.split('\t').collect();
        let raw = std::fs::read(format!("{TESTDATA}/{}.http", fields[0])).unwrap();
        let mut parsed = http::parse_all(&raw, Limits::default());
        assert_eq!(parsed.len(), 1, "{}", fields[0]);
        let request = parsed.remove(0).unwrap();
        let received = UNIX_EPOCH + Duration::from_secs(fields[1].parse().unwrap());
        out.push(Captured { name: fields[0].to_string(), request, received });
    }
    assert_eq!(out.len(), 11);
    out
}

fn service_of(request: &Request) -> Option<Service> {
    Target::parse(request.header_str("x-amz-target").unwrap()).service()
}

fn named(name: &str) -> Captured {
    captured().into_iter().find(|c| c.name == name).unwrap()
}

fn set_header(request: &mut Request, name: &str, value: &str) {
    request.headers.retain(|h| h.name != name);
    request.headers.push(Header { name: name.into(), value: value.as_bytes().to_vec() });
}

#[test]
fn aws_published_example_gives_its_canonical_hash_and_signature() {
    // IAM ListUsers, from the SigV4 reference page: a GET with a query.
    let raw = b"GET /?Action=ListUsers&Version=2010-05-08 HTTP/1.1\r\nHost: iam.amazonaws.com\r\n\
        Content-Type: application/x-www-form-urlencoded; charset=utf-8\r\nX-Amz-Date: 20150830T123600Z\r\n\r\n";
    let request = http::parse_all(raw, Limits::default()).remove(0).unwrap();
    let empty = hex(digest::digest(&digest::SHA256, b"").as_ref());
    let canonical = canonical::canonical_request(&request, &["content-type", "host", "x-amz-date"], &empty);
    assert_eq!(
        hex(digest::digest(&digest::SHA256, &canonical).as_ref()),
        "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59"
    );
    let to_sign = string_to_sign("20150830T123600Z", "20150830/us-east-1/iam/aws4_request", &canonical);
    let key = signing_key("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830", "us-east-1", "iam");
    let expected = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
    assert_eq!(hex(hmac::sign(&key, to_sign.as_bytes()).as_ref()), expected);
    assert!(hmac::verify(&key, to_sign.as_bytes(), &unhex(expected).unwrap()).is_ok());
    let mut wrong = unhex(expected).unwrap();
    wrong[31] ^= 1;
    assert!(hmac::verify(&key, to_sign.as_bytes(), &wrong).is_err());
}

#[test]
fn every_request_signed_by_a_real_client_verifies() {
    let v = verifier();
    for c in captured() {
        let verified =
            v.verify(&c.request, service_of(&c.request), c.received).unwrap_or_else(|e| panic!("{}: {e}", c.name));
        let auth = authorization::parse(c.request.header_str("authorization").unwrap(), true).unwrap();
        assert_eq!(verified.region.as_str(), auth.region, "{}", c.name);
        assert_eq!(verified.access_key_id.as_deref(), Some(auth.access_key_id));
    }
}

#[test]
fn repeated_headers_are_joined_and_trimmed_as_botocore_signed_them() {
    let c = named("botocore-sigv4auth-repeated-header");
    let values: Vec<&[u8]> = c.request.headers_named("x-amz-meta-team").collect();
    assert_eq!(values, [&b"platform"[..], b"security   team"]);
    let auth = authorization::parse(c.request.header_str("authorization").unwrap(), true).unwrap();
    let canonical = canonical::canonical_request(&c.request, &auth.signed_headers, "h");
    let text = String::from_utf8(canonical).unwrap();
    assert!(text.contains("\nx-amz-meta-team:platform,security team\n"), "{text}");
    assert!(text.contains("\nhost:127.0.0.1:7480\n"), "the port is part of Host: {text}");
    assert!(verifier().verify(&c.request, Some(Service::Acm), c.received).is_ok());
    // Either value changed, or their order swapped, breaks the signature.
    let mut swapped = c.request.clone();
    let at: Vec<usize> =
        swapped.headers.iter().enumerate().filter(|(_, h)| h.name == "x-amz-meta-team").map(|(i, _)| i).collect();
    swapped.headers.swap(at[0], at[1]);
    let e = verifier().verify(&swapped, Some(Service::Acm), c.received).unwrap_err();
    assert_eq!((e.code, e.message.as_str()), (AuthErrorCode::InvalidSignature, SIGNATURE_MISMATCH));
}

#[test]
fn the_query_and_dot_segments_are_canonicalised_as_botocore_did() {
    let c = named("botocore-sigv4auth-query-and-dot-segments");
    assert_eq!(c.request.target, "/a/./b/../?b=2&a=1%20x&a=0");
    assert!(verifier().verify(&c.request, Some(Service::Acm), c.received).is_ok());
    let mut other_query = c.request.clone();
    other_query.target = "/a/?b=2&a=1%20x".into();
    assert!(verifier().verify(&other_query, Some(Service::Acm), c.received).is_err());
}

#[test]
fn a_body_or_target_changed_after_signing_is_refused() {
    let v = verifier();
    for c in captured() {
        let service = service_of(&c.request);
        let mut body = c.request.clone();
        body.body.push(b' ');
        let e = v.verify(&body, service, c.received).unwrap_err();
        assert_eq!(e.code, AuthErrorCode::InvalidSignature, "{}", c.name);
        let mut target = c.request.clone();
        let other = if service == Some(Service::Acm) {
            "CertificateManager.DeleteCertificate"
        } else {
            "ACMPrivateCA.DeleteCertificateAuthority"
        };
        set_header(&mut target, "x-amz-target", other);
        assert_eq!(v.verify(&target, service, c.received).unwrap_err().message, SIGNATURE_MISMATCH, "{}", c.name);
    }
}

#[test]
fn the_js_sdk_s_payload_hash_header_must_match_the_body() {
    let c = named("js-acm-describe-certificate");
    let mut changed = c.request.clone();
    changed.body = br#"{"CertificateArn":"arn:aws:acm:us-east-1:123456789012:certificate/other"}"#.to_vec();
    let e = verifier().verify(&changed, Some(Service::Acm), c.received).unwrap_err();
    assert_eq!(e.message, "The provided 'x-amz-content-sha256' header does not match what was computed.");
    let mut unsigned = c.request.clone();
    set_header(&mut unsigned, "x-amz-content-sha256", "UNSIGNED-PAYLOAD");
    let e = verifier().verify(&unsigned, Some(Service::Acm), c.received).unwrap_err();
    assert_eq!(e.code, AuthErrorCode::InvalidSignature);
    assert!(e.message.contains("UNSIGNED-PAYLOAD"));
}

#[test]
fn the_clock_may_be_five_minutes_off_and_no_more() {
    let c = named("boto3-acm-describe-certificate");
    let signed_at = parse_date(c.request.header_str("x-amz-date").unwrap(), false).unwrap();
    let signed_at = SystemTime::from(signed_at);
    let v = verifier();
    for ok in [signed_at - Duration::from_secs(300), signed_at + Duration::from_secs(300)] {
        assert!(v.verify(&c.request, Some(Service::Acm), ok).is_ok());
    }
    let late = v.verify(&c.request, Some(Service::Acm), signed_at + Duration::from_secs(301)).unwrap_err();
    assert_eq!(late.code, AuthErrorCode::InvalidSignature);
    assert_eq!(
        late.message,
        "Signature expired: 20261204T164549Z is now earlier than 20261204T164550Z (20261204T165050Z - 5 min.)"
    );
    let early = v.verify(&c.request, Some(Service::Acm), signed_at - Duration::from_secs(360)).unwrap_err();
    assert_eq!(
        early.message,
        "Signature not yet current: 20261204T164549Z is still later than 20261204T164449Z (20261204T163949Z + 5 min.)"
    );
}

#[test]
fn the_scope_must_name_the_target_s_service_and_an_acmctl_region() {
    let c = named("boto3-acm-describe-certificate");
    let e = verifier().verify(&c.request, Some(Service::Pca), c.received).unwrap_err();
    assert_eq!(
        (e.code, e.message.as_str()),
        (AuthErrorCode::InvalidSignature, "Credential should be scoped to correct service: 'acm-pca'.")
    );
    let header = c.request.header_str("authorization").unwrap();
    for (from, to, message) in [
        ("/us-east-1/", "/xx-moon-1/", "Credential should be scoped to a valid region, not 'xx-moon-1'."),
        (
            "/aws4_request",
            "/aws5_request",
            "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'.",
        ),
        (
            "/20261204/",
            "/20261203/",
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20261203' != '20261204', from '20261204T164549Z'.",
        ),
    ] {
        let mut r = c.request.clone();
        set_header(&mut r, "authorization", &header.replacen(from, to, 1));
        let e = verifier().verify(&r, Some(Service::Acm), c.received).unwrap_err();
        assert_eq!((e.code, e.message.as_str()), (AuthErrorCode::InvalidSignature, message));
    }
}

#[test]
fn host_date_target_and_session_token_must_be_signed() {
    let c = named("js-acm-request-certificate");
    let header = c.request.header_str("authorization").unwrap();
    for (drop, message) in [
        ("host;", "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."),
        ("x-amz-date;", "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization."),
        ("x-amz-target;", "'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization."),
        ("x-amz-security-token;", "'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization."),
    ] {
        let mut r = c.request.clone();
        set_header(&mut r, "authorization", &header.replacen(drop, "", 1));
        let e = verifier().verify(&r, Some(Service::Acm), c.received).unwrap_err();
        assert_eq!((e.code, e.message.as_str()), (AuthErrorCode::IncompleteSignature, message), "{drop}");
    }
    let mut bad_date = c.request.clone();
    set_header(&mut bad_date, "x-amz-date", "2026-12-04T16:46:10Z");
    let e = verifier().verify(&bad_date, Some(Service::Acm), c.received).unwrap_err();
    assert_eq!(e.code, AuthErrorCode::IncompleteSignature);
    assert!(e.message.starts_with("Date must be in ISO-8601 'basic format'. Got '2026-12-04T16:46:10Z'."));
}

#[test]
fn unknown_keys_and_wrong_or_missing_session_tokens_are_unrecognized() {
    let c = named("js-acm-request-certificate");
    let mut no_token = c.request.clone();
    no_token.headers.retain(|h| h.name != "x-amz-security-token");
    let header = no_token.header_str("authorization").unwrap().replacen("x-amz-security-token;", "", 1);
    set_header(&mut no_token, "authorization", &header);
    let mut wrong_token = c.request.clone();
    set_header(
        &mut wrong_token,
        "x-amz-security-token",
        "o6D01hdXesR6XA5hrBOvrEkvkxEOS+l6/NVA3UFRQVSdBiKbRwyJeg8xiBCRVxsG",
    );
    let mut token_for_a_plain_key = named("boto3-acm-describe-certificate");
    set_header(&mut token_for_a_plain_key.request, "x-amz-security-token", "t");
    let header = token_for_a_plain_key.request.header_str("authorization").unwrap().replacen(
        "x-amz-target",
        "x-amz-security-token;x-amz-target",
        1,
    );
    set_header(&mut token_for_a_plain_key.request, "authorization", &header);
    let mut unknown = c.request.clone();
    let header =
        c.request.header_str("authorization").unwrap().replacen("ACMCQPXOMNLCS2ZLCT2L", "ACMCAAAAAAAAAAAAAAAA", 1);
    set_header(&mut unknown, "authorization", &header);
    let v = verifier();
    for r in [&no_token, &wrong_token, &token_for_a_plain_key.request, &unknown] {
        let e = v.verify(r, Some(Service::Acm), c.received).unwrap_err();
        assert_eq!((e.code, e.message.as_str()), (AuthErrorCode::UnrecognizedClient, UNRECOGNIZED_CLIENT));
    }
}

#[test]
fn a_wrong_secret_is_a_signature_mismatch() {
    let c = named("awscli-acm-get-certificate");
    let text = "[default]\naws_access_key_id = ACMCJ46ZLKSXHOXCRJDZ\naws_secret_access_key = SOrCt62AHR0v58sEsOPT0pv1Ui2WBmJATUGWSbPu\n";
    let v = Verifier::new(Credentials::parse(text, Path::new("x")).unwrap());
    let e = v.verify(&c.request, Some(Service::Acm), c.received).unwrap_err();
    assert_eq!((e.code, e.message.as_str()), (AuthErrorCode::InvalidSignature, SIGNATURE_MISMATCH));
}

#[test]
fn no_authorization_is_a_missing_token_unless_any_credentials() {
    let mut c = named("boto3-acm-list-certificates");
    c.request.headers.retain(|h| h.name != "authorization");
    let e = verifier().verify(&c.request, Some(Service::Acm), c.received).unwrap_err();
    assert_eq!(
        (e.code, e.message.as_str()),
        (AuthErrorCode::MissingAuthenticationToken, "Missing Authentication Token")
    );
    let any = Verifier::any_credentials(Region::from_str("eu-west-3").unwrap());
    assert!(!any.checks_signatures());
    assert_eq!(any.verify(&c.request, Some(Service::Acm), c.received).unwrap().region.as_str(), "eu-west-3");
    // A signed request gives its scope's region, whatever the key or the
    // clock; a scope that names no region is still refused.
    let signed = named("boto3-acm-list-certificates");
    let far = c.received + Duration::from_secs(86_400);
    assert_eq!(any.verify(&signed.request, Some(Service::Pca), far).unwrap().region.as_str(), "eu-west-2");
    let mut moon = signed.request.clone();
    let header = moon.header_str("authorization").unwrap().replacen("/eu-west-2/", "/xx-moon-1/", 1);
    set_header(&mut moon, "authorization", &header);
    assert_eq!(any.verify(&moon, Some(Service::Acm), far).unwrap_err().code, AuthErrorCode::InvalidSignature);
}

#[test]
fn signing_keys_are_derived_once_per_scope() {
    let v = verifier();
    let mut scopes = std::collections::BTreeSet::new();
    for c in captured() {
        v.verify(&c.request, service_of(&c.request), c.received).unwrap();
        v.verify(&c.request, service_of(&c.request), c.received).unwrap();
        let auth = authorization::parse(c.request.header_str("authorization").unwrap(), true).unwrap();
        scopes.insert((auth.access_key_id.to_string(), auth.region.to_string(), auth.service.to_string()));
    }
    let keys = v.keys.lock().unwrap();
    assert_eq!(scopes.len(), 7);
    assert_eq!(keys.len(), scopes.len(), "{:?}", keys.keys().collect::<Vec<_>>());
}

#[test]
fn dates_in_both_forms_parse() {
    let t = parse_date("20261204T163000Z", false).unwrap();
    assert_eq!(basic(t), "20261204T163000Z");
    assert_eq!(parse_date("Fri, 04 Dec 2026 16:30:00 GMT", true), Some(t));
    assert_eq!(parse_date("Fri, 04 Dec 2026 16:30:00 GMT", false), None);
    for bad in ["20261304T163000Z", "20261204T246000Z", "20261204 163000Z", "2026120T4163000Z", ""] {
        assert_eq!(parse_date(bad, true), None, "{bad}");
    }
}
