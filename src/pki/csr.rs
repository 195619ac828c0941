//! Certificate signing requests: an authority's own (CreateCertificateAuthority
//! makes one), and those signed for others (IssueCertificate) under ACM Private
//! CA's templates.

use rcgen::{
    BasicConstraints, CertificateParams, CertificateSigningRequestParams, DistinguishedName, DnType, DnValue,
    ExtendedKeyUsagePurpose, IsCa, KeyIdMethod, KeyUsagePurpose, SerialNumber,
};

use super::keys::PrivateKey;
use super::profile::{Publication, Validity, add_publication};
use super::{PkiError, PkiResult};
use crate::model::{KeyAlgorithm, Subject};

/// The DN of an ASN1Subject, in the order X.509 names are usually written.
fn distinguished_name(subject: &Subject) -> PkiResult<DistinguishedName> {
    let mut dn = DistinguishedName::new();
    if let Some(c) = &subject.country {
        let printable =
            c.clone().try_into().map_err(|_| PkiError::Invalid(format!("country '{c}' is not a two-letter code")))?;
        dn.push(DnType::CountryName, DnValue::PrintableString(printable));
    }
    for (t, v) in [
        (DnType::StateOrProvinceName, &subject.state),
        (DnType::LocalityName, &subject.locality),
        (DnType::OrganizationName, &subject.organization),
        (DnType::OrganizationalUnitName, &subject.organizational_unit),
        (DnType::CommonName, &subject.common_name),
    ] {
        if let Some(v) = v {
            dn.push(t, v.as_str());
        }
    }
    Ok(dn)
}

/// The CSR of a new authority's key, for its subject.
pub fn authority_csr(subject: &Subject, key: &PrivateKey) -> PkiResult<String> {
    let mut params = CertificateParams::default();
    params.distinguished_name = distinguished_name(subject)?;
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign, KeyUsagePurpose::DigitalSignature];
    params
        .serialize_request(key.pair())
        .map_err(PkiError::crypto("make the certificate signing request"))?
        .pem()
        .map_err(PkiError::crypto("encode the certificate signing request"))
}

/// A CSR read and its signature checked.
pub struct Csr {
    inner: CertificateSigningRequestParams,
    pub key_algorithm: Option<KeyAlgorithm>,
    /// The requested key, as SubjectPublicKeyInfo DER.
    pub spki_der: Vec<u8>,
}

impl Csr {
    pub fn from_pem(pem: &str) -> PkiResult<Csr> {
        let inner = CertificateSigningRequestParams::from_pem(pem)
            .map_err(|e| PkiError::Invalid(format!("the certificate signing request cannot be used: {e}")))?;
        let spki_der = rcgen::PublicKeyData::subject_public_key_info(&inner.public_key);
        let key_algorithm = super::inspect::key_algorithm_of_spki(&spki_der);
        Ok(Csr { inner, key_algorithm, spki_der })
    }
}

/// ACM Private CA's certificate templates (`TemplateArn`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Template {
    /// `EndEntityCertificate/V1`: a TLS server and client certificate.
    EndEntity,
    /// `RootCACertificate/V1`: a root authority's own certificate.
    RootCa,
    /// `SubordinateCACertificate_PathLen{N}/V1`.
    SubordinateCa(u8),
}

impl Template {
    pub const PREFIX: &'static str = "arn:aws:acm-pca:::template/";

    pub fn from_arn(arn: &str) -> Option<Template> {
        match arn.strip_prefix(Self::PREFIX)? {
            "EndEntityCertificate/V1" => Some(Template::EndEntity),
            "RootCACertificate/V1" => Some(Template::RootCa),
            other => {
                let n = other.strip_prefix("SubordinateCACertificate_PathLen")?.strip_suffix("/V1")?;
                match n.parse::<u8>().ok()? {
                    n @ 0..=3 => Some(Template::SubordinateCa(n)),
                    _ => None,
                }
            }
        }
    }

    pub fn arn(self) -> String {
        let name = match self {
            Template::EndEntity => "EndEntityCertificate/V1".to_string(),
            Template::RootCa => "RootCACertificate/V1".to_string(),
            Template::SubordinateCa(n) => format!("SubordinateCACertificate_PathLen{n}/V1"),
        };
        format!("{}{name}", Self::PREFIX)
    }

    pub fn is_ca(self) -> bool {
        self != Template::EndEntity
    }
}

/// What IssueCertificate signs: the CSR's subject and names (its other
/// requests are not honoured: the template decides the extensions).
pub struct CsrIssue<'a> {
    pub csr: &'a Csr,
    pub template: Template,
    pub validity: Validity,
    pub serial: &'a [u8],
    /// Where the issuer publishes revocation (its CRL and OCSP names).
    pub publication: &'a Publication,
}

fn params_for(p: &CsrIssue<'_>) -> PkiResult<CertificateParams> {
    let mut params = CertificateParams::default();
    params.distinguished_name = p.csr.inner.params.distinguished_name.clone();
    params.serial_number = Some(SerialNumber::from_slice(p.serial));
    params.not_before = p.validity.not_before;
    params.not_after = p.validity.not_after;
    params.key_identifier_method = KeyIdMethod::Sha256;
    params.use_authority_key_identifier_extension = p.template != Template::RootCa;
    match p.template {
        Template::EndEntity => {
            params.subject_alt_names = p.csr.inner.params.subject_alt_names.clone();
            params.is_ca = IsCa::ExplicitNoCa;
            params.key_usages = vec![KeyUsagePurpose::DigitalSignature, KeyUsagePurpose::KeyEncipherment];
            params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth, ExtendedKeyUsagePurpose::ClientAuth];
        }
        Template::RootCa | Template::SubordinateCa(_) => {
            params.is_ca = IsCa::Ca(match p.template {
                Template::SubordinateCa(n) => BasicConstraints::Constrained(n),
                _ => BasicConstraints::Unconstrained,
            });
            params.key_usages =
                vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign, KeyUsagePurpose::DigitalSignature];
        }
    }
    if p.template != Template::RootCa {
        add_publication(&mut params, p.publication)?;
    }
    Ok(params)
}

/// Signs the CSR with the issuing authority's certificate and key.
pub fn sign_csr(p: &CsrIssue<'_>, issuer_cert_pem: &str, issuer_key: &PrivateKey) -> PkiResult<String> {
    if p.template == Template::RootCa {
        return Err(PkiError::Invalid("a root certificate is signed by its own key: use self_sign_csr".into()));
    }
    super::profile::signed_by(&params_for(p)?, &p.csr.inner.public_key, issuer_cert_pem, issuer_key)
}

/// A root authority's own certificate, from its CSR and its key (which
/// must be the CSR's).
pub fn self_sign_csr(p: &CsrIssue<'_>, key: &PrivateKey) -> PkiResult<String> {
    if key.spki_der() != p.csr.spki_der {
        return Err(PkiError::Invalid("the certificate signing request is not for the authority's own key".into()));
    }
    let params = params_for(&CsrIssue { template: Template::RootCa, ..*p })?;
    Ok(params.self_signed(key.pair()).map_err(PkiError::crypto("sign the root certificate"))?.pem())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::CertInfo;
    use time::OffsetDateTime;

    fn subject(cn: &str) -> Subject {
        Subject {
            country: Some("DE".into()),
            organization: Some("Example Org".into()),
            common_name: Some(cn.into()),
            ..Subject::default()
        }
    }

    #[test]
    fn templates_round_trip_through_their_arns() {
        for t in [Template::EndEntity, Template::RootCa, Template::SubordinateCa(0), Template::SubordinateCa(3)] {
            assert_eq!(Template::from_arn(&t.arn()), Some(t));
        }
        assert_eq!(Template::from_arn("arn:aws:acm-pca:::template/SubordinateCACertificate_PathLen4/V1"), None);
        assert_eq!(Template::from_arn("arn:aws:acm-pca:::template/CodeSigningCertificate/V1"), None);
    }

    #[test]
    fn a_root_signs_its_own_csr_and_then_a_subordinates() {
        let now = OffsetDateTime::now_utc();
        let root_key = PrivateKey::generate(KeyAlgorithm::EcPrime256v1).unwrap();
        let root_csr = Csr::from_pem(&authority_csr(&subject("Root"), &root_key).unwrap()).unwrap();
        assert_eq!(root_csr.key_algorithm, Some(KeyAlgorithm::EcPrime256v1));
        let none = Publication::default();
        let validity = Validity::days_from(now, 3650, None);
        let issue =
            CsrIssue { csr: &root_csr, template: Template::RootCa, validity, serial: &[1, 2, 3], publication: &none };
        let root_pem = self_sign_csr(&issue, &root_key).unwrap();
        let root = CertInfo::from_pem(&root_pem).unwrap();
        assert!(root.is_ca && root.subject.contains("CN=Root") && root.subject.contains("C=DE"));
        // Someone else's key is not self-signed with the root's CSR.
        let other = PrivateKey::generate(KeyAlgorithm::EcPrime256v1).unwrap();
        assert!(self_sign_csr(&issue, &other).is_err());

        let sub_key = PrivateKey::generate(KeyAlgorithm::Rsa2048).unwrap();
        let sub_csr = Csr::from_pem(&authority_csr(&subject("Sub"), &sub_key).unwrap()).unwrap();
        let issue = CsrIssue {
            csr: &sub_csr,
            template: Template::SubordinateCa(0),
            validity: Validity::days_from(now, 365, Some(root.not_after)),
            serial: &[4, 5, 6],
            publication: &none,
        };
        let sub = CertInfo::from_pem(&sign_csr(&issue, &root_pem, &root_key).unwrap()).unwrap();
        assert!(sub.is_ca);
        assert_eq!(sub.spki_der, sub_key.spki_der());
        assert!(crate::pki::chain::is_signed_by(&sub.der, &root.der));
    }

    #[test]
    fn a_csr_with_a_bad_signature_is_refused() {
        let key = PrivateKey::generate(KeyAlgorithm::EcPrime256v1).unwrap();
        let pem = authority_csr(&subject("X"), &key).unwrap();
        let mut der = pem::parse(&pem).unwrap().into_contents();
        let last = der.len() - 2;
        der[last] ^= 0x55;
        let damaged = pem::encode(&pem::Pem::new("CERTIFICATE REQUEST", der));
        assert!(Csr::from_pem(&damaged).is_err());
        assert!(Csr::from_pem("not a CSR").is_err());
    }
}
