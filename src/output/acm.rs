//! ACM and ACM Private CA response shapes, built from the store's records,
//! so that scripts written against `aws acm` keep working.

use serde_json::{Value, json};
use time::OffsetDateTime;

use crate::clock::rfc3339;
use crate::model::{AuthorityRecord, CertificateRecord, Summary};
use crate::model::{CertificateType, KeyAlgorithm};
use crate::policy::{effective_status, eligibility_of, renewal_eligibility, status_at};

fn time(t: Option<OffsetDateTime>) -> Value {
    t.map(|t| Value::String(rfc3339(t))).unwrap_or(Value::Null)
}

fn key_usages(rec: &CertificateRecord) -> Value {
    key_usages_of(rec.cert_type, rec.version, rec.key_algorithm)
}

fn key_usages_of(cert_type: CertificateType, version: u32, key_algorithm: KeyAlgorithm) -> Value {
    if cert_type == CertificateType::Imported || version == 0 {
        return json!([]);
    }
    let mut names = vec![json!({"Name": "DIGITAL_SIGNATURE"})];
    if key_algorithm.is_rsa() {
        names.push(json!({"Name": "KEY_ENCIPHERMENT"}));
    }
    Value::Array(names)
}

fn extended_key_usages(rec: &CertificateRecord) -> Value {
    extended_key_usages_of(rec.cert_type, rec.version)
}

fn extended_key_usages_of(cert_type: CertificateType, version: u32) -> Value {
    if cert_type == CertificateType::Imported || version == 0 {
        return json!([]);
    }
    let mut names = vec![json!({"Name": "TLS_WEB_SERVER_AUTHENTICATION", "OID": "1.3.6.1.5.5.7.3.1"})];
    if cert_type == CertificateType::Private {
        names.push(json!({"Name": "TLS_WEB_CLIENT_AUTHENTICATION", "OID": "1.3.6.1.5.5.7.3.2"}));
    }
    Value::Array(names)
}

fn domain_validation_options(rec: &CertificateRecord) -> Value {
    Value::Array(
        rec.domain_validation
            .iter()
            .map(|d| {
                let mut o = json!({
                    "DomainName": d.domain_name,
                    "ValidationDomain": d.validation_domain,
                    "ValidationStatus": d.validation_status,
                });
                if let Some(m) = rec.validation_method {
                    o["ValidationMethod"] = json!(m.as_str());
                }
                if let (Some(name), Some(value)) = (&d.resource_record_name, &d.resource_record_value) {
                    o["ResourceRecord"] = json!({"Name": name, "Type": "CNAME", "Value": value});
                }
                if !d.validation_emails.is_empty() {
                    o["ValidationEmails"] = json!(d.validation_emails);
                }
                if let Some(reason) = &d.reason {
                    o["ValidationStatusReason"] = json!(reason);
                }
                if let Some(detail) = &d.detail {
                    o["ValidationDetail"] = json!(detail);
                }
                o
            })
            .collect(),
    )
}

/// `DescribeCertificate`'s `Certificate`.
pub fn certificate_detail(rec: &CertificateRecord, now: OffsetDateTime) -> Value {
    let mut d = json!({
        "CertificateArn": rec.arn.to_string(),
        "DomainName": rec.domain_name,
        "SubjectAlternativeNames": rec.subject_alternative_names,
        "Status": effective_status(rec, now).as_str(),
        "Type": rec.cert_type.as_str(),
        "KeyAlgorithm": rec.key_algorithm.as_str(),
        "CreatedAt": rfc3339(rec.created_at),
        "InUseBy": rec.in_use_by(),
        "RenewalEligibility": renewal_eligibility(rec).as_str(),
        "KeyUsages": key_usages(rec),
        "ExtendedKeyUsages": extended_key_usages(rec),
        "DomainValidationOptions": domain_validation_options(rec),
        "Options": {
            "CertificateTransparencyLoggingPreference": rec.options().certificate_transparency_logging_preference.as_str(),
            "Export": rec.options().export.as_str(),
        },
        "Tags": rec.tags,
    });
    let optional = [
        ("Serial", rec.serial.clone().map(Value::String)),
        ("Subject", rec.subject.clone().map(Value::String)),
        ("Issuer", rec.issuer.clone().map(Value::String)),
        ("SignatureAlgorithm", rec.signature_algorithm.clone().map(Value::String)),
        ("NotBefore", rec.not_before.map(|t| time(Some(t)))),
        ("NotAfter", rec.not_after.map(|t| time(Some(t)))),
        ("IssuedAt", rec.issued_at.map(|t| time(Some(t)))),
        ("ImportedAt", rec.imported_at.map(|t| time(Some(t)))),
        ("RevokedAt", rec.revoked_at.map(|t| time(Some(t)))),
        ("RevocationReason", rec.revocation_reason.map(|r| json!(r.as_str()))),
        ("FailureReason", rec.failure_reason.map(|r| json!(r.as_str()))),
        ("CertificateAuthorityArn", rec.authority.map(|a| json!(a.to_string()))),
        (
            "RenewalSummary",
            rec.renewal.as_ref().map(|r| {
                let mut s = json!({
                    "RenewalStatus": r.status.as_str(),
                    "DomainValidationOptions": domain_validation_options(rec),
                    "UpdatedAt": rfc3339(r.updated_at),
                });
                if let Some(reason) = &r.reason {
                    s["RenewalStatusReason"] = json!(reason);
                }
                s
            }),
        ),
    ];
    for (k, v) in optional {
        if let Some(v) = v {
            d[k] = v;
        }
    }
    d
}

/// `ListCertificates`' `CertificateSummary`.
pub fn certificate_summary(rec: &CertificateRecord, now: OffsetDateTime) -> Value {
    summary_of(&Summary::of(rec), now)
}

/// `ListCertificates`' `CertificateSummary`, from the region index.
pub fn summary_of(s: &Summary, now: OffsetDateTime) -> Value {
    let names =
        |v: Value| v.as_array().map(|a| a.iter().map(|k| k["Name"].clone()).collect::<Vec<_>>()).unwrap_or_default();
    let mut out = json!({
        "CertificateArn": s.arn.to_string(),
        "DomainName": s.domain_name,
        "SubjectAlternativeNameSummaries": s.subject_alternative_names,
        "HasAdditionalSubjectAlternativeNames": false,
        "Status": status_at(s.status, s.not_after, s.created_at, now).as_str(),
        "Type": s.cert_type.as_str(),
        "KeyAlgorithm": s.key_algorithm.as_str(),
        "KeyUsages": names(key_usages_of(s.cert_type, s.version, s.key_algorithm)),
        "ExtendedKeyUsages": names(extended_key_usages_of(s.cert_type, s.version)),
        "InUse": s.in_use,
        "Exported": s.exported,
        "RenewalEligibility": eligibility_of(s.cert_type, s.in_use, s.exported).as_str(),
        "CreatedAt": rfc3339(s.created_at),
    });
    for (k, v) in [
        ("NotBefore", s.not_before),
        ("NotAfter", s.not_after),
        ("IssuedAt", s.issued_at),
        ("ImportedAt", s.imported_at),
        ("RevokedAt", s.revoked_at),
    ] {
        if v.is_some() {
            out[k] = time(v);
        }
    }
    out
}

fn signing_algorithm(alg: KeyAlgorithm) -> &'static str {
    match alg {
        KeyAlgorithm::Rsa2048 | KeyAlgorithm::Rsa3072 | KeyAlgorithm::Rsa4096 => "SHA256WITHRSA",
        KeyAlgorithm::EcPrime256v1 => "SHA256WITHECDSA",
        KeyAlgorithm::EcSecp384r1 => "SHA384WITHECDSA",
        KeyAlgorithm::EcSecp521r1 => "SHA512WITHECDSA",
    }
}

/// `DescribeCertificateAuthority`'s `CertificateAuthority`.
pub fn authority_detail(rec: &AuthorityRecord, now: OffsetDateTime) -> Value {
    let status = crate::policy::authority::effective_status(rec, now);
    let subject = match &rec.subject {
        Some(s) => subject_json(s),
        None => json!({"CommonName": rec.common_name}),
    };
    let mut d = json!({
        "Arn": rec.arn.to_string(),
        "OwnerAccount": rec.arn.account().to_string(),
        "CreatedAt": rfc3339(rec.created_at),
        "LastStateChangeAt": rfc3339(rec.last_state_change_at.unwrap_or(rec.created_at)),
        "Type": rec.authority_type.as_str(),
        "Mode": rec.mode.as_str(),
        "Status": status.as_str(),
        "UsageMode": "GENERAL_PURPOSE",
        "KeyStorageSecurityStandard": "FIPS_140_2_LEVEL_3_OR_HIGHER",
        "CertificateAuthorityConfiguration": {
            "KeyAlgorithm": rec.key_algorithm.as_str(),
            "SigningAlgorithm": signing_algorithm(rec.key_algorithm),
            "Subject": subject,
        },
        "RevocationConfiguration": revocation_json(rec),
    });
    // An authority waiting for its certificate has no serial or validity yet.
    if rec.has_certificate() {
        d["Serial"] = json!(rec.serial);
        d["NotBefore"] = json!(rfc3339(rec.not_before));
        d["NotAfter"] = json!(rfc3339(rec.not_after));
    }
    if let Some(t) = rec.restorable_until {
        d["RestorableUntil"] = json!(rfc3339(t));
    }
    if let Some(p) = rec.parent {
        d["ParentArn"] = json!(p.to_string());
    }
    d
}

fn subject_json(s: &crate::model::Subject) -> Value {
    let mut o = serde_json::Map::new();
    for (k, v) in [
        ("Country", &s.country),
        ("Organization", &s.organization),
        ("OrganizationalUnit", &s.organizational_unit),
        ("State", &s.state),
        ("Locality", &s.locality),
        ("CommonName", &s.common_name),
    ] {
        if let Some(v) = v {
            o.insert(k.into(), json!(v));
        }
    }
    Value::Object(o)
}

/// `RevocationConfiguration` as configured. An authority made by `ca init`
/// without one keeps a CRL (`acmctl ca crl`) that no certificate names.
pub fn revocation_json(rec: &AuthorityRecord) -> Value {
    let Some(r) = &rec.revocation else { return json!({"CrlConfiguration": {"Enabled": true}}) };
    let mut out = json!({});
    if let Some(c) = &r.crl {
        let mut crl = json!({"Enabled": c.enabled});
        if let Some(d) = c.expiration_in_days {
            crl["ExpirationInDays"] = json!(d);
        }
        if let Some(n) = &c.custom_cname {
            crl["CustomCname"] = json!(n);
        }
        if let Some(b) = &c.s3_bucket_name {
            crl["S3BucketName"] = json!(b);
        }
        if c.omit_extension {
            crl["CrlDistributionPointExtensionConfiguration"] = json!({"OmitExtension": true});
        }
        out["CrlConfiguration"] = crl;
    }
    if let Some(o) = &r.ocsp {
        let mut ocsp = json!({"Enabled": o.enabled});
        if let Some(n) = &o.custom_cname {
            ocsp["OcspCustomCname"] = json!(n);
        }
        out["OcspConfiguration"] = ocsp;
    }
    out
}
