//! OCSP (RFC 6960, in the lightweight profile of RFC 5019): reading
//! requests and building signed responses. No I/O: a responder is
//!
//! 1. [`OcspRequest::from_der`] (POST) or [`OcspRequest::from_get_path`]
//!    (GET), an error of which is answered `malformedRequest`;
//! 2. [`IssuerHashes::matches`] on each [`CertId`], to tell a request for
//!    this authority from one for another (`unauthorized`);
//! 3. the status of each serial from the store, through the closure given
//!    to [`Responder::respond_to`];
//! 4. a response signed by the authority or by its delegated responder
//!    ([`Signer`]).
//!
//! [`Responder::respond`] does all four for one authority.

mod asn1;
mod request;
mod response;

#[cfg(test)]
mod tests;

use der::asn1::ObjectIdentifier;
use x509_parser::prelude::{FromDer, X509Certificate};

pub use request::{CertId, MAX_CERT_IDS, MAX_NONCE_LEN, MAX_REQUEST_LEN, MAX_SERIAL_LEN, OcspRequest, RequestError};
pub use response::{
    CertStatus, Responder, ResponderIdKind, Response, ResponseStatus, ResponseTimes, Signer, Unsuccessful,
    build_response, unsuccessful_response,
};

use super::{PkiError, PkiResult};

/// The hash a CertID names its issuer with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HashAlgorithm {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl HashAlgorithm {
    pub const ALL: [HashAlgorithm; 4] =
        [HashAlgorithm::Sha1, HashAlgorithm::Sha256, HashAlgorithm::Sha384, HashAlgorithm::Sha512];

    pub fn oid(self) -> ObjectIdentifier {
        match self {
            HashAlgorithm::Sha1 => ObjectIdentifier::new_unwrap("1.3.14.3.2.26"),
            HashAlgorithm::Sha256 => ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1"),
            HashAlgorithm::Sha384 => ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2"),
            HashAlgorithm::Sha512 => ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3"),
        }
    }

    pub fn from_oid(oid: &ObjectIdentifier) -> Option<HashAlgorithm> {
        Self::ALL.into_iter().find(|a| a.oid() == *oid)
    }

    fn digest_algorithm(self) -> &'static aws_lc_rs::digest::Algorithm {
        match self {
            HashAlgorithm::Sha1 => &aws_lc_rs::digest::SHA1_FOR_LEGACY_USE_ONLY,
            HashAlgorithm::Sha256 => &aws_lc_rs::digest::SHA256,
            HashAlgorithm::Sha384 => &aws_lc_rs::digest::SHA384,
            HashAlgorithm::Sha512 => &aws_lc_rs::digest::SHA512,
        }
    }

    pub fn output_len(self) -> usize {
        self.digest_algorithm().output_len()
    }

    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        aws_lc_rs::digest::digest(self.digest_algorithm(), data).as_ref().to_vec()
    }
}

impl std::fmt::Display for HashAlgorithm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            HashAlgorithm::Sha1 => "SHA-1",
            HashAlgorithm::Sha256 => "SHA-256",
            HashAlgorithm::Sha384 => "SHA-384",
            HashAlgorithm::Sha512 => "SHA-512",
        })
    }
}

/// How CertIDs name an authority: the hashes of its subject name and of its
/// public key, for each hash algorithm. Computed once per authority.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuerHashes {
    /// (algorithm, issuerNameHash, issuerKeyHash) for each of `HashAlgorithm::ALL`.
    hashes: Vec<(HashAlgorithm, Vec<u8>, Vec<u8>)>,
}

impl IssuerHashes {
    /// The hashes of the authority whose certificate this is.
    pub fn from_der(cert_der: &[u8]) -> PkiResult<IssuerHashes> {
        let (_, cert) = X509Certificate::from_der(cert_der)
            .map_err(|e| PkiError::Invalid(format!("the authority certificate cannot be parsed: {e}")))?;
        let name = cert.subject().as_raw();
        let key = &cert.public_key().subject_public_key.data;
        let hashes = HashAlgorithm::ALL.into_iter().map(|a| (a, a.digest(name), a.digest(key))).collect();
        Ok(IssuerHashes { hashes })
    }

    pub fn from_pem(cert_pem: &str) -> PkiResult<IssuerHashes> {
        Self::from_der(&super::strict_pem::one(cert_pem, "CERTIFICATE")?)
    }

    fn get(&self, algorithm: HashAlgorithm) -> (&[u8], &[u8]) {
        let (_, name, key) = self.hashes.iter().find(|(a, ..)| *a == algorithm).expect("every algorithm is hashed");
        (name, key)
    }

    pub fn name_hash(&self, algorithm: HashAlgorithm) -> &[u8] {
        self.get(algorithm).0
    }

    pub fn key_hash(&self, algorithm: HashAlgorithm) -> &[u8] {
        self.get(algorithm).1
    }

    /// Whether `id` names a certificate this authority issued. Both hashes
    /// must match: a name is not unique to a key, nor a key to a name.
    pub fn matches(&self, id: &CertId) -> bool {
        let (name, key) = self.get(id.hash_algorithm);
        id.issuer_name_hash == name && id.issuer_key_hash == key
    }

    /// The CertID a client would send for `serial` (INTEGER content
    /// octets), with the NULL hash parameters that openssl writes.
    pub fn cert_id(&self, algorithm: HashAlgorithm, serial: &[u8]) -> CertId {
        let (name, key) = self.get(algorithm);
        CertId {
            hash_algorithm: algorithm,
            null_parameters: true,
            issuer_name_hash: name.to_vec(),
            issuer_key_hash: key.to_vec(),
            serial: serial.to_vec(),
        }
    }
}
