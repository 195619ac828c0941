//! ACM Private CA's lifecycle (`ops::pca`): CreateCertificateAuthority to
//! PENDING_CERTIFICATE with a CSR, GetCertificateAuthorityCsr,
//! IssueCertificate under a template, ImportCertificateAuthorityCertificate
//! to ACTIVE, GetCertificate, and Update/Delete/RestoreCertificateAuthority.

use std::str::FromStr;

use serde_json::{Value, json};
use time::OffsetDateTime;

use super::input::{self, authority_arn, required, str_of};
use crate::error::Error;
use crate::model::{
    AuthorityStatus, AuthorityType, CrlConfiguration, KeyAlgorithm, OcspConfiguration, RevocationConfiguration, Subject,
};
use crate::ops::Scope;
use crate::ops::pca::{self, PcaValidity};
use crate::pki::csr::Template;
use crate::serve::error::ApiError;
use crate::serve::operation::Service;

type Answer = Result<Value, ApiError>;

fn err(e: Error) -> ApiError {
    super::error::api_error(Service::Pca, &e)
}

fn invalid_args(message: impl Into<String>) -> ApiError {
    ApiError::new("InvalidArgsException", message)
}

/// The members of an ASN1Subject acmctl writes; any other is refused, since
/// it would not be in the certificate (nor echoed back).
fn subject(v: &Value) -> Result<Subject, ApiError> {
    const KEPT: [&str; 6] = ["Country", "Organization", "OrganizationalUnit", "State", "Locality", "CommonName"];
    if let Some(other) = v.as_object().and_then(|m| m.keys().find(|k| !KEPT.contains(&k.as_str()))) {
        return Err(invalid_args(format!(
            "Subject.{other} is not supported by acmctl; it writes {} only.",
            KEPT.join(", ")
        )));
    }
    let s = |k: &str| str_of(v, k).map(str::to_string);
    Ok(Subject {
        country: s("Country").map(|c| c.to_ascii_uppercase()),
        organization: s("Organization"),
        organizational_unit: s("OrganizationalUnit"),
        state: s("State"),
        locality: s("Locality"),
        common_name: s("CommonName"),
    })
}

/// RevocationConfiguration as kept and echoed. Members acmctl does not keep
/// (S3ObjectAcl, CrlType, CustomPath) are refused rather than dropped:
/// Terraform would see them vanish and plan a change on every run.
fn revocation(v: Option<&Value>) -> Result<Option<RevocationConfiguration>, ApiError> {
    let Some(v) = v else { return Ok(None) };
    let crl = match v.get("CrlConfiguration") {
        None => None,
        Some(c) => {
            for unkept in ["S3ObjectAcl", "CrlType", "CustomPath"] {
                if c.get(unkept).is_some() {
                    return Err(invalid_args(format!("CrlConfiguration.{unkept} is not supported by acmctl.")));
                }
            }
            Some(CrlConfiguration {
                enabled: c.get("Enabled").and_then(Value::as_bool).unwrap_or(false),
                expiration_in_days: c
                    .get("ExpirationInDays")
                    .and_then(Value::as_u64)
                    .and_then(|d| u32::try_from(d).ok()),
                custom_cname: str_of(c, "CustomCname").map(str::to_string),
                omit_extension: c
                    .pointer("/CrlDistributionPointExtensionConfiguration/OmitExtension")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
                s3_bucket_name: str_of(c, "S3BucketName").map(str::to_string),
            })
        }
    };
    let ocsp = v.get("OcspConfiguration").map(|o| OcspConfiguration {
        enabled: o.get("Enabled").and_then(Value::as_bool).unwrap_or(false),
        custom_cname: str_of(o, "OcspCustomCname").map(str::to_string),
    });
    Ok(Some(RevocationConfiguration { crl, ocsp }))
}

/// acmctl signs with one algorithm per key (SHA-256 for RSA and P-256):
/// an algorithm of another family is refused; the hash is acmctl's.
fn check_signing_family(key: KeyAlgorithm, signing: &str) -> Result<(), ApiError> {
    let ok = if key.is_rsa() { signing.contains("WITHRSA") } else { signing.ends_with("WITHECDSA") };
    if ok { Ok(()) } else { Err(invalid_args(format!("SigningAlgorithm {signing} does not fit a {key} key."))) }
}

pub fn create(scope: &Scope, input: &Value) -> Answer {
    let config = input.get("CertificateAuthorityConfiguration").cloned().unwrap_or(Value::Null);
    let key_text = required(&config, "KeyAlgorithm")?;
    let key_algorithm = KeyAlgorithm::from_str(key_text)
        .map_err(|_| invalid_args(format!("KeyAlgorithm {key_text} is not supported by acmctl.")))?;
    check_signing_family(key_algorithm, required(&config, "SigningAlgorithm")?)?;
    if config.get("CsrExtensions").is_some() {
        return Err(invalid_args("CsrExtensions are not supported by acmctl."));
    }
    input::only_default(input, "KeyStorageSecurityStandard", &["FIPS_140_2_LEVEL_3_OR_HIGHER"])
        .map_err(|e| invalid_args(e.message))?;
    input::only_default(input, "UsageMode", &["GENERAL_PURPOSE"]).map_err(|e| invalid_args(e.message))?;
    let authority_type = match required(input, "CertificateAuthorityType")? {
        "SUBORDINATE" => AuthorityType::Subordinate,
        _ => AuthorityType::Root,
    };
    let create = pca::CreateAuthority {
        authority_type,
        key_algorithm,
        subject: subject(config.get("Subject").unwrap_or(&Value::Null))?,
        revocation: revocation(input.get("RevocationConfiguration"))?,
        tags: input::tags(input, "Tags")?,
        idempotency_token: str_of(input, "IdempotencyToken").map(str::to_string),
    };
    let arn = pca::create(scope, &create).map_err(err)?;
    Ok(json!({"CertificateAuthorityArn": arn.to_string()}))
}

pub fn csr(scope: &Scope, input: &Value) -> Answer {
    let arn = authority_arn(required(input, "CertificateAuthorityArn")?)?;
    Ok(json!({"Csr": pca::csr(scope, &arn).map_err(err)?}))
}

fn pem_text(input: &Value, member: &str) -> Result<Option<String>, ApiError> {
    match input::blob(input, member)? {
        None => Ok(None),
        Some(bytes) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| ApiError::new("MalformedCertificateException", format!("{member} is not PEM text."))),
    }
}

pub fn import_certificate(scope: &Scope, input: &Value) -> Answer {
    let arn = authority_arn(required(input, "CertificateAuthorityArn")?)?;
    let certificate = pem_text(input, "Certificate")?.unwrap_or_default();
    let chain = pem_text(input, "CertificateChain")?.unwrap_or_default();
    pca::import_certificate(scope, &arn, &certificate, &chain).map_err(err)?;
    Ok(json!({}))
}

/// `YYYYMMDDHHMMSS` (END_DATE) as a time.
fn end_date(value: i64) -> Option<OffsetDateTime> {
    let text = value.to_string();
    if text.len() != 14 {
        return None;
    }
    let n = |a: usize, b: usize| text[a..b].parse::<u32>().ok();
    let date = time::Date::from_calendar_date(
        i32::try_from(n(0, 4)?).ok()?,
        time::Month::try_from(u8::try_from(n(4, 6)?).ok()?).ok()?,
        u8::try_from(n(6, 8)?).ok()?,
    )
    .ok()?;
    let clock = time::Time::from_hms(
        u8::try_from(n(8, 10)?).ok()?,
        u8::try_from(n(10, 12)?).ok()?,
        u8::try_from(n(12, 14)?).ok()?,
    )
    .ok()?;
    Some(date.with_time(clock).assume_utc())
}

/// A `Validity` structure: its Type and Value.
fn validity(v: &Value, member: &str) -> Result<PcaValidity, ApiError> {
    let kind = str_of(v, "Type").unwrap_or_default();
    let value = v.get("Value").and_then(Value::as_i64).unwrap_or_default();
    let bad = || invalid_args(format!("{member} {kind} {value} is not a valid time."));
    Ok(match kind {
        "END_DATE" => PcaValidity::Until(end_date(value).ok_or_else(bad)?),
        "ABSOLUTE" => PcaValidity::Until(OffsetDateTime::from_unix_timestamp(value).map_err(|_| bad())?),
        "DAYS" => PcaValidity::Days(value),
        "MONTHS" => PcaValidity::Months(value),
        "YEARS" => PcaValidity::Years(value),
        _ => return Err(bad()),
    })
}

pub fn issue(scope: &Scope, input: &Value) -> Answer {
    let arn = authority_arn(required(input, "CertificateAuthorityArn")?)?;
    if input.get("ApiPassthrough").is_some_and(|p| p.as_object().is_some_and(|m| !m.is_empty())) {
        return Err(invalid_args("ApiPassthrough is not supported by acmctl."));
    }
    let template = match str_of(input, "TemplateArn") {
        None => Template::EndEntity,
        Some(t) => {
            Template::from_arn(t).ok_or_else(|| invalid_args(format!("Template {t} is not supported by acmctl.")))?
        }
    };
    let a = crate::ops::authority::describe(scope, &arn).map_err(err)?;
    check_signing_family(a.key_algorithm, required(input, "SigningAlgorithm")?)?;
    let csr = input::blob(input, "Csr")?.unwrap_or_default();
    let csr_pem =
        String::from_utf8(csr).map_err(|_| ApiError::new("MalformedCSRException", "The CSR is not PEM text."))?;
    let not_before = match input.get("ValidityNotBefore") {
        None => None,
        Some(v) => match validity(v, "ValidityNotBefore")? {
            PcaValidity::Until(t) => Some(t),
            _ => return Err(invalid_args("ValidityNotBefore takes an ABSOLUTE or END_DATE time.")),
        },
    };
    let request = pca::Issue {
        authority: arn,
        csr_pem,
        template,
        validity: validity(input.get("Validity").unwrap_or(&Value::Null), "Validity")?,
        not_before,
        idempotency_token: str_of(input, "IdempotencyToken").map(str::to_string),
    };
    let issued = pca::issue(scope, &request).map_err(err)?;
    Ok(json!({"CertificateArn": issued.arn}))
}

pub fn get_certificate(scope: &Scope, input: &Value) -> Answer {
    let arn = authority_arn(required(input, "CertificateAuthorityArn")?)?;
    let issued = pca::get_certificate(scope, &arn, required(input, "CertificateArn")?).map_err(err)?;
    let mut out = json!({"Certificate": issued.certificate_pem});
    if !issued.chain_pem.is_empty() {
        out["CertificateChain"] = json!(issued.chain_pem);
    }
    Ok(out)
}

pub fn update(scope: &Scope, input: &Value) -> Answer {
    let arn = authority_arn(required(input, "CertificateAuthorityArn")?)?;
    let status = match str_of(input, "Status") {
        None => None,
        Some(s) => Some(AuthorityStatus::from_str(s).map_err(invalid_args)?),
    };
    pca::update(scope, &arn, status, revocation(input.get("RevocationConfiguration"))?).map_err(err)?;
    Ok(json!({}))
}

pub fn delete(scope: &Scope, input: &Value) -> Answer {
    let arn = authority_arn(required(input, "CertificateAuthorityArn")?)?;
    let days = input::int_of(input, "PermanentDeletionTimeInDays").unwrap_or(30);
    pca::delete(scope, &arn, u32::try_from(days).unwrap_or(0)).map_err(err)?;
    Ok(json!({}))
}

pub fn restore(scope: &Scope, input: &Value) -> Answer {
    let arn = authority_arn(required(input, "CertificateAuthorityArn")?)?;
    pca::restore(scope, &arn).map_err(err)?;
    Ok(json!({}))
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn end_dates_are_read_as_utc() {
        assert_eq!(end_date(20301231235959), Some(datetime!(2030-12-31 23:59:59 UTC)));
        assert_eq!(end_date(20301331000000), None);
        assert_eq!(end_date(2030), None);
    }

    #[test]
    fn subjects_keep_what_acmctl_writes_and_refuse_the_rest() {
        let s = subject(&json!({"Country": "us", "CommonName": "Root"})).unwrap();
        assert_eq!((s.country.as_deref(), s.common_name.as_deref()), (Some("US"), Some("Root")));
        assert_eq!(subject(&json!({"Title": "Dr"})).unwrap_err().code, "InvalidArgsException");
        assert!(check_signing_family(KeyAlgorithm::Rsa2048, "SHA256WITHECDSA").is_err());
        assert!(check_signing_family(KeyAlgorithm::EcPrime256v1, "SHA384WITHECDSA").is_ok());
    }
}
