//! ACM's rules as pure functions: given records, regions and a clock, say
//! what is allowed. No I/O, so every rule is tested exhaustively here.

use time::{Duration, OffsetDateTime};

use crate::error::Error;
use crate::model::{CertificateStatus, CertificateType, Region, RenewalEligibility};
use crate::store::records::CertificateRecord;

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
}

impl Rule {
    pub fn id(self) -> &'static str {
        match self {
            Rule::RegionalResource => "regional-resource",
            Rule::AuthorityInRegion => "authority-in-region",
            Rule::ExportPrivateOnly => "export-private-only",
            Rule::IssuedOnly => "issued-only",
            Rule::PublicAuthorityRequired => "public-authority-required",
        }
    }
}

/// Why something is not allowed, and what would work instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub rule: Rule,
    pub message: String,
    pub hint: String,
}

impl From<Refusal> for Error {
    fn from(r: Refusal) -> Error {
        Error::refused(&format!("refused by rule {}", r.rule.id()), r.message).with_hint(r.hint)
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
    if issued_here && (in_use || exported) {
        RenewalEligibility::Eligible
    } else {
        RenewalEligibility::Ineligible
    }
}

/// A resource named by an ARN of `resource_region` may be used only while
/// working in that region.
pub fn check_region(noun: &str, arn: &str, resource_region: Region, current: Region, rule: Rule) -> Result<(), Refusal> {
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

/// `ExportCertificate` works on issued private certificates only.
pub fn check_export(rec: &CertificateRecord, now: OffsetDateTime) -> Result<(), Refusal> {
    match rec.cert_type {
        CertificateType::Private => {}
        CertificateType::AmazonIssued => {
            return Err(Refusal {
                rule: Rule::ExportPrivateOnly,
                message: format!(
                    "{} is a public (AMAZON_ISSUED) certificate, and its private key never leaves ACM except into a deployment to an integrated service",
                    rec.arn
                ),
                hint: "deploy it with 'acmctl deploy ARN --target …', or request a private certificate from an ACM Private CA authority to export".into(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AccountId, CertificateArn, KeyAlgorithm};
    use crate::store::records::Deployment;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2027-01-01 00:00 UTC);

    fn record(cert_type: CertificateType, status: CertificateStatus) -> CertificateRecord {
        CertificateRecord {
            arn: CertificateArn::new("us-east-1".parse().unwrap(), "123456789012".parse::<AccountId>().unwrap()),
            cert_type,
            status,
            domain_name: "example.com".into(),
            subject_alternative_names: vec!["example.com".into()],
            key_algorithm: KeyAlgorithm::Rsa2048,
            authority: None,
            version: 1,
            serial: None,
            subject: None,
            issuer: None,
            signature_algorithm: None,
            not_before: Some(NOW - Duration::days(10)),
            not_after: Some(NOW + Duration::days(10)),
            created_at: NOW - Duration::days(10),
            issued_at: None,
            imported_at: None,
            revoked_at: None,
            revocation_reason: None,
            idempotency_token: None,
            tags: vec![],
            validation_method: None,
            domain_validation: vec![],
            deployments: vec![],
            exported: false,
            renewal: None,
        }
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
            deployed_at: NOW,
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

    #[test]
    fn export_rules() {
        assert!(check_export(&record(CertificateType::Private, CertificateStatus::Issued), NOW).is_ok());
        let r = check_export(&record(CertificateType::AmazonIssued, CertificateStatus::Issued), NOW).unwrap_err();
        assert_eq!(r.rule, Rule::ExportPrivateOnly);
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
