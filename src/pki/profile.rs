//! The certificate profiles of DESIGN.md, set explicitly rather than left
//! to library defaults.

use rcgen::{
    BasicConstraints, CertificateParams, CertificateRevocationListParams, CustomExtension, DistinguishedName, DnType,
    DnValue, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyIdMethod, KeyUsagePurpose, PublicKeyData, RevokedCertParams,
    SanType, SerialNumber,
};
use time::{Duration, OffsetDateTime};
use x509_parser::prelude::FromDer;

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
/// id-ad-ocsp, 1.3.6.1.5.5.7.48.1.
const OID_OCSP: &[u8] = &[0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01];

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

/// What a certificate says about where its issuer publishes revocation
/// and its own certificate: a CRL distribution point, an OCSP responder and
/// the issuer's certificate (authorityInfoAccess caIssuers), in any
/// combination. Leaves carry their issuer's; a subordinate authority's
/// certificate carries its parent's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Publication {
    /// cRLDistributionPoints, one distribution point with this full name.
    pub crl: Option<String>,
    /// authorityInfoAccess id-ad-ocsp.
    pub ocsp: Option<String>,
    /// authorityInfoAccess id-ad-caIssuers.
    pub ca_issuers: Option<String>,
}

/// The longest URI a certificate is given.
pub const MAX_PUBLICATION_URI: usize = 1024;

impl Publication {
    /// What an authority publishes under the names of its revocation
    /// configuration (ACM PCA's CRL and OCSP custom names, `host[:port]`):
    /// its CRL at `http://CRL_NAME/crl/<authority_id>.crl`, its OCSP
    /// responder at `http://OCSP_NAME/ocsp`.
    pub fn for_authority(
        authority_id: &str,
        crl_name: Option<&str>,
        ocsp_name: Option<&str>,
        ca_issuers: Option<String>,
    ) -> PkiResult<Publication> {
        if authority_id.is_empty() || !authority_id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return Err(PkiError::Invalid(format!("'{authority_id}' cannot name an authority in a URL")));
        }
        let crl = crl_name.map(|n| check_publication_name(n).map(|()| crl_uri(n, authority_id))).transpose()?;
        let ocsp = ocsp_name.map(|n| check_publication_name(n).map(|()| ocsp_uri(n))).transpose()?;
        let publication = Publication { crl, ocsp, ca_issuers };
        publication.check()?;
        Ok(publication)
    }

    pub fn is_empty(&self) -> bool {
        self.crl.is_none() && self.ocsp.is_none() && self.ca_issuers.is_none()
    }

    /// Every URI is an IA5String URI a client can fetch over HTTP.
    pub fn check(&self) -> PkiResult<()> {
        for uri in [&self.crl, &self.ocsp, &self.ca_issuers].into_iter().flatten() {
            check_uri(uri)?;
        }
        Ok(())
    }
}

/// `http://NAME/crl/<authority_id>.crl`.
pub fn crl_uri(name: &str, authority_id: &str) -> String {
    format!("http://{name}/crl/{authority_id}.crl")
}

/// `http://NAME/ocsp`.
pub fn ocsp_uri(name: &str) -> String {
    format!("http://{name}/ocsp")
}

/// A custom name as ACM PCA takes it: a DNS name, optionally with a port,
/// without a scheme or a path.
pub fn check_publication_name(name: &str) -> PkiResult<()> {
    let bad = || {
        PkiError::Invalid(format!(
            "'{name}' is not a host name with an optional port (such as crl.example.com or ocsp.example.com:8080)"
        ))
    };
    let (host, port) = match name.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (name, None),
    };
    if let Some(p) = port
        && (p.is_empty()
            || p.len() > 5
            || !p.bytes().all(|b| b.is_ascii_digit())
            || !(1..=65535).contains(&p.parse::<u32>().unwrap_or(0)))
    {
        return Err(bad());
    }
    let labels_ok = host.split('.').all(|l| {
        !l.is_empty()
            && l.len() <= 63
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    });
    if host.is_empty() || host.len() > 253 || !labels_ok {
        return Err(bad());
    }
    Ok(())
}

fn check_uri(uri: &str) -> PkiResult<()> {
    let printable = uri.bytes().all(|b| (0x21..=0x7e).contains(&b));
    if !uri.starts_with("http://") || uri.len() <= "http://".len() || uri.len() > MAX_PUBLICATION_URI || !printable {
        return Err(PkiError::Invalid(format!("'{uri}' is not an http:// URI a certificate can carry")));
    }
    Ok(())
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

/// authorityInfoAccess with an OCSP and a caIssuers access description,
/// either or both (rcgen has no builder for it); None when neither.
fn authority_info_access(ocsp: Option<&str>, ca_issuers: Option<&str>) -> Option<Vec<u8>> {
    let mut descriptions = Vec::new();
    for (method, uri) in [(OID_OCSP, ocsp), (OID_CA_ISSUERS, ca_issuers)] {
        if let Some(uri) = uri {
            let mut access = method.to_vec();
            access.extend(der(0x86, uri.as_bytes()));
            descriptions.extend(der(0x30, &access));
        }
    }
    (!descriptions.is_empty()).then(|| der(0x30, &descriptions))
}

/// Adds what a certificate says about where revocation and its issuer are
/// published; nothing for an empty `Publication`.
pub fn add_publication(params: &mut CertificateParams, p: &Publication) -> PkiResult<()> {
    p.check()?;
    if let Some(crl) = &p.crl {
        params.crl_distribution_points = vec![rcgen::CrlDistributionPoint { uris: vec![crl.clone()] }];
    }
    if let Some(aia) = authority_info_access(p.ocsp.as_deref(), p.ca_issuers.as_deref()) {
        params.custom_extensions.push(CustomExtension::from_oid_content(OID_AUTHORITY_INFO_ACCESS, aia));
    }
    Ok(())
}

/// Adds what the Baseline Requirements ask of every certificate a public
/// authority signs: where to fetch the issuer and its CRL.
pub fn add_publication_urls(params: &mut CertificateParams, urls: &PublicationUrls) {
    params.crl_distribution_points = vec![rcgen::CrlDistributionPoint { uris: vec![urls.crl.clone()] }];
    let aia = authority_info_access(None, Some(&urls.ca_issuers)).expect("caIssuers is given");
    params.custom_extensions.push(CustomExtension::from_oid_content(OID_AUTHORITY_INFO_ACCESS, aia));
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

/// How long a delegated OCSP responder's certificate is valid. It carries
/// id-pkix-ocsp-nocheck, so clients never check its revocation: RFC 6960
/// asks that such a certificate be short-lived and renewed often.
pub const OCSP_RESPONDER_DAYS: i64 = 30;
/// id-pkix-ocsp-nocheck, 1.3.6.1.5.5.7.48.1.5.
const OID_OCSP_NOCHECK: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 48, 1, 5];
/// Its value: NULL.
const DER_NULL: &[u8] = &[0x05, 0x00];

pub struct OcspResponderProfile<'a> {
    pub common_name: &'a str,
    pub organization: &'a str,
    pub validity: Validity,
    pub serial: &'a [u8],
}

/// A delegated OCSP responder's certificate (RFC 6960 4.2.2.2), to be
/// signed by the authority it answers for: id-kp-OCSPSigning, keyUsage
/// digitalSignature, id-pkix-ocsp-nocheck, not an authority, short-lived.
pub fn ocsp_responder_params(p: &OcspResponderProfile<'_>) -> PkiResult<CertificateParams> {
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CountryName, DnValue::PrintableString("US".try_into().expect("US is printable")));
    dn.push(DnType::OrganizationName, p.organization);
    dn.push(DnType::CommonName, p.common_name);
    let mut params = CertificateParams::default();
    params.distinguished_name = dn;
    // basicConstraints CA:FALSE with a subject key identifier, which
    // RFC 5280 asks of every certificate (the Baseline Requirements' advice
    // against it is for subscriber certificates).
    params.is_ca = IsCa::ExplicitNoCa;
    params.key_identifier_method = KeyIdMethod::Sha256;
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::OcspSigning];
    params.custom_extensions.push(CustomExtension::from_oid_content(OID_OCSP_NOCHECK, DER_NULL.to_vec()));
    params.use_authority_key_identifier_extension = true;
    params.serial_number = Some(SerialNumber::from_slice(p.serial));
    params.not_before = trim(p.validity.not_before);
    params.not_after = p.validity.not_after;
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

/// The DER of a CRL kept as PEM (as `crl` makes it), as served for
/// `GET /crl/<authority-id>.crl` with `application/pkix-crl`. The text
/// must be one X509 CRL block and nothing else, holding a CRL that parses
/// with nothing after it.
pub fn crl_der(pem: &str) -> PkiResult<Vec<u8>> {
    let der = super::strict_pem::one(pem, "X509 CRL")?;
    match x509_parser::revocation_list::CertificateRevocationList::from_der(&der) {
        Ok(([], _)) => Ok(der),
        Ok(_) => Err(PkiError::Invalid("the CRL has trailing bytes after its DER encoding".into())),
        Err(e) => Err(PkiError::Invalid(format!("the CRL cannot be parsed: {e}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::KeyAlgorithm;
    use x509_parser::prelude::X509Certificate;

    /// Every extension of a PEM certificate: OID, criticality, value (hex).
    pub(crate) fn extensions(pem: &str) -> Vec<(String, bool, String)> {
        let block = ::pem::parse(pem).unwrap();
        let (_, cert) = X509Certificate::from_der(block.contents()).unwrap();
        cert.extensions()
            .iter()
            .map(|e| (e.oid.to_id_string(), e.critical, e.value.iter().map(|b| format!("{b:02x}")).collect()))
            .collect()
    }

    fn validity() -> Validity {
        Validity::days_from(OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap(), 30, None)
    }

    #[test]
    fn public_intermediate_extensions_are_pinned() {
        let root_key = PrivateKey::generate(KeyAlgorithm::EcPrime256v1).unwrap();
        let root = authority_params(&AuthorityProfile {
            common_name: "Root",
            organization: "acmctl",
            path_len: None,
            validity: validity(),
            serial: &[1; 16],
        })
        .unwrap();
        let root_pem = self_signed(&root, &root_key).unwrap();
        let key = PrivateKey::generate(KeyAlgorithm::EcPrime256v1).unwrap();
        let urls = public_urls();
        let params = public_intermediate_params(
            &AuthorityProfile {
                common_name: "Intermediate",
                organization: "acmctl",
                path_len: Some(0),
                validity: validity(),
                serial: &[2; 16],
            },
            &urls,
        )
        .unwrap();
        let pem = signed_by(&params, key.pair(), &root_pem, &root_key).unwrap();
        let exts: Vec<(String, bool, String)> =
            extensions(&pem).into_iter().filter(|(oid, ..)| oid != "2.5.29.14" && oid != "2.5.29.35").collect();
        assert_eq!(exts, pinned(INTERMEDIATE_EXTENSIONS));
    }

    /// What the public intermediate carried before revocation publication
    /// was generalised (subject and authority key identifiers left out: they
    /// follow the random keys).
    const INTERMEDIATE_EXTENSIONS: &[(&str, bool, &str)] = &[
        ("2.5.29.15", true, "03020106"),
        ("2.5.29.37", false, "300a06082b06010505070301"),
        (
            "2.5.29.31",
            false,
            "30383036a034a0328630687474703a2f2f63726c2e75732d656173742d312e61636d63746c2e6578616d706c652e636f6d2f303132332e63726c",
        ),
        ("2.5.29.19", true, "30060101ff020100"),
        ("2.5.29.32", false, "300a3008060667810c010201"),
        (
            "1.3.6.1.5.5.7.1.1",
            false,
            "303e303c06082b060105050730028630687474703a2f2f6372742e75732d656173742d312e61636d63746c2e6578616d706c652e636f6d2f303132332e636572",
        ),
    ];

    fn pinned(list: &[(&str, bool, &str)]) -> Vec<(String, bool, String)> {
        list.iter().map(|(o, c, v)| (o.to_string(), *c, v.to_string())).collect()
    }

    fn public_urls() -> PublicationUrls {
        PublicationUrls {
            ca_issuers: "http://crt.us-east-1.acmctl.example.com/0123.cer".into(),
            crl: "http://crl.us-east-1.acmctl.example.com/0123.crl".into(),
        }
    }

    #[test]
    fn public_leaf_extensions_are_pinned() {
        let root_key = PrivateKey::generate(KeyAlgorithm::EcPrime256v1).unwrap();
        let root = authority_params(&AuthorityProfile {
            common_name: "Root",
            organization: "acmctl",
            path_len: None,
            validity: validity(),
            serial: &[1; 16],
        })
        .unwrap();
        let root_pem = self_signed(&root, &root_key).unwrap();
        let key = PrivateKey::generate(KeyAlgorithm::EcPrime256v1).unwrap();
        let names = vec!["www.example.com".to_string()];
        let mut params = leaf_params(&LeafProfile {
            names: &names,
            public: true,
            rsa: false,
            validity: validity(),
            serial: &[3; 16],
        })
        .unwrap();
        add_publication_urls(&mut params, &public_urls());
        let pem = signed_by(&params, key.pair(), &root_pem, &root_key).unwrap();
        let exts: Vec<(String, bool, String)> =
            extensions(&pem).into_iter().filter(|(oid, ..)| oid != "2.5.29.35").collect();
        assert_eq!(exts, pinned(PUBLIC_LEAF_EXTENSIONS));
    }

    const PUBLIC_LEAF_EXTENSIONS: &[(&str, bool, &str)] = &[
        ("2.5.29.17", false, "3011820f7777772e6578616d706c652e636f6d"),
        ("2.5.29.15", true, "03020780"),
        ("2.5.29.37", false, "300a06082b06010505070301"),
        (
            "2.5.29.31",
            false,
            "30383036a034a0328630687474703a2f2f63726c2e75732d656173742d312e61636d63746c2e6578616d706c652e636f6d2f303132332e63726c",
        ),
        ("2.5.29.19", true, "3000"),
        ("2.5.29.32", false, "300a3008060667810c010201"),
        (
            "1.3.6.1.5.5.7.1.1",
            false,
            "303e303c06082b060105050730028630687474703a2f2f6372742e75732d656173742d312e61636d63746c2e6578616d706c652e636f6d2f303132332e636572",
        ),
    ];

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn authority_info_access_holds_what_is_given_ocsp_first() {
        assert_eq!(authority_info_access(None, None), None);
        // SEQUENCE { SEQUENCE { id-ad-ocsp, [6] "http://o/ocsp" } }
        assert_eq!(
            hex(&authority_info_access(Some("http://o/ocsp"), None).unwrap()),
            "301b301906082b06010505073001860d687474703a2f2f6f2f6f637370"
        );
        let both = authority_info_access(Some("http://o/ocsp"), Some("http://c/x.cer")).unwrap();
        assert_eq!(
            hex(&both),
            "3037301906082b06010505073001860d687474703a2f2f6f2f6f637370\
             301a06082b06010505073002860e687474703a2f2f632f782e636572"
        );
        // Long URIs take long-form lengths.
        let long = format!("http://{}/ocsp", "a".repeat(300));
        let der = authority_info_access(Some(&long), None).unwrap();
        assert_eq!(&der[..4], &[0x30, 0x82, 0x01, 0x4a]);
        let (_, aia) = x509_parser::extensions::AuthorityInfoAccess::from_der(&der).unwrap();
        assert_eq!(aia.accessdescs.len(), 1);
    }

    #[test]
    fn publication_for_an_authority_names_its_crl_and_responder() {
        let p =
            Publication::for_authority("3f2a", Some("crl.example.com"), Some("ocsp.example.com:8080"), None).unwrap();
        assert_eq!(p.crl.as_deref(), Some("http://crl.example.com/crl/3f2a.crl"));
        assert_eq!(p.ocsp.as_deref(), Some("http://ocsp.example.com:8080/ocsp"));
        assert_eq!(p.ca_issuers, None);
        assert!(Publication::for_authority("3f2a", None, None, None).unwrap().is_empty());
        for bad in [
            "",
            "http://crl.example.com",
            "crl.example.com/x",
            "crl..example.com",
            "-a.example.com",
            "a.example.com:",
            "a.example.com:0",
            "a.example.com:65536",
            "a b.com",
            "crl.exämple.com",
            "a.com:80:80",
        ] {
            assert!(Publication::for_authority("3f2a", Some(bad), None, None).is_err(), "{bad:?} was taken");
            assert!(Publication::for_authority("3f2a", None, Some(bad), None).is_err(), "{bad:?} was taken");
        }
        assert!(Publication::for_authority("../x", Some("crl.example.com"), None, None).is_err());
        assert!(Publication::for_authority("3f2a", None, None, Some("ftp://x/y".into())).is_err());
        assert!(Publication::for_authority("3f2a", None, None, Some("http://x/a b".into())).is_err());
    }

    fn root() -> (PrivateKey, String) {
        let key = PrivateKey::generate(KeyAlgorithm::EcPrime256v1).unwrap();
        let params = authority_params(&AuthorityProfile {
            common_name: "Root",
            organization: "acmctl",
            path_len: None,
            validity: validity(),
            serial: &[1; 16],
        })
        .unwrap();
        let pem = self_signed(&params, &key).unwrap();
        (key, pem)
    }

    fn private_leaf(publication: &Publication) -> Vec<(String, bool, String)> {
        let (root_key, root_pem) = root();
        let key = PrivateKey::generate(KeyAlgorithm::EcPrime256v1).unwrap();
        let names = vec!["svc.internal".to_string()];
        let mut params = leaf_params(&LeafProfile {
            names: &names,
            public: false,
            rsa: false,
            validity: validity(),
            serial: &[3; 16],
        })
        .unwrap();
        add_publication(&mut params, publication).unwrap();
        let pem = signed_by(&params, key.pair(), &root_pem, &root_key).unwrap();
        extensions(&pem)
    }

    #[test]
    fn private_leaves_carry_any_combination() {
        let crl = Some("http://crl.example.com/crl/3f2a.crl".to_string());
        let ocsp = Some("http://ocsp.example.com/ocsp".to_string());
        let ca = Some("http://crt.example.com/3f2a.cer".to_string());
        for (c, o, i) in
            [(false, false, false), (true, false, false), (false, true, false), (true, true, true), (false, true, true)]
        {
            let p = Publication {
                crl: crl.clone().filter(|_| c),
                ocsp: ocsp.clone().filter(|_| o),
                ca_issuers: ca.clone().filter(|_| i),
            };
            let exts = private_leaf(&p);
            let find = |oid: &str| exts.iter().find(|(x, ..)| x == oid).map(|(_, crit, v)| (*crit, v.clone()));
            match find("2.5.29.31") {
                Some((false, v)) => {
                    assert!(c);
                    assert!(v.ends_with(&hex(b"http://crl.example.com/crl/3f2a.crl")));
                }
                None => assert!(!c),
                other => panic!("{other:?}"),
            }
            match find("1.3.6.1.5.5.7.1.1") {
                Some((false, v)) => {
                    assert!(o || i);
                    assert_eq!(v.contains(&hex(b"http://ocsp.example.com/ocsp")), o);
                    assert_eq!(v.contains(&hex(b"http://crt.example.com/3f2a.cer")), i);
                }
                None => assert!(!o && !i),
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn a_subordinate_carries_its_parents_publication() {
        let (root_key, root_pem) = root();
        let parent =
            Publication::for_authority("3f2a", Some("crl.example.com"), Some("ocsp.example.com"), None).unwrap();
        let mut params = authority_params(&AuthorityProfile {
            common_name: "Sub",
            organization: "acmctl",
            path_len: Some(0),
            validity: validity(),
            serial: &[4; 16],
        })
        .unwrap();
        add_publication(&mut params, &parent).unwrap();
        let key = PrivateKey::generate(KeyAlgorithm::EcPrime256v1).unwrap();
        let pem = signed_by(&params, key.pair(), &root_pem, &root_key).unwrap();
        let der = ::pem::parse(&pem).unwrap().into_contents();
        let (_, cert) = X509Certificate::from_der(&der).unwrap();
        let dp = cert.extensions().iter().find_map(|e| match e.parsed_extension() {
            x509_parser::extensions::ParsedExtension::CRLDistributionPoints(d) => Some(d.points.len()),
            _ => None,
        });
        assert_eq!(dp, Some(1));
        let aia = cert
            .extensions()
            .iter()
            .find_map(|e| match e.parsed_extension() {
                x509_parser::extensions::ParsedExtension::AuthorityInfoAccess(a) => Some(
                    a.accessdescs
                        .iter()
                        .map(|d| (d.access_method.to_id_string(), format!("{:?}", d.access_location)))
                        .collect::<Vec<_>>(),
                ),
                _ => None,
            })
            .unwrap();
        assert_eq!(aia, vec![("1.3.6.1.5.5.7.48.1".to_string(), "URI(\"http://ocsp.example.com/ocsp\")".to_string())]);
        // basicConstraints and keyUsage stay as authority_params sets them.
        assert!(cert.is_ca());
    }

    #[test]
    fn a_bad_uri_is_refused_before_it_reaches_a_certificate() {
        let mut params = CertificateParams::default();
        let p = Publication { ocsp: Some("http://o/\u{e9}".into()), ..Publication::default() };
        assert!(add_publication(&mut params, &p).is_err());
        assert!(params.custom_extensions.is_empty());
        let p =
            Publication { crl: Some(format!("http://{}", "a".repeat(MAX_PUBLICATION_URI))), ..Publication::default() };
        assert!(add_publication(&mut params, &p).is_err());
        assert!(params.crl_distribution_points.is_empty());
    }

    #[test]
    fn an_ocsp_responder_certificate_is_what_rfc_6960_asks() {
        let (root_key, root_pem) = root();
        let key = PrivateKey::generate(KeyAlgorithm::EcPrime256v1).unwrap();
        let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
        let params = ocsp_responder_params(&OcspResponderProfile {
            common_name: "Root OCSP Responder",
            organization: "acmctl",
            validity: Validity::days_from(now, OCSP_RESPONDER_DAYS, None),
            serial: &[5; 16],
        })
        .unwrap();
        let pem = signed_by(&params, key.pair(), &root_pem, &root_key).unwrap();
        let exts = extensions(&pem);
        let find = |oid: &str| exts.iter().find(|(x, ..)| x == oid).map(|(_, c, v)| (*c, v.as_str()));
        assert_eq!(find("2.5.29.15"), Some((true, "03020780")), "keyUsage digitalSignature only");
        assert_eq!(find("2.5.29.37"), Some((false, "300a06082b06010505070309")), "id-kp-OCSPSigning only");
        assert_eq!(find("1.3.6.1.5.5.7.48.1.5"), Some((false, "0500")), "id-pkix-ocsp-nocheck");
        assert_eq!(find("2.5.29.19"), Some((true, "3000")), "not an authority");
        assert!(find("2.5.29.35").is_some(), "authority key identifier");
        assert!(find("2.5.29.14").is_some(), "subject key identifier");
        let info = crate::pki::CertInfo::from_pem(&pem).unwrap();
        assert_eq!(info.not_after - info.not_before, Duration::days(OCSP_RESPONDER_DAYS) + BACKDATE);
        assert!(!info.is_ca);
    }

    #[test]
    fn a_crl_reads_as_der() {
        let (key, pem) = root();
        let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
        let revoked = [RevokedEntry { serial: &[7; 16], revoked_at: now, reason: RevocationReason::KeyCompromise }];
        let crl_pem = crl(&pem, &key, 2, now, 7, &revoked).unwrap();
        let der = crl_der(&crl_pem).unwrap();
        assert_eq!(der, ::pem::parse(&crl_pem).unwrap().into_contents());
        let info = crate::pki::inspect::crl_info(&crl_pem).unwrap();
        assert_eq!(info.revoked_serials, vec![crate::pki::serial::colon_hex(&[7; 16])]);
        // Anything else is refused: a certificate, two CRLs, text around
        // it, a block that is not a CRL inside.
        assert!(crl_der(&pem).is_err());
        assert!(crl_der(&format!("{crl_pem}{crl_pem}")).is_err());
        assert!(crl_der(&format!("junk\n{crl_pem}")).is_err());
        let cert_der = ::pem::parse(&pem).unwrap().into_contents();
        assert!(crl_der(&::pem::encode(&::pem::Pem::new("X509 CRL", cert_der))).is_err());
        let mut long = der.clone();
        long.push(0);
        assert!(crl_der(&::pem::encode(&::pem::Pem::new("X509 CRL", long))).is_err());
        assert!(crl_der("").is_err());
    }
}
