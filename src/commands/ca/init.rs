use std::path::PathBuf;

use clap::ValueEnum;
use serde_json::json;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::issuance::SigningAuthority;
use crate::model::{AuthorityArn, AuthorityMode, AuthorityType, KeyAlgorithm};
use crate::output::Output;
use crate::pki::PrivateKey;
use crate::pki::profile::{self, AuthorityProfile, Validity};
use crate::pki::serial::{colon_hex, random_serial};
use crate::policy::{self, Rule};
use crate::store::records::AuthorityRecord;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Mode {
    /// ACM Private CA: issues at once, clients must be told to trust it
    Private,
    /// Amazon's public CA: issues only after domain validation
    Public,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CaType {
    Root,
    Subordinate,
}

/// Create a certificate authority in the current region
///
/// A private authority (ACM Private CA) is a ROOT, or a SUBORDINATE signed by
/// a parent authority of the same region. It issues certificates at once,
/// without domain validation; clients trust it by installing what
/// 'acmctl ca certificate ARN' prints.
///
/// A public authority plays Amazon's public CA for the region: a root and an
/// issuing intermediate under it (as Amazon Root CA 1 signs Amazon RSA 2048
/// M01). It signs AMAZON_ISSUED certificates once their domains are validated
/// by DNS or EMAIL. A region has one; the command prints the intermediate's ARN.
///
/// Examples:
///   acmctl ca init --mode private --common-name 'Example Root CA'
///   acmctl ca init --mode private --type subordinate --parent ROOT_ARN --key-algorithm EC_prime256v1
///   acmctl ca init --mode public
///   acmctl ca init --mode private --common-name 'Vault Root' --passphrase-file root.pass
///
/// With --passphrase-file (or ACMCTL_CA_PASSPHRASE set), the key is kept as
/// encrypted PKCS#8, and issuing from the authority needs the passphrase.
/// acmctl never prompts for it.
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Which kind of authority: private (ACM Private CA) or public
    #[arg(long, value_enum)]
    pub mode: Mode,
    /// ROOT (self-signed) or SUBORDINATE (signed by --parent)
    #[arg(long = "type", value_enum, default_value_t = CaType::Root)]
    pub ca_type: CaType,
    /// ARN of the parent authority of a subordinate; it must be in the same region
    #[arg(long, value_name = "CA_ARN", add = crate::commands::completions::authority_arns())]
    pub parent: Option<AuthorityArn>,
    /// Subject common name (of the intermediate, for --mode public) [default: a name with the region and the authority type]
    #[arg(long, value_name = "CN")]
    pub common_name: Option<String>,
    /// RSA_2048, RSA_3072, RSA_4096, EC_prime256v1, EC_secp384r1 or EC_secp521r1
    #[arg(long, value_name = "ALG", default_value_t = KeyAlgorithm::Rsa2048)]
    pub key_algorithm: KeyAlgorithm,
    /// How long the authority's certificate is valid
    #[arg(long, value_name = "N", default_value_t = profile::AUTHORITY_DAYS,
          value_parser = clap::value_parser!(i64).range(1..=36500))]
    pub validity_days: i64,
    /// Keep the new authority's key encrypted (PKCS#8, PBES2) with the passphrase in this file [env: ACMCTL_CA_PASSPHRASE]
    #[arg(long, value_name = "F")]
    pub passphrase_file: Option<PathBuf>,
    /// File with the passphrase of the parent's encrypted key [env: ACMCTL_CA_PASSPHRASE]
    #[arg(long, value_name = "F")]
    pub parent_passphrase_file: Option<PathBuf>,
}

const ORGANIZATION: &str = "acmctl";
const MAX_CN: usize = 64;

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    if args.mode == Mode::Public {
        if args.passphrase_file.is_some() || args.parent_passphrase_file.is_some() {
            return Err(Error::usage(
                "--passphrase-file applies to private authorities; the public authority's keys are not encrypted",
            ));
        }
        return init_public(ctx, args);
    }
    let authority_type = match args.ca_type {
        CaType::Root => AuthorityType::Root,
        CaType::Subordinate => AuthorityType::Subordinate,
    };
    match (authority_type, &args.parent) {
        (AuthorityType::Subordinate, None) => {
            return Err(Error::usage("a subordinate authority needs --parent CA_ARN"));
        }
        (AuthorityType::Root, Some(_)) => {
            return Err(Error::usage("a root authority has no parent; use --type subordinate with --parent"));
        }
        _ => {}
    }
    let store = ctx.regional()?;
    let arn = AuthorityArn::new(ctx.region, store.account);
    let common_name = match &args.common_name {
        Some(cn) if cn.trim().is_empty() || cn.len() > MAX_CN => {
            return Err(Error::invalid(format!("common name '{cn}' must be 1 to {MAX_CN} characters")));
        }
        Some(cn) => cn.clone(),
        None => format!(
            "acmctl {} CA {} {}",
            match authority_type {
                AuthorityType::Root => "Root",
                AuthorityType::Subordinate => "Subordinate",
            },
            ctx.region,
            &arn.id().simple().to_string()[..8]
        ),
    };
    let parent = match &args.parent {
        Some(p) => Some(ctx.authority(p, Rule::AuthorityInRegion)?),
        None => None,
    };
    if let Some(p) = &parent {
        if p.mode != AuthorityMode::Private {
            return Err(Error::invalid(format!(
                "parent {} is a public authority; a private subordinate needs a private parent",
                p.arn
            )));
        }
        if p.path_len == Some(0) {
            return Err(Error::invalid(format!(
                "parent {} has path length 0 and cannot sign another authority",
                p.arn
            ))
            .with_hint("sign the subordinate with the root or a higher subordinate"));
        }
        if ctx.now >= p.not_after {
            return Err(Error::conflict(format!("parent {} has expired and can no longer issue", p.arn)));
        }
    }
    let passphrase = crate::passphrase::from_file_or_env(args.passphrase_file.as_deref())?;
    let parent_passphrase = match (&parent, &args.parent_passphrase_file) {
        (Some(_), Some(f)) => Some(crate::passphrase::from_file(f)?),
        (Some(_), None) => crate::passphrase::from_env()?,
        (None, Some(_)) => return Err(Error::usage("--parent-passphrase-file needs --parent")),
        (None, None) => None,
    };
    let key = PrivateKey::generate(args.key_algorithm).map_err(|e| Error::failure(e.to_string()))?;

    let _lock = store.lock()?;
    let (path_len, cap, signer) = match parent {
        None => (None, None, None),
        Some(p) => {
            let signer = SigningAuthority::load_with(&store, p, parent_passphrase.as_ref())?;
            let path_len = Some(signer.record.path_len.map_or(1, |n| n - 1));
            (path_len, Some(signer.record.not_after), Some(signer))
        }
    };
    let serial = match &signer {
        Some(s) => s.reserve_serial(&store)?,
        None => random_serial(),
    };
    let validity = Validity::days_from(ctx.now, args.validity_days, cap);
    let params = profile::authority_params(&AuthorityProfile {
        common_name: &common_name,
        organization: ORGANIZATION,
        path_len,
        validity,
        serial: &serial,
    })?;
    let (cert_pem, chain_pem) = match &signer {
        None => (profile::self_signed(&params, &key)?, String::new()),
        Some(s) => (profile::signed_by(&params, key.pair(), &s.cert_pem, &s.key)?, s.chain_for_issued()),
    };
    let crl_pem = profile::crl(&cert_pem, &key, 1, ctx.now, crate::commands::ca::CRL_DAYS, &[])?;
    let record = AuthorityRecord {
        arn,
        mode: AuthorityMode::Private,
        authority_type,
        parent: args.parent,
        path_len,
        common_name,
        key_algorithm: args.key_algorithm,
        serial: colon_hex(&serial),
        not_before: validity.not_before,
        not_after: validity.not_after,
        created_at: ctx.now,
        key_encrypted: passphrase.is_some(),
        crl_number: 1,
        revoked: Vec::new(),
    };
    let key_pem = match &passphrase {
        Some(p) => key.to_encrypted_pem(&p.0).map_err(|e| Error::failure(e.to_string()))?,
        None => key.to_pem(),
    };
    store.create_authority(&record, &cert_pem, &chain_pem, key_pem.as_bytes(), &crl_pem)?;
    ctx.ui.status(&format!("Created {} {} authority in {}", record.mode, record.authority_type, ctx.region));
    ctx.ui.emit(&Output::new(json!({"CertificateAuthorityArn": arn.to_string()}), arn.to_string()));
    Ok(())
}

/// The region's public authority: a root and the intermediate that issues.
fn init_public(ctx: &Context, args: &Args) -> Result<()> {
    if args.ca_type != CaType::Root || args.parent.is_some() {
        return Err(Error::usage(
            "a public authority is always a root with its issuing intermediate; drop --type and --parent",
        ));
    }
    if let Some(cn) = &args.common_name
        && (cn.trim().is_empty() || cn.len() > MAX_CN)
    {
        return Err(Error::invalid(format!("common name '{cn}' must be 1 to {MAX_CN} characters")));
    }
    let store = ctx.regional()?;
    // Checked before the keys are made, so that a refusal costs nothing.
    policy::check_new_public_authority(&store.list_authorities()?, ctx.now)?;
    let root_key = PrivateKey::generate(args.key_algorithm).map_err(|e| Error::failure(e.to_string()))?;
    let key = PrivateKey::generate(args.key_algorithm).map_err(|e| Error::failure(e.to_string()))?;

    let _lock = store.lock()?;
    policy::check_new_public_authority(&store.list_authorities()?, ctx.now)?;
    let root_arn = AuthorityArn::new(ctx.region, store.account);
    let arn = AuthorityArn::new(ctx.region, store.account);
    let short = &arn.id().simple().to_string()[..8];
    let root_cn = format!("acmctl Public Root CA {} {short}", ctx.region);
    let common_name = args
        .common_name
        .clone()
        .unwrap_or_else(|| format!("acmctl {} M01 {} {short}", family_label(args.key_algorithm), ctx.region));

    let root_serial = random_serial();
    let root_validity = Validity::days_from(ctx.now, args.validity_days, None);
    let mut root_params = profile::authority_params(&AuthorityProfile {
        common_name: &root_cn,
        organization: ORGANIZATION,
        path_len: None,
        validity: root_validity,
        serial: &root_serial,
    })?;
    // The Baseline Requirements want a public root to name its own key.
    root_params.use_authority_key_identifier_extension = true;
    let root_pem = profile::self_signed(&root_params, &root_key)?;
    let root_crl = profile::crl(&root_pem, &root_key, 1, ctx.now, crate::commands::ca::CRL_DAYS, &[])?;
    let root_record = AuthorityRecord {
        arn: root_arn,
        mode: AuthorityMode::Public,
        authority_type: AuthorityType::Root,
        parent: None,
        path_len: None,
        common_name: root_cn,
        key_algorithm: args.key_algorithm,
        serial: colon_hex(&root_serial),
        not_before: root_validity.not_before,
        not_after: root_validity.not_after,
        created_at: ctx.now,
        key_encrypted: false,
        crl_number: 1,
        revoked: Vec::new(),
    };
    store.create_authority(&root_record, &root_pem, "", root_key.to_pem().as_bytes(), &root_crl)?;

    // The root's serial is recorded like any other it signs, so `store
    // check` and revocation see the intermediate.
    let root_signer = SigningAuthority::load(&store, root_record.clone())?;
    let serial = root_signer.reserve_serial(&store)?;
    let validity = Validity::days_from(ctx.now, args.validity_days, Some(root_record.not_after));
    let params = profile::public_intermediate_params(
        &AuthorityProfile {
            common_name: &common_name,
            organization: ORGANIZATION,
            path_len: Some(0),
            validity,
            serial: &serial,
        },
        &crate::issuance::publication_urls(&root_record),
    )?;
    let cert_pem = profile::signed_by(&params, key.pair(), &root_signer.cert_pem, &root_signer.key)?;
    let crl_pem = profile::crl(&cert_pem, &key, 1, ctx.now, crate::commands::ca::CRL_DAYS, &[])?;
    let record = AuthorityRecord {
        arn,
        mode: AuthorityMode::Public,
        authority_type: AuthorityType::Subordinate,
        parent: Some(root_arn),
        path_len: Some(0),
        common_name,
        key_algorithm: args.key_algorithm,
        serial: colon_hex(&serial),
        not_before: validity.not_before,
        not_after: validity.not_after,
        created_at: ctx.now,
        key_encrypted: false,
        crl_number: 1,
        revoked: Vec::new(),
    };
    store.create_authority(&record, &cert_pem, &root_signer.chain_for_issued(), key.to_pem().as_bytes(), &crl_pem)?;
    ctx.ui.status(&format!(
        "Created the public authority of {}: root {root_arn}, issuing intermediate {arn}",
        ctx.region
    ));
    ctx.ui.emit(&Output::new(json!({"CertificateAuthorityArn": arn.to_string()}), arn.to_string()));
    Ok(())
}

/// "RSA 2048", "ECDSA 256", …, as Amazon names its intermediates.
fn family_label(alg: KeyAlgorithm) -> &'static str {
    match alg {
        KeyAlgorithm::Rsa2048 => "RSA 2048",
        KeyAlgorithm::Rsa3072 => "RSA 3072",
        KeyAlgorithm::Rsa4096 => "RSA 4096",
        KeyAlgorithm::EcPrime256v1 => "ECDSA 256",
        KeyAlgorithm::EcSecp384r1 => "ECDSA 384",
        KeyAlgorithm::EcSecp521r1 => "ECDSA 521",
    }
}
