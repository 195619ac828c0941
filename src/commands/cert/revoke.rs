use serde_json::json;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::issuance::SigningAuthority;
use crate::model::{CertificateArn, CertificateStatus, RevocationReason};
use crate::output::Output;
use crate::pki::profile::{self, RevokedEntry};
use crate::pki::serial::parse_colon_hex;
use crate::policy::{self, Rule};
use crate::store::CRL_PEM;
use crate::store::records::Revocation;

/// Revoke a private certificate and re-sign its authority's CRL (RevokeCertificate)
///
/// Only certificates issued by a private authority (ACM Private CA) can be
/// revoked; a revocation is final. The certificate's Status becomes REVOKED,
/// and the authority signs a new CRL (the next CRL number) listing it with the
/// reason; 'acmctl ca crl CA_ARN' prints it.
///
/// Reasons, as ACM Private CA names them (RFC 5280): UNSPECIFIED,
/// KEY_COMPROMISE, CERTIFICATE_AUTHORITY_COMPROMISE, AFFILIATION_CHANGED,
/// SUPERSEDED, CESSATION_OF_OPERATION, PRIVILEGE_WITHDRAWN, A_A_COMPROMISE.
///
/// An authority whose key is encrypted signs the CRL only with its
/// passphrase: --passphrase-file F, or ACMCTL_CA_PASSPHRASE.
///
/// Examples:
///   acmctl cert revoke CERT_ARN --reason KEY_COMPROMISE
///   acmctl ca crl CA_ARN > crl.pem
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// ARN of the certificate
    #[arg(value_name = "ARN", add = crate::commands::completions::certificate_arns())]
    pub arn: CertificateArn,
    /// Why the certificate is revoked
    #[arg(long, value_name = "R", default_value_t = RevocationReason::Unspecified)]
    pub reason: RevocationReason,
    #[command(flatten)]
    pub passphrase: crate::passphrase::PassphraseArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    // Checked before the lock too, so that a refusal takes no lock and writes nothing.
    policy::check_revoke(&ctx.certificate(&args.arn)?)?;
    let passphrase = args.passphrase.read()?;
    let store = ctx.regional()?;
    let _lock = store.lock()?;
    let mut cert = ctx.certificate(&args.arn)?;
    policy::check_revoke(&cert)?;
    let (Some(ca_arn), Some(serial)) = (cert.authority, cert.serial.clone()) else {
        unreachable!("check_revoke accepts only certificates with an authority and a serial");
    };
    let authority = ctx.authority(&ca_arn, Rule::RegionalResource)?;
    let mut signer = SigningAuthority::load_with(&store, authority, passphrase.as_ref())?;
    // The authority's record is the source of truth for the CRL; a retry
    // after a crash between the two writes below finds its entry there.
    if !signer.record.revoked.iter().any(|r| r.serial == serial) {
        signer.record.revoked.push(Revocation {
            serial: serial.clone(),
            certificate_arn: Some(cert.arn),
            revoked_at: ctx.now,
            reason: args.reason,
        });
    }
    let entry = signer.record.revoked.iter().find(|r| r.serial == serial).expect("pushed above").clone();
    let number = signer.record.crl_number + 1;
    let crl = sign_crl(&signer, number, ctx.now)?;
    signer.record.crl_number = number;
    store.save_authority(&signer.record)?;
    store.write_authority_file(&ca_arn, CRL_PEM, crl.as_bytes())?;
    cert.status = CertificateStatus::Revoked;
    cert.revoked_at = Some(entry.revoked_at);
    cert.revocation_reason = Some(entry.reason);
    store.save_certificate(&cert)?;
    ctx.ui.status(&format!("Revoked {} ({}); CRL number {number} of {ca_arn} lists it", cert.arn, entry.reason));
    if ctx.ui.is_json() {
        ctx.ui.emit(&Output::new(json!({}), ""));
    }
    Ok(())
}

/// The authority's CRL with every revocation it has recorded.
pub fn sign_crl(signer: &SigningAuthority, number: u64, now: time::OffsetDateTime) -> Result<String> {
    let serials: Vec<(Vec<u8>, &Revocation)> = signer
        .record
        .revoked
        .iter()
        .map(|r| {
            parse_colon_hex(&r.serial).map(|b| (b, r)).ok_or_else(|| {
                Error::failure(format!(
                    "certificate authority {} records a damaged serial '{}'",
                    signer.record.arn, r.serial
                ))
            })
        })
        .collect::<Result<_>>()?;
    let entries: Vec<RevokedEntry<'_>> = serials
        .iter()
        .map(|(bytes, r)| RevokedEntry { serial: bytes, revoked_at: r.revoked_at, reason: r.reason })
        .collect();
    Ok(profile::crl(&signer.cert_pem, &signer.key, number, now, crate::commands::ca::CRL_DAYS, &entries)?)
}
