//! The operations layer behind serve, called directly with input the
//! model's checks would let through and input they would not: every
//! operation answers, none panics, and nothing but a store failure is a 500.

use std::ffi::OsString;
use std::time::SystemTime;

use serde_json::{Value, json};

use super::OpsApi;
use crate::serve::args::PublicAuthority;
use crate::serve::operation::{Operation, Service};
use crate::serve::protocol::{Api, RequestContext};
use crate::settings::{Env, Settings};
use crate::store::Store;

struct NoEnv;

impl Env for NoEnv {
    fn var(&self, _: &str) -> Option<OsString> {
        None
    }
    fn vars(&self) -> Vec<(OsString, OsString)> {
        Vec::new()
    }
}

fn api(dir: &std::path::Path) -> OpsApi {
    let mut global = crate::cli::GlobalArgs::unset();
    global.store = Some(dir.join("store"));
    let settings = Settings::resolve(&global, &NoEnv).unwrap();
    let store = Store::open(&settings.store).unwrap();
    OpsApi::new(store, settings, PublicAuthority::Require)
}

fn ctx(service: Service) -> RequestContext {
    RequestContext {
        request_id: "00000000-0000-4000-8000-000000000000".into(),
        region: "eu-west-1".parse().unwrap(),
        service,
        access_key_id: None,
        received_at: SystemTime::now(),
    }
}

const MEMBERS: [&str; 12] = [
    "CertificateArn",
    "CertificateAuthorityArn",
    "ResourceArn",
    "DomainName",
    "Certificate",
    "PrivateKey",
    "Passphrase",
    "Csr",
    "CertificateSerial",
    "RevocationReason",
    "Domain",
    "ValidationDomain",
];

#[test]
fn every_operation_answers_odd_input_without_a_fault() {
    let dir = tempfile::tempdir().unwrap();
    let api = api(dir.path());
    let values = [
        json!("arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012"),
        json!("arn:aws:acm:us-west-2:123456789012:certificate/12345678-1234-1234-1234-123456789012"),
        json!("arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012"),
        json!("arn:aws:acm:eu-west-1:123456789012:certificate/NOT-A-UUID"),
        json!("aGVsbG8="),
        json!("*.*.example.com"),
        json!(""),
        json!(12),
        json!(null),
        json!([1, {"a": null}]),
        json!({"Type": "END_DATE", "Value": 99999999999999_i64}),
    ];
    for op in Operation::all().filter(|op| op.supported()) {
        let mut inputs: Vec<Value> = vec![json!({})];
        for v in &values {
            let mut input = serde_json::Map::new();
            for m in MEMBERS {
                input.insert(m.into(), v.clone());
            }
            input.insert("Tags".into(), json!([{"Key": v, "Value": v}]));
            input.insert("Validity".into(), v.clone());
            input.insert("Options".into(), json!({"Export": v}));
            input.insert("NextToken".into(), v.clone());
            inputs.push(Value::Object(input));
        }
        for input in inputs {
            match api.call(&ctx(op.service()), op, input.clone()) {
                Ok(out) => assert!(out.is_object(), "{op}: {out}"),
                Err(e) => assert_eq!(e.status, 400, "{op} with {input}: {e}"),
            }
        }
    }
}

#[test]
fn a_region_without_a_public_authority_refuses_under_require() {
    let dir = tempfile::tempdir().unwrap();
    let api = api(dir.path());
    let op = Operation::Acm(crate::serve::operation::AcmOperation::RequestCertificate);
    let e =
        api.call(&ctx(Service::Acm), op, json!({"DomainName": "example.com", "ValidationMethod": "DNS"})).unwrap_err();
    assert_eq!(e.code, "InvalidParameterException", "{e}");
    assert!(e.message.contains("--public-authority require"), "{e}");
}
