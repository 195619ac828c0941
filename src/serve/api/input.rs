//! Reading an operation's input once the model has checked it: members are
//! of their JSON types and required ones present, so these only pick them
//! out and turn them into acmctl's types, refusing what the model allows
//! but acmctl does not (an ARN that is not a certificate's, a tag key in
//! `aws:`) with the error the API has for it.

use std::str::FromStr;

use base64::Engine;
use serde_json::Value;

use crate::model::{AuthorityArn, CertificateArn, Tag};
use crate::policy::tags::TagMatch;
use crate::serve::error::ApiError;

pub fn str_of<'a>(input: &'a Value, member: &str) -> Option<&'a str> {
    input.get(member).and_then(Value::as_str)
}

/// A required member: the model's check has refused its absence already,
/// so a missing one is answered as the model would.
pub fn required<'a>(input: &'a Value, member: &str) -> Result<&'a str, ApiError> {
    str_of(input, member).ok_or_else(|| {
        ApiError::validation(format!(
            "1 validation error detected: Value null at '{}' failed to satisfy constraint: Member must not be null",
            crate::serve::shapes::lower_camel(member)
        ))
    })
}

pub fn strings<'a>(input: &'a Value, member: &str) -> Vec<&'a str> {
    input
        .get(member)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

pub fn int_of(input: &Value, member: &str) -> Option<i64> {
    input.get(member).and_then(Value::as_i64)
}

/// A blob member: base64 in JSON, bytes here (the model's check has
/// decoded it once already).
pub fn blob(input: &Value, member: &str) -> Result<Option<Vec<u8>>, ApiError> {
    let Some(text) = str_of(input, member) else { return Ok(None) };
    base64::engine::general_purpose::STANDARD.decode(text).map(Some).map_err(|_| {
        ApiError::serialization(format!(
            "Expected base64-encoded data at '{}'.",
            crate::serve::shapes::lower_camel(member)
        ))
    })
}

fn invalid_arn(arn: &str, why: impl std::fmt::Display) -> ApiError {
    ApiError::new("InvalidArnException", format!("The ARN {arn} is not valid: {why}."))
}

pub fn certificate_arn(text: &str) -> Result<CertificateArn, ApiError> {
    CertificateArn::from_str(text).map_err(|e| invalid_arn(text, e))
}

pub fn authority_arn(text: &str) -> Result<AuthorityArn, ApiError> {
    AuthorityArn::from_str(text).map_err(|e| invalid_arn(text, e))
}

/// `[{Key, Value}]` as tags, each checked as ACM checks tags.
pub fn tags(input: &Value, member: &str) -> Result<Vec<Tag>, ApiError> {
    let Some(items) = input.get(member).and_then(Value::as_array) else { return Ok(Vec::new()) };
    items
        .iter()
        .map(|t| {
            let key = str_of(t, "Key").unwrap_or("");
            let value = str_of(t, "Value").unwrap_or("");
            Tag::new(key, value)
                .map_err(|why| ApiError::new("InvalidTagException", crate::serve::api::error::sentence(&why)))
        })
        .collect()
}

/// Tags to remove: a key, with the value it must have when one is given.
pub fn tag_matches(input: &Value, member: &str) -> Result<Vec<TagMatch>, ApiError> {
    let Some(items) = input.get(member).and_then(Value::as_array) else { return Ok(Vec::new()) };
    items
        .iter()
        .map(|t| match t {
            // UntagResource's TagKeys: keys alone.
            Value::String(key) => tag_match(key, None),
            _ => tag_match(str_of(t, "Key").unwrap_or(""), str_of(t, "Value")),
        })
        .collect()
}

fn tag_match(key: &str, value: Option<&str>) -> Result<TagMatch, ApiError> {
    Tag::new(key, value.unwrap_or(""))
        .map_err(|why| ApiError::new("InvalidTagException", crate::serve::api::error::sentence(&why)))?;
    Ok(TagMatch { key: key.to_string(), value: value.map(str::to_string) })
}

/// A member acmctl takes only at its default: the default passes, any
/// other value is refused naming the member (ACM-API.md §12).
pub fn only_default(input: &Value, member: &str, defaults: &[&str]) -> Result<(), ApiError> {
    match str_of(input, member) {
        Some(v) if !defaults.contains(&v) => Err(ApiError::validation(format!(
            "{member} '{v}' is not supported by acmctl{}.",
            match defaults {
                [] => String::new(),
                [d] => format!("; leave it out or give {d}"),
                _ => format!("; leave it out or give one of {}", defaults.join(", ")),
            }
        ))),
        _ => Ok(()),
    }
}
