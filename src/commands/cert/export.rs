use std::path::PathBuf;

use crate::commands::Context;
use crate::error::Result;
use crate::model::CertificateArn;
use crate::output::Output;
use crate::output::acm::ExportCertificate;

/// Export a private certificate with its key, encrypted (ExportCertificate)
///
/// Only PRIVATE certificates can be exported. The key comes out as encrypted
/// PKCS#8 (PBES2, AES-256-CBC), with the certificate and chain. The passphrase
/// (4 to 128 bytes) is read from a file, so it never appears in a process list;
/// one trailing newline is ignored. Exporting makes the certificate eligible
/// for managed renewal.
///
/// Examples:
///   acmctl cert export CERT_ARN --passphrase-file pass.txt > bundle.pem
///   acmctl cert export CERT_ARN --passphrase-file pass.txt --output json | jq -r .PrivateKey > key.pem
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// ARN of the certificate
    #[arg(value_name = "ARN", add = crate::commands::completions::certificate_arns())]
    pub arn: CertificateArn,
    /// File holding the passphrase that encrypts the exported key
    #[arg(long, value_name = "F")]
    pub passphrase_file: PathBuf,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let passphrase = crate::passphrase::from_file(&args.passphrase_file)?;
    let e = crate::ops::certificate::export(&ctx.scope()?, &args.arn, &passphrase)?;
    let json = ExportCertificate {
        certificate: &e.certificate_pem,
        certificate_chain: &e.chain_pem,
        private_key: &e.encrypted_key_pem,
    };
    let text = format!("{}{}{}", e.certificate_pem, e.chain_pem, e.encrypted_key_pem);
    ctx.ui.emit(&Output::new(json, text));
    Ok(())
}
