//! ACM Private CA's operations (`ACMPrivateCA.*`, ACM-API.md §4.2) on the
//! private authorities of the region. The region's public authority plays
//! Amazon's CA, which ACM Private CA does not know: it is not listed, and
//! its ARN is not found.

use serde_json::{Value, json};

use super::error::api_error;
use super::input::{self, authority_arn, required, str_of};
use super::page::page;
use super::{OpsApi, shape};
use crate::error::Error;
use crate::model::{AuthorityArn, AuthorityMode, AuthorityRecord, RevocationReason};
use crate::ops::{self, Scope};
use crate::serve::error::ApiError;
use crate::serve::operation::{PcaOperation as Op, Service};

type Answer = Result<Value, ApiError>;

fn err(e: Error) -> ApiError {
    api_error(Service::Pca, &e)
}

pub fn call(api: &OpsApi, scope: &Scope, op: Op, input: &Value) -> Answer {
    let _ = api;
    match op {
        Op::DescribeCertificateAuthority => {
            let a = private_authority(scope, input)?;
            Ok(json!({"CertificateAuthority": shape::authority_detail(&a, scope.now)}))
        }
        Op::ListCertificateAuthorities => list(scope, input),
        Op::GetCertificateAuthorityCertificate => {
            let a = private_authority(scope, input)?;
            let (certificate, chain) = ops::authority::certificate(scope, &a.arn).map_err(err)?;
            let mut out = json!({"Certificate": certificate});
            if !chain.is_empty() {
                out["CertificateChain"] = json!(chain);
            }
            Ok(out)
        }
        Op::TagCertificateAuthority => {
            let a = private_authority(scope, input)?;
            ops::tags::add(scope, ops::tags::Tagged::Authority(a.arn), &input::tags(input, "Tags")?).map_err(err)?;
            Ok(json!({}))
        }
        Op::UntagCertificateAuthority => {
            let a = private_authority(scope, input)?;
            let matches = input::tag_matches(input, "Tags")?;
            ops::tags::remove(scope, ops::tags::Tagged::Authority(a.arn), &matches).map_err(err)?;
            Ok(json!({}))
        }
        Op::ListTags => list_tags(scope, input),
        Op::RevokeCertificate => revoke(scope, input),
        other => Err(ApiError::unsupported(crate::serve::operation::Operation::Pca(other))),
    }
}

fn not_found(arn: &AuthorityArn) -> ApiError {
    ApiError::new("ResourceNotFoundException", format!("Could not find certificate authority {arn}."))
}

/// The authority of `CertificateAuthorityArn`: a private one of the region.
fn private_authority(scope: &Scope, input: &Value) -> Result<AuthorityRecord, ApiError> {
    let arn = authority_arn(required(input, "CertificateAuthorityArn")?)?;
    let a = ops::authority::describe(scope, &arn).map_err(err)?;
    if a.mode != AuthorityMode::Private {
        return Err(not_found(&arn));
    }
    Ok(a)
}

fn list(scope: &Scope, input: &Value) -> Answer {
    let mut authorities: Vec<AuthorityRecord> = ops::authority::list(scope).map_err(err)?;
    authorities.retain(|a| a.mode == AuthorityMode::Private);
    // Every authority of the store is the account's own.
    if str_of(input, "ResourceOwner") == Some("OTHER_ACCOUNTS") {
        authorities.clear();
    }
    let max = input::int_of(input, "MaxResults").unwrap_or(1000).clamp(1, 1000) as usize;
    let key = |a: &AuthorityRecord| (a.created_at, a.arn.to_string());
    let p = page(Service::Pca, "ListCertificateAuthorities", input, authorities, key, max, false)?;
    let items: Vec<Value> = p.items.iter().map(|a| shape::authority_detail(a, scope.now)).collect();
    let mut out = json!({"CertificateAuthorities": items});
    if let Some(t) = p.next_token {
        out["NextToken"] = json!(t);
    }
    Ok(out)
}

/// ListTags pages too: tags keep the order they were added in, so a page
/// ends at a key, and the next starts after it.
fn list_tags(scope: &Scope, input: &Value) -> Answer {
    let a = private_authority(scope, input)?;
    let tags = ops::tags::list(scope, ops::tags::Tagged::Authority(a.arn)).map_err(err)?;
    let indexed: Vec<(usize, crate::model::Tag)> = tags.into_iter().enumerate().collect();
    let max = input::int_of(input, "MaxResults").unwrap_or(1000).clamp(1, 1000) as usize;
    // The position is the key: a tag keeps its place while it exists.
    let key = |(i, _): &(usize, crate::model::Tag)| {
        (time::OffsetDateTime::UNIX_EPOCH + time::Duration::seconds(*i as i64), String::new())
    };
    let p = page(Service::Pca, "ListTags", input, indexed, key, max, false)?;
    let items: Vec<&crate::model::Tag> = p.items.iter().map(|(_, t)| t).collect();
    let mut out = json!({"Tags": items});
    if let Some(t) = p.next_token {
        out["NextToken"] = json!(t);
    }
    Ok(out)
}

/// A serial as Terraform sends it (`%x`: lowercase, no colons or leading
/// zeros) or as a certificate shows it (`0a:1b:…`), in one spelling.
pub fn normal_serial(serial: &str) -> String {
    let hex: String = serial.chars().filter(|c| *c != ':').collect::<String>().to_ascii_lowercase();
    let trimmed = hex.trim_start_matches('0');
    if trimmed.is_empty() { "0".into() } else { trimmed.into() }
}

/// RevokeCertificate by serial, for the ACM certificates the authority
/// issued (ACM-API.md §4.2); the CRL is signed again.
fn revoke(scope: &Scope, input: &Value) -> Answer {
    let a = private_authority(scope, input)?;
    let serial = normal_serial(required(input, "CertificateSerial")?);
    let reason: RevocationReason = required(input, "RevocationReason")?
        .parse()
        .map_err(|e: String| ApiError::new("InvalidArgsException", super::error::sentence(&e)))?;
    if normal_serial(&a.serial) == serial && a.parent.is_none() {
        return Err(ApiError::new("InvalidRequestException", "Self-signed certificate can not be revoked."));
    }
    if a.revoked.iter().any(|r| normal_serial(&r.serial) == serial) {
        return Err(ApiError::new(
            "RequestAlreadyProcessedException",
            format!("The certificate with serial {serial} has already been revoked."),
        ));
    }
    let summaries = ops::certificate::list(scope, &ops::certificate::Filter::default()).map_err(err)?;
    let candidates = summaries.iter().filter(|s| s.serial.as_deref().is_some_and(|x| normal_serial(x) == serial));
    for s in candidates {
        let rec = ops::certificate::describe(scope, &s.arn).map_err(err)?;
        if rec.authority != Some(a.arn) {
            continue;
        }
        let passphrase = scope.settings.ca_passphrase().map_err(err)?;
        ops::revoke::revoke(scope, &rec.arn, reason, passphrase.as_ref()).map_err(err)?;
        return Ok(json!({}));
    }
    Err(ApiError::new(
        "ResourceNotFoundException",
        format!("Could not find a certificate with serial {serial} issued by certificate authority {}.", a.arn),
    ))
}

#[cfg(test)]
mod tests {
    use super::normal_serial;

    #[test]
    fn serials_are_compared_in_one_spelling() {
        assert_eq!(normal_serial("0a:1B:00"), "a1b00");
        assert_eq!(normal_serial("a1b00"), "a1b00");
        assert_eq!(normal_serial("00"), "0");
    }
}
