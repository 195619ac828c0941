//! Reading OCSP requests (RFC 6960 4.1), POSTed as DER or sent with GET as
//! base64 in the URL path (appendix A), and writing them back.

use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use der::asn1::{Any, Int, ObjectIdentifier, OctetString};
use der::{Decode, Encode};
use spki::AlgorithmIdentifierOwned;

use super::HashAlgorithm;
use super::asn1;

/// The largest request read, DER or decoded from a GET path. A request
/// for one certificate, as openssl and nginx send, is under 120 bytes; a
/// signed request with its certificate a few kilobytes.
pub const MAX_REQUEST_LEN: usize = 8 * 1024;
/// The most certificates one request may ask about (RFC 5019 clients ask
/// about one).
pub const MAX_CERT_IDS: usize = 16;
/// RFC 8954: a nonce is 1 to 32 octets.
pub const MAX_NONCE_LEN: usize = 32;
/// RFC 5280 caps serial numbers at 20 octets; one octet more for the sign.
pub const MAX_SERIAL_LEN: usize = 21;

/// id-pkix-ocsp-nonce, 1.3.6.1.5.5.7.48.1.2.
pub(super) const OID_NONCE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.2");

/// Why a request cannot be answered: each maps to the `malformedRequest`
/// response status (`ResponseStatus::MalformedRequest`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    #[error("the request is empty")]
    Empty,
    #[error("the request is {0} bytes, over the limit of {MAX_REQUEST_LEN}")]
    TooLarge(usize),
    #[error("the request is not a DER OCSPRequest: {0}")]
    Der(String),
    #[error("the request's GET path is not URL-encoded base64: {0}")]
    Encoding(String),
    #[error("the request is of version {0}; only v1 (0) exists")]
    Version(u8),
    #[error("the request asks about no certificate")]
    NoCertificates,
    #[error("the request asks about {0} certificates, over the limit of {MAX_CERT_IDS}")]
    TooManyCertificates(usize),
    #[error("the hash algorithm {0} is not one of SHA-1, SHA-256, SHA-384, SHA-512")]
    UnsupportedHash(String),
    #[error("the hash algorithm's parameters must be absent or NULL")]
    HashParameters,
    #[error("a {algorithm} issuer hash is {len} bytes, not {expected}")]
    HashLength { algorithm: HashAlgorithm, len: usize, expected: usize },
    #[error("the serial number is {0} bytes, over the limit of {MAX_SERIAL_LEN}")]
    SerialTooLong(usize),
    #[error("the extension {0} appears more than once")]
    DuplicateExtension(String),
    #[error("the critical extension {0} is not understood")]
    CriticalExtension(String),
    #[error("the nonce {0}")]
    Nonce(&'static str),
}

impl RequestError {
    /// The response status that answers it.
    pub fn status(&self) -> super::ResponseStatus {
        super::ResponseStatus::MalformedRequest
    }
}

/// The certificate a request asks about (CertID), as the request names it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CertId {
    pub hash_algorithm: HashAlgorithm,
    /// Whether the hash AlgorithmIdentifier carries NULL parameters (as
    /// openssl writes it) rather than none; a response echoes it.
    pub null_parameters: bool,
    /// Hash of the DER of the issuer's subject name.
    pub issuer_name_hash: Vec<u8>,
    /// Hash of the issuer's public key (the subjectPublicKey BIT STRING's
    /// value, without its unused-bits octet).
    pub issuer_key_hash: Vec<u8>,
    /// The serial number's INTEGER content octets (two's complement,
    /// minimal), as `CertInfo::serial` and the store's serials are.
    pub serial: Vec<u8>,
}

impl CertId {
    /// The serial as the store writes it, `0e:8f:…`.
    pub fn serial_colon_hex(&self) -> String {
        crate::pki::serial::colon_hex(&self.serial)
    }

    pub(super) fn to_asn1(&self) -> der::Result<asn1::CertId> {
        Ok(asn1::CertId {
            hash_algorithm: AlgorithmIdentifierOwned {
                oid: self.hash_algorithm.oid(),
                parameters: self.null_parameters.then(Any::null),
            },
            issuer_name_hash: OctetString::new(self.issuer_name_hash.as_slice())?,
            issuer_key_hash: OctetString::new(self.issuer_key_hash.as_slice())?,
            serial_number: Int::new(&self.serial)?,
        })
    }

    fn from_asn1(id: &asn1::CertId) -> Result<CertId, RequestError> {
        let hash_algorithm = HashAlgorithm::from_oid(&id.hash_algorithm.oid)
            .ok_or_else(|| RequestError::UnsupportedHash(id.hash_algorithm.oid.to_string()))?;
        let null_parameters = match &id.hash_algorithm.parameters {
            None => false,
            Some(p) if p.is_null() => true,
            Some(_) => return Err(RequestError::HashParameters),
        };
        let expected = hash_algorithm.output_len();
        for hash in [&id.issuer_name_hash, &id.issuer_key_hash] {
            let len = hash.as_bytes().len();
            if len != expected {
                return Err(RequestError::HashLength { algorithm: hash_algorithm, len, expected });
            }
        }
        let serial = id.serial_number.as_bytes();
        if serial.len() > MAX_SERIAL_LEN {
            return Err(RequestError::SerialTooLong(serial.len()));
        }
        Ok(CertId {
            hash_algorithm,
            null_parameters,
            issuer_name_hash: id.issuer_name_hash.as_bytes().to_vec(),
            issuer_key_hash: id.issuer_key_hash.as_bytes().to_vec(),
            serial: serial.to_vec(),
        })
    }
}

/// What a responder needs of a request: the certificates it asks about
/// and the nonce to echo. A request's signature, requestor name and
/// extensions other than the nonce are not used (RFC 6960 lets a
/// responder answer unsigned); critical ones it does not know are refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OcspRequest {
    pub cert_ids: Vec<CertId>,
    /// The nonce's octets (RFC 8954: the value of the OCTET STRING that the
    /// extension's extnValue holds), 1 to 32 of them.
    pub nonce: Option<Vec<u8>>,
}

impl OcspRequest {
    /// Reads a DER OCSPRequest, as POSTed with
    /// `Content-Type: application/ocsp-request`.
    pub fn from_der(der: &[u8]) -> Result<OcspRequest, RequestError> {
        if der.is_empty() {
            return Err(RequestError::Empty);
        }
        if der.len() > MAX_REQUEST_LEN {
            return Err(RequestError::TooLarge(der.len()));
        }
        let req = asn1::OcspRequest::from_der(der).map_err(|e| RequestError::Der(e.to_string()))?;
        let tbs = &req.tbs_request;
        if tbs.version != 0 {
            return Err(RequestError::Version(tbs.version));
        }
        match tbs.request_list.len() {
            0 => return Err(RequestError::NoCertificates),
            n if n > MAX_CERT_IDS => return Err(RequestError::TooManyCertificates(n)),
            _ => {}
        }
        let mut cert_ids = Vec::with_capacity(tbs.request_list.len());
        for r in &tbs.request_list {
            if let Some(exts) = &r.single_request_extensions {
                // No per-certificate extension is understood.
                check_extensions(exts, &[])?;
            }
            cert_ids.push(CertId::from_asn1(&r.req_cert)?);
        }
        let mut nonce = None;
        if let Some(exts) = &tbs.request_extensions {
            check_extensions(exts, &[OID_NONCE])?;
            if let Some(ext) = exts.iter().find(|e| e.extn_id == OID_NONCE) {
                nonce = Some(read_nonce(ext.extn_value.as_bytes())?);
            }
        }
        Ok(OcspRequest { cert_ids, nonce })
    }

    /// Reads the GET form (RFC 6960 appendix A.1): `encoded` is what follows
    /// the responder's path (`/ocsp/`), the URL encoding of the base64 of
    /// the DER request. Either base64 alphabet is taken, padded or not.
    pub fn from_get_path(encoded: &str) -> Result<OcspRequest, RequestError> {
        if encoded.is_empty() {
            return Err(RequestError::Empty);
        }
        // Base64 grows by 4/3, and percent-encoding each of its characters
        // by 3 at most.
        if encoded.len() > (MAX_REQUEST_LEN * 4 / 3 + 4) * 3 {
            return Err(RequestError::TooLarge(encoded.len()));
        }
        let b64: Vec<u8> = percent_encoding::percent_decode_str(encoded).collect();
        // A stray %zz is left as it is by percent_decode, and then fails as
        // base64. The URL-safe alphabet is read as the standard one, and a
        // space as the '+' that a form decoder would have turned it from.
        let b64: Vec<u8> = b64
            .into_iter()
            .map(|b| match b {
                b'-' | b' ' => b'+',
                b'_' => b'/',
                other => other,
            })
            .collect();
        let der = BASE64.decode(&b64).map_err(|e| RequestError::Encoding(e.to_string()))?;
        Self::from_der(&der)
    }

    /// The request as DER (unsigned, version v1), as a client sends it.
    pub fn to_der(&self) -> der::Result<Vec<u8>> {
        let request_list = self
            .cert_ids
            .iter()
            .map(|id| Ok(asn1::Request { req_cert: id.to_asn1()?, single_request_extensions: None }))
            .collect::<der::Result<Vec<_>>>()?;
        let request_extensions = match &self.nonce {
            None => None,
            Some(n) => Some(vec![nonce_extension(n)?]),
        };
        asn1::OcspRequest {
            tbs_request: asn1::TbsRequest { version: 0, requestor_name: None, request_list, request_extensions },
            optional_signature: None,
        }
        .to_der()
    }

    /// The GET path segment of the request: URL-encoded base64 of its DER.
    pub fn to_get_path(&self) -> der::Result<String> {
        let b64 = base64::engine::general_purpose::STANDARD.encode(self.to_der()?);
        Ok(percent_encoding::utf8_percent_encode(&b64, GET_ESCAPES).to_string())
    }
}

/// Standard base64, with or without its padding.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// What base64 holds that a URL path segment cannot carry as it is.
const GET_ESCAPES: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS.add(b'+').add(b'/').add(b'=');

/// The extension that carries a nonce: extnValue is the DER of an OCTET
/// STRING holding it (RFC 8954).
pub(super) fn nonce_extension(nonce: &[u8]) -> der::Result<asn1::Extension> {
    Ok(asn1::Extension {
        extn_id: OID_NONCE,
        critical: false,
        extn_value: OctetString::new(OctetString::new(nonce)?.to_der()?)?,
    })
}

fn read_nonce(extn_value: &[u8]) -> Result<Vec<u8>, RequestError> {
    let inner = OctetString::from_der(extn_value).map_err(|_| RequestError::Nonce("is not an OCTET STRING"))?;
    match inner.as_bytes().len() {
        0 => Err(RequestError::Nonce("is empty")),
        n if n > MAX_NONCE_LEN => Err(RequestError::Nonce("is longer than 32 octets")),
        _ => Ok(inner.as_bytes().to_vec()),
    }
}

/// Each extension at most once; critical ones only if understood.
fn check_extensions(exts: &[asn1::Extension], understood: &[ObjectIdentifier]) -> Result<(), RequestError> {
    for (i, e) in exts.iter().enumerate() {
        if exts[..i].iter().any(|x| x.extn_id == e.extn_id) {
            return Err(RequestError::DuplicateExtension(e.extn_id.to_string()));
        }
        if e.critical && !understood.contains(&e.extn_id) {
            return Err(RequestError::CriticalExtension(e.extn_id.to_string()));
        }
    }
    Ok(())
}
