//! Reading certificates and public keys with x509-parser.

use ::time::OffsetDateTime;
use x509_parser::prelude::*;
use x509_parser::public_key::PublicKey;

use super::serial::colon_hex;
use super::{PkiError, PkiResult};
use crate::model::KeyAlgorithm;

const OID_EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";
const OID_RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";

/// The key algorithm of a DER SubjectPublicKeyInfo, if it is one ACM knows.
pub fn key_algorithm_of_spki(spki_der: &[u8]) -> Option<KeyAlgorithm> {
    let (_, spki) = SubjectPublicKeyInfo::from_der(spki_der).ok()?;
    key_algorithm_of(&spki)
}

fn key_algorithm_of(spki: &SubjectPublicKeyInfo<'_>) -> Option<KeyAlgorithm> {
    match spki.algorithm.algorithm.to_id_string().as_str() {
        OID_RSA_ENCRYPTION => {
            let PublicKey::RSA(rsa) = spki.parsed().ok()? else { return None };
            match rsa_bits(rsa.modulus) {
                2048 => Some(KeyAlgorithm::Rsa2048),
                3072 => Some(KeyAlgorithm::Rsa3072),
                4096 => Some(KeyAlgorithm::Rsa4096),
                _ => None,
            }
        }
        OID_EC_PUBLIC_KEY => {
            let curve = named_curve(spki)?;
            match curve.as_str() {
                "1.2.840.10045.3.1.7" => Some(KeyAlgorithm::EcPrime256v1),
                "1.3.132.0.34" => Some(KeyAlgorithm::EcSecp384r1),
                "1.3.132.0.35" => Some(KeyAlgorithm::EcSecp521r1),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The OID of an EC key's named curve. Explicit curve parameters are a
/// SEQUENCE, which `as_oid` alone would misread, so the tag is checked.
fn named_curve(spki: &SubjectPublicKeyInfo<'_>) -> Option<String> {
    let params = spki.algorithm.parameters.as_ref()?;
    if params.tag() != x509_parser::der_parser::asn1_rs::Tag::Oid {
        return None;
    }
    params.as_oid().ok().map(|o| o.to_id_string())
}

/// A short description of a key that is not one ACM knows, for messages.
pub fn describe_spki(spki: &SubjectPublicKeyInfo<'_>) -> String {
    match spki.algorithm.algorithm.to_id_string().as_str() {
        OID_RSA_ENCRYPTION => match spki.parsed() {
            Ok(PublicKey::RSA(rsa)) => format!("RSA {}-bit", rsa_bits(rsa.modulus)),
            _ => "RSA".into(),
        },
        OID_EC_PUBLIC_KEY => match named_curve(spki) {
            Some(curve) => format!("EC on curve {curve}"),
            None => "EC with explicit curve parameters".into(),
        },
        "1.3.101.112" => "Ed25519".into(),
        "1.3.101.113" => "Ed448".into(),
        "1.2.840.10040.4.1" => "DSA".into(),
        other => format!("algorithm {other}"),
    }
}

fn rsa_bits(modulus: &[u8]) -> usize {
    let trimmed: &[u8] = {
        let start = modulus.iter().position(|b| *b != 0).unwrap_or(modulus.len());
        &modulus[start..]
    };
    match trimmed.first() {
        Some(first) => (trimmed.len() - 1) * 8 + (8 - first.leading_zeros() as usize),
        None => 0,
    }
}

pub(crate) fn signature_name(oid: &str) -> String {
    match oid {
        "1.2.840.113549.1.1.5" => "SHA1WITHRSA",
        "1.2.840.113549.1.1.11" => "SHA256WITHRSA",
        "1.2.840.113549.1.1.12" => "SHA384WITHRSA",
        "1.2.840.113549.1.1.13" => "SHA512WITHRSA",
        "1.2.840.113549.1.1.10" => "SHA256WITHRSASSAPSS",
        "1.2.840.10045.4.1" => "SHA1WITHECDSA",
        "1.2.840.10045.4.3.2" => "SHA256WITHECDSA",
        "1.2.840.10045.4.3.3" => "SHA384WITHECDSA",
        "1.2.840.10045.4.3.4" => "SHA512WITHECDSA",
        "1.3.101.112" => "ED25519",
        other => return other.to_string(),
    }
    .to_string()
}

/// What the tool needs to know about a certificate.
#[derive(Clone, Debug)]
pub struct CertInfo {
    pub der: Vec<u8>,
    pub serial: Vec<u8>,
    pub subject: String,
    pub issuer: String,
    pub common_name: Option<String>,
    pub not_before: OffsetDateTime,
    pub not_after: OffsetDateTime,
    /// DNS names and IP addresses of the subjectAltName, in order.
    pub names: Vec<String>,
    pub key_algorithm: Option<KeyAlgorithm>,
    pub key_description: String,
    pub spki_der: Vec<u8>,
    pub signature_algorithm: String,
    pub is_ca: bool,
}

/// `name.to_string()` (x509-parser's form, `CN=a, O=b`), made without
/// x509-parser's registry of every OID it knows where the name holds only
/// text in the attributes that registry is not needed for. Its `Display`
/// builds that registry (a hash table of some 300 entries) on first use,
/// and that was a twentieth of a `cert request`. Anything else is left to
/// x509-parser, so the text is the same either way.
fn name_text(name: &X509Name<'_>) -> String {
    plain_name_text(name).unwrap_or_else(|| name.to_string())
}

fn plain_name_text(name: &X509Name<'_>) -> Option<String> {
    use x509_parser::asn1_rs::Tag;
    use x509_parser::oid_registry::*;
    // The abbreviations x509-parser gives these, ahead of its registry.
    let abbreviations = [
        (OID_X509_COMMON_NAME, "CN"),
        (OID_X509_COUNTRY_NAME, "C"),
        (OID_X509_LOCALITY_NAME, "L"),
        (OID_X509_STATE_OR_PROVINCE_NAME, "ST"),
        (OID_X509_ORGANIZATION_NAME, "O"),
        (OID_X509_ORGANIZATIONAL_UNIT, "OU"),
        (OID_DOMAIN_COMPONENT, "DC"),
        (OID_PKCS9_EMAIL_ADDRESS, "Email"),
    ];
    let mut out = String::new();
    for (i, rdn) in name.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        for (j, attr) in rdn.iter().enumerate() {
            if j > 0 {
                out.push_str(" + ");
            }
            let (_, abbreviation) = abbreviations.iter().find(|(oid, _)| oid == attr.attr_type())?;
            let value = attr.attr_value();
            // The string types x509-parser shows as their bytes.
            let text = matches!(
                value.tag(),
                Tag::NumericString
                    | Tag::VisibleString
                    | Tag::PrintableString
                    | Tag::GeneralString
                    | Tag::ObjectDescriptor
                    | Tag::GraphicString
                    | Tag::T61String
                    | Tag::VideotexString
                    | Tag::Utf8String
                    | Tag::Ia5String
            );
            if !text {
                return None;
            }
            out.push_str(abbreviation);
            out.push('=');
            out.push_str(std::str::from_utf8(value.data).ok()?);
        }
    }
    Some(out)
}

impl CertInfo {
    pub fn from_der(der: &[u8]) -> PkiResult<CertInfo> {
        let (rest, cert) = X509Certificate::from_der(der)
            .map_err(|e| PkiError::Invalid(format!("the certificate cannot be parsed: {e}")))?;
        if !rest.is_empty() {
            return Err(PkiError::Invalid("the certificate has trailing bytes after its DER encoding".into()));
        }
        let common_name = cert.subject().iter_common_name().next().and_then(|cn| cn.as_str().ok()).map(str::to_string);
        let mut names = Vec::new();
        if let Ok(Some(san)) = cert.subject_alternative_name() {
            for name in &san.value.general_names {
                match name {
                    GeneralName::DNSName(d) => names.push(d.to_string()),
                    GeneralName::IPAddress(ip) => names.push(match ip.len() {
                        4 => std::net::IpAddr::from(<[u8; 4]>::try_from(*ip).unwrap()).to_string(),
                        16 => std::net::IpAddr::from(<[u8; 16]>::try_from(*ip).unwrap()).to_string(),
                        _ => continue,
                    }),
                    _ => {}
                }
            }
        }
        let spki = cert.public_key();
        Ok(CertInfo {
            der: der.to_vec(),
            serial: cert.raw_serial().to_vec(),
            subject: name_text(cert.subject()),
            issuer: name_text(cert.issuer()),
            common_name,
            not_before: cert.validity().not_before.to_datetime(),
            not_after: cert.validity().not_after.to_datetime(),
            names,
            key_algorithm: key_algorithm_of(spki),
            key_description: describe_spki(spki),
            spki_der: spki.raw.to_vec(),
            signature_algorithm: signature_name(&cert.signature_algorithm.algorithm.to_id_string()),
            is_ca: cert.is_ca(),
        })
    }

    /// Reads the one certificate of a PEM text.
    pub fn from_pem(text: &str) -> PkiResult<CertInfo> {
        let block = ::pem::parse(text).map_err(|e| PkiError::Invalid(format!("not a PEM certificate: {e}")))?;
        if block.tag() != "CERTIFICATE" {
            return Err(PkiError::Invalid(format!("expected a CERTIFICATE block, found '{}'", block.tag())));
        }
        Self::from_der(block.contents())
    }

    /// The names ACM shows for a certificate: its subjectAltName, with the
    /// common name first when it is not among them (as an imported
    /// certificate may have).
    pub fn acm_names(&self) -> Vec<String> {
        let mut names = self.names.clone();
        if let Some(cn) = &self.common_name
            && !names.contains(cn)
        {
            names.insert(0, cn.clone());
        }
        names
    }

    pub fn serial_colon_hex(&self) -> String {
        colon_hex(&self.serial)
    }
}

/// What a CRL says about itself.
/// The path length constraint of an authority's certificate, if it has one.
pub fn path_len(der: &[u8]) -> Option<u8> {
    let (_, cert) = X509Certificate::from_der(der).ok()?;
    let bc = cert.basic_constraints().ok()??;
    bc.value.path_len_constraint.and_then(|n| u8::try_from(n).ok())
}

#[derive(Clone, Debug)]
pub struct CrlInfo {
    pub this_update: OffsetDateTime,
    pub next_update: Option<OffsetDateTime>,
    pub number: Option<u64>,
    pub revoked: usize,
    /// The serial numbers it lists, as colon hex.
    pub revoked_serials: Vec<String>,
}

pub fn crl_info(text: &str) -> PkiResult<CrlInfo> {
    let block = ::pem::parse(text).map_err(|e| PkiError::Invalid(format!("not a PEM CRL: {e}")))?;
    let (_, crl) = CertificateRevocationList::from_der(block.contents())
        .map_err(|e| PkiError::Invalid(format!("the CRL cannot be parsed: {e}")))?;
    Ok(CrlInfo {
        this_update: crl.last_update().to_datetime(),
        next_update: crl.next_update().map(|t| t.to_datetime()),
        number: crl.crl_number().and_then(|n| n.to_u64_digits().first().copied().or(Some(0))),
        revoked: crl.iter_revoked_certificates().count(),
        revoked_serials: crl.iter_revoked_certificates().map(|r| colon_hex(r.raw_serial())).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One attribute of a name: its OID's content bytes, its value's tag
    /// and bytes.
    type Attribute<'a> = (&'a [u8], u8, &'a [u8]);

    /// DER of a Name: each inner list is one RelativeDistinguishedName.
    fn name_der(rdns: &[&[Attribute<'_>]]) -> Vec<u8> {
        fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
            let mut out = vec![tag];
            match content.len() {
                n @ 0..0x80 => out.push(n as u8),
                n => out.extend([0x82, (n >> 8) as u8, n as u8]),
            }
            out.extend_from_slice(content);
            out
        }
        let mut seq = Vec::new();
        for rdn in rdns {
            let mut set = Vec::new();
            for (oid, tag, value) in rdn.iter() {
                let mut attr = tlv(0x06, oid);
                attr.extend(tlv(*tag, value));
                set.extend(tlv(0x30, &attr));
            }
            seq.extend(tlv(0x31, &set));
        }
        tlv(0x30, &seq)
    }

    #[test]
    fn names_read_as_x509_parser_shows_them() {
        const CN: &[u8] = &[0x55, 0x04, 0x03];
        const O: &[u8] = &[0x55, 0x04, 0x0a];
        const C: &[u8] = &[0x55, 0x04, 0x06];
        const EMAIL: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01];
        const DC: &[u8] = &[0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x19];
        const SERIAL_NUMBER: &[u8] = &[0x55, 0x04, 0x05];
        const UTF8: u8 = 0x0c;
        const PRINTABLE: u8 = 0x13;
        const IA5: u8 = 0x16;
        const BMP: u8 = 0x1e;
        const OCTETS: u8 = 0x04;
        let cases: &[(&[&[Attribute<'_>]], &str)] = &[
            (&[], ""),
            (&[&[(CN, UTF8, b"Example CA")]], "CN=Example CA"),
            (
                &[&[(C, PRINTABLE, b"US")], &[(O, UTF8, b"Example")], &[(CN, UTF8, b"a.example.com")]],
                "C=US, O=Example, CN=a.example.com",
            ),
            (&[&[(CN, UTF8, b"a"), (O, UTF8, b"b")]], "CN=a + O=b"),
            (&[&[(DC, IA5, b"com")], &[(EMAIL, IA5, b"x@example.com")]], "DC=com, Email=x@example.com"),
            (&[&[(CN, UTF8, "Zoë".as_bytes())]], "CN=Zoë"),
            // Left to x509-parser: a name from its registry, a BMPString,
            // a value that is not text, text that is not UTF-8.
            (&[&[(SERIAL_NUMBER, PRINTABLE, b"42")], &[(CN, UTF8, b"a")]], "serialNumber=42, CN=a"),
            (&[&[(CN, BMP, &[0x00, 0x61, 0x00, 0x62])]], "CN=ab"),
            (&[&[(CN, OCTETS, &[0xab, 0x01])]], "CN=AB01"),
            (&[&[(CN, UTF8, &[0xff])]], "<X509Error: Invalid X.509 name>"),
        ];
        for (rdns, want) in cases {
            let der = name_der(rdns);
            let (_, name) = X509Name::from_der(&der).unwrap();
            assert_eq!(name_text(&name), name.to_string(), "{want}");
            assert_eq!(name_text(&name), *want);
        }
    }

    #[test]
    fn rsa_bit_counts() {
        let mut m = vec![0u8];
        m.extend(std::iter::repeat_n(0xffu8, 256));
        assert_eq!(rsa_bits(&m), 2048);
        assert_eq!(rsa_bits(&[0x01, 0x00]), 9);
        assert_eq!(rsa_bits(&[]), 0);
    }
}
