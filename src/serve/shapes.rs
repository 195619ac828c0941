//! The services' models (`models/*.json`, stripped from botocore's), used to
//! check each input as AWS's Coral front end does before an operation runs:
//! a member of the wrong JSON type is a `SerializationException`, a
//! constraint broken (required, length, range, pattern, enum) a
//! `ValidationException` listing every violation in Coral's words. Outputs
//! are fitted to the model on the way out: timestamps become epoch seconds,
//! members the model lacks and nulls are dropped.

use std::collections::HashMap;
use std::sync::OnceLock;

use base64::Engine;
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::serve::error::ApiError;
use crate::serve::operation::{Operation, Service};

#[derive(Deserialize)]
struct RawModel {
    operations: HashMap<String, RawOperation>,
    shapes: HashMap<String, RawShape>,
}

#[derive(Deserialize)]
struct RawOperation {
    input: Option<String>,
    output: Option<String>,
}

#[derive(Deserialize)]
struct RawRef {
    shape: String,
}

#[derive(Deserialize)]
struct RawShape {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    members: Vec<(String, RawRef)>,
    #[serde(default)]
    required: Vec<String>,
    min: Option<i64>,
    max: Option<i64>,
    pattern: Option<String>,
    #[serde(rename = "enum")]
    enum_values: Option<Vec<String>>,
    member: Option<RawRef>,
    #[serde(default)]
    sensitive: bool,
}

#[derive(Debug)]
pub enum Kind {
    Structure { members: Vec<(String, usize)>, required: Vec<String> },
    List { member: usize },
    String,
    Blob,
    Integer,
    Long,
    Boolean,
    Timestamp,
}

#[derive(Debug)]
pub struct Shape {
    pub name: String,
    pub kind: Kind,
    pub min: Option<i64>,
    pub max: Option<i64>,
    /// The pattern as the model writes it (Java syntax), for messages.
    pub pattern: Option<String>,
    matcher: Option<regex::Regex>,
    pub enum_values: Option<Vec<String>>,
    pub sensitive: bool,
}

#[derive(Debug)]
pub struct Model {
    operations: HashMap<String, (Option<usize>, Option<usize>)>,
    shapes: Vec<Shape>,
}

/// The model of a service, parsed on first use.
pub fn model(service: Service) -> &'static Model {
    static ACM: OnceLock<Model> = OnceLock::new();
    static PCA: OnceLock<Model> = OnceLock::new();
    match service {
        Service::Acm => ACM.get_or_init(|| Model::parse(include_str!("models/acm.json"))),
        Service::Pca => PCA.get_or_init(|| Model::parse(include_str!("models/acm-pca.json"))),
    }
}

/// Java's regular expressions, as the models write them, in the syntax of
/// the `regex` crate: `\w` is ASCII in Java, and the one look-ahead the
/// models use (a DNS label not starting with `-`) is spelled out.
pub fn translate_pattern(java: &str) -> String {
    let java = java
        .replace("(?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9]", "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
        .replace("(?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9]", "[A-Za-z0-9][A-Za-z0-9-]{0,61}[A-Za-z0-9]");
    let mut out = String::with_capacity(java.len() + 16);
    let mut in_class = false;
    let mut chars = java.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('w') if in_class => out.push_str("0-9A-Za-z_"),
                Some('w') => out.push_str("[0-9A-Za-z_]"),
                Some(e) => {
                    out.push('\\');
                    out.push(e);
                }
                None => out.push_str("\\\\"),
            },
            '[' if !in_class => {
                in_class = true;
                out.push(c);
                // A ']' first in a class is a literal in Java as here.
                if chars.peek() == Some(&'^') {
                    out.push(chars.next().unwrap_or('^'));
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    format!(r"\A(?:{out})\z")
}

impl Model {
    fn parse(text: &str) -> Model {
        // The models are part of the binary and tested: a failure here is a
        // build that was never tested.
        let raw: RawModel = serde_json::from_str(text).expect("the embedded service model parses");
        let mut names: Vec<&String> = raw.shapes.keys().collect();
        names.sort();
        let index: HashMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (n.as_str(), i)).collect();
        let at = |name: &str| index.get(name).copied().expect("the model's shape references resolve");
        let shapes = names
            .iter()
            .map(|name| {
                let s = &raw.shapes[*name];
                let kind = match s.kind.as_str() {
                    "structure" => Kind::Structure {
                        members: s.members.iter().map(|(m, r)| (m.clone(), at(&r.shape))).collect(),
                        required: s.required.clone(),
                    },
                    "list" => Kind::List { member: at(&s.member.as_ref().expect("a list has a member").shape) },
                    "blob" => Kind::Blob,
                    "integer" => Kind::Integer,
                    "long" => Kind::Long,
                    "boolean" => Kind::Boolean,
                    "timestamp" => Kind::Timestamp,
                    _ => Kind::String,
                };
                let matcher = s.pattern.as_deref().and_then(|p| regex::Regex::new(&translate_pattern(p)).ok());
                Shape {
                    name: (*name).clone(),
                    kind,
                    min: s.min,
                    max: s.max,
                    pattern: s.pattern.clone(),
                    matcher,
                    enum_values: s.enum_values.clone(),
                    sensitive: s.sensitive,
                }
            })
            .collect();
        let operations = raw
            .operations
            .iter()
            .map(|(name, op)| (name.clone(), (op.input.as_deref().map(at), op.output.as_deref().map(at))))
            .collect();
        Model { operations, shapes }
    }

    pub fn operation_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.operations.keys().map(String::as_str).collect();
        names.sort_unstable();
        names
    }

    pub fn shapes(&self) -> &[Shape] {
        &self.shapes
    }

    fn input(&self, op: &str) -> Option<usize> {
        self.operations.get(op).and_then(|(i, _)| *i)
    }

    fn output(&self, op: &str) -> Option<usize> {
        self.operations.get(op).and_then(|(_, o)| *o)
    }
}

/// Checks an operation's input: the JSON types first (SerializationException),
/// then every constraint (one ValidationException naming all violations).
pub fn validate_input(op: Operation, input: &Value) -> Result<(), ApiError> {
    let model = model(op.service());
    let Some(shape) = model.input(op.name()) else { return Ok(()) };
    check_types(model, shape, input, "")?;
    let mut violations = Vec::new();
    check_constraints(model, shape, input, "", &mut violations);
    if violations.is_empty() {
        return Ok(());
    }
    let n = violations.len();
    Err(ApiError::validation(format!(
        "{n} validation error{} detected: {}",
        if n == 1 { "" } else { "s" },
        violations.join("; ")
    )))
}

/// `CertificateArn` → `certificateArn`, as Coral names members.
pub fn lower_camel(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map(|c| c.to_ascii_lowercase().to_string() + chars.as_str()).unwrap_or_default()
}

fn join(path: &str, member: &str) -> String {
    if path.is_empty() { lower_camel(member) } else { format!("{path}.{}", lower_camel(member)) }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a structure",
    }
}

fn check_types(model: &Model, shape: usize, v: &Value, path: &str) -> Result<(), ApiError> {
    let s = &model.shapes[shape];
    let at = if path.is_empty() { String::new() } else { format!(" at '{path}'") };
    let wrong = |expected: &str| ApiError::serialization(format!("Expected {expected}{at}, found {}.", json_kind(v)));
    if v.is_null() {
        return Ok(()); // null is absent: `required` reports it.
    }
    match &s.kind {
        Kind::Structure { members, .. } => {
            let Value::Object(map) = v else { return Err(wrong("a structure")) };
            for (name, member) in members {
                if let Some(value) = map.get(name) {
                    check_types(model, *member, value, &join(path, name))?;
                }
            }
        }
        Kind::List { member } => {
            let Value::Array(items) = v else { return Err(wrong("a list")) };
            for (i, item) in items.iter().enumerate() {
                check_types(model, *member, item, &format!("{path}.{}.member", i + 1))?;
            }
        }
        Kind::String => {
            if !v.is_string() {
                return Err(wrong("a string"));
            }
        }
        Kind::Blob => {
            let Value::String(text) = v else { return Err(wrong("a base64 string (blob)")) };
            if base64::engine::general_purpose::STANDARD.decode(text).is_err() {
                return Err(ApiError::serialization(format!(
                    "Expected base64-encoded data{at}, found text that is not base64."
                )));
            }
        }
        Kind::Integer => {
            if v.as_i64().is_none_or(|n| i32::try_from(n).is_err()) {
                return Err(wrong("an integer (32 bits)"));
            }
        }
        Kind::Long => {
            if v.as_i64().is_none() {
                return Err(wrong("an integer (64 bits)"));
            }
        }
        Kind::Boolean => {
            if !v.is_boolean() {
                return Err(wrong("a boolean"));
            }
        }
        Kind::Timestamp => {
            if !v.is_number() {
                return Err(wrong("a timestamp in epoch seconds"));
            }
        }
    }
    Ok(())
}

/// A value as Coral quotes it in a message; None when it is not shown
/// (sensitive members, blobs, structures, and anything long).
fn shown(s: &Shape, v: &Value) -> Option<String> {
    if s.sensitive {
        return None;
    }
    let text = match (&s.kind, v) {
        (_, Value::String(t)) if !matches!(s.kind, Kind::Blob) => t.clone(),
        (_, Value::Number(n)) => n.to_string(),
        (_, Value::Bool(b)) => b.to_string(),
        (Kind::List { .. }, Value::Array(items)) => {
            let parts: Vec<String> = items
                .iter()
                .map(|i| match i {
                    Value::String(t) => t.clone(),
                    other => other.to_string(),
                })
                .collect();
            format!("[{}]", parts.join(", "))
        }
        _ => return None,
    };
    (text.len() <= 1024).then_some(text)
}

fn violation(s: &Shape, v: &Value, path: &str, rule: &str) -> String {
    match (v, shown(s, v)) {
        (Value::Null, _) => format!("Value null at '{path}' failed to satisfy constraint: {rule}"),
        (_, Some(text)) => format!("Value '{text}' at '{path}' failed to satisfy constraint: {rule}"),
        (_, None) => format!("Value at '{path}' failed to satisfy constraint: {rule}"),
    }
}

fn check_constraints(model: &Model, shape: usize, v: &Value, path: &str, out: &mut Vec<String>) {
    let s = &model.shapes[shape];
    let length = match (&s.kind, v) {
        (Kind::String, Value::String(t)) => Some(t.encode_utf16().count() as i64),
        (Kind::Blob, Value::String(t)) => {
            base64::engine::general_purpose::STANDARD.decode(t).ok().map(|b| b.len() as i64)
        }
        (Kind::List { .. }, Value::Array(items)) => Some(items.len() as i64),
        _ => None,
    };
    if let Some(len) = length {
        if let Some(min) = s.min.filter(|m| len < *m) {
            out.push(violation(s, v, path, &format!("Member must have length greater than or equal to {min}")));
        }
        if let Some(max) = s.max.filter(|m| len > *m) {
            out.push(violation(s, v, path, &format!("Member must have length less than or equal to {max}")));
        }
    }
    if let (Kind::Integer | Kind::Long, Some(n)) = (&s.kind, v.as_i64()) {
        if let Some(min) = s.min.filter(|m| n < *m) {
            out.push(violation(s, v, path, &format!("Member must have value greater than or equal to {min}")));
        }
        if let Some(max) = s.max.filter(|m| n > *m) {
            out.push(violation(s, v, path, &format!("Member must have value less than or equal to {max}")));
        }
    }
    if let (Some(matcher), Some(pattern), Value::String(t)) = (&s.matcher, &s.pattern, v)
        && matches!(s.kind, Kind::String)
        && !matcher.is_match(t)
    {
        out.push(violation(s, v, path, &format!("Member must satisfy regular expression pattern: {pattern}")));
    }
    if let (Some(values), Value::String(t)) = (&s.enum_values, v)
        && !values.contains(t)
    {
        out.push(violation(s, v, path, &format!("Member must satisfy enum value set: [{}]", values.join(", "))));
    }
    match (&s.kind, v) {
        (Kind::Structure { members, required }, Value::Object(map)) => {
            for (name, member) in members {
                let value = map.get(name).unwrap_or(&Value::Null);
                let member_path = join(path, name);
                if value.is_null() {
                    if required.contains(name) {
                        out.push(format!(
                            "Value null at '{member_path}' failed to satisfy constraint: Member must not be null"
                        ));
                    }
                    continue;
                }
                check_constraints(model, *member, value, &member_path, out);
            }
        }
        (Kind::List { member }, Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let item_path = format!("{path}.{}.member", i + 1);
                if item.is_null() {
                    out.push(format!(
                        "Value null at '{item_path}' failed to satisfy constraint: Member must not be null"
                    ));
                } else {
                    check_constraints(model, *member, item, &item_path, out);
                }
            }
        }
        _ => {}
    }
}

/// Fits an operation's output to its model: RFC 3339 strings in timestamp
/// members become epoch seconds (ACM-API.md §2.3), and members the model
/// lacks, nulls and empty `NextToken`s are dropped (§2.2, §2.4, §5.2).
pub fn conform_output(op: Operation, output: &mut Value) {
    let model = model(op.service());
    match model.output(op.name()) {
        Some(shape) => conform(model, shape, output),
        // No output in the model: the answer is `{}`.
        None => *output = Value::Object(Map::new()),
    }
}

fn conform(model: &Model, shape: usize, v: &mut Value) {
    match (&model.shapes[shape].kind, v) {
        (Kind::Structure { members, .. }, Value::Object(map)) => {
            let kept: Map<String, Value> = std::mem::take(map)
                .into_iter()
                .filter(|(k, v)| !(v.is_null() || k == "NextToken" && v.as_str() == Some("")))
                .filter_map(|(k, mut v)| {
                    let (_, member) = members.iter().find(|(m, _)| *m == k)?;
                    conform(model, *member, &mut v);
                    Some((k, v))
                })
                .collect();
            *map = kept;
        }
        (Kind::List { member }, Value::Array(items)) => {
            items.retain(|i| !i.is_null());
            for item in items {
                conform(model, *member, item);
            }
        }
        (Kind::Timestamp, v @ Value::String(_)) => {
            let parsed = v
                .as_str()
                .and_then(|s| time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok());
            if let Some(t) = parsed {
                *v = crate::serve::json::epoch_seconds(t);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests;
