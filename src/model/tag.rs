//! `--tags Key=Value`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    #[serde(rename = "Key")]
    pub key: String,
    #[serde(rename = "Value")]
    pub value: String,
}

impl FromStr for Tag {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let (key, value) = s.split_once('=').unwrap_or((s, ""));
        if key.is_empty() || key.len() > 128 {
            return Err(format!("tag '{s}' needs a key of 1 to 128 characters, as KEY=VALUE"));
        }
        if value.len() > 256 {
            return Err(format!("tag '{key}' has a value over 256 characters"));
        }
        if key.to_ascii_lowercase().starts_with("aws:") {
            return Err(format!("tag key '{key}' uses the reserved prefix 'aws:'"));
        }
        Ok(Tag { key: key.to_string(), value: value.to_string() })
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.key, self.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_key_value() {
        let t: Tag = "team=payments=eu".parse().unwrap();
        assert_eq!((t.key.as_str(), t.value.as_str()), ("team", "payments=eu"));
        let t: Tag = "flag".parse().unwrap();
        assert_eq!(t.value, "");
        assert!("=x".parse::<Tag>().is_err());
        assert!("aws:owner=me".parse::<Tag>().is_err());
    }
}
