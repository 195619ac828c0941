//! Building OCSP responses (RFC 6960 4.2, RFC 5019 2.2): a
//! BasicOCSPResponse signed by the authority or its delegated responder.

use der::asn1::{Any, BitString, GeneralizedTime, Null, ObjectIdentifier, OctetString};
use der::{Decode, Encode};
use rcgen::SigningKey;
use spki::AlgorithmIdentifierOwned;
use time::{Duration, OffsetDateTime};
use x509_parser::prelude::{FromDer, X509Certificate};

use super::asn1;
use super::request::{CertId, OcspRequest, RequestError, nonce_extension};
use super::{HashAlgorithm, IssuerHashes};
use crate::model::{KeyAlgorithm, RevocationReason};
use crate::pki::{PkiError, PkiResult, PrivateKey};

/// id-pkix-ocsp-basic, 1.3.6.1.5.5.7.48.1.1.
const OID_OCSP_BASIC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.1");

/// OCSPResponseStatus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ResponseStatus {
    Successful,
    MalformedRequest,
    InternalError,
    TryLater,
    SigRequired,
    Unauthorized,
}

/// The statuses a response without a body has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unsuccessful {
    /// The request could not be read (`RequestError`).
    MalformedRequest,
    /// The responder failed at something that should have worked.
    InternalError,
    /// The responder cannot answer now (the store is busy).
    TryLater,
    SigRequired,
    /// The request is about a certificate of another authority.
    Unauthorized,
}

impl From<Unsuccessful> for ResponseStatus {
    fn from(u: Unsuccessful) -> ResponseStatus {
        match u {
            Unsuccessful::MalformedRequest => ResponseStatus::MalformedRequest,
            Unsuccessful::InternalError => ResponseStatus::InternalError,
            Unsuccessful::TryLater => ResponseStatus::TryLater,
            Unsuccessful::SigRequired => ResponseStatus::SigRequired,
            Unsuccessful::Unauthorized => ResponseStatus::Unauthorized,
        }
    }
}

impl ResponseStatus {
    fn to_asn1(self) -> asn1::ResponseStatus {
        match self {
            ResponseStatus::Successful => asn1::ResponseStatus::Successful,
            ResponseStatus::MalformedRequest => asn1::ResponseStatus::MalformedRequest,
            ResponseStatus::InternalError => asn1::ResponseStatus::InternalError,
            ResponseStatus::TryLater => asn1::ResponseStatus::TryLater,
            ResponseStatus::SigRequired => asn1::ResponseStatus::SigRequired,
            ResponseStatus::Unauthorized => asn1::ResponseStatus::Unauthorized,
        }
    }

    /// The name RFC 6960 gives it.
    pub fn as_str(self) -> &'static str {
        match self {
            ResponseStatus::Successful => "successful",
            ResponseStatus::MalformedRequest => "malformedRequest",
            ResponseStatus::InternalError => "internalError",
            ResponseStatus::TryLater => "tryLater",
            ResponseStatus::SigRequired => "sigRequired",
            ResponseStatus::Unauthorized => "unauthorized",
        }
    }
}

/// What the responder says of one certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CertStatus {
    Good,
    /// Revoked at `time` for `reason`; an unspecified reason is left out
    /// of the response, as it is of the CRL.
    Revoked {
        time: OffsetDateTime,
        reason: RevocationReason,
    },
    /// Never issued by this authority, as far as the responder knows.
    Unknown,
}

impl CertStatus {
    fn to_asn1(self) -> PkiResult<asn1::CertStatus> {
        Ok(match self {
            CertStatus::Good => asn1::CertStatus::Good(Null),
            CertStatus::Unknown => asn1::CertStatus::Unknown(Null),
            CertStatus::Revoked { time, reason } => asn1::CertStatus::Revoked(asn1::RevokedInfo {
                revocation_time: generalized_time(time)?,
                revocation_reason: crl_reason(reason),
            }),
        })
    }
}

fn crl_reason(r: RevocationReason) -> Option<asn1::CrlReason> {
    use asn1::CrlReason as C;
    Some(match r {
        RevocationReason::Unspecified => return None,
        RevocationReason::KeyCompromise => C::KeyCompromise,
        RevocationReason::CertificateAuthorityCompromise => C::CaCompromise,
        RevocationReason::AffiliationChanged => C::AffiliationChanged,
        RevocationReason::Superseded => C::Superseded,
        RevocationReason::CessationOfOperation => C::CessationOfOperation,
        RevocationReason::PrivilegeWithdrawn => C::PrivilegeWithdrawn,
        RevocationReason::AACompromise => C::AaCompromise,
    })
}

/// GeneralizedTime in whole seconds, as RFC 5019 asks.
fn generalized_time(t: OffsetDateTime) -> PkiResult<GeneralizedTime> {
    let secs = u64::try_from(t.unix_timestamp())
        .map_err(|_| PkiError::Invalid(format!("{t} is before 1970 and cannot be in an OCSP response")))?;
    GeneralizedTime::from_unix_duration(std::time::Duration::from_secs(secs))
        .map_err(|e| PkiError::Invalid(format!("{t} cannot be in an OCSP response: {e}")))
}

/// When a response is produced and how long what it says holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResponseTimes {
    pub produced_at: OffsetDateTime,
    /// When the status was known to be correct.
    pub this_update: OffsetDateTime,
    /// When newer information will be available; clients may cache the
    /// response until then. RFC 5019 and the Baseline Requirements want it.
    pub next_update: Option<OffsetDateTime>,
}

impl ResponseTimes {
    /// Produced `now`, true from `now`, next updated `validity` later.
    pub fn new(now: OffsetDateTime, validity: Duration) -> ResponseTimes {
        ResponseTimes { produced_at: now, this_update: now, next_update: Some(now + validity) }
    }
}

/// How a response names its signer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ResponderIdKind {
    /// SHA-1 of the signer's public key, as RFC 5019 recommends.
    #[default]
    ByKey,
    /// The signer's subject name.
    ByName,
}

/// The key that signs responses and the certificate that vouches for it:
/// the authority's own, or a delegated responder's that the authority
/// issued (which the response then carries).
pub struct Signer<'k> {
    key: &'k PrivateKey,
    cert_der: Vec<u8>,
    subject_der: Vec<u8>,
    key_hash: Vec<u8>,
    delegated: bool,
    responder_id: ResponderIdKind,
}

impl std::fmt::Debug for Signer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signer")
            .field("key", self.key)
            .field("delegated", &self.delegated)
            .field("responder_id", &self.responder_id)
            .finish_non_exhaustive()
    }
}

impl<'k> Signer<'k> {
    /// Responses signed by the authority itself.
    pub fn authority(cert_pem: &str, key: &'k PrivateKey) -> PkiResult<Signer<'k>> {
        Self::new(cert_pem, key, false)
    }

    /// Responses signed by a delegated responder: `responder_cert_pem` must
    /// be issued by the authority (`authority_cert_pem`) for OCSP signing,
    /// and `key` be its key.
    pub fn delegated(responder_cert_pem: &str, key: &'k PrivateKey, authority_cert_pem: &str) -> PkiResult<Signer<'k>> {
        let signer = Self::new(responder_cert_pem, key, true)?;
        let (_, cert) = X509Certificate::from_der(&signer.cert_der)
            .map_err(|e| PkiError::Invalid(format!("the responder certificate cannot be parsed: {e}")))?;
        let ocsp_signing = matches!(cert.extended_key_usage(), Ok(Some(eku)) if eku.value.ocsp_signing);
        if !ocsp_signing {
            return Err(PkiError::Invalid(
                "the responder certificate is not for OCSP signing (id-kp-OCSPSigning)".into(),
            ));
        }
        let authority_der = crate::pki::strict_pem::one(authority_cert_pem, "CERTIFICATE")?;
        if !crate::pki::chain::is_signed_by(&signer.cert_der, &authority_der) {
            return Err(PkiError::Invalid("the responder certificate is not issued by the authority".into()));
        }
        Ok(signer)
    }

    fn new(cert_pem: &str, key: &'k PrivateKey, delegated: bool) -> PkiResult<Signer<'k>> {
        let cert_der = crate::pki::strict_pem::one(cert_pem, "CERTIFICATE")?;
        let (_, cert) = X509Certificate::from_der(&cert_der)
            .map_err(|e| PkiError::Invalid(format!("the signer's certificate cannot be parsed: {e}")))?;
        if cert.public_key().raw != key.spki_der().as_slice() {
            return Err(PkiError::Invalid("the key does not belong to the signer's certificate".into()));
        }
        let subject_der = cert.subject().as_raw().to_vec();
        let key_hash = HashAlgorithm::Sha1.digest(&cert.public_key().subject_public_key.data);
        Ok(Signer { key, cert_der, subject_der, key_hash, delegated, responder_id: ResponderIdKind::ByKey })
    }

    pub fn with_responder_id(mut self, kind: ResponderIdKind) -> Signer<'k> {
        self.responder_id = kind;
        self
    }

    pub fn is_delegated(&self) -> bool {
        self.delegated
    }

    fn responder_id(&self) -> PkiResult<asn1::ResponderId> {
        Ok(match self.responder_id {
            ResponderIdKind::ByKey => {
                asn1::ResponderId::ByKey(OctetString::new(self.key_hash.as_slice()).map_err(der_error)?)
            }
            ResponderIdKind::ByName => asn1::ResponderId::ByName(Any::from_der(&self.subject_der).map_err(der_error)?),
        })
    }

    /// The signatureAlgorithm of the key: the project's algorithms
    /// (`keys::signature_algorithm`).
    fn signature_algorithm(&self) -> AlgorithmIdentifierOwned {
        let (oid, null) = match self.key.algorithm() {
            KeyAlgorithm::Rsa2048 | KeyAlgorithm::Rsa3072 | KeyAlgorithm::Rsa4096 => ("1.2.840.113549.1.1.11", true),
            KeyAlgorithm::EcPrime256v1 => ("1.2.840.10045.4.3.2", false),
            KeyAlgorithm::EcSecp384r1 => ("1.2.840.10045.4.3.3", false),
            KeyAlgorithm::EcSecp521r1 => ("1.2.840.10045.4.3.4", false),
        };
        AlgorithmIdentifierOwned { oid: ObjectIdentifier::new_unwrap(oid), parameters: null.then(Any::null) }
    }
}

fn der_error(e: der::Error) -> PkiError {
    PkiError::Crypto("encode the OCSP response", e.to_string())
}

/// A successful, signed OCSPResponse with a SingleResponse for each CertID
/// (echoed as the request has it), and the nonce when one is given.
pub fn build_response(
    signer: &Signer<'_>,
    times: &ResponseTimes,
    answers: &[(CertId, CertStatus)],
    nonce: Option<&[u8]>,
) -> PkiResult<Vec<u8>> {
    let this_update = generalized_time(times.this_update)?;
    let next_update = times.next_update.map(generalized_time).transpose()?;
    let responses = answers
        .iter()
        .map(|(id, status)| {
            Ok(asn1::SingleResponse {
                cert_id: id.to_asn1().map_err(der_error)?,
                cert_status: status.to_asn1()?,
                this_update,
                next_update,
                single_extensions: None,
            })
        })
        .collect::<PkiResult<Vec<_>>>()?;
    let response_extensions = match nonce {
        Some(n) => Some(vec![nonce_extension(n).map_err(der_error)?]),
        None => None,
    };
    let tbs = asn1::ResponseData {
        version: 0,
        responder_id: signer.responder_id()?,
        produced_at: generalized_time(times.produced_at)?,
        responses,
        response_extensions,
    };
    let tbs_der = tbs.to_der().map_err(der_error)?;
    let signature = signer.key.pair().sign(&tbs_der).map_err(PkiError::crypto("sign the OCSP response"))?;
    let certs = match signer.delegated {
        true => Some(vec![Any::from_der(&signer.cert_der).map_err(der_error)?]),
        false => None,
    };
    let basic = asn1::BasicOcspResponse {
        tbs_response_data: tbs,
        signature_algorithm: signer.signature_algorithm(),
        signature: BitString::from_bytes(&signature).map_err(der_error)?,
        certs,
    };
    asn1::OcspResponse {
        response_status: asn1::ResponseStatus::Successful,
        response_bytes: Some(asn1::ResponseBytes {
            response_type: OID_OCSP_BASIC,
            response: OctetString::new(basic.to_der().map_err(der_error)?).map_err(der_error)?,
        }),
    }
    .to_der()
    .map_err(der_error)
}

/// An OCSPResponse that is only its status.
pub fn unsuccessful_response(status: Unsuccessful) -> Vec<u8> {
    asn1::OcspResponse { response_status: ResponseStatus::from(status).to_asn1(), response_bytes: None }
        .to_der()
        .expect("a status alone always encodes")
}

/// A response ready to send as `application/ocsp-response`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    pub status: ResponseStatus,
    pub der: Vec<u8>,
}

impl Response {
    pub fn unsuccessful(status: Unsuccessful) -> Response {
        Response { status: status.into(), der: unsuccessful_response(status) }
    }

    /// The answer to a request that could not be read.
    pub fn malformed(_: &RequestError) -> Response {
        Self::unsuccessful(Unsuccessful::MalformedRequest)
    }
}

/// One authority's responder.
#[derive(Debug)]
pub struct Responder<'a> {
    /// How requests name the authority.
    pub issuer: &'a IssuerHashes,
    pub signer: &'a Signer<'a>,
}

impl Responder<'_> {
    /// Answers a DER request (POST); see `respond_to`.
    pub fn respond(
        &self,
        request_der: &[u8],
        times: &ResponseTimes,
        lookup: impl FnMut(&CertId) -> Result<CertStatus, Unsuccessful>,
    ) -> Response {
        match OcspRequest::from_der(request_der) {
            Ok(request) => self.respond_to(&request, times, lookup),
            Err(e) => Response::malformed(&e),
        }
    }

    /// Answers a request: `unauthorized` if any certificate it asks about
    /// is named by another issuer; otherwise the status `lookup` gives for
    /// each (its error answers the whole request); the nonce echoed.
    pub fn respond_to(
        &self,
        request: &OcspRequest,
        times: &ResponseTimes,
        mut lookup: impl FnMut(&CertId) -> Result<CertStatus, Unsuccessful>,
    ) -> Response {
        if !request.cert_ids.iter().all(|id| self.issuer.matches(id)) {
            return Response::unsuccessful(Unsuccessful::Unauthorized);
        }
        let mut answers = Vec::with_capacity(request.cert_ids.len());
        for id in &request.cert_ids {
            match lookup(id) {
                Ok(status) => answers.push((id.clone(), status)),
                Err(u) => return Response::unsuccessful(u),
            }
        }
        match build_response(self.signer, times, &answers, request.nonce.as_deref()) {
            Ok(der) => Response { status: ResponseStatus::Successful, der },
            Err(_) => Response::unsuccessful(Unsuccessful::InternalError),
        }
    }
}
