//! AWS region names. ACM is regional, so every resource carries one, and a
//! typo in a region must be caught before it becomes a directory name.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The regions of the standard `aws` partition, the one whose ARNs start
/// with `arn:aws:`.
pub const REGIONS: &[&str] = &[
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
];

/// The region CloudFront and edge-optimized API Gateway take certificates from.
pub const GLOBAL_SERVICES_REGION: Region = Region("us-east-1");

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Region(&'static str);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{}' is not an AWS region (for example us-east-1, eu-west-2, ap-southeast-2)", crate::text::escape(.0))]
pub struct UnknownRegion(pub String);

impl Region {
    pub fn as_str(&self) -> &'static str {
        self.0
    }

    pub fn all() -> impl Iterator<Item = Region> {
        REGIONS.iter().map(|r| Region(r))
    }
}

impl Default for Region {
    fn default() -> Self {
        GLOBAL_SERVICES_REGION
    }
}

impl FromStr for Region {
    type Err = UnknownRegion;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        REGIONS.iter().find(|r| **r == s).map(|r| Region(r)).ok_or_else(|| UnknownRegion(s.to_string()))
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl Serialize for Region {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for Region {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_regions_parse_and_print_back() {
        for name in REGIONS {
            assert_eq!(name.parse::<Region>().unwrap().to_string(), *name);
        }
    }

    #[test]
    fn unknown_and_malformed_names_are_refused() {
        for bad in ["", "us-east", "US-EAST-1", "us-east-1 ", "mars-north-1", "../etc"] {
            assert!(bad.parse::<Region>().is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn table_is_sorted_and_unique() {
        let mut sorted = REGIONS.to_vec();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted, REGIONS);
    }
}
