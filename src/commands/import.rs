use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::json;

use crate::context::Context;
use crate::deployment::redeploy_all;
use crate::error::{Error, Result};
use crate::issuance::apply_info;
use crate::model::{CertificateArn, CertificateStatus, CertificateType, Tag};
use crate::output::Output;
use crate::pki::import::{self, ImportBundle, Input, Role};
use crate::policy;
use crate::store::records::{CertificateRecord, Material};

/// Import a certificate, its private key and chain (ImportCertificate)
///
/// The certificate file holds exactly one PEM certificate; the key is an
/// unencrypted PKCS#8, SEC1 ("EC PRIVATE KEY") or PKCS#1 ("RSA PRIVATE KEY")
/// key that matches it: RSA 2048/3072/4096 or EC P-256/P-384/P-521. Each
/// certificate of the chain must sign the one before it; the chain holds only
/// the certificate's issuers, each once, at most 100. Limits: certificate
/// 32 KiB, key 5 KiB, chain 2 MiB. The certificate must be X.509 version 3,
/// not signed with SHA-1 or MD5, and valid now.
///
/// With --certificate-arn, the files replace an IMPORTED certificate of the
/// current region, keeping its ARN (re-import), and every deployment of it is
/// rewritten and its reload command run. Tags cannot be given then.
/// Imported certificates are never renewed by acmctl: re-import them.
///
/// Examples:
///   acmctl import --certificate cert.pem --private-key key.pem --certificate-chain chain.pem
///   acmctl import --certificate new.pem --private-key new-key.pem --certificate-arn CERT_ARN
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// The certificate, PEM (exactly one)
    #[arg(long, value_name = "F")]
    pub certificate: PathBuf,
    /// The certificate's private key, PEM, unencrypted
    #[arg(long, value_name = "F")]
    pub private_key: PathBuf,
    /// The intermediate certificates, PEM, the issuer of the certificate first
    #[arg(long, value_name = "F")]
    pub certificate_chain: Option<PathBuf>,
    /// Re-import: replace this IMPORTED certificate, keeping its ARN
    #[arg(long, value_name = "ARN", add = crate::commands::completions::certificate_arns())]
    pub certificate_arn: Option<CertificateArn>,
    /// Tags as KEY=VALUE (new imports only)
    #[arg(long, value_name = "K=V", num_args = 1.., conflicts_with = "certificate_arn")]
    pub tags: Vec<Tag>,
}

/// Reads an input file, refusing it before reading further than its limit.
fn read_limited(path: &Path, role: Role) -> Result<Vec<u8>> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| Error::invalid(format!("cannot read {name}: {e}")))?;
    let mut bytes = Vec::new();
    file.take(role.limit() + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::invalid(format!("cannot read {name}: {e}")))?;
    import::check_size(role, &name, bytes.len() as u64).map_err(refused_input)?;
    Ok(bytes)
}

fn refused_input(e: import::ImportError) -> Error {
    Error::invalid(format!("cannot import {e}"))
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let cert_name = args.certificate.display().to_string();
    let key_name = args.private_key.display().to_string();
    let chain_name = args.certificate_chain.as_ref().map(|p| p.display().to_string());
    let cert_bytes = read_limited(&args.certificate, Role::Certificate)?;
    let key_bytes = read_limited(&args.private_key, Role::PrivateKey)?;
    let chain_bytes = match &args.certificate_chain {
        Some(p) => Some(read_limited(p, Role::Chain)?),
        None => None,
    };
    let chain = chain_name.as_deref().zip(chain_bytes.as_deref()).map(|(name, bytes)| Input { name, bytes });
    let bundle = import::check(
        Input { name: &cert_name, bytes: &cert_bytes },
        Input { name: &key_name, bytes: &key_bytes },
        chain,
        ctx.now,
    )
    .map_err(refused_input)?;
    let material = Material {
        certificate_pem: bundle.certificate_pem.clone(),
        chain_pem: bundle.chain_pem.clone(),
        private_key_pem: bundle.private_key_pem.clone(),
    };
    let arn = match args.certificate_arn {
        Some(arn) => reimport(ctx, &arn, &bundle, &material)?,
        None => import_new(ctx, args, &bundle, &material)?,
    };
    ctx.ui.emit(&Output::new(json!({"CertificateArn": arn.to_string()}), arn.to_string()));
    Ok(())
}

/// The names ACM shows for an imported certificate: its SANs, else its CN.
fn names(bundle: &ImportBundle) -> Vec<String> {
    let mut names = bundle.info.names.clone();
    if let Some(cn) = &bundle.info.common_name
        && !names.contains(cn)
    {
        names.insert(0, cn.clone());
    }
    names
}

fn apply_bundle(rec: &mut CertificateRecord, bundle: &ImportBundle, ctx: &Context) {
    let names = names(bundle);
    rec.domain_name = names.first().cloned().unwrap_or_default();
    rec.subject_alternative_names = names;
    rec.key_algorithm = bundle.key_algorithm;
    rec.status = CertificateStatus::Issued;
    rec.imported_at = Some(ctx.now);
    apply_info(rec, &bundle.info);
}

fn import_new(ctx: &Context, args: &Args, bundle: &ImportBundle, material: &Material) -> Result<CertificateArn> {
    let store = ctx.regional()?;
    let _lock = store.lock()?;
    let arn = CertificateArn::new(ctx.region, store.account);
    let mut record = CertificateRecord {
        version: 1,
        tags: args.tags.clone(),
        ..CertificateRecord::new(
            arn,
            CertificateType::Imported,
            CertificateStatus::Issued,
            bundle.key_algorithm,
            ctx.now,
        )
    };
    apply_bundle(&mut record, bundle, ctx);
    store.create_certificate(&record, Some(material))?;
    ctx.ui.status(&format!("Imported {} as {arn}", record.domain_name));
    Ok(arn)
}

fn reimport(ctx: &Context, arn: &CertificateArn, bundle: &ImportBundle, material: &Material) -> Result<CertificateArn> {
    // Checked before the lock too, so that a refusal takes no lock and writes nothing.
    policy::check_reimport(&ctx.certificate(arn)?)?;
    let store = ctx.regional()?;
    let _lock = store.lock()?;
    let mut record = ctx.certificate(arn)?;
    policy::check_reimport(&record)?;
    apply_bundle(&mut record, bundle, ctx);
    store.replace_material(&mut record, material)?;
    ctx.ui.status(&format!("Re-imported {} into {arn}", record.domain_name));
    // Every server the certificate is deployed to gets the new files, as
    // ACM updates the integrated services of a re-imported certificate.
    let outcomes = redeploy_all(&store, &mut record, ctx.now)?;
    store.save_certificate(&record)?;
    let mut failed = Vec::new();
    for o in &outcomes {
        match &o.error {
            None => ctx.ui.status(&format!("Redeployed to {} ({})", o.target, o.dest.display())),
            Some(e) => failed.push(format!("{} ({e})", o.target)),
        }
    }
    if !failed.is_empty() {
        return Err(Error::failure(format!(
            "{arn} was re-imported, but redeploying it failed for {}",
            failed.join(", ")
        ))
        .with_hint("fix the deployment and run 'acmctl deploy ARN --target TARGET' again"));
    }
    Ok(*arn)
}
