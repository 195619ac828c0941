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

/// ACM's character class for tag keys and values,
/// `[\p{L}\p{Z}\p{N}_.:/=+\-@]`: letters, space separators, digits and a
/// few marks. No control character, so a tag prints as it is.
pub fn allowed_in_tag(c: char) -> bool {
    let space_separator = matches!(
        c,
        ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    );
    c.is_alphabetic() || c.is_numeric() || space_separator || "_.:/=+-@".contains(c)
}

impl Tag {
    /// A tag as ACM allows it: a key of 1 to 128 characters, a value of at
    /// most 256, both of ACM's characters, and no key in the reserved
    /// `aws:` namespace.
    pub fn new(key: &str, value: &str) -> Result<Tag, String> {
        let shown = crate::text::escape;
        if key.is_empty() || key.chars().count() > 128 {
            return Err(format!("tag key '{}' must be 1 to 128 characters", shown(key)));
        }
        if value.chars().count() > 256 {
            return Err(format!("tag '{}' has a value over 256 characters", shown(key)));
        }
        if let Some(c) = key.chars().chain(value.chars()).find(|c| !allowed_in_tag(*c)) {
            return Err(format!(
                "tag '{}' contains '{}', which ACM does not allow in tags (letters, digits, spaces and _ . : / = + - @)",
                shown(key),
                shown(&c.to_string())
            ));
        }
        if key.to_ascii_lowercase().starts_with("aws:") {
            return Err(format!("tag key '{key}' uses the reserved prefix 'aws:'"));
        }
        Ok(Tag { key: key.to_string(), value: value.to_string() })
    }
}

impl FromStr for Tag {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let (key, value) = s.split_once('=').unwrap_or((s, ""));
        if key.is_empty() || key.chars().count() > 128 {
            return Err(format!("tag '{}' needs a key of 1 to 128 characters, as KEY=VALUE", crate::text::escape(s)));
        }
        Tag::new(key, value)
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

    #[test]
    fn tags_take_acm_characters_only() {
        for ok in ["team=web", "a b=c d", "k=ünïcödé", "path=/a/b:c", "e=x+y@z", "日本=語", "k="] {
            assert!(ok.parse::<Tag>().is_ok(), "{ok}");
        }
        for bad in ["k=a\nb", "k\u{1b}[2J=v", "k=tab\there", "k=semi;colon", "k=\u{202e}", "k=a*b"] {
            let e = bad.parse::<Tag>().unwrap_err();
            assert!(!e.contains('\u{1b}') && !e.contains('\n'), "{e}");
        }
        assert!(Tag::new(&"k".repeat(128), &"v".repeat(256)).is_ok());
        assert!(Tag::new(&"k".repeat(129), "").is_err());
        assert!(Tag::new("k", &"v".repeat(257)).is_err());
    }
}
