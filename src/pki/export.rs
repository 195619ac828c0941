//! `ExportCertificate`: the private key as encrypted PKCS#8.

use pkcs8::der::pem::LineEnding;
use pkcs8::pkcs5::pbes2;

use super::{PkiError, PkiResult};

pub const MIN_PASSPHRASE: usize = 4;
pub const MAX_PASSPHRASE: usize = 128;
const PBKDF2_ITERATIONS: u32 = 100_000;

/// Encrypts a PKCS#8 DER key with PBES2 (PBKDF2-SHA256, AES-256-CBC), the
/// scheme OpenSSL reads by default.
pub fn encrypt_pkcs8(pkcs8_der: &[u8], passphrase: &[u8]) -> PkiResult<String> {
    let mut salt = [0u8; 16];
    let mut iv = [0u8; 16];
    aws_lc_rs::rand::fill(&mut salt).map_err(|_| PkiError::Crypto("draw random bytes", "rng".into()))?;
    aws_lc_rs::rand::fill(&mut iv).map_err(|_| PkiError::Crypto("draw random bytes", "rng".into()))?;
    let params = pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(PBKDF2_ITERATIONS, &salt, iv)
        .map_err(|e| PkiError::Crypto("set up key encryption", e.to_string()))?;
    let info = pkcs8::PrivateKeyInfoRef::try_from(pkcs8_der)
        .map_err(|e| PkiError::Crypto("read the key as PKCS#8", e.to_string()))?;
    let doc =
        info.encrypt_with_params(params, passphrase).map_err(|e| PkiError::Crypto("encrypt the key", e.to_string()))?;
    let pem = doc
        .to_pem("ENCRYPTED PRIVATE KEY", LineEnding::LF)
        .map_err(|e| PkiError::Crypto("encode the key", e.to_string()))?;
    Ok(pem.to_string())
}

/// Decrypts an `ENCRYPTED PRIVATE KEY` PEM back to PKCS#8 DER.
pub fn decrypt_pkcs8(pem_text: &str, passphrase: &[u8]) -> PkiResult<Vec<u8>> {
    let block = pem::parse(pem_text).map_err(|e| PkiError::Invalid(format!("not a PEM key: {e}")))?;
    if block.tag() != "ENCRYPTED PRIVATE KEY" {
        return Err(PkiError::Invalid(format!("expected an ENCRYPTED PRIVATE KEY, found '{}'", block.tag())));
    }
    let info = pkcs8::EncryptedPrivateKeyInfoRef::try_from(block.contents())
        .map_err(|e| PkiError::Invalid(format!("the encrypted key cannot be parsed: {e}")))?;
    let doc =
        info.decrypt(passphrase).map_err(|_| PkiError::Invalid("the passphrase does not decrypt the key".into()))?;
    Ok(doc.as_bytes().to_vec())
}

/// Checks that a PEM text is an encrypted PKCS#8 key, without decrypting it.
pub fn check_encrypted_pem(pem_text: &str) -> PkiResult<()> {
    let der = super::strict_pem::one(pem_text, "ENCRYPTED PRIVATE KEY")
        .map_err(|e| PkiError::Invalid(e.to_string().replace("a ENCRYPTED", "an ENCRYPTED")))?;
    pkcs8::EncryptedPrivateKeyInfoRef::try_from(der.as_slice())
        .map_err(|e| PkiError::Invalid(format!("the encrypted key cannot be parsed: {e}")))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::KeyAlgorithm;
    use crate::pki::PrivateKey;

    #[test]
    fn round_trip_and_wrong_passphrase() {
        let key = PrivateKey::generate(KeyAlgorithm::EcPrime256v1).unwrap();
        let pem = encrypt_pkcs8(key.pkcs8_der(), b"correct horse").unwrap();
        assert!(pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        assert_eq!(decrypt_pkcs8(&pem, b"correct horse").unwrap(), key.pkcs8_der());
        assert!(decrypt_pkcs8(&pem, b"wrong").is_err());
    }
}
