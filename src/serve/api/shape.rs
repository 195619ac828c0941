//! The CLI's JSON (`output::acm`, ACM's shapes with RFC 3339 times) as
//! the API answers it (ACM-API.md §5): what AWS returns and Terraform
//! reads back, so that a second plan changes nothing. Times become epoch
//! seconds and unknown members go later, in `shapes::conform_output`.

use serde_json::{Value, json};
use time::OffsetDateTime;

use crate::model::{
    AuthorityRecord, CertificateRecord, CertificateType, FailureReason, KeyAlgorithm, Summary, ValidationMethod,
};
use crate::output::acm;

/// `RSA-2048`, `EC-prime256v1`: how ACM's responses spell key algorithms
/// (its requests and filters say `RSA_2048`).
pub fn hyphenated(alg: KeyAlgorithm) -> String {
    alg.as_str().replacen('_', "-", 1)
}

/// `C=US, O=acmctl, CN=host` as AWS writes a subject: `C=US,O=acmctl,CN=host`.
/// Only a comma before another attribute is a separator; one inside a
/// value stays with its space.
pub fn compact_dn(dn: &str) -> String {
    let parts: Vec<&str> = dn.split(", ").collect();
    let mut out = String::with_capacity(dn.len());
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            let starts_attribute = part
                .split_once('=')
                .is_some_and(|(k, _)| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '.'));
            out.push_str(if starts_attribute { "," } else { ", " });
        }
        out.push_str(part);
    }
    out
}

/// AWS names the issuer by its organization ("Amazon"); without one, by
/// its common name.
pub fn issuer_name(dn: &str) -> String {
    let compact = compact_dn(dn);
    let attribute = |name: &str| {
        compact.split(',').find_map(|p| p.strip_prefix(name).and_then(|v| v.strip_prefix('='))).map(str::to_string)
    };
    attribute("O").or_else(|| attribute("CN")).unwrap_or(compact)
}

/// ACM's enum spells two of RFC 5280's reasons its own way.
fn acm_revocation_reason(reason: &str) -> &str {
    match reason {
        "CERTIFICATE_AUTHORITY_COMPROMISE" => "CA_COMPROMISE",
        other => other,
    }
}

/// The DomainValidationOptions of a certificate, as AWS gives them: the
/// validation entries of a public certificate, one `{DomainName}` per name
/// of an imported one, none for a private one.
fn domain_validation(rec: &CertificateRecord, cli: &Value) -> Option<Value> {
    match rec.cert_type {
        CertificateType::AmazonIssued => {
            let mut dvo = cli.get("DomainValidationOptions").cloned()?;
            // DNS validation names the domain itself, `*.` and all (the
            // record drops it); EMAIL, the domain whose addresses approve.
            if rec.validation_method == Some(ValidationMethod::Dns) {
                for o in dvo.as_array_mut().into_iter().flatten() {
                    o["ValidationDomain"] = o["DomainName"].clone();
                }
            }
            Some(dvo)
        }
        CertificateType::Imported => {
            Some(Value::Array(rec.subject_alternative_names.iter().map(|n| json!({"DomainName": n})).collect()))
        }
        CertificateType::Private => None,
    }
}

/// DescribeCertificate's `Certificate`.
pub fn certificate_detail(rec: &CertificateRecord, now: OffsetDateTime) -> Value {
    let mut d = acm::certificate_detail(rec, now);
    let dvo = domain_validation(rec, &d);
    let Some(map) = d.as_object_mut() else { return d };
    // Tags are ListTagsForCertificate's; Terraform reads them from there.
    map.remove("Tags");
    if rec.cert_type == CertificateType::AmazonIssued {
        // The region's public authority plays Amazon's CA, which ACM does
        // not name; Terraform would plan a replacement over it.
        map.remove("CertificateAuthorityArn");
    }
    match &dvo {
        Some(v) => map.insert("DomainValidationOptions".into(), v.clone()),
        None => map.remove("DomainValidationOptions"),
    };
    if let Some(summary) = map.get_mut("RenewalSummary").and_then(Value::as_object_mut) {
        // Required in a RenewalSummary, so never left out there.
        summary.insert("DomainValidationOptions".into(), dvo.unwrap_or_else(|| json!([])));
        // ACM's reason is one of its FailureReason codes; acmctl's words
        // about it are not, and the model's enum would not parse them.
        if summary.contains_key("RenewalStatusReason") {
            let code = rec.renewal.as_ref().and_then(|r| r.failure_reason).unwrap_or(FailureReason::Other);
            summary.insert("RenewalStatusReason".into(), json!(code.as_str()));
        }
    }
    map.insert("KeyAlgorithm".into(), json!(hyphenated(rec.key_algorithm)));
    if let Some(subject) = &rec.subject {
        map.insert("Subject".into(), json!(compact_dn(subject)));
    }
    if let Some(issuer) = &rec.issuer {
        map.insert("Issuer".into(), json!(issuer_name(issuer)));
    }
    if let Some(reason) = rec.revocation_reason {
        map.insert("RevocationReason".into(), json!(acm_revocation_reason(reason.as_str())));
    }
    d
}

/// Whether the key of a certificate of this type may be exported: private
/// ones, never imported ones; public ones only when requested exportable,
/// which ListCertificates reads from their records.
pub fn export_option(cert_type: CertificateType) -> &'static str {
    match cert_type {
        CertificateType::Private => "ENABLED",
        _ => "DISABLED",
    }
}

/// ListCertificates' `CertificateSummary`.
pub fn certificate_summary(s: &Summary, now: OffsetDateTime) -> Value {
    let mut v = acm::summary_of(s, now);
    v["KeyAlgorithm"] = json!(hyphenated(s.key_algorithm));
    v["ExportOption"] = json!(export_option(s.cert_type));
    v
}

/// DescribeCertificateAuthority's `CertificateAuthority` (its `Mode`, which
/// the model lacks, is dropped on the way out).
pub fn authority_detail(rec: &AuthorityRecord, now: OffsetDateTime) -> Value {
    acm::authority_detail(rec, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_written_as_aws_writes_them() {
        assert_eq!(hyphenated(KeyAlgorithm::Rsa2048), "RSA-2048");
        assert_eq!(hyphenated(KeyAlgorithm::EcPrime256v1), "EC-prime256v1");
        assert_eq!(compact_dn("C=US, O=acmctl, CN=www.example.com"), "C=US,O=acmctl,CN=www.example.com");
        assert_eq!(compact_dn("O=Acme, Inc., CN=x"), "O=Acme, Inc.,CN=x");
        assert_eq!(issuer_name("C=US, O=acmctl, CN=acmctl RSA 2048 M01"), "acmctl");
        assert_eq!(issuer_name("CN=Only A Name"), "Only A Name");
        assert_eq!(acm_revocation_reason("CERTIFICATE_AUTHORITY_COMPROMISE"), "CA_COMPROMISE");
    }

    #[test]
    fn a_failed_renewal_gives_acms_code_and_a_failed_request_its_reason() {
        use crate::model::{AccountId, CertificateArn, CertificateStatus, FailureReason, RenewalRecord, RenewalStatus};
        let now = OffsetDateTime::UNIX_EPOCH;
        let arn = CertificateArn::new("eu-west-1".parse().unwrap(), "123456789012".parse::<AccountId>().unwrap());
        let mut rec = CertificateRecord::new(
            arn,
            CertificateType::AmazonIssued,
            CertificateStatus::Issued,
            KeyAlgorithm::Rsa2048,
            now,
        );
        let renewal = |reason: Option<FailureReason>| RenewalRecord {
            status: RenewalStatus::Failed,
            reason: Some("the CAA records of example.com forbid issuing".into()),
            failure_reason: reason,
            updated_at: now,
        };
        rec.renewal = Some(renewal(Some(FailureReason::CaaError)));
        let d = certificate_detail(&rec, now);
        assert_eq!(d["RenewalSummary"]["RenewalStatusReason"], "CAA_ERROR", "{d}");
        // Renewals recorded before the code was kept say OTHER.
        rec.renewal = Some(renewal(None));
        assert_eq!(certificate_detail(&rec, now)["RenewalSummary"]["RenewalStatusReason"], "OTHER");
        rec.status = CertificateStatus::Failed;
        rec.failure_reason = Some(FailureReason::InvalidPublicDomain);
        let d = certificate_detail(&rec, now);
        assert_eq!((&d["Status"], &d["FailureReason"]), (&json!("FAILED"), &json!("INVALID_PUBLIC_DOMAIN")), "{d}");
    }
}
