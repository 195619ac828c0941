//! ACM Private CA's operations (`ACMPrivateCA.*`, ACM-API.md §4.2) on the
//! private authorities of the region. The region's public authority plays
//! Amazon's CA, which ACM Private CA does not know: it is not listed, and
//! its ARN is not found.

use serde_json::{Value, json};

use super::error::api_error;
use super::input::{self, authority_arn, required, str_of};
use super::page::page;
use super::pca_lifecycle as lifecycle;
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
            if !a.has_certificate() {
                return Err(ApiError::new(
                    "InvalidStateException",
                    format!(
                        "The certificate authority {} is in the {} state; it has no certificate yet.",
                        a.arn, a.status
                    ),
                ));
            }
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
        Op::CreateCertificateAuthority => lifecycle::create(scope, input),
        Op::GetCertificateAuthorityCsr => {
            private_authority(scope, input)?;
            lifecycle::csr(scope, input)
        }
        Op::ImportCertificateAuthorityCertificate => {
            private_authority(scope, input)?;
            lifecycle::import_certificate(scope, input)
        }
        Op::IssueCertificate => {
            private_authority(scope, input)?;
            lifecycle::issue(scope, input)
        }
        Op::GetCertificate => {
            private_authority(scope, input)?;
            lifecycle::get_certificate(scope, input)
        }
        Op::UpdateCertificateAuthority => {
            private_authority(scope, input)?;
            lifecycle::update(scope, input)
        }
        Op::DeleteCertificateAuthority => {
            private_authority(scope, input)?;
            lifecycle::delete(scope, input)
        }
        Op::RestoreCertificateAuthority => {
            private_authority(scope, input)?;
            lifecycle::restore(scope, input)
        }
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
    // DELETED authorities are listed until their restore window ends.
    authorities.retain(|a| a.mode == AuthorityMode::Private && !crate::policy::authority::is_gone(a, scope.now));
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

/// RevokeCertificate by serial: certificates the authority signed for
/// CSRs, its subordinates, and the ACM certificates it issued; the CRL is
/// signed again.
fn revoke(scope: &Scope, input: &Value) -> Answer {
    let a = private_authority(scope, input)?;
    let reason: RevocationReason = required(input, "RevocationReason")?
        .parse()
        .map_err(|e: String| ApiError::new("InvalidArgsException", super::error::sentence(&e)))?;
    ops::pca::revoke(scope, &a.arn, required(input, "CertificateSerial")?, reason).map_err(err)?;
    Ok(json!({}))
}
