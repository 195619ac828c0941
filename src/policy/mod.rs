//! ACM's rules as pure functions: given records, regions and a clock, say
//! what is allowed. No I/O, so every rule is tested exhaustively here.

use time::{Duration, OffsetDateTime};

use crate::error::{Error, ErrorKind};
use crate::model::{
    AuthorityMode, AuthorityRecord, AuthorityType, CertificateRecord, CertificateStatus, CertificateType, Preference,
    Region, RenewalEligibility,
};

pub mod authority;
pub mod caa;
pub mod delete;
pub mod deploy;
pub mod events;
pub mod renewal;
pub mod request;
pub mod tags;

pub use deploy::{Decision, decide_deploy};
pub use renewal::{RenewalDecision, renewal_decision};

/// How long a public certificate waits for validation before it times out.
pub const VALIDATION_TIMEOUT: Duration = Duration::hours(72);
/// How long an idempotency token returns the same certificate.
pub const IDEMPOTENCY_WINDOW: Duration = Duration::hours(1);

/// The rules a refusal can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// ACM resources live in one region and are never used from another.
    RegionalResource,
    /// A private certificate is issued only by an authority of its region.
    AuthorityInRegion,
    /// Only private certificates can be exported.
    ExportPrivateOnly,
    /// Only an issued certificate can be exported or deployed.
    IssuedOnly,
    /// Public certificates need the region's public authority.
    PublicAuthorityRequired,
    /// A region has one active public authority, as it has one Amazon CA.
    OnePublicAuthority,
    /// Validation is only for public certificates still within 72 hours.
    ValidationWindow,
    /// Certificates deploy only to services integrated with ACM.
    IntegratedServicesOnly,
    /// ACM certificates are never installed on an EC2 instance.
    NoEc2,
    /// A regional target takes only a certificate of its own region.
    TargetInRegion,
    /// CloudFront and edge-optimized API Gateway take certificates from us-east-1 only.
    GlobalTargetUsEast1,
    /// A target must belong to the store's account.
    TargetInAccount,
    /// Imported certificates are renewed by importing again, never by ACM.
    ImportedNotRenewed,
    /// Only an IMPORTED certificate can be re-imported.
    ReimportImportedOnly,
    /// Only certificates issued by a private authority can be revoked.
    RevokePrivateOnly,
    /// A revoked certificate stays revoked.
    RevocationIsFinal,
    /// Requested certificates take RSA_2048, EC_prime256v1 or EC_secp384r1.
    RequestKeyAlgorithm,
    /// A certificate has at most the quota of names (10 by default).
    NameQuota,
    /// The first name becomes the common name, at most 64 characters.
    CommonNameLength,
    /// An idempotency token is 1 to 32 word characters.
    IdempotencyToken,
    /// A subordinate's parent is a private authority.
    ParentPrivate,
    /// A parent with path length 0 signs no authority.
    ParentPathLength,
    /// An expired authority issues nothing.
    AuthorityNotExpired,
    /// A certificate in use by a deployment is not deleted.
    DeleteNotInUse,
    /// A resource carries at most 50 tags.
    TagLimit,
    /// Whether a certificate's key may be exported is decided when it is requested.
    ExportFixedAtRequest,
    /// Only an ACTIVE authority issues.
    AuthorityActive,
    /// An authority changes state only as ACM Private CA allows.
    AuthorityLifecycle,
    /// A public certificate names only domains under a public suffix.
    PublicDomain,
    /// CAA records (RFC 8659) must let the public authority issue.
    Caa,
}

impl Rule {
    /// The rule in words, for `--dry-run` and people learning ACM.
    pub fn words(self) -> &'static str {
        match self {
            Rule::RegionalResource => "ACM resources are regional and are used only from their own region",
            Rule::AuthorityInRegion => "a private certificate is issued only by an authority of its own region",
            Rule::ExportPrivateOnly => {
                "only private certificates, and public ones requested exportable (--export), can be exported"
            }
            Rule::IssuedOnly => "only an ISSUED certificate (not expired, not revoked) can be used",
            Rule::PublicAuthorityRequired => "public certificates need the region's public authority",
            Rule::OnePublicAuthority => "a region has one public authority, as it has one Amazon CA",
            Rule::ValidationWindow => {
                "only a public certificate pending validation, within 72 hours of its request, can be validated"
            }
            Rule::IntegratedServicesOnly => {
                "certificates deploy only to services integrated with ACM (load balancers, CloudFront, API Gateway)"
            }
            Rule::NoEc2 => "ACM certificates cannot be installed on an EC2 instance",
            Rule::TargetInRegion => "a regional service takes only a certificate of its own region",
            Rule::GlobalTargetUsEast1 => {
                "CloudFront and edge-optimized API Gateway take only certificates in us-east-1"
            }
            Rule::TargetInAccount => "a certificate deploys only to resources of its own account",
            Rule::ImportedNotRenewed => "ACM does not renew imported certificates; they are renewed by importing again",
            Rule::ReimportImportedOnly => {
                "only an IMPORTED certificate can be re-imported; ACM replaces the certificates it issued by renewal"
            }
            Rule::RevokePrivateOnly => {
                "only certificates issued by a private authority (ACM Private CA), and exported public ones, can be revoked"
            }
            Rule::RevocationIsFinal => {
                "a revocation is final: a revoked certificate cannot be revoked again or restored"
            }
            Rule::RequestKeyAlgorithm => "certificates are requested with RSA_2048, EC_prime256v1 or EC_secp384r1 keys",
            Rule::NameQuota => "a certificate has at most the quota of names (10 by default, san_quota up to 100)",
            Rule::CommonNameLength => "the first name becomes the common name, which is at most 64 characters",
            Rule::IdempotencyToken => "an idempotency token is 1 to 32 word characters",
            Rule::ParentPrivate => "a private subordinate authority is signed by a private parent",
            Rule::ParentPathLength => "an authority whose path length is 0 cannot sign another authority",
            Rule::AuthorityNotExpired => "an expired certificate authority can no longer issue",
            Rule::DeleteNotInUse => "a certificate in use by a deployment cannot be deleted",
            Rule::TagLimit => "a certificate or authority carries at most 50 tags",
            Rule::ExportFixedAtRequest => {
                "whether a certificate's key may be exported is decided when it is requested, and never changes"
            }
            Rule::AuthorityActive => "only an ACTIVE certificate authority issues certificates and signs CRLs",
            Rule::AuthorityLifecycle => {
                "an authority is disabled before it is deleted, and restored only within its restore window"
            }
            Rule::PublicDomain => {
                "a public certificate names only domains under a public suffix of the Public Suffix List: no internal or reserved name, IP address or public suffix itself"
            }
            Rule::Caa => {
                "a public certificate is issued only where the names' CAA records (RFC 8659) allow the public authority"
            }
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Rule::RegionalResource => "regional-resource",
            Rule::AuthorityInRegion => "authority-in-region",
            Rule::ExportPrivateOnly => "export-private-only",
            Rule::IssuedOnly => "issued-only",
            Rule::PublicAuthorityRequired => "public-authority-required",
            Rule::OnePublicAuthority => "one-public-authority",
            Rule::ValidationWindow => "validation-window",
            Rule::IntegratedServicesOnly => "integrated-services-only",
            Rule::NoEc2 => "no-ec2",
            Rule::TargetInRegion => "target-in-region",
            Rule::GlobalTargetUsEast1 => "global-target-us-east-1",
            Rule::TargetInAccount => "target-in-account",
            Rule::ImportedNotRenewed => "imported-not-renewed",
            Rule::ReimportImportedOnly => "reimport-imported-only",
            Rule::RevokePrivateOnly => "revoke-private-only",
            Rule::RevocationIsFinal => "revocation-is-final",
            Rule::RequestKeyAlgorithm => "request-key-algorithm",
            Rule::NameQuota => "name-quota",
            Rule::CommonNameLength => "common-name-length",
            Rule::IdempotencyToken => "idempotency-token",
            Rule::ParentPrivate => "parent-private",
            Rule::ParentPathLength => "parent-path-length",
            Rule::AuthorityNotExpired => "authority-not-expired",
            Rule::DeleteNotInUse => "delete-not-in-use",
            Rule::TagLimit => "tag-limit",
            Rule::ExportFixedAtRequest => "export-fixed-at-request",
            Rule::AuthorityActive => "authority-active",
            Rule::AuthorityLifecycle => "authority-lifecycle",
            Rule::PublicDomain => "public-domain",
            Rule::Caa => "caa",
        }
    }

    /// How a refusal by the rule ends a command: most are refusals (exit
    /// 5); the rules about the shape of a request are invalid input (3),
    /// and those about the state of a resource are conflicts (6).
    pub fn kind(self) -> ErrorKind {
        match self {
            Rule::RequestKeyAlgorithm
            | Rule::NameQuota
            | Rule::CommonNameLength
            | Rule::IdempotencyToken
            | Rule::ParentPrivate
            | Rule::ParentPathLength
            | Rule::TagLimit => ErrorKind::InvalidInput,
            Rule::AuthorityNotExpired | Rule::DeleteNotInUse | Rule::AuthorityActive | Rule::AuthorityLifecycle => {
                ErrorKind::Conflict
            }
            _ => ErrorKind::Refused,
        }
    }

    /// The error name of ACM's API for a refusal by the rule, where one
    /// fits better than the kind's.
    pub fn api_error(self) -> Option<&'static str> {
        match self {
            Rule::RegionalResource => Some("ResourceNotFoundException"),
            Rule::AuthorityInRegion => Some("InvalidArnException"),
            Rule::ExportPrivateOnly
            | Rule::ImportedNotRenewed
            | Rule::ReimportImportedOnly
            | Rule::RevokePrivateOnly => Some("ValidationException"),
            Rule::IssuedOnly => Some("RequestInProgressException"),
            Rule::ValidationWindow => Some("InvalidStateException"),
            Rule::RevocationIsFinal => Some("ConflictException"),
            Rule::PublicAuthorityRequired => Some("InvalidParameterException"),
            Rule::RequestKeyAlgorithm | Rule::CommonNameLength => Some("InvalidParameterException"),
            Rule::NameQuota => Some("LimitExceededException"),
            Rule::IdempotencyToken => Some("ValidationException"),
            Rule::ParentPrivate | Rule::ParentPathLength => Some("InvalidArgsException"),
            Rule::AuthorityNotExpired => Some("InvalidStateException"),
            Rule::DeleteNotInUse => Some("ResourceInUseException"),
            Rule::TagLimit => Some("TooManyTagsException"),
            Rule::ExportFixedAtRequest => Some("ValidationException"),
            Rule::AuthorityActive | Rule::AuthorityLifecycle => Some("InvalidStateException"),
            _ => None,
        }
    }

    pub const ALL: [Rule; 30] = [
        Rule::RegionalResource,
        Rule::AuthorityInRegion,
        Rule::ExportPrivateOnly,
        Rule::IssuedOnly,
        Rule::PublicAuthorityRequired,
        Rule::OnePublicAuthority,
        Rule::ValidationWindow,
        Rule::IntegratedServicesOnly,
        Rule::NoEc2,
        Rule::TargetInRegion,
        Rule::GlobalTargetUsEast1,
        Rule::TargetInAccount,
        Rule::ImportedNotRenewed,
        Rule::ReimportImportedOnly,
        Rule::RevokePrivateOnly,
        Rule::RevocationIsFinal,
        Rule::RequestKeyAlgorithm,
        Rule::NameQuota,
        Rule::CommonNameLength,
        Rule::IdempotencyToken,
        Rule::ParentPrivate,
        Rule::ParentPathLength,
        Rule::AuthorityNotExpired,
        Rule::DeleteNotInUse,
        Rule::TagLimit,
        Rule::ExportFixedAtRequest,
        Rule::AuthorityActive,
        Rule::AuthorityLifecycle,
        Rule::PublicDomain,
        Rule::Caa,
    ];
}

/// Why something is not allowed, and what would work instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub rule: Rule,
    pub message: String,
    pub hint: String,
}

impl Refusal {
    pub fn new(rule: Rule, message: impl Into<String>, hint: impl Into<String>) -> Refusal {
        Refusal { rule, message: message.into(), hint: hint.into() }
    }
}

impl From<Refusal> for Error {
    fn from(r: Refusal) -> Error {
        let kind = r.rule.kind();
        // A refusal by one of ACM's rules leads with the rule; input of the
        // wrong shape, or a resource in the wrong state, is told plainly.
        let message = match kind {
            ErrorKind::Refused => format!("refused by rule {}: {}", r.rule.id(), r.message),
            _ => r.message,
        };
        let mut err = Error::new(kind, message);
        err.rule = Some(r.rule);
        err.api = r.rule.api_error();
        if !r.hint.is_empty() {
            err = err.with_hint(r.hint);
        }
        err
    }
}

/// The status as of `now`: an issued certificate past its not-after is
/// EXPIRED, and a pending one past 72 hours is VALIDATION_TIMED_OUT.
pub fn effective_status(rec: &CertificateRecord, now: OffsetDateTime) -> CertificateStatus {
    status_at(rec.status, rec.not_after, rec.created_at, now)
}

/// `effective_status` from the fields it reads, as the region index keeps them.
pub fn status_at(
    status: CertificateStatus,
    not_after: Option<OffsetDateTime>,
    created_at: OffsetDateTime,
    now: OffsetDateTime,
) -> CertificateStatus {
    match status {
        CertificateStatus::Issued if not_after.is_some_and(|t| now > t) => CertificateStatus::Expired,
        CertificateStatus::PendingValidation if now > created_at + VALIDATION_TIMEOUT => {
            CertificateStatus::ValidationTimedOut
        }
        other => other,
    }
}

/// Managed renewal covers certificates the tool issued that are in use by
/// a deployment or were exported.
pub fn renewal_eligibility(rec: &CertificateRecord) -> RenewalEligibility {
    eligibility_of(rec.cert_type, !rec.deployments.is_empty(), rec.exported)
}

/// `renewal_eligibility` from the fields it reads, as the region index keeps them.
pub fn eligibility_of(cert_type: CertificateType, in_use: bool, exported: bool) -> RenewalEligibility {
    let issued_here = cert_type != CertificateType::Imported;
    if issued_here && (in_use || exported) { RenewalEligibility::Eligible } else { RenewalEligibility::Ineligible }
}

/// A resource named by an ARN of `resource_region` may be used only while
/// working in that region.
pub fn check_region(
    noun: &str,
    arn: &str,
    resource_region: Region,
    current: Region,
    rule: Rule,
) -> Result<(), Refusal> {
    if resource_region == current {
        return Ok(());
    }
    Err(Refusal {
        rule,
        message: format!(
            "{noun} {arn} exists in region {resource_region}, but this command works in region {current}; ACM resources are regional and cannot be used from another region"
        ),
        hint: format!("run the command with --region {resource_region}, or create the resource in {current}"),
    })
}

/// The region's public authority: the issuing intermediate of the newest
/// public authority that has not expired.
pub fn active_public_authority(authorities: &[AuthorityRecord], now: OffsetDateTime) -> Option<&AuthorityRecord> {
    authorities
        .iter()
        .filter(|a| {
            a.mode == AuthorityMode::Public
                && a.authority_type == AuthorityType::Subordinate
                && a.status == crate::model::AuthorityStatus::Active
                && now < a.not_after
        })
        .max_by_key(|a| a.created_at)
}

/// `ca init --mode public` while the region already has an active one.
pub fn check_new_public_authority(authorities: &[AuthorityRecord], now: OffsetDateTime) -> Result<(), Refusal> {
    match active_public_authority(authorities, now) {
        None => Ok(()),
        Some(a) => Err(Refusal {
            rule: Rule::OnePublicAuthority,
            message: format!(
                "region {} already has a public certificate authority ({}); a region has one, as ACM has one Amazon CA per region",
                a.arn.region(),
                a.arn
            ),
            hint: "request public certificates from it with 'acmctl cert request --domain-name D' (no --certificate-authority-arn)".into(),
        }),
    }
}

/// `cert validate` works on public certificates that are still pending
/// and within the 72 hours validation allows.
pub fn check_validate(rec: &CertificateRecord, now: OffsetDateTime) -> Result<(), Refusal> {
    if rec.cert_type != CertificateType::AmazonIssued {
        return Err(Refusal {
            rule: Rule::ValidationWindow,
            message: format!(
                "{} is a {} certificate; only public (AMAZON_ISSUED) certificates are validated",
                rec.arn, rec.cert_type
            ),
            hint: "private certificates are issued at once and imported ones are never validated".into(),
        });
    }
    match effective_status(rec, now) {
        CertificateStatus::PendingValidation | CertificateStatus::Issued => Ok(()),
        CertificateStatus::ValidationTimedOut => Err(Refusal {
            rule: Rule::ValidationWindow,
            message: format!(
                "{} was requested at {} and was not validated within 72 hours; it is VALIDATION_TIMED_OUT",
                rec.arn,
                crate::clock::rfc3339(rec.created_at)
            ),
            hint: "request a new certificate with 'acmctl cert request' and validate it within 72 hours".into(),
        }),
        other => Err(Refusal {
            rule: Rule::ValidationWindow,
            message: format!("{} is {other}; only a certificate pending validation can be validated", rec.arn),
            hint: "request a new certificate with 'acmctl cert request'".into(),
        }),
    }
}

/// `ExportCertificate` works on issued private certificates only.
pub fn check_export(rec: &CertificateRecord, now: OffsetDateTime) -> Result<(), Refusal> {
    match rec.cert_type {
        CertificateType::Private => {}
        // A public certificate requested exportable (Options.Export
        // ENABLED, ACM since June 2025); the others never give their key.
        CertificateType::AmazonIssued if rec.options().export == Preference::Enabled => {}
        CertificateType::AmazonIssued => {
            return Err(Refusal {
                rule: Rule::ExportPrivateOnly,
                message: format!(
                    "{} is a public (AMAZON_ISSUED) certificate requested without --export, and its private key never leaves ACM except into a deployment to an integrated service",
                    rec.arn
                ),
                hint: "deploy it with 'acmctl deploy ARN --target …'; to export a public certificate, request a new one with --export (Options.Export ENABLED): it is decided at request time".into(),
            });
        }
        CertificateType::Imported => {
            return Err(Refusal {
                rule: Rule::ExportPrivateOnly,
                message: format!("{} is an imported certificate; only private certificates can be exported", rec.arn),
                hint: "you already hold its key: use the files you imported".into(),
            });
        }
    }
    let status = effective_status(rec, now);
    if status != CertificateStatus::Issued {
        return Err(Refusal {
            rule: Rule::IssuedOnly,
            message: format!("{} is {status}; only an ISSUED certificate can be exported", rec.arn),
            hint: "request a new certificate, or renew this one with 'acmctl renew ARN'".into(),
        });
    }
    Ok(())
}

/// ImportCertificate with a CertificateArn replaces an imported
/// certificate; ACM refuses it for certificates that ACM issued.
pub fn check_reimport(rec: &CertificateRecord) -> Result<(), Refusal> {
    if rec.cert_type == CertificateType::Imported {
        return Ok(());
    }
    Err(Refusal {
        rule: Rule::ReimportImportedOnly,
        message: format!(
            "{} is a {} certificate; only an IMPORTED certificate can be re-imported",
            rec.arn, rec.cert_type
        ),
        hint:
            "import the files as a new certificate (without --certificate-arn), or let managed renewal replace this one"
                .into(),
    })
}

/// RevokeCertificate (ACM Private CA) works on certificates a private
/// authority issued, once.
pub fn check_revoke(rec: &CertificateRecord) -> Result<(), Refusal> {
    if rec.status == CertificateStatus::Revoked {
        return Err(Refusal {
            rule: Rule::RevocationIsFinal,
            message: format!(
                "{} was revoked at {}; a revocation cannot be changed or repeated",
                rec.arn,
                rec.revoked_at.map(crate::clock::rfc3339).unwrap_or_else(|| "an earlier time".into())
            ),
            hint: "request a new certificate to replace it".into(),
        });
    }
    match rec.cert_type {
        CertificateType::Private if rec.authority.is_some() && rec.serial.is_some() => Ok(()),
        // An exported public certificate: its key is out of ACM's hands, so
        // its owner may revoke it (the public authority keeps a CRL too).
        CertificateType::AmazonIssued if rec.exported && rec.authority.is_some() && rec.serial.is_some() => Ok(()),
        CertificateType::AmazonIssued => Err(Refusal {
            rule: Rule::RevokePrivateOnly,
            message: format!(
                "{} is a public certificate that was never exported; only private certificates and exported public ones can be revoked",
                rec.arn
            ),
            hint: "delete the certificate with 'acmctl cert delete ARN' if it is no longer wanted".into(),
        }),
        CertificateType::Imported => Err(Refusal {
            rule: Rule::RevokePrivateOnly,
            message: format!("{} is an imported certificate; its issuer, not acmctl, can revoke it", rec.arn),
            hint: "ask the authority that issued it to revoke it, and delete it here with 'acmctl cert delete ARN'"
                .into(),
        }),
        _ => Err(Refusal {
            rule: Rule::RevokePrivateOnly,
            message: format!(
                "{} is a {} certificate that no private authority has issued; only ACM Private CA certificates can be revoked",
                rec.arn, rec.cert_type
            ),
            hint: "delete the certificate with 'acmctl cert delete ARN' if it is no longer wanted".into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Deployment;
    use crate::model::{AccountId, AuthorityArn, CertificateArn, KeyAlgorithm};
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2027-01-01 00:00 UTC);

    pub(super) fn record(cert_type: CertificateType, status: CertificateStatus) -> CertificateRecord {
        CertificateRecord {
            domain_name: "example.com".into(),
            subject_alternative_names: vec!["example.com".into()],
            version: 1,
            not_before: Some(NOW - Duration::days(10)),
            not_after: Some(NOW + Duration::days(10)),
            ..CertificateRecord::new(
                CertificateArn::new("us-east-1".parse().unwrap(), "123456789012".parse::<AccountId>().unwrap()),
                cert_type,
                status,
                KeyAlgorithm::Rsa2048,
                NOW - Duration::days(10),
            )
        }
    }

    #[test]
    fn every_rule_has_a_distinct_id_and_words() {
        let ids: std::collections::HashSet<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
        assert_eq!(ids.len(), Rule::ALL.len());
        for r in Rule::ALL {
            assert!(
                !r.words().is_empty()
                    && r.id().chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            );
        }
    }

    #[test]
    fn refusals_lead_with_their_rule_and_other_kinds_do_not() {
        let e: Error = Refusal::new(Rule::NoEc2, "no", "put a load balancer in front").into();
        assert_eq!((e.exit_code(), e.message.as_str()), (5, "refused by rule no-ec2: no"));
        assert_eq!(e.rule, Some(Rule::NoEc2));
        let e: Error = Refusal::new(Rule::DeleteNotInUse, "in use", "").into();
        assert_eq!((e.exit_code(), e.message.as_str(), e.hint.is_none()), (6, "in use", true));
        assert_eq!(e.api, Some("ResourceInUseException"));
        let e: Error = Refusal::new(Rule::NameQuota, "too many", "split").into();
        assert_eq!((e.exit_code(), e.rule), (3, Some(Rule::NameQuota)));
    }

    #[test]
    fn issued_reads_expired_after_not_after() {
        let rec = record(CertificateType::Private, CertificateStatus::Issued);
        assert_eq!(effective_status(&rec, NOW), CertificateStatus::Issued);
        assert_eq!(effective_status(&rec, NOW + Duration::days(10)), CertificateStatus::Issued);
        assert_eq!(effective_status(&rec, NOW + Duration::days(11)), CertificateStatus::Expired);
    }

    #[test]
    fn pending_times_out_after_72_hours() {
        let mut rec = record(CertificateType::AmazonIssued, CertificateStatus::PendingValidation);
        rec.created_at = NOW;
        assert_eq!(effective_status(&rec, NOW + Duration::hours(72)), CertificateStatus::PendingValidation);
        assert_eq!(
            effective_status(&rec, NOW + Duration::hours(72) + Duration::seconds(1)),
            CertificateStatus::ValidationTimedOut
        );
    }

    #[test]
    fn stored_final_statuses_stay() {
        for s in [CertificateStatus::Revoked, CertificateStatus::Failed, CertificateStatus::Inactive] {
            assert_eq!(effective_status(&record(CertificateType::Private, s), NOW + Duration::days(999)), s);
        }
    }

    #[test]
    fn eligibility_needs_use_or_export_and_not_imported() {
        let mut rec = record(CertificateType::Private, CertificateStatus::Issued);
        assert_eq!(renewal_eligibility(&rec), RenewalEligibility::Ineligible);
        rec.exported = true;
        assert_eq!(renewal_eligibility(&rec), RenewalEligibility::Eligible);
        rec.exported = false;
        rec.deployments.push(Deployment {
            target: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1".into(),
            dest: "/tmp/x".into(),
            exec: None,
            endpoint_type: None,
            deployed_at: NOW,
            host: None,
            version: None,
        });
        assert_eq!(renewal_eligibility(&rec), RenewalEligibility::Eligible);
        rec.cert_type = CertificateType::Imported;
        assert_eq!(renewal_eligibility(&rec), RenewalEligibility::Ineligible);
    }

    #[test]
    fn region_check_names_both_regions() {
        let a: Region = "eu-west-1".parse().unwrap();
        let b: Region = "us-east-1".parse().unwrap();
        assert!(check_region("certificate", "x", a, a, Rule::RegionalResource).is_ok());
        let r = check_region("certificate", "x", a, b, Rule::RegionalResource).unwrap_err();
        assert!(r.message.contains("eu-west-1") && r.message.contains("us-east-1"));
        assert!(r.message.contains("regional"));
        assert!(r.hint.contains("--region eu-west-1"));
    }

    fn authority(t: AuthorityType, created: OffsetDateTime, not_after: OffsetDateTime) -> AuthorityRecord {
        AuthorityRecord {
            arn: crate::model::AuthorityArn::new("us-east-1".parse().unwrap(), "123456789012".parse().unwrap()),
            mode: AuthorityMode::Public,
            authority_type: t,
            parent: None,
            path_len: None,
            common_name: "x".into(),
            key_algorithm: KeyAlgorithm::Rsa2048,
            serial: "01".into(),
            not_before: created,
            not_after,
            created_at: created,
            key_encrypted: false,
            crl_number: 1,
            revoked: vec![],
            status: crate::model::AuthorityStatus::Active,
            last_state_change_at: None,
            tags: Vec::new(),
            restorable_until: None,
            subject: None,
            revocation: None,
        }
    }

    #[test]
    fn one_active_public_authority_per_region() {
        assert!(check_new_public_authority(&[], NOW).is_ok());
        let root = authority(AuthorityType::Root, NOW - Duration::days(1), NOW + Duration::days(9));
        let sub = authority(AuthorityType::Subordinate, NOW - Duration::days(1), NOW + Duration::days(9));
        assert_eq!(
            active_public_authority(&[root.clone(), sub.clone()], NOW).unwrap().authority_type,
            AuthorityType::Subordinate
        );
        assert_eq!(
            check_new_public_authority(&[root.clone(), sub.clone()], NOW).unwrap_err().rule,
            Rule::OnePublicAuthority
        );
        // An expired one no longer counts.
        assert!(check_new_public_authority(&[root, sub.clone()], NOW + Duration::days(10)).is_ok());
        let mut private = sub;
        private.mode = AuthorityMode::Private;
        assert!(active_public_authority(&[private], NOW).is_none());
    }

    #[test]
    fn validation_only_while_pending_and_within_72_hours() {
        let mut rec = record(CertificateType::AmazonIssued, CertificateStatus::PendingValidation);
        rec.created_at = NOW;
        assert!(check_validate(&rec, NOW + Duration::hours(71)).is_ok());
        let r = check_validate(&rec, NOW + Duration::hours(73)).unwrap_err();
        assert_eq!(r.rule, Rule::ValidationWindow);
        assert!(r.message.contains("VALIDATION_TIMED_OUT"));
        assert!(check_validate(&record(CertificateType::Private, CertificateStatus::Issued), NOW).is_err());
        assert!(check_validate(&record(CertificateType::AmazonIssued, CertificateStatus::Revoked), NOW).is_err());
    }

    #[test]
    fn only_imported_certificates_are_reimported() {
        assert!(check_reimport(&record(CertificateType::Imported, CertificateStatus::Issued)).is_ok());
        for t in [CertificateType::Private, CertificateType::AmazonIssued] {
            let r = check_reimport(&record(t, CertificateStatus::Issued)).unwrap_err();
            assert_eq!(r.rule, Rule::ReimportImportedOnly);
            assert!(r.message.contains(t.as_str()));
        }
    }

    #[test]
    fn revocation_rules() {
        let mut private = record(CertificateType::Private, CertificateStatus::Issued);
        private.authority = Some(AuthorityArn::new("us-east-1".parse().unwrap(), "123456789012".parse().unwrap()));
        private.serial = Some("01:02".into());
        assert!(check_revoke(&private).is_ok());
        for t in [CertificateType::Imported, CertificateType::AmazonIssued] {
            assert_eq!(check_revoke(&record(t, CertificateStatus::Issued)).unwrap_err().rule, Rule::RevokePrivateOnly);
        }
        // A public certificate: once exported, not before.
        let mut public = private.clone();
        public.cert_type = CertificateType::AmazonIssued;
        assert_eq!(check_revoke(&public).unwrap_err().rule, Rule::RevokePrivateOnly);
        public.exported = true;
        assert!(check_revoke(&public).is_ok());
        private.status = CertificateStatus::Revoked;
        private.revoked_at = Some(NOW);
        let r = check_revoke(&private).unwrap_err();
        assert_eq!(r.rule, Rule::RevocationIsFinal);
        assert!(r.message.contains("2027-01-01T00:00:00Z"));
    }

    #[test]
    fn export_rules() {
        assert!(check_export(&record(CertificateType::Private, CertificateStatus::Issued), NOW).is_ok());
        let r = check_export(&record(CertificateType::AmazonIssued, CertificateStatus::Issued), NOW).unwrap_err();
        assert_eq!(r.rule, Rule::ExportPrivateOnly);
        assert!(r.message.contains("without --export"), "{}", r.message);
        let mut exportable = record(CertificateType::AmazonIssued, CertificateStatus::Issued);
        exportable.options = Some(crate::model::CertificateOptions {
            certificate_transparency_logging_preference: Preference::Enabled,
            export: Preference::Enabled,
        });
        assert!(check_export(&exportable, NOW).is_ok());
        let r = check_export(&record(CertificateType::Imported, CertificateStatus::Issued), NOW).unwrap_err();
        assert_eq!(r.rule, Rule::ExportPrivateOnly);
        let r = check_export(&record(CertificateType::Private, CertificateStatus::Revoked), NOW).unwrap_err();
        assert_eq!(r.rule, Rule::IssuedOnly);
        let r = check_export(&record(CertificateType::Private, CertificateStatus::Issued), NOW + Duration::days(30))
            .unwrap_err();
        assert_eq!(r.rule, Rule::IssuedOnly);
        assert!(r.message.contains("EXPIRED"));
    }
}
