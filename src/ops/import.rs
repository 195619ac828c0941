//! ImportCertificate: a certificate made elsewhere, with its key and chain,
//! kept as IMPORTED; or, with an ARN, put in place of an imported one
//! (re-import), which redeploys it everywhere it is deployed.

use super::deploy::{Outcome, Redeploy};
use super::issue::apply_info;
use super::{Scope, certificate};
use crate::error::{Error, Result};
use crate::model::{CertificateArn, CertificateRecord, CertificateStatus, CertificateType, Material, Tag};
use crate::pki::import::{self, ImportBundle, Input};
use crate::policy;

/// One input file of an import: the name to quote in errors, and its bytes.
pub struct Blob {
    pub name: String,
    pub bytes: Vec<u8>,
}

pub struct Import {
    pub certificate: Blob,
    pub private_key: Blob,
    pub chain: Option<Blob>,
    /// Re-import over this IMPORTED certificate.
    pub arn: Option<CertificateArn>,
    pub tags: Vec<Tag>,
}

#[derive(Debug)]
pub struct Imported {
    pub arn: CertificateArn,
    pub domain_name: String,
    pub reimported: bool,
    /// Re-import: what happened to each deployment.
    pub redeployed: Vec<Outcome>,
}

fn refused_input(e: import::ImportError) -> Error {
    Error::invalid(format!("cannot import {e}")).with_api("ValidationException")
}

/// Checks the files of an import without touching the store.
pub fn check(input: &Import, now: time::OffsetDateTime) -> Result<ImportBundle> {
    let blob = |b: &Blob| -> (String, Vec<u8>) { (b.name.clone(), b.bytes.clone()) };
    let (cert_name, cert_bytes) = blob(&input.certificate);
    let (key_name, key_bytes) = blob(&input.private_key);
    let chain = input.chain.as_ref().map(|c| Input { name: &c.name, bytes: &c.bytes });
    import::check(
        Input { name: &cert_name, bytes: &cert_bytes },
        Input { name: &key_name, bytes: &key_bytes },
        chain,
        now,
    )
    .map_err(refused_input)
}

pub fn import(scope: &Scope, input: &Import) -> Result<Imported> {
    if input.arn.is_some() && !input.tags.is_empty() {
        return Err(
            Error::usage("tags cannot be given when re-importing (--certificate-arn)").with_api("ValidationException")
        );
    }
    let bundle = check(input, scope.now)?;
    let material = Material {
        certificate_pem: bundle.certificate_pem.clone(),
        chain_pem: bundle.chain_pem.clone(),
        private_key_pem: bundle.private_key_pem.clone(),
    };
    match input.arn {
        Some(arn) => reimport(scope, &arn, &bundle, &material),
        None => import_new(scope, input, &bundle, &material),
    }
}

fn apply_bundle(rec: &mut CertificateRecord, bundle: &ImportBundle, now: time::OffsetDateTime) {
    let names = bundle.info.acm_names();
    rec.domain_name = names.first().cloned().unwrap_or_default();
    rec.subject_alternative_names = names;
    rec.key_algorithm = bundle.key_algorithm;
    rec.status = CertificateStatus::Issued;
    rec.imported_at = Some(now);
    apply_info(rec, &bundle.info);
}

fn import_new(scope: &Scope, input: &Import, bundle: &ImportBundle, material: &Material) -> Result<Imported> {
    scope.write(|tx| {
        let arn = CertificateArn::new(scope.region, tx.account());
        let mut rec = CertificateRecord {
            version: 1,
            tags: input.tags.clone(),
            ..CertificateRecord::new(
                arn,
                CertificateType::Imported,
                CertificateStatus::Issued,
                bundle.key_algorithm,
                scope.now,
            )
        };
        apply_bundle(&mut rec, bundle, scope.now);
        tx.create_certificates(&[(rec.clone(), Some(material.clone()))], None)?;
        Ok(Imported { arn, domain_name: rec.domain_name, reimported: false, redeployed: Vec::new() })
    })
}

fn reimport(scope: &Scope, arn: &CertificateArn, bundle: &ImportBundle, material: &Material) -> Result<Imported> {
    // Checked before the lock too, so that a refusal takes no lock and writes nothing.
    policy::check_reimport(&scope.read(|tx| certificate(tx, arn))?)?;
    let (rec, redeploy) = scope.write(|tx| {
        let mut rec = certificate(tx, arn)?;
        policy::check_reimport(&rec)?;
        apply_bundle(&mut rec, bundle, scope.now);
        tx.replace_material(&mut rec, material)?;
        // Every server this host deployed it to gets the new files now (other
        // hosts' at their next `renew`), as ACM updates the integrated
        // services of a re-imported certificate.
        let redeploy = Redeploy::rewrite(&mut rec, material, scope.now, &scope.settings.host_id);
        tx.save_certificate(&rec)?;
        Ok((rec, redeploy))
    })?;
    let redeployed = redeploy.finish(&scope.settings.hooks);
    Ok(Imported { arn: *arn, domain_name: rec.domain_name, reimported: true, redeployed })
}
