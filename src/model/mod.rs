//! Typed names: each is validated once, where it is parsed, and carried as
//! a value that cannot be wrong afterwards.

pub mod arn;
pub mod domain;
pub mod key_algorithm;
pub mod region;
pub mod status;
pub mod tag;

pub use arn::{AccountId, AuthorityArn, CertificateArn};
pub use domain::DomainName;
pub use key_algorithm::KeyAlgorithm;
pub use region::Region;
pub use status::*;
pub use tag::Tag;
pub mod target;
pub use target::{EndpointType, TargetArn, TargetKind};
