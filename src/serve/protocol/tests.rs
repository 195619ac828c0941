//! The protocol with a test double for the operations layer: it records
//! what it was called with and answers what each test scripts.

use std::path::Path;
use std::str::FromStr;
use std::sync::Mutex;
use std::time::{Duration, UNIX_EPOCH};

use serde_json::json;

use super::*;
use crate::serve::credentials::Credentials;
use crate::serve::http::{self, Header, Limits};
use crate::serve::operation::AcmOperation;

type Script = Box<dyn Fn(Operation, &Value) -> Result<Value, ApiError> + Send + Sync>;

struct Double {
    calls: Mutex<Vec<(RequestContext, Operation, Value)>>,
    script: Script,
}

impl Api for Double {
    fn call(&self, ctx: &RequestContext, op: Operation, input: Value) -> Result<Value, ApiError> {
        let out = (self.script)(op, &input);
        self.calls.lock().unwrap().push((ctx.clone(), op, input));
        out
    }

    fn get(&self, path: &str, query: &str) -> Option<Response> {
        (path == "/acmctl/approve").then(|| Response::text(200, &format!("approved {query}")))
    }

    fn post(&self, path: &str, body: &[u8]) -> Option<Response> {
        (path == "/ocsp").then(|| Response::new(200, "application/ocsp-response", body.to_vec()))
    }
}

fn double(script: impl Fn(Operation, &Value) -> Result<Value, ApiError> + Send + Sync + 'static) -> Double {
    Double { calls: Mutex::new(Vec::new()), script: Box::new(script) }
}

fn any(api: Double) -> Handler<Double> {
    Handler::new(api, Verifier::any_credentials(Region::from_str("us-east-1").unwrap()))
}

fn strict(api: Double) -> Handler<Double> {
    let creds = Credentials::parse(include_str!("../testdata/credentials"), Path::new("credentials")).unwrap();
    Handler::new(api, Verifier::new(creds))
}

fn post(target: &str, body: &str) -> Request {
    let raw = format!(
        "POST / HTTP/1.1\r\nHost: 127.0.0.1:7480\r\nX-Amz-Target: {target}\r\nContent-Type: {CONTENT_TYPE}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    http::parse_all(raw.as_bytes(), Limits::default()).remove(0).unwrap()
}

fn json_body(r: &Response) -> Value {
    serde_json::from_slice(&r.body).unwrap()
}

fn error_of(h: &Handled) -> (u16, String, String) {
    let body = json_body(&h.response);
    assert_eq!(body.as_object().unwrap().len(), 2, "{body}");
    (h.response.status, body["__type"].as_str().unwrap().into(), body["message"].as_str().unwrap().into())
}

const ARN: &str = "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012";

#[test]
fn a_real_signed_request_reaches_the_api_and_its_answer_is_fitted() {
    let handler = strict(double(|_, _| {
        Ok(
            json!({"Certificate": {"CertificateArn": ARN, "CreatedAt": "2024-12-04T13:46:40Z", "Tags": [], "Serial": null}}),
        )
    }));
    let raw =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/src/serve/testdata/js-acm-describe-certificate.http"))
            .unwrap();
    let request = http::parse_all(&raw, Limits::default()).remove(0).unwrap();
    let h = handler.handle(&request, UNIX_EPOCH + Duration::from_secs(1_796_402_770));
    assert_eq!(h.response.status, 200, "{}", String::from_utf8_lossy(&h.response.body));
    assert_eq!(h.response.header("Content-Type"), Some(CONTENT_TYPE));
    assert_eq!(json_body(&h.response), json!({"Certificate": {"CertificateArn": ARN, "CreatedAt": 1733320000}}));
    let id = h.response.header("x-amzn-RequestId").unwrap();
    assert!(uuid::Uuid::parse_str(id).is_ok());
    let calls = handler.api.calls.lock().unwrap();
    let (ctx, op, input) = &calls[0];
    assert_eq!(*op, Operation::Acm(AcmOperation::DescribeCertificate));
    assert_eq!(input, &json!({"CertificateArn": ARN}));
    assert_eq!((ctx.region.as_str(), ctx.service, ctx.request_id.as_str()), ("us-east-1", Service::Acm, id));
    assert_eq!(ctx.access_key_id.as_deref(), Some("ACMCJ46ZLKSXHOXCRJDZ"));
    assert_eq!((h.record.status, h.record.operation.as_str()), (200, "CertificateManager.DescribeCertificate"));
    assert_eq!(h.record.region.map(|r| r.as_str()), Some("us-east-1"));
}

#[test]
fn auth_failures_are_400s_and_never_reach_the_api() {
    let handler = strict(double(|_, _| Ok(json!({}))));
    let raw =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/src/serve/testdata/boto3-acm-describe-certificate.http"))
            .unwrap();
    let mut request = http::parse_all(&raw, Limits::default()).remove(0).unwrap();
    let late = UNIX_EPOCH + Duration::from_secs(1_796_402_749 + 600);
    let (status, code, message) = error_of(&handler.handle(&request, late));
    assert_eq!((status, code.as_str()), (400, "InvalidSignatureException"));
    assert!(message.starts_with("Signature expired: "), "{message}");
    request.headers.retain(|h| h.name != "authorization");
    let h = handler.handle(&request, late);
    assert_eq!(
        error_of(&h),
        (400, "MissingAuthenticationTokenException".into(), "Missing Authentication Token".into())
    );
    assert_eq!(h.record.error_code.as_deref(), Some("MissingAuthenticationTokenException"));
    assert!(handler.api.calls.lock().unwrap().is_empty());
}

#[test]
fn unknown_and_unsupported_targets_are_refused_by_name() {
    let handler = any(double(|_, _| Ok(json!({}))));
    for (target, code, message) in [
        (
            "CertificateManager.SearchCertificates",
            "UnsupportedOperationException",
            "acmctl serve does not implement SearchCertificates",
        ),
        ("ACMPrivateCA.PutPolicy", "UnsupportedOperationException", "acmctl serve does not implement PutPolicy"),
        (
            "CertificateManager.IssueCertificate",
            "UnknownOperationException",
            "Unknown operation: 'CertificateManager.IssueCertificate'.",
        ),
        ("Route53.ListHostedZones", "UnknownOperationException", "Unknown operation: 'Route53.ListHostedZones'."),
    ] {
        assert_eq!(
            error_of(&handler.handle(&post(target, "{}"), SystemTime::now())),
            (400, code.into(), message.into())
        );
    }
    let mut no_target = post("x", "{}");
    no_target.headers.retain(|h| h.name != "x-amz-target");
    assert_eq!(error_of(&handler.handle(&no_target, SystemTime::now())).1, "UnknownOperationException");
    assert!(handler.api.calls.lock().unwrap().is_empty());
}

#[test]
fn bodies_that_are_not_json_objects_are_serialization_errors() {
    let handler = any(double(|_, _| Ok(json!({}))));
    for body in ["{", "not json", "[]", "\"x\"", "{\"CertificateArn\": \"a\",}", "\u{0}"] {
        let h = handler.handle(&post("CertificateManager.DescribeCertificate", body), SystemTime::now());
        assert_eq!(error_of(&h).1, "SerializationException", "{body:?}");
    }
    // Nested far deeper than any model: refused, not a stack overflow.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let h = handler
        .handle(&post("CertificateManager.ListCertificates", &format!("{{\"Includes\": {deep}}}")), SystemTime::now());
    assert_eq!(error_of(&h).1, "SerializationException");
    // No body at all is `{}`.
    handler.handle(&post("CertificateManager.ListCertificates", ""), SystemTime::now());
    assert_eq!(handler.api.calls.lock().unwrap()[0].2, json!({}));
}

#[test]
fn model_violations_are_validation_errors() {
    let handler = any(double(|_, _| Ok(json!({}))));
    let h = handler.handle(&post("CertificateManager.DescribeCertificate", "{}"), SystemTime::now());
    assert_eq!(
        error_of(&h),
        (
            400,
            "ValidationException".into(),
            "1 validation error detected: Value null at 'certificateArn' failed to satisfy constraint: Member must not be null".into()
        )
    );
    assert!(handler.api.calls.lock().unwrap().is_empty());
}

#[test]
fn api_errors_keep_their_type_status_and_rule() {
    let handler = any(double(|_, _| {
        Err(ApiError::new(
            "ResourceNotFoundException",
            "Certificate lives in eu-west-1 [acmctl rule regional-resource: …]",
        )
        .with_rule("regional-resource"))
    }));
    let body = format!("{{\"CertificateArn\": \"{ARN}\"}}");
    let h = handler.handle(&post("CertificateManager.GetCertificate", &body), SystemTime::now());
    assert_eq!(error_of(&h).1, "ResourceNotFoundException");
    assert_eq!(h.response.header("x-acmctl-rule"), Some("regional-resource"));
    assert_eq!(h.record.rule.as_deref(), Some("regional-resource"));
}

#[test]
fn a_panicking_operation_is_a_500_for_that_request_only() {
    let handler = any(double(|op, _| {
        if op == Operation::Acm(AcmOperation::DeleteCertificate) {
            panic!("a bug in the operations layer");
        }
        Ok(json!({"CertificateArn": ARN}))
    }));
    let body = format!("{{\"CertificateArn\": \"{ARN}\"}}");
    let h = handler.handle(&post("CertificateManager.DeleteCertificate", &body), SystemTime::now());
    let (status, code, message) = error_of(&h);
    assert_eq!((status, code.as_str()), (500, "InternalServerException"));
    assert!(message.contains(h.response.header("x-amzn-RequestId").unwrap()));
    let ok = handler.handle(&post("CertificateManager.RenewCertificate", &body), SystemTime::now());
    assert_eq!(ok.response.status, 200);
    assert_eq!(json_body(&ok.response), json!({}), "RenewCertificate has no output members");
}

#[test]
fn other_routes_get_plain_answers() {
    let handler = any(double(|_, _| Ok(json!({}))));
    let raw = b"POST /service/ACMPrivateCA/operation/GetCertificate HTTP/1.1\r\nContent-Type: application/cbor\r\n\r\n";
    let cbor = http::parse_all(raw, Limits::default()).remove(0).unwrap();
    let h = handler.handle(&cbor, SystemTime::now());
    assert_eq!(h.response.status, 404);
    assert!(String::from_utf8_lossy(&h.response.body).contains("rpcv2Cbor"));
    let get = |target: &str| {
        let raw = format!("GET {target} HTTP/1.1\r\nHost: x\r\n\r\n");
        handler.handle(&http::parse_all(raw.as_bytes(), Limits::default()).remove(0).unwrap(), SystemTime::now())
    };
    assert_eq!(get("/").response.status, 405);
    assert_eq!(get("/").response.header("Allow"), Some("POST"));
    assert_eq!(get("/nothing").response.status, 404);
    let approve = get("/acmctl/approve?arn=a&token=t");
    assert_eq!((approve.response.status, approve.response.body.as_slice()), (200, &b"approved arn=a&token=t\n"[..]));
    let mut other = post("CertificateManager.ListCertificates", "{}");
    other.target = "/x".into();
    other.headers.push(Header { name: "x".into(), value: vec![] });
    assert_eq!(handler.handle(&other, SystemTime::now()).response.status, 404);
    // Unsigned POST routes other than `/` go to `Api::post`, and are logged.
    let raw = b"POST /ocsp HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc";
    let h = handler.handle(&http::parse_all(raw, Limits::default()).remove(0).unwrap(), SystemTime::now());
    assert_eq!((h.response.status, h.response.body.as_slice()), (200, &b"abc"[..]));
    assert_eq!(h.record.operation, "POST /ocsp");
    assert_eq!(h.record.status, 200);
}

#[test]
fn unsigned_routes_leave_the_api_signed() {
    // With real credentials, a POST / without a signature is still refused,
    // while POST /ocsp needs none.
    let handler = strict(double(|_, _| Ok(json!({}))));
    let unsigned = handler.handle(&post("CertificateManager.ListCertificates", "{}"), SystemTime::now());
    assert!((400..500).contains(&unsigned.response.status));
    let raw = b"POST /ocsp HTTP/1.1\r\nContent-Length: 0\r\n\r\n";
    let h = handler.handle(&http::parse_all(raw, Limits::default()).remove(0).unwrap(), SystemTime::now());
    assert_eq!(h.response.status, 200);
}
