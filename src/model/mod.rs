//! Typed names, each validated once where it is parsed and carried as a
//! value that cannot be wrong afterwards, and the records made of them.

pub mod arn;
pub mod domain;
pub mod key_algorithm;
pub mod records;
pub mod region;
pub mod status;
pub mod subject;
pub mod summary;
pub mod tag;
pub mod target;

pub use arn::{AccountId, AuthorityArn, CertificateArn};
pub use domain::DomainName;
pub use key_algorithm::KeyAlgorithm;
pub use records::{
    AccountConfiguration, AuthorityMaterial, AuthorityRecord, CertificateOptions, CertificateRecord,
    CertificateVersion, CrlConfiguration, Deployment, DomainValidation, IdempotencyRecord, IssuedCertificate, Material,
    OcspConfiguration, RenewalRecord, Revocation, RevocationConfiguration,
};
pub use region::Region;
pub use status::*;
pub use subject::Subject;
pub use summary::Summary;
pub use tag::Tag;
pub use target::{EndpointType, TargetArn, TargetKind};
