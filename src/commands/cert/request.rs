use serde_json::json;

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
use crate::policy::{IDEMPOTENCY_WINDOW, Refusal, Rule};
use crate::store::records::{CertificateRecord, IdempotencyRecord};

/// Request a certificate (RequestCertificate)
///
/// With --certificate-authority-arn, a private authority of the current region
/// issues the certificate at once: Status ISSUED, Type PRIVATE. Without it, the
/// region's public authority issues it after domain validation.
///
/// The domain name and the subject alternative names follow ACM's rules: a
/// wildcard only as the leftmost label, labels of at most 63 characters, names
/// of at most 253, the first name at most 64, and 10 names in all (the
/// san_quota of the config file raises it up to 100).
///
/// Examples:
///   acmctl cert request --domain-name www.example.com --certificate-authority-arn CA_ARN
///   acmctl cert request --domain-name example.com --subject-alternative-names '*.example.com' \
///       --certificate-authority-arn CA_ARN --key-algorithm EC_prime256v1 --tags team=web
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The certificate's first name, also its subject common name
    #[arg(long, value_name = "D")]
    pub domain_name: DomainName,
    /// More names for the certificate
    #[arg(long, value_name = "N", num_args = 1..)]
    pub subject_alternative_names: Vec<DomainName>,
    /// How a public certificate's domains are validated: DNS or EMAIL
    #[arg(long, value_name = "METHOD")]
    pub validation_method: Option<ValidationMethod>,
    /// The private authority that issues the certificate
    #[arg(long, value_name = "CA_ARN")]
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
    /// File with the passphrase of the authority's encrypted key [env: ACMCTL_CA_PASSPHRASE]
    #[arg(long, value_name = "F")]
    pub passphrase_file: Option<std::path::PathBuf>,
}

/// Every name of a request, the domain name first, without repeats.
pub fn all_names(args: &Args) -> Vec<DomainName> {
    let mut names = vec![args.domain_name.clone()];
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
        "names={};method={};ca={};key={}",
        names.join(","),
        args.validation_method.map(|m| m.as_str()).unwrap_or(""),
        args.certificate_authority_arn.map(|a| a.to_string()).unwrap_or_default(),
        args.key_algorithm
    )
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
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
        let store = ctx.regional()?;
        let has_public = store.list_authorities()?.iter().any(|a| a.mode == AuthorityMode::Public);
        return Err(if has_public {
            Error::invalid("public certificates are not available in this version of acmctl")
        } else {
            Refusal {
                rule: Rule::PublicAuthorityRequired,
                message: format!("region {} has no public certificate authority to issue a public certificate", ctx.region),
                hint: "run 'acmctl ca init --mode public', or name a private authority with --certificate-authority-arn".into(),
            }
            .into()
        });
    };
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
    let passphrase = crate::passphrase::from_file_or_env(args.passphrase_file.as_deref())?;
    let key = new_key(args.key_algorithm)?;
    let _lock = store.lock()?;
    if let Some(token) = &args.idempotency_token {
        if let Some(prev) = store.load_idempotency(token)? {
            if ctx.now < prev.created_at + IDEMPOTENCY_WINDOW && store.load_certificate(&prev.certificate_arn)?.is_some() {
                if prev.fingerprint != fp {
                    return Err(Error::conflict(format!(
                        "idempotency token '{token}' was used within the hour for a different request ({})",
                        prev.certificate_arn
                    ))
                    .with_hint("use a new token for a new request"));
                }
                ctx.ui.status("Same idempotency token and request within the hour: returning the same certificate.");
                return emit(ctx, &prev.certificate_arn);
            }
        }
    }
    let signer = SigningAuthority::load_with(&store, authority, passphrase.as_ref().map(|p| p.0.as_slice()))?;
    let name_strings: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    let (material, info) = signer.issue_leaf(&store, &name_strings, &key, false, PRIVATE_LEAF_DAYS, ctx.now)?;
    let arn = CertificateArn::new(ctx.region, store.account);
    let mut record = CertificateRecord {
        arn,
        cert_type: CertificateType::Private,
        status: CertificateStatus::Issued,
        domain_name: names[0].to_string(),
        subject_alternative_names: name_strings,
        key_algorithm: args.key_algorithm,
        authority: Some(ca_arn),
        version: 1,
        serial: None,
        subject: None,
        issuer: None,
        signature_algorithm: None,
        not_before: None,
        not_after: None,
        created_at: ctx.now,
        issued_at: Some(ctx.now),
        imported_at: None,
        revoked_at: None,
        revocation_reason: None,
        idempotency_token: args.idempotency_token.clone(),
        tags: args.tags.clone(),
        validation_method: None::<ValidationMethod>,
        domain_validation: Vec::new(),
        deployments: Vec::new(),
        exported: false,
        renewal: None,
    };
    apply_info(&mut record, &info);
    store.create_certificate(&record, Some(&material))?;
    if let Some(token) = &args.idempotency_token {
        store.save_idempotency(&IdempotencyRecord {
            token: token.clone(),
            fingerprint: fp,
            certificate_arn: arn,
            created_at: ctx.now,
        })?;
    }
    emit(ctx, &arn)
}

fn emit(ctx: &Context, arn: &CertificateArn) -> Result<()> {
    ctx.ui.emit(&Output::new(json!({"CertificateArn": arn.to_string()}), arn.to_string()));
    Ok(())
}
