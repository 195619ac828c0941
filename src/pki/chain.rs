//! Whether certificates certify one another, by their signatures.

use x509_parser::prelude::*;

use super::{PkiError, PkiResult};

/// The DER of every CERTIFICATE block of a PEM text, in order.
pub fn pem_certificates(text: &str) -> PkiResult<Vec<Vec<u8>>> {
    let blocks = ::pem::parse_many(text).map_err(|e| PkiError::Invalid(format!("not valid PEM: {e}")))?;
    blocks
        .into_iter()
        .map(|b| {
            if b.tag() == "CERTIFICATE" {
                Ok(b.into_contents())
            } else {
                Err(PkiError::Invalid(format!("expected CERTIFICATE blocks, found '{}'", b.tag())))
            }
        })
        .collect()
}

/// True when `issuer_der`'s key made the signature on `child_der`.
pub fn is_signed_by(child_der: &[u8], issuer_der: &[u8]) -> bool {
    let (Ok((_, child)), Ok((_, issuer))) =
        (X509Certificate::from_der(child_der), X509Certificate::from_der(issuer_der))
    else {
        return false;
    };
    child.verify_signature(Some(issuer.public_key())).is_ok()
}

/// Why `issuer_der` is not the signer of `child_der`, if it is not.
fn signature_problem(child_der: &[u8], issuer_der: &[u8]) -> Option<&'static str> {
    let (Ok((_, child)), Ok((_, issuer))) =
        (X509Certificate::from_der(child_der), X509Certificate::from_der(issuer_der))
    else {
        return Some("cannot be parsed");
    };
    match child.verify_signature(Some(issuer.public_key())) {
        Ok(()) => None,
        // DSA, P-192, RSA under 1024 bits and the like cannot be checked,
        // so they cannot be trusted to link the chain either.
        Err(X509Error::SignatureUnsupportedAlgorithm) => {
            Some("uses a signature algorithm or key that cannot be checked")
        }
        Err(_) => Some("did not sign"),
    }
}

/// Checks that each certificate of `chain` signed the one before it,
/// starting with `leaf`. Names the position (1-based in the chain) of the
/// first link that fails, and why.
pub fn check_chain(leaf: &[u8], chain: &[Vec<u8>]) -> Result<(), String> {
    let mut child = leaf;
    for (i, issuer) in chain.iter().enumerate() {
        if let Some(problem) = signature_problem(child, issuer) {
            let what = if i == 0 { "the certificate".to_string() } else { format!("chain certificate {i}") };
            return Err(match problem {
                "did not sign" => format!("chain certificate {} did not sign {what}", i + 1),
                other => format!("the signature of chain certificate {} on {what} {other}", i + 1),
            });
        }
        child = issuer;
    }
    Ok(())
}
