//! ARNs of the resources the tool keeps: ACM certificates and ACM Private CA
//! authorities. Their region is part of the name, which is what lets a
//! cross-region check be a comparison of two typed values.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

use super::region::Region;

/// A 12-digit AWS account id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AccountId(u64);

impl AccountId {
    pub fn random() -> Self {
        // A leading digit of 1–9 keeps the id at 12 digits when printed.
        let n = u64::from_le_bytes(uuid::Uuid::new_v4().as_bytes()[..8].try_into().unwrap());
        AccountId(100_000_000_000 + n % 900_000_000_000)
    }
}

impl FromStr for AccountId {
    type Err = ArnError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit()) {
            Ok(AccountId(s.parse().expect("12 ASCII digits fit in u64")))
        } else {
            Err(ArnError(format!("'{s}' is not an AWS account id (12 digits)")))
        }
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:012}", self.0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", crate::text::escape(.0))]
pub struct ArnError(pub String);

/// The parts every ARN has: `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`.
/// Region and account may be empty (CloudFront has no region).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArnParts<'a> {
    pub service: &'a str,
    pub region: &'a str,
    pub account: &'a str,
    pub resource: &'a str,
}

impl<'a> ArnParts<'a> {
    pub fn parse(s: &'a str) -> Result<Self, ArnError> {
        let mut it = s.splitn(6, ':');
        let fields: Vec<&str> = (&mut it).collect();
        if fields.len() != 6 || fields[0] != "arn" {
            return Err(ArnError(format!("'{s}' is not an ARN (expected arn:aws:SERVICE:REGION:ACCOUNT:RESOURCE)")));
        }
        if fields[1] != "aws" {
            return Err(ArnError(format!(
                "'{s}' is in partition '{}'; only the standard 'aws' partition is supported",
                fields[1]
            )));
        }
        Ok(ArnParts { service: fields[2], region: fields[3], account: fields[4], resource: fields[5] })
    }
}

/// What a resource ARN names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ResourceKind {
    Certificate,
    Authority,
}

impl ResourceKind {
    fn service(self) -> &'static str {
        match self {
            ResourceKind::Certificate => "acm",
            ResourceKind::Authority => "acm-pca",
        }
    }

    fn prefix(self) -> &'static str {
        match self {
            ResourceKind::Certificate => "certificate/",
            ResourceKind::Authority => "certificate-authority/",
        }
    }

    pub fn noun(self) -> &'static str {
        match self {
            ResourceKind::Certificate => "certificate",
            ResourceKind::Authority => "certificate authority",
        }
    }
}

/// The ARN of a certificate or an authority kept in the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ResourceArn {
    pub kind: ResourceKind,
    pub region: Region,
    pub account: AccountId,
    pub id: Uuid,
}

impl ResourceArn {
    pub fn new(kind: ResourceKind, region: Region, account: AccountId) -> Self {
        ResourceArn { kind, region, account, id: Uuid::new_v4() }
    }

    pub fn parse(s: &str, kind: ResourceKind) -> Result<Self, ArnError> {
        let parts = ArnParts::parse(s)?;
        let other = match kind {
            ResourceKind::Certificate => ResourceKind::Authority,
            ResourceKind::Authority => ResourceKind::Certificate,
        };
        if parts.service == other.service() && parts.resource.starts_with(other.prefix()) {
            return Err(ArnError(format!("'{s}' names a {}, not a {}", other.noun(), kind.noun())));
        }
        let id = parts.resource.strip_prefix(kind.prefix()).filter(|_| parts.service == kind.service()).ok_or_else(
            || {
                ArnError(format!(
                    "'{s}' is not a {} ARN (expected arn:aws:{}:REGION:ACCOUNT:{}UUID)",
                    kind.noun(),
                    kind.service(),
                    kind.prefix()
                ))
            },
        )?;
        let region: Region = parts.region.parse().map_err(|e| ArnError(format!("ARN '{s}': {e}")))?;
        let account: AccountId = parts.account.parse().map_err(|e| ArnError(format!("ARN '{s}': {e}")))?;
        let id = Uuid::try_parse(id)
            .ok()
            .filter(|u| u.hyphenated().to_string() == id)
            .ok_or_else(|| ArnError(format!("ARN '{s}': '{id}' is not a lowercase UUID")))?;
        Ok(ResourceArn { kind, region, account, id })
    }
}

impl fmt::Display for ResourceArn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "arn:aws:{}:{}:{}:{}{}",
            self.kind.service(),
            self.region,
            self.account,
            self.kind.prefix(),
            self.id.hyphenated()
        )
    }
}

macro_rules! typed_arn {
    ($name:ident, $kind:expr) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub struct $name(pub ResourceArn);

        impl $name {
            pub fn new(region: Region, account: AccountId) -> Self {
                $name(ResourceArn::new($kind, region, account))
            }
            /// The ARN of the resource `id` of `region` and `account`.
            pub fn from_parts(region: Region, account: AccountId, id: Uuid) -> Self {
                $name(ResourceArn { kind: $kind, region, account, id })
            }
            pub fn region(&self) -> Region {
                self.0.region
            }
            pub fn account(&self) -> AccountId {
                self.0.account
            }
            pub fn id(&self) -> Uuid {
                self.0.id
            }
        }

        impl FromStr for $name {
            type Err = ArnError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                ResourceArn::parse(s, $kind).map($name)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                String::deserialize(d)?.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

typed_arn!(CertificateArn, ResourceKind::Certificate);
typed_arn!(AuthorityArn, ResourceKind::Authority);

#[cfg(test)]
mod tests {
    use super::*;

    const CERT: &str = "arn:aws:acm:eu-west-1:123456789012:certificate/0b5c4a3e-8f1d-4c2a-9e7b-1a2b3c4d5e6f";
    const CA: &str =
        "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/0b5c4a3e-8f1d-4c2a-9e7b-1a2b3c4d5e6f";

    #[test]
    fn certificate_arn_round_trips() {
        let arn: CertificateArn = CERT.parse().unwrap();
        assert_eq!(arn.region().as_str(), "eu-west-1");
        assert_eq!(arn.account().to_string(), "123456789012");
        assert_eq!(arn.to_string(), CERT);
    }

    #[test]
    fn authority_arn_round_trips() {
        let arn: AuthorityArn = CA.parse().unwrap();
        assert_eq!(arn.to_string(), CA);
    }

    #[test]
    fn kinds_are_not_interchangeable() {
        let err = CA.parse::<CertificateArn>().unwrap_err();
        assert!(err.0.contains("names a certificate authority"), "{err}");
        let err = CERT.parse::<AuthorityArn>().unwrap_err();
        assert!(err.0.contains("names a certificate,"), "{err}");
    }

    #[test]
    fn malformed_arns_are_refused() {
        for bad in [
            "",
            "arn",
            "certificate/0b5c4a3e-8f1d-4c2a-9e7b-1a2b3c4d5e6f",
            "arn:aws:acm:eu-west-1:123456789012",
            "arn:aws-cn:acm:cn-north-1:123456789012:certificate/0b5c4a3e-8f1d-4c2a-9e7b-1a2b3c4d5e6f",
            "arn:aws:acm:mars-1:123456789012:certificate/0b5c4a3e-8f1d-4c2a-9e7b-1a2b3c4d5e6f",
            "arn:aws:acm:eu-west-1:1234:certificate/0b5c4a3e-8f1d-4c2a-9e7b-1a2b3c4d5e6f",
            "arn:aws:acm:eu-west-1:123456789012:certificate/not-a-uuid",
            "arn:aws:acm:eu-west-1:123456789012:certificate/0B5C4A3E-8F1D-4C2A-9E7B-1A2B3C4D5E6F",
            "arn:aws:acm:eu-west-1:123456789012:certificate/../../etc",
            "arn:aws:s3:eu-west-1:123456789012:certificate/0b5c4a3e-8f1d-4c2a-9e7b-1a2b3c4d5e6f",
        ] {
            assert!(bad.parse::<CertificateArn>().is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn random_account_ids_have_twelve_digits() {
        for _ in 0..100 {
            let id = AccountId::random().to_string();
            assert_eq!(id.len(), 12);
            assert!(id.parse::<AccountId>().is_ok());
        }
    }
}
