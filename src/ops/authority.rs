//! Certificate authorities: CreateCertificateAuthority (private roots and
//! subordinates, and the region's public authority),
//! DescribeCertificateAuthority, ListCertificateAuthorities,
//! GetCertificateAuthorityCertificate and the CRL.

use time::{Duration, OffsetDateTime};

use super::issue::{SigningAuthority, new_key, publication_urls};
use super::{Scope, authority};
use crate::error::{Error, Result};
use crate::model::{AuthorityArn, AuthorityMaterial, AuthorityMode, AuthorityRecord, AuthorityType, KeyAlgorithm};
use crate::passphrase::Passphrase;
use crate::pki::PrivateKey;
use crate::pki::inspect::{CrlInfo, crl_info};
use crate::pki::profile::{self, AuthorityProfile, CRL_DAYS, Validity};
use crate::pki::serial::{colon_hex, random_serial};
use crate::policy::{self, Rule};
use crate::store::RegionTx;

/// The organization of every authority acmctl makes.
const ORGANIZATION: &str = "acmctl";

/// A private authority's place in its hierarchy.
pub enum Hierarchy {
    Root,
    /// Signed by `parent`, whose key `parent_passphrase` unlocks if it is
    /// encrypted.
    Subordinate {
        parent: AuthorityArn,
        parent_passphrase: Option<Passphrase>,
    },
}

/// A private authority (ACM Private CA).
pub struct CreatePrivate {
    pub hierarchy: Hierarchy,
    pub common_name: Option<String>,
    pub key_algorithm: KeyAlgorithm,
    pub validity_days: i64,
    /// Keep the new key encrypted with this passphrase.
    pub passphrase: Option<Passphrase>,
    /// Where it publishes revocation (none: acmctl's CRL, named by no
    /// certificate).
    pub revocation: Option<crate::model::RevocationConfiguration>,
}

/// A private authority, created and stored at once (its key is made
/// before the store is locked: RSA keys are slow to make).
pub fn create_private(scope: &Scope, input: &CreatePrivate) -> Result<AuthorityRecord> {
    let authority_type = match input.hierarchy {
        Hierarchy::Root => AuthorityType::Root,
        Hierarchy::Subordinate { .. } => AuthorityType::Subordinate,
    };
    if let Some(cn) = &input.common_name {
        policy::authority::check_common_name(cn)?;
    }
    if let Some(r) = &input.revocation {
        super::pca::check_revocation(r)?;
    }
    let arn = AuthorityArn::new(scope.region, scope.account());
    let common_name = input.common_name.clone().unwrap_or_else(|| {
        let kind = match authority_type {
            AuthorityType::Root => "Root",
            AuthorityType::Subordinate => "Subordinate",
        };
        format!("acmctl {kind} CA {} {}", scope.region, &arn.id().simple().to_string()[..8])
    });
    // Checked before the key is made, so that a refusal costs nothing.
    if let Hierarchy::Subordinate { parent, .. } = &input.hierarchy {
        let p = scope.read(|tx| authority(tx, parent, Rule::AuthorityInRegion))?;
        policy::authority::check_parent(&p, scope.now)?;
    }
    let key = new_key(input.key_algorithm)?;
    let key_pem = zeroize::Zeroizing::new(match &input.passphrase {
        Some(p) => key.to_encrypted_pem(p.as_bytes())?,
        None => key.to_pem(),
    });
    scope.write(|tx| {
        let signer = match &input.hierarchy {
            Hierarchy::Root => None,
            Hierarchy::Subordinate { parent, parent_passphrase } => {
                let p = authority(tx, parent, Rule::AuthorityInRegion)?;
                policy::authority::check_parent(&p, scope.now)?;
                Some(SigningAuthority::load(tx, p, parent_passphrase.as_ref())?)
            }
        };
        let path_len = signer.as_ref().map(|s| s.record.path_len.map_or(1, |n| n - 1));
        let serial = match &signer {
            Some(s) => s.reserve_serials(tx, 1)?[0],
            None => random_serial(),
        };
        let validity = Validity::days_from(scope.now, input.validity_days, signer.as_ref().map(|s| s.record.not_after));
        let mut params = profile::authority_params(&AuthorityProfile {
            common_name: &common_name,
            organization: ORGANIZATION,
            path_len,
            validity,
            serial: &serial,
        })?;
        // A subordinate's certificate says where its parent publishes.
        if let Some(s) = &signer {
            profile::add_publication(&mut params, &super::pca::publication(&s.record)?)?;
        }
        let (certificate_pem, chain_pem) = match &signer {
            None => (profile::self_signed(&params, &key)?, String::new()),
            Some(s) => (profile::signed_by(&params, key.pair(), &s.cert_pem, &s.key)?, s.chain_for_issued()),
        };
        let days = input.revocation.as_ref().and_then(|r| r.crl.as_ref()).and_then(|c| c.expiration_in_days);
        let crl_pem = profile::crl(&certificate_pem, &key, 1, scope.now, days.map_or(CRL_DAYS, i64::from), &[])?;
        let record = AuthorityRecord {
            arn,
            mode: AuthorityMode::Private,
            authority_type,
            parent: signer.as_ref().map(|s| s.record.arn),
            path_len,
            common_name: common_name.clone(),
            key_algorithm: input.key_algorithm,
            serial: colon_hex(&serial),
            not_before: validity.not_before,
            not_after: validity.not_after,
            created_at: scope.now,
            key_encrypted: input.passphrase.is_some(),
            crl_number: 1,
            revoked: Vec::new(),
            status: crate::model::AuthorityStatus::Active,
            last_state_change_at: Some(scope.now),
            tags: Vec::new(),
            restorable_until: None,
            subject: None,
            revocation: input.revocation.clone(),
        };
        let material = AuthorityMaterial {
            certificate_pem,
            chain_pem,
            private_key_pem: key_pem.clone(),
            crl_pem,
            csr_pem: String::new(),
        };
        tx.create_authority(&record, &material)?;
        Ok(record)
    })
}

/// The region's public authority.
pub struct CreatePublic {
    /// The intermediate's common name.
    pub common_name: Option<String>,
    pub key_algorithm: KeyAlgorithm,
    pub validity_days: i64,
}

/// The public authority as made: its root, and the intermediate that issues.
pub struct PublicAuthority {
    pub root: AuthorityRecord,
    pub intermediate: AuthorityRecord,
}

/// The region's public authority: a root and an issuing intermediate under
/// it (as Amazon Root CA 1 signs Amazon RSA 2048 M01). A region has one.
pub fn create_public(scope: &Scope, input: &CreatePublic) -> Result<PublicAuthority> {
    if let Some(cn) = &input.common_name {
        policy::authority::check_common_name(cn)?;
    }
    // Checked before the keys are made, so that a refusal costs nothing.
    scope.read(|tx| Ok(policy::check_new_public_authority(&tx.authorities()?, scope.now)?))?;
    let root_key = new_key(input.key_algorithm)?;
    let key = new_key(input.key_algorithm)?;
    scope.write(|tx| {
        policy::check_new_public_authority(&tx.authorities()?, scope.now)?;
        let root = public_root(tx, scope, input, &root_key)?;
        let root_signer = SigningAuthority::load(tx, root.clone(), None)?;
        let intermediate = public_intermediate(tx, scope, input, &root_signer, &key)?;
        Ok(PublicAuthority { root, intermediate })
    })
}

fn public_root(
    tx: &mut dyn RegionTx,
    scope: &Scope,
    input: &CreatePublic,
    key: &PrivateKey,
) -> Result<AuthorityRecord> {
    let arn = AuthorityArn::new(scope.region, scope.account());
    let common_name = format!("acmctl Public Root CA {} {}", scope.region, &arn.id().simple().to_string()[..8]);
    let serial = random_serial();
    let validity = Validity::days_from(scope.now, input.validity_days, None);
    let mut params = profile::authority_params(&AuthorityProfile {
        common_name: &common_name,
        organization: ORGANIZATION,
        path_len: None,
        validity,
        serial: &serial,
    })?;
    // The Baseline Requirements want a public root to name its own key.
    params.use_authority_key_identifier_extension = true;
    let certificate_pem = profile::self_signed(&params, key)?;
    let crl_pem = profile::crl(&certificate_pem, key, 1, scope.now, CRL_DAYS, &[])?;
    let record = AuthorityRecord {
        arn,
        mode: AuthorityMode::Public,
        authority_type: AuthorityType::Root,
        parent: None,
        path_len: None,
        common_name,
        key_algorithm: input.key_algorithm,
        serial: colon_hex(&serial),
        not_before: validity.not_before,
        not_after: validity.not_after,
        created_at: scope.now,
        key_encrypted: false,
        crl_number: 1,
        revoked: Vec::new(),
        status: crate::model::AuthorityStatus::Active,
        last_state_change_at: Some(scope.now),
        tags: Vec::new(),
        restorable_until: None,
        subject: None,
        revocation: None,
    };
    let material = AuthorityMaterial {
        certificate_pem,
        chain_pem: String::new(),
        private_key_pem: zeroize::Zeroizing::new(key.to_pem()),
        crl_pem,
        csr_pem: String::new(),
    };
    tx.create_authority(&record, &material)?;
    Ok(record)
}

fn public_intermediate(
    tx: &mut dyn RegionTx,
    scope: &Scope,
    input: &CreatePublic,
    root: &SigningAuthority,
    key: &PrivateKey,
) -> Result<AuthorityRecord> {
    let arn = AuthorityArn::new(scope.region, scope.account());
    let short = &arn.id().simple().to_string()[..8];
    let common_name = input
        .common_name
        .clone()
        .unwrap_or_else(|| format!("acmctl {} M01 {} {short}", family_label(input.key_algorithm), scope.region));
    // The root's serial is reserved like any other it signs, so `store
    // check` and revocation see the intermediate.
    let serial = root.reserve_serials(tx, 1)?[0];
    let validity = Validity::days_from(scope.now, input.validity_days, Some(root.record.not_after));
    let params = profile::public_intermediate_params(
        &AuthorityProfile {
            common_name: &common_name,
            organization: ORGANIZATION,
            path_len: Some(0),
            validity,
            serial: &serial,
        },
        &publication_urls(&root.record),
    )?;
    let certificate_pem = profile::signed_by(&params, key.pair(), &root.cert_pem, &root.key)?;
    let crl_pem = profile::crl(&certificate_pem, key, 1, scope.now, CRL_DAYS, &[])?;
    let record = AuthorityRecord {
        arn,
        mode: AuthorityMode::Public,
        authority_type: AuthorityType::Subordinate,
        parent: Some(root.record.arn),
        path_len: Some(0),
        common_name,
        key_algorithm: input.key_algorithm,
        serial: colon_hex(&serial),
        not_before: validity.not_before,
        not_after: validity.not_after,
        created_at: scope.now,
        key_encrypted: false,
        crl_number: 1,
        revoked: Vec::new(),
        status: crate::model::AuthorityStatus::Active,
        last_state_change_at: Some(scope.now),
        tags: Vec::new(),
        restorable_until: None,
        subject: None,
        revocation: None,
    };
    let material = AuthorityMaterial {
        certificate_pem,
        chain_pem: root.chain_for_issued(),
        private_key_pem: zeroize::Zeroizing::new(key.to_pem()),
        crl_pem,
        csr_pem: String::new(),
    };
    tx.create_authority(&record, &material)?;
    Ok(record)
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

/// DescribeCertificateAuthority. A DELETED authority past its restore
/// window is gone.
pub fn describe(scope: &Scope, arn: &AuthorityArn) -> Result<AuthorityRecord> {
    let a = scope.read(|tx| authority(tx, arn, Rule::RegionalResource))?;
    if policy::authority::is_gone(&a, scope.now) {
        return Err(Error::not_found(format!(
            "certificate authority {arn} was deleted and its restore window has passed"
        )));
    }
    Ok(a)
}

/// ListCertificateAuthorities: the region's, oldest first (DELETED ones
/// while they can be restored).
pub fn list(scope: &Scope) -> Result<Vec<AuthorityRecord>> {
    let mut authorities = scope.read(|tx| Ok(tx.authorities()?))?;
    authorities.retain(|a| !policy::authority::is_gone(a, scope.now));
    authorities.sort_by_key(|a| a.created_at);
    Ok(authorities)
}

/// GetCertificateAuthorityCertificate: the certificate, and the chain
/// above it (empty for a root).
pub fn certificate(scope: &Scope, arn: &AuthorityArn) -> Result<(String, String)> {
    scope.read(|tx| {
        let a = authority(tx, arn, Rule::RegionalResource)?;
        if !a.has_certificate() {
            return Err(Error::conflict(format!(
                "certificate authority {arn} is PENDING_CERTIFICATE: it has no certificate yet"
            ))
            .with_hint("import one with 'acmctl ca import-certificate'")
            .with_api("InvalidStateException"));
        }
        let m = tx.authority_material(&a.arn)?;
        Ok((m.certificate_pem, m.chain_pem))
    })
}

/// A CRL this close to its NextUpdate is signed again before it is handed
/// out, as ACM Private CA publishes a fresh one before the old one lapses.
const RESIGN_BEFORE: Duration = Duration::days(1);

/// The authority's current CRL.
pub struct Crl {
    pub authority: AuthorityRecord,
    pub pem: String,
    pub info: CrlInfo,
    /// The number of the CRL signed now because the last was due.
    pub signed: Option<u64>,
}

fn read_crl(tx: &mut dyn RegionTx, a: &AuthorityRecord) -> Result<(String, CrlInfo)> {
    let pem = tx.authority_material(&a.arn)?.crl_pem;
    let info = crl_info(&pem)
        .map_err(|e| Error::failure(format!("the CRL of certificate authority {} is damaged: {e}", a.arn)))?;
    Ok((pem, info))
}

/// Whether the CRL is to be signed again: within a day of its NextUpdate,
/// or within half its life for CRLs valid a day or less.
pub fn due(a: &AuthorityRecord, info: &CrlInfo, now: OffsetDateTime) -> bool {
    let margin = RESIGN_BEFORE.min(Duration::hours(12 * super::pca::crl_days(a)));
    info.next_update.is_none_or(|t| now + margin >= t)
}

/// The authority's CRL, signed again first when it is due (which needs the
/// key: `passphrase` unlocks an encrypted one).
pub fn crl(scope: &Scope, arn: &AuthorityArn, passphrase: Option<&Passphrase>) -> Result<Crl> {
    let (a, pem, info) = scope.read(|tx| {
        let a = authority(tx, arn, Rule::RegionalResource)?;
        let (pem, info) = read_crl(tx, &a)?;
        Ok((a, pem, info))
    })?;
    if !due(&a, &info, scope.now) || scope.now >= a.not_after {
        return Ok(Crl { authority: a, pem, info, signed: None });
    }
    scope.write(|tx| {
        let a = authority(tx, arn, Rule::RegionalResource)?;
        let (pem, info) = read_crl(tx, &a)?;
        if !due(&a, &info, scope.now) {
            return Ok(Crl { authority: a, pem, info, signed: None });
        }
        let mut signer = SigningAuthority::load(tx, a, passphrase)?;
        let (number, pem) = signer.publish_crl(tx, scope.now)?;
        let info = crl_info(&pem)?;
        Ok(Crl { authority: signer.record, pem, info, signed: Some(number) })
    })
}
