use std::path::{Path, PathBuf};

use serde_json::json;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::CertificateArn;
use crate::output::Output;
use crate::pki::PrivateKey;
use crate::pki::export::encrypt_pkcs8;
use crate::policy::check_export;

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

pub fn read_passphrase(path: &Path) -> Result<Vec<u8>> {
    Ok(crate::passphrase::from_file(path)?.0.clone())
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let passphrase = read_passphrase(&args.passphrase_file)?;
    // Checked before the lock is taken, so that a refusal writes nothing.
    ctx.certificate(&args.arn)?;
    let store = ctx.regional()?;
    let _lock = store.lock()?;
    let mut c = ctx.certificate(&args.arn)?;
    check_export(&c, ctx.now)?;
    let material =
        store.material(&c)?.ok_or_else(|| Error::failure(format!("certificate {} has no key in the store", c.arn)))?;
    let key = PrivateKey::from_pem(&material.private_key_pem, c.key_algorithm)
        .map_err(|e| Error::failure(format!("the key of {} cannot be read: {e}", c.arn)))?;
    let encrypted = encrypt_pkcs8(key.pkcs8_der(), &passphrase).map_err(|e| Error::failure(e.to_string()))?;
    if !c.exported {
        c.exported = true;
        store.save_certificate(&c)?;
    }
    let json = json!({
        "Certificate": material.certificate_pem,
        "CertificateChain": material.chain_pem,
        "PrivateKey": encrypted,
    });
    let text = format!("{}{}{}", material.certificate_pem, material.chain_pem, encrypted);
    ctx.ui.emit(&Output::new(json, text));
    Ok(())
}
