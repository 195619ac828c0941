//! The certificate profiles of DESIGN.md, set explicitly rather than left
//! to library defaults.

use rcgen::{
    BasicConstraints, CertificateParams, CertificateRevocationListParams, CustomExtension, DistinguishedName, DnType,
    DnValue, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyIdMethod, KeyUsagePurpose, PublicKeyData, RevokedCertParams,
    SanType, SerialNumber,
};
use time::{Duration, OffsetDateTime};

use super::keys::PrivateKey;
use super::{PkiError, PkiResult};
use crate::model::RevocationReason;

/// How far not-before is set in the past, for clients whose clocks lag.
pub const BACKDATE: Duration = Duration::minutes(5);
pub const PRIVATE_LEAF_DAYS: i64 = 395;
/// The Baseline Requirements cap validity at 200 days from March 2026.
pub const PUBLIC_LEAF_DAYS: i64 = 198;
pub const AUTHORITY_DAYS: i64 = 3650;
/// How long each CRL an authority signs is valid.
pub const CRL_DAYS: i64 = 7;

/// DER of basicConstraints with cA absent (FALSE): an empty SEQUENCE.
const BASIC_CONSTRAINTS_NOT_CA: &[u8] = &[0x30, 0x00];
const OID_BASIC_CONSTRAINTS: &[u64] = &[2, 5, 29, 19];
const OID_CERTIFICATE_POLICIES: &[u64] = &[2, 5, 29, 32];
/// certificatePolicies holding the CA/B Forum domain-validated policy
/// 2.23.140.1.2.1.
const DV_POLICY: &[u8] = &[0x30, 0x0a, 0x30, 0x08, 0x06, 0x06, 0x67, 0x81, 0x0c, 0x01, 0x02, 0x01];
const OID_AUTHORITY_INFO_ACCESS: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 1, 1];
/// id-ad-caIssuers, 1.3.6.1.5.5.7.48.2.
const OID_CA_ISSUERS: &[u8] = &[0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x02];

#[derive(Clone, Copy, Debug)]
pub struct Validity {
    pub not_before: OffsetDateTime,
    pub not_after: OffsetDateTime,
}

impl Validity {
    /// `days` from `now`, backdated a little, and never past `cap` (the
    /// issuer's own expiry).
    pub fn days_from(now: OffsetDateTime, days: i64, cap: Option<OffsetDateTime>) -> Validity {
        let not_after = now + Duration::days(days);
        let not_after = cap.map_or(not_after, |c| not_after.min(c));
        Validity { not_before: now - BACKDATE, not_after: trim(not_after) }
    }
}

/// Certificates carry whole seconds.
fn trim(t: OffsetDateTime) -> OffsetDateTime {
    t.replace_nanosecond(0).expect("0 is a valid nanosecond")
}

pub struct AuthorityProfile<'a> {
    pub common_name: &'a str,
    pub organization: &'a str,
    /// None for a root; the path length constraint for a subordinate.
    pub path_len: Option<u8>,
    pub validity: Validity,
    pub serial: &'a [u8],
}

pub fn authority_params(p: &AuthorityProfile<'_>) -> PkiResult<CertificateParams> {
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CountryName, DnValue::PrintableString("US".try_into().expect("US is printable")));
    dn.push(DnType::OrganizationName, p.organization);
    dn.push(DnType::CommonName, p.common_name);
    let mut params = CertificateParams::default();
    params.distinguished_name = dn;
    params.is_ca = IsCa::Ca(match p.path_len {
        None => BasicConstraints::Unconstrained,
        Some(n) => BasicConstraints::Constrained(n),
    });
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.use_authority_key_identifier_extension = p.path_len.is_some();
    params.serial_number = Some(SerialNumber::from_slice(p.serial));
    params.not_before = trim(p.validity.not_before);
    params.not_after = p.validity.not_after;
    params.key_identifier_method = KeyIdMethod::Sha256;
    Ok(params)
}

pub struct LeafProfile<'a> {
    /// Every name; the first is also the subject common name.
    pub names: &'a [String],
    /// Public (Amazon-issued) leaves carry the DV policy and no clientAuth.
    pub public: bool,
    pub rsa: bool,
    pub validity: Validity,
    pub serial: &'a [u8],
}

pub fn leaf_params(p: &LeafProfile<'_>) -> PkiResult<CertificateParams> {
    let first = p.names.first().ok_or_else(|| PkiError::Invalid("a certificate needs a name".into()))?;
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, first.as_str());
    let mut params = CertificateParams::default();
    params.distinguished_name = dn;
    params.subject_alt_names = p
        .names
        .iter()
        .map(|n| {
            n.clone()
                .try_into()
                .map(SanType::DnsName)
                .map_err(|_| PkiError::Invalid(format!("'{n}' cannot be a DNS name")))
        })
        .collect::<PkiResult<_>>()?;
    // basicConstraints CA:FALSE without the subject key identifier that
    // rcgen would add with it: the Baseline Requirements advise against a
    // subject key identifier on subscriber certificates.
    params.is_ca = IsCa::NoCa;
    let mut bc = CustomExtension::from_oid_content(OID_BASIC_CONSTRAINTS, BASIC_CONSTRAINTS_NOT_CA.to_vec());
    bc.set_criticality(true);
    params.custom_extensions.push(bc);
    params.key_usages = if p.rsa {
        vec![KeyUsagePurpose::DigitalSignature, KeyUsagePurpose::KeyEncipherment]
    } else {
        vec![KeyUsagePurpose::DigitalSignature]
    };
    params.extended_key_usages = if p.public {
        vec![ExtendedKeyUsagePurpose::ServerAuth]
    } else {
        vec![ExtendedKeyUsagePurpose::ServerAuth, ExtendedKeyUsagePurpose::ClientAuth]
    };
    if p.public {
        params.custom_extensions.push(CustomExtension::from_oid_content(OID_CERTIFICATE_POLICIES, DV_POLICY.to_vec()));
    }
    params.use_authority_key_identifier_extension = true;
    params.serial_number = Some(SerialNumber::from_slice(p.serial));
    params.not_before = trim(p.validity.not_before);
    params.not_after = p.validity.not_after;
    Ok(params)
}

/// Where a public authority's issuer certificate and CRL are published;
/// the Baseline Requirements ask every certificate below a root to say so.
pub struct PublicationUrls {
    pub ca_issuers: String,
    pub crl: String,
}

/// DER length octets.
fn der_len(n: usize) -> Vec<u8> {
    if n < 0x80 {
        return vec![n as u8];
    }
    let bytes: Vec<u8> = n.to_be_bytes().into_iter().skip_while(|b| *b == 0).collect();
    let mut out = vec![0x80 | bytes.len() as u8];
    out.extend(bytes);
    out
}

fn der(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    out.extend(der_len(content.len()));
    out.extend_from_slice(content);
    out
}

/// authorityInfoAccess with one caIssuers URI (rcgen has no builder for it).
fn authority_info_access(uri: &str) -> Vec<u8> {
    let mut access = OID_CA_ISSUERS.to_vec();
    access.extend(der(0x86, uri.as_bytes()));
    der(0x30, &der(0x30, &access))
}

/// Adds what the Baseline Requirements ask of every certificate a public
/// authority signs: where to fetch the issuer and its CRL.
pub fn add_publication_urls(params: &mut CertificateParams, urls: &PublicationUrls) {
    params.crl_distribution_points = vec![rcgen::CrlDistributionPoint { uris: vec![urls.crl.clone()] }];
    params
        .custom_extensions
        .push(CustomExtension::from_oid_content(OID_AUTHORITY_INFO_ACCESS, authority_info_access(&urls.ca_issuers)));
}

/// The issuing intermediate of a public authority, as Amazon's are built:
/// a TLS subordinate restricted to serverAuth, under the DV policy.
pub fn public_intermediate_params(p: &AuthorityProfile<'_>, urls: &PublicationUrls) -> PkiResult<CertificateParams> {
    let mut params = authority_params(p)?;
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    params.custom_extensions.push(CustomExtension::from_oid_content(OID_CERTIFICATE_POLICIES, DV_POLICY.to_vec()));
    add_publication_urls(&mut params, urls);
    Ok(params)
}

pub fn self_signed(params: &CertificateParams, key: &PrivateKey) -> PkiResult<String> {
    Ok(params.self_signed(key.pair()).map_err(PkiError::crypto("sign the certificate"))?.pem())
}

pub fn signed_by(
    params: &CertificateParams,
    subject_key: &impl PublicKeyData,
    issuer_cert_pem: &str,
    issuer_key: &PrivateKey,
) -> PkiResult<String> {
    let issuer = Issuer::from_ca_cert_pem(issuer_cert_pem, issuer_key.pair())
        .map_err(PkiError::crypto("read the issuing certificate"))?;
    Ok(params.signed_by(subject_key, &issuer).map_err(PkiError::crypto("sign the certificate"))?.pem())
}

fn minimal_be(n: u64) -> Vec<u8> {
    let bytes = n.to_be_bytes();
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len() - 1);
    bytes[start..].to_vec()
}

pub struct RevokedEntry<'a> {
    pub serial: &'a [u8],
    pub revoked_at: OffsetDateTime,
    pub reason: RevocationReason,
}

fn rcgen_reason(r: RevocationReason) -> rcgen::RevocationReason {
    use rcgen::RevocationReason as R;
    match r {
        RevocationReason::Unspecified => R::Unspecified,
        RevocationReason::KeyCompromise => R::KeyCompromise,
        RevocationReason::CertificateAuthorityCompromise => R::CaCompromise,
        RevocationReason::AffiliationChanged => R::AffiliationChanged,
        RevocationReason::Superseded => R::Superseded,
        RevocationReason::CessationOfOperation => R::CessationOfOperation,
        RevocationReason::PrivilegeWithdrawn => R::PrivilegeWithdrawn,
        RevocationReason::AACompromise => R::AaCompromise,
    }
}

/// A CRL signed by the authority, valid for `days`.
pub fn crl(
    issuer_cert_pem: &str,
    issuer_key: &PrivateKey,
    number: u64,
    now: OffsetDateTime,
    days: i64,
    revoked: &[RevokedEntry<'_>],
) -> PkiResult<String> {
    let issuer = Issuer::from_ca_cert_pem(issuer_cert_pem, issuer_key.pair())
        .map_err(PkiError::crypto("read the issuing certificate"))?;
    let params = CertificateRevocationListParams {
        this_update: trim(now),
        next_update: trim(now + Duration::days(days)),
        crl_number: SerialNumber::from_slice(minimal_be(number).as_slice()),
        issuing_distribution_point: None,
        revoked_certs: revoked
            .iter()
            .map(|r| RevokedCertParams {
                serial_number: SerialNumber::from_slice(r.serial),
                revocation_time: trim(r.revoked_at),
                // RFC 5280 asks that an unspecified reason be left out.
                reason_code: match r.reason {
                    RevocationReason::Unspecified => None,
                    other => Some(rcgen_reason(other)),
                },
                invalidity_date: None,
            })
            .collect(),
        key_identifier_method: KeyIdMethod::Sha256,
    };
    params
        .signed_by(&issuer)
        .map_err(PkiError::crypto("sign the CRL"))?
        .pem()
        .map_err(PkiError::crypto("encode the CRL"))
}
