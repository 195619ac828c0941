use serde_json::json;
use time::OffsetDateTime;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::issuance::{SigningAuthority, apply_info, new_key};
use crate::model::domain::MAX_COMMON_NAME_LEN;
use crate::model::{
    AuthorityArn, AuthorityMode, CertificateArn, CertificateStatus, CertificateType, DomainName, KeyAlgorithm, Tag,
    ValidationMethod,
};
use crate::output::Output;
use crate::pki::profile::PRIVATE_LEAF_DAYS;
use crate::policy::{self, IDEMPOTENCY_WINDOW, Refusal, Rule};
use crate::store::RegionStore;
use crate::store::records::{CertificateRecord, DomainValidation, IdempotencyRecord};
use crate::validation::{email, record};

/// Request a certificate (RequestCertificate)
///
/// With --certificate-authority-arn, a private authority of the current region
/// issues the certificate at once: Status ISSUED, Type PRIVATE. Without it, the
/// region's public authority ('acmctl ca init --mode public') issues it after
/// domain validation: Type AMAZON_ISSUED, Status PENDING_VALIDATION until
/// 'acmctl cert validate ARN' succeeds, VALIDATION_TIMED_OUT after 72 hours.
/// DNS validation (the default) asks for the CNAME records that
/// 'acmctl cert describe ARN' lists; EMAIL validation sends an approval token
/// to admin@, administrator@, hostmaster@, postmaster@ and webmaster@ of each
/// validation domain through the SMTP relay (ACMCTL_SMTP_RELAY).
///
/// The domain name and the subject alternative names follow ACM's rules: a
/// wildcard only as the leftmost label, labels of at most 63 characters, names
/// of at most 253, the first name at most 64, and 10 names in all (the
/// san_quota of the config file raises it up to 100).
///
/// Examples:
///   acmctl cert request --domain-name www.example.com --certificate-authority-arn CA_ARN
///   acmctl cert request --domain-name example.com --subject-alternative-names '*.example.com' --validation-method DNS
///   acmctl cert request --domain-name www.example.com --validation-method EMAIL --validation-domain example.com
///   acmctl cert request --domain-name example.com --subject-alternative-names '*.example.com' \
///       --certificate-authority-arn CA_ARN --key-algorithm EC_prime256v1 --tags team=web
///
/// With --manifest FILE, many private certificates are issued at once: one
/// certificate per line of FILE, its names separated by spaces (the first is
/// the domain name); blank lines and lines starting with # are skipped. Every
/// line is checked before anything is issued: a bad line exits 3 naming it,
/// and the store is left as it was. The ARNs are printed in the order of the
/// lines, once every certificate is durably stored.
///
///   printf 'api.example.com\nwww.example.com example.com\n' > names.txt
///   acmctl cert request --manifest names.txt --certificate-authority-arn CA_ARN \
///       --key-algorithm EC_prime256v1
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The certificate's first name, also its subject common name
    #[arg(long, value_name = "D", required_unless_present = "manifest")]
    pub domain_name: Option<DomainName>,
    /// Issue one private certificate per line of FILE (names separated by spaces)
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with_all = ["domain_name", "subject_alternative_names", "idempotency_token", "validation_method"]
    )]
    pub manifest: Option<std::path::PathBuf>,
    /// More names for the certificate
    #[arg(long, value_name = "N", num_args = 1..)]
    pub subject_alternative_names: Vec<DomainName>,
    /// How a public certificate's domains are validated: DNS (the default) or EMAIL
    #[arg(long, value_name = "METHOD")]
    pub validation_method: Option<ValidationMethod>,
    /// EMAIL validation: the domain whose addresses approve, the names' own or a parent of them [default: each name without '*.']
    #[arg(long, value_name = "D")]
    pub validation_domain: Option<DomainName>,
    /// The private authority that issues the certificate
    #[arg(long, value_name = "CA_ARN", add = crate::commands::completions::authority_arns())]
    pub certificate_authority_arn: Option<AuthorityArn>,
    /// RSA_2048, EC_prime256v1 or EC_secp384r1
    #[arg(long, value_name = "ALG", default_value_t = KeyAlgorithm::Rsa2048)]
    pub key_algorithm: KeyAlgorithm,
    /// Returns the same certificate for the same request within one hour (1-32 word characters)
    #[arg(long, value_name = "T")]
    pub idempotency_token: Option<String>,
    /// Tags as KEY=VALUE
    #[arg(long, value_name = "K=V", num_args = 1..)]
    pub tags: Vec<Tag>,
    #[command(flatten)]
    pub passphrase: crate::passphrase::PassphraseArg,
}

/// Every name of a request, the domain name first, without repeats.
pub fn all_names(args: &Args) -> Vec<DomainName> {
    let first = args.domain_name.clone().expect("clap requires --domain-name without --manifest");
    let mut names = vec![first];
    for n in &args.subject_alternative_names {
        if !names.contains(n) {
            names.push(n.clone());
        }
    }
    names
}

pub fn check_names(names: &[DomainName], quota: usize) -> Result<()> {
    let first = &names[0];
    if first.as_str().len() > MAX_COMMON_NAME_LEN {
        return Err(Error::invalid(format!(
            "domain name '{first}' is {} characters long; the first name becomes the common name, which is limited to {MAX_COMMON_NAME_LEN}",
            first.as_str().len()
        ))
        .with_hint("put a shorter name first and the long one in --subject-alternative-names"));
    }
    if names.len() > quota {
        return Err(Error::invalid(format!(
            "the request has {} names; the quota is {quota} names per certificate",
            names.len()
        ))
        .with_hint("split the names over several certificates, or raise san_quota in the config file (up to 100)"));
    }
    Ok(())
}

fn check_token(token: &str) -> Result<()> {
    if token.is_empty() || token.len() > 32 || !token.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(Error::invalid(format!(
            "idempotency token '{token}' must be 1 to 32 word characters (letters, digits, underscore)"
        )));
    }
    Ok(())
}

/// What makes two requests "the same request" for an idempotency token.
fn fingerprint(args: &Args, names: &[DomainName]) -> String {
    let names: Vec<&str> = names.iter().map(|n| n.as_str()).collect();
    format!(
        "names={};method={};vd={};ca={};key={}",
        names.join(","),
        args.validation_method.map(|m| m.as_str()).unwrap_or(""),
        args.validation_domain.as_ref().map(|d| d.as_str()).unwrap_or(""),
        args.certificate_authority_arn.map(|a| a.to_string()).unwrap_or_default(),
        args.key_algorithm
    )
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    if let Some(path) = &args.manifest {
        return super::manifest::run(ctx, args, path);
    }
    let names = all_names(args);
    check_names(&names, ctx.config.san_quota())?;
    if let Some(t) = &args.idempotency_token {
        check_token(t)?;
    }
    if !args.key_algorithm.allowed_for_requests() {
        return Err(Error::invalid(format!(
            "key algorithm {} cannot be requested; certificates take RSA_2048, EC_prime256v1 or EC_secp384r1",
            args.key_algorithm
        )));
    }
    let Some(ca_arn) = args.certificate_authority_arn else {
        return request_public(ctx, args, &names);
    };
    if args.validation_domain.is_some() {
        return Err(Error::invalid(
            "--validation-domain is for EMAIL validation of public certificates; a private certificate is issued without validation",
        ));
    }
    if args.validation_method.is_some() {
        return Err(Error::invalid(
            "a private certificate is issued without validation; drop --validation-method or --certificate-authority-arn",
        ));
    }
    let authority = ctx.authority(&ca_arn, Rule::AuthorityInRegion)?;
    if authority.mode != AuthorityMode::Private {
        return Err(Error::invalid(format!(
            "{ca_arn} is the region's public authority; request a public certificate without --certificate-authority-arn"
        )));
    }
    let store = ctx.regional()?;
    let fp = fingerprint(args, &names);
    // The key is made before the lock is taken: RSA generation is slow and
    // needs nothing from the store.
    let passphrase = args.passphrase.read()?;
    let key = new_key(args.key_algorithm)?;
    let _lock = store.lock()?;
    if let Some(prev) = replay(ctx, &store, args, &fp)? {
        return emit(ctx, &prev);
    }
    let signer = SigningAuthority::load_with(&store, authority, passphrase.as_ref())?;
    let name_strings: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    let (material, info) = signer.issue_leaf_for_new_record(&store, &name_strings, &key, PRIVATE_LEAF_DAYS, ctx.now)?;
    let arn = CertificateArn::new(ctx.region, store.account);
    let mut record = private_record(arn, name_strings, args, ca_arn, ctx.now);
    apply_info(&mut record, &info);
    store.create_issued_certificate(&record, &material, &ca_arn)?;
    remember(ctx, &store, args, fp, arn)?;
    emit(ctx, &arn)
}

/// The certificate an earlier request with the same idempotency token made
/// within the hour, if any. Called under the region lock.
fn replay(ctx: &Context, store: &RegionStore, args: &Args, fp: &str) -> Result<Option<CertificateArn>> {
    let Some(token) = &args.idempotency_token else { return Ok(None) };
    let Some(prev) = store.load_idempotency(token)? else { return Ok(None) };
    if ctx.now >= prev.created_at + IDEMPOTENCY_WINDOW || store.load_certificate(&prev.certificate_arn)?.is_none() {
        return Ok(None);
    }
    if prev.fingerprint != fp {
        return Err(Error::conflict(format!(
            "idempotency token '{token}' was used within the hour for a different request ({})",
            prev.certificate_arn
        ))
        .with_hint("use a new token for a new request"));
    }
    ctx.ui.status("Same idempotency token and request within the hour: returning the same certificate.");
    Ok(Some(prev.certificate_arn))
}

fn remember(ctx: &Context, store: &RegionStore, args: &Args, fp: String, arn: CertificateArn) -> Result<()> {
    if let Some(token) = &args.idempotency_token {
        store.save_idempotency(&IdempotencyRecord {
            token: token.clone(),
            fingerprint: fp,
            certificate_arn: arn,
            created_at: ctx.now,
        })?;
    }
    Ok(())
}

/// The validation entry of each name: its DNS record, or the addresses
/// of its validation domain.
fn validation_entries(
    account: crate::model::AccountId,
    method: ValidationMethod,
    names: &[DomainName],
    validation_domain: Option<&DomainName>,
) -> Result<Vec<DomainValidation>> {
    names
        .iter()
        .map(|n| {
            let base = n.base().to_string();
            let mut entry = DomainValidation {
                domain_name: n.to_string(),
                validation_domain: base.clone(),
                validation_status: record::PENDING.into(),
                resource_record_name: None,
                resource_record_value: None,
                validation_emails: Vec::new(),
                detail: None,
                reason: None,
                token_sha256: None,
            };
            match method {
                ValidationMethod::Dns => {
                    let r = record::dns_record(account, &base);
                    entry.resource_record_name = Some(r.name);
                    entry.resource_record_value = Some(r.value);
                }
                ValidationMethod::Email => {
                    if let Some(vd) = validation_domain {
                        if vd.is_wildcard() || !record::covers(vd.as_str(), n.as_str()) {
                            return Err(Error::invalid(format!(
                                "validation domain '{vd}' is neither {base} nor a parent domain of it"
                            ))
                            .with_hint(
                                "give the name's own domain or a parent, such as example.com for www.example.com",
                            ));
                        }
                        entry.validation_domain = vd.to_string();
                    }
                    entry.validation_emails = record::validation_emails(&entry.validation_domain);
                }
            }
            Ok(entry)
        })
        .collect()
}

/// A public certificate: recorded as PENDING_VALIDATION; signed by the
/// region's public authority once `cert validate` succeeds.
fn request_public(ctx: &Context, args: &Args, names: &[DomainName]) -> Result<()> {
    let store = ctx.regional()?;
    let method = args.validation_method.unwrap_or(ValidationMethod::Dns);
    if method == ValidationMethod::Dns && args.validation_domain.is_some() {
        return Err(Error::invalid(
            "--validation-domain is for EMAIL validation; DNS validation uses each name's own domain",
        ));
    }
    let Some(authority) = policy::active_public_authority(&store.list_authorities()?, ctx.now).cloned() else {
        return Err(Refusal {
            rule: Rule::PublicAuthorityRequired,
            message: format!("region {} has no public certificate authority to issue a public certificate", ctx.region),
            hint: "run 'acmctl ca init --mode public', or name a private authority with --certificate-authority-arn"
                .into(),
        }
        .into());
    };
    let entries = validation_entries(store.account, method, names, args.validation_domain.as_ref())?;
    let relay = match method {
        ValidationMethod::Email => Some(super::resend_validation_email::relay(ctx)?),
        ValidationMethod::Dns => None,
    };
    let fp = fingerprint(args, names);
    let (record, tokens) = {
        let _lock = store.lock()?;
        if let Some(prev) = replay(ctx, &store, args, &fp)? {
            return emit(ctx, &prev);
        }
        let arn = CertificateArn::new(ctx.region, store.account);
        let mut record = CertificateRecord {
            domain_name: names[0].to_string(),
            subject_alternative_names: names.iter().map(|n| n.to_string()).collect(),
            authority: Some(authority.arn),
            idempotency_token: args.idempotency_token.clone(),
            tags: args.tags.clone(),
            validation_method: Some(method),
            domain_validation: entries,
            ..CertificateRecord::new(
                arn,
                CertificateType::AmazonIssued,
                CertificateStatus::PendingValidation,
                args.key_algorithm,
                ctx.now,
            )
        };
        let tokens = match method {
            ValidationMethod::Email => email::issue_tokens(&mut record, None),
            ValidationMethod::Dns => Vec::new(),
        };
        store.create_certificate(&record, None)?;
        remember(ctx, &store, args, fp, arn)?;
        (record, tokens)
    };
    ctx.ui.status(&format!("Requested {} in {}: PENDING_VALIDATION by {method}", record.arn, ctx.region));
    if let Some(relay) = relay {
        // The ARN goes out first: the request stands even if the relay
        // cannot be reached, and scripts need it to resend.
        emit(ctx, &record.arn)?;
        return super::resend_validation_email::deliver(ctx, &record, &tokens, &relay);
    }
    emit(ctx, &record.arn)
}

/// The record of a private certificate issued now, before its certificate's
/// own fields are copied in.
pub fn private_record(
    arn: CertificateArn,
    names: Vec<String>,
    args: &Args,
    ca: AuthorityArn,
    now: OffsetDateTime,
) -> CertificateRecord {
    CertificateRecord {
        domain_name: names[0].clone(),
        subject_alternative_names: names,
        authority: Some(ca),
        version: 1,
        issued_at: Some(now),
        idempotency_token: args.idempotency_token.clone(),
        tags: args.tags.clone(),
        ..CertificateRecord::new(arn, CertificateType::Private, CertificateStatus::Issued, args.key_algorithm, now)
    }
}

fn emit(ctx: &Context, arn: &CertificateArn) -> Result<()> {
    ctx.ui.emit(&Output::new(json!({"CertificateArn": arn.to_string()}), arn.to_string()));
    Ok(())
}
