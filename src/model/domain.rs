//! Domain names as `RequestCertificate` accepts them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub const MAX_NAME_LEN: usize = 253;
pub const MAX_LABEL_LEN: usize = 63;
/// The first name becomes the subject common name, which X.509 caps at 64.
pub const MAX_COMMON_NAME_LEN: usize = 64;

/// A fully qualified domain name, lowercased, with an optional leading `*.`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DomainName(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("domain name '{}' is invalid: {}", crate::text::escape(name), crate::text::escape(reason))]
pub struct InvalidDomain {
    pub name: String,
    pub reason: String,
}

impl DomainName {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_wildcard(&self) -> bool {
        self.0.starts_with("*.")
    }

    /// The name without its `*.` label: the domain whose control is proven
    /// for both `*.example.com` and `example.com`.
    pub fn base(&self) -> &str {
        self.0.strip_prefix("*.").unwrap_or(&self.0)
    }
}

impl FromStr for DomainName {
    type Err = InvalidDomain;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let fail = |reason: &str| InvalidDomain { name: s.to_string(), reason: reason.to_string() };
        if s.is_empty() {
            return Err(fail("it is empty"));
        }
        if s.len() > MAX_NAME_LEN {
            return Err(fail(&format!("it is {} characters long; the limit is {MAX_NAME_LEN}", s.len())));
        }
        let rest = s.strip_prefix("*.").unwrap_or(s);
        if rest.contains('*') {
            return Err(fail("a wildcard is allowed only as the whole leftmost label ('*.example.com')"));
        }
        if s.ends_with('.') {
            return Err(fail("it ends with a dot; give the name without the trailing root dot"));
        }
        let labels: Vec<&str> = rest.split('.').collect();
        if labels.len() < 2 {
            return Err(fail("it needs at least two labels, like 'example.com'"));
        }
        for label in &labels {
            if label.is_empty() {
                return Err(fail("it has an empty label (two dots in a row, or a leading dot)"));
            }
            if label.len() > MAX_LABEL_LEN {
                return Err(fail(&format!(
                    "label '{label}' is {} characters long; the limit is {MAX_LABEL_LEN}",
                    label.len()
                )));
            }
            if let Some(c) = label.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-')) {
                return Err(fail(&format!(
                    "label '{label}' contains '{}'; only letters, digits and hyphens are allowed",
                    c.escape_default()
                )));
            }
            if label.starts_with('-') || label.ends_with('-') {
                return Err(fail(&format!("label '{label}' starts or ends with a hyphen")));
            }
        }
        if labels.last().is_some_and(|tld| tld.len() < 2) {
            return Err(fail("its last label must be at least two characters"));
        }
        Ok(DomainName(s.to_ascii_lowercase()))
    }
}

impl fmt::Display for DomainName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for DomainName {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for DomainName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_names() {
        for ok in [
            "example.com",
            "www.example.com",
            "*.example.com",
            "a-b.c-d.io",
            "xn--bcher-kva.example",
            "1.2.example.com",
            &format!("{}.com", "a".repeat(63)),
        ] {
            assert!(ok.parse::<DomainName>().is_ok(), "{ok:?} was refused");
        }
        assert_eq!("WWW.Example.COM".parse::<DomainName>().unwrap().as_str(), "www.example.com");
    }

    #[test]
    fn invalid_names() {
        let long_name = format!("{}.com", ["abcdefghij"; 25].join("."));
        let long_label = format!("{}.com", "a".repeat(64));
        for (bad, why) in [
            ("", "empty"),
            ("com", "two labels"),
            ("example.com.", "trailing root dot"),
            ("*.*.example.com", "wildcard"),
            ("www.*.example.com", "wildcard"),
            ("*example.com", "wildcard"),
            ("ex*ample.com", "wildcard"),
            ("-a.example.com", "hyphen"),
            ("a-.example.com", "hyphen"),
            ("a..example.com", "empty label"),
            (".example.com", "empty label"),
            ("exa_mple.com", "contains '_'"),
            ("exa mple.com", "contains ' '"),
            ("ex\u{e9}.com", "contains"),
            ("example.c", "at least two characters"),
            (long_name.as_str(), "the limit is 253"),
            (long_label.as_str(), "the limit is 63"),
        ] {
            let err = bad.parse::<DomainName>().expect_err(bad);
            assert!(err.to_string().contains(why), "{bad:?}: {err}");
        }
    }

    #[test]
    fn wildcard_shares_its_base() {
        let w: DomainName = "*.example.com".parse().unwrap();
        assert!(w.is_wildcard());
        assert_eq!(w.base(), "example.com");
        let b: DomainName = "example.com".parse().unwrap();
        assert_eq!(b.base(), w.base());
    }
}
