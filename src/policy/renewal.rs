//! Managed renewal: which certificates the tool renews, and when.

use time::{Duration, OffsetDateTime};

use super::{Refusal, Rule, effective_status, eligibility_of, renewal_eligibility, status_at};
use crate::clock::rfc3339;
use crate::model::CertificateRecord;
use crate::model::Summary;
use crate::model::{CertificateArn, CertificateStatus, CertificateType, RenewalEligibility};

/// Managed renewal starts this long before a certificate's NotAfter.
pub const RENEWAL_WINDOW: Duration = Duration::days(60);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RenewalDecision {
    Renew,
    /// Left alone by a sweep, with the reason the summary shows.
    Skip(String),
    /// Refused when asked for by name.
    Refused(Refusal),
}

/// When a sweep will first renew `rec`.
pub fn due_at(rec: &CertificateRecord) -> Option<OffsetDateTime> {
    rec.not_after.map(|t| t - RENEWAL_WINDOW)
}

/// Decides what to do with `rec` at `now`: in a sweep (`by_name` false)
/// only eligible certificates inside the window are renewed; by name, any
/// issued certificate the tool issued is renewed at once.
pub fn renewal_decision(rec: &CertificateRecord, now: OffsetDateTime, by_name: bool) -> RenewalDecision {
    decide(&rec.arn, rec.cert_type, effective_status(rec, now), renewal_eligibility(rec), rec.not_after, now, by_name)
}

/// `renewal_decision` of a sweep from the region index, so that a sweep
/// opens only the records it may renew.
pub fn sweep_decision(s: &Summary, now: OffsetDateTime) -> RenewalDecision {
    decide(
        &s.arn,
        s.cert_type,
        status_at(s.status, s.not_after, s.created_at, now),
        eligibility_of(s.cert_type, s.in_use, s.exported),
        s.not_after,
        now,
        false,
    )
}

fn decide(
    arn: &CertificateArn,
    cert_type: CertificateType,
    status: CertificateStatus,
    eligibility: RenewalEligibility,
    not_after: Option<OffsetDateTime>,
    now: OffsetDateTime,
    by_name: bool,
) -> RenewalDecision {
    if cert_type == CertificateType::Imported {
        let message = format!("{arn} is an IMPORTED certificate, and ACM never renews imported certificates");
        let hint =
            "renew it where it came from, then import the new one over it with 'acmctl import --certificate-arn ARN …'";
        return if by_name {
            RenewalDecision::Refused(Refusal { rule: Rule::ImportedNotRenewed, message, hint: hint.into() })
        } else {
            RenewalDecision::Skip("IMPORTED: re-import it to renew".into())
        };
    }
    if status != CertificateStatus::Issued {
        return if by_name {
            RenewalDecision::Refused(Refusal {
                rule: Rule::IssuedOnly,
                message: format!("{arn} is {status}; only an ISSUED certificate can be renewed"),
                hint: "request a new certificate instead".into(),
            })
        } else {
            RenewalDecision::Skip(format!("{status}: only ISSUED certificates are renewed"))
        };
    }
    if by_name {
        return RenewalDecision::Renew;
    }
    if eligibility != RenewalEligibility::Eligible {
        return RenewalDecision::Skip("INELIGIBLE: not in use by a deployment and never exported".into());
    }
    match not_after.map(|t| t - RENEWAL_WINDOW) {
        Some(due) if now < due => {
            RenewalDecision::Skip(format!("not due until {} (60 days before NotAfter)", rfc3339(due)))
        }
        _ => RenewalDecision::Renew,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Deployment;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2027-01-01 00:00 UTC);

    fn cert(cert_type: CertificateType, status: CertificateStatus, days_left: i64, in_use: bool) -> CertificateRecord {
        let mut rec = super::super::tests::record(cert_type, status);
        rec.not_after = Some(NOW + Duration::days(days_left));
        if in_use {
            rec.deployments.push(Deployment {
                target: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1".into(),
                dest: "/srv/tls".into(),
                exec: None,
                endpoint_type: None,
                deployed_at: NOW,
                host: None,
                version: None,
            });
        }
        rec
    }

    fn sweep(rec: &CertificateRecord) -> RenewalDecision {
        renewal_decision(rec, NOW, false)
    }

    #[test]
    fn sweep_table() {
        use CertificateStatus::*;
        use CertificateType::*;
        assert_eq!(sweep(&cert(Private, Issued, 60, true)), RenewalDecision::Renew);
        assert_eq!(sweep(&cert(Private, Issued, 1, true)), RenewalDecision::Renew);
        assert_eq!(sweep(&cert(AmazonIssued, Issued, 30, true)), RenewalDecision::Renew);
        let mut exported = cert(Private, Issued, 30, false);
        exported.exported = true;
        assert_eq!(sweep(&exported), RenewalDecision::Renew);
        assert!(
            matches!(sweep(&cert(Private, Issued, 61, true)), RenewalDecision::Skip(r) if r.starts_with("not due until 2027-01-02"))
        );
        assert!(
            matches!(sweep(&cert(Private, Issued, 30, false)), RenewalDecision::Skip(r) if r.starts_with("INELIGIBLE"))
        );
        assert!(
            matches!(sweep(&cert(Imported, Issued, 30, true)), RenewalDecision::Skip(r) if r.starts_with("IMPORTED"))
        );
        assert!(
            matches!(sweep(&cert(Private, Revoked, 30, true)), RenewalDecision::Skip(r) if r.starts_with("REVOKED"))
        );
        assert!(
            matches!(sweep(&cert(Private, Issued, -1, true)), RenewalDecision::Skip(r) if r.starts_with("EXPIRED"))
        );
    }

    #[test]
    fn by_name_renews_now_but_never_imported_or_unissued() {
        use CertificateStatus::*;
        use CertificateType::*;
        assert_eq!(renewal_decision(&cert(Private, Issued, 300, false), NOW, true), RenewalDecision::Renew);
        let RenewalDecision::Refused(r) = renewal_decision(&cert(Imported, Issued, 30, true), NOW, true) else {
            panic!()
        };
        assert_eq!(r.rule, Rule::ImportedNotRenewed);
        assert!(r.hint.contains("import"));
        let RenewalDecision::Refused(r) = renewal_decision(&cert(Private, Revoked, 30, true), NOW, true) else {
            panic!()
        };
        assert_eq!(r.rule, Rule::IssuedOnly);
    }
}
