use std::path::PathBuf;

use crate::commands::Context;
use crate::error::{Error, Result};
use crate::model::AuthorityArn;
use crate::output::Output;
use crate::output::acm::Empty;

/// Install an authority's certificate (ImportCertificateAuthorityCertificate)
///
/// The certificate must be for the authority's own key (CertificateMismatch
/// otherwise) and be a CA certificate: self-signed for a ROOT, signed by its
/// parent for a SUBORDINATE, whose chain (the parent first, the root last)
/// comes with --certificate-chain. The authority becomes ACTIVE; an ACTIVE one
/// takes the new certificate.
///
/// Example:
///   acmctl ca import-certificate CA_ARN --certificate ca.pem --certificate-chain chain.pem
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// ARN of the authority
    #[arg(value_name = "CA_ARN", add = crate::commands::completions::authority_arns())]
    pub arn: AuthorityArn,
    /// The authority's certificate, PEM
    #[arg(long, value_name = "F")]
    pub certificate: PathBuf,
    /// The chain above it, PEM, its issuer first (subordinates)
    #[arg(long, value_name = "F")]
    pub certificate_chain: Option<PathBuf>,
}

/// A certificate file is small: 2 MiB covers any chain.
const MAX: u64 = 2 << 20;

fn read(path: &std::path::Path) -> Result<String> {
    use std::io::Read;
    let cannot = |e: std::io::Error| Error::invalid(format!("cannot read {}: {e}", path.display()));
    let mut text = String::new();
    std::fs::File::open(path).map_err(cannot)?.take(MAX + 1).read_to_string(&mut text).map_err(cannot)?;
    if text.len() as u64 > MAX {
        return Err(Error::invalid(format!("{} is larger than 2 MiB; it is not a certificate", path.display())));
    }
    Ok(text)
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let certificate = read(&args.certificate)?;
    let chain = match &args.certificate_chain {
        Some(p) => read(p)?,
        None => String::new(),
    };
    let a = crate::ops::pca::import_certificate(&ctx.scope()?, &args.arn, &certificate, &chain)?;
    ctx.ui.status(&format!("{} is {} with its certificate, serial {}", a.arn, a.status, a.serial));
    if ctx.ui.is_json() {
        ctx.ui.emit(&Output::new(Empty {}, ""));
    }
    Ok(())
}
