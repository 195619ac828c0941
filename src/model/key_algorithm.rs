//! Key algorithms, named as ACM names them (`RSA_2048`, `EC_prime256v1`, …).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyAlgorithm {
    Rsa2048,
    Rsa3072,
    Rsa4096,
    EcPrime256v1,
    EcSecp384r1,
    EcSecp521r1,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "'{}' is not a key algorithm (expected one of RSA_2048, RSA_3072, RSA_4096, EC_prime256v1, EC_secp384r1, EC_secp521r1)",
    crate::text::escape(.0)
)]
pub struct UnknownKeyAlgorithm(pub String);

impl KeyAlgorithm {
    pub const ALL: [KeyAlgorithm; 6] = [
        KeyAlgorithm::Rsa2048,
        KeyAlgorithm::Rsa3072,
        KeyAlgorithm::Rsa4096,
        KeyAlgorithm::EcPrime256v1,
        KeyAlgorithm::EcSecp384r1,
        KeyAlgorithm::EcSecp521r1,
    ];

    /// What `RequestCertificate` accepts; authorities may use all of them.
    pub const FOR_REQUESTS: [KeyAlgorithm; 3] =
        [KeyAlgorithm::Rsa2048, KeyAlgorithm::EcPrime256v1, KeyAlgorithm::EcSecp384r1];

    pub fn as_str(self) -> &'static str {
        match self {
            KeyAlgorithm::Rsa2048 => "RSA_2048",
            KeyAlgorithm::Rsa3072 => "RSA_3072",
            KeyAlgorithm::Rsa4096 => "RSA_4096",
            KeyAlgorithm::EcPrime256v1 => "EC_prime256v1",
            KeyAlgorithm::EcSecp384r1 => "EC_secp384r1",
            KeyAlgorithm::EcSecp521r1 => "EC_secp521r1",
        }
    }

    pub fn is_rsa(self) -> bool {
        matches!(self, KeyAlgorithm::Rsa2048 | KeyAlgorithm::Rsa3072 | KeyAlgorithm::Rsa4096)
    }

    pub fn allowed_for_requests(self) -> bool {
        Self::FOR_REQUESTS.contains(&self)
    }

    /// The `KeyType` filter value of `ListCertificates`, which ACM spells
    /// the same way as the algorithm.
    pub fn key_type(self) -> &'static str {
        self.as_str()
    }
}

impl FromStr for KeyAlgorithm {
    type Err = UnknownKeyAlgorithm;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|a| a.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownKeyAlgorithm(s.to_string()))
    }
}

impl fmt::Display for KeyAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for KeyAlgorithm {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for KeyAlgorithm {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for alg in KeyAlgorithm::ALL {
            assert_eq!(alg.as_str().parse::<KeyAlgorithm>().unwrap(), alg);
        }
        assert_eq!("ec_PRIME256V1".parse::<KeyAlgorithm>().unwrap(), KeyAlgorithm::EcPrime256v1);
        assert!("RSA_1024".parse::<KeyAlgorithm>().is_err());
        assert!("ED25519".parse::<KeyAlgorithm>().is_err());
    }

    #[test]
    fn requests_take_only_acm_request_algorithms() {
        let allowed: Vec<_> = KeyAlgorithm::ALL.into_iter().filter(|a| a.allowed_for_requests()).collect();
        assert_eq!(allowed, KeyAlgorithm::FOR_REQUESTS);
    }
}
