//! What `cert list`, `--expiring-within` and a renewal sweep need of a
//! certificate, so that they do not read every record: the fields of
//! ACM's `CertificateSummary` and what renewal decides on.

use time::OffsetDateTime;

use super::records::CertificateRecord;
use super::{CertificateArn, CertificateStatus, CertificateType, KeyAlgorithm};

/// One certificate, summarised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub arn: CertificateArn,
    pub cert_type: CertificateType,
    pub status: CertificateStatus,
    pub key_algorithm: KeyAlgorithm,
    pub version: u32,
    pub in_use: bool,
    pub exported: bool,
    pub has_authority: bool,
    pub created_at: OffsetDateTime,
    pub not_before: Option<OffsetDateTime>,
    pub not_after: Option<OffsetDateTime>,
    pub issued_at: Option<OffsetDateTime>,
    pub imported_at: Option<OffsetDateTime>,
    pub revoked_at: Option<OffsetDateTime>,
    pub domain_name: String,
    pub subject_alternative_names: Vec<String>,
    pub serial: Option<String>,
}

impl Summary {
    pub fn of(rec: &CertificateRecord) -> Summary {
        Summary {
            arn: rec.arn,
            cert_type: rec.cert_type,
            status: rec.status,
            key_algorithm: rec.key_algorithm,
            version: rec.version,
            in_use: !rec.deployments.is_empty(),
            exported: rec.exported,
            has_authority: rec.authority.is_some(),
            created_at: rec.created_at,
            not_before: rec.not_before,
            not_after: rec.not_after,
            issued_at: rec.issued_at,
            imported_at: rec.imported_at,
            revoked_at: rec.revoked_at,
            domain_name: rec.domain_name.clone(),
            subject_alternative_names: rec.subject_alternative_names.clone(),
            serial: rec.serial.clone(),
        }
    }
}
