use serde_json::json;

use super::*;
use crate::serve::operation::{AcmOperation, PcaOperation};

const ARN: &str = "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012";

fn acm(op: AcmOperation, input: Value) -> Result<(), ApiError> {
    validate_input(Operation::Acm(op), &input)
}

fn message(r: Result<(), ApiError>) -> (String, String) {
    let e = r.unwrap_err();
    (e.code, e.message)
}

#[test]
fn the_models_hold_exactly_the_operations_serve_knows() {
    for service in Service::ALL {
        let mut ours: Vec<&str> = Operation::all().filter(|op| op.service() == service).map(|op| op.name()).collect();
        ours.sort_unstable();
        assert_eq!(model(service).operation_names(), ours, "{service}");
    }
}

#[test]
fn every_pattern_of_both_models_compiles() {
    for service in Service::ALL {
        for s in model(service).shapes() {
            if let Some(p) = &s.pattern {
                assert!(s.matcher.is_some(), "{service} {}: {p} → {}", s.name, translate_pattern(p));
            }
        }
    }
}

#[test]
fn java_patterns_keep_their_meaning() {
    let re = |p: &str| regex::Regex::new(&translate_pattern(p)).unwrap();
    // \w is ASCII in Java.
    assert!(re(r"\w+").is_match("tf20240101abc_"));
    assert!(!re(r"\w+").is_match("é"));
    assert!(!re(r"\w+").is_match("a b"));
    // Inside a class too, and the whole string must match.
    let arn = re(r"arn:[\w+=/,.@-]+:acm:[\w+=/,.@-]*:[0-9]+:[\w+=,.@-]+(/[\w+=,.@-]+)*");
    assert!(arn.is_match(ARN));
    assert!(!arn.is_match(&format!("{ARN} ")));
    assert!(!arn.is_match(&format!("x{ARN}")));
    // The look-ahead of ACM's domain name pattern, spelled out.
    let domain = re(r"(\*\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])");
    for ok in ["www.example.com", "*.example.com", "a.bc", "x-1.example.com", "a.b-c"] {
        assert!(domain.is_match(ok), "{ok}");
    }
    for bad in [
        "-a.example.com",
        "a.-bc",
        "example",
        "a..com",
        "a-.com",
        "a.c",
        "*.*.example.com",
        &format!("{}.com", "a".repeat(64)),
    ] {
        assert!(!domain.is_match(bad), "{bad}");
    }
    // Unicode classes, as tag values use them.
    let tag = re(r"[\p{L}\p{Z}\p{N}_.:\/=+\-@]*");
    assert!(tag.is_match("Équipe 1 @site:x/y=z+w-"));
    assert!(!tag.is_match("a#b"));
}

#[test]
fn a_missing_member_is_reported_in_coral_s_words() {
    assert_eq!(
        message(acm(AcmOperation::DescribeCertificate, json!({}))),
        ("ValidationException".into(), "1 validation error detected: Value null at 'certificateArn' failed to satisfy constraint: Member must not be null".into())
    );
    let (_, m) = message(acm(AcmOperation::DescribeCertificate, json!({"CertificateArn": null})));
    assert!(m.ends_with("Member must not be null"));
}

#[test]
fn every_constraint_broken_is_listed() {
    let (code, m) = message(acm(AcmOperation::DescribeCertificate, json!({"CertificateArn": "X"})));
    assert_eq!(code, "ValidationException");
    assert_eq!(
        m,
        r"2 validation errors detected: Value 'X' at 'certificateArn' failed to satisfy constraint: Member must have length greater than or equal to 20; Value 'X' at 'certificateArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:[\w+=/,.@-]+:acm:[\w+=/,.@-]*:[0-9]+:[\w+=,.@-]+(/[\w+=,.@-]+)*"
    );
    let (_, m) = message(acm(
        AcmOperation::ListCertificates,
        json!({"MaxItems": 0, "CertificateStatuses": ["ISSUED", "SHINY"]}),
    ));
    assert_eq!(
        m,
        "2 validation errors detected: Value 'SHINY' at 'certificateStatuses.2.member' failed to satisfy constraint: Member must satisfy enum value set: [PENDING_VALIDATION, ISSUED, INACTIVE, EXPIRED, VALIDATION_TIMED_OUT, REVOKED, FAILED]; Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1"
    );
    let (_, m) = message(acm(
        AcmOperation::AddTagsToCertificate,
        json!({"CertificateArn": ARN, "Tags": [{"Key": "team", "Value": "a"}, {"Key": "", "Value": "b#"}]}),
    ));
    assert!(m.starts_with("2 validation errors detected: Value '' at 'tags.2.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1;"), "{m}");
    assert!(m.contains("Value 'b#' at 'tags.2.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern"), "{m}");
}

#[test]
fn sensitive_values_are_never_quoted() {
    let (_, m) = message(acm(AcmOperation::ExportCertificate, json!({"CertificateArn": ARN, "Passphrase": "YWJj"})));
    assert_eq!(
        m,
        "1 validation error detected: Value at 'passphrase' failed to satisfy constraint: Member must have length greater than or equal to 4"
    );
}

#[test]
fn wrong_json_types_are_serialization_errors() {
    for (op, input, expected) in [
        (
            AcmOperation::DescribeCertificate,
            json!({"CertificateArn": 5}),
            "Expected a string at 'certificateArn', found a number.",
        ),
        (
            AcmOperation::ListCertificates,
            json!({"MaxItems": "2"}),
            "Expected an integer (32 bits) at 'maxItems', found a string.",
        ),
        (
            AcmOperation::ListCertificates,
            json!({"MaxItems": 2.5}),
            "Expected an integer (32 bits) at 'maxItems', found a number.",
        ),
        (
            AcmOperation::ListCertificates,
            json!({"MaxItems": 4294967296u64}),
            "Expected an integer (32 bits) at 'maxItems', found a number.",
        ),
        (
            AcmOperation::ListCertificates,
            json!({"CertificateStatuses": "ISSUED"}),
            "Expected a list at 'certificateStatuses', found a string.",
        ),
        (AcmOperation::ListCertificates, json!({"Includes": []}), "Expected a structure at 'includes', found a list."),
        (
            AcmOperation::ListCertificates,
            json!({"CertificateStatuses": [1]}),
            "Expected a string at 'certificateStatuses.1.member', found a number.",
        ),
        (
            AcmOperation::ImportCertificate,
            json!({"Certificate": "not base64!", "PrivateKey": "YQ=="}),
            "Expected base64-encoded data at 'certificate', found text that is not base64.",
        ),
        (
            AcmOperation::RequestCertificate,
            json!({"DomainName": "a.example.com", "Options": {"Export": true}}),
            "Expected a string at 'options.export', found a boolean.",
        ),
    ] {
        assert_eq!(message(acm(op, input.clone())), ("SerializationException".into(), expected.into()), "{input}");
    }
}

#[test]
fn valid_inputs_pass_and_unknown_members_are_ignored() {
    assert!(
        acm(AcmOperation::DescribeCertificate, json!({"CertificateArn": ARN, "SomeNewMember": {"x": [1]}})).is_ok()
    );
    assert!(acm(AcmOperation::ListCertificates, json!({})).is_ok());
    assert!(
        acm(
            AcmOperation::RequestCertificate,
            json!({"DomainName": "*.example.com", "SubjectAlternativeNames": ["example.com"], "ValidationMethod": "DNS",
                   "IdempotencyToken": "tf20240101", "Tags": [{"Key": "Équipe", "Value": "a b"}], "KeyAlgorithm": "EC_prime256v1"})
        )
        .is_ok()
    );
    let pca = json!({"CertificateAuthorityArn": "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012",
                     "Csr": "LS0tLS1CRUdJTg==", "SigningAlgorithm": "SHA256WITHECDSA", "Validity": {"Type": "DAYS", "Value": 30}});
    assert!(validate_input(Operation::Pca(PcaOperation::IssueCertificate), &pca).is_ok());
    let mut bad = pca.clone();
    bad["Validity"]["Type"] = json!("WEEKS");
    let (_, m) = message(validate_input(Operation::Pca(PcaOperation::IssueCertificate), &bad));
    assert!(m.contains("at 'validity.type' failed to satisfy constraint: Member must satisfy enum value set: [END_DATE, ABSOLUTE, DAYS, MONTHS, YEARS]"), "{m}");
}

#[test]
fn outputs_are_fitted_to_the_model() {
    let mut out = json!({
        "Certificate": {
            "CertificateArn": ARN,
            "CreatedAt": "2024-12-04T13:46:40Z",
            "NotAfter": 1733320000,
            "Tags": [{"Key": "a", "Value": "b"}],
            "Serial": null,
            "RenewalSummary": {"RenewalStatus": "SUCCESS", "UpdatedAt": "2024-12-04T13:46:40.5Z"},
            "InUseBy": [],
            "KeyAlgorithm": "RSA-2048"
        }
    });
    conform_output(Operation::Acm(AcmOperation::DescribeCertificate), &mut out);
    assert_eq!(
        out,
        json!({"Certificate": {"CertificateArn": ARN, "CreatedAt": 1733320000, "NotAfter": 1733320000,
               "RenewalSummary": {"RenewalStatus": "SUCCESS", "UpdatedAt": 1733320000.5}, "InUseBy": [], "KeyAlgorithm": "RSA-2048"}})
    );
    let mut list = json!({"CertificateSummaryList": [], "NextToken": ""});
    conform_output(Operation::Acm(AcmOperation::ListCertificates), &mut list);
    assert_eq!(list, json!({"CertificateSummaryList": []}));
    let mut ca = json!({"CertificateAuthority": {"Arn": "x", "Mode": "private", "CreatedAt": "2024-12-04T13:46:40Z"}});
    conform_output(Operation::Pca(PcaOperation::DescribeCertificateAuthority), &mut ca);
    assert_eq!(ca, json!({"CertificateAuthority": {"Arn": "x", "CreatedAt": 1733320000}}));
}
