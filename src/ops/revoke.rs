//! RevokeCertificate: a certificate a private authority issued becomes
//! REVOKED, and the authority signs a new CRL that lists it.

use super::issue::SigningAuthority;
use super::{Scope, authority, certificate};
use crate::error::Result;
use crate::model::{AuthorityArn, CertificateArn, CertificateStatus, Revocation, RevocationReason};
use crate::passphrase::Passphrase;
use crate::policy::{self, Rule};

#[derive(Debug)]
pub struct Revoked {
    pub arn: CertificateArn,
    pub authority: AuthorityArn,
    pub reason: RevocationReason,
    /// The number of the CRL that lists it.
    pub crl_number: u64,
}

pub fn revoke(
    scope: &Scope,
    arn: &CertificateArn,
    reason: RevocationReason,
    passphrase: Option<&Passphrase>,
) -> Result<Revoked> {
    // Checked before the lock too, so that a refusal takes no lock and writes nothing.
    policy::check_revoke(&scope.read(|tx| certificate(tx, arn))?)?;
    scope.write(|tx| {
        let mut cert = certificate(tx, arn)?;
        policy::check_revoke(&cert)?;
        let (Some(ca), Some(serial)) = (cert.authority, cert.serial.clone()) else {
            unreachable!("check_revoke accepts only certificates with an authority and a serial");
        };
        let a = authority(tx, &ca, Rule::RegionalResource)?;
        let mut signer = SigningAuthority::load(tx, a, passphrase)?;
        // The authority's record is the source of truth for the CRL; a retry
        // after a crash between the two writes below finds its entry there.
        if !signer.record.revoked.iter().any(|r| r.serial == serial) {
            signer.record.revoked.push(Revocation {
                serial: serial.clone(),
                certificate_arn: Some(cert.arn),
                revoked_at: scope.now,
                reason,
            });
        }
        let entry = signer.record.revoked.iter().find(|r| r.serial == serial).expect("pushed above").clone();
        let (crl_number, _) = signer.publish_crl(tx, scope.now)?;
        cert.status = CertificateStatus::Revoked;
        cert.revoked_at = Some(entry.revoked_at);
        cert.revocation_reason = Some(entry.reason);
        tx.save_certificate(&cert)?;
        Ok(Revoked { arn: cert.arn, authority: ca, reason: entry.reason, crl_number })
    })
}
