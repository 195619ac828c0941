//! ACM's operations (`CertificateManager.*`, ACM-API.md §4.1), each the
//! operation of `ops` that the CLI command of the same name calls.

use std::str::FromStr;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::error::{api_error, api_error_with};
use super::input::{self, certificate_arn, required, str_of, strings};
use super::page::page;
use super::{OpsApi, shape};
use crate::error::Error;
use crate::model::{
    AuthorityArn, CertificateArn, CertificateOptions, CertificateStatus, CertificateType, DomainName, KeyAlgorithm,
    Preference, RenewalEligibility, RevocationReason, ValidationMethod,
};
use crate::ops::{self, Scope};
use crate::passphrase::Passphrase;
use crate::policy::{self, Rule};
use crate::serve::args::PublicAuthority;
use crate::serve::error::ApiError;
use crate::serve::operation::{AcmOperation as Op, Service};

/// How often DescribeCertificate looks a pending certificate's records up
/// again (ACM-API.md §1): the waiter's first call is immediate, and Terraform
/// polls every few seconds.
const RECHECK_EVERY: Duration = Duration::from_secs(2);

type Answer = Result<Value, ApiError>;

fn err(e: Error) -> ApiError {
    api_error(Service::Acm, &e)
}

pub fn call(api: &OpsApi, scope: &Scope, op: Op, input: &Value) -> Answer {
    match op {
        Op::RequestCertificate => request(api, scope, input),
        Op::DescribeCertificate => describe(api, scope, input),
        Op::ListCertificates => list(scope, input),
        Op::GetCertificate => get(scope, input),
        Op::DeleteCertificate => delete(scope, input),
        Op::ImportCertificate => import(scope, input),
        Op::ExportCertificate => export(scope, input),
        Op::RenewCertificate => renew(scope, input),
        Op::ResendValidationEmail => resend(scope, input),
        Op::AddTagsToCertificate | Op::TagResource => add_tags(scope, input, op),
        Op::RemoveTagsFromCertificate | Op::UntagResource => remove_tags(scope, input, op),
        Op::ListTagsForCertificate | Op::ListTagsForResource => list_tags(scope, input, op),
        Op::GetAccountConfiguration => {
            let c = ops::account::get(scope).map_err(err)?;
            Ok(json!({"ExpiryEvents": {"DaysBeforeExpiry": c.days_before_expiry}}))
        }
        Op::PutAccountConfiguration => put_account_configuration(scope, input),
        Op::UpdateCertificateOptions => update_options(scope, input),
        Op::RevokeCertificate => revoke(scope, input),
        // The transport answers the operations acmctl does not support
        // before they get here.
        other => Err(ApiError::unsupported(crate::serve::operation::Operation::Acm(other))),
    }
}

fn arn_member(input: &Value, member: &str) -> Result<CertificateArn, ApiError> {
    certificate_arn(required(input, member)?)
}

fn invalid_parameter(message: String) -> ApiError {
    ApiError::new("InvalidParameterException", message)
}

fn domain(text: &str) -> Result<DomainName, ApiError> {
    DomainName::from_str(text).map_err(|e| invalid_parameter(super::error::sentence(&e.to_string())))
}

fn preference(v: Option<&str>) -> Option<Preference> {
    v.and_then(|v| Preference::from_str(v).ok())
}

fn passphrase(scope: &Scope) -> Result<Option<Passphrase>, ApiError> {
    scope.settings.ca_passphrase().map_err(err)
}

fn request(api: &OpsApi, scope: &Scope, input: &Value) -> Answer {
    input::only_default(input, "ManagedBy", &[])?;
    input::only_default(input, "CertificateUsage", &["CLIENT_AND_SERVER_AUTH"])?;
    input::only_default(input, "RootHierarchyType", &["N2_AMAZON_MANAGED"])?;
    let domain_name = domain(required(input, "DomainName")?)?;
    let subject_alternative_names = strings(input, "SubjectAlternativeNames")
        .into_iter()
        .map(domain)
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|n| *n != domain_name)
        .collect();
    let authority = match str_of(input, "CertificateAuthorityArn") {
        Some(a) => Some(
            AuthorityArn::from_str(a)
                .map_err(|e| ApiError::new("InvalidArnException", format!("The ARN {a} is not valid: {e}.")))?,
        ),
        None => None,
    };
    let key_algorithm = match str_of(input, "KeyAlgorithm") {
        None => KeyAlgorithm::Rsa2048,
        Some(k) => KeyAlgorithm::from_str(k).map_err(|_| {
            invalid_parameter(format!(
                "KeyAlgorithm {k} is not supported; use RSA_2048, EC_prime256v1 or EC_secp384r1."
            ))
        })?,
    };
    let ct = preference(input.pointer("/Options/CertificateTransparencyLoggingPreference").and_then(Value::as_str));
    let export = preference(input.pointer("/Options/Export").and_then(Value::as_str));
    // Private certificates are always exportable; a public one is when
    // asked for (ACM since June 2025), and that is fixed from then on.
    if authority.is_some() && export == Some(Preference::Disabled) {
        return Err(ApiError::validation(
            "Options.Export DISABLED is not supported by acmctl for a private certificate; leave it out or give ENABLED.",
        ));
    }
    let export = if authority.is_some() { Preference::Enabled } else { export.unwrap_or(Preference::Disabled) };
    let options = Some(CertificateOptions {
        certificate_transparency_logging_preference: ct.unwrap_or(Preference::Enabled),
        export,
    });
    // A private certificate is issued at once: ValidationMethod and
    // DomainValidationOptions say nothing about it.
    let (validation_method, validation_domain) = match authority {
        Some(_) => (None, None),
        None => public_validation(api, scope, input, &domain_name)?,
    };
    let request = ops::request::Request {
        domain_name,
        subject_alternative_names,
        authority,
        validation_method,
        validation_domain,
        key_algorithm,
        idempotency_token: str_of(input, "IdempotencyToken").map(str::to_string),
        tags: input::tags(input, "Tags")?,
        options,
        passphrase: passphrase(scope)?,
    };
    // An approval email that could not be sent leaves the request standing,
    // as it does in ACM: ResendValidationEmail sends it again.
    let done = match request.authority {
        // Issued with the requests for the same authority that arrive
        // with it: one round of syncs for all.
        Some(_) => ops::request::prepare(scope, &request)
            .and_then(|(ca, prepared)| api.batches.issue(scope, ca, request.passphrase.as_ref(), prepared)),
        None => ops::request::request(scope, &request),
    }
    .map_err(err)?;
    Ok(json!({"CertificateArn": done.arn.to_string()}))
}

/// How a public certificate is validated: EMAIL unless DNS is asked for (the
/// API's default), and the validation domain of DomainValidationOptions.
/// Also makes sure the region has its public authority, as ACM always has.
fn public_validation(
    api: &OpsApi,
    scope: &Scope,
    input: &Value,
    domain_name: &DomainName,
) -> Result<(Option<ValidationMethod>, Option<DomainName>), ApiError> {
    let method = match str_of(input, "ValidationMethod") {
        None | Some("EMAIL") => ValidationMethod::Email,
        Some("DNS") => ValidationMethod::Dns,
        Some(other) => {
            return Err(ApiError::validation(format!(
                "ValidationMethod {other} is not supported by acmctl; use DNS or EMAIL."
            )));
        }
    };
    if method == ValidationMethod::Email && scope.settings.smtp_relay().is_none() {
        return Err(invalid_parameter(
            "EMAIL validation needs an SMTP relay, and acmctl serve has none (set ACMCTL_SMTP_RELAY=HOST:PORT); request the certificate with ValidationMethod DNS instead.".into(),
        ));
    }
    let mut validation_domain: Option<DomainName> = None;
    if method == ValidationMethod::Email {
        let names: Vec<String> = std::iter::once(domain_name.to_string())
            .chain(strings(input, "SubjectAlternativeNames").into_iter().map(str::to_string))
            .collect();
        for o in input.get("DomainValidationOptions").and_then(Value::as_array).into_iter().flatten() {
            let (Some(name), Some(vd)) = (str_of(o, "DomainName"), str_of(o, "ValidationDomain")) else { continue };
            if !names.iter().any(|n| n == name) {
                return Err(ApiError::new(
                    "InvalidDomainValidationOptionsException",
                    format!("DomainValidationOptions names {name}, which is not a name of the request."),
                ));
            }
            let vd = DomainName::from_str(vd).map_err(|e| {
                ApiError::new("InvalidDomainValidationOptionsException", super::error::sentence(&e.to_string()))
            })?;
            match &validation_domain {
                Some(first) if *first != vd => {
                    return Err(ApiError::new(
                        "InvalidDomainValidationOptionsException",
                        "acmctl takes one ValidationDomain for all the names of a request; these name two.",
                    ));
                }
                _ => validation_domain = Some(vd),
            }
        }
    }
    ensure_public_authority(api, scope)?;
    Ok((Some(method), validation_domain))
}

/// `--public-authority auto`: the region's public authority is made on its
/// first public request (two at once: the second finds the first's).
fn ensure_public_authority(api: &OpsApi, scope: &Scope) -> Result<(), ApiError> {
    let authorities = scope.read(|tx| Ok(tx.authorities()?)).map_err(err)?;
    if policy::active_public_authority(&authorities, scope.now).is_some() {
        return Ok(());
    }
    if api.public_authority == PublicAuthority::Require {
        return Err(invalid_parameter(format!(
            "Region {} has no public certificate authority, and acmctl serve runs with --public-authority require; create it with 'acmctl --region {} ca init --mode public'.",
            scope.region, scope.region
        )));
    }
    let create = ops::authority::CreatePublic {
        common_name: None,
        key_algorithm: KeyAlgorithm::Rsa2048,
        validity_days: crate::pki::profile::AUTHORITY_DAYS,
    };
    match ops::authority::create_public(scope, &create) {
        Ok(_) => Ok(()),
        Err(e) if e.rule == Some(Rule::OnePublicAuthority) => Ok(()),
        Err(e) => Err(err(e)),
    }
}

fn describe(api: &OpsApi, scope: &Scope, input: &Value) -> Answer {
    let arn = arn_member(input, "CertificateArn")?;
    let mut rec = ops::certificate::describe(scope, &arn).map_err(err)?;
    if pending_dns(&rec, scope) && due_for_recheck(api, &arn) {
        // Still pending is what the caller asked about, not an error; a
        // name server that does not answer leaves it pending too.
        if let Ok(v) = ops::validate::validate(scope, &arn, None, None) {
            rec = v.record;
        }
    }
    Ok(json!({"Certificate": shape::certificate_detail(&rec, scope.now)}))
}

fn pending_dns(rec: &crate::model::CertificateRecord, scope: &Scope) -> bool {
    rec.cert_type == CertificateType::AmazonIssued
        && rec.validation_method == Some(ValidationMethod::Dns)
        && policy::effective_status(rec, scope.now) == CertificateStatus::PendingValidation
}

fn due_for_recheck(api: &OpsApi, arn: &CertificateArn) -> bool {
    let now = Instant::now();
    let mut seen = api.rechecked.lock().unwrap_or_else(|p| p.into_inner());
    if seen.get(arn).is_some_and(|t| now.duration_since(*t) < RECHECK_EVERY) {
        return false;
    }
    if seen.len() > 10_000 {
        seen.retain(|_, t| now.duration_since(*t) < RECHECK_EVERY);
    }
    seen.insert(*arn, now);
    true
}

/// ListCertificates' `Includes` and the other filters, on a summary.
fn filter_matches(input: &Value, s: &crate::model::Summary, summary: &Value) -> bool {
    let includes = input.get("Includes").cloned().unwrap_or(Value::Null);
    let listed = |member: &str| strings(&includes, member);
    // The model's documented default: RSA_2048 only unless keyTypes says.
    let key_types = listed("keyTypes");
    let key_ok = if key_types.is_empty() {
        s.key_algorithm == KeyAlgorithm::Rsa2048
    } else {
        key_types.contains(&s.key_algorithm.as_str())
    };
    let names_of = |member: &str| -> Vec<String> {
        summary[member].as_array().into_iter().flatten().filter_map(|v| v.as_str().map(str::to_string)).collect()
    };
    let any_of = |filter: Vec<&str>, have: Vec<String>| {
        filter.is_empty() || filter.contains(&"ANY") || filter.iter().any(|f| have.iter().any(|h| h == f))
    };
    let origin = match s.cert_type {
        CertificateType::Imported => "CUSTOMER_PROVIDED",
        _ => "AWS_MANAGED",
    };
    let origins = strings(input, "CertificateKeyPairOrigins");
    key_ok
        && any_of(listed("keyUsage"), names_of("KeyUsages"))
        && any_of(listed("extendedKeyUsage"), names_of("ExtendedKeyUsages"))
        && str_of(&includes, "exportOption").is_none_or(|e| summary["ExportOption"] == e)
        // No certificate of acmctl's is managed by CloudFront.
        && str_of(&includes, "managedBy").is_none()
        && (origins.is_empty() || origins.contains(&origin))
}

fn list(scope: &Scope, input: &Value) -> Answer {
    let statuses =
        strings(input, "CertificateStatuses").into_iter().filter_map(|s| CertificateStatus::from_str(s).ok()).collect();
    let filter = ops::certificate::Filter { statuses, key_types: Vec::new(), expiring_within_days: None };
    let summaries = ops::certificate::list(scope, &filter).map_err(err)?;
    let matching: Vec<(&crate::model::Summary, Value)> = summaries
        .iter()
        .map(|s| {
            let mut v = shape::certificate_summary(s, scope.now);
            // Whether a public certificate exports was chosen at its
            // request, and is kept in its record, not in the index.
            if s.cert_type == CertificateType::AmazonIssued
                && let Ok(rec) = ops::certificate::describe(scope, &s.arn)
            {
                v["ExportOption"] = json!(rec.options().export.as_str());
            }
            (s, v)
        })
        .filter(|(s, v)| filter_matches(input, s, v))
        .collect();
    let max = input::int_of(input, "MaxItems").unwrap_or(1000).clamp(1, 1000) as usize;
    let descending = str_of(input, "SortOrder") == Some("DESCENDING");
    let key = |(s, _): &(&crate::model::Summary, Value)| (s.created_at, s.arn.to_string());
    let p = page(Service::Acm, "ListCertificates", input, matching, key, max, descending)?;
    let items: Vec<Value> = p.items.into_iter().map(|(_, v)| v).collect();
    let mut out = json!({"CertificateSummaryList": items});
    if let Some(t) = p.next_token {
        out["NextToken"] = json!(t);
    }
    Ok(out)
}

fn get(scope: &Scope, input: &Value) -> Answer {
    let arn = arn_member(input, "CertificateArn")?;
    let (certificate, chain) = ops::certificate::get(scope, &arn).map_err(err)?;
    let mut out = json!({"Certificate": certificate});
    if !chain.is_empty() {
        out["CertificateChain"] = json!(chain);
    }
    Ok(out)
}

fn delete(scope: &Scope, input: &Value) -> Answer {
    let arn = arn_member(input, "CertificateArn")?;
    match ops::certificate::delete(scope, &arn) {
        Ok(()) => Ok(json!({})),
        // ACM's own words, which scripts and Terraform's retries know.
        Err(e) if e.rule == Some(Rule::DeleteNotInUse) => Err(api_error_with(
            Service::Acm,
            &e,
            Some(&format!("Certificate {arn} in account {} is in use.", arn.account())),
        )),
        Err(e) => Err(err(e)),
    }
}

/// ACM's documented limit on an imported key (its model allows 8 KiB).
const MAX_IMPORTED_KEY: usize = 5 * 1024;

fn import(scope: &Scope, input: &Value) -> Answer {
    let arn = match str_of(input, "CertificateArn") {
        Some(a) => Some(certificate_arn(a)?),
        None => None,
    };
    let tags = input::tags(input, "Tags")?;
    if arn.is_some() && input.get("Tags").is_some_and(|t| t.as_array().is_some_and(|a| !a.is_empty())) {
        return Err(ApiError::validation("Tagging is not permitted on re-import."));
    }
    let blob = |member: &str| -> Result<Option<ops::import::Blob>, ApiError> {
        Ok(input::blob(input, member)?.map(|bytes| ops::import::Blob { name: member.to_string(), bytes }))
    };
    let private_key = blob("PrivateKey")?.ok_or_else(|| ApiError::validation("PrivateKey is required."))?;
    if private_key.bytes.len() > MAX_IMPORTED_KEY {
        return Err(ApiError::validation(format!(
            "The private key is {} bytes; ACM imports keys of at most {MAX_IMPORTED_KEY} bytes.",
            private_key.bytes.len()
        )));
    }
    let request = ops::import::Import {
        certificate: blob("Certificate")?.ok_or_else(|| ApiError::validation("Certificate is required."))?,
        private_key,
        chain: blob("CertificateChain")?,
        arn,
        tags,
    };
    let done = ops::import::import(scope, &request).map_err(err)?;
    Ok(json!({"CertificateArn": done.arn.to_string()}))
}

fn export(scope: &Scope, input: &Value) -> Answer {
    let arn = arn_member(input, "CertificateArn")?;
    let bytes = input::blob(input, "Passphrase")?.unwrap_or_default();
    if bytes.iter().any(|b| b"#$%".contains(b)) {
        return Err(ApiError::validation("The passphrase cannot contain the characters #, $ or %."));
    }
    let passphrase =
        Passphrase::new(bytes, "Passphrase").map_err(|e| ApiError::validation(super::error::sentence(&e.message)))?;
    let done = ops::certificate::export(scope, &arn, &passphrase).map_err(err)?;
    let mut out = json!({"Certificate": done.certificate_pem, "PrivateKey": done.encrypted_key_pem});
    if !done.chain_pem.is_empty() {
        out["CertificateChain"] = json!(done.chain_pem);
    }
    Ok(out)
}

fn renew(scope: &Scope, input: &Value) -> Answer {
    let arn = arn_member(input, "CertificateArn")?;
    let rec = ops::certificate::describe(scope, &arn).map_err(err)?;
    // An imported certificate is refused by its own rule, in renew_one.
    if rec.cert_type != CertificateType::Imported && policy::renewal_eligibility(&rec) != RenewalEligibility::Eligible {
        return Err(ApiError::validation(format!(
            "Certificate {arn} is not eligible for renewal: only certificates in use by an integrated service or exported are renewed by ACM."
        )));
    }
    // The renewal happens now; how it went is in RenewalSummary, as ACM
    // reports its asynchronous renewals.
    ops::renew::renew_one(scope, &arn, passphrase(scope)?.as_ref()).map_err(err)?;
    Ok(json!({}))
}

fn resend(scope: &Scope, input: &Value) -> Answer {
    let arn = arn_member(input, "CertificateArn")?;
    let name = required(input, "Domain")?;
    let validation_domain = required(input, "ValidationDomain")?;
    let rec = ops::certificate::describe(scope, &arn).map_err(err)?;
    if rec.cert_type == CertificateType::AmazonIssued && rec.validation_method == Some(ValidationMethod::Email) {
        let entry = rec.domain_validation.iter().find(|d| d.domain_name == name);
        match entry {
            None => {
                return Err(ApiError::new(
                    "InvalidDomainValidationOptionsException",
                    format!("{name} is not a domain name of certificate {arn}."),
                ));
            }
            Some(d) if d.validation_domain != validation_domain => {
                return Err(ApiError::new(
                    "InvalidDomainValidationOptionsException",
                    format!("The validation domain of {name} is {}, not {validation_domain}.", d.validation_domain),
                ));
            }
            Some(_) => {}
        }
    }
    ops::validate::resend(scope, &arn, Some(validation_domain)).map_err(err)?;
    Ok(json!({}))
}

/// The ARN of the tagging operations: a certificate's (ACM tags nothing
/// else that acmctl keeps).
fn tagged(input: &Value, op: Op) -> Result<ops::tags::Tagged, ApiError> {
    let member = match op {
        Op::TagResource | Op::UntagResource | Op::ListTagsForResource => "ResourceArn",
        _ => "CertificateArn",
    };
    Ok(ops::tags::Tagged::Certificate(arn_member(input, member)?))
}

fn add_tags(scope: &Scope, input: &Value, op: Op) -> Answer {
    let of = tagged(input, op)?;
    let tags = input::tags(input, "Tags")?;
    ops::tags::add(scope, of, &tags).map_err(err)?;
    Ok(json!({}))
}

fn remove_tags(scope: &Scope, input: &Value, op: Op) -> Answer {
    let of = tagged(input, op)?;
    let member = if op == Op::UntagResource { "TagKeys" } else { "Tags" };
    let matches = input::tag_matches(input, member)?;
    ops::tags::remove(scope, of, &matches).map_err(err)?;
    Ok(json!({}))
}

fn list_tags(scope: &Scope, input: &Value, op: Op) -> Answer {
    let tags = ops::tags::list(scope, tagged(input, op)?).map_err(err)?;
    Ok(json!({"Tags": tags}))
}

fn put_account_configuration(scope: &Scope, input: &Value) -> Answer {
    // The same configuration again changes nothing, so the idempotency
    // token needs no memory.
    if let Some(days) = input.pointer("/ExpiryEvents/DaysBeforeExpiry").and_then(Value::as_i64) {
        let days = u32::try_from(days).map_err(|_| ApiError::validation("DaysBeforeExpiry must be at least 1."))?;
        ops::account::put(scope, days).map_err(err)?;
    }
    Ok(json!({}))
}

fn update_options(scope: &Scope, input: &Value) -> Answer {
    let arn = arn_member(input, "CertificateArn")?;
    let ct = preference(input.pointer("/Options/CertificateTransparencyLoggingPreference").and_then(Value::as_str));
    let export = preference(input.pointer("/Options/Export").and_then(Value::as_str));
    ops::certificate::update_options(scope, &arn, ct, export).map_err(err)?;
    Ok(json!({}))
}

/// ACM's RevocationReason in RFC 5280's names; two of ACM's have no CRL
/// entry of their own.
fn revocation_reason(text: &str) -> Result<RevocationReason, ApiError> {
    let name = match text {
        "CA_COMPROMISE" => "CERTIFICATE_AUTHORITY_COMPROMISE",
        "SUPERCEDED" => "SUPERSEDED",
        "CERTIFICATE_HOLD" | "REMOVE_FROM_CRL" => {
            return Err(ApiError::validation(format!(
                "RevocationReason {text} is not supported: a revocation by acmctl is final."
            )));
        }
        other => other,
    };
    RevocationReason::from_str(name).map_err(|e| ApiError::validation(super::error::sentence(&e)))
}

/// ACM revokes exported certificates (ACM-API.md §12); other private ones
/// are revoked through ACM Private CA, by serial.
fn revoke(scope: &Scope, input: &Value) -> Answer {
    let arn = arn_member(input, "CertificateArn")?;
    let reason = revocation_reason(required(input, "RevocationReason")?)?;
    let rec = ops::certificate::describe(scope, &arn).map_err(err)?;
    if rec.status != CertificateStatus::Revoked && rec.cert_type == CertificateType::Private && !rec.exported {
        return Err(ApiError::validation(format!(
            "Certificate {arn} has not been exported; ACM revokes exported certificates only. Revoke it through ACM Private CA (RevokeCertificate with its serial {}) or 'acmctl cert revoke'.",
            rec.serial.as_deref().unwrap_or("-")
        )));
    }
    let done = ops::revoke::revoke(scope, &arn, reason, passphrase(scope)?.as_ref()).map_err(err)?;
    Ok(json!({"CertificateArn": done.arn.to_string()}))
}
