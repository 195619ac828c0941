use std::io::Read;
use std::path::{Path, PathBuf};

use crate::commands::Context;
use crate::error::{Error, Result};
use crate::model::{CertificateArn, Tag};
use crate::ops;
use crate::ops::import::{Blob, Import};
use crate::output::Output;
use crate::output::acm::CertificateArnResponse;
use crate::pki::import::{self, Role};

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
fn read_limited(path: &Path, role: Role) -> Result<Blob> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| Error::invalid(format!("cannot read {name}: {e}")))?;
    let mut bytes = Vec::new();
    file.take(role.limit() + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::invalid(format!("cannot read {name}: {e}")))?;
    import::check_size(role, &name, bytes.len() as u64).map_err(|e| Error::invalid(format!("cannot import {e}")))?;
    Ok(Blob { name, bytes })
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let input = Import {
        certificate: read_limited(&args.certificate, Role::Certificate)?,
        private_key: read_limited(&args.private_key, Role::PrivateKey)?,
        chain: match &args.certificate_chain {
            Some(p) => Some(read_limited(p, Role::Chain)?),
            None => None,
        },
        arn: args.certificate_arn,
        tags: args.tags.clone(),
    };
    let done = ops::import::import(&ctx.scope()?, &input)?;
    if done.reimported {
        ctx.ui.status(&format!("Re-imported {} into {}", done.domain_name, done.arn));
    } else {
        ctx.ui.status(&format!("Imported {} as {}", done.domain_name, done.arn));
    }
    let mut failed = Vec::new();
    for o in &done.redeployed {
        match &o.error {
            None => ctx.ui.status(&format!("Redeployed to {} ({})", o.target, o.dest.display())),
            Some(e) => failed.push(format!("{} ({e})", o.target)),
        }
    }
    // The certificate is in the store whatever happened to its deployments:
    // its ARN is the result.
    ctx.ui.emit(&Output::new(CertificateArnResponse { certificate_arn: done.arn.to_string() }, done.arn.to_string()));
    if !failed.is_empty() {
        return Err(Error::failure(format!(
            "{} was re-imported, but redeploying it failed for {}",
            done.arn,
            failed.join(", ")
        ))
        .with_hint("fix the deployment and run 'acmctl deploy ARN --target TARGET' again"));
    }
    Ok(())
}
