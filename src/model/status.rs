//! The enumerations of ACM's API, spelled as the API spells them.

use serde::{Deserialize, Serialize};

macro_rules! api_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str().eq_ignore_ascii_case(s))
                    .ok_or_else(|| {
                        let names: Vec<_> = Self::ALL.iter().map(|v| v.as_str()).collect();
                        format!("'{s}' is not one of {}", names.join(", "))
                    })
            }
        }
    };
}

api_enum!(
    /// `CertificateStatus`.
    CertificateStatus {
        PendingValidation => "PENDING_VALIDATION",
        Issued => "ISSUED",
        Inactive => "INACTIVE",
        Expired => "EXPIRED",
        ValidationTimedOut => "VALIDATION_TIMED_OUT",
        Revoked => "REVOKED",
        Failed => "FAILED",
    }
);

api_enum!(
    /// `CertificateType`.
    CertificateType {
        Imported => "IMPORTED",
        AmazonIssued => "AMAZON_ISSUED",
        Private => "PRIVATE",
    }
);

api_enum!(
    /// `RenewalEligibility`.
    RenewalEligibility {
        Eligible => "ELIGIBLE",
        Ineligible => "INELIGIBLE",
    }
);

api_enum!(
    /// `RenewalStatus` of a `RenewalSummary`.
    RenewalStatus {
        PendingAutoRenewal => "PENDING_AUTO_RENEWAL",
        PendingValidation => "PENDING_VALIDATION",
        Success => "SUCCESS",
        Failed => "FAILED",
    }
);

api_enum!(
    /// `ValidationMethod`.
    ValidationMethod {
        Dns => "DNS",
        Email => "EMAIL",
    }
);

api_enum!(
    /// ACM Private CA `CertificateAuthorityType`.
    AuthorityType {
        Root => "ROOT",
        Subordinate => "SUBORDINATE",
    }
);

api_enum!(
    /// Whether an authority plays ACM Private CA or Amazon's public CA.
    AuthorityMode {
        Private => "PRIVATE",
        Public => "PUBLIC",
    }
);

api_enum!(
    /// RFC 5280 revocation reasons, named as ACM's `RevokeCertificate` names them.
    RevocationReason {
        Unspecified => "UNSPECIFIED",
        KeyCompromise => "KEY_COMPROMISE",
        CertificateAuthorityCompromise => "CERTIFICATE_AUTHORITY_COMPROMISE",
        AffiliationChanged => "AFFILIATION_CHANGED",
        Superseded => "SUPERSEDED",
        CessationOfOperation => "CESSATION_OF_OPERATION",
        PrivilegeWithdrawn => "PRIVILEGE_WITHDRAWN",
        AACompromise => "A_A_COMPROMISE",
    }
);

api_enum!(
    /// ACM Private CA `CertificateAuthorityStatus`, as kept (EXPIRED is
    /// read off the clock).
    AuthorityStatus {
        Creating => "CREATING",
        PendingCertificate => "PENDING_CERTIFICATE",
        Active => "ACTIVE",
        Deleted => "DELETED",
        Disabled => "DISABLED",
        Expired => "EXPIRED",
        Failed => "FAILED",
    }
);

impl Default for AuthorityStatus {
    /// Authorities from before statuses were kept were all active.
    fn default() -> Self {
        AuthorityStatus::Active
    }
}

api_enum!(
    /// `FailureReason` of a FAILED certificate.
    FailureReason {
        NoAvailableContacts => "NO_AVAILABLE_CONTACTS",
        AdditionalVerificationRequired => "ADDITIONAL_VERIFICATION_REQUIRED",
        DomainNotAllowed => "DOMAIN_NOT_ALLOWED",
        InvalidPublicDomain => "INVALID_PUBLIC_DOMAIN",
        DomainValidationDenied => "DOMAIN_VALIDATION_DENIED",
        CaaError => "CAA_ERROR",
        PcaLimitExceeded => "PCA_LIMIT_EXCEEDED",
        PcaInvalidArn => "PCA_INVALID_ARN",
        PcaInvalidState => "PCA_INVALID_STATE",
        PcaRequestFailed => "PCA_REQUEST_FAILED",
        PcaNameConstraintsValidation => "PCA_NAME_CONSTRAINTS_VALIDATION",
        PcaResourceNotFound => "PCA_RESOURCE_NOT_FOUND",
        PcaInvalidArgs => "PCA_INVALID_ARGS",
        PcaInvalidDuration => "PCA_INVALID_DURATION",
        PcaAccessDenied => "PCA_ACCESS_DENIED",
        SlrNotFound => "SLR_NOT_FOUND",
        Other => "OTHER",
    }
);

api_enum!(
    /// ENABLED or DISABLED: `CertificateTransparencyLoggingPreference` and
    /// `Export` of `CertificateOptions`.
    Preference {
        Enabled => "ENABLED",
        Disabled => "DISABLED",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_parse_case_insensitively_and_print_as_the_api() {
        for s in CertificateStatus::ALL {
            assert_eq!(s.as_str().to_lowercase().parse::<CertificateStatus>().unwrap(), *s);
        }
        assert!("DONE".parse::<CertificateStatus>().unwrap_err().contains("PENDING_VALIDATION"));
    }

    #[test]
    fn serde_uses_api_spelling() {
        assert_eq!(serde_json::to_string(&CertificateType::AmazonIssued).unwrap(), "\"AMAZON_ISSUED\"");
        assert_eq!(serde_json::to_string(&RevocationReason::AACompromise).unwrap(), "\"A_A_COMPROMISE\"");
    }
}
