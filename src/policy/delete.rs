//! DeleteCertificate: a certificate in use is not deleted.

use super::{Refusal, Rule};
use crate::model::CertificateRecord;

/// ACM answers ResourceInUseException while the certificate is
/// associated with a service; acmctl, while a deployment is recorded.
pub fn check_delete(rec: &CertificateRecord) -> Result<(), Refusal> {
    let users = rec.in_use_by();
    if users.is_empty() {
        return Ok(());
    }
    Err(Refusal::new(
        Rule::DeleteNotInUse,
        format!("ResourceInUseException: certificate {} is in use by {}", rec.arn, users.join(", ")),
        "remove each deployment first with 'acmctl deploy ARN --target TARGET --remove'",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CertificateStatus, CertificateType, Deployment};

    #[test]
    fn only_a_certificate_without_deployments_is_deleted() {
        let mut rec = crate::policy::tests::record(CertificateType::Private, CertificateStatus::Issued);
        assert!(check_delete(&rec).is_ok());
        for target in
            ["arn:aws:cloudfront::123456789012:distribution/E1", "arn:aws:cloudfront::123456789012:distribution/E0"]
        {
            rec.deployments.push(Deployment {
                target: target.into(),
                dest: "/tmp/x".into(),
                exec: None,
                endpoint_type: None,
                deployed_at: rec.created_at,
                host: None,
                version: None,
            });
        }
        let r = check_delete(&rec).unwrap_err();
        assert_eq!(r.rule, Rule::DeleteNotInUse);
        // The targets are listed sorted, as InUseBy is.
        assert!(
            r.message.ends_with("distribution/E0, arn:aws:cloudfront::123456789012:distribution/E1"),
            "{}",
            r.message
        );
    }
}
