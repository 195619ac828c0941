//! What the store keeps about each resource. These are the tool's own
//! records, the same whichever engine keeps them; the ACM response shapes
//! are built from them in `output`.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{
    AuthorityArn, AuthorityMode, AuthorityStatus, AuthorityType, CertificateArn, CertificateStatus, CertificateType,
    EndpointType, FailureReason, KeyAlgorithm, Preference, RenewalStatus, RevocationReason, Subject, Tag,
    ValidationMethod,
};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AuthorityRecord {
    pub arn: AuthorityArn,
    pub mode: AuthorityMode,
    #[serde(rename = "type")]
    pub authority_type: AuthorityType,
    pub parent: Option<AuthorityArn>,
    /// The basicConstraints path length of a subordinate; none for a root.
    #[serde(default)]
    pub path_len: Option<u8>,
    pub common_name: String,
    pub key_algorithm: KeyAlgorithm,
    pub serial: String,
    #[serde(with = "time::serde::rfc3339")]
    pub not_before: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub not_after: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// The key is stored as encrypted PKCS#8.
    #[serde(default)]
    pub key_encrypted: bool,
    /// Number of the CRL last issued; 0 before the first.
    #[serde(default)]
    pub crl_number: u64,
    #[serde(default)]
    pub revoked: Vec<Revocation>,
    /// ACM Private CA's lifecycle: ACTIVE unless changed. An authority
    /// PENDING_CERTIFICATE has a key and a CSR but no certificate yet: its
    /// serial is empty and its validity the moment it was created.
    #[serde(default)]
    pub status: AuthorityStatus,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub last_state_change_at: Option<OffsetDateTime>,
    /// A DELETED authority can be restored until then.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub restorable_until: Option<OffsetDateTime>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// The subject it was created with (CreateCertificateAuthority).
    #[serde(default)]
    pub subject: Option<Subject>,
    /// Where it publishes revocation, as configured (none: acmctl's CRL
    /// only, named by no certificate).
    #[serde(default)]
    pub revocation: Option<RevocationConfiguration>,
}

impl AuthorityRecord {
    /// Whether it has a certificate (PENDING_CERTIFICATE authorities do not).
    pub fn has_certificate(&self) -> bool {
        self.status != AuthorityStatus::PendingCertificate && !self.serial.is_empty()
    }
}

/// ACM Private CA's `RevocationConfiguration`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevocationConfiguration {
    #[serde(default)]
    pub crl: Option<CrlConfiguration>,
    #[serde(default)]
    pub ocsp: Option<OcspConfiguration>,
}

/// `CrlConfiguration`: the CRL, where certificates say it is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrlConfiguration {
    pub enabled: bool,
    /// How long each CRL is valid (ExpirationInDays).
    #[serde(default)]
    pub expiration_in_days: Option<u32>,
    /// The host (and port) of the distribution point (CustomCname).
    #[serde(default)]
    pub custom_cname: Option<String>,
    /// Certificates leave the distribution point out (CrlDistributionPointExtensionConfiguration).
    #[serde(default)]
    pub omit_extension: bool,
    /// Kept as given, to be echoed; acmctl serves the CRL itself.
    #[serde(default)]
    pub s3_bucket_name: Option<String>,
}

/// `OcspConfiguration`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OcspConfiguration {
    pub enabled: bool,
    /// The host (and port) of the responder (OcspCustomCname).
    #[serde(default)]
    pub custom_cname: Option<String>,
}

/// A certificate an authority signed for a CSR (ACM Private CA's
/// IssueCertificate): no key in the store, and no ACM certificate record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedCertificate {
    /// `arn:aws:acm-pca:REGION:ACCOUNT:certificate-authority/ID/certificate/SERIAL`.
    pub arn: String,
    pub authority: AuthorityArn,
    /// Colon hex, as the record of an authority's revocations has it.
    pub serial: String,
    pub template: String,
    pub certificate_pem: String,
    pub chain_pem: String,
    #[serde(with = "time::serde::rfc3339")]
    pub not_before: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub not_after: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Revocation {
    pub serial: String,
    pub certificate_arn: Option<CertificateArn>,
    #[serde(with = "time::serde::rfc3339")]
    pub revoked_at: OffsetDateTime,
    pub reason: RevocationReason,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CertificateRecord {
    pub arn: CertificateArn,
    #[serde(rename = "type")]
    pub cert_type: CertificateType,
    /// The status as last written; EXPIRED and VALIDATION_TIMED_OUT are read
    /// off the clock (see `policy::effective_status`).
    pub status: CertificateStatus,
    pub domain_name: String,
    /// Every name, the domain name first, as ACM lists them.
    pub subject_alternative_names: Vec<String>,
    pub key_algorithm: KeyAlgorithm,
    pub authority: Option<AuthorityArn>,
    /// Which `vN/` directory holds the certificate, chain and key; 0 while
    /// there is none yet.
    #[serde(default)]
    pub version: u32,
    pub serial: Option<String>,
    pub subject: Option<String>,
    pub issuer: Option<String>,
    pub signature_algorithm: Option<String>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub not_before: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub not_after: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub issued_at: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub imported_at: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub revoked_at: Option<OffsetDateTime>,
    pub revocation_reason: Option<RevocationReason>,
    pub idempotency_token: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    pub validation_method: Option<ValidationMethod>,
    #[serde(default)]
    pub domain_validation: Vec<DomainValidation>,
    #[serde(default)]
    pub deployments: Vec<Deployment>,
    /// Exported at least once, which makes a private certificate eligible
    /// for managed renewal.
    #[serde(default)]
    pub exported: bool,
    pub renewal: Option<RenewalRecord>,
    /// `CertificateOptions` as requested or updated; none for records from
    /// before they were kept (see `options()`).
    #[serde(default)]
    pub options: Option<CertificateOptions>,
    #[serde(default)]
    pub failure_reason: Option<FailureReason>,
    /// The UTC day (YYYY-MM-DD) the last expiry event was sent for it: one
    /// a day at most.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry_event_on: Option<String>,
}

/// `CertificateOptions`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateOptions {
    pub certificate_transparency_logging_preference: Preference,
    /// Whether the key may be exported (fixed when a public certificate is
    /// requested).
    pub export: Preference,
}

impl CertificateRecord {
    /// A record with no certificate yet: no version, validation, tags,
    /// deployments or history. Callers fill in what their kind has.
    pub fn new(
        arn: CertificateArn,
        cert_type: CertificateType,
        status: CertificateStatus,
        key_algorithm: KeyAlgorithm,
        created_at: OffsetDateTime,
    ) -> Self {
        CertificateRecord {
            arn,
            cert_type,
            status,
            domain_name: String::new(),
            subject_alternative_names: Vec::new(),
            key_algorithm,
            authority: None,
            version: 0,
            serial: None,
            subject: None,
            issuer: None,
            signature_algorithm: None,
            not_before: None,
            not_after: None,
            created_at,
            issued_at: None,
            imported_at: None,
            revoked_at: None,
            revocation_reason: None,
            idempotency_token: None,
            tags: Vec::new(),
            validation_method: None,
            domain_validation: Vec::new(),
            deployments: Vec::new(),
            exported: false,
            renewal: None,
            options: None,
            failure_reason: None,
            expiry_event_on: None,
        }
    }

    /// The options in force: as kept, else ACM's defaults (requested
    /// certificates log to CT, imported ones do not; private certificates
    /// export, public ones only when requested so).
    pub fn options(&self) -> CertificateOptions {
        self.options.unwrap_or(CertificateOptions {
            certificate_transparency_logging_preference: match self.cert_type {
                CertificateType::Imported => Preference::Disabled,
                _ => Preference::Enabled,
            },
            export: match self.cert_type {
                CertificateType::Private => Preference::Enabled,
                _ => Preference::Disabled,
            },
        })
    }
}

impl CertificateRecord {
    /// The targets it is deployed to, sorted: ACM's `InUseBy`.
    pub fn in_use_by(&self) -> Vec<String> {
        let mut targets: Vec<String> = self.deployments.iter().map(|d| d.target.clone()).collect();
        targets.sort();
        targets.dedup();
        targets
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DomainValidation {
    pub domain_name: String,
    pub validation_domain: String,
    pub validation_status: String,
    pub resource_record_name: Option<String>,
    pub resource_record_value: Option<String>,
    #[serde(default)]
    pub validation_emails: Vec<String>,
    /// Why the last attempt did not validate, for people reading `describe`.
    pub detail: Option<String>,
    /// Why, as a code for scripts (`validation::record::REASON_*`).
    #[serde(default)]
    pub reason: Option<String>,
    /// SHA-256 of the approval token last sent for EMAIL validation.
    #[serde(default)]
    pub token_sha256: Option<String>,
}

/// A deployment to an integrated service, kept so that renewal can redeploy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Deployment {
    pub target: String,
    pub dest: PathBuf,
    pub exec: Option<String>,
    /// API Gateway's endpoint type; none for other services.
    #[serde(default)]
    pub endpoint_type: Option<EndpointType>,
    #[serde(with = "time::serde::rfc3339")]
    pub deployed_at: OffsetDateTime,
    /// The host that made it (ACMCTL_HOST_ID): only that host writes its
    /// files and runs its reload command. None in records from before
    /// hosts were kept: the host that reads them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// The certificate's version its files hold; an older one than the
    /// certificate's is redeployed by its host's next `renew`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u32>,
}

impl Deployment {
    /// Whether `host` made it (and so writes its files).
    pub fn belongs_to(&self, host: &str) -> bool {
        self.host.as_deref().is_none_or(|h| h == host)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RenewalRecord {
    pub status: RenewalStatus,
    pub reason: Option<String>,
    /// ACM's code for a FAILED renewal (`RenewalStatusReason`), such as
    /// CAA_ERROR; none for renewals recorded before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_reason: Option<FailureReason>,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// The certificate, chain and key of one version of a certificate.
#[derive(Clone)]
pub struct Material {
    pub certificate_pem: String,
    pub chain_pem: String,
    pub private_key_pem: String,
}

/// One version of a certificate as an engine keeps it: its material, and
/// what the version itself names (a renewal draws a new serial; a
/// re-import may change everything), for `store copy`.
#[derive(Clone, Debug)]
pub struct CertificateVersion {
    pub version: u32,
    /// The store's authority that signed it; none for imported versions.
    pub authority: Option<AuthorityArn>,
    /// Its serial as the record writes it (colon hex).
    pub serial: Option<String>,
    /// When it became the current version.
    pub created_at: OffsetDateTime,
    pub material: Material,
}

impl std::fmt::Debug for Material {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Material")
            .field("certificate_pem", &self.certificate_pem)
            .field("chain_pem", &self.chain_pem)
            .field("private_key_pem", &"<redacted>")
            .finish()
    }
}

/// An authority's certificate, the chain above it, its key as stored (PEM;
/// encrypted PKCS#8 when the record says `key_encrypted`) and its current
/// CRL.
pub struct AuthorityMaterial {
    /// Empty while the authority is PENDING_CERTIFICATE.
    pub certificate_pem: String,
    pub chain_pem: String,
    pub private_key_pem: zeroize::Zeroizing<String>,
    pub crl_pem: String,
    /// Its certificate signing request, when it was created with one.
    pub csr_pem: String,
}

impl std::fmt::Debug for AuthorityMaterial {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthorityMaterial")
            .field("certificate_pem", &self.certificate_pem)
            .field("chain_pem", &self.chain_pem)
            .field("private_key_pem", &"<redacted>")
            .finish()
    }
}

/// A remembered idempotency token of `RequestCertificate`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct IdempotencyRecord {
    pub token: String,
    pub fingerprint: String,
    /// RequestCertificate: the certificate it made.
    #[serde(default)]
    pub certificate_arn: Option<CertificateArn>,
    /// The other operations: the ARN of what they made.
    #[serde(default)]
    pub resource_arn: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// The account's settings in one region (`GetAccountConfiguration`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountConfiguration {
    /// How many days before expiry the expiry events start.
    pub days_before_expiry: u32,
}

impl Default for AccountConfiguration {
    fn default() -> Self {
        AccountConfiguration { days_before_expiry: 45 }
    }
}
