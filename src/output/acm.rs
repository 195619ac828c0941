//! ACM and ACM Private CA response shapes, built from the store's records,
//! so that scripts written against `aws acm` keep working.
//!
//! Each shape is a struct, so that a member's name is checked by the
//! compiler. Members are declared in the byte order of their names: the
//! JSON printed before these structs came from `serde_json::Value` maps,
//! which print their keys sorted, and scripts may compare the bytes. The
//! tests below hold every shape to that order.

use serde::Serialize;
use serde_json::Value;
use time::OffsetDateTime;

use crate::clock::rfc3339;
use crate::model::{AuthorityRecord, CertificateRecord, DomainValidation, Summary, Tag};
use crate::model::{CertificateType, KeyAlgorithm};
use crate::policy::{effective_status, eligibility_of, renewal_eligibility, status_at};

/// `KeyUsage` and `ExtendedKeyUsage`: a name, and for extended ones the OID.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
pub struct Usage {
    pub name: &'static str,
    #[serde(rename = "OID", skip_serializing_if = "Option::is_none")]
    pub oid: Option<&'static str>,
}

fn key_usages_of(cert_type: CertificateType, version: u32, key_algorithm: KeyAlgorithm) -> Vec<Usage> {
    if cert_type == CertificateType::Imported || version == 0 {
        return Vec::new();
    }
    let mut names = vec![Usage { name: "DIGITAL_SIGNATURE", oid: None }];
    if key_algorithm.is_rsa() {
        names.push(Usage { name: "KEY_ENCIPHERMENT", oid: None });
    }
    names
}

fn extended_key_usages_of(cert_type: CertificateType, version: u32) -> Vec<Usage> {
    if cert_type == CertificateType::Imported || version == 0 {
        return Vec::new();
    }
    let mut names = vec![Usage { name: "TLS_WEB_SERVER_AUTHENTICATION", oid: Some("1.3.6.1.5.5.7.3.1") }];
    if cert_type == CertificateType::Private {
        names.push(Usage { name: "TLS_WEB_CLIENT_AUTHENTICATION", oid: Some("1.3.6.1.5.5.7.3.2") });
    }
    names
}

/// `ResourceRecord`: the CNAME that DNS validation looks for.
#[derive(Serialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct ResourceRecord<'a> {
    pub name: &'a str,
    #[serde(rename = "Type")]
    pub record_type: &'static str,
    pub value: &'a str,
}

/// `DomainValidation`: one name's validation.
#[derive(Serialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct DomainValidationOption<'a> {
    pub domain_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_record: Option<ResourceRecord<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validation_detail: Option<&'a str>,
    pub validation_domain: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub validation_emails: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validation_method: Option<&'static str>,
    pub validation_status: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validation_status_reason: Option<&'a str>,
}

fn domain_validation_options(rec: &CertificateRecord) -> Vec<DomainValidationOption<'_>> {
    rec.domain_validation.iter().map(|d| domain_validation_option(rec, d)).collect()
}

fn domain_validation_option<'a>(rec: &CertificateRecord, d: &'a DomainValidation) -> DomainValidationOption<'a> {
    DomainValidationOption {
        domain_name: &d.domain_name,
        resource_record: match (&d.resource_record_name, &d.resource_record_value) {
            (Some(name), Some(value)) => Some(ResourceRecord { name, record_type: "CNAME", value }),
            _ => None,
        },
        validation_detail: d.detail.as_deref(),
        validation_domain: &d.validation_domain,
        validation_emails: &d.validation_emails,
        validation_method: rec.validation_method.map(|m| m.as_str()),
        validation_status: &d.validation_status,
        validation_status_reason: d.reason.as_deref(),
    }
}

/// `CertificateOptions`.
#[derive(Serialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct CertificateOptions {
    pub certificate_transparency_logging_preference: &'static str,
    pub export: &'static str,
}

/// `RenewalSummary`: how the last managed renewal went.
#[derive(Serialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct RenewalSummary<'a> {
    pub domain_validation_options: Vec<DomainValidationOption<'a>>,
    pub renewal_status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renewal_status_reason: Option<&'a str>,
    pub updated_at: String,
}

/// `DescribeCertificate`'s `Certificate`.
#[derive(Serialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct CertificateDetail<'a> {
    pub certificate_arn: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate_authority_arn: Option<String>,
    pub created_at: String,
    pub domain_name: &'a str,
    pub domain_validation_options: Vec<DomainValidationOption<'a>>,
    pub extended_key_usages: Vec<Usage>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure_reason: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub imported_at: Option<String>,
    pub in_use_by: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issued_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<&'a str>,
    pub key_algorithm: &'static str,
    pub key_usages: Vec<Usage>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_after: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_before: Option<String>,
    pub options: CertificateOptions,
    pub renewal_eligibility: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renewal_summary: Option<RenewalSummary<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revocation_reason: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serial: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature_algorithm: Option<&'a str>,
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<&'a str>,
    pub subject_alternative_names: &'a [String],
    pub tags: &'a [Tag],
    #[serde(rename = "Type")]
    pub cert_type: &'static str,
}

impl<'a> CertificateDetail<'a> {
    pub fn of(rec: &'a CertificateRecord, now: OffsetDateTime) -> Self {
        let options = rec.options();
        CertificateDetail {
            certificate_arn: rec.arn.to_string(),
            certificate_authority_arn: rec.authority.map(|a| a.to_string()),
            created_at: rfc3339(rec.created_at),
            domain_name: &rec.domain_name,
            domain_validation_options: domain_validation_options(rec),
            extended_key_usages: extended_key_usages_of(rec.cert_type, rec.version),
            failure_reason: rec.failure_reason.map(|r| r.as_str()),
            imported_at: rec.imported_at.map(rfc3339),
            in_use_by: rec.in_use_by(),
            issued_at: rec.issued_at.map(rfc3339),
            issuer: rec.issuer.as_deref(),
            key_algorithm: rec.key_algorithm.as_str(),
            key_usages: key_usages_of(rec.cert_type, rec.version, rec.key_algorithm),
            not_after: rec.not_after.map(rfc3339),
            not_before: rec.not_before.map(rfc3339),
            options: CertificateOptions {
                certificate_transparency_logging_preference: options
                    .certificate_transparency_logging_preference
                    .as_str(),
                export: options.export.as_str(),
            },
            renewal_eligibility: renewal_eligibility(rec).as_str(),
            renewal_summary: rec.renewal.as_ref().map(|r| RenewalSummary {
                domain_validation_options: domain_validation_options(rec),
                renewal_status: r.status.as_str(),
                renewal_status_reason: r.reason.as_deref(),
                updated_at: rfc3339(r.updated_at),
            }),
            revocation_reason: rec.revocation_reason.map(|r| r.as_str()),
            revoked_at: rec.revoked_at.map(rfc3339),
            serial: rec.serial.as_deref(),
            signature_algorithm: rec.signature_algorithm.as_deref(),
            status: effective_status(rec, now).as_str(),
            subject: rec.subject.as_deref(),
            subject_alternative_names: &rec.subject_alternative_names,
            tags: &rec.tags,
            cert_type: rec.cert_type.as_str(),
        }
    }
}

/// `DescribeCertificate`'s `Certificate`, as a value that serve's shapes
/// edit further.
pub fn certificate_detail(rec: &CertificateRecord, now: OffsetDateTime) -> Value {
    to_value(&CertificateDetail::of(rec, now))
}

/// `ListCertificates`' `CertificateSummary`.
#[derive(Serialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct CertificateSummary<'a> {
    pub certificate_arn: String,
    pub created_at: String,
    pub domain_name: &'a str,
    pub exported: bool,
    pub extended_key_usages: Vec<&'static str>,
    pub has_additional_subject_alternative_names: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub imported_at: Option<String>,
    pub in_use: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issued_at: Option<String>,
    pub key_algorithm: &'static str,
    pub key_usages: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_after: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_before: Option<String>,
    pub renewal_eligibility: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<String>,
    pub status: &'static str,
    pub subject_alternative_name_summaries: &'a [String],
    #[serde(rename = "Type")]
    pub cert_type: &'static str,
}

impl<'a> CertificateSummary<'a> {
    /// From the region index.
    pub fn of(s: &'a Summary, now: OffsetDateTime) -> Self {
        let names = |usages: Vec<Usage>| usages.into_iter().map(|u| u.name).collect();
        CertificateSummary {
            certificate_arn: s.arn.to_string(),
            created_at: rfc3339(s.created_at),
            domain_name: &s.domain_name,
            exported: s.exported,
            extended_key_usages: names(extended_key_usages_of(s.cert_type, s.version)),
            has_additional_subject_alternative_names: false,
            imported_at: s.imported_at.map(rfc3339),
            in_use: s.in_use,
            issued_at: s.issued_at.map(rfc3339),
            key_algorithm: s.key_algorithm.as_str(),
            key_usages: names(key_usages_of(s.cert_type, s.version, s.key_algorithm)),
            not_after: s.not_after.map(rfc3339),
            not_before: s.not_before.map(rfc3339),
            renewal_eligibility: eligibility_of(s.cert_type, s.in_use, s.exported).as_str(),
            revoked_at: s.revoked_at.map(rfc3339),
            status: status_at(s.status, s.not_after, s.created_at, now).as_str(),
            subject_alternative_name_summaries: &s.subject_alternative_names,
            cert_type: s.cert_type.as_str(),
        }
    }
}

/// `ListCertificates`' `CertificateSummary`, from the region index, as a
/// value that serve's shapes edit further.
pub fn summary_of(s: &Summary, now: OffsetDateTime) -> Value {
    to_value(&CertificateSummary::of(s, now))
}

fn signing_algorithm(alg: KeyAlgorithm) -> &'static str {
    match alg {
        KeyAlgorithm::Rsa2048 | KeyAlgorithm::Rsa3072 | KeyAlgorithm::Rsa4096 => "SHA256WITHRSA",
        KeyAlgorithm::EcPrime256v1 => "SHA256WITHECDSA",
        KeyAlgorithm::EcSecp384r1 => "SHA384WITHECDSA",
        KeyAlgorithm::EcSecp521r1 => "SHA512WITHECDSA",
    }
}

/// `ASN1Subject`: the attributes given, and only those.
#[derive(Serialize, Debug, Default)]
#[serde(rename_all = "PascalCase")]
pub struct AuthoritySubject<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub common_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locality: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organizational_unit: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<&'a str>,
}

/// `CertificateAuthorityConfiguration`.
#[derive(Serialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct AuthorityConfiguration<'a> {
    pub key_algorithm: &'static str,
    pub signing_algorithm: &'static str,
    pub subject: AuthoritySubject<'a>,
}

/// `DescribeCertificateAuthority`'s `CertificateAuthority`.
#[derive(Serialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct AuthorityDetail<'a> {
    pub arn: String,
    pub certificate_authority_configuration: AuthorityConfiguration<'a>,
    pub created_at: String,
    pub key_storage_security_standard: &'static str,
    pub last_state_change_at: String,
    pub mode: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_after: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_before: Option<String>,
    pub owner_account: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_arn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restorable_until: Option<String>,
    pub revocation_configuration: RevocationConfiguration<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serial: Option<&'a str>,
    pub status: &'static str,
    #[serde(rename = "Type")]
    pub authority_type: &'static str,
    pub usage_mode: &'static str,
}

impl<'a> AuthorityDetail<'a> {
    pub fn of(rec: &'a AuthorityRecord, now: OffsetDateTime) -> Self {
        let subject = match &rec.subject {
            Some(s) => AuthoritySubject {
                common_name: s.common_name.as_deref(),
                country: s.country.as_deref(),
                locality: s.locality.as_deref(),
                organization: s.organization.as_deref(),
                organizational_unit: s.organizational_unit.as_deref(),
                state: s.state.as_deref(),
            },
            None => AuthoritySubject { common_name: Some(&rec.common_name), ..AuthoritySubject::default() },
        };
        // An authority waiting for its certificate has no serial or validity yet.
        let has_certificate = rec.has_certificate();
        AuthorityDetail {
            arn: rec.arn.to_string(),
            certificate_authority_configuration: AuthorityConfiguration {
                key_algorithm: rec.key_algorithm.as_str(),
                signing_algorithm: signing_algorithm(rec.key_algorithm),
                subject,
            },
            created_at: rfc3339(rec.created_at),
            key_storage_security_standard: "FIPS_140_2_LEVEL_3_OR_HIGHER",
            last_state_change_at: rfc3339(rec.last_state_change_at.unwrap_or(rec.created_at)),
            mode: rec.mode.as_str(),
            not_after: has_certificate.then(|| rfc3339(rec.not_after)),
            not_before: has_certificate.then(|| rfc3339(rec.not_before)),
            owner_account: rec.arn.account().to_string(),
            parent_arn: rec.parent.map(|p| p.to_string()),
            restorable_until: rec.restorable_until.map(rfc3339),
            revocation_configuration: RevocationConfiguration::of(rec),
            serial: has_certificate.then_some(rec.serial.as_str()),
            status: crate::policy::authority::effective_status(rec, now).as_str(),
            authority_type: rec.authority_type.as_str(),
            usage_mode: "GENERAL_PURPOSE",
        }
    }
}

/// `DescribeCertificateAuthority`'s `CertificateAuthority`, as a value.
pub fn authority_detail(rec: &AuthorityRecord, now: OffsetDateTime) -> Value {
    to_value(&AuthorityDetail::of(rec, now))
}

/// `CrlDistributionPointExtensionConfiguration`.
#[derive(Serialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct CrlExtension {
    pub omit_extension: bool,
}

/// `CrlConfiguration`.
#[derive(Serialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct CrlConfiguration<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crl_distribution_point_extension_configuration: Option<CrlExtension>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_cname: Option<&'a str>,
    pub enabled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration_in_days: Option<u32>,
    #[serde(rename = "S3BucketName", skip_serializing_if = "Option::is_none")]
    pub s3_bucket_name: Option<&'a str>,
}

/// `OcspConfiguration`.
#[derive(Serialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct OcspConfiguration<'a> {
    pub enabled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ocsp_custom_cname: Option<&'a str>,
}

/// `RevocationConfiguration` as configured. An authority made by `ca init`
/// without one keeps a CRL (`acmctl ca crl`) that no certificate names.
#[derive(Serialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct RevocationConfiguration<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crl_configuration: Option<CrlConfiguration<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ocsp_configuration: Option<OcspConfiguration<'a>>,
}

impl<'a> RevocationConfiguration<'a> {
    pub fn of(rec: &'a AuthorityRecord) -> Self {
        let Some(r) = &rec.revocation else {
            return RevocationConfiguration {
                crl_configuration: Some(CrlConfiguration {
                    crl_distribution_point_extension_configuration: None,
                    custom_cname: None,
                    enabled: true,
                    expiration_in_days: None,
                    s3_bucket_name: None,
                }),
                ocsp_configuration: None,
            };
        };
        RevocationConfiguration {
            crl_configuration: r.crl.as_ref().map(|c| CrlConfiguration {
                crl_distribution_point_extension_configuration: c
                    .omit_extension
                    .then_some(CrlExtension { omit_extension: true }),
                custom_cname: c.custom_cname.as_deref(),
                enabled: c.enabled,
                expiration_in_days: c.expiration_in_days,
                s3_bucket_name: c.s3_bucket_name.as_deref(),
            }),
            ocsp_configuration: r
                .ocsp
                .as_ref()
                .map(|o| OcspConfiguration { enabled: o.enabled, ocsp_custom_cname: o.custom_cname.as_deref() }),
        }
    }
}

/// `DescribeCertificate`'s response.
#[derive(Serialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeCertificate<'a> {
    pub certificate: CertificateDetail<'a>,
}

/// `DescribeCertificateAuthority`'s response.
#[derive(Serialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeCertificateAuthority<'a> {
    pub certificate_authority: AuthorityDetail<'a>,
}

/// `ListCertificateAuthorities`' response.
#[derive(Serialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct ListCertificateAuthorities<'a> {
    pub certificate_authorities: Vec<AuthorityDetail<'a>>,
}

/// `GetCertificate`'s response (and ACM Private CA's certificates): the
/// chain is left out when there is none, as for a root.
#[derive(Serialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct CertificatePem<'a> {
    pub certificate: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub certificate_chain: &'a str,
}

/// `ExportCertificate`'s response.
#[derive(Serialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct ExportCertificate<'a> {
    pub certificate: &'a str,
    pub certificate_chain: &'a str,
    pub private_key: &'a str,
}

/// The response of the operations that make a certificate
/// (`RequestCertificate`, `ImportCertificate`, `IssueCertificate`).
#[derive(Serialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct CertificateArnResponse {
    pub certificate_arn: String,
}

/// The certificates `cert request --manifest` issued, in the manifest's order.
#[derive(Serialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct CertificateArns<'a> {
    pub certificate_arns: &'a [String],
}

/// `CreateCertificateAuthority`'s response.
#[derive(Serialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct CertificateAuthorityArnResponse {
    pub certificate_authority_arn: String,
}

/// `GetCertificateAuthorityCsr`'s response.
#[derive(Serialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct CsrResponse<'a> {
    pub csr: &'a str,
}

/// The empty response of the operations that return nothing.
#[derive(Serialize, Debug)]
pub struct Empty {}

/// `ListTagsForCertificate`'s response (and the authorities' tags).
#[derive(Serialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct TagsResponse<'a> {
    pub tags: &'a [Tag],
}

/// The options after `UpdateCertificateOptions`.
#[derive(Serialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct OptionsResponse {
    pub options: CertificateOptions,
}

/// `ExpiryEvents` of an account's configuration.
#[derive(Serialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct ExpiryEvents {
    pub days_before_expiry: u32,
}

/// `GetAccountConfiguration`'s response.
#[derive(Serialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct AccountConfiguration {
    pub expiry_events: ExpiryEvents,
}

/// A certificate on an authority's CRL.
#[derive(Serialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct RevokedCertificate<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate_arn: Option<String>,
    pub revocation_reason: &'static str,
    pub revoked_at: String,
    pub serial: &'a str,
}

/// An authority's current CRL, in PEM, with what it says.
#[derive(Serialize, Debug)]
#[serde(rename_all = "PascalCase")]
pub struct Crl<'a> {
    pub certificate_authority_arn: String,
    pub crl: &'a str,
    /// `null`, as `NextUpdate`, when the CRL does not give it.
    pub crl_number: Option<u64>,
    /// `null` when the CRL gives no next update.
    pub next_update: Option<String>,
    pub revoked_certificates: Vec<RevokedCertificate<'a>>,
    pub this_update: String,
}

fn to_value(shape: &impl Serialize) -> Value {
    // These shapes hold strings, numbers, booleans and lists only.
    serde_json::to_value(shape).expect("ACM shapes serialise")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        AccountId, AuthorityArn, CertificateArn, CertificateStatus, Deployment, FailureReason, RenewalRecord,
        RenewalStatus, RevocationReason, ValidationMethod,
    };

    use crate::output::printed_in_order as printed_sorted;

    fn time(s: &str) -> OffsetDateTime {
        OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).unwrap()
    }

    /// A certificate with every member ACM can show.
    fn full_certificate() -> CertificateRecord {
        let account = "123456789012".parse::<AccountId>().unwrap();
        let arn = CertificateArn::new("eu-west-1".parse().unwrap(), account);
        let t = time("2026-01-02T03:04:05Z");
        let mut rec = CertificateRecord::new(
            arn,
            CertificateType::AmazonIssued,
            CertificateStatus::Issued,
            KeyAlgorithm::Rsa2048,
            t,
        );
        rec.domain_name = "www.example.com".into();
        rec.subject_alternative_names = vec!["www.example.com".into(), "api.example.com".into()];
        rec.authority = Some(AuthorityArn::new("eu-west-1".parse().unwrap(), account));
        rec.version = 1;
        rec.serial = Some("01:02".into());
        rec.subject = Some("CN=www.example.com".into());
        rec.issuer = Some("CN=Root".into());
        rec.signature_algorithm = Some("SHA256WITHRSA".into());
        (rec.not_before, rec.not_after, rec.issued_at, rec.imported_at, rec.revoked_at) =
            (Some(t), Some(t), Some(t), Some(t), Some(t));
        rec.revocation_reason = Some(RevocationReason::KeyCompromise);
        rec.failure_reason = Some(FailureReason::CaaError);
        rec.tags = vec![Tag { key: "env".into(), value: "prod".into() }];
        rec.validation_method = Some(ValidationMethod::Dns);
        rec.domain_validation = vec![DomainValidation {
            domain_name: "www.example.com".into(),
            validation_domain: "example.com".into(),
            validation_status: "FAILED".into(),
            resource_record_name: Some("_x.www.example.com.".into()),
            resource_record_value: Some("_y.acm-validations.aws.".into()),
            validation_emails: vec!["admin@example.com".into()],
            detail: Some("no such record".into()),
            reason: Some("NO_RECORD".into()),
            token_sha256: None,
        }];
        rec.deployments = vec![Deployment {
            target: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/a/1".into(),
            dest: "/tmp/tls".into(),
            exec: None,
            endpoint_type: None,
            deployed_at: t,
            host: None,
            version: None,
        }];
        rec.renewal = Some(RenewalRecord {
            status: RenewalStatus::Failed,
            reason: Some("the CAA records forbid it".into()),
            failure_reason: None,
            updated_at: t,
        });
        rec
    }

    #[test]
    fn a_certificate_prints_every_member_in_order() {
        let rec = full_certificate();
        let now = time("2026-06-01T00:00:00Z");
        let d = printed_sorted(&CertificateDetail::of(&rec, now));
        let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys.len(), 27, "{keys:?}");
        let dvo = &d["DomainValidationOptions"][0];
        assert_eq!(dvo.as_object().unwrap().len(), 8, "{dvo}");
        assert_eq!(dvo["ResourceRecord"]["Type"], "CNAME");
        assert_eq!(d["RenewalSummary"]["RenewalStatusReason"], "the CAA records forbid it");
        assert_eq!(d["ExtendedKeyUsages"][0]["OID"], "1.3.6.1.5.5.7.3.1");
        assert_eq!(d["KeyUsages"][0].as_object().unwrap().len(), 1, "no OID on a key usage");
        let s = printed_sorted(&CertificateSummary::of(&Summary::of(&rec), now));
        assert_eq!(s.as_object().unwrap().len(), 18, "{s}");
        assert_eq!(s["KeyUsages"], serde_json::json!(["DIGITAL_SIGNATURE", "KEY_ENCIPHERMENT"]));
    }

    #[test]
    fn a_bare_certificate_leaves_out_what_it_does_not_have() {
        let account = "123456789012".parse::<AccountId>().unwrap();
        let arn = CertificateArn::new("eu-west-1".parse().unwrap(), account);
        let t = time("2026-01-02T03:04:05Z");
        let rec =
            CertificateRecord::new(arn, CertificateType::Imported, CertificateStatus::Issued, KeyAlgorithm::Rsa2048, t);
        let d = printed_sorted(&CertificateDetail::of(&rec, t));
        let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "CertificateArn",
                "CreatedAt",
                "DomainName",
                "DomainValidationOptions",
                "ExtendedKeyUsages",
                "InUseBy",
                "KeyAlgorithm",
                "KeyUsages",
                "Options",
                "RenewalEligibility",
                "Status",
                "SubjectAlternativeNames",
                "Tags",
                "Type"
            ]
        );
        let s = printed_sorted(&CertificateSummary::of(&Summary::of(&rec), t));
        assert_eq!(s.as_object().unwrap().len(), 13, "{s}");
    }

    #[test]
    fn the_responses_print_their_members_in_order() {
        let pem = printed_sorted(&CertificatePem { certificate: "C", certificate_chain: "" });
        assert_eq!(pem, serde_json::json!({"Certificate": "C"}), "no chain, no member");
        printed_sorted(&CertificatePem { certificate: "C", certificate_chain: "CHAIN" });
        printed_sorted(&ExportCertificate { certificate: "C", certificate_chain: "", private_key: "K" });
        let crl = Crl {
            certificate_authority_arn: "A".into(),
            crl: "PEM",
            crl_number: None,
            next_update: None,
            revoked_certificates: vec![RevokedCertificate {
                certificate_arn: Some("C".into()),
                revocation_reason: "KEY_COMPROMISE",
                revoked_at: "T".into(),
                serial: "01",
            }],
            this_update: "T".into(),
        };
        let v = printed_sorted(&crl);
        assert!(v["NextUpdate"].is_null() && v["CrlNumber"].is_null(), "null, not left out: {v}");
        assert_eq!(serde_json::to_string(&Empty {}).unwrap(), "{}");
        let options = OptionsResponse {
            options: CertificateOptions { certificate_transparency_logging_preference: "ENABLED", export: "DISABLED" },
        };
        printed_sorted(&options);
    }

    fn authority(toml_text: &str) -> AuthorityRecord {
        toml::from_str(toml_text).unwrap()
    }

    const AUTHORITY: &str = r#"
        arn = "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/9161d966-3062-40e1-9c79-0a58a3066ff5"
        mode = "PRIVATE"
        type = "SUBORDINATE"
        common_name = "Sub"
        key_algorithm = "EC_secp384r1"
        serial = "6f:ed"
        not_before = "2026-12-05T08:17:25Z"
        not_after = "2036-12-02T08:22:25Z"
        created_at = "2026-12-05T08:22:25Z"
    "#;

    #[test]
    fn an_authority_prints_every_member_in_order() {
        let full = format!(
            "{AUTHORITY}
            parent = \"arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/9161d966-3062-40e1-9c79-0a58a3066ff6\"
            restorable_until = \"2027-01-01T00:00:00Z\"
            [subject]
            country = \"US\"
            organization = \"O\"
            organizational_unit = \"OU\"
            state = \"S\"
            locality = \"L\"
            common_name = \"CN\"
            [revocation.crl]
            enabled = true
            expiration_in_days = 9
            custom_cname = \"crl.example.com\"
            s3_bucket_name = \"bucket\"
            omit_extension = true
            [revocation.ocsp]
            enabled = true
            custom_cname = \"ocsp.example.com\"
            "
        );
        let rec = authority(&full);
        let d = printed_sorted(&AuthorityDetail::of(&rec, rec.created_at));
        assert_eq!(d.as_object().unwrap().len(), 16, "{d}");
        assert_eq!(d["CertificateAuthorityConfiguration"]["Subject"].as_object().unwrap().len(), 6);
        assert_eq!(d["RevocationConfiguration"]["CrlConfiguration"].as_object().unwrap().len(), 5);
        assert_eq!(d["RevocationConfiguration"]["CrlConfiguration"]["ExpirationInDays"], 9);
        assert_eq!(d["RevocationConfiguration"]["OcspConfiguration"]["OcspCustomCname"], "ocsp.example.com");
    }

    #[test]
    fn an_authority_without_settings_names_its_common_name_and_keeps_a_crl() {
        let mut rec = authority(AUTHORITY);
        rec.status = crate::model::AuthorityStatus::PendingCertificate;
        let d = printed_sorted(&AuthorityDetail::of(&rec, rec.created_at));
        for absent in ["NotAfter", "NotBefore", "ParentArn", "RestorableUntil", "Serial"] {
            assert!(d.get(absent).is_none(), "{absent} in {d}");
        }
        assert_eq!(d["CertificateAuthorityConfiguration"]["Subject"], serde_json::json!({"CommonName": "Sub"}));
        assert_eq!(d["RevocationConfiguration"], serde_json::json!({"CrlConfiguration": {"Enabled": true}}));
    }
}
