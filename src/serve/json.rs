//! JSON values of the wire protocol: timestamps as epoch seconds (the SDKs
//! for JS and Go fail on strings, ACM-API.md §2.3) and the opaque
//! pagination token (§2.4).

use aws_lc_rs::digest;
use base64::Engine;
use serde_json::{Map, Value};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::serve::error::ApiError;
use crate::serve::operation::Service;

/// A time as JSON 1.1 sends it: epoch seconds, a whole number when the time
/// has no fraction, else with milliseconds.
pub fn epoch_seconds(t: OffsetDateTime) -> Value {
    if t.nanosecond() == 0 {
        Value::from(t.unix_timestamp())
    } else {
        let millis = t.unix_timestamp_nanos() / 1_000_000;
        Value::from(millis as f64 / 1000.0)
    }
}

/// Where the next page starts: after the item with this sort key. Items are
/// listed by (created_at, arn), so the key is unique and survives inserts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageToken {
    pub created_at: OffsetDateTime,
    pub arn: String,
}

/// The members of a list request that select what is listed; the token
/// records their hash so that it is not used with other filters.
fn filters_hash(input: &Value) -> String {
    let mut filters = input.as_object().cloned().unwrap_or_default();
    for paging in ["NextToken", "MaxItems", "MaxResults"] {
        filters.remove(paging);
    }
    let mut canonical = String::new();
    write_canonical(&Value::Object(filters), &mut canonical);
    let hash = digest::digest(&digest::SHA256, canonical.as_bytes());
    crate::serve::sigv4::hex(&hash.as_ref()[..12])
}

/// JSON with object keys sorted, whatever order the map keeps them in.
fn write_canonical(v: &Value, out: &mut String) {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String((*k).clone()).to_string());
                out.push(':');
                write_canonical(&map[*k], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

impl PageToken {
    /// The `NextToken` to return after `self`, for the request `input`.
    pub fn encode(&self, input: &Value) -> String {
        let created_at = crate::clock::rfc3339(self.created_at.to_offset(time::UtcOffset::UTC));
        let mut token = Map::new();
        token.insert("c".into(), Value::String(created_at));
        token.insert("a".into(), Value::String(self.arn.clone()));
        token.insert("h".into(), Value::String(filters_hash(input)));
        let json = serde_json::to_vec(&token).expect("strings serialise");
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
    }

    /// Reads the `NextToken` of `input`, if any. A token that is not one of
    /// ours, or was made for other filters, is refused: ACM answers
    /// `InvalidArgsException`, ACM PCA `InvalidNextTokenException`.
    pub fn decode(service: Service, operation: &str, input: &Value) -> Result<Option<PageToken>, ApiError> {
        let Some(token) = input.get("NextToken").and_then(Value::as_str) else { return Ok(None) };
        let bad = || match service {
            Service::Acm => ApiError::new(
                "InvalidArgsException",
                format!(
                    "The NextToken is not valid. Use the token returned from your previous call to {operation}, with the same filters."
                ),
            ),
            Service::Pca => ApiError::new(
                "InvalidNextTokenException",
                format!(
                    "The token specified in the NextToken argument is not valid. Use the token returned from your previous call to {operation}."
                ),
            ),
        };
        let json = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(token).map_err(|_| bad())?;
        let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(&json) else { return Err(bad()) };
        let field = |k: &str| map.get(k).and_then(Value::as_str).ok_or_else(bad);
        if field("h")? != filters_hash(input) || map.len() != 3 {
            return Err(bad());
        }
        let created_at = OffsetDateTime::parse(field("c")?, &Rfc3339).map_err(|_| bad())?;
        Ok(Some(PageToken { created_at, arn: field("a")?.to_string() }))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn times_are_epoch_seconds() {
        let t = OffsetDateTime::parse("2024-12-04T13:46:40Z", &Rfc3339).unwrap();
        assert_eq!(epoch_seconds(t), json!(1733320000));
        assert_eq!(epoch_seconds(t + time::Duration::milliseconds(250)), json!(1733320000.25));
        assert_eq!(epoch_seconds(OffsetDateTime::UNIX_EPOCH), json!(0));
    }

    #[test]
    fn a_token_round_trips_with_the_same_filters_only() {
        let input = json!({"CertificateStatuses": ["ISSUED"], "Includes": {"keyTypes": ["EC_prime256v1"], "managedBy": "x"}, "MaxItems": 2});
        let token = PageToken {
            created_at: OffsetDateTime::parse("2026-12-04T16:30:00Z", &Rfc3339).unwrap(),
            arn: "arn:aws:acm:us-east-1:123456789012:certificate/0b4d0b1e-7f5e-4f4b-9b7e-2d0b0e6e1c1a".into(),
        };
        let text = token.encode(&input);
        assert!(text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{text}");
        // The next call carries the token, another page size, and its keys in
        // another order: still the same listing.
        let next = json!({"MaxItems": 5, "Includes": {"managedBy": "x", "keyTypes": ["EC_prime256v1"]}, "CertificateStatuses": ["ISSUED"], "NextToken": text});
        assert_eq!(PageToken::decode(Service::Acm, "ListCertificates", &next).unwrap(), Some(token));
        assert_eq!(PageToken::decode(Service::Acm, "ListCertificates", &json!({})).unwrap(), None);
        let other = json!({"CertificateStatuses": ["EXPIRED"], "NextToken": text});
        assert_eq!(
            PageToken::decode(Service::Acm, "ListCertificates", &other).unwrap_err().code,
            "InvalidArgsException"
        );
        for bad in ["", "x", "!!!!", "e30", &text[..text.len() - 2]] {
            let input = json!({"NextToken": bad});
            assert_eq!(
                PageToken::decode(Service::Pca, "ListCertificateAuthorities", &input).unwrap_err().code,
                "InvalidNextTokenException",
                "{bad}"
            );
        }
    }
}
