//! ACM Private CA's authority lifecycle: CreateCertificateAuthority (a key
//! and its CSR, PENDING_CERTIFICATE), GetCertificateAuthorityCsr,
//! ImportCertificateAuthorityCertificate, IssueCertificate (a CSR signed
//! under a template), GetCertificate, RevokeCertificate by serial, and
//! Update/Delete/RestoreCertificateAuthority.

use time::{Duration, OffsetDateTime};

use super::issue::{SigningAuthority, new_key};
use super::{Scope, authority};
use crate::error::{Error, Result};
use crate::model::{
    AuthorityArn, AuthorityMaterial, AuthorityMode, AuthorityRecord, AuthorityStatus, AuthorityType, IdempotencyRecord,
    IssuedCertificate, KeyAlgorithm, Revocation, RevocationConfiguration, RevocationReason, Subject, Tag,
};
use crate::pki::chain::{check_chain, is_signed_by, pem_certificates};
use crate::pki::csr::{Csr, CsrIssue, Template, authority_csr, self_sign_csr, sign_csr};
use crate::pki::profile::{CRL_DAYS, Publication, Validity};
use crate::pki::serial::colon_hex;
use crate::pki::{CertInfo, PrivateKey};
use crate::policy::{self, Refusal, Rule};
use crate::store::RegionTx;

/// How long CreateCertificateAuthority and IssueCertificate return the same
/// result for the same idempotency token, as ACM Private CA does.
pub const IDEMPOTENCY_WINDOW: Duration = Duration::minutes(5);

/// A serial as ACM Private CA's callers write it (Terraform: `%x`, no
/// leading zeros), or as openssl does (colons, capitals): lowercase hex
/// without separators or leading zeros.
pub fn normal_serial(text: &str) -> Option<String> {
    let hex: String = text.chars().filter(|c| *c != ':').collect::<String>().to_ascii_lowercase();
    if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let trimmed = hex.trim_start_matches('0');
    Some(if trimmed.is_empty() { "0".into() } else { trimmed.into() })
}

/// The key under which an operation's idempotency token is remembered.
fn token_key(operation: &str, token: &str) -> String {
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, token.as_bytes());
    let hex: String = digest.as_ref()[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("{operation}-{hex}")
}

/// What an earlier call with the same token made within the window.
fn replay(tx: &mut dyn RegionTx, key: &str, fp: &str, now: OffsetDateTime) -> Result<Option<String>> {
    let Some(prev) = tx.idempotency(key)? else { return Ok(None) };
    if now >= prev.created_at + IDEMPOTENCY_WINDOW {
        return Ok(None);
    }
    if prev.fingerprint != fp {
        return Err(Error::conflict("the idempotency token was used within 5 minutes for a different request")
            .with_hint("use a new token for a new request")
            .with_api("IdempotentParameterMismatchException"));
    }
    Ok(prev.resource_arn)
}

fn remember(tx: &mut dyn RegionTx, key: &str, fp: &str, arn: &str, now: OffsetDateTime) -> Result<()> {
    tx.remember(&IdempotencyRecord {
        token: key.to_string(),
        fingerprint: fp.to_string(),
        certificate_arn: None,
        resource_arn: Some(arn.to_string()),
        created_at: now,
    })?;
    Ok(())
}

/// CreateCertificateAuthority.
pub struct CreateAuthority {
    pub authority_type: AuthorityType,
    pub key_algorithm: KeyAlgorithm,
    pub subject: Subject,
    pub revocation: Option<RevocationConfiguration>,
    pub tags: Vec<Tag>,
    pub idempotency_token: Option<String>,
}

/// A new authority with a key and the CSR of that key, PENDING_CERTIFICATE:
/// its certificate is signed elsewhere (or by `issue` with the
/// RootCACertificate template) and imported.
pub fn create(scope: &Scope, input: &CreateAuthority) -> Result<AuthorityArn> {
    input.subject.check().map_err(|why| Error::invalid(why).with_api("InvalidArgsException"))?;
    if let Some(cn) = &input.subject.common_name {
        policy::authority::check_common_name(cn)?;
    }
    if let Some(r) = &input.revocation {
        check_revocation(r)?;
    }
    let fp = format!("{:?}|{:?}|{:?}|{:?}", input.authority_type, input.key_algorithm, input.subject, input.revocation);
    let key_name = input.idempotency_token.as_deref().map(|t| token_key("pca-create", t));
    let key = new_key(input.key_algorithm)?;
    let csr_pem = authority_csr(&input.subject, &key)?;
    let made = scope.write(|tx| {
        if let Some(k) = &key_name
            && let Some(prev) = replay(tx, k, &fp, scope.now)?
            && let Ok(arn) = prev.parse::<AuthorityArn>()
        {
            return Ok(arn);
        }
        let arn = AuthorityArn::new(scope.region, tx.account());
        let record = AuthorityRecord {
            arn,
            mode: AuthorityMode::Private,
            authority_type: input.authority_type,
            parent: None,
            path_len: None,
            common_name: input.subject.common_name.clone().unwrap_or_default(),
            key_algorithm: input.key_algorithm,
            serial: String::new(),
            not_before: scope.now,
            not_after: scope.now,
            created_at: scope.now,
            key_encrypted: false,
            crl_number: 0,
            revoked: Vec::new(),
            status: AuthorityStatus::PendingCertificate,
            last_state_change_at: Some(scope.now),
            restorable_until: None,
            tags: input.tags.clone(),
            subject: Some(input.subject.clone()),
            // As given (CreateCertificateAuthority echoes it), none meaning
            // no CRL and no OCSP.
            revocation: Some(input.revocation.clone().unwrap_or_default()),
        };
        let material = AuthorityMaterial {
            certificate_pem: String::new(),
            chain_pem: String::new(),
            private_key_pem: zeroize::Zeroizing::new(key.to_pem()),
            crl_pem: String::new(),
            csr_pem: csr_pem.clone(),
        };
        tx.create_authority(&record, &material)?;
        if let Some(k) = &key_name {
            remember(tx, k, &fp, &arn.to_string(), scope.now)?;
        }
        Ok(arn)
    })?;
    Ok(made)
}

/// A revocation configuration as ACM Private CA bounds it.
pub fn check_revocation(r: &RevocationConfiguration) -> Result<()> {
    let invalid = |why: String| Error::invalid(why).with_api("InvalidArgsException");
    if let Some(crl) = &r.crl {
        if let Some(days) = crl.expiration_in_days
            && !(1..=5000).contains(&days)
        {
            return Err(invalid(format!("the CRL's ExpirationInDays {days} is outside 1 to 5000")));
        }
        if let Some(name) = &crl.custom_cname {
            crate::pki::profile::check_publication_name(name).map_err(|e| invalid(format!("CRL custom name: {e}")))?;
        }
    }
    if let Some(ocsp) = &r.ocsp
        && let Some(name) = &ocsp.custom_cname
    {
        crate::pki::profile::check_publication_name(name).map_err(|e| invalid(format!("OCSP custom name: {e}")))?;
    }
    Ok(())
}

/// GetCertificateAuthorityCsr.
pub fn csr(scope: &Scope, arn: &AuthorityArn) -> Result<String> {
    scope.read(|tx| {
        let a = authority(tx, arn, Rule::RegionalResource)?;
        let csr = tx.authority_material(&a.arn)?.csr_pem;
        if csr.is_empty() {
            return Err(Error::conflict(format!(
                "certificate authority {arn} has no certificate signing request: it was created with its certificate"
            ))
            .with_api("InvalidStateException"));
        }
        Ok(csr)
    })
}

fn malformed(why: impl Into<String>) -> Error {
    Error::invalid(why).with_api("MalformedCertificateException")
}

/// ImportCertificateAuthorityCertificate: the authority's certificate,
/// signed for its own key, and the chain up to the root (none for a root).
/// A PENDING_CERTIFICATE authority becomes ACTIVE; an ACTIVE one takes the
/// new certificate.
pub fn import_certificate(
    scope: &Scope,
    arn: &AuthorityArn,
    certificate_pem: &str,
    chain_pem: &str,
) -> Result<AuthorityRecord> {
    let certs = pem_certificates(certificate_pem).map_err(|e| malformed(format!("the certificate: {e}")))?;
    let [cert_der] = certs.as_slice() else {
        return Err(malformed(format!("expected one certificate, found {}", certs.len())));
    };
    let info = CertInfo::from_der(cert_der).map_err(|e| malformed(e.to_string()))?;
    if !info.is_ca {
        return Err(malformed("the certificate is not a certificate authority's (basicConstraints CA:TRUE)"));
    }
    let chain = if chain_pem.trim().is_empty() {
        Vec::new()
    } else {
        pem_certificates(chain_pem).map_err(|e| malformed(format!("the chain: {e}")))?
    };
    let self_signed = is_signed_by(cert_der, cert_der);
    scope.write(|tx| {
        let mut a = authority(tx, arn, Rule::RegionalResource)?;
        if !matches!(a.status, AuthorityStatus::PendingCertificate | AuthorityStatus::Active) {
            return Err(Refusal::new(
                Rule::AuthorityLifecycle,
                format!("certificate authority {arn} is {}; a certificate is imported while it is PENDING_CERTIFICATE or ACTIVE", a.status),
                "",
            )
            .into());
        }
        let material = tx.authority_material(&a.arn)?;
        let key = PrivateKey::from_pem(&material.private_key_pem, a.key_algorithm)
            .map_err(|e| Error::failure(format!("the key of {arn} cannot be read: {e}")))?;
        if key.spki_der() != info.spki_der {
            return Err(Error::invalid("the certificate is not for the authority's key")
                .with_api("CertificateMismatchException"));
        }
        match a.authority_type {
            AuthorityType::Root if !self_signed || !chain.is_empty() => {
                return Err(Error::invalid("a root authority's certificate is self-signed and comes without a chain")
                    .with_api("InvalidRequestException"));
            }
            AuthorityType::Subordinate if self_signed || chain.is_empty() => {
                return Err(Error::invalid(
                    "a subordinate authority's certificate is signed by its parent, and comes with the chain up to the root",
                )
                .with_api("InvalidRequestException"));
            }
            _ => {}
        }
        if let Err(why) = check_chain(cert_der, &chain) {
            return Err(Error::invalid(format!("the chain does not link: {why}")).with_api("InvalidRequestException"));
        }
        if let Some(root) = chain.last()
            && !is_signed_by(root, root)
        {
            return Err(Error::invalid("the chain does not end with a self-signed root")
                .with_api("InvalidRequestException"));
        }
        // Its parent, when the parent is an authority of this region.
        let parent_pem = chain.first().map(|d| ::pem::encode(&::pem::Pem::new("CERTIFICATE", d.clone())));
        let parent = match &parent_pem {
            None => None,
            Some(pem) => tx
                .authorities()?
                .into_iter()
                .find(|p| p.has_certificate() && tx.authority_material(&p.arn).is_ok_and(|m| m.certificate_pem == *pem))
                .map(|p| p.arn),
        };
        a.serial = info.serial_colon_hex();
        a.not_before = info.not_before;
        a.not_after = info.not_after;
        a.common_name = info.common_name.clone().unwrap_or_default();
        a.parent = parent;
        a.path_len = crate::pki::inspect::path_len(cert_der);
        if a.status != AuthorityStatus::Active {
            a.status = AuthorityStatus::Active;
            a.last_state_change_at = Some(scope.now);
        }
        a.crl_number += 1;
        let certificate_pem = ::pem::encode(&::pem::Pem::new("CERTIFICATE", cert_der.clone()));
        let chain_pem: String =
            chain.iter().map(|d| ::pem::encode(&::pem::Pem::new("CERTIFICATE", d.clone()))).collect();
        let revoked = revoked_entries(&a)?;
        let entries: Vec<_> = revoked
            .iter()
            .map(|(b, r)| crate::pki::profile::RevokedEntry { serial: b, revoked_at: r.revoked_at, reason: r.reason })
            .collect();
        let crl_pem = crate::pki::profile::crl(&certificate_pem, &key, a.crl_number, scope.now, crl_days(&a), &entries)?;
        let m = AuthorityMaterial {
            certificate_pem,
            chain_pem,
            private_key_pem: material.private_key_pem.clone(),
            crl_pem,
            csr_pem: material.csr_pem,
        };
        tx.replace_authority_certificate(&a, &m)?;
        Ok(a)
    })
}

fn revoked_entries(a: &AuthorityRecord) -> Result<Vec<(Vec<u8>, Revocation)>> {
    a.revoked
        .iter()
        .map(|r| {
            crate::pki::serial::parse_colon_hex(&r.serial)
                .map(|b| (b, r.clone()))
                .ok_or_else(|| Error::failure(format!("certificate authority {} records a damaged serial", a.arn)))
        })
        .collect()
}

/// IssueCertificate's `Validity`.
#[derive(Clone, Copy, Debug)]
pub enum PcaValidity {
    /// An absolute end (END_DATE and ABSOLUTE).
    Until(OffsetDateTime),
    Days(i64),
    Months(i64),
    Years(i64),
}

impl PcaValidity {
    fn not_after(self, from: OffsetDateTime) -> Option<OffsetDateTime> {
        match self {
            PcaValidity::Until(t) => Some(t),
            PcaValidity::Days(n) => from.checked_add(Duration::days(n)),
            PcaValidity::Months(n) => {
                let months = i64::from(from.month() as u8) - 1 + n;
                let year = i32::try_from(i64::from(from.year()) + months.div_euclid(12)).ok()?;
                let month = time::Month::try_from(u8::try_from(months.rem_euclid(12) + 1).ok()?).ok()?;
                let day = from.day().min(time::util::days_in_month(month, year));
                from.replace_day(1).ok()?.replace_year(year).ok()?.replace_month(month).ok()?.replace_day(day).ok()
            }
            PcaValidity::Years(n) => PcaValidity::Months(n.checked_mul(12)?).not_after(from),
        }
    }
}

/// IssueCertificate.
pub struct Issue {
    pub authority: AuthorityArn,
    pub csr_pem: String,
    pub template: Template,
    pub validity: PcaValidity,
    /// Defaults to an hour before now (ACM Private CA's backdating).
    pub not_before: Option<OffsetDateTime>,
    pub idempotency_token: Option<String>,
}

fn invalid_args(why: impl Into<String>) -> Error {
    Error::invalid(why).with_api("InvalidArgsException")
}

/// Signs a CSR with the authority under a template. A ROOT authority
/// waiting for its certificate signs its own CSR with RootCACertificate/V1.
pub fn issue(scope: &Scope, input: &Issue) -> Result<IssuedCertificate> {
    let csr =
        Csr::from_pem(&input.csr_pem).map_err(|e| Error::invalid(e.to_string()).with_api("MalformedCSRException"))?;
    if csr.key_algorithm.is_none() {
        return Err(Error::invalid("the CSR's key is not one acmctl signs (RSA 2048/3072/4096, EC P-256/P-384/P-521)")
            .with_api("MalformedCSRException"));
    }
    let not_before = input.not_before.unwrap_or(scope.now - Duration::hours(1));
    let not_after = input
        .validity
        .not_after(scope.now)
        .ok_or_else(|| invalid_args("the validity is beyond the dates a certificate can carry"))?;
    if not_after <= not_before || not_after <= scope.now {
        return Err(invalid_args("the validity ends before it begins, or in the past"));
    }
    let fp = format!("{}|{:?}|{}|{}", input.csr_pem, input.template, not_before, not_after);
    let key_name = input.idempotency_token.as_deref().map(|t| token_key("pca-issue", t));
    scope.write(|tx| {
        if let Some(k) = &key_name
            && let Some(prev) = replay(tx, k, &fp, scope.now)?
            && let Some(serial) = prev.rsplit('/').next().and_then(normal_serial)
            && let Some(rec) = tx.issued_certificate(&input.authority, &serial)?
        {
            return Ok(rec);
        }
        let a = authority(tx, &input.authority, Rule::RegionalResource)?;
        let rec = if input.template == Template::RootCa {
            issue_root(tx, scope, &a, &csr, not_before, not_after)?
        } else {
            issue_signed(tx, scope, a, &csr, input.template, not_before, not_after)?
        };
        tx.create_issued_certificate(&rec)?;
        if let Some(k) = &key_name {
            remember(tx, k, &fp, &rec.arn, scope.now)?;
        }
        Ok(rec)
    })
}

fn issued_record(
    a: &AuthorityRecord,
    serial: &[u8],
    template: Template,
    certificate_pem: String,
    chain_pem: String,
    now: OffsetDateTime,
) -> Result<IssuedCertificate> {
    let info = CertInfo::from_pem(&certificate_pem)?;
    let hex = normal_serial(&colon_hex(serial)).expect("a serial is hex");
    Ok(IssuedCertificate {
        arn: format!("{}/certificate/{hex}", a.arn),
        authority: a.arn,
        serial: colon_hex(serial),
        template: template.arn(),
        certificate_pem,
        chain_pem,
        not_before: info.not_before,
        not_after: info.not_after,
        created_at: now,
    })
}

fn issue_root(
    tx: &mut dyn RegionTx,
    scope: &Scope,
    a: &AuthorityRecord,
    csr: &Csr,
    not_before: OffsetDateTime,
    not_after: OffsetDateTime,
) -> Result<IssuedCertificate> {
    if a.authority_type != AuthorityType::Root {
        return Err(invalid_args(format!(
            "RootCACertificate/V1 is for a ROOT authority's own certificate; {} is a SUBORDINATE",
            a.arn
        )));
    }
    if !matches!(a.status, AuthorityStatus::PendingCertificate | AuthorityStatus::Active) {
        return Err(policy::authority::check_can_issue(a, scope.now).unwrap_err().into());
    }
    let material = tx.authority_material(&a.arn)?;
    let key = PrivateKey::from_pem(&material.private_key_pem, a.key_algorithm)
        .map_err(|e| Error::failure(format!("the key of {} cannot be read: {e}", a.arn)))?;
    // The root's own serial is reserved in its own serials, as any other.
    let serial = loop {
        let s = crate::pki::serial::random_serial();
        if tx.reserve_serials(&a.arn, &[s])?[0] {
            break s;
        }
    };
    let none = Publication::default();
    let validity = Validity { not_before, not_after };
    let issue = CsrIssue { csr, template: Template::RootCa, validity, serial: &serial, publication: &none };
    let pem = self_sign_csr(&issue, &key).map_err(|e| invalid_args(e.to_string()))?;
    issued_record(a, &serial, Template::RootCa, pem, String::new(), scope.now)
}

fn issue_signed(
    tx: &mut dyn RegionTx,
    scope: &Scope,
    a: AuthorityRecord,
    csr: &Csr,
    template: Template,
    not_before: OffsetDateTime,
    not_after: OffsetDateTime,
) -> Result<IssuedCertificate> {
    policy::authority::check_can_issue(&a, scope.now)?;
    if not_after > a.not_after {
        return Err(invalid_args(format!(
            "the validity ends after the authority's own certificate ({})",
            crate::clock::rfc3339(a.not_after)
        )));
    }
    if let Template::SubordinateCa(n) = template
        && a.path_len.is_some_and(|p| n >= p)
    {
        return Err(invalid_args(format!(
            "the authority has path length {}, so a subordinate it signs has a path length below that",
            a.path_len.unwrap_or_default()
        )));
    }
    let signer = SigningAuthority::load(tx, a, None)?;
    let serial = signer.reserve_serials(tx, 1)?[0];
    let publication = publication(&signer.record)?;
    let validity = Validity { not_before, not_after };
    let issue = CsrIssue { csr, template, validity, serial: &serial, publication: &publication };
    let pem = sign_csr(&issue, &signer.cert_pem, &signer.key)?;
    issued_record(&signer.record, &serial, template, pem, signer.chain_for_issued(), scope.now)
}

/// Where certificates an authority signs say it publishes revocation: its
/// configured CRL and OCSP names (checked when they were configured). With
/// OCSP, the authority's own certificate is named too (caIssuers), served
/// beside the responder.
pub fn publication(a: &AuthorityRecord) -> Result<Publication> {
    let Some(r) = &a.revocation else { return Ok(Publication::default()) };
    let crl = r.crl.as_ref().filter(|c| c.enabled && !c.omit_extension).and_then(|c| c.custom_cname.as_deref());
    let ocsp = r.ocsp.as_ref().filter(|o| o.enabled).and_then(|o| o.custom_cname.as_deref());
    let id = authority_path_id(&a.arn);
    let ca_issuers = ocsp.map(|name| format!("http://{name}/ca/{id}.crt"));
    Ok(Publication::for_authority(&id, crl, ocsp, ca_issuers)?)
}

/// The authority's id as its URLs spell it (`/crl/<id>.crl`, `/ca/<id>.crt`).
pub fn authority_path_id(arn: &AuthorityArn) -> String {
    arn.id().hyphenated().to_string()
}

/// How long each CRL the authority signs is valid: its configuration's
/// ExpirationInDays, else acmctl's 7 days.
pub fn crl_days(a: &AuthorityRecord) -> i64 {
    a.revocation.as_ref().and_then(|r| r.crl.as_ref()).and_then(|c| c.expiration_in_days).map_or(CRL_DAYS, i64::from)
}

/// GetCertificate of ACM Private CA: a certificate the authority signed
/// for a CSR, with its chain.
pub fn get_certificate(scope: &Scope, ca: &AuthorityArn, certificate_arn: &str) -> Result<IssuedCertificate> {
    let not_found = || {
        Error::not_found(format!("certificate {certificate_arn} was not issued by certificate authority {ca}"))
            .with_api("ResourceNotFoundException")
    };
    let prefix = format!("{ca}/certificate/");
    let serial = certificate_arn.strip_prefix(&prefix).and_then(normal_serial).ok_or_else(not_found)?;
    scope.read(|tx| {
        authority(tx, ca, Rule::RegionalResource)?;
        tx.issued_certificate(ca, &serial)?.ok_or_else(not_found)
    })
}

/// RevokeCertificate of ACM Private CA: by the authority and the serial,
/// for certificates it signed for CSRs and ACM certificates it issued.
pub fn revoke(scope: &Scope, ca: &AuthorityArn, serial: &str, reason: RevocationReason) -> Result<u64> {
    let wanted = normal_serial(serial).ok_or_else(|| {
        Error::invalid(format!("'{serial}' is not a serial number in hex")).with_api("InvalidRequestException")
    })?;
    // An ACM certificate of this authority: its own revocation writes both records.
    let summaries = scope.read(|tx| Ok(tx.summaries()?))?;
    for s in
        summaries.iter().filter(|s| s.serial.as_deref().and_then(normal_serial).as_deref() == Some(wanted.as_str()))
    {
        let rec = super::certificate::describe(scope, &s.arn)?;
        if rec.authority == Some(*ca) {
            if rec.revoked_at.is_some() {
                return Err(already_revoked(serial));
            }
            return Ok(super::revoke::revoke(scope, &rec.arn, reason, None)?.crl_number);
        }
    }
    scope.write(|tx| {
        let a = authority(tx, ca, Rule::RegionalResource)?;
        if normal_serial(&a.serial).as_deref() == Some(wanted.as_str()) && a.authority_type == AuthorityType::Root {
            return Err(
                Error::invalid("Self-signed certificate can not be revoked").with_api("InvalidRequestException")
            );
        }
        let issued = tx.issued_certificate(ca, &wanted)?;
        let child = tx
            .authorities()?
            .into_iter()
            .find(|c| c.parent == Some(*ca) && normal_serial(&c.serial).as_deref() == Some(wanted.as_str()));
        let serial_colon = match (&issued, &child) {
            (Some(i), _) => i.serial.clone(),
            (None, Some(c)) => c.serial.clone(),
            (None, None) => {
                return Err(Error::not_found(format!(
                    "certificate authority {ca} issued no certificate with serial {serial}"
                ))
                .with_api("ResourceNotFoundException"));
            }
        };
        if a.revoked.iter().any(|r| normal_serial(&r.serial).as_deref() == Some(wanted.as_str())) {
            return Err(already_revoked(serial));
        }
        let mut signer = SigningAuthority::load(tx, a, None)?;
        signer.record.revoked.push(Revocation {
            serial: serial_colon,
            certificate_arn: None,
            revoked_at: scope.now,
            reason,
        });
        let (number, _) = signer.publish_crl(tx, scope.now)?;
        Ok(number)
    })
}

fn already_revoked(serial: &str) -> Error {
    Error::conflict(format!("the certificate with serial {serial} is already revoked"))
        .with_api("RequestAlreadyProcessedException")
}

/// UpdateCertificateAuthority: its status (ACTIVE or DISABLED) and its
/// revocation configuration.
pub fn update(
    scope: &Scope,
    arn: &AuthorityArn,
    status: Option<AuthorityStatus>,
    revocation: Option<RevocationConfiguration>,
) -> Result<AuthorityRecord> {
    if let Some(s) = status
        && !matches!(s, AuthorityStatus::Active | AuthorityStatus::Disabled)
    {
        return Err(Error::invalid(format!("an authority is updated to ACTIVE or DISABLED, not {s}"))
            .with_api("InvalidArgsException"));
    }
    if let Some(r) = &revocation {
        check_revocation(r)?;
    }
    scope.write(|tx| {
        let mut a = authority(tx, arn, Rule::RegionalResource)?;
        policy::authority::check_update(&a, scope.now)?;
        if let Some(s) = status
            && s != a.status
        {
            a.status = s;
            a.last_state_change_at = Some(scope.now);
        }
        if let Some(r) = &revocation {
            a.revocation = Some(r.clone());
        }
        tx.save_authority(&a)?;
        Ok(a)
    })
}

/// DeleteCertificateAuthority: DELETED, restorable for `days` (7 to 30).
pub fn delete(scope: &Scope, arn: &AuthorityArn, days: u32) -> Result<AuthorityRecord> {
    if !(7..=30).contains(&days) {
        return Err(
            Error::invalid(format!("the restore window is 7 to 30 days, not {days}")).with_api("InvalidArgsException")
        );
    }
    scope.write(|tx| {
        let mut a = authority(tx, arn, Rule::RegionalResource)?;
        policy::authority::check_delete(&a, scope.now)?;
        a.status = AuthorityStatus::Deleted;
        a.last_state_change_at = Some(scope.now);
        a.restorable_until = Some(scope.now + Duration::days(i64::from(days)));
        tx.save_authority(&a)?;
        Ok(a)
    })
}

/// RestoreCertificateAuthority: back to DISABLED, or PENDING_CERTIFICATE
/// if it never had a certificate.
pub fn restore(scope: &Scope, arn: &AuthorityArn) -> Result<AuthorityRecord> {
    scope.write(|tx| {
        let mut a = authority(tx, arn, Rule::RegionalResource)?;
        if policy::authority::is_gone(&a, scope.now) {
            return Err(Error::not_found(format!(
                "certificate authority {arn} was deleted and its restore window has passed"
            ))
            .with_api("ResourceNotFoundException"));
        }
        policy::authority::check_restore(&a, scope.now)?;
        a.status = if a.serial.is_empty() { AuthorityStatus::PendingCertificate } else { AuthorityStatus::Disabled };
        a.last_state_change_at = Some(scope.now);
        a.restorable_until = None;
        tx.save_authority(&a)?;
        Ok(a)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn serials_are_compared_as_numbers() {
        assert_eq!(normal_serial("0A:0B:FF").as_deref(), Some("a0bff"));
        assert_eq!(normal_serial("a0bff").as_deref(), Some("a0bff"));
        assert_eq!(normal_serial("000").as_deref(), Some("0"));
        assert_eq!(normal_serial("xyz"), None);
        assert_eq!(normal_serial(""), None);
    }

    #[test]
    fn validity_in_months_and_years_keeps_the_day_where_it_can() {
        let from = datetime!(2027-01-31 12:00 UTC);
        assert_eq!(PcaValidity::Months(1).not_after(from), Some(datetime!(2027-02-28 12:00 UTC)));
        assert_eq!(PcaValidity::Months(13).not_after(from), Some(datetime!(2028-02-29 12:00 UTC)));
        assert_eq!(PcaValidity::Years(2).not_after(from), Some(datetime!(2029-01-31 12:00 UTC)));
        assert_eq!(PcaValidity::Days(10).not_after(from), Some(datetime!(2027-02-10 12:00 UTC)));
    }
}
