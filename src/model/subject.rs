//! An authority's subject, as ACM Private CA's `ASN1Subject` gives it: the
//! attributes acmctl writes into a certificate.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subject {
    /// Two letters (ISO 3166).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organizational_unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locality: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub common_name: Option<String>,
}

impl Subject {
    /// Checks the attributes as ACM Private CA bounds them: a two-letter
    /// country, the others 1 to 64 characters, and at least one given.
    pub fn check(&self) -> Result<(), String> {
        if let Some(c) = &self.country
            && !(c.len() == 2 && c.chars().all(|ch| ch.is_ascii_uppercase()))
        {
            return Err(format!("country '{}' is not a two-letter code such as US", crate::text::escape(c)));
        }
        let fields = [
            ("organization", &self.organization),
            ("organizational unit", &self.organizational_unit),
            ("state", &self.state),
            ("locality", &self.locality),
            ("common name", &self.common_name),
        ];
        for (name, v) in fields {
            if let Some(v) = v
                && (v.is_empty() || v.chars().count() > 64 || v.chars().any(char::is_control))
            {
                return Err(format!("the subject's {name} '{}' must be 1 to 64 characters", crate::text::escape(v)));
            }
        }
        if fields.iter().all(|(_, v)| v.is_none()) && self.country.is_none() {
            return Err("the subject names nothing; give at least a common name".into());
        }
        Ok(())
    }
}
