//! The operations of the two services, as `X-Amz-Target` names them. The
//! lists are the models' (botocore's `acm/2015-12-08` and
//! `acm-pca/2017-08-22`; a test checks them against `models/`); which ones
//! acmctl answers is ACM-API.md §4.

use std::fmt;

/// The two APIs serve answers, each with its target prefix and the service
/// name of its SigV4 credential scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Service {
    /// AWS Certificate Manager.
    Acm,
    /// AWS Private Certificate Authority.
    Pca,
}

impl Service {
    pub const ALL: [Service; 2] = [Service::Acm, Service::Pca];

    /// What `X-Amz-Target` starts with, before the dot.
    pub fn target_prefix(self) -> &'static str {
        match self {
            Service::Acm => "CertificateManager",
            Service::Pca => "ACMPrivateCA",
        }
    }

    /// The service of the SigV4 credential scope (the model's `signingName`).
    pub fn signing_name(self) -> &'static str {
        match self {
            Service::Acm => "acm",
            Service::Pca => "acm-pca",
        }
    }

    pub fn from_signing_name(name: &str) -> Option<Service> {
        Service::ALL.into_iter().find(|s| s.signing_name() == name)
    }
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.signing_name())
    }
}

macro_rules! operations {
    ($(#[$doc:meta])* $name:ident { supported: [$($s:ident),* $(,)?], unsupported: [$($u:ident),* $(,)?] }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($s,)* $($u,)* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$s,)* $($name::$u,)*];

            /// The operation's name in the model and in `X-Amz-Target`.
            pub fn name(self) -> &'static str {
                match self { $($name::$s => stringify!($s),)* $($name::$u => stringify!($u),)* }
            }

            /// Whether acmctl answers it (ACM-API.md §4); the others get
            /// `UnsupportedOperationException`.
            pub fn supported(self) -> bool {
                match self { $($name::$s => true,)* $($name::$u => false,)* }
            }

            pub fn from_name(name: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|op| op.name() == name)
            }
        }
    };
}

operations! {
    /// ACM's operations (`CertificateManager.*`).
    AcmOperation {
        supported: [
            AddTagsToCertificate, DeleteCertificate, DescribeCertificate, ExportCertificate, GetAccountConfiguration,
            GetCertificate, ImportCertificate, ListCertificates, ListTagsForCertificate, ListTagsForResource,
            PutAccountConfiguration, RemoveTagsFromCertificate, RenewCertificate, RequestCertificate,
            ResendValidationEmail, RevokeCertificate, TagResource, UntagResource, UpdateCertificateOptions,
        ],
        unsupported: [
            SearchCertificates, ListCertificateDomainValidations,
            CreateAcmeDomainValidation, CreateAcmeEndpoint, CreateAcmeExternalAccountBinding,
            DeleteAcmeDomainValidation, DeleteAcmeEndpoint, DeleteAcmeExternalAccountBinding, DescribeAcmeAccount,
            DescribeAcmeDomainValidation, DescribeAcmeEndpoint, DescribeAcmeExternalAccountBinding,
            GetAcmeExternalAccountBindingCredentials, ListAcmeAccounts, ListAcmeDomainValidations, ListAcmeEndpoints,
            ListAcmeExternalAccountBindings, RevokeAcmeAccount, RevokeAcmeExternalAccountBinding,
            UpdateAcmeDomainValidation, UpdateAcmeEndpoint,
        ]
    }
}

operations! {
    /// ACM Private CA's operations (`ACMPrivateCA.*`).
    PcaOperation {
        supported: [
            CreateCertificateAuthority, DeleteCertificateAuthority, DescribeCertificateAuthority, GetCertificate,
            GetCertificateAuthorityCertificate, GetCertificateAuthorityCsr, ImportCertificateAuthorityCertificate,
            IssueCertificate, ListCertificateAuthorities, ListTags, RestoreCertificateAuthority, RevokeCertificate,
            TagCertificateAuthority, UntagCertificateAuthority, UpdateCertificateAuthority,
        ],
        unsupported: [
            CreateCertificateAuthorityAuditReport, DescribeCertificateAuthorityAuditReport, CreatePermission,
            DeletePermission, ListPermissions, GetPolicy, PutPolicy, DeletePolicy,
        ]
    }
}

/// One operation of either service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operation {
    Acm(AcmOperation),
    Pca(PcaOperation),
}

impl Operation {
    pub fn service(self) -> Service {
        match self {
            Operation::Acm(_) => Service::Acm,
            Operation::Pca(_) => Service::Pca,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Operation::Acm(op) => op.name(),
            Operation::Pca(op) => op.name(),
        }
    }

    pub fn supported(self) -> bool {
        match self {
            Operation::Acm(op) => op.supported(),
            Operation::Pca(op) => op.supported(),
        }
    }

    pub fn all() -> impl Iterator<Item = Operation> {
        let acm = AcmOperation::ALL.iter().map(|op| Operation::Acm(*op));
        acm.chain(PcaOperation::ALL.iter().map(|op| Operation::Pca(*op)))
    }

    pub fn from_name(service: Service, name: &str) -> Option<Operation> {
        match service {
            Service::Acm => AcmOperation::from_name(name).map(Operation::Acm),
            Service::Pca => PcaOperation::from_name(name).map(Operation::Pca),
        }
    }
}

impl fmt::Display for Operation {
    /// As in `X-Amz-Target`: `CertificateManager.DescribeCertificate`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.service().target_prefix(), self.name())
    }
}

/// What an `X-Amz-Target` value names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Known(Operation),
    /// A service of ours, but no operation of its model.
    UnknownOperation(Service),
    /// Neither service's prefix.
    Unknown,
}

impl Target {
    pub fn parse(value: &str) -> Target {
        let Some((prefix, name)) = value.split_once('.') else { return Target::Unknown };
        let Some(service) = Service::ALL.into_iter().find(|s| s.target_prefix() == prefix) else {
            return Target::Unknown;
        };
        match Operation::from_name(service, name) {
            Some(op) => Target::Known(op),
            None => Target::UnknownOperation(service),
        }
    }

    pub fn service(&self) -> Option<Service> {
        match self {
            Target::Known(op) => Some(op.service()),
            Target::UnknownOperation(s) => Some(*s),
            Target::Unknown => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_name_operations_of_one_service() {
        assert_eq!(
            Target::parse("CertificateManager.DescribeCertificate"),
            Target::Known(Operation::Acm(AcmOperation::DescribeCertificate))
        );
        assert_eq!(
            Target::parse("ACMPrivateCA.GetCertificate"),
            Target::Known(Operation::Pca(PcaOperation::GetCertificate))
        );
        assert_eq!(Target::parse("CertificateManager.IssueCertificate"), Target::UnknownOperation(Service::Acm));
        assert_eq!(Target::parse("CertificateManager.describeCertificate"), Target::UnknownOperation(Service::Acm));
        assert_eq!(Target::parse("AWSCertificateManager.DescribeCertificate"), Target::Unknown);
        assert_eq!(Target::parse(""), Target::Unknown);
        let op = Operation::Pca(PcaOperation::IssueCertificate);
        assert_eq!(op.to_string(), "ACMPrivateCA.IssueCertificate");
        assert_eq!(Target::parse(&op.to_string()), Target::Known(op));
    }

    #[test]
    fn the_contract_s_unsupported_operations_are_marked() {
        assert_eq!(AcmOperation::ALL.len(), 40);
        assert_eq!(PcaOperation::ALL.len(), 23);
        assert_eq!(AcmOperation::ALL.iter().filter(|op| op.supported()).count(), 19);
        assert!(AcmOperation::ALL.iter().filter(|op| op.name().contains("Acme")).all(|op| !op.supported()));
        assert!(!AcmOperation::SearchCertificates.supported());
        assert!(!PcaOperation::PutPolicy.supported());
        assert!(PcaOperation::IssueCertificate.supported());
    }
}
