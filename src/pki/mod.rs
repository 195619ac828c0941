//! Keys and certificates: building, signing and reading them. No I/O.

pub mod chain;
pub mod export;
pub mod import;
pub mod inspect;
pub mod keys;
pub mod ocsp;
pub mod profile;
pub mod serial;
pub mod strict_pem;

pub use inspect::CertInfo;
pub use keys::PrivateKey;

#[derive(Debug, thiserror::Error)]
pub enum PkiError {
    /// Input that cannot be used: not PEM, the wrong key, …
    #[error("{0}")]
    Invalid(String),
    /// The crypto library failed at something that should have worked.
    #[error("could not {0}: {1}")]
    Crypto(&'static str, String),
}

impl PkiError {
    pub fn crypto(what: &'static str) -> impl FnOnce(rcgen::Error) -> PkiError {
        move |e| PkiError::Crypto(what, e.to_string())
    }
}

pub type PkiResult<T> = Result<T, PkiError>;
