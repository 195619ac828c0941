//! Verifies AWS Signature Version 4 on JSON 1.1 requests, as ACM-API.md §3
//! says: the signature is recomputed from the request as received and
//! compared in constant time, the scope must name one of acmctl's regions and
//! the service the target belongs to, the clock may be 5 minutes off, and
//! `X-Amz-Target` must be signed (else anyone on the path could turn a
//! signed DescribeCertificate into a DeleteCertificate).
//!
//! The clock is a parameter: the caller passes the system time, never
//! `ACMCTL_NOW`, which only moves certificate statuses.

pub mod authorization;
pub mod canonical;

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::Mutex;
use std::time::SystemTime;

use aws_lc_rs::{digest, hmac};
use time::OffsetDateTime;

use crate::model::Region;
use crate::serve::credentials::Credentials;
use crate::serve::http::Request;
use crate::serve::operation::Service;

pub use authorization::Authorization;

/// AWS allows this much difference between the request's time and its own.
pub const MAX_SKEW_SECONDS: i64 = 300;

/// The authentication errors AWS answers with, all status 400 in serve
/// (ACM-API.md §12).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthErrorCode {
    MissingAuthenticationToken,
    IncompleteSignature,
    InvalidSignature,
    UnrecognizedClient,
}

impl AuthErrorCode {
    /// The `__type` of the error response.
    pub fn as_str(self) -> &'static str {
        match self {
            AuthErrorCode::MissingAuthenticationToken => "MissingAuthenticationTokenException",
            AuthErrorCode::IncompleteSignature => "IncompleteSignatureException",
            AuthErrorCode::InvalidSignature => "InvalidSignatureException",
            AuthErrorCode::UnrecognizedClient => "UnrecognizedClientException",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthError {
    pub code: AuthErrorCode,
    pub message: String,
}

impl AuthError {
    pub fn new(code: AuthErrorCode, message: impl Into<String>) -> Self {
        AuthError { code, message: message.into() }
    }

    fn invalid(message: impl Into<String>) -> Self {
        AuthError::new(AuthErrorCode::InvalidSignature, message)
    }

    fn incomplete(message: impl Into<String>) -> Self {
        AuthError::new(AuthErrorCode::IncompleteSignature, message)
    }
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}

impl std::error::Error for AuthError {}

pub const SIGNATURE_MISMATCH: &str = "The request signature we calculated does not match the signature you provided. \
     Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
pub const UNRECOGNIZED_CLIENT: &str = "The security token included in the request is invalid.";

/// Who sent a request, and where it acts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    /// The credential scope's region (with `--any-credentials` and no
    /// usable scope, the default region).
    pub region: Region,
    /// The access key that signed, when the signature was checked.
    pub access_key_id: Option<String>,
}

type CacheKey = (String, String, Region, Service);

/// Checks requests against the keys of a credentials file, or, with
/// `--any-credentials`, only reads the region from them.
pub struct Verifier {
    credentials: Credentials,
    /// `Some(default region)` under `--any-credentials`.
    any_credentials: Option<Region>,
    /// Signing keys per (access key, date, region, service): deriving one
    /// costs four HMACs.
    keys: Mutex<HashMap<CacheKey, hmac::Key>>,
}

/// More entries than this and the cache starts again (old dates pile up).
const CACHE_LIMIT: usize = 1024;

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("credentials", &self.credentials)
            .field("any_credentials", &self.any_credentials)
            .finish_non_exhaustive()
    }
}

impl Verifier {
    pub fn new(credentials: Credentials) -> Self {
        Verifier { credentials, any_credentials: None, keys: Mutex::new(HashMap::new()) }
    }

    /// `--any-credentials`: any signature, or none, is accepted; the region
    /// comes from the credential scope when there is one, else `default`.
    pub fn any_credentials(default_region: Region) -> Self {
        Verifier {
            credentials: Credentials::default(),
            any_credentials: Some(default_region),
            keys: Mutex::new(HashMap::new()),
        }
    }

    pub fn checks_signatures(&self) -> bool {
        self.any_credentials.is_none()
    }

    /// Verifies `request`, meant for `service` (None when its target names
    /// no service of ours: then either scope service is accepted), at the
    /// system time `now`.
    pub fn verify(&self, request: &Request, service: Option<Service>, now: SystemTime) -> Result<Verified, AuthError> {
        if let Some(default_region) = self.any_credentials {
            return lenient(request, default_region);
        }
        let header = authorization_header(request)?;
        let amz_date = request.header("x-amz-date");
        let date_header = if amz_date.is_some() { "x-amz-date" } else { "date" };
        let date_value = request.header(date_header);
        let auth = authorization::parse(header, date_value.is_some())?;
        for (name, shown) in [("host", "'Host' or ':authority'"), (date_header, ""), ("x-amz-target", "'X-Amz-Target'")]
            .into_iter()
            .chain(request.header("x-amz-security-token").map(|_| ("x-amz-security-token", "'X-Amz-Security-Token'")))
        {
            if !auth.signed_headers.contains(&name) {
                let shown = if shown.is_empty() {
                    if name == "date" { "'Date'".to_string() } else { "'X-Amz-Date'".to_string() }
                } else {
                    shown.to_string()
                };
                return Err(AuthError::incomplete(format!(
                    "{shown} must be a 'SignedHeader' in the AWS Authorization."
                )));
            }
        }
        let raw_date = String::from_utf8_lossy(date_value.unwrap_or_default());
        let time = parse_date(&raw_date, date_header == "date").ok_or_else(|| {
            AuthError::incomplete(format!(
                "Date must be in ISO-8601 'basic format'. Got '{raw_date}'. See http://en.wikipedia.org/wiki/ISO_8601"
            ))
        })?;
        let amz_date = basic(time);
        let scope = check_scope(&auth, &amz_date, service)?;
        check_clock(time, now)?;
        let secret = self
            .credentials
            .get(auth.access_key_id)
            .ok_or_else(|| AuthError::new(AuthErrorCode::UnrecognizedClient, UNRECOGNIZED_CLIENT))?;
        let sent_token = request.header("x-amz-security-token");
        let token_ok = match (&secret.session_token, sent_token) {
            (None, None) => true,
            (Some(expected), Some(sent)) => {
                aws_lc_rs::constant_time::verify_slices_are_equal(expected.expose().as_bytes(), sent).is_ok()
            }
            _ => false,
        };
        if !token_ok {
            return Err(AuthError::new(AuthErrorCode::UnrecognizedClient, UNRECOGNIZED_CLIENT));
        }
        let payload_hash = hex(digest::digest(&digest::SHA256, &request.body).as_ref());
        if let Some(sent) = request.header("x-amz-content-sha256") {
            if sent == b"UNSIGNED-PAYLOAD" {
                return Err(AuthError::invalid(
                    "acmctl serve does not accept UNSIGNED-PAYLOAD: sign the body (x-amz-content-sha256 is its SHA-256).",
                ));
            }
            if sent != payload_hash.as_bytes() {
                return Err(AuthError::invalid(
                    "The provided 'x-amz-content-sha256' header does not match what was computed.",
                ));
            }
        }
        let canonical = canonical::canonical_request(request, &auth.signed_headers, &payload_hash);
        let to_sign = string_to_sign(&amz_date, &scope.string, &canonical);
        let key = self.signing_key(
            auth.access_key_id,
            secret.secret_access_key.expose(),
            auth.date,
            scope.region,
            scope.service,
        );
        let signature = unhex(auth.signature).unwrap_or_default();
        hmac::verify(&key, to_sign.as_bytes(), &signature).map_err(|_| AuthError::invalid(SIGNATURE_MISMATCH))?;
        Ok(Verified { region: scope.region, access_key_id: Some(auth.access_key_id.to_string()) })
    }

    fn signing_key(&self, key_id: &str, secret: &str, date: &str, region: Region, service: Service) -> hmac::Key {
        let cache_key = (key_id.to_string(), date.to_string(), region, service);
        // A poisoned lock only means another thread panicked mid-insert; the
        // map is still a valid cache.
        let mut keys = self.keys.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(key) = keys.get(&cache_key) {
            return key.clone();
        }
        let key = signing_key(secret, date, region.as_str(), service.signing_name());
        if keys.len() >= CACHE_LIMIT {
            keys.clear();
        }
        keys.insert(cache_key, key.clone());
        key
    }
}

fn authorization_header(request: &Request) -> Result<&str, AuthError> {
    let mut values = request.headers_named("authorization");
    let Some(first) = values.next() else {
        let presigned = request.query().split('&').any(|p| p.starts_with("X-Amz-Signature="));
        return Err(if presigned {
            AuthError::incomplete("acmctl serve does not accept presigned requests: sign the Authorization header.")
        } else {
            AuthError::new(AuthErrorCode::MissingAuthenticationToken, "Missing Authentication Token")
        });
    };
    if values.next().is_some() {
        return Err(AuthError::incomplete("A request has one Authorization header, not several."));
    }
    std::str::from_utf8(first).map_err(|_| AuthError::incomplete("The Authorization header is not ASCII."))
}

/// `--any-credentials`: the region of a parsable scope, else the default.
/// A scope naming no region of acmctl's is still refused, since the region is
/// where the request acts.
fn lenient(request: &Request, default_region: Region) -> Result<Verified, AuthError> {
    let parsed = request.header_str("authorization").and_then(|h| authorization::parse(h, true).ok());
    let region = match parsed {
        Some(auth) => Region::from_str(auth.region).map_err(|_| region_error(auth.region))?,
        None => default_region,
    };
    Ok(Verified { region, access_key_id: None })
}

fn region_error(region: &str) -> AuthError {
    AuthError::invalid(format!("Credential should be scoped to a valid region, not '{region}'."))
}

struct Scope {
    string: String,
    region: Region,
    service: Service,
}

fn check_scope(auth: &Authorization<'_>, amz_date: &str, service: Option<Service>) -> Result<Scope, AuthError> {
    if auth.date != &amz_date[..8] {
        return Err(AuthError::invalid(format!(
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{}' != '{}', from '{amz_date}'.",
            auth.date,
            &amz_date[..8]
        )));
    }
    if auth.terminator != "aws4_request" {
        return Err(AuthError::invalid(format!(
            "Credential should be scoped with a valid terminator: 'aws4_request', not '{}'.",
            auth.terminator
        )));
    }
    let region = Region::from_str(auth.region).map_err(|_| region_error(auth.region))?;
    let scoped = Service::from_signing_name(auth.service);
    let service = match (service, scoped) {
        (Some(expected), Some(got)) if expected == got => got,
        (None, Some(got)) => got,
        (Some(expected), _) => {
            return Err(AuthError::invalid(format!(
                "Credential should be scoped to correct service: '{}'.",
                expected.signing_name()
            )));
        }
        (None, None) => {
            return Err(AuthError::invalid(format!(
                "Credential should be scoped to correct service: not '{}'.",
                auth.service
            )));
        }
    };
    let string = format!("{}/{}/{}/aws4_request", auth.date, region.as_str(), service.signing_name());
    Ok(Scope { string, region, service })
}

fn check_clock(time: OffsetDateTime, now: SystemTime) -> Result<(), AuthError> {
    let now = OffsetDateTime::from(now).replace_nanosecond(0).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    let skew = time::Duration::seconds(MAX_SKEW_SECONDS);
    if time < now - skew {
        return Err(AuthError::invalid(format!(
            "Signature expired: {} is now earlier than {} ({} - 5 min.)",
            basic(time),
            basic(now - skew),
            basic(now)
        )));
    }
    if time > now + skew {
        return Err(AuthError::invalid(format!(
            "Signature not yet current: {} is still later than {} ({} + 5 min.)",
            basic(time),
            basic(now + skew),
            basic(now)
        )));
    }
    Ok(())
}

/// `20261204T163000Z`, SigV4's time format.
pub fn basic(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Reads `YYYYMMDDTHHMMSSZ`; a `Date` header may also be an HTTP date
/// (`Fri, 04 Dec 2026 16:30:00 GMT`).
pub fn parse_date(s: &str, http_date_allowed: bool) -> Option<OffsetDateTime> {
    let b = s.as_bytes();
    if b.len() == 16 && b[8] == b'T' && b[15] == b'Z' && b[..8].iter().chain(&b[9..15]).all(u8::is_ascii_digit) {
        let n = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
        let month = time::Month::try_from(n(4..6)? as u8).ok()?;
        let date = time::Date::from_calendar_date(n(0..4)? as i32, month, n(6..8)? as u8).ok()?;
        let clock = time::Time::from_hms(n(9..11)? as u8, n(11..13)? as u8, n(13..15)? as u8).ok()?;
        return Some(date.with_time(clock).assume_utc());
    }
    if http_date_allowed {
        return OffsetDateTime::parse(s, &time::format_description::well_known::Rfc2822).ok();
    }
    None
}

/// `kSigning` = HMAC chain over date, region, service and `aws4_request`,
/// keyed first by `"AWS4" + secret`.
pub fn signing_key(secret: &str, date: &str, region: &str, service: &str) -> hmac::Key {
    let mut k = zeroize::Zeroizing::new(format!("AWS4{secret}").into_bytes());
    for part in [date, region, service, "aws4_request"] {
        let tag = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, &k), part.as_bytes());
        k = zeroize::Zeroizing::new(tag.as_ref().to_vec());
    }
    hmac::Key::new(hmac::HMAC_SHA256, &k)
}

pub fn string_to_sign(amz_date: &str, scope: &str, canonical_request: &[u8]) -> String {
    let hash = hex(digest::digest(&digest::SHA256, canonical_request).as_ref());
    format!("{}\n{amz_date}\n{scope}\n{hash}", authorization::ALGORITHM)
}

pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
}

/// Lower-case hex only, as the SDKs write it; anything else is None and so
/// matches no signature.
fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || !s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok()).collect()
}

#[cfg(test)]
mod tests;
